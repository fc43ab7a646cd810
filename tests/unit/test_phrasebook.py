"""One phrasebook of clinician-facing labels: every code a form, record or plan shows reads as
words, abbreviations stay in capitals, and a bad row of ``phrasebook.toml`` is refused."""

from __future__ import annotations

import copy
from collections.abc import Callable
from enum import Enum
from typing import Any

import pytest

from practice.clinical import assessment_data, catalogues, dosage, vocabulary
from practice.clinical.labels import in_sentence, label
from practice.clinical.phrasebook import PHRASEBOOK_FILE, phrasebook_from_document
from practice.clinical.screening import Verdict
from practice.clinical.tables import read_data_file
from practice.clinical.vocabulary import BodyRegion, TechniqueKind

SHIPPED = read_data_file(PHRASEBOOK_FILE)
ABBREVIATIONS = {
    "abi",
    "crt",
    "dvt",
    "fpi",
    "icd",
    "lsi",
    "mmt",
    "nmes",
    "nprs",
    "pad",
    "pnf",
    "tens",
}
"""Abbreviations of the reference's glossary that appear in stored codes."""


def shown_enums() -> list[type[Enum]]:
    """The enums whose values forms, records, plans and handouts show."""
    modules = (vocabulary, assessment_data, catalogues, dosage)
    found = [
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, Enum)
        and value.__module__ == module.__name__
    ]
    return [*found, Verdict]


CODES = [
    pytest.param(member, id=f"{enum.__name__}.{member.value}")
    for enum in shown_enums()
    for member in enum
    if member.value  # OxfordModifier.NONE is shown as nothing
]


@pytest.mark.parametrize("code", CODES)
def test_every_shown_code_has_a_readable_label(code):
    shown = label(code)

    assert shown.strip(), code
    assert "_" not in shown, shown
    assert not shown[:1].islower(), shown
    for word in str(code.value).split("_"):
        if word in ABBREVIATIONS:
            assert word.upper() in shown, f"{code.value!r} shows as {shown!r}"


@pytest.mark.parametrize("code", CODES)
def test_every_shown_code_reads_inside_a_sentence(code):
    words = in_sentence(code)

    assert words.strip()
    assert "_" not in words
    assert not words[:1].isupper() or words[1:2].isupper(), words


# The wording screening reasons and findings have always used for these codes.
IN_SENTENCE = {
    BodyRegion.ANTERIOR_NECK: "front of the neck",
    BodyRegion.LOWER_LEG: "lower leg",
    BodyRegion.PELVIS: "pelvis",
    BodyRegion.WRIST_HAND: "wrist and hand",
    BodyRegion.WHOLE_BODY: "whole body",
    TechniqueKind.STATIC_STRETCH: "static stretching",
    TechniqueKind.PNF_STRETCH: "PNF stretching",
    TechniqueKind.TENS: "TENS",
    TechniqueKind.INTERFERENTIAL: "interferential current",
    TechniqueKind.COLD: "cold therapy",
    TechniqueKind.AEROBIC_CIRCULATION: "aerobic or circulation exercise",
}


@pytest.mark.parametrize(("code", "words"), IN_SENTENCE.items(), ids=str)
def test_regions_and_techniques_keep_their_in_sentence_words(code, words):
    assert in_sentence(code) == words


def test_a_label_and_its_in_sentence_form_may_differ():
    assert label(BodyRegion.LOWER_LEG) == "Lower leg (calf and shin)"
    assert in_sentence(BodyRegion.LOWER_LEG) == "lower leg"
    assert label("dvt") == "Suspected or confirmed DVT or thrombophlebitis"
    assert in_sentence("dvt") == "suspected or confirmed DVT or thrombophlebitis"


def test_a_code_without_a_row_falls_back_to_its_catalogue_label_or_its_words():
    assert label("gluteus_medius") == "Gluteus medius"
    assert in_sentence("upper_back") == "upper back"
    assert label("something_new") == "Something new"


def test_every_region_reads_as_words_inside_a_sentence():
    for region in BodyRegion:
        words = in_sentence(region)
        assert words, region
        assert "_" not in words, region
        assert words[:1].islower() or words[1:2].isupper(), words


def broken(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    document = copy.deepcopy(SHIPPED)
    change(document)
    return document


def row_of(document: dict[str, Any], key: str) -> dict[str, Any]:
    return next(row for row in document["labels"] if row["key"] == key)


BAD_DOCUMENTS: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    (
        "neither label nor in_sentence",
        lambda d: d["labels"].append({"key": "new_code", "source": "x"}),
        "'new_code': field 'label': give a label, an in_sentence form or both",
    ),
    (
        "a key that is not a code",
        lambda d: d["labels"].append({"key": "Smoking", "label": "Smoking", "source": "x"}),
        "field 'key': must be a stored code",
    ),
    (
        "a capitalised in_sentence form",
        lambda d: row_of(d, "anterior_neck").update(in_sentence="Front of the neck"),
        "'anterior_neck': field 'in_sentence': starts in lower case",
    ),
    (
        "an empty label",
        lambda d: row_of(d, "dvt").update(label=" "),
        "'dvt': field 'label': must be non-empty text",
    ),
    (
        "duplicate key",
        lambda d: d["labels"].append(copy.deepcopy(row_of(d, "dvt"))),
        "'dvt': field 'key': duplicate key",
    ),
    (
        "a region without its in-sentence form",
        lambda d: d["labels"].remove(row_of(d, "knee")),
        "no in_sentence form for knee",
    ),
    (
        "a technique without its in-sentence form",
        lambda d: row_of(d, "tens").pop("in_sentence"),
        "no in_sentence form for tens",
    ),
    (
        "unknown field",
        lambda d: row_of(d, "dvt").update(plural="DVTs"),
        "'dvt': field 'plural': unknown field",
    ),
]


@pytest.mark.parametrize(
    ("change", "message"),
    [case[1:] for case in BAD_DOCUMENTS],
    ids=[case[0] for case in BAD_DOCUMENTS],
)
def test_a_bad_row_is_refused_naming_the_row(change, message):
    with pytest.raises(ValueError, match=r"^phrasebook\.toml: ") as refused:
        phrasebook_from_document(broken(change))

    assert message in str(refused.value)
