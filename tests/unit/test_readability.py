"""Readability of handout text (8.4): the whole text and its hardest sentence, grade 7 or below."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import textstat

from practice.clinical.readability import TARGET_GRADE, ReadabilityReport, handout_readability
from practice.seed import load_seed_catalogue

PRACTICE = Path(__file__).resolve().parents[2] / "practice"


@pytest.fixture(scope="module")
def catalogue():
    return load_seed_catalogue()


def test_the_report_grades_the_whole_text_and_names_the_hardest_sentence():
    hard = "Intermittent claudication necessitates comprehensive vascular investigation."
    report = handout_readability(["Walk every day. Rest when you need to.", hard])
    assert report.sentences == 3
    assert report.worst_sentence == hard
    assert report.worst_sentence_grade == textstat.flesch_kincaid_grade(hard)
    assert report.grade == textstat.flesch_kincaid_grade(
        f"Walk every day. Rest when you need to. {hard}"
    )
    assert report.worst_sentence_grade > TARGET_GRADE
    assert not report.within_target


def test_a_title_without_a_full_stop_is_read_as_its_own_line():
    title, item = "Night-time leg cramps", "Keep the bedding loose around your feet."
    report = handout_readability([title, item])
    assert report.sentences == 2
    assert report.grade == textstat.flesch_kincaid_grade(f"{title}. {item}")


def test_on_a_tie_the_first_hardest_sentence_is_reported():
    report = handout_readability(["Walk a bit.", "Walk a bit."])
    assert report.worst_sentence == "Walk a bit."
    assert report.sentences == 2


def test_blank_texts_are_skipped_and_no_text_is_refused():
    assert handout_readability(["", "  ", "Walk a bit."]).sentences == 1
    with pytest.raises(ValueError, match="some text"):
        handout_readability(["", " "])


def test_plain_text_is_within_target():
    report = handout_readability(["Walk a bit each day.", "Stop if it hurts."])
    assert isinstance(report, ReadabilityReport)
    assert report.within_target


@pytest.mark.parametrize("kind", ["advice", "red_flags"])
def test_every_advice_and_seek_help_item_reads_at_grade_seven_or_below_as_a_whole(catalogue, kind):
    reports = {
        item.key: handout_readability(item.patient_texts()) for item in getattr(catalogue, kind)
    }
    too_hard = {
        key: (report.grade, report.worst_sentence, report.worst_sentence_grade)
        for key, report in reports.items()
        if not report.within_target
    }
    assert too_hard == {}


def test_all_advice_and_seek_help_text_together_reads_at_grade_seven_or_below(catalogue):
    texts = [
        text for item in (*catalogue.advice, *catalogue.red_flags) for text in item.patient_texts()
    ]
    report = handout_readability(texts)
    assert report.within_target, (report.grade, report.worst_sentence)


def test_only_the_readability_module_imports_textstat_in_the_app():
    """textstat is a test-time dependency: the app must not import it at start-up."""
    importers = []
    for path in sorted(PRACTICE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [f"{node.module or ''}.{alias.name}" for alias in node.names]
            else:
                continue
            if any(
                name.split(".")[0] == "textstat" or "readability" in name.split(".")
                for name in names
            ):
                importers.append(path.relative_to(PRACTICE).as_posix())
    assert importers == ["clinical/readability.py"]
