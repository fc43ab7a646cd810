import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_page_shapes import SERIOUS
from tests.factories import DEFAULT_PASSWORD, make_plan, make_user


def test_record_a_visit_against_the_issued_plan_sign_it_and_add_an_addendum(app, page):
    with app.app_context():
        user = make_user(email="physio@example.org")
        patient_id = make_plan(user).patient_id  # Ivy Stone: four exercises and a massage

    page.goto("/login")
    page.get_by_label("Email").fill("physio@example.org")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"/patients/{patient_id}")
    page.get_by_role("link", name="New visit note").click()
    expect(page.get_by_role("heading", name="New visit note")).to_be_visible()
    page.get_by_label("Pain before").fill("5")
    page.get_by_label("Pain after").fill("3")
    page.get_by_role("textbox", name="Subjective").fill("Stairs easier this week.")

    massage = page.get_by_role("group", name="Soft-tissue massage")
    expect(massage).to_have_count(1)
    expect(massage.get_by_label("Duration (min)")).to_be_hidden()  # shown once ticked
    massage.get_by_role("checkbox", name="Soft-tissue massage").check()
    massage.get_by_label("Duration (min)").fill("15")
    bridge = page.get_by_role("group", name="Bridge", exact=True)
    bridge.get_by_role("checkbox", name="Bridge", exact=True).check()
    bridge.get_by_label("Reviewed").check()

    log = page.get_by_role("region", name="Exercise log brought back")
    log.get_by_label("Weekly log sheets brought back").fill("1")
    log.get_by_label(re.compile(r"^\d\. Bridge")).fill("9")  # a week has seven days
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("9 days is more than the log has")).to_be_visible()
    findings = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in SERIOUS]
    assert findings == []  # the refused form, its messages included (the shapes check the rest)
    expect(page.get_by_role("textbox", name="Subjective")).to_have_value("Stairs easier this week.")
    page.get_by_role("region", name="Exercise log brought back").get_by_label(
        re.compile(r"^\d\. Bridge")
    ).fill("3")
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_text("Visit note saved as a draft")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Bridge"))).to_contain_text(
        "100 % · adherent"  # 3 days of the 3 prescribed a week
    )
    page.get_by_role("button", name="Sign note").click()
    expect(page.get_by_text("Tick to confirm that you have checked the note.")).to_be_visible()
    page.get_by_label(re.compile("I have checked this note")).check()
    page.get_by_role("button", name="Sign note").click()
    expect(page.get_by_text("Note signed.")).to_be_visible()
    expect(page.get_by_role("link", name="Edit draft")).to_have_count(0)

    page.get_by_text("Add an addendum").click()
    page.get_by_label("Reason").fill("Late entry")
    page.get_by_label("Addendum").fill("Advised ice after the session.")
    page.get_by_role("button", name="Add addendum").click()
    expect(page.get_by_text("Advised ice after the session.")).to_be_visible()
