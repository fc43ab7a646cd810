"""The stored JSON documents: every version decodes, the current shape is pinned, nothing unknown
gets in.

The current version's golden file is the expected value in its stored form: every older file of
the same variant must decode to what it decodes to, and encoding that must give the file back
byte for byte (as parsed JSON). So a change of shape without a new version fails here.
"""

import copy
import dataclasses
import json

import pytest

from practice.clinical.assessment_data import LocalSign, Stage, StageRecord
from practice.clinical.dosage import (
    BandColour,
    ExerciseDosage,
    ExerciseLoad,
    LoadKind,
    TechniqueDosage,
)
from practice.clinical.vocabulary import ExerciseSide
from practice.documents import (
    ASSESSMENT_RECORD,
    CATALOGUE_DETAILS,
    DOSAGE,
    KINDS,
    SCREENING,
    DocumentError,
    DocumentKind,
)
from tests.golden import golden

FILES = [(kind, version, variant) for kind in KINDS for version, variant in golden(kind.name)]
CURRENT = [(kind, variant) for kind, version, variant in FILES if version == kind.version]


def _current(kind: DocumentKind, variant: str):
    return copy.deepcopy(golden(kind.name)[kind.version, variant])


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_variant_has_a_golden_file_of_every_version(kind):
    files = golden(kind.name)
    variants = {variant for _, variant in files}
    assert variants
    assert set(files) == {
        (version, variant) for version in range(1, kind.version + 1) for variant in variants
    }


@pytest.mark.parametrize(
    ("kind", "version", "variant"),
    FILES,
    ids=[f"{kind.name}-v{version}-{variant}" for kind, version, variant in FILES],
)
def test_every_version_decodes_to_the_current_document(kind, version, variant):
    decoded = kind.decode(golden(kind.name)[version, variant])
    assert decoded == kind.decode(_current(kind, variant))


@pytest.mark.parametrize(
    ("kind", "variant"), CURRENT, ids=[f"{kind.name}-{variant}" for kind, variant in CURRENT]
)
def test_the_current_golden_file_is_what_the_encoder_writes(kind, variant):
    stored = _current(kind, variant)
    encoded = kind.encode(kind.decode(stored))
    assert encoded == stored
    assert encoded["schema_version"] == kind.version


def test_the_golden_files_decode_to_their_typed_classes():
    dosage = golden("dosage")
    assert isinstance(DOSAGE.decode(dosage[1, "exercise"]), ExerciseDosage)
    assert isinstance(DOSAGE.decode(dosage[1, "technique"]), TechniqueDosage)
    prescribed = DOSAGE.decode(dosage[1, "technique_prescribed"])
    assert dict(prescribed) == {"frequency_hz": 100, "pulse_width_us": None, "minutes": 30}
    exercise = DOSAGE.decode(dosage[1, "exercise_prescribed"])
    assert (exercise.sets, exercise["side"]) == (2, ExerciseSide.BOTH)
    details = CATALOGUE_DETAILS.decode(golden("catalogue_details")[1, "exercise_clinic_own"])
    assert (details.technique, details.illustration) == (None, None)
    record = ASSESSMENT_RECORD.decode(golden("assessment_record")[1, "claudication"])
    assert record.circulation.ankle_pressures
    screening = SCREENING.decode(golden("screening")[1, "massage"])
    assert [reason.verdict for reason in screening.reasons] == ["contraindicated", "precaution"]


def _set(path: tuple, value):
    def change(document):
        target = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        return document

    return change


UNKNOWN_KEYS = [
    (ASSESSMENT_RECORD, "calf_cramps", ("colour",), "extra fields found (colour) @ $"),
    (
        ASSESSMENT_RECORD,
        "calf_cramps",
        ("subjective", "daily_pattern", "naps"),
        "extra fields found (naps) @ $.subjective.daily_pattern",
    ),
    (
        ASSESSMENT_RECORD,
        "claudication",
        ("circulation", "pulses", 0, "strength"),
        "extra fields found (strength) @ $.circulation.pulses[0]",
    ),
    (CATALOGUE_DETAILS, "exercise", ("video",), "extra fields found (video) @ $"),
    (CATALOGUE_DETAILS, "technique", ("video",), "extra fields found (video) @ $"),
    (DOSAGE, "technique", ("volts",), "Unknown dosage parameter(s): volts @ $"),
    (DOSAGE, "exercise", ("tempo",), "extra fields found (tempo) @ $"),
    (SCREENING, "massage", ("verdict",), "extra fields found (verdict) @ $"),
    (
        SCREENING,
        "massage",
        ("reasons", 1, "source"),
        "extra fields found (source) @ $.reasons[1]",
    ),
]


