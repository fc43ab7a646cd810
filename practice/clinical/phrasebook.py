"""The phrasebook: the reviewed wording of stored codes (``practice/data/phrasebook.toml``).

``practice.clinical.labels`` is the API (``label`` and ``in_sentence``); this module only loads
and validates the file, and imports nothing of the catalogues, so ``catalogues`` may read it too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from practice.clinical.tables import Row, read_data_file, rows
from practice.clinical.vocabulary import BodyRegion, TechniqueKind

PHRASEBOOK_FILE = "phrasebook.toml"
CODE_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
IN_SENTENCE_REQUIRED: tuple[type[BodyRegion] | type[TechniqueKind], ...] = (
    BodyRegion,
    TechniqueKind,
)
"""The codes every reason and finding sentence names: each needs its in-sentence form."""


@dataclass(frozen=True)
class Phrase:
    label: str | None  # None: the catalogue label or the code's own words
    in_sentence: str | None  # None: the label, lower-cased unless it opens with an abbreviation


@cache
def load_phrasebook() -> Mapping[str, Phrase]:
    """Read and validate the phrasebook shipped inside the package."""
    return phrasebook_from_document(read_data_file(PHRASEBOOK_FILE))


def phrasebook_from_document(document: Mapping[str, Any]) -> Mapping[str, Phrase]:
    """Validate a parsed ``phrasebook.toml``; raises ValueError naming the row and field."""
    phrases = dict(rows(document, PHRASEBOOK_FILE, "labels", _phrase, ("label", "in_sentence")))
    missing = [
        code.value
        for vocabulary in IN_SENTENCE_REQUIRED
        for code in vocabulary
        if phrases.get(code.value, Phrase(None, None)).in_sentence is None
    ]
    if missing:
        raise ValueError(f"{PHRASEBOOK_FILE}: no in_sentence form for {', '.join(missing)}")
    return MappingProxyType(phrases)


def _phrase(row: Row) -> tuple[str, Phrase]:
    if not CODE_PATTERN.fullmatch(row.key):
        raise row.error("key", "must be a stored code such as 'wrist_hand'")
    texts = {field: row.text(field) for field in ("label", "in_sentence") if field in row.table}
    if not texts:
        raise row.error("label", "give a label, an in_sentence form or both")
    in_sentence = texts.get("in_sentence")
    if in_sentence is not None and in_sentence[:1].isupper() and not in_sentence[1:2].isupper():
        raise row.error("in_sentence", "starts in lower case unless it opens with an abbreviation")
    return row.key, Phrase(texts.get("label"), in_sentence)
