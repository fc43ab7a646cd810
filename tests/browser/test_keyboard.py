"""Every main form filled and sent with the keyboard alone, and a focus that is seen (issue 14
point 6): Tab and Shift+Tab move, typing fills, Space ticks, arrows choose, Enter presses.

At every focus stop the focused element must be on screen with a focus indicator (an outline, or
a box-shadow ring, at least 2 px) whose colour contrasts at least 3:1 with what is behind it
(WCAG 2.2, 1.4.11 and 2.4.7). On every page the Tab order must reach each focusable element (none
hidden, none skipped, focus never trapped), and no element may set a positive tabindex.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from practice.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_patient, make_plan, make_user

EMAIL = "keys@ours.example"
LEAST_CONTRAST = 3.0

FOCUS = """(target) => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  e.dataset.stop ??= String(document.querySelectorAll('[data-stop]').length);
  const channels = text => (text.match(/[\\d.]+/g) || []).map(Number);
  const over = (top, bottom) => {  // a colour with alpha laid over an opaque one
    const [r, g, b, a = 1] = channels(top);
    return [r, g, b].map((value, i) => value * a + bottom[i] * (1 - a));
  };
  let behind = [255, 255, 255];
  const layers = [];
  for (let node = e.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if ((channels(colour)[3] ?? 1) > 0) layers.push(colour);
    if ((channels(colour)[3] ?? 1) === 1) break;
  }
  for (const colour of layers.reverse()) behind = over(colour, behind);
  const luminance = rgb => {
    const [r, g, b] = rgb.map(v => v / 255)
      .map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (one, two) => {
    const [light, dark] = [luminance(one), luminance(two)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
  };
  const style = getComputedStyle(e);
  let ring = null;
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
    ring = style.outlineColor;
  } else if (style.boxShadow !== 'none') {
    const colour = style.boxShadow.match(/^rgba?\\([^)]*\\)/);
    const spread = parseFloat(style.boxShadow.replace(/^rgba?\\([^)]*\\)/, '').split('px')[3]);
    if (colour && spread >= 2) ring = colour[0];
  }
  const box = e.getBoundingClientRect();
  const label = e.labels?.[0]?.innerText || e.getAttribute('aria-label') || e.innerText
                || e.value || '';
  return {
    stop: e.dataset.stop,
    name: `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${label.trim().slice(0, 40)}"`,
    shown: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
           && box.right > 0 && box.left < innerWidth && style.visibility !== 'hidden',
    contrast: ring ? contrast(over(ring, behind), behind) : 0,
    tabbable: e.dataset.tabbable ?? null,
    isTarget: e === target,
  };
}"""

TABBABLE = """() => {
  const candidates = document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable]');
  const seen = new Set();
  return [...candidates].filter(e => {
    if (e.disabled || e.type === 'hidden' || e.tabIndex < 0 || e.closest('[inert]')) return false;
    // not rendered: hidden, or inside a closed <details> (whose summary is still a stop)
    if (!e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})) return false;
    if (e.type === 'radio') {  // a radio group is one stop
      if (seen.has(e.name)) return false;
      seen.add(e.name);
    }
    return true;
  }).map((e, index) => {
    e.dataset.tabbable = String(index);
    return {index: String(index), name: e.outerHTML.slice(0, 100)};
  });
}"""


class Keyboard:
    """Moves through a page with the keyboard only, checking every focus stop on the way."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []

    def _check_stop(self, target=None) -> dict:
        """The focused element, checked; an empty dict when nothing has the focus."""
        stop = self.page.evaluate(FOCUS, target)
        if stop is None:
            return {}
        where = f"{self.page.url.split('/', 3)[-1]}: {stop['name']}"
        if not stop["shown"]:
            self.problems.append(f"{where} has the focus but is not on screen")
        if stop["contrast"] < LEAST_CONTRAST:
            self.problems.append(
                f"{where}: focus indicator contrast {stop['contrast']:.2f}:1 (none if 0)"
            )
        return stop

    def tab_to(self, target, *, backwards: bool = False, most: int = 400) -> None:
        """Tab (or Shift+Tab) until ``target`` has the focus, checking each stop."""
        handle = target.element_handle()
        for _ in range(most):
            self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
            if self._check_stop(handle).get("isTarget"):
                return
        raise AssertionError(f"{target} is never reached with {'Shift+' if backwards else ''}Tab")

    def type(self, target, text: str) -> None:
        self.tab_to(target)
        self.page.keyboard.type(text)

    def press(self, target, key: str = "Enter") -> None:
        self.tab_to(target)
        self.page.keyboard.press(key)

    def submit(self, target) -> None:
        """Enter on a button that sends its form, and wait for the page it loads."""
        self.tab_to(target)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def choose(self, target, value: str) -> None:
        """Arrow up or down a list until ``value`` is chosen."""
        self.tab_to(target)
        values = target.evaluate("select => [...select.options].map(option => option.value)")
        steps = values.index(value) - values.index(target.input_value())
        for _ in range(abs(steps)):
            self.page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
        assert target.input_value() == value, f"{value!r} is not chosen with the arrows in {target}"

    def whole_page(self) -> None:
        """One lap of Tab from the top: every tabbable element is reached, in a page that sets
        no positive tabindex, and the lap comes back to the first stop, from which Shift+Tab
        goes back to the last (focus is trapped nowhere)."""
        page = self.page
        positive = page.evaluate(
            "() => [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0)"
            ".map(e => e.outerHTML.slice(0, 80))"
        )
        self.problems += [f"{page.url}: positive tabindex on {html}" for html in positive]
        tabbable = page.evaluate(TABBABLE)
        page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
        page.keyboard.press("Tab")
        first = page.evaluate("() => document.activeElement.dataset.tabbable")
        reached, previous = {first}, first
        for _ in range(4 * len(tabbable) + 4):  # a date field takes a Tab for each part
            page.keyboard.press("Tab")
            now = self._check_stop().get("tabbable")
            if now == first:
                break
            reached.add(now)
            previous = now
        page.keyboard.press("Shift+Tab")
        back = page.evaluate("() => document.activeElement?.dataset.tabbable ?? null")
        if back not in (previous, None):
            self.problems.append(f"{page.url}: Shift+Tab from the first stop went to {back}")
        missed = [item["name"] for item in tabbable if item["index"] not in reached]
        self.problems += [f"{page.url}: never reached with Tab: {name}" for name in missed]


