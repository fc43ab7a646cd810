"""The reviewed seed catalogue: coverage, sources, dosage bounds, illustrations and readability."""

from __future__ import annotations

import copy
import re
import tomllib
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest
import textstat

from practice.clinical.vocabulary import AdviceTopic, BodyRegion, FindingKind, TechniqueKind
from practice.seed import (
    ADVICE_FILE,
    EXERCISES_FILE,
    TECHNIQUES_FILE,
    SeedCatalogue,
    catalogue_from_documents,
    load_seed_catalogue,
    patient_texts,
)

STATIC = Path(__file__).resolve().parents[2] / "static"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
MAX_READING_GRADE = 7

REQUIRED_REGIONS = {
    BodyRegion.NECK,
    BodyRegion.SHOULDER,
    BodyRegion.UPPER_BACK,
    BodyRegion.LOWER_BACK,
    BodyRegion.PELVIS,
    BodyRegion.HIP,
    BodyRegion.THIGH,
    BodyRegion.KNEE,
    BodyRegion.LOWER_LEG,
    BodyRegion.ANKLE_FOOT,
    BodyRegion.WRIST_HAND,
    BodyRegion.WHOLE_BODY,
}
FINDINGS_A_HOME_EXERCISE_ADDRESSES = {
    FindingKind.MUSCLE_TIGHTNESS,
    FindingKind.MUSCLE_WEAKNESS,
    FindingKind.STRENGTH_ASYMMETRY,
    FindingKind.STRENGTH_GRADE_ASYMMETRY,
    FindingKind.REDUCED_RANGE_OF_MOTION,
    FindingKind.POSTURAL_DEVIATION,
    FindingKind.UPPER_CROSSED_SYNDROME,
    FindingKind.LOWER_CROSSED_SYNDROME,
    FindingKind.CRAMPS,
    FindingKind.NOCTURNAL_CRAMPS,
    FindingKind.CRAMP_TRIGGER,
    FindingKind.ARTERIAL_INSUFFICIENCY,
    FindingKind.CLAUDICATION,
    FindingKind.VARICOSE_VEINS,
    FindingKind.OEDEMA,
    FindingKind.PROLONGED_POSITION,
    FindingKind.LOW_ACTIVITY,
    FindingKind.STRESS,
    FindingKind.HYPERMOBILITY,
    FindingKind.MUSCLE_SPASM,
}


@pytest.fixture(scope="module")
def catalogue() -> SeedCatalogue:
    return load_seed_catalogue()


def seed_documents() -> tuple[dict, dict, dict]:
    data = resources.files("practice").joinpath("data")
    return tuple(
        tomllib.loads(data.joinpath(name).read_text(encoding="utf-8"))
        for name in (TECHNIQUES_FILE, EXERCISES_FILE, ADVICE_FILE)
    )


def test_ships_at_least_forty_exercises(catalogue):
    assert len(catalogue.exercises) >= 40


def test_keys_are_unique_within_each_list(catalogue):
    for items in (catalogue.techniques, catalogue.exercises, catalogue.advice, catalogue.red_flags):
        keys = [item.key for item in items]
        assert len(keys) == len(set(keys))


def test_every_body_region_has_a_home_exercise(catalogue):
    covered = {exercise.body_region for exercise in catalogue.exercises}
    assert REQUIRED_REGIONS - covered == set()


@pytest.mark.parametrize("finding", sorted(FINDINGS_A_HOME_EXERCISE_ADDRESSES))
def test_every_addressable_finding_has_an_exercise_and_a_technique(catalogue, finding):
    assert any(finding in exercise.indications for exercise in catalogue.exercises)
    assert any(finding in technique.indications for technique in catalogue.techniques)


def test_every_cramp_trigger_with_exercise_advice_is_covered(catalogue):
    triggers = {trigger for exercise in catalogue.exercises for trigger in exercise.cramp_triggers}
    assert {"poor_circulation", "stress_anxiety"} <= triggers


def test_every_technique_kind_is_present(catalogue):
    assert {technique.kind for technique in catalogue.techniques} == set(TechniqueKind)


def test_tens_comes_in_conventional_and_acupuncture_like_settings(catalogue):
    frequencies = {
        parameter.value
        for technique in catalogue.techniques
        if technique.kind is TechniqueKind.TENS
        for parameter in technique.dosage
        if parameter.name == "frequency_hz"
    }
    assert min(frequencies) <= 4  # acupuncture-like, 7.6
    assert max(frequencies) >= 80  # conventional, 7.6


def test_every_exercise_names_an_existing_technique(catalogue):
    technique_keys = {technique.key for technique in catalogue.techniques}
    assert {exercise.technique for exercise in catalogue.exercises} <= technique_keys


def test_every_advice_topic_has_advice(catalogue):
    assert {item.topic for item in catalogue.advice} == set(AdviceTopic)


def test_every_item_names_its_source_section(catalogue):
    items = (*catalogue.techniques, *catalogue.exercises, *catalogue.advice, *catalogue.red_flags)
    for item in items:
        assert item.source.startswith("clinical-reference "), item.key
        assert re.search(r"\[[VUD]\]", item.source), item.key


