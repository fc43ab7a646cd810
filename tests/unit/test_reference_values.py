"""The finding thresholds and normal ROM are reviewed data: ``reference_values.toml`` loads into
the defaults of ``ReferenceValues`` and a bad row is refused naming the row. The expected values
below are transcribed from shared/clinical-reference.md, independently of the data file."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import fields
from decimal import Decimal
from typing import Any

import pytest

from practice.clinical.reference import (
    DEFAULT_REFERENCE,
    REFERENCE_TABLES,
    REFERENCE_VALUES_FILE,
    ReferenceValues,
    Verification,
    check_reviewed_rows,
    reference_tables_from_document,
)
from practice.clinical.tables import read_data_file

SHIPPED = read_data_file(REFERENCE_VALUES_FILE)
V, U, D = Verification.VERIFIED, Verification.UNVERIFIED, Verification.DISPUTED

# 4.2, "Commonly cited value" and the marks printed on the row (value and range columns).
NORMAL_ROM_4_2: dict[str, tuple[int, tuple[Verification, ...]]] = {
    "cervical_flexion": (45, (D,)),
    "cervical_extension": (45, (D,)),
    "cervical_lateral_flexion": (45, (D,)),
    "cervical_rotation": (80, (D,)),
    "shoulder_flexion": (180, (V,)),
    "shoulder_extension": (60, (V,)),
    "shoulder_abduction": (180, (V,)),
    "shoulder_internal_rotation": (70, (V,)),
    "shoulder_external_rotation": (90, (V,)),
    "elbow_flexion": (150, (V,)),
    "elbow_extension": (0, (V,)),
    "forearm_pronation": (80, (V,)),
    "forearm_supination": (80, (V,)),
    "wrist_flexion": (80, (V,)),
    "wrist_extension": (70, (V,)),
    "wrist_radial_deviation": (20, (V,)),
    "wrist_ulnar_deviation": (30, (V,)),
    "thoracolumbar_flexion": (90, (D,)),
    "thoracolumbar_extension": (30, (D,)),
    "thoracolumbar_lateral_flexion": (30, (D,)),
    "thoracolumbar_rotation": (30, (D,)),
    "hip_flexion": (120, (U,)),
    "hip_extension": (30, (U, D)),
    "hip_abduction": (45, ()),
    "hip_adduction": (30, (U,)),
    "hip_internal_rotation": (45, (U,)),
    "hip_external_rotation": (45, (U,)),
    "knee_flexion": (135, (U,)),
    "knee_extension": (0, ()),
    "ankle_dorsiflexion": (20, ()),
    "ankle_plantarflexion": (50, ()),
    "ankle_inversion": (35, (U,)),
    "ankle_eversion": (15, (U, D)),
}

# The verification marks the reference prints on each threshold of section 0 and the sections
# it cites (0.9-0.11 with 3.2, 5.2, 5.3; 4.3; 9).
THRESHOLD_MARKS: dict[str, tuple[Verification, ...]] = {
    "asymmetry_flag_above_percent": (V, D),
    "abi_non_compressible_above": (V,),
    "abi_normal_from": (V,),
    "abi_borderline_from": (V,),
    "abi_mild_pad_from": (V, D),
    "abi_moderate_pad_from": (V, D),
    "capillary_refill_delayed_above_seconds": (V, D),
    "nprs_severe_from": (V, D),
    "beighton_hypermobile_from": (D,),
    "straight_leg_raise_tight_below_degrees": (U,),
    "active_knee_extension_tight_above_degrees": (V,),
    "ankle_dorsiflexion_short_below_degrees": (V,),
    "thomas_knee_flexion_tight_below_degrees": (V,),
}


def broken(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    document = copy.deepcopy(SHIPPED)
    change(document)
    return document


def row_of(document: dict[str, Any], array: str, key: str) -> dict[str, Any]:
    return next(row for row in document[array] if row["key"] == key)


def test_every_threshold_default_is_a_reviewed_row():
    for entry in fields(ReferenceValues):
        if entry.name == "rom_normals":
            continue
        row = REFERENCE_TABLES.thresholds.get(entry.name)
        assert row is not None, f"{entry.name}: declare it as field(**reviewed({entry.name!r}))"
        assert entry.default == row.value
        assert entry.metadata["section"] == row.sections[0]
        assert row.source.strip()


def test_the_shipped_rows_load_with_their_sections_and_marks():
    tables = reference_tables_from_document(SHIPPED)

    check_reviewed_rows(tables)
    assert tables == REFERENCE_TABLES
    for name, marks in THRESHOLD_MARKS.items():
        assert tables.thresholds[name].marks == marks, name


def test_normal_rom_is_the_4_2_table():
    assert {
        movement: (normal.degrees, normal.marks)
        for movement, normal in DEFAULT_REFERENCE.rom_normals.items()
    } == NORMAL_ROM_4_2


def test_a_decimal_keeps_its_written_digits():
    assert str(DEFAULT_REFERENCE.abi_non_compressible_above) == "1.40"
    assert isinstance(DEFAULT_REFERENCE.capillary_refill_delayed_above_seconds, Decimal)
    assert type(DEFAULT_REFERENCE.nprs_severe_from) is int


def test_a_threshold_the_reference_gives_no_number_for_has_no_default():
    # 6.2 refers "frequent cramps" to the GP without a count.
    assert DEFAULT_REFERENCE.cramps_frequent_from_per_week is None
    assert REFERENCE_TABLES.thresholds["cramps_frequent_from_per_week"].value is None
    assert (
        DEFAULT_REFERENCE.with_overrides(
            {"cramps_frequent_from_per_week": 3}
        ).cramps_frequent_from_per_week
        == 3
    )


def test_a_clinic_override_replaces_a_reviewed_default():
    custom = DEFAULT_REFERENCE.with_overrides(
        {"abi_normal_from": "1.05", "rom_normal.knee_flexion": 140}
    )

    assert custom.abi_normal_from == Decimal("1.05")
    assert custom.rom_normals["knee_flexion"].degrees == 140
    assert DEFAULT_REFERENCE.abi_normal_from == Decimal("1.00")


BAD_DOCUMENTS: list[tuple[str, Callable[[dict[str, Any]], object], list[str]]] = [
    (
        "unknown verification mark",
        lambda d: row_of(d, "thresholds", "abi_normal_from").update(marks=["X"]),
        ["'abi_normal_from'", "'marks'", "unknown value 'X'"],
    ),
    (
        "a decimal written as a float",
        lambda d: row_of(d, "thresholds", "abi_normal_from").update(value=1.0),
        ["'abi_normal_from'", "'value'", "'1.40'"],
    ),
    (
        "a value that is not a number",
        lambda d: row_of(d, "thresholds", "abi_normal_from").update(value="one"),
        ["'abi_normal_from'", "'value'", "not a decimal number"],
    ),
    (
        "no sections",
        lambda d: row_of(d, "thresholds", "nprs_mild_from").update(sections=[]),
        ["'nprs_mild_from'", "'sections'"],
    ),
    (
        "no source",
        lambda d: row_of(d, "thresholds", "nprs_mild_from").pop("source"),
        ["'source'", "non-empty text"],
    ),
    (
        "duplicate key",
        lambda d: d["thresholds"].append(copy.deepcopy(row_of(d, "thresholds", "nprs_mild_from"))),
        ["'nprs_mild_from'", "duplicate key"],
    ),
    (
        "unknown field",
        lambda d: row_of(d, "thresholds", "nprs_mild_from").update(unit="points"),
        ["'nprs_mild_from'", "'unit'", "unknown field"],
    ),
    (
        "unknown movement",
        lambda d: row_of(d, "rom_normals", "hip_flexion").update(key="hip_flexion_knee_straight"),
        ["'hip_flexion_knee_straight'", "JOINT_MOVEMENTS"],
    ),
    (
        "missing movement",
        lambda d: d["rom_normals"].remove(row_of(d, "rom_normals", "knee_flexion")),
        ["no [[rom_normals]] row for knee_flexion"],
    ),
    (
        "degrees that are not whole",
        lambda d: row_of(d, "rom_normals", "knee_flexion").update(degrees=135.5),
        ["'knee_flexion'", "'degrees'"],
    ),
]


@pytest.mark.parametrize(
    ("change", "messages"),
    [case[1:] for case in BAD_DOCUMENTS],
    ids=[case[0] for case in BAD_DOCUMENTS],
)
def test_a_bad_row_is_refused_naming_the_row(change, messages):
    with pytest.raises(ValueError, match=r"^reference_values\.toml: ") as refused:
        reference_tables_from_document(broken(change))

    for message in messages:
        assert message in str(refused.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["thresholds"].append(
                {**row_of(d, "thresholds", "nprs_mild_from"), "key": "nprs_trivial_from"}
            ),
            "'nprs_trivial_from': no such ReferenceValues field",
        ),
        (
            lambda d: row_of(d, "thresholds", "nprs_mild_from").update(value="1"),
            "'nprs_mild_from': field 'value': must be a whole number",
        ),
        (
            lambda d: row_of(d, "thresholds", "abi_normal_from").update(value=1),
            "'abi_normal_from': field 'value': must be a decimal written as text",
        ),
        (
            lambda d: row_of(d, "thresholds", "nprs_mild_from").pop("value"),
            "'nprs_mild_from': field 'value': must be a whole number, not left out",
        ),
    ],
    ids=[
        "row naming no field",
        "decimal for a whole-number field",
        "integer for a decimal field",
        "no value for a threshold that needs one",
    ],
)
def test_a_row_that_does_not_fit_its_field_is_refused(change, message):
    with pytest.raises(ValueError, match=r"^reference_values\.toml: ") as refused:
        check_reviewed_rows(reference_tables_from_document(broken(change)))

    assert message in str(refused.value)
