from dataclasses import fields
from decimal import Decimal

import pytest

from practice.clinical.catalogues import JOINT_MOVEMENTS
from practice.clinical.reference import (
    DEFAULT_REFERENCE,
    OEDEMA_GRADES,
    PULSE_SCALES,
    PulseScale,
    ReferenceValues,
    Verification,
)


def test_default_values_are_those_of_section_0_and_the_cited_sections():
    reference = DEFAULT_REFERENCE
    assert reference.asymmetry_flag_above_percent == Decimal("10")
    assert reference.oxford_grade_asymmetry_min_difference == 1
    assert reference.oxford_weakness_at_or_below_grade == 4
    assert (
        reference.abi_moderate_pad_from,
        reference.abi_mild_pad_from,
        reference.abi_borderline_from,
        reference.abi_normal_from,
        reference.abi_non_compressible_above,
    ) == tuple(Decimal(value) for value in ("0.51", "0.81", "0.91", "1.00", "1.40"))
    assert reference.capillary_refill_delayed_above_seconds == Decimal("2")
    assert (reference.nprs_mild_from, reference.nprs_moderate_from, reference.nprs_severe_from) == (
        1,
        4,
        7,
    )
    assert reference.beighton_hypermobile_from == 4
    assert reference.straight_leg_raise_tight_below_degrees == 80
    assert reference.active_knee_extension_tight_above_degrees == 20
    assert reference.ankle_dorsiflexion_short_below_degrees == 18


@pytest.mark.parametrize(
    ("name", "section"),
    [
        ("asymmetry_flag_above_percent", "0.9"),
        ("oxford_grade_asymmetry_min_difference", "0.9"),
        ("oxford_weakness_at_or_below_grade", "7.11"),
        ("abi_borderline_from", "0.10"),
        ("capillary_refill_delayed_above_seconds", "0.11"),
        ("nprs_severe_from", "9"),
        ("beighton_hypermobile_from", "4.3"),
        ("rom_normals", "4.2"),
        ("rom_normal.hip_flexion", "4.2"),
    ],
)
def test_each_value_names_its_section(name, section):
    assert ReferenceValues.section_of(name) == section


def test_every_field_names_a_section():
    for entry in fields(ReferenceValues):
        assert entry.metadata.get("section"), entry.name


def test_section_of_an_unknown_name_is_an_error():
    with pytest.raises(ValueError, match="Unknown reference value 'nonsense'"):
        ReferenceValues.section_of("nonsense")


def test_normal_rom_covers_exactly_the_catalogued_movements():
    assert set(DEFAULT_REFERENCE.rom_normals) == set(JOINT_MOVEMENTS)


@pytest.mark.parametrize(
    ("movement", "degrees", "marks"),
    [
        ("shoulder_flexion", 180, (Verification.VERIFIED,)),
        ("elbow_flexion", 150, (Verification.VERIFIED,)),
        ("hip_flexion", 120, (Verification.UNVERIFIED,)),
        ("hip_extension", 30, (Verification.UNVERIFIED, Verification.DISPUTED)),
        ("hip_abduction", 45, ()),
        ("knee_flexion", 135, (Verification.UNVERIFIED,)),
        ("ankle_dorsiflexion", 20, ()),
        ("ankle_eversion", 15, (Verification.UNVERIFIED, Verification.DISPUTED)),
        ("cervical_rotation", 80, (Verification.DISPUTED,)),
        ("thoracolumbar_flexion", 90, (Verification.DISPUTED,)),
    ],
)
def test_normal_rom_keeps_the_value_and_the_verification_marks_of_4_2(movement, degrees, marks):
    normal = DEFAULT_REFERENCE.rom_normals[movement]
    assert (normal.degrees, normal.marks) == (degrees, marks)


def test_overrides_return_a_new_table_and_leave_the_default_alone():
    custom = DEFAULT_REFERENCE.with_overrides(
        {"asymmetry_flag_above_percent": 15, "beighton_hypermobile_from": "5"}
    )
    assert custom.asymmetry_flag_above_percent == Decimal("15")
    assert custom.beighton_hypermobile_from == 5
    assert DEFAULT_REFERENCE.asymmetry_flag_above_percent == Decimal("10")
    assert DEFAULT_REFERENCE.beighton_hypermobile_from == 4


def test_decimal_overrides_take_the_written_value_of_a_float():
    custom = DEFAULT_REFERENCE.with_overrides({"capillary_refill_delayed_above_seconds": 3.1})
    assert custom.capillary_refill_delayed_above_seconds == Decimal("3.1")


def test_normal_rom_is_overridden_per_movement_keeping_its_marks():
    custom = DEFAULT_REFERENCE.with_overrides({"rom_normal.hip_flexion": 110})
    assert custom.rom_normals["hip_flexion"].degrees == 110
    assert custom.rom_normals["hip_flexion"].marks == (Verification.UNVERIFIED,)
    assert custom.rom_normals["knee_flexion"].degrees == 135
    assert DEFAULT_REFERENCE.rom_normals["hip_flexion"].degrees == 120


def test_no_overrides_give_an_equal_table():
    assert DEFAULT_REFERENCE.with_overrides({}) == DEFAULT_REFERENCE


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"asymmetry_threshold": 15}, "Unknown reference value 'asymmetry_threshold'"),
        ({"rom_normal.hip_wiggle": 10}, "no normal ROM for 'hip_wiggle'"),
        ({"beighton_hypermobile_from": 4.5}, "must be a whole number"),
        ({"beighton_hypermobile_from": True}, "must be a number"),
        ({"asymmetry_flag_above_percent": "ten"}, "must be a number"),
        ({"asymmetry_flag_above_percent": "NaN"}, "finite"),
        ({"asymmetry_flag_above_percent": None}, "must be a number"),
        ({"abi_borderline_from": "0.80"}, "ABI band limits"),
        ({"nprs_moderate_from": 8}, "NPRS band limits"),
        ({"asymmetry_flag_above_percent": -1}, "cannot be negative"),
    ],
)
def test_bad_overrides_are_refused_with_a_clear_message(overrides, message):
    with pytest.raises(ValueError, match=message):
        DEFAULT_REFERENCE.with_overrides(overrides)


def test_an_unknown_key_message_lists_the_known_values():
    with pytest.raises(ValueError, match=r"known values are .*asymmetry_flag_above_percent"):
        DEFAULT_REFERENCE.with_overrides({"typo": 1})


def test_both_pulse_scales_of_5_1_are_kept_with_their_legends():
    four, three = PULSE_SCALES[PulseScale.ZERO_TO_FOUR], PULSE_SCALES[PulseScale.ZERO_TO_THREE]
    assert four.max_grade == 4
    assert three.max_grade == 3
    assert four.legend[2] == "normal, brisk"
    assert four.legend[4] == "bounding"
    assert three.legend[3] == "bounding"
    assert "3+ as normal" in four.note
    for scale in (four, three):
        assert scale.absent_grades == {0}
        assert scale.diminished_grades == {1}


def test_oedema_grades_follow_5_4():
    assert list(OEDEMA_GRADES) == [0, 1, 2, 3, 4]
    assert OEDEMA_GRADES[2].label == "2+"
    assert OEDEMA_GRADES[4].rebound.startswith("over 60 s")
