"""How stored codes of the clinical vocabulary are shown to clinicians: one phrasebook
(``practice/data/phrasebook.toml``, loaded by ``practice.clinical.phrasebook``) and two questions.

``label(code)`` is the label in lists, headings, options and tables ("Wrist and hand");
``in_sentence(code)`` the lower-case form inside a sentence ("recorded at the wrist and hand",
"Static stretching contraindicated: ..."). A code with no row in the phrasebook falls back to
its catalogue label, then to its own words: codes are snake_case words, so most need no row.
"""

from __future__ import annotations

import re
from enum import Enum

from practice.clinical.catalogues import (
    JOINT_MOVEMENTS,
    MUSCLE_GROUPS,
    PULSE_SITES,
    RED_FLAGS,
    SPECIAL_TESTS,
)
from practice.clinical.phrasebook import load_phrasebook
from practice.clinical.vocabulary import Side

_CODE = re.compile(r"[a-z][a-z0-9_]*")
_CATALOGUES = (RED_FLAGS, MUSCLE_GROUPS, JOINT_MOVEMENTS, SPECIAL_TESTS, PULSE_SITES)


def label(code: str | Enum | None) -> str:
    if code is None:
        return ""
    text = _text(code)
    phrase = load_phrasebook().get(text)
    if phrase is not None and phrase.label is not None:
        return phrase.label
    for catalogue in _CATALOGUES:
        if text in catalogue:
            return catalogue[text].label[:1].upper() + catalogue[text].label[1:]
    return text.replace("_", " ").capitalize()


def in_sentence(code: str | Enum) -> str:
    """The code as words inside a sentence: the phrasebook's form, or the label lower-cased
    unless it opens with an abbreviation ("TENS")."""
    phrase = load_phrasebook().get(_text(code))
    if phrase is not None and phrase.in_sentence is not None:
        return phrase.in_sentence
    shown = label(code)
    return shown if shown[1:2].isupper() else shown[:1].lower() + shown[1:]


def site_text(region: str | Enum, side: str | Enum | None) -> str:
    """A treatment site as every page and letter writes it: "Neck", "Thigh, right". A side that
    does not apply (a midline or whole-body site) is not written."""
    shown = label(region)
    if side is None or _text(side) == Side.NOT_APPLICABLE:
        return shown
    return f"{shown}, {label(side).lower()}"


def is_code(text: str) -> bool:
    """A stored code (``gluteus_medius``) rather than words someone typed."""
    return bool(_CODE.fullmatch(text))


def _text(code: str | Enum) -> str:
    return str(code.value if isinstance(code, Enum) else code)
