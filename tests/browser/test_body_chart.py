"""The body chart in the real Chromium: two areas marked with the keyboard alone (Tab, Space), the
drawing showing the mark and the focus, saved, and read back on the assessment page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from practice.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_assessment, make_patient, make_user

MOST_TABS = 200  # more than the controls of the subjective section before the chart's last box


def _tab_to(page, name: str) -> None:
    """Press Tab until the checkbox named ``name`` has the focus."""
    target = page.get_by_role("checkbox", name=name, exact=True)
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("box => box === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {name!r}")


def _class(name: str) -> re.Pattern:
    return re.compile(rf"(^|\s){name}(\s|$)")


def test_two_areas_marked_with_the_keyboard_are_saved_and_shown(app, page):
    with app.app_context():
        user = make_user(email="chart@example.org", display_name="Chris Chart")
        draft = make_assessment(make_patient(author=user)).id
        db.session.commit()
    page.goto("/login")
    page.get_by_label("Email").fill("chart@example.org")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"/assessments/{draft}/sections/subjective")

    page.get_by_label("Presenting complaint").focus()
    _tab_to(page, "Lower back, back")
    page.keyboard.press("Space")
    lower_back = page.locator('.body-chart .area[data-area="back.lower_back"]')
    expect(lower_back).to_have_class(_class("is-symptoms"))  # marked
    expect(lower_back).to_have_class(_class("is-focused"))  # and ringed as the focus
    _tab_to(page, "Left knee, front")
    page.keyboard.press("Space")
    expect(lower_back).not_to_have_class(_class("is-focused"))  # the ring moved on
    expect(lower_back).to_have_class(_class("is-symptoms"))
    knee = page.locator('.body-chart .area[data-area="front.knee.left"]')
    expect(knee).to_have_class(_class("is-symptoms"))
    expect(knee).to_have_class(_class("is-focused"))
    expect(page.get_by_role("checkbox", name="Left knee, front")).to_be_checked()
    expect(page.locator('[data-site-details="knee.left"]')).to_be_visible()
    expect(page.locator('[data-site-details="knee.right"]')).to_be_hidden()

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Subjective saved as a draft.")).to_be_visible()
    page.goto(f"/assessments/{draft}")
    summary = page.locator("#body-chart-sites")
    expect(summary.get_by_text("Lower back (back)")).to_be_visible()
    expect(summary.get_by_text("Left knee (front)")).to_be_visible()
    marked = page.locator(".body-chart .area.is-symptoms")
    expect(marked).to_have_count(2)
    assert sorted(marked.evaluate_all("areas => areas.map(a => a.dataset.area)")) == [
        "back.lower_back",
        "front.knee.left",
    ]
