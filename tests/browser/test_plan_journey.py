import re
from datetime import date, timedelta

from playwright.sync_api import expect

from practice.extensions import db
from tests.factories import (
    DEFAULT_PASSWORD,
    PLAN_RECORD,
    make_assessment,
    make_flag,
    make_patient,
    make_user,
)

MASSAGE = "Soft-tissue massage (technique)"


def _scripts_ready(page) -> None:
    """The page's deferred scripts have run (they run before DOMContentLoaded): a link that
    forms.js fetches in place, clicked before, is followed as a plain link (it was once, under
    load, on the plan builder)."""
    page.wait_for_load_state("domcontentloaded")


def test_build_screen_and_issue_a_plan(app, page):
    with app.app_context():
        user = make_user(email="physio@example.org")
        patient = make_patient(author=user, given_names="Ivy", family_name="Stone")
        make_flag(patient, kind="active_implant", detail="pacemaker")
        make_flag(patient, kind="anticoagulants")
        assessment_id = make_assessment(patient, record=PLAN_RECORD, finalised=True).id
        db.session.commit()

    page.goto("/login")
    page.get_by_label("Email").fill("physio@example.org")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"/assessments/{assessment_id}")
    page.get_by_role("button", name="Build a treatment plan").click()
    expect(
        page.get_by_role("heading", name=re.compile("Treatment plan · version 1"))
    ).to_be_visible()
    _scripts_ready(page)

    # Three proposals a problem; the rest are put in place without leaving the page.
    groups = page.locator(".proposal-group")
    for number in range(groups.count()):
        more = groups.nth(number).get_by_role("link", name=re.compile("more for this problem"))
        if more.count():
            url = page.url
            more.click()
            expect(
                groups.nth(number).get_by_role("link", name=re.compile("more for"))
            ).to_have_count(0)
            assert page.url == url
    blocked = page.locator(".proposal[data-verdict='contraindicated']").filter(has_text="NMES")
    expect(blocked.first).to_contain_text("active implanted device")

    main = page.locator(".proposal-group").first  # weak gluteus medius: strengthening first
    expect(main).to_contain_text("Main problem")
    proposal = main.locator(".proposal[data-verdict='allowed']").filter(has_text="Clam").first
    proposal.get_by_role("button", name=re.compile("^Add Clam")).click()
    expect(page.get_by_text(re.compile(r"Clam.* added to the plan\."))).to_be_visible()
    _scripts_ready(page)

    catalogue = page.get_by_role("region", name="Add from the catalogue")
    catalogue.get_by_role("link", name="Choose any technique or exercise").click()  # in place
    catalogue.get_by_label("Technique or exercise").select_option(
        label="Soft-tissue massage (technique)"
    )
    catalogue.get_by_label("Treatment site").select_option("thigh")
    catalogue.get_by_label("Side", exact=True).select_option("right")
    catalogue.get_by_role("button", name="Add to plan").click()
    expect(page.get_by_role("alert").first).to_contain_text("Acknowledge the precaution")
    catalogue = page.get_by_role("region", name="Add from the catalogue")
    catalogue.get_by_label("Technique or exercise").select_option(
        label="Soft-tissue massage (technique)"
    )
    catalogue.get_by_label("Treatment site").select_option("thigh")
    catalogue.get_by_label("Side", exact=True).select_option("right")
    catalogue.get_by_label("I have considered the precaution").check()
    catalogue.get_by_role("button", name="Add to plan").click()
    expect(page.get_by_text("Precaution acknowledged by")).to_be_visible()

    target = (date.today() + timedelta(weeks=6)).isoformat()
    goals = page.get_by_role("region", name="Goals")
    goals.get_by_label("Measure").select_option("nprs_now")
    goals.get_by_label("Target").select_option("<=")
    goals.get_by_label("Value").fill("2")
    goals.get_by_label("By").fill(target)
    goals.get_by_role("button", name="Add goal").click()
    expect(goals.get_by_text(re.compile(r"Pain now \(NPRS\) ≤ 2 by"))).to_be_visible()

    schedule = page.get_by_role("region", name="Frequency, duration and review")
    schedule.get_by_label("Sessions a week").fill("2")
    schedule.get_by_label("For (weeks)").fill("6")
    schedule.get_by_label("Review on").fill(target)
    schedule.get_by_role("button", name="Save schedule").click()

    page.get_by_role("button", name="Issue plan to the patient").click()
    expect(page.get_by_text("Version 1 issued to the patient.")).to_be_visible()
    expect(page.get_by_role("button", name="Start a new version")).to_be_visible()
