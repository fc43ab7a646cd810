"""The stage of the problem, transcribed from the reference: 1.1 "Duration / stage" (acute
< 6 weeks, subacute 6-12 weeks, chronic > 12 weeks, boundaries as written per 0.14), 7.9 (acute
injury or inflammation: first ~48-72 h, red hot swollen area), 7.1 and 7.3 (haematoma, fresh
soft-tissue trauma, contusions)."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from practice.clinical.assessment_data import (
    BodySite,
    Circulation,
    LocalSign,
    Oedema,
    OnsetMechanism,
    Skin,
    SkinTemperature,
    Stage,
    StageRecord,
    Subjective,
)
from practice.clinical.screening import TreatmentSite
from practice.clinical.stage import (
    acute_tissue,
    derive_stage,
    recorded_stage,
    stage_flags,
    stage_of,
)
from practice.clinical.vocabulary import BodyRegion, FlagKind, Side

SEEN = date(2026, 3, 2)
TRAUMATIC, INSIDIOUS = OnsetMechanism.TRAUMATIC, OnsetMechanism.INSIDIOUS
WARMTH, SWELLING = LocalSign.WARMTH, LocalSign.SWELLING
BRUISING, OEDEMA = LocalSign.BRUISING, LocalSign.OEDEMA
ACUTE, SUBACUTE, CHRONIC = Stage.ACUTE, Stage.SUBACUTE, Stage.CHRONIC

# (days since onset or None, mechanism, local signs, stage, a section the reason rests on)
TABLE = [
    # 1.1: acute < 6 weeks (41 days is under, 42 days is 6 weeks and no longer acute)
    (0, INSIDIOUS, (), ACUTE, "1.1"),
    (41, INSIDIOUS, (), ACUTE, "1.1"),
    # 1.1: subacute 6-12 weeks, both ends included
    (42, INSIDIOUS, (), SUBACUTE, "1.1"),
    (84, INSIDIOUS, (), SUBACUTE, "1.1"),
    # 1.1: chronic > 12 weeks
    (85, INSIDIOUS, (), CHRONIC, "1.1"),
    (400, OnsetMechanism.OVERUSE, (), CHRONIC, "1.1"),
    (100, TRAUMATIC, (), CHRONIC, "1.1"),
    # 7.9: an injury within the first 72 h (3 days) is named as such
    (3, TRAUMATIC, (), ACUTE, "7.9"),
    (1, OnsetMechanism.POST_SURGICAL, (), ACUTE, "7.9"),
    # 7.9: red, hot, swollen is acute inflammation whatever the calendar says
    (100, INSIDIOUS, (WARMTH, SWELLING), ACUTE, "7.9"),
    (60, None, (WARMTH, OEDEMA), ACUTE, "7.9"),
    (None, None, (SWELLING, WARMTH), ACUTE, "7.9"),
    # one sign alone is not the red, hot, swollen area
    (100, INSIDIOUS, (WARMTH,), CHRONIC, "1.1"),
    (60, INSIDIOUS, (SWELLING, OEDEMA), SUBACUTE, "1.1"),
    # 7.1, 7.3: bruising after an injury is fresh soft-tissue trauma; without one it is not
    (50, TRAUMATIC, (BRUISING,), ACUTE, "7.1"),
    (50, INSIDIOUS, (BRUISING,), SUBACUTE, "1.1"),
    # no onset date and no signs: no stage
    (None, TRAUMATIC, (), None, "1.1"),
]


def _onset(days):
    return None if days is None else SEEN - timedelta(days=days)


@pytest.mark.parametrize(("days", "mechanism", "signs", "stage", "section"), TABLE)
def test_the_stage_is_derived_as_the_reference_defines_it(days, mechanism, signs, stage, section):
    derived = derive_stage(_onset(days), mechanism, signs, SEEN)
    assert derived.derived is stage
    assert section in derived.sections
    assert "(" not in derived.reason  # the sections are not part of the words
    assert not derived.overridden


def test_the_reason_says_how_long_ago_the_onset_was():
    assert derive_stage(_onset(45), INSIDIOUS, (), SEEN).reason.startswith(
        "Insidious onset 6 weeks 3 days before the assessment"
    )
    assert (
        "Bruising after a traumatic onset"
        in derive_stage(_onset(9), TRAUMATIC, (BRUISING,), SEEN).reason
    )


def test_an_onset_after_the_assessment_derives_no_stage():
    derived = derive_stage(SEEN + timedelta(days=1), TRAUMATIC, (WARMTH, SWELLING), SEEN)
    assert derived.derived is None
    assert "after the assessment date" in derived.reason


def test_an_override_needs_a_reason_and_a_different_stage():
    with pytest.raises(ValueError, match="reason for overriding"):
        StageRecord(ACUTE, "x", override=CHRONIC, override_reason="  ")
    with pytest.raises(ValueError, match="already acute"):
        StageRecord(ACUTE, "x", override=ACUTE, override_reason="sure")
    with pytest.raises(ValueError, match="Choose the stage"):
        StageRecord(ACUTE, "x", override_reason="a reason and no stage")
    overridden = StageRecord(CHRONIC, "x", override=ACUTE, override_reason="new fall yesterday")
    assert (overridden.stage, overridden.overridden) == (ACUTE, True)


ANKLE = BodySite(BodyRegion.ANKLE_FOOT, Side.LEFT)


def _subjective(days, mechanism=TRAUMATIC, signs=(), *, sites=(ANKLE,), stage=None):
    return Subjective(
        onset_on=_onset(days),
        onset_mechanism=mechanism,
        local_signs=signs,
        pain_sites=sites,
        stage=stage,
    )


# (subjective, whether the acute-stage rules apply at the site)
TISSUE = [
    (_subjective(2), True),  # injury within 72 h (7.9)
    (_subjective(3), True),
    (_subjective(4), False),  # acute by 1.1, but past the first 72 h and nothing swollen
    (_subjective(20, INSIDIOUS), False),  # gradual onset, no local sign
    (_subjective(20, INSIDIOUS, (SWELLING,)), True),  # swollen tissue in the acute stage
    (_subjective(60, INSIDIOUS, (WARMTH, SWELLING)), True),  # red, hot, swollen (7.9)
    (_subjective(60, TRAUMATIC, (SWELLING,)), False),  # sub-acute
    # the clinician's override to acute applies the rules; one away from acute removes them
    (
        _subjective(
            60,
            stage=StageRecord(
                SUBACUTE, "x", override=ACUTE, override_reason="re-injured", derived_on=SEEN
            ),
        ),
        True,
    ),
    (
        _subjective(
            2,
            stage=StageRecord(
                ACUTE, "x", override=SUBACUTE, override_reason="old", derived_on=SEEN
            ),
        ),
        False,
    ),
]


@pytest.mark.parametrize(("subjective", "applies"), TISSUE)
def test_the_acute_stage_rules_apply_over_acutely_injured_or_swollen_tissue(subjective, applies):
    assert acute_tissue(subjective, SEEN) is applies
    assert bool(stage_flags(subjective, SEEN)) is applies


def test_the_flag_is_at_each_involved_site_with_the_derived_reason():
    knee = BodySite(BodyRegion.KNEE, Side.RIGHT)
    flags = stage_flags(_subjective(1, sites=(ANKLE, knee)), SEEN)
    assert [flag.kind for flag in flags] == [FlagKind.ACUTE_INFLAMMATION] * 2
    assert [flag.site for flag in flags] == [
        TreatmentSite(BodyRegion.ANKLE_FOOT, Side.LEFT),
        TreatmentSite(BodyRegion.KNEE, Side.RIGHT),
    ]
    assert flags[0].note.startswith("acute stage derived from traumatic onset 1 day before")


def test_an_overridden_stage_flag_gives_the_clinicians_reason():
    stage = StageRecord(
        CHRONIC, "x", override=ACUTE, override_reason="fell on it last night", derived_on=SEEN
    )
    (flag,) = stage_flags(_subjective(200, stage=stage), SEEN)
    assert flag.note == "acute stage set by the clinician: fell on it last night"


def test_with_no_pain_site_the_flag_has_no_site_rather_than_none_at_all():
    (flag,) = stage_flags(_subjective(1, sites=()), SEEN)
    assert flag.site is None


def test_a_record_without_a_stored_stage_derives_one_when_read():
    subjective = _subjective(50)
    assert stage_of(subjective, SEEN) == derive_stage(subjective.onset_on, TRAUMATIC, (), SEEN)
    assert stage_of(subjective, SEEN).derived_on == SEEN


def test_the_stored_stage_counts_only_for_the_assessment_it_was_derived_for():
    kept = StageRecord(CHRONIC, "as derived on the day", derived_on=SEEN)
    assert stage_of(_subjective(50, stage=kept), SEEN) is kept
    # pre-filled from an assessment a week earlier, with that day's override: derived afresh
    earlier = StageRecord(
        SUBACUTE,
        "x",
        override=CHRONIC,
        override_reason="long history",
        derived_on=SEEN - timedelta(days=7),
    )
    fresh = stage_of(_subjective(2, stage=earlier), SEEN)
    assert (fresh.derived, fresh.override, fresh.derived_on) == (ACUTE, None, SEEN)
    assert acute_tissue(_subjective(2, stage=earlier), SEEN)


# Local signs recorded in the circulation section (1.1, 7.9) ---------------------------------

WARM_ANKLE = Skin(BodyRegion.ANKLE_FOOT, Side.LEFT, temperature=SkinTemperature.WARM)
SWOLLEN_ANKLE = Oedema(BodyRegion.ANKLE_FOOT, Side.LEFT, pitting=True, grade=2)

# (circulation, the subjective signs ticked, the derived stage): an insidious onset 100 days
# before the assessment, pain at the left ankle.
CIRCULATION_SIGNS = [
    # warm skin and oedema at the pain site: red, hot, swollen (7.9)
    (Circulation(skin=(WARM_ANKLE,), oedema=(SWOLLEN_ANKLE,)), (), ACUTE),
    # one recorded in each section
    (Circulation(skin=(WARM_ANKLE,)), (SWELLING,), ACUTE),
    (Circulation(oedema=(SWOLLEN_ANKLE,)), (WARMTH,), ACUTE),
    # non-pitting oedema is oedema
    (
        Circulation(skin=(WARM_ANKLE,), oedema=(Oedema(BodyRegion.ANKLE_FOOT, Side.LEFT, False),)),
        (),
        ACUTE,
    ),
    # one sign alone is not the red, hot, swollen area
    (Circulation(skin=(WARM_ANKLE,)), (), CHRONIC),
    # pitting grade 0 is no oedema
    (Circulation(skin=(WARM_ANKLE,), oedema=(replace(SWOLLEN_ANKLE, grade=0),)), (), CHRONIC),
    # not at the involved site: the other ankle, or another region
    (
        Circulation(
            skin=(replace(WARM_ANKLE, side=Side.RIGHT),),
            oedema=(replace(SWOLLEN_ANKLE, side=Side.RIGHT),),
        ),
        (),
        CHRONIC,
    ),
    (
        Circulation(
            skin=(replace(WARM_ANKLE, region=BodyRegion.KNEE),),
            oedema=(replace(SWOLLEN_ANKLE, region=BodyRegion.KNEE),),
        ),
        (),
        CHRONIC,
    ),
    # a cool limb is not warmth
    (
        Circulation(
            skin=(replace(WARM_ANKLE, temperature=SkinTemperature.COOL),),
            oedema=(SWOLLEN_ANKLE,),
        ),
        (),
        CHRONIC,
    ),
]


@pytest.mark.parametrize(("circulation", "signs", "stage"), CIRCULATION_SIGNS, ids=str)
def test_warm_skin_and_oedema_recorded_in_the_circulation_section_feed_the_stage(
    circulation, signs, stage
):
    subjective = _subjective(100, INSIDIOUS, signs)

    derived = stage_of(subjective, SEEN, circulation)

    assert derived.stage is stage
    assert acute_tissue(subjective, SEEN, circulation) is (stage is ACUTE)
    assert bool(stage_flags(subjective, SEEN, circulation)) is (stage is ACUTE)


def test_the_reason_names_where_the_circulation_signs_were_recorded():
    circulation = Circulation(skin=(WARM_ANKLE,), oedema=(SWOLLEN_ANKLE,))

    derived = stage_of(_subjective(100, INSIDIOUS), SEEN, circulation)

    assert derived.reason.startswith(
        "Warmth and oedema at the site (warm skin at the ankle and foot (left), oedema at the "
        "ankle and foot (left), recorded in the circulation section): signs of acute inflammation"
    )
    assert derived.sections == ("7.9",)


def test_with_no_pain_site_the_circulation_signs_have_no_involved_site_to_count_at():
    circulation = Circulation(skin=(WARM_ANKLE,), oedema=(SWOLLEN_ANKLE,))

    assert stage_of(_subjective(100, INSIDIOUS, sites=()), SEEN, circulation).stage is CHRONIC


def test_signs_recorded_after_the_stage_was_kept_derive_it_afresh_keeping_a_different_override():
    circulation = Circulation(skin=(WARM_ANKLE,), oedema=(SWOLLEN_ANKLE,))
    kept = derive_stage(_onset(100), INSIDIOUS, (), SEEN)
    overridden = replace(kept, override=SUBACUTE, override_reason="settling, seen last week")

    assert stage_of(_subjective(100, INSIDIOUS, stage=kept), SEEN, circulation).stage is ACUTE
    fresh = stage_of(_subjective(100, INSIDIOUS, stage=overridden), SEEN, circulation)
    assert (fresh.derived, fresh.stage) == (ACUTE, SUBACUTE)
    assert fresh.override_reason == "settling, seen last week"
    # without circulation signs the kept stage stands
    assert stage_of(_subjective(100, INSIDIOUS, stage=kept), SEEN, Circulation()) is kept


def test_the_stage_shown_is_none_unsaved_the_kept_one_pre_filled_and_else_with_circulation():
    circulation = Circulation(skin=(WARM_ANKLE,), oedema=(SWOLLEN_ANKLE,))
    kept = derive_stage(_onset(100), INSIDIOUS, (), SEEN)
    earlier = replace(kept, derived_on=SEEN - timedelta(days=7))

    assert recorded_stage(_subjective(100, INSIDIOUS), SEEN, circulation) is None
    assert recorded_stage(_subjective(100, INSIDIOUS, stage=earlier), SEEN, circulation) is earlier
    shown = recorded_stage(_subjective(100, INSIDIOUS, stage=kept), SEEN, circulation)
    assert shown.stage is ACUTE
    assert "recorded in the circulation section" in shown.reason
