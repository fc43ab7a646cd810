"""Medications, temperature, weight and weight loss, night pain and a pain score that cannot be
rated (reference 1.1, 1.2, 0.3, 6.1): the record, the findings, the flags they suggest and the
comparison between assessments.

The weight-loss table is transcribed from 1.2 ("one teaching source uses > 10 % body weight in 6
months" [U][D]): the percentage is of the weight before the loss, exactly 10 % is not above it
(0.14), and a loss over more than 6 months is not "in 6 months".
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from practice.clinical.assessment_data import (
    AssessmentData,
    Medication,
    MedicationClass,
    SpasmPattern,
    SpasmType,
    Subjective,
)
from practice.clinical.comparison import compare_records
from practice.clinical.findings import findings_for, round_half_up, weight_loss_percent
from practice.clinical.flag_suggestions import flag_suggestions, not_yet_recorded
from practice.clinical.reference import DEFAULT_REFERENCE
from practice.clinical.vocabulary import BodyRegion, FindingKind, FlagKind, Side
from practice.documents import ASSESSMENT_RECORD

D = Decimal


def _findings(reference=DEFAULT_REFERENCE, **subjective) -> list:
    return findings_for(AssessmentData(subjective=Subjective(**subjective)), reference)


def _prompts(**subjective) -> list[str]:
    return [
        item.summary
        for item in _findings(**subjective)
        if item.kind is FindingKind.RED_FLAG and item.subject is None
    ]


# The record refuses what cannot be true ------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"nprs_unratable_reason": "dementia", "nprs_now": 0}, "cannot rate pain reliably"),
        ({"nprs_unratable_reason": "dementia", "nprs_worst": 5}, "cannot rate pain reliably"),
        ({"weight_loss_kg": D(5)}, "together with the months"),
        ({"weight_loss_months": 3}, "together with the months"),
        ({"weight_loss_kg": D(5), "weight_loss_months": 0}, "at least one month"),
        ({"weight_kg": D(0)}, "more than 0 kg"),
        ({"weight_kg": D(-70)}, "cannot be negative"),
    ],
    ids=str,
)
def test_impossible_subjective_values_are_refused(fields, message):
    with pytest.raises(ValueError, match=message):
        Subjective(**fields)


def test_a_medication_needs_its_name():
    with pytest.raises(ValueError, match="needs its name"):
        Medication("  ", MedicationClass.STATIN)


# Weight loss (1.2) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weight", "lost", "percent"),
    [(D(90), D(10), D("10.0")), (D(80), D(10), D("11.1")), (D("63.5"), D("6.5"), D("9.3"))],
)
def test_the_loss_is_a_percentage_of_the_weight_before_it(weight, lost, percent):
    assert round_half_up(weight_loss_percent(weight, lost), 1) == percent


@pytest.mark.parametrize(
    ("weight", "lost", "months", "prompted"),
    [
        (D(90), D(10), 6, False),  # exactly 10 %: not above it
        (D("89.9"), D(10), 6, True),  # 10.01 %
        (D(80), D(10), 6, True),
        (D(80), D(10), 7, False),  # over more than 6 months
        (D(80), D(10), 1, True),
        (D(95), D(2), 2, False),
    ],
)
def test_weight_loss_above_10_percent_in_6_months_prompts_the_malignancy_question(
    weight, lost, months, prompted
):
    prompts = _prompts(weight_kg=weight, weight_loss_kg=lost, weight_loss_months=months)

    assert any("possible malignancy" in text for text in prompts) is prompted


def test_the_weight_loss_prompt_says_the_numbers_and_the_threshold():
    (prompt,) = _prompts(weight_kg=D(72), weight_loss_kg=D(9), weight_loss_months=4)

    assert prompt.startswith(
        "Weight loss 9 kg in 4 months (11.1 % of body weight, above 10 % in 6 months)"
    )


def test_weight_loss_is_not_computed_without_the_weight():
    assert _prompts(weight_loss_kg=D(12), weight_loss_months=2) == []


def test_the_weight_loss_threshold_is_configurable():
    reference = DEFAULT_REFERENCE.with_overrides(
        {"weight_loss_flag_above_percent": "5", "weight_loss_within_months": 12}
    )
    record = {"weight_kg": D(90), "weight_loss_kg": D(6), "weight_loss_months": 9}

    assert not any(item.section == "1.2" for item in _findings(**record))
    assert any(item.section == "1.2" for item in _findings(reference, **record))


# Night pain and a pain score that cannot be rated ---------------------------------------------


@pytest.mark.parametrize(("answer", "prompted"), [(True, True), (False, False), (None, False)])
def test_night_pain_unrelieved_by_any_position_is_a_warning_sign(answer, prompted):
    prompts = _prompts(night_pain_unrelieved=answer)

    assert bool(prompts) is prompted
    if prompted:
        assert prompts[0].startswith("Night pain unrelieved by any position: a warning sign")


def test_pain_that_cannot_be_rated_says_so_at_each_pain_site_instead_of_scores():
    from practice.clinical.assessment_data import BodySite

    findings = _findings(
        nprs_unratable_reason="advanced dementia",
        pain_sites=(BodySite(BodyRegion.KNEE, Side.LEFT), BodySite(BodyRegion.HIP, Side.LEFT)),
    )

    pain = [item for item in findings if item.kind is FindingKind.PAIN]
    assert [item.region for item in pain] == [BodyRegion.KNEE, BodyRegion.HIP]
    for item in pain:
        assert item.summary.startswith(
            "Pain not rated: the patient cannot rate pain on the NPRS reliably (advanced dementia)"
        )
        assert item.severity is None
        assert item.measurements == ()


# Medications, temperature and the flags they suggest ---------------------------------------

WARFARIN = Medication("Warfarin 3 mg", MedicationClass.ANTICOAGULANT)
CLOPIDOGREL = Medication("Clopidogrel 75 mg", MedicationClass.ANTIPLATELET)
INSULIN = Medication("Insulin glargine", MedicationClass.INSULIN)
PREDNISOLONE = Medication("Prednisolone 5 mg", MedicationClass.CORTICOSTEROID, "for 2 years")
FUROSEMIDE = Medication("Furosemide 40 mg", MedicationClass.DIURETIC)
ATORVASTATIN = Medication("Atorvastatin 20 mg", MedicationClass.STATIN)
PARACETAMOL = Medication("Paracetamol", MedicationClass.OTHER)

# (medication class, the flag it suggests, the section of the mapping)
SUGGESTED = [
    (WARFARIN, FlagKind.ANTICOAGULANTS, "0.8"),
    (CLOPIDOGREL, FlagKind.ANTICOAGULANTS, "0.8"),
    (INSULIN, FlagKind.DIABETES, "1.1"),
    (PREDNISOLONE, None, "1.2"),  # fracture risk: a prompt, no flag
]


@pytest.mark.parametrize(("medication", "kind", "section"), SUGGESTED, ids=str)
def test_a_medication_class_suggests_its_flag(medication, kind, section):
    (suggestion,) = flag_suggestions(Subjective(medications=(medication,)))

    assert (suggestion.kind, suggestion.section) == (kind, section)
    assert medication.name in suggestion.reason


@pytest.mark.parametrize("medication", [FUROSEMIDE, ATORVASTATIN, PARACETAMOL], ids=str)
def test_other_classes_suggest_no_flag(medication):
    assert flag_suggestions(Subjective(medications=(medication,))) == []


def test_anticoagulants_and_antiplatelets_suggest_one_flag_naming_both():
    (suggestion,) = flag_suggestions(Subjective(medications=(WARFARIN, CLOPIDOGREL)))

    assert suggestion.detail == "Warfarin 3 mg (anticoagulant), Clopidogrel 75 mg (antiplatelet)"


@pytest.mark.parametrize("celsius", ["36.7", "37.9", "39.5"])
def test_a_temperature_suggests_no_flag_the_reference_gives_no_threshold_for(celsius):
    assert flag_suggestions(Subjective(temperature_celsius=D(celsius))) == []


def test_pain_that_cannot_be_rated_suggests_the_flag_for_a_patient_who_cannot_report_discomfort():
    (suggestion,) = flag_suggestions(Subjective(nprs_unratable_reason="aphasia after stroke"))

    assert (suggestion.kind, suggestion.section) == (FlagKind.COGNITIVE_IMPAIRMENT, "0.3")


def test_a_flag_already_recorded_is_not_suggested_but_a_prompt_stays():
    suggestions = flag_suggestions(Subjective(medications=(WARFARIN, INSULIN, PREDNISOLONE)))

    left = not_yet_recorded(suggestions, {FlagKind.ANTICOAGULANTS.value})

    assert [item.kind for item in left] == [FlagKind.DIABETES, None]


CRAMP = SpasmPattern(BodyRegion.LOWER_LEG, Side.LEFT, muscle_group="calf", frequency=3)


@pytest.mark.parametrize(
    ("medications", "named"),
    [
        ((FUROSEMIDE,), "Furosemide 40 mg (diuretic)"),
        ((ATORVASTATIN, PARACETAMOL), "Atorvastatin 20 mg (statin)"),
        ((PARACETAMOL, WARFARIN), None),
    ],
    ids=str,
)
def test_diuretics_and_statins_feed_the_cramp_findings(medications, named):
    record = AssessmentData(subjective=Subjective(medications=medications), spasms=(CRAMP,))

    (cramps,) = [item for item in findings_for(record) if item.kind is FindingKind.CRAMPS]

    if named is None:
        assert "medication" not in cramps.summary
    else:
        assert f"on medication associated with cramps: {named}" in cramps.summary


def test_a_spasm_is_not_given_the_cramp_medications():
    record = AssessmentData(
        subjective=Subjective(medications=(FUROSEMIDE,)),
        spasms=(replace(CRAMP, type=SpasmType.SPASM),),
    )
    assert all("medication" not in item.summary for item in findings_for(record))


# The comparison between assessments --------------------------------------------------------


def test_the_comparison_shows_vitals_night_pain_and_medications_started_and_stopped():
    before = AssessmentData(
        subjective=Subjective(
            temperature_celsius=D("37.8"),
            weight_kg=D(80),
            night_pain_unrelieved=True,
            medications=(WARFARIN, FUROSEMIDE),
        )
    )
    after = AssessmentData(
        subjective=Subjective(
            temperature_celsius=D("36.9"),
            weight_kg=D(78),
            night_pain_unrelieved=False,
            medications=(Medication("warfarin 3 mg", MedicationClass.ANTICOAGULANT), INSULIN),
        )
    )

    changes = {
        change.measure: change for change in compare_records(before, after, DEFAULT_REFERENCE)
    }

    assert (changes["Temperature"].before, changes["Temperature"].after) == (D("37.8"), D("36.9"))
    assert changes["Temperature"].direction == "changed"  # no direction given by the reference
    assert changes["Weight"].difference == -2
    assert changes["Night pain unrelieved by any position"].direction == "better"
    assert changes["warfarin 3 mg"].direction == "same"  # names compared regardless of case
    assert changes["Furosemide 40 mg"].note == "stopped"
    assert changes["Insulin glargine"].note == "started"


def test_the_comparison_shows_the_cramp_episode_facts():
    before = AssessmentData(
        spasms=(replace(CRAMP, longest_duration_seconds=300, sleep_disrupted=True),)
    )
    after = AssessmentData(
        spasms=(replace(CRAMP, longest_duration_seconds=120, sleep_disrupted=False),)
    )

    changes = {
        change.measure: change for change in compare_records(before, after, DEFAULT_REFERENCE)
    }

    longest = changes["Lower leg (calf and shin) cramps (left): longest episode"]
    assert (longest.before, longest.after, longest.direction) == (300, 120, "better")
    assert changes["Lower leg (calf and shin) cramps (left): disturb sleep"].direction == "better"


# The export carries the record whole ------------------------------------------------------


def test_the_exported_record_carries_the_new_facts_and_reads_back():
    record = AssessmentData(
        subjective=Subjective(
            medications=(WARFARIN,),
            temperature_celsius=D("37.9"),
            weight_kg=D(70),
            weight_loss_kg=D(9),
            weight_loss_months=4,
            night_pain_unrelieved=True,
            nprs_unratable_reason="aphasia",
        ),
        spasms=(replace(CRAMP, longest_duration_seconds=700, eased_by_stretching=False),),
    )

    exported = ASSESSMENT_RECORD.encode(record)

    assert exported["subjective"]["medications"] == [
        {"name": "Warfarin 3 mg", "medication_class": "anticoagulant", "note": ""}
    ]
    assert exported["subjective"]["temperature_celsius"] == "37.9"
    assert exported["spasms"][0]["longest_duration_seconds"] == 700
    assert ASSESSMENT_RECORD.decode(exported) == record