@pytest.mark.parametrize(
    ("kind", "variant", "path", "message"),
    UNKNOWN_KEYS,
    ids=[f"{kind.name}-{'.'.join(map(str, path))}" for kind, _, path, _ in UNKNOWN_KEYS],
)
def test_an_unknown_key_is_refused_wherever_it_is(kind, variant, path, message):
    stored = _set(path, 1)(_current(kind, variant))
    current = rf"^{kind.name} \(schema_version {kind.version}\): .*"
    with pytest.raises(DocumentError, match=current) as raised:
        kind.decode(stored)
    assert message in str(raised.value)


def test_an_unknown_key_in_an_old_version_is_refused_too():
    old = copy.deepcopy(golden("screening")[1, "massage"])
    old[0]["source"] = "anything"
    with pytest.raises(DocumentError, match=r"extra fields found \(source\) @ \$\.reasons\[0\]"):
        SCREENING.decode(old)


WRONG_TYPES = [
    (ASSESSMENT_RECORD, "calf_cramps", ("subjective", "nprs_worst"), "6", "$.subjective"),
    (ASSESSMENT_RECORD, "calf_cramps", ("subjective", "onset_mechanism"), "sudden", "$.subjective"),
    (CATALOGUE_DETAILS, "exercise", ("steps", 0), 1, "$.steps[0]"),
    (DOSAGE, "exercise", ("reps",), "3", "$.reps"),
    (DOSAGE, "exercise", ("sets",), True, "$.sets"),
    (DOSAGE, "exercise", ("side",), "up", "$.side"),
    (DOSAGE, "technique", ("minutes",), True, "$['minutes']"),
]


@pytest.mark.parametrize(
    ("kind", "variant", "path", "value", "where"),
    WRONG_TYPES,
    ids=[f"{kind.name}-{'.'.join(map(str, path))}" for kind, _, path, _, _ in WRONG_TYPES],
)
def test_a_value_of_the_wrong_type_is_refused_not_converted(kind, variant, path, value, where):
    with pytest.raises(DocumentError, match=r"@ " + where.replace("$", r"\$").replace("[", r"\[")):
        kind.decode(_set(path, value)(_current(kind, variant)))


def test_a_version_newer_than_the_code_is_refused():
    newer = DOSAGE.version + 1
    stored = _current(DOSAGE, "technique") | {"schema_version": newer}
    with pytest.raises(DocumentError, match=rf"schema_version {newer} is not one this code reads"):
        DOSAGE.decode(stored)


@pytest.mark.parametrize(
    ("kind", "variant"), CURRENT, ids=[f"{kind.name}-{variant}" for kind, variant in CURRENT]
)
def test_encoding_always_writes_the_current_version(kind, variant):
    oldest = golden(kind.name)[1, variant]
    assert kind.encode(kind.decode(oldest))["schema_version"] == kind.version


def test_only_the_typed_document_can_be_stored():
    with pytest.raises(TypeError, match="dosage: cannot store a dict"):
        DOSAGE.encode({"minutes": 20})


def test_a_typed_document_that_would_not_read_back_is_refused():
    dosage = ExerciseDosage(
        sets="3",  # a form bug, say
        reps=12,
        hold_seconds=None,
        rest_seconds=30,
        times_per_day=1,
        days_per_week=3,
        side=ExerciseSide.BOTH,
        duration_minutes=None,
        programme_weeks=None,
    )
    with pytest.raises(DocumentError, match=r"\$\.sets"):
        DOSAGE.encode(dosage)


def test_a_kind_needs_an_upcaster_from_every_earlier_version():
    with pytest.raises(ValueError, match="give an upcaster from each version"):
        DocumentKind("dosage", 3, TechniqueDosage, {1: dict})