@pytest.fixture
def records(app) -> dict[str, int]:
    with app.app_context():
        user = make_user(email=EMAIL, display_name="Kay Board")
        patient = make_patient(author=user, given_names="Ada", family_name="Lane")
        draft = make_plan(user, issue=False, goals=0)
        issued = make_plan(user)
        db.session.commit()
        return {"patient_id": patient.id, "plan_id": draft.id, "issued_plan_id": issued.id}


@pytest.fixture
def keys(page: Page) -> Keyboard:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(reduced_motion="reduce")  # Bootstrap's rings then appear at once
    return Keyboard(page)


def _signed_in(keys: Keyboard) -> None:
    page = keys.page
    page.goto("/login")
    keys.whole_page()
    keys.type(page.get_by_label("Email"), EMAIL)
    keys.type(page.get_by_label("Password"), DEFAULT_PASSWORD)
    keys.submit(page.get_by_role("button", name="Sign in"))
    expect(page.get_by_text("Signed in as Kay Board.")).to_be_visible()


def test_sign_in_a_new_patient_and_an_assessment_section_by_keyboard(keys: Keyboard, records):
    page = keys.page
    _signed_in(keys)
    keys.whole_page()

    keys.submit(page.get_by_role("link", name=re.compile("new patient", re.IGNORECASE)).first)
    keys.whole_page()
    keys.type(page.get_by_label("Given names"), "Edith")
    keys.type(page.get_by_label("Family name"), "Clarke")
    keys.type(page.get_by_label("Date of birth"), "05021948")  # mm dd yyyy, as the field reads
    keys.choose(page.get_by_label("Sex"), "female")
    keys.tab_to(page.get_by_label("Family name"), backwards=True)
    keys.submit(page.get_by_role("button", name="Save patient"))
    expect(page.get_by_text("Edith Clarke added.")).to_be_visible()

    keys.submit(page.get_by_role("button", name="Start assessment"))
    keys.whole_page()
    keys.type(page.get_by_label("Presenting complaint"), "Weak right hip")
    keys.type(page.get_by_label("Pain now (NPRS)"), "4")
    page.keyboard.press("Enter")  # Enter in a field of a long form does not send it
    keys.tab_to(page.get_by_label("Warmth"))
    page.keyboard.press("Space")
    expect(page.get_by_label("Warmth")).to_be_checked()
    keys.submit(page.get_by_role("button", name="Save draft"))
    expect(page.get_by_text("Subjective saved as a draft.")).to_be_visible()
    expect(page.get_by_label("Pain now (NPRS)")).to_have_value("4")
    expect(page.get_by_label("Warmth")).to_be_checked()
    assert not keys.problems, "\n".join(keys.problems)


