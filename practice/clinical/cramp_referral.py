"""The cramp referral rules of 6.2, raised as red flags from the recorded cramp patterns.

6.2 (NHS-style referral rules [V]):

- urgent, same day: a cramp lasting more than 10 minutes that does not ease with stretching or
  exercise; cramps after a wound that could be tetanus-prone or after exposure to toxins;
- GP review: frequent cramps, cramps disturbing sleep or affecting quality of life, cramps with
  numbness or swelling, muscles shrinking or weakening.

Each raised rule is a red flag of ``catalogues.RED_FLAGS`` (section "6.2") and, like the red
flags of 1.2, needs its action recorded before the assessment is finalised (0.12). A cramp that
lasted more than 10 minutes and whose easing is not recorded raises the urgent rule: whether it
eased is what the clinician must find out. Only cramps raise them (spasms are 7.3, not 6.2).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from practice.clinical.assessment_data import (
    CrampConcern,
    CrampContext,
    FrequencyPeriod,
    RedFlagAnswer,
    RedFlagScreen,
    SpasmPattern,
    SpasmType,
    Subjective,
)
from practice.clinical.catalogues import CRAMP_RED_FLAGS, MUSCLE_GROUPS
from practice.clinical.labels import in_sentence
from practice.clinical.reference import DEFAULT_REFERENCE, ReferenceValues
from practice.clinical.vocabulary import Side

NIGHTS_PER_WEEK = 7


@dataclass(frozen=True)
class RaisedRedFlag:
    """A 6.2 rule raised by one cramp pattern, with the recorded facts that raised it."""

    code: str
    pattern: SpasmPattern
    because: str

    @property
    def summary(self) -> str:
        return f"{describe_pattern(self.pattern)}: {self.because}"


def cramp_red_flags(
    patterns: Iterable[SpasmPattern], reference: ReferenceValues = DEFAULT_REFERENCE
) -> tuple[RaisedRedFlag, ...]:
    """Every 6.2 rule each cramp pattern raises, in the order of ``CRAMP_RED_FLAGS``."""
    raised = [
        RaisedRedFlag(code, pattern, because)
        for pattern in patterns
        if pattern.type is SpasmType.CRAMP
        for code, because in _raised_by(pattern, reference)
    ]
    return tuple(sorted(raised, key=lambda item: CRAMP_RED_FLAGS.index(item.code)))


def _raised_by(pattern: SpasmPattern, reference: ReferenceValues) -> Iterable[tuple[str, str]]:
    longest = pattern.longest_seconds
    limit = reference.cramp_urgent_duration_above_minutes
    if longest is not None and longest > limit * 60 and pattern.eased_by_stretching is not True:
        eased = (
            "did not ease with stretching or exercise"
            if pattern.eased_by_stretching is False
            else "whether it eased with stretching or exercise is not recorded"
        )
        yield "cramp_prolonged", f"lasted {_duration(longest)} (over {limit} minutes), {eased}"
    context = [
        words
        for item, words in (
            (CrampContext.TETANUS_PRONE_WOUND, "a possibly tetanus-prone wound"),
            (CrampContext.TOXIN_EXPOSURE, "exposure to toxins"),
        )
        if item in pattern.context
    ]
    if context:
        yield "cramp_wound_or_toxin", "after " + " and ".join(context)
    frequent = _frequent(pattern, reference)
    if frequent:
        yield "cramps_frequent", frequent
    disturbing = [
        words
        for present, words in (
            (pattern.sleep_disrupted is True, "disturb sleep"),
            (
                CrampConcern.AFFECTS_QUALITY_OF_LIFE in pattern.concerns,
                "affect quality of life",
            ),
        )
        if present
    ]
    if disturbing:
        yield "cramps_disturbing_sleep_or_life", "they " + " and ".join(disturbing)
    if CrampConcern.NUMBNESS_OR_SWELLING in pattern.concerns:
        yield "cramps_numbness_or_swelling", "with numbness or swelling"
    if CrampConcern.MUSCLE_WASTING_OR_WEAKNESS in pattern.concerns:
        yield "cramps_muscle_wasting", "with the muscles shrinking or weakening"


def _frequent(pattern: SpasmPattern, reference: ReferenceValues) -> str:
    if CrampConcern.FREQUENT in pattern.concerns:
        return "frequent, in the clinician's judgement"
    threshold = reference.cramps_frequent_from_per_week
    if threshold is None or pattern.frequency is None:
        return ""
    per_week = pattern.frequency * (
        NIGHTS_PER_WEEK if pattern.frequency_period is FrequencyPeriod.PER_NIGHT else 1
    )
    if per_week < threshold:
        return ""
    period = pattern.frequency_period.value.replace("_", " ")
    return f"{pattern.frequency} {period} (from {threshold} a week counts as frequent here)"


def _duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def describe_pattern(pattern: SpasmPattern) -> str:
    """The pattern as a clinician names it: "calf cramps (left)"."""
    where = (
        MUSCLE_GROUPS[pattern.muscle_group].label
        if pattern.muscle_group
        else in_sentence(pattern.region)
    )
    side = f" ({pattern.side})" if pattern.side in (Side.LEFT, Side.RIGHT, Side.BILATERAL) else ""
    return f"{where} {pattern.type}s{side}"


def cramp_red_flag_answers(
    raised: Iterable[RaisedRedFlag], recorded: Iterable[RedFlagScreen]
) -> tuple[RedFlagScreen, ...]:
    """The raised rules as positive red-flag answers, one per rule, carrying the action recorded
    for it (``recorded``: the answers kept so far, or those typed on the form). A rule no longer
    raised is dropped with its action: nothing is left to act on."""
    actions = {answer.code: answer for answer in recorded}
    by_code: dict[str, list[RaisedRedFlag]] = {}
    for item in raised:
        by_code.setdefault(item.code, []).append(item)
    answers = []
    for code, items in by_code.items():
        first = items[0].pattern
        detail = "; ".join(item.summary for item in items)
        answer = RedFlagScreen(
            code, RedFlagAnswer.YES, detail=detail, region=first.region, side=first.side
        )
        kept = actions.get(code)
        if kept is not None:
            answer = replace(
                answer,
                action_taken=kept.action_taken,
                referral_to=kept.referral_to,
                urgency=kept.urgency,
                referred_on=kept.referred_on,
            )
        answers.append(answer)
    return tuple(answers)


def with_cramp_red_flags(subjective: Subjective, answers: Iterable[RedFlagScreen]) -> Subjective:
    """The subjective record with its 6.2 red flags replaced by ``answers``."""
    asked = tuple(screen for screen in subjective.red_flags if screen.code not in CRAMP_RED_FLAGS)
    return replace(subjective, red_flags=asked + tuple(answers))
