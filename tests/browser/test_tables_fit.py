"""The sections' tables on a phone (390 px) and a tablet (768 px): nothing is cut
(issue 14 point 7, where muscle names showed as "Qu"). A table wider than the screen scrolls in
its own box; what is in it is shown whole: the option chosen in a list, the number in a field,
the words of a cell. (A free-text field scrolls what is typed beyond its width, as every text box
does; the overview shows it whole.)"""

from __future__ import annotations

from datetime import date

import pytest

from practice.extensions import db
from tests.factories import (
    DEFAULT_PASSWORD,
    FINDINGS_RECORD,
    make_assessment,
    make_patient,
    make_user,
)

# The sections that enter rows in tables.
TABLED = ("subjective", "strength", "posture", "mobility", "circulation", "spasms")
WIDTHS = (390, 768)

CUT_TEXT = """() => {
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '');
  const rendered = e => e.checkVisibility({visibilityProperty: true});
  const context = document.createElement('canvas').getContext('2d');
  const room = (e, style) =>
    e.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const problems = [];
  for (const e of document.querySelectorAll('main *')) {
    if (!rendered(e) || e.closest('.visually-hidden')) continue;
    const style = getComputedStyle(e);
    let text = null;
    if (e instanceof HTMLSelectElement) text = e.selectedOptions[0]?.text ?? '';
    else if (e instanceof HTMLInputElement && e.type === 'number') text = e.value;
    if (text !== null) {  // the chosen option or the number, against the room inside the field
      context.font = style.font;
      const needs = Math.ceil(context.measureText(text).width);
      const has = Math.round(room(e, style));
      if (needs > has + 1) problems.push(`${name(e)} shows "${text}" in ${has} px of ${needs}`);
      continue;
    }
    if (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement) continue;
    const wider = e.scrollWidth > e.clientWidth + 1;
    const clips = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    if (wider && (clips || e instanceof HTMLTableCellElement)) {  // cut, or out of its cell
      const words = e.innerText.trim().slice(0, 40);
      problems.push(`${name(e)} cuts "${words}": ${e.scrollWidth} px in ${e.clientWidth}`);
    }
  }
  return problems;
}"""


@pytest.fixture
def pages(app) -> list[tuple[str, str]]:
    """The objective sections of a draft re-assessment holding a record of every kind, its
    overview, its comparison with the finalised assessment before it, and that assessment."""
    with app.app_context():
        user = make_user(email="tables@ours.example")
        patient = make_patient(author=user)
        earlier = make_assessment(patient, record=FINDINGS_RECORD, finalised=True)
        draft = make_assessment(patient, record=FINDINGS_RECORD, seen_on=date(2026, 4, 6))
        db.session.commit()
        earlier_id, draft_id = earlier.id, draft.id
    return [
        *((f"section {key}", f"/assessments/{draft_id}/sections/{key}") for key in TABLED),
        ("draft assessment", f"/assessments/{draft_id}"),
        ("finalised assessment", f"/assessments/{earlier_id}"),
        ("comparison", f"/assessments/{draft_id}/compare"),
    ]


def test_no_text_is_cut_in_the_section_tables_on_a_phone_or_a_tablet(page, pages):
    page.goto("/login")
    page.get_by_label("Email").fill("tables@ours.example")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: not url.endswith("/login"))
    problems = []
    for name, url in pages:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            if width == WIDTHS[0]:
                response = page.goto(url)
                assert response is not None
                assert response.status == 200, (name, response.status)
            problems += [f"{name} at {width} px: {problem}" for problem in page.evaluate(CUT_TEXT)]
    assert not problems, "\n".join(problems)


def _sign_in(page) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill("tables@ours.example")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: not url.endswith("/login"))


SCROLLING_TABLES = """() => [...document.querySelectorAll('.table-responsive')]
  .filter(box => box.scrollWidth > box.clientWidth + 1)
  .map(box => (box.querySelector('caption, th') || box).innerText.trim().slice(0, 40))"""


def test_on_a_desktop_every_table_is_shown_whole(page, pages):
    """At 1280 px nothing should need a sideways scroll: the flexibility tests' right side was
    out of view there."""
    _sign_in(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    scrolling = {}
    for name, url in pages:
        page.goto(url)
        if tables := page.evaluate(SCROLLING_TABLES):
            scrolling[name] = tables
    assert scrolling == {}


def test_the_comparison_charts_print_at_reading_size_on_a_phone(page, pages):
    """The bars' names and figures: drawn too wide, they shrank to 6 px text at 390 px."""
    _sign_in(page)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(dict(pages)["comparison"])
    heights = page.evaluate(
        """() => [...document.querySelectorAll('svg.comparison-chart text')]
             .map(text => parseFloat(getComputedStyle(text).fontSize)
                          * text.ownerSVGElement.getScreenCTM().a)"""
    )
    assert heights, "no chart on the comparison"
    assert min(heights) >= 11.5, heights