def test_the_flag_and_consent_forms_on_the_patient_page_by_keyboard(keys: Keyboard, records):
    page = keys.page
    _signed_in(keys)
    page.goto(f"/patients/{records['patient_id']}")
    keys.whole_page()

    keys.press(page.get_by_role("link", name="Add a flag"))
    expect(page.get_by_role("heading", name="Add a flag")).to_be_focused()
    keys.choose(page.get_by_label("Flag", exact=True), "dvt")
    keys.tab_to(page.get_by_label("Lower leg (calf and shin)"))
    page.keyboard.press("Space")
    keys.choose(page.get_by_label("Side", exact=True), "left")
    keys.type(page.get_by_label("Detail", exact=True), "Suspected, awaiting scan")
    keys.submit(page.get_by_role("button", name="Add flag"))
    expect(page.get_by_text("Suspected or confirmed DVT or thrombophlebitis").first).to_be_visible()

    keys.press(page.get_by_role("link", name="Record consent"))  # the form is put in its place
    consent = page.locator("form[action$='/consents']")
    expect(consent).to_be_visible()
    expect(page.get_by_role("heading", name="Record consent")).to_be_focused()
    keys.whole_page()
    keys.choose(consent.get_by_label("Consent to"), "dry_needling")
    keys.choose(consent.get_by_label("Given by"), "guardian")
    keys.type(consent.get_by_label("Risks discussed"), "Bruising, soreness")
    keys.tab_to(consent.get_by_label("Capacity to consent confirmed"))
    page.keyboard.press("Space")
    keys.submit(consent.get_by_role("button", name="Record consent"))
    expect(page.get_by_role("region", name="Consent")).to_contain_text("Dry needling")
    assert not keys.problems, "\n".join(keys.problems)


def test_the_plan_builder_issue_and_handout_options_by_keyboard(keys: Keyboard, records):
    page = keys.page
    _signed_in(keys)
    page.goto(f"/plans/{records['plan_id']}")
    keys.whole_page()

    proposal = page.locator(".proposal[data-verdict='allowed'] button[aria-label^='Add ']").first
    keys.submit(proposal)
    expect(page.get_by_role("status").first).to_contain_text("added to the plan")

    target = (date.today() + timedelta(weeks=6)).strftime("%m%d%Y")
    goals = page.get_by_role("region", name="Goals")
    keys.choose(goals.get_by_label("Measure"), "nprs_now")
    keys.choose(goals.get_by_label("Target"), "<=")
    keys.type(goals.get_by_label("Value"), "2")
    keys.type(goals.get_by_label("By"), target)
    keys.submit(goals.get_by_role("button", name="Add goal"))
    expect(goals.get_by_text(re.compile(r"Pain now \(NPRS\) ≤ 2 by"))).to_be_visible()

    schedule = page.get_by_role("region", name="Frequency, duration and review")
    keys.type(schedule.get_by_label("Review on"), target)
    keys.submit(schedule.get_by_role("button", name="Save schedule"))
    keys.submit(page.get_by_role("button", name="Issue plan to the patient"))
    expect(page.get_by_text(re.compile(r"Version \d+ issued to the patient\."))).to_be_visible()
    keys.whole_page()

    print_form = page.locator("form[action$='/handout'][method='get']")
    keys.choose(print_form.get_by_label("Paper"), "letter")
    keys.tab_to(print_form.get_by_label(re.compile("Large print")))
    page.keyboard.press("Space")
    keys.submit(print_form.get_by_role("button", name="Open print page"))
    expect(page).to_have_url(re.compile(r"large_print=y"))
    keys.whole_page()
    assert not keys.problems, "\n".join(keys.problems)


def test_the_patient_list_and_an_issued_plan_pass_the_focus_checks(keys: Keyboard, records):
    _signed_in(keys)
    for url in ("/patients/", f"/plans/{records['issued_plan_id']}"):
        keys.page.goto(url)
        keys.whole_page()
    assert not keys.problems, "\n".join(keys.problems)
