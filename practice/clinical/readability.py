"""Flesch-Kincaid grade of the patient-facing text of a handout (8.4: grade 7 or lower here).

``textstat`` is a test-time dependency (the ``test`` extra, pinned to 0.7.8, which works offline;
later releases download NLTK data at run time). So this module is imported only by tests and by
code that runs under test or bench, never by the app at start-up: nothing in ``practice`` outside
this file imports it. If the handout editor gets the live readability checker 8.4 describes,
``textstat`` moves to the runtime dependencies first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import textstat

TARGET_GRADE = 7
"""The highest Flesch-Kincaid grade a patient text may read at (8.4: grade 6-8 or lower)."""

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class ReadabilityReport:
    grade: float
    """Flesch-Kincaid grade of the whole text."""
    worst_sentence: str
    worst_sentence_grade: float
    sentences: int

    @property
    def within_target(self) -> bool:
        return self.grade <= TARGET_GRADE and self.worst_sentence_grade <= TARGET_GRADE


def _as_sentence(text: str) -> str:
    """A title or label with no full stop is still a line of its own to the reader; without one,
    textstat would run it into the next sentence and count one long sentence."""
    return text if text.endswith((".", "!", "?")) else f"{text}."


def handout_readability(texts: Iterable[str]) -> ReadabilityReport:
    """The grade of all the texts read as one, and the hardest sentence (first one on a tie).

    Sentences are split after ``.``, ``!`` or ``?`` followed by white space."""
    lines = [_as_sentence(text.strip()) for text in texts if text.strip()]
    if not lines:
        raise ValueError("A readability report needs some text")
    sentences = [sentence for line in lines for sentence in _SENTENCE_END.split(line)]
    grades = [textstat.flesch_kincaid_grade(sentence) for sentence in sentences]
    worst = max(range(len(sentences)), key=grades.__getitem__)
    return ReadabilityReport(
        grade=textstat.flesch_kincaid_grade(" ".join(lines)),
        worst_sentence=sentences[worst],
        worst_sentence_grade=grades[worst],
        sentences=len(sentences),
    )
