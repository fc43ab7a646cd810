"""Findings as clinicians see them: words without internal codes, the source beside them.

The section of the clinical reference stays in the data (``Finding.section``); the pages show it
as a small tooltip ("Clinical reference, section 4.3"), never inside the finding's words.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest

from practice.clinical.findings import findings_for
from practice.demo.records import PRESENTATIONS, demo_patient
from tests.factories import (
    FINDINGS_RECORD,
    make_assessment,
    make_patient,
    make_plan,
    signed_in_user,
)

INTERNAL_CODE = re.compile(
    r"\(\d+(?:\.\d+)*\)"  # a bare section in brackets: "(7.11)", "(0.9)", "(9)"
    r"|\[[VUD]\]"  # the reference's verification marks
    r"|\b(?:reference|section) \d+\.\d+"  # "reference 0.10", "section 4.3"
)
SOURCE_TITLE = re.compile(r"Clinical reference, section (\d+(?:\.\d+)?)")


class _FindingReader(HTMLParser):
    """The words of every ``.finding`` element (its ``.finding-source`` left out) and the
    sections its sources name."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.sources: list[str] = []
        self._open: list[str] = []  # the classes of the elements open inside a finding

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if self._open:
            self._open.append("finding-source" if "finding-source" in classes else "")
        elif "finding" in classes:
            self._open.append("finding")
            self.texts.append("")
        if tag == "abbr" and (match := SOURCE_TITLE.fullmatch(attributes.get("title") or "")):
            self.sources.append(match[1])

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()
            if not self._open:
                self.texts[-1] = self.texts[-1].strip()

    def handle_data(self, data):
        if self._open and "finding-source" not in self._open:
            self.texts[-1] += data


def read_findings(html: str) -> _FindingReader:
    reader = _FindingReader()
    reader.feed(html)
    return reader


def assert_no_internal_codes(texts: list[str]) -> None:
    assert texts, "the page shows no finding text"
    leaked = [text for text in texts if INTERNAL_CODE.search(text)]
    assert not leaked, leaked


def assessment_page(app, client, record) -> str:
    with app.app_context():
        patient = make_patient(author=signed_in_user())
        assessment_id = make_assessment(patient, record=record).id
    response = client.get(f"/assessments/{assessment_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_assessment_page_shows_findings_without_codes_and_each_source_beside_it(
    app, client, me
):
    expected = findings_for(FINDINGS_RECORD)
    page = read_findings(assessment_page(app, client, FINDINGS_RECORD))
    assert page.texts == [finding.summary for finding in expected]
    assert_no_internal_codes(page.texts)
    assert page.sources == [finding.section for finding in expected]


def test_the_checker_would_catch_a_code_in_the_words():
    """The pattern is not vacuous: the forms the findings used to take are all caught."""
    for leaked in (
        "Weak quadriceps (right): 3/5 (7.11)",
        "against reference 120° [U]",
        "Hip extension (0.9)",
        "see reference 0.10",
        "Pain 5/10 now (9)",
    ):
        assert INTERNAL_CODE.search(leaked), leaked
    assert not INTERNAL_CODE.search(
        "Hip flexion 75 % of normal (left): active 90° against reference 120° (sources disagree)"
    )


@pytest.mark.parametrize("index", range(len(PRESENTATIONS)))
def test_demo_records_show_no_codes_in_their_findings(app, client, me, index):
    person = demo_patient(seed=7, index=index, today=date(2026, 6, 1))
    for record in filter(None, (person.first, person.follow_up)):
        page = read_findings(assessment_page(app, client, record))
        assert_no_internal_codes(page.texts)
        assert len(page.sources) == len(page.texts)


# The builder adds exercises to the left leg, which the record's DVT would block.
WITHOUT_RED_FLAGS = replace(
    FINDINGS_RECORD, subjective=replace(FINDINGS_RECORD.subjective, red_flags=())
)


def test_plan_proposals_name_their_sources_beside_the_addresses_line(app, client, me):
    with app.app_context():
        plan = make_plan(signed_in_user(), record=WITHOUT_RED_FLAGS, issue=False)
        plan_id = plan.id
        sections = {finding.section for finding in findings_for(WITHOUT_RED_FLAGS)}
    page = read_findings(client.get(f"/plans/{plan_id}").get_data(as_text=True))
    addresses = [text for text in page.texts if text.startswith("addresses: ")]
    assert addresses, "no proposal shows what it addresses"
    assert_no_internal_codes(addresses)
    assert page.sources, "no proposal names a source"
    assert set(page.sources) <= sections
