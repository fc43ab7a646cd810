"""The cramp referral rules of 6.2 raised as red flags from the recorded cramps.

``RULES`` is transcribed from 6.2 independently of ``catalogues.RED_FLAGS``: each rule with the
urgency the reference gives it. ``CASES`` are cramp patterns with the rules each must raise,
boundaries included (0.14: "more than 10 minutes" is above 600 s, and 600 s itself is not).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from practice.clinical.assessment_data import (
    AssessmentData,
    CrampConcern,
    CrampContext,
    FrequencyPeriod,
    RedFlagAnswer,
    RedFlagScreen,
    SpasmPattern,
    SpasmType,
    Subjective,
)
from practice.clinical.catalogues import CRAMP_RED_FLAGS, RED_FLAGS, Urgency
from practice.clinical.cramp_referral import (
    cramp_red_flag_answers,
    cramp_red_flags,
    with_cramp_red_flags,
)
from practice.clinical.findings import findings_for
from practice.clinical.record_rules import finalisation_problems, positive_red_flags
from practice.clinical.reference import DEFAULT_REFERENCE
from practice.clinical.vocabulary import BodyRegion, FindingKind, Side

# 6.2: "Urgent/same day" and "GP review" (no urgency word: the referral keeps the words).
RULES = {
    "cramp_prolonged": ("Urgent, same day", Urgency.URGENT),
    "cramp_wound_or_toxin": ("Urgent, same day", Urgency.URGENT),
    "cramps_frequent": ("GP review", None),
    "cramps_disturbing_sleep_or_life": ("GP review", None),
    "cramps_numbness_or_swelling": ("GP review", None),
    "cramps_muscle_wasting": ("GP review", None),
}

CALF = SpasmPattern(BodyRegion.LOWER_LEG, Side.LEFT, muscle_group="calf")

CASES = [
    # a cramp lasting more than 10 minutes that does not ease with stretching/exercise
    ({"longest_duration_seconds": 601, "eased_by_stretching": False}, {"cramp_prolonged"}),
    ({"longest_duration_seconds": 600, "eased_by_stretching": False}, set()),
    ({"longest_duration_seconds": 900, "eased_by_stretching": True}, set()),
    # easing not recorded: the clinician must find out, so the rule is raised
    ({"longest_duration_seconds": 900}, {"cramp_prolonged"}),
    # the typical duration counts as an episode too
    ({"typical_duration_seconds": 700, "eased_by_stretching": False}, {"cramp_prolonged"}),
    # after a wound that could be tetanus-prone or exposure to toxins
    ({"context": (CrampContext.TETANUS_PRONE_WOUND,)}, {"cramp_wound_or_toxin"}),
    ({"context": (CrampContext.TOXIN_EXPOSURE,)}, {"cramp_wound_or_toxin"}),
    # GP review
    ({"concerns": (CrampConcern.FREQUENT,)}, {"cramps_frequent"}),
    ({"sleep_disrupted": True}, {"cramps_disturbing_sleep_or_life"}),
    ({"sleep_disrupted": False}, set()),
    (
        {"concerns": (CrampConcern.AFFECTS_QUALITY_OF_LIFE,)},
        {"cramps_disturbing_sleep_or_life"},
    ),
    ({"concerns": (CrampConcern.NUMBNESS_OR_SWELLING,)}, {"cramps_numbness_or_swelling"}),
    ({"concerns": (CrampConcern.MUSCLE_WASTING_OR_WEAKNESS,)}, {"cramps_muscle_wasting"}),
    # 6.2 gives no count for "frequent": a frequency alone raises nothing by default
    ({"frequency": 7, "frequency_period": FrequencyPeriod.PER_NIGHT}, set()),
    # nothing recorded beyond the cramp itself
    ({}, set()),
]


def test_the_catalogue_has_exactly_the_rules_of_6_2_with_their_urgency():
    assert set(CRAMP_RED_FLAGS) == set(RULES)
    for code, (referral, urgency) in RULES.items():
        assert RED_FLAGS[code].referral == referral
        assert RED_FLAGS[code].typical_urgency is urgency
        assert RED_FLAGS[code].section == "6.2"
        assert not RED_FLAGS[code].banner  # 0.12 banners only cauda equina and DVT


@pytest.mark.parametrize(("facts", "expected"), CASES, ids=str)
def test_each_rule_is_raised_from_the_recorded_facts(facts, expected):
    raised = cramp_red_flags([replace(CALF, **facts)])

    assert {item.code for item in raised} == expected


@pytest.mark.parametrize(("facts", "expected"), CASES, ids=str)
def test_a_spasm_raises_no_cramp_rule(facts, expected):
    assert cramp_red_flags([replace(CALF, type=SpasmType.SPASM, **facts)]) == ()


@pytest.mark.parametrize(
    ("frequency", "period", "raised"),
    [
        (3, FrequencyPeriod.PER_WEEK, False),
        (4, FrequencyPeriod.PER_WEEK, True),
        (1, FrequencyPeriod.PER_NIGHT, True),  # 7 a week
    ],
)
def test_a_clinic_may_set_a_weekly_count_from_which_cramps_are_frequent(frequency, period, raised):
    reference = DEFAULT_REFERENCE.with_overrides({"cramps_frequent_from_per_week": 4})
    pattern = replace(CALF, frequency=frequency, frequency_period=period)

    codes = {item.code for item in cramp_red_flags([pattern], reference)}

    assert ("cramps_frequent" in codes) is raised


def test_the_ten_minute_limit_is_configurable():
    reference = DEFAULT_REFERENCE.with_overrides({"cramp_urgent_duration_above_minutes": 5})
    pattern = replace(CALF, longest_duration_seconds=400, eased_by_stretching=False)

    assert [item.code for item in cramp_red_flags([pattern], reference)] == ["cramp_prolonged"]
    assert cramp_red_flags([pattern]) == ()


def test_an_answer_names_the_cramp_that_raised_it_and_keeps_the_recorded_action():
    pattern = replace(CALF, longest_duration_seconds=900, eased_by_stretching=False)
    action = RedFlagScreen(
        "cramp_prolonged",
        RedFlagAnswer.YES,
        action_taken="Sent to the emergency department",
        referral_to="A&E",
        urgency=Urgency.URGENT,
        referred_on=date(2026, 3, 2),
    )

    (answer,) = cramp_red_flag_answers(cramp_red_flags([pattern]), [action])

    assert answer.answer is RedFlagAnswer.YES
    assert (answer.region, answer.side) == (BodyRegion.LOWER_LEG, Side.LEFT)
    assert answer.detail == (
        "calf cramps (left): lasted 15 min (over 10 minutes), did not ease with stretching or "
        "exercise"
    )
    assert (answer.action_taken, answer.referral_to, answer.urgency) == (
        "Sent to the emergency department",
        "A&E",
        Urgency.URGENT,
    )


def test_a_rule_raised_by_two_cramps_is_one_answer_naming_both():
    patterns = [
        replace(CALF, sleep_disrupted=True),
        replace(CALF, side=Side.RIGHT, sleep_disrupted=True),
    ]

    (answer,) = cramp_red_flag_answers(cramp_red_flags(patterns), ())

    assert answer.detail.count("disturb sleep") == 2
    assert "(left)" in answer.detail
    assert "(right)" in answer.detail


def _record(pattern: SpasmPattern, *actions: RedFlagScreen) -> AssessmentData:
    answers = cramp_red_flag_answers(cramp_red_flags([pattern]), actions)
    asked = Subjective(red_flags=(RedFlagScreen("dvt", RedFlagAnswer.NO),))
    return AssessmentData(subjective=with_cramp_red_flags(asked, answers), spasms=(pattern,))


def test_a_raised_rule_blocks_finalising_until_its_action_is_recorded():
    pattern = replace(CALF, context=(CrampContext.TOXIN_EXPOSURE,))
    action = RedFlagScreen(
        "cramp_wound_or_toxin",
        RedFlagAnswer.YES,
        action_taken="Phoned the GP",
        referral_to="GP",
        urgency=Urgency.URGENT,
    )

    (problem,) = finalisation_problems(_record(pattern))
    assert problem.startswith("Cramp referral rule 'cramps after a possibly tetanus-prone")
    assert "record the action taken, where the patient was referred and the urgency" in problem
    assert finalisation_problems(_record(pattern, action)) == []


def test_a_rule_raised_but_never_saved_through_the_spasms_section_blocks_finalising_too():
    pattern = replace(CALF, sleep_disrupted=True)

    (problem,) = finalisation_problems(AssessmentData(spasms=(pattern,)))

    assert "open the spasms and cramps section" in problem


def test_a_raised_rule_shows_as_a_red_flag_finding_and_on_the_red_flag_list():
    record = _record(replace(CALF, concerns=(CrampConcern.NUMBNESS_OR_SWELLING,)))

    (flagged,) = [item for item in findings_for(record) if item.kind is FindingKind.RED_FLAG]
    assert flagged.summary.startswith("Cramp referral: cramps with numbness or swelling")
    assert flagged.section == "6.2"
    assert flagged.subject == "cramps_numbness_or_swelling"
    assert [screen.code for screen in positive_red_flags(record)] == ["cramps_numbness_or_swelling"]


def test_replacing_the_cramp_rules_keeps_the_asked_red_flags():
    asked = Subjective(red_flags=(RedFlagScreen("dvt", RedFlagAnswer.YES, action_taken="x"),))
    raised = (RedFlagScreen("cramps_frequent", RedFlagAnswer.YES),)

    kept = with_cramp_red_flags(with_cramp_red_flags(asked, raised), ())

    assert kept.red_flags == asked.red_flags