def test_an_exercise_dosage_before_version_3_had_no_load():
    for version in (1, 2):
        old = DOSAGE.decode(golden("dosage")[version, "exercise_prescribed"])
        assert old.load is None
    technique = DOSAGE.decode(golden("dosage")[2, "technique"])
    assert "load" not in technique


LOADS = [
    ExerciseLoad(LoadKind.BAND, band=BandColour.RED),
    ExerciseLoad(LoadKind.KILOGRAMS, amount=2.5),
    ExerciseLoad(LoadKind.EFFORT, amount=6),
    ExerciseLoad(LoadKind.BAND),  # a catalogue default: takes a band, colour not chosen yet
]


@pytest.mark.parametrize("load", LOADS, ids=lambda load: f"{load.kind}-{load.amount or load.band}")
def test_a_load_is_kept_in_the_stored_dosage(load):
    dosage = DOSAGE.decode(_current(DOSAGE, "exercise_prescribed"))
    with_load = ExerciseDosage(**{**dict(dosage), "load": load})
    stored = DOSAGE.encode(with_load)
    assert stored["load"]["kind"] == load.kind.value
    assert DOSAGE.decode(json.loads(json.dumps(stored))) == with_load


@pytest.mark.parametrize(
    ("load", "where"),
    [
        ({"kind": "band", "amount": 3, "band": None}, "a colour, not an amount"),
        ({"kind": "kilograms", "amount": None, "band": "red"}, "an amount, not a band colour"),
        ({"kind": "band", "amount": None, "band": "mauve"}, r"\$\.load\.band"),
        ({"kind": "stones", "amount": 2, "band": None}, r"\$\.load\.kind"),
        ({"kind": "effort", "amount": "6", "band": None}, r"\$\.load\.amount"),
        ({"kind": "effort", "amount": 6, "band": None, "colour": "red"}, r"extra fields.*colour"),
    ],
)
def test_a_load_that_does_not_fit_its_kind_is_refused(load, where):
    stored = _current(DOSAGE, "exercise_prescribed") | {"load": load}
    with pytest.raises(DocumentError, match=where):
        DOSAGE.decode(stored)


def test_a_record_before_version_3_had_no_local_signs_and_no_stage():
    for version in (1, 2):
        for variant in ("calf_cramps", "claudication"):
            old = ASSESSMENT_RECORD.decode(golden("assessment_record")[version, variant])
            assert (old.subjective.local_signs, old.subjective.stage) == ((), None)


STAGES = [
    StageRecord(Stage.ACUTE, "Traumatic onset 2 days before the assessment"),
    StageRecord(None, "No onset date is recorded"),
    StageRecord(Stage.CHRONIC, "Onset 20 weeks before", Stage.SUBACUTE, "flare-up after a fall"),
]


@pytest.mark.parametrize("stage", STAGES, ids=lambda stage: f"{stage.derived}-{stage.override}")
def test_the_stage_and_local_signs_are_kept_in_the_stored_record(stage):
    record = ASSESSMENT_RECORD.decode(_current(ASSESSMENT_RECORD, "calf_cramps"))
    signs = (LocalSign.WARMTH, LocalSign.SWELLING)
    changed = dataclasses.replace(
        record, subjective=dataclasses.replace(record.subjective, local_signs=signs, stage=stage)
    )
    stored = ASSESSMENT_RECORD.encode(changed)
    assert stored["subjective"]["local_signs"] == ["warmth", "swelling"]
    assert stored["subjective"]["stage"]["override"] == stage.override
    assert ASSESSMENT_RECORD.decode(json.loads(json.dumps(stored))) == changed


@pytest.mark.parametrize(
    ("stage", "where"),
    [
        ({"derived": "hyperacute", "reason": "x"}, r"\$\.subjective\.stage\.derived"),
        ({"derived": "acute", "reason": "x", "override": "chronic"}, "reason for overriding"),
        ({"derived": "acute", "reason": "x", "confidence": 1}, r"extra fields.*confidence"),
    ],
)
def test_a_stage_that_does_not_fit_is_refused(stage, where):
    stored = _current(ASSESSMENT_RECORD, "calf_cramps")
    stored["subjective"]["stage"] = stage
    with pytest.raises(DocumentError, match=where):
        ASSESSMENT_RECORD.decode(stored)
