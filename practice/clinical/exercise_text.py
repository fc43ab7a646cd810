"""Exercise text with one source of truth: the side words come from the plan, the numbers only
from the dosage line.

A catalogue exercise's steps, feel, cautions and easier and harder versions name no side, time,
count, frequency or load of their own. Where a sentence needs the side, it says so with a
placeholder, which ``render`` fills from the side of the plan item's dosage:

==============  ==================  ==================  ==============================
placeholder     left (right)        both, alternate     for example
==============  ==================  ==================  ==============================
``{working}``   your left (right)   one                 Put {working} foot on the step.
``{other}``     your other          the other           Keep {other} foot on the floor.
``{same}``      your left (right)   the same            Tip {working} ear toward {same}
                                                        shoulder.
==============  ==================  ==================  ==============================

``{Working}``, ``{Other}`` and ``{Same}`` start a sentence ("Your left", "One"). Each form is a
whole noun phrase, so "Put one foot on the step" and "Put your left foot on the step" are both
plain English, and the other side is never named ("your other foot"): so text printed for the
left side holds no "right", and the dosage line is the one place that says "both" or "swap".

``claims(text)`` finds what a text says of its own about a side, a time, a count, a frequency
or a load; ``disagreements(text, dosage)`` keeps those a printed text says and its dosage does
not. The catalogue editor and the seed loader refuse any claim in what is written (a template
may state none); the handout test checks every printed text against its dosage.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from practice.clinical.vocabulary import ExerciseSide

_ONE_SIDE = {ExerciseSide.LEFT: "your left", ExerciseSide.RIGHT: "your right"}
_NEITHER = {"working": "one", "other": "the other", "same": "the same"}
PLACEHOLDERS: tuple[str, ...] = ("working", "other", "same")
"""The placeholder names, lower case; each may also be written capitalised to start a sentence."""

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_KNOWN = frozenset(PLACEHOLDERS) | {name.capitalize() for name in PLACEHOLDERS}


class TextError(ValueError):
    """A template that cannot be rendered: an unknown placeholder or a stray brace."""


def _phrase(name: str, side: ExerciseSide) -> str:
    if side in _ONE_SIDE:
        return "your other" if name == "other" else _ONE_SIDE[side]
    # Both sides, alternate sides, and a side not given: the neutral words read right for all.
    return _NEITHER[name]


def placeholders_in(text: str) -> list[str]:
    """The placeholder names a text uses, in order, as written (``Working`` stays capitalised)."""
    return _PLACEHOLDER.findall(text)


def placeholder_problems(text: str, *, sided: bool) -> list[str]:
    """What is wrong with the placeholders of a template, in words for whoever wrote it."""
    problems = []
    unknown = [name for name in placeholders_in(text) if name not in _KNOWN]
    if unknown:
        known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        problems.append(
            f"Unknown placeholder {', '.join('{' + name + '}' for name in unknown)}: "
            f"use {known} (capitalised to start a sentence)."
        )
    elif "{" in _PLACEHOLDER.sub("", text) or "}" in _PLACEHOLDER.sub("", text):
        problems.append("A brace is not closed: write placeholders as {working}.")
    if not sided and placeholders_in(text) and not unknown:
        problems.append(
            "This exercise has no side (side “Not applicable”), so it cannot use {working}, "
            "{other} or {same}."
        )
    return problems


def render(text: str, side: ExerciseSide | str) -> str:
    """The template with its placeholders filled for the side; raises ``TextError`` for an
    unknown placeholder or a stray brace."""
    side = ExerciseSide(side)

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in _KNOWN:
            raise TextError(f"Unknown placeholder {{{name}}} in {text!r}")
        phrase = _phrase(name.lower(), side)
        return phrase[:1].upper() + phrase[1:] if name[0].isupper() else phrase

    rendered = _PLACEHOLDER.sub(fill, text)
    if "{" in rendered or "}" in rendered:
        raise TextError(f"A brace is not closed in {text!r}")
    return rendered


# What a text claims ---------------------------------------------------------------------------


class ClaimKind(StrEnum):
    SIDE = "side"
    DURATION = "time"
    COUNT = "count"
    FREQUENCY = "frequency"
    LOAD = "load"


@dataclass(frozen=True)
class Claim:
    """Something a text says of its own: the words, and the value it stands for.

    ``value`` is a number (seconds, minutes, weeks, a count, times a day, days a week, kg or an
    effort), a side word ("left", "right", "both"), a band colour, or None where the words give
    no number ("a few minutes").
    """

    kind: ClaimKind
    words: str
    unit: str
    value: Any


_COUNT_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "a couple of": 2,
    "a few": None,
    "few": None,
    "several": None,
}
_TIME_WORDS = _COUNT_WORDS | {"a": 1, "an": 1, "some": None}


def _alternatives(words: Mapping[str, Any]) -> str:
    """Digits or one of the words, longest first so that "a few" is not read as "a"."""
    spelled = sorted((re.escape(word) for word in words), key=len, reverse=True)
    return r"(?P<number>\d+(?:\.\d+)?|" + "|".join(spelled) + ")"


_COUNT = _alternatives(_COUNT_WORDS)
_TIME = _alternatives(_TIME_WORDS)
_UNITS = {
    "second": "seconds",
    "sec": "seconds",
    "s": "seconds",
    "minute": "minutes",
    "min": "minutes",
    "hour": "hours",
    "week": "weeks",
}
_PERIOD = r"(?P<period>day|night|week|hour|morning|evening)"
_FREQUENCY_WORDS = {
    "daily": ("per day", 1),
    "nightly": ("per day", 1),
    "weekly": ("per week", 1),
    "every day": ("days per week", 7),
    "each day": ("days per week", 7),
    "every night": ("days per week", 7),
    "each night": ("days per week", 7),
    "every week": ("per week", 1),
    "each week": ("per week", 1),
    "every morning": ("days per week", 7),
    "every evening": ("days per week", 7),
    "every hour": ("per hour", 1),
}
_EVERY = r"(?:a|an|per|each|every)"
# The order matters: the words of a frequency ("3 times a day") are not read again as a count.
_PATTERNS: tuple[tuple[ClaimKind, re.Pattern[str]], ...] = (
    (
        ClaimKind.FREQUENCY,
        re.compile(rf"\b(?:{_COUNT}\s+times|(?P<once>once|twice))\s+{_EVERY}\s+{_PERIOD}\b"),
    ),
    (ClaimKind.FREQUENCY, re.compile(rf"\b{_COUNT}\s+days?\s+{_EVERY}\s+week\b")),
    (ClaimKind.FREQUENCY, re.compile(r"\b(?P<word>" + "|".join(_FREQUENCY_WORDS) + r")\b")),
    (
        ClaimKind.DURATION,
        re.compile(rf"\b{_TIME}(?:\s+to\s+\w+)?[\s-]+(?P<unit>seconds?|minutes?|hours?|weeks?)\b"),
    ),
    (ClaimKind.DURATION, re.compile(r"\b(?P<number>\d+)\s*(?P<unit>s|secs?|mins?)\b")),
    (ClaimKind.DURATION, re.compile(rf"\bcount(?:ing)?\s+(?:of|to)\s+(?:about\s+)?{_COUNT}\b")),
    (
        ClaimKind.COUNT,
        re.compile(rf"\b{_COUNT}\s+(?:more\s+)?(?P<unit>times|sets?|reps?|repetitions?|rounds?)\b"),
    ),
    (ClaimKind.COUNT, re.compile(r"\b(?P<once>twice)\b")),
    (ClaimKind.LOAD, re.compile(rf"\b{_COUNT}\s*(?P<unit>kg|kilos?|kilograms?)\b")),
    (
        ClaimKind.LOAD,
        re.compile(r"\b(?P<colour>yellow|red|green|blue|black|silver|gold)\s+band\b"),
    ),
    (ClaimKind.LOAD, re.compile(rf"\beffort\s+(?:of\s+|at\s+)?(?:about\s+)?{_COUNT}\b")),
    (
        ClaimKind.SIDE,
        re.compile(
            r"\b(?:(?:both|each|either|alternate|alternating)\s+sides?|"
            r"(?:swap|switch)(?:\s+(?:sides|legs|arms|feet|hands|over))?|"
            r"change\s+(?:sides|legs|arms|feet|hands)|"
            r"(?:then|repeat)\b[^.]{0,30}\bother\s+(?:side|leg|arm|foot|hand))\b"
        ),
    ),
    (
        ClaimKind.SIDE,
        re.compile(r"(?<!all )\b(?P<side>left|right)\b(?!\s+(?:away|now|angles?)\b)"),
    ),
)


def _number(match: re.Match[str]) -> Any:
    groups = match.groupdict()
    if groups.get("once"):
        return 1 if groups["once"] == "once" else 2
    word = groups.get("number")
    if word is None:
        return None
    if word in _TIME_WORDS:
        return _TIME_WORDS[word]
    number = float(word)
    return int(number) if number.is_integer() else number


def _claim(kind: ClaimKind, match: re.Match[str], words: str) -> Claim:
    groups = match.groupdict()
    if kind is ClaimKind.SIDE:
        return Claim(kind, words, "side", groups.get("side") or "both")
    if kind is ClaimKind.FREQUENCY:
        if groups.get("word"):
            unit, value = _FREQUENCY_WORDS[groups["word"]]
            return Claim(kind, words, unit, value)
        if groups.get("period"):
            return Claim(kind, words, f"per {groups['period']}", _number(match))
        return Claim(kind, words, "days per week", _number(match))
    if kind is ClaimKind.DURATION:
        unit = groups.get("unit") or "seconds"  # "a count of five" counts seconds
        return Claim(kind, words, _UNITS.get(unit.rstrip("s") or "s", unit), _number(match))
    if kind is ClaimKind.COUNT:
        unit = (groups.get("unit") or "times").rstrip("s")
        return Claim(
            kind, words, {"rep": "repetition", "time": "repetition"}.get(unit, unit), _number(match)
        )
    if groups.get("colour"):
        return Claim(kind, words, "band", groups["colour"])
    return Claim(kind, words, "effort" if "effort" in match.group(0) else "kg", _number(match))


def claims(text: str) -> list[Claim]:
    """Everything the text says of its own about a side, a time, a count, a frequency or a load,
    kind by kind; the words of one claim are not read again for another."""
    found = []
    rest = text.lower()
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(rest):
            found.append(_claim(kind, match, text[match.start() : match.end()]))
        rest = pattern.sub(lambda match: " " * len(match.group(0)), rest)
    return found


def _agrees(claim: Claim, dosage: Mapping[str, Any]) -> bool:
    """Whether the dosage says what the claim says; a claim without a number never agrees."""
    value = claim.value
    if claim.kind is ClaimKind.SIDE:
        side = str(dosage.get("side") or "")
        return value == side or (value == "both" and side in ("both", "alternate"))
    if value is None:
        return False
    load = dosage.get("load")
    wanted = {
        "seconds": (dosage.get("hold_seconds"), dosage.get("rest_seconds")),
        "minutes": (dosage.get("duration_minutes"),),
        "weeks": (dosage.get("programme_weeks"),),
        "repetition": (dosage.get("reps"),),
        "set": (dosage.get("sets"),),
        "per day": (dosage.get("times_per_day"),),
        "days per week": (dosage.get("days_per_week"),),
        "band": (getattr(load, "band", None),),
        "kg": (getattr(load, "amount", None) if _load_kind(load) == "kilograms" else None,),
        "effort": (getattr(load, "amount", None) if _load_kind(load) == "effort" else None,),
    }.get(claim.unit, ())
    return any(number is not None and str(number) == str(value) for number in wanted)


def _load_kind(load: Any) -> str:
    return str(getattr(load, "kind", "") or "")


def disagreements(text: str, dosage: Mapping[str, Any]) -> list[Claim]:
    """The claims of a printed text that its dosage does not make (a plan item's dosage, or any
    mapping with the fields of ``ExerciseDosage``)."""
    return [claim for claim in claims(text) if not _agrees(claim, dosage)]


def template_problems(text: str, *, sided: bool) -> list[str]:
    """Why a catalogue text may not be saved: placeholder faults, and any side, time, count,
    frequency or load it states of its own. Empty when it is fine."""
    problems = placeholder_problems(text, sided=sided)
    said = claims(_PLACEHOLDER.sub("", text))
    if said:
        quoted = ", ".join(f"“{claim.words}”" for claim in said)
        problems.append(
            f"It says {quoted} itself. Leave sides, times, counts, how often and loads to the "
            "dosage, which prints them for each patient; for the side, write {working}, "
            "{other} or {same}."
        )
    return problems