def test_exercise_dosages_are_within_sane_bounds(catalogue):
    for exercise in catalogue.exercises:
        dosage = exercise.dosage
        assert 1 <= dosage.sets <= 5, exercise.key
        assert dosage.reps is None or 1 <= dosage.reps <= 50, exercise.key
        assert dosage.hold_seconds is None or 1 <= dosage.hold_seconds <= 120, exercise.key
        assert 0 <= dosage.rest_seconds <= 180, exercise.key
        assert 1 <= dosage.times_per_day <= 10, exercise.key
        assert 1 <= dosage.days_per_week <= 7, exercise.key
        assert dosage.duration_minutes is None or 1 <= dosage.duration_minutes <= 60, exercise.key
        assert dosage.programme_weeks is None or 1 <= dosage.programme_weeks <= 52, exercise.key


def test_technique_dosages_are_positive(catalogue):
    for technique in catalogue.techniques:
        assert technique.dosage, technique.key
        assert all(parameter.value > 0 for parameter in technique.dosage), technique.key


def test_nocturnal_cramp_stretches_follow_the_hallegraeff_protocol(catalogue):
    cramp_stretches = [
        exercise
        for exercise in catalogue.exercises
        if exercise.technique == "nocturnal-cramp-stretch-programme"
    ]
    assert {exercise.body_region for exercise in cramp_stretches} == {
        BodyRegion.LOWER_LEG,
        BodyRegion.THIGH,
    }
    for exercise in cramp_stretches:
        dosage = exercise.dosage
        assert (dosage.hold_seconds, dosage.reps, dosage.rest_seconds) == (10, 3, 10)
        assert (dosage.days_per_week, dosage.programme_weeks) == (7, 6)


def test_every_exercise_has_a_self_contained_illustration(catalogue):
    for exercise in catalogue.exercises:
        path = STATIC / exercise.illustration
        assert path.is_file(), exercise.key
        text = path.read_text(encoding="utf-8")
        root = ET.fromstring(text)  # noqa: S314 - the project's own generated files
        assert root.tag == f"{{{SVG_NAMESPACE}}}svg", exercise.key
        assert root.get("viewBox"), exercise.key
        title = root.find(f"{{{SVG_NAMESPACE}}}title")
        assert title is not None, exercise.key
        assert (title.text or "").strip(), exercise.key
        assert not re.search(r"http|file:|<script|@import", text.replace(SVG_NAMESPACE, "")), (
            exercise.key
        )
        for element in root.iter():
            assert element.tag.rpartition("}")[2] not in {"script", "image", "foreignObject"}
            for name, value in element.attrib.items():
                if name.endswith("href"):
                    assert value.startswith("#"), exercise.key


def test_every_patient_sentence_reads_at_grade_seven_or_below(catalogue, record_property):
    grades = sorted(
        (
            (textstat.flesch_kincaid_grade(sentence), key, sentence)
            for key, text in patient_texts(catalogue)
            for sentence in re.split(r"(?<=[.!?])\s+", text)
        ),
        reverse=True,
    )
    worst_grade, worst_key, worst_sentence = grades[0]
    record_property(
        "worst_flesch_kincaid_grade", f"{worst_grade:.2f} {worst_key}: {worst_sentence}"
    )
    too_hard = [entry for entry in grades if entry[0] > MAX_READING_GRADE]
    assert too_hard == [], f"worst: {worst_grade:.2f} in {worst_key!r}: {worst_sentence}"


def test_advice_says_may_help_rather_than_promising_a_cure(catalogue):
    for item in catalogue.advice:
        text = " ".join(item.items).lower()
        assert "may" in text, item.key
        assert "cure" not in text, item.key


def test_dehydration_advice_warns_about_fluid_restriction_and_over_drinking(catalogue):
    (dehydration,) = [item for item in catalogue.advice if item.topic is AdviceTopic.DEHYDRATION]
    text = " ".join(dehydration.items).lower()
    assert "limit how much you drink" in text
    assert "too much" in text


def test_an_unknown_enum_value_names_the_file_key_and_field():
    techniques, exercises, advice = seed_documents()
    broken = copy.deepcopy(exercises)
    broken["exercises"][0]["body_region"] = "elbowz"
    key = broken["exercises"][0]["key"]
    with pytest.raises(ValueError, match=rf"{EXERCISES_FILE}: item '{key}': field 'body_region'"):
        catalogue_from_documents(techniques, broken, advice)


def test_a_missing_field_names_the_file_key_and_field():
    techniques, exercises, advice = seed_documents()
    broken = copy.deepcopy(techniques)
    del broken["techniques"][0]["source"]
    key = broken["techniques"][0]["key"]
    with pytest.raises(ValueError, match=rf"{TECHNIQUES_FILE}: item '{key}': field 'source'"):
        catalogue_from_documents(broken, exercises, advice)


def test_a_missing_dosage_parameter_is_named():
    techniques, exercises, advice = seed_documents()
    broken = copy.deepcopy(techniques)
    tens = next(item for item in broken["techniques"] if item["kind"] == "tens")
    del tens["dosage"]["pulse_width_us"]
    with pytest.raises(ValueError, match=r"field 'dosage\.pulse_width_us'"):
        catalogue_from_documents(broken, exercises, advice)


def test_an_unknown_technique_reference_is_rejected():
    techniques, exercises, advice = seed_documents()
    broken = copy.deepcopy(exercises)
    broken["exercises"][0]["technique"] = "no-such-technique"
    with pytest.raises(ValueError, match=r"field 'technique'"):
        catalogue_from_documents(techniques, broken, advice)
