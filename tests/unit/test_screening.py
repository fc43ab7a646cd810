"""Contraindication screening, tested as a table (reference sections 0.1-0.8, 5.7 and 7).

``EXPECTED`` is transcribed from the reference independently of ``screening.RULES``: for each flag,
the verdict and deciding section per technique where the flag applies; every other technique is
expected to be allowed. The flags added with issue 11 (rash, acute medical condition, undiagnosed
pain, consent, pregnancy trimester and risk, ...) have their own table in
tests/unit/test_new_flag_rules.py; the table tests here walk the flags of ``EXPECTED``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from practice.clinical.screening import (
    RULES,
    WHOLE_BODY_SITE,
    PatientFlag,
    Reason,
    ScreeningResult,
    TreatmentSite,
    Verdict,
    Where,
    screen,
)
from practice.clinical.vocabulary import (
    BodyRegion,
    FindingKind,
    FlagKind,
    FlagSiteKind,
    Side,
    TechniqueKind,
    flag_site_kind,
)

CI = Verdict.CONTRAINDICATED
P = Verdict.PRECAUTION
ALLOWED = Verdict.ALLOWED
T = TechniqueKind

ELECTRO = (T.TENS, T.NMES, T.INTERFERENTIAL)
SOFT = (T.MASSAGE, T.MYOFASCIAL_RELEASE)
STRETCH_AND_MOBILITY = (T.STATIC_STRETCH, T.PNF_STRETCH, T.MOBILITY)


def each(
    techniques: tuple[TechniqueKind, ...], verdict: Verdict, section: str
) -> dict[TechniqueKind, tuple[Verdict, str]]:
    return {technique: (verdict, section) for technique in techniques}


EXPECTED: dict[FlagKind, dict[TechniqueKind, tuple[Verdict, str]]] = {
    FlagKind.ACTIVE_IMPLANT: {**each(ELECTRO, CI, "0.3"), T.DRY_NEEDLING: (P, "7.5")},
    FlagKind.ANTICOAGULANTS: {
        **each(SOFT, P, "7.3"),
        T.DRY_NEEDLING: (P, "7.5"),
        **each(STRETCH_AND_MOBILITY, P, "7.1"),
    },
    FlagKind.BLEEDING_DISORDER: {
        **each(SOFT, CI, "7.3"),
        T.DRY_NEEDLING: (CI, "7.5"),
        **each(ELECTRO, P, "0.3"),
    },
    FlagKind.PREGNANCY: {  # screened on the lower back
        **each(ELECTRO, CI, "0.3"),
        T.SUPERFICIAL_HEAT: (P, "7.9"),
        **each(SOFT, P, "7.3"),
        T.DRY_NEEDLING: (P, "7.5"),
    },
    FlagKind.DVT: {
        **each((T.SUPERFICIAL_HEAT, T.COLD, *SOFT, *ELECTRO, T.DRY_NEEDLING), CI, "0.5"),
        **each((T.STRENGTHENING, T.AEROBIC_CIRCULATION), CI, "0.5"),
        **each(STRETCH_AND_MOBILITY, CI, "5.6"),
    },
    FlagKind.ACTIVE_MALIGNANCY: {
        **each(ELECTRO, CI, "0.3"),
        T.SUPERFICIAL_HEAT: (CI, "7.9"),
        T.DRY_NEEDLING: (CI, "7.5"),
        **each(SOFT, P, "7.3"),
    },
    FlagKind.EPILEPSY: {**each(ELECTRO, P, "0.3"), T.DRY_NEEDLING: (P, "7.5")},  # at the knee
    FlagKind.IMPAIRED_SENSATION: {
        T.SUPERFICIAL_HEAT: (CI, "0.4"),
        **each(ELECTRO, CI, "0.4"),
        T.COLD: (P, "0.4"),
        **each(SOFT, P, "0.4"),
    },
    FlagKind.DIABETES: {T.DRY_NEEDLING: (P, "7.5")},
    FlagKind.METAL_IMPLANT: {T.DRY_NEEDLING: (P, "7.5")},
    FlagKind.LOCAL_INFECTION_OR_WOUND: {
        **each(STRETCH_AND_MOBILITY, CI, "7.1"),
        **each(SOFT, CI, "7.3"),
        T.DRY_NEEDLING: (CI, "7.5"),
        **each(ELECTRO, CI, "0.3"),
        T.SUPERFICIAL_HEAT: (CI, "7.9"),
        T.COLD: (P, "7.10"),
    },
    FlagKind.LYMPHOEDEMA: {
        T.DRY_NEEDLING: (CI, "0.7"),
        **each(SOFT, P, "0.7"),
        T.SUPERFICIAL_HEAT: (P, "0.7"),
        **each(ELECTRO, P, "0.7"),
    },
    FlagKind.NEEDLE_PHOBIA: {T.DRY_NEEDLING: (CI, "7.5")},
    FlagKind.HYPERMOBILITY: each(STRETCH_AND_MOBILITY, P, "7.1"),
    FlagKind.RECENT_FRACTURE: {
        **each(STRETCH_AND_MOBILITY, CI, "7.1"),
        **each(SOFT, CI, "7.3"),
        **each((T.NMES, T.INTERFERENTIAL), P, "7.7"),
        T.STRENGTHENING: (P, "7.11"),
    },
    FlagKind.VARICOSE_VEINS: {
        **each(SOFT, CI, "0.6"),
        T.DRY_NEEDLING: (CI, "0.6"),
        **each((T.SUPERFICIAL_HEAT, T.COLD), P, "0.6"),
        **each(ELECTRO, CI, "0.3"),
    },
    FlagKind.COGNITIVE_IMPAIRMENT: {
        **each(ELECTRO, CI, "0.3"),
        T.DRY_NEEDLING: (CI, "7.5"),
        T.SUPERFICIAL_HEAT: (CI, "7.9"),
    },
    FlagKind.HEART_DISEASE: {
        **each(ELECTRO, P, "0.3"),
        T.SUPERFICIAL_HEAT: (P, "7.9"),
        T.COLD: (P, "7.10"),
        T.PNF_STRETCH: (P, "7.2"),
        T.STRENGTHENING: (P, "7.11"),
        T.DRY_NEEDLING: (P, "7.5"),
    },
    FlagKind.PERIPHERAL_ARTERIAL_DISEASE: {
        **each((T.SUPERFICIAL_HEAT, T.COLD), CI, "5.7"),
        **each(SOFT, P, "5.7"),
        **each(ELECTRO, P, "5.7"),
        T.DRY_NEEDLING: (P, "5.7"),
    },
    FlagKind.COLD_HYPERSENSITIVITY: {T.COLD: (CI, "5.7")},
    FlagKind.RADIOTHERAPY_DAMAGED_SKIN: {
        **each(ELECTRO, CI, "0.3"),
        T.SUPERFICIAL_HEAT: (CI, "7.9"),
    },
    FlagKind.ACUTE_INFLAMMATION: {
        **each(STRETCH_AND_MOBILITY, CI, "7.1"),
        **each(SOFT, CI, "7.3"),
        T.SUPERFICIAL_HEAT: (CI, "7.9"),
        **each(ELECTRO, CI, "0.3"),
        T.DRY_NEEDLING: (P, "7.5"),
    },
    FlagKind.OSTEOPOROSIS: {**each(STRETCH_AND_MOBILITY, P, "7.1"), **each(SOFT, P, "7.3")},
    FlagKind.IMMUNOSUPPRESSION: {T.DRY_NEEDLING: (P, "7.5")},
    FlagKind.RECENT_SURGERY: {
        **each(SOFT, P, "7.3"),
        **each((T.NMES, T.INTERFERENTIAL), P, "7.7"),
        **each(STRETCH_AND_MOBILITY, P, "7.1"),
        T.STRENGTHENING: (P, "7.11"),
    },
    FlagKind.TRANSDERMAL_DRUG_PATCH: each(ELECTRO, P, "0.3"),
    FlagKind.UNCONTROLLED_HYPERTENSION: {
        T.STRENGTHENING: (P, "7.11"),
        T.PNF_STRETCH: (P, "7.2"),
        T.COLD: (P, "7.10"),
    },
    FlagKind.FEVER: {**each(SOFT, CI, "7.3"), T.SUPERFICIAL_HEAT: (CI, "7.9")},
}

LEFT_KNEE = TreatmentSite(BodyRegion.KNEE, Side.LEFT)
RIGHT_KNEE = TreatmentSite(BodyRegion.KNEE, Side.RIGHT)
LEFT_THIGH = TreatmentSite(BodyRegion.THIGH, Side.LEFT)
LEFT_HIP = TreatmentSite(BodyRegion.HIP, Side.LEFT)
LEFT_CALF = TreatmentSite(BodyRegion.LOWER_LEG, Side.LEFT)
RIGHT_CALF = TreatmentSite(BodyRegion.LOWER_LEG, Side.RIGHT)
LEFT_SHOULDER = TreatmentSite(BodyRegion.SHOULDER, Side.LEFT)
RIGHT_SHOULDER = TreatmentSite(BodyRegion.SHOULDER, Side.RIGHT)
LOWER_BACK = TreatmentSite(BodyRegion.LOWER_BACK, Side.NOT_APPLICABLE)
TRANSCRIBED_FLAGS = tuple(EXPECTED)
SITE_BOUND_FLAGS = [kind for kind in TRANSCRIBED_FLAGS if flag_site_kind(kind) != FlagSiteKind.NONE]
FLAGS_ACTING_ANYWHERE = [
    kind
    for kind in TRANSCRIBED_FLAGS
    if flag_site_kind(kind) == FlagSiteKind.NONE
    and kind not in (FlagKind.PREGNANCY, FlagKind.EPILEPSY)
]


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    region: BodyRegion
    side: Side


def flag_with_site(kind: FlagKind) -> PatientFlag:
    """A limb flag sits on the left calf, a local one on the left knee, the others nowhere."""
    site_kind = flag_site_kind(kind)
    if site_kind == FlagSiteKind.LIMB:
        return PatientFlag(kind, LEFT_CALF)
    if site_kind == FlagSiteKind.LOCAL:
        return PatientFlag(kind, LEFT_KNEE)
    return PatientFlag(kind)


def matching_site(kind: FlagKind) -> TreatmentSite:
    return LOWER_BACK if kind == FlagKind.PREGNANCY else LEFT_KNEE


def sections_of(result: ScreeningResult) -> list[str]:
    return [reason.section for reason in result.reasons]


def assert_allowed(result: ScreeningResult) -> None:
    assert result.verdict == ALLOWED
    assert sections_of(result) == ["0.1"]


FLAG_TECHNIQUE_CASES = [
    pytest.param(flag, technique, id=f"{flag}-{technique}")
    for flag in TRANSCRIBED_FLAGS
    for technique in TechniqueKind
]


@pytest.mark.parametrize(("flag", "technique"), FLAG_TECHNIQUE_CASES)
def test_flag_screens_each_technique_at_a_matching_site(flag, technique):
    result = screen(technique, matching_site(flag), [flag_with_site(flag)])

    expected = EXPECTED[flag].get(technique)
    if expected is None:
        assert_allowed(result)
    else:
        verdict, section = expected
        assert result.verdict == verdict
        assert section in sections_of(result)
        assert all(reason.section in reason.text for reason in result.reasons)


@pytest.mark.parametrize(
    ("flag", "technique", "site"),
    [
        pytest.param(flag, technique, site, id=f"{flag}-{technique}-{label}")
        for flag in SITE_BOUND_FLAGS
        for technique in TechniqueKind
        for site, label in ((RIGHT_KNEE, "other_side"), (LEFT_SHOULDER, "other_limb"))
    ],
)
def test_site_bound_flag_allows_everything_away_from_its_site(flag, technique, site):
    assert_allowed(screen(technique, site, [flag_with_site(flag)]))


@pytest.mark.parametrize("flag", [pytest.param(flag, id=str(flag)) for flag in SITE_BOUND_FLAGS])
@pytest.mark.parametrize("technique", [pytest.param(t, id=str(t)) for t in TechniqueKind])
def test_local_flag_stays_near_its_region_and_limb_flag_covers_the_limb(flag, technique):
    """The hip is two regions up from the knee: no local reach gets there (0.2; the region-by-
    region table is tests/unit/test_region_reach.py)."""
    result = screen(technique, LEFT_HIP, [flag_with_site(flag)])

    if flag_site_kind(flag) == FlagSiteKind.LOCAL or technique not in EXPECTED[flag]:
        assert_allowed(result)
    else:
        assert result.verdict == EXPECTED[flag][technique][0]


@pytest.mark.parametrize(
    ("flag", "technique"),
    [
        pytest.param(flag, technique, id=f"{flag}-{technique}")
        for flag in FLAGS_ACTING_ANYWHERE
        for technique in TechniqueKind
    ],
)
def test_flag_without_site_acts_wherever_the_technique_is_applied(flag, technique):
    result = screen(technique, RIGHT_SHOULDER, [PatientFlag(flag)])

    expected = EXPECTED[flag].get(technique, (ALLOWED, "0.1"))
    assert result.verdict == expected[0]
    assert expected[1] in sections_of(result)


def test_dvt_in_left_leg_blocks_massage_on_left_calf_only():
    dvt = PatientFlag(FlagKind.DVT, LEFT_CALF, note="suspected, Wells 2")

    blocked = screen(T.MASSAGE, LEFT_CALF, [dvt])
    assert blocked.verdict == CI
    assert blocked.reasons[0].text.startswith("Massage contraindicated: suspected or confirmed DVT")
    assert "suspected, Wells 2" in blocked.reasons[0].text
    assert_allowed(screen(T.MASSAGE, RIGHT_CALF, [dvt]))
    assert_allowed(screen(T.MASSAGE, LEFT_SHOULDER, [dvt]))


def test_lymphoedema_in_right_arm_blocks_dry_needling_in_right_forearm_only():
    lymphoedema = PatientFlag(FlagKind.LYMPHOEDEMA, TreatmentSite(BodyRegion.UPPER_ARM, Side.RIGHT))

    right_forearm = screen(
        T.DRY_NEEDLING, TreatmentSite(BodyRegion.FOREARM, Side.RIGHT), [lymphoedema]
    )
    assert right_forearm.verdict == CI
    assert right_forearm.reasons[0].section == "0.7"
    left_forearm = TreatmentSite(BodyRegion.FOREARM, Side.LEFT)
    assert_allowed(screen(T.DRY_NEEDLING, left_forearm, [lymphoedema]))
    right_thigh = TreatmentSite(BodyRegion.THIGH, Side.RIGHT)
    assert_allowed(screen(T.DRY_NEEDLING, right_thigh, [lymphoedema]))


@pytest.mark.parametrize(
    "flag_side",
    [pytest.param(side, id=str(side)) for side in (Side.BILATERAL, Side.NOT_APPLICABLE)],
)
@pytest.mark.parametrize("treated_side", [pytest.param(side, id=str(side)) for side in Side])
def test_bilateral_or_unsided_flag_matches_every_side(flag_side, treated_side):
    lymphoedema = PatientFlag(FlagKind.LYMPHOEDEMA, TreatmentSite(BodyRegion.UPPER_ARM, flag_side))

    result = screen(T.DRY_NEEDLING, TreatmentSite(BodyRegion.FOREARM, treated_side), [lymphoedema])

    assert result.verdict == CI


def test_treating_both_sides_meets_a_one_sided_flag():
    dvt = PatientFlag(FlagKind.DVT, LEFT_CALF)

    result = screen(T.MASSAGE, TreatmentSite(BodyRegion.LOWER_LEG, Side.BILATERAL), [dvt])

    assert result.verdict == CI


def test_site_bound_flag_without_a_site_applies_everywhere_and_says_so():
    result = screen(T.SUPERFICIAL_HEAT, RIGHT_SHOULDER, [PatientFlag(FlagKind.DVT)])

    assert result.verdict == CI
    assert "no site recorded" in result.reasons[0].text


@pytest.mark.parametrize("technique", [pytest.param(t, id=str(t)) for t in ELECTRO])
@pytest.mark.parametrize(
    ("region", "verdict"),
    [
        (BodyRegion.ABDOMEN, CI),
        (BodyRegion.LOWER_BACK, CI),
        (BodyRegion.PELVIS, CI),
        (BodyRegion.KNEE, ALLOWED),
        (BodyRegion.UPPER_BACK, ALLOWED),
    ],
    ids=str,
)
def test_pregnancy_blocks_electrotherapy_on_abdomen_and_lumbopelvic_region_only(
    technique, region, verdict
):
    result = screen(
        technique, TreatmentSite(region, Side.NOT_APPLICABLE), [PatientFlag(FlagKind.PREGNANCY)]
    )

    assert result.verdict == verdict


@pytest.mark.parametrize(
    ("region", "verdict"),
    [
        (BodyRegion.ABDOMEN, P),
        (BodyRegion.UPPER_BACK, P),
        (BodyRegion.LOWER_BACK, P),
        (BodyRegion.PELVIS, P),
        (BodyRegion.KNEE, ALLOWED),
    ],
    ids=str,
)
def test_pregnancy_makes_heat_a_precaution_over_abdomen_and_back(region, verdict):
    result = screen(
        T.SUPERFICIAL_HEAT,
        TreatmentSite(region, Side.NOT_APPLICABLE),
        [PatientFlag(FlagKind.PREGNANCY)],
    )

    assert result.verdict == verdict


@pytest.mark.parametrize(
    ("site", "verdict"),
    [
        (TreatmentSite(BodyRegion.NECK, Side.LEFT), CI),
        (TreatmentSite(BodyRegion.HEAD, Side.NOT_APPLICABLE), CI),
        (TreatmentSite(BodyRegion.FACE, Side.RIGHT), CI),
        (TreatmentSite(BodyRegion.ANTERIOR_NECK, Side.NOT_APPLICABLE), CI),
        (LEFT_KNEE, P),
        (LOWER_BACK, P),
    ],
    ids=lambda value: str(getattr(value, "region", value)),
)
def test_epilepsy_contraindicates_head_and_neck_electrodes_and_cautions_elsewhere(site, verdict):
    result = screen(T.TENS, site, [PatientFlag(FlagKind.EPILEPSY)])

    assert result.verdict == verdict
    assert "0.3" in sections_of(result)


@pytest.mark.parametrize("technique", [pytest.param(t, id=str(t)) for t in ELECTRO])
@pytest.mark.parametrize(
    ("region", "verdict"),
    [
        (BodyRegion.ANTERIOR_NECK, CI),
        (BodyRegion.HEAD, CI),
        (BodyRegion.FACE, CI),
        (BodyRegion.CHEST, CI),
        (BodyRegion.NECK, ALLOWED),
        (BodyRegion.UPPER_BACK, ALLOWED),
        (BodyRegion.ABDOMEN, ALLOWED),
    ],
    ids=str,
)
def test_electrode_placement_rules_apply_without_any_flag(technique, region, verdict):
    result = screen(technique, TreatmentSite(region, Side.NOT_APPLICABLE), [])

    assert result.verdict == verdict
    if verdict == CI:
        assert sections_of(result) == ["0.3"]


@pytest.mark.parametrize(
    ("technique", "region", "section"),
    [
        (T.DRY_NEEDLING, BodyRegion.CHEST, "7.5"),
        (T.DRY_NEEDLING, BodyRegion.UPPER_BACK, "7.5"),
        (T.SUPERFICIAL_HEAT, BodyRegion.NECK, "7.9"),
        (T.SUPERFICIAL_HEAT, BodyRegion.FACE, "7.9"),
    ],
    ids=str,
)
def test_placements_needing_judgement_are_precautions_without_any_flag(technique, region, section):
    result = screen(technique, TreatmentSite(region, Side.LEFT), [])

    assert result.verdict == P
    assert sections_of(result) == [section]


def test_most_serious_verdict_wins_and_every_reason_is_listed():
    flags = [
        PatientFlag(FlagKind.ANTICOAGULANTS),
        PatientFlag(FlagKind.DVT, LEFT_CALF),
        PatientFlag(FlagKind.OSTEOPOROSIS),
    ]

    result = screen(T.MASSAGE, LEFT_CALF, flags)

    assert result.verdict == CI
    assert [reason.verdict for reason in result.reasons] == [CI, P, P]
    assert sections_of(result) == ["0.5", "7.3", "7.3"]


def test_active_implant_reason_names_the_technique_and_the_device():
    implant = PatientFlag(FlagKind.ACTIVE_IMPLANT, note="pacemaker")

    result = screen(T.NMES, LEFT_THIGH, [implant])

    assert result.reasons[0].text.startswith("NMES contraindicated: active implanted device")
    assert "pacemaker" in result.reasons[0].text
    assert result.reasons[0].text.endswith("(0.3, 7.6)")


def test_the_same_flag_twice_gives_one_reason():
    flags = [PatientFlag(FlagKind.FEVER), PatientFlag(FlagKind.FEVER)]

    assert len(screen(T.MASSAGE, LEFT_KNEE, flags).reasons) == 1


@pytest.mark.parametrize("technique", [pytest.param(t, id=str(t)) for t in TechniqueKind])
def test_no_flags_and_no_findings_allow_with_an_explanation(technique):
    result = screen(technique, LEFT_KNEE, [])

    assert_allowed(result)
    assert result.reasons[0].text.endswith("(0.1)")


def test_whole_body_walking_with_a_leg_dvt_is_vigorous_limb_exercise():
    result = screen(T.AEROBIC_CIRCULATION, WHOLE_BODY_SITE, [PatientFlag(FlagKind.DVT, LEFT_CALF)])

    assert result.verdict == CI
    assert sections_of(result) == ["0.5"]


def test_relaxed_breathing_is_allowed_whatever_the_patient_has():
    every_flag = [flag_with_site(kind) for kind in TRANSCRIBED_FLAGS]

    assert_allowed(screen(T.RELAXATION_BREATHING, WHOLE_BODY_SITE, every_flag))


PAD_SIGN_KINDS = [FindingKind.ARTERIAL_INSUFFICIENCY, FindingKind.DELAYED_CAPILLARY_REFILL]


@pytest.mark.parametrize("kind", [pytest.param(kind, id=str(kind)) for kind in PAD_SIGN_KINDS])
@pytest.mark.parametrize(
    ("technique", "verdict"),
    [
        (T.SUPERFICIAL_HEAT, CI),
        (T.COLD, CI),
        (T.MASSAGE, P),
        (T.MYOFASCIAL_RELEASE, P),
        (T.TENS, P),
        (T.DRY_NEEDLING, P),
        (T.AEROBIC_CIRCULATION, ALLOWED),
    ],
    ids=str,
)
def test_arterial_insufficiency_in_a_leg_screens_that_leg_only(kind, technique, verdict):
    left_ankle = Finding(kind, BodyRegion.ANKLE_FOOT, Side.LEFT)

    assert screen(technique, LEFT_KNEE, [], [left_ankle]).verdict == verdict
    assert_allowed(screen(technique, RIGHT_KNEE, [], [left_ankle]))
    if verdict != ALLOWED:
        assert sections_of(screen(technique, LEFT_KNEE, [], [left_ankle])) == ["5.7"]


@pytest.mark.parametrize(
    ("technique", "verdict"),
    [
        (T.SUPERFICIAL_HEAT, P),
        (T.COLD, P),
        (T.MASSAGE, P),
        (T.TENS, ALLOWED),
        (T.DRY_NEEDLING, ALLOWED),
    ],
    ids=str,
)
def test_unreliable_abi_makes_heat_cold_and_massage_precautions(technique, verdict):
    finding = Finding(FindingKind.ABI_UNRELIABLE, BodyRegion.ANKLE_FOOT, Side.RIGHT)

    assert screen(technique, RIGHT_CALF, [], [finding]).verdict == verdict


@pytest.mark.parametrize(
    ("technique", "verdict", "section"),
    [
        (T.TENS, P, "0.3"),
        (T.MASSAGE, P, "5.7"),
        (T.SUPERFICIAL_HEAT, P, "5.7"),
        (T.DRY_NEEDLING, P, "5.7"),
        (T.STATIC_STRETCH, P, "7.1"),
        (T.COLD, ALLOWED, "0.1"),
    ],
    ids=str,
)
def test_oedema_screens_its_own_site(technique, verdict, section):
    oedema = Finding(FindingKind.OEDEMA, BodyRegion.ANKLE_FOOT, Side.LEFT)
    left_ankle = TreatmentSite(BodyRegion.ANKLE_FOOT, Side.LEFT)

    result = screen(technique, left_ankle, [], [oedema])

    assert result.verdict == verdict
    assert sections_of(result) == [section]
    assert_allowed(screen(technique, LEFT_CALF, [], [oedema]))


def test_inflamed_swelling_contraindicates_electrotherapy_where_plain_oedema_does_not():
    oedema = Finding(FindingKind.OEDEMA, BodyRegion.KNEE, Side.LEFT)
    inflamed = PatientFlag(FlagKind.ACUTE_INFLAMMATION, LEFT_KNEE)

    assert screen(T.TENS, LEFT_KNEE, [], [oedema]).verdict == P
    assert screen(T.TENS, LEFT_KNEE, [inflamed], [oedema]).verdict == CI


@pytest.mark.parametrize(
    ("technique", "verdict"),
    [
        (T.MASSAGE, CI),
        (T.MYOFASCIAL_RELEASE, CI),
        (T.DRY_NEEDLING, CI),
        (T.SUPERFICIAL_HEAT, P),
        (T.COLD, P),
        (T.TENS, CI),
        (T.AEROBIC_CIRCULATION, ALLOWED),
    ],
    ids=str,
)
def test_varicose_vein_finding_screens_like_the_flag_at_its_site(technique, verdict):
    veins = Finding(FindingKind.VARICOSE_VEINS, BodyRegion.LOWER_LEG, Side.LEFT)

    assert screen(technique, LEFT_CALF, [], [veins]).verdict == verdict
    assert_allowed(screen(technique, LEFT_KNEE, [], [veins]))


def test_hypermobility_finding_makes_stretching_a_precaution_anywhere():
    beighton = Finding(FindingKind.HYPERMOBILITY, BodyRegion.WHOLE_BODY, Side.NOT_APPLICABLE)

    result = screen(T.STATIC_STRETCH, LEFT_THIGH, [], [beighton])

    assert result.verdict == P
    assert sections_of(result) == ["7.1"]


def test_findings_and_flags_for_the_same_rule_give_one_reason():
    pad_flag = PatientFlag(FlagKind.PERIPHERAL_ARTERIAL_DISEASE, LEFT_CALF)
    abi = Finding(FindingKind.ARTERIAL_INSUFFICIENCY, BodyRegion.ANKLE_FOOT, Side.LEFT)

    assert len(screen(T.COLD, LEFT_CALF, [pad_flag], [abi]).reasons) == 1


def test_verdicts_are_declared_most_serious_first():
    assert list(Verdict) == [CI, P, ALLOWED]
    assert CI.seriousness > P.seriousness > ALLOWED.seriousness


def test_a_result_must_carry_the_verdict_of_its_most_serious_reason():
    precaution = Reason(P, "Massage precaution: osteoporosis (7.3)", "7.3")

    with pytest.raises(ValueError, match="most serious"):
        ScreeningResult(ALLOWED, (precaution,))
    with pytest.raises(ValueError, match="reasons"):
        ScreeningResult(ALLOWED, ())


FLAGS_TABLED_IN_TEST_NEW_FLAG_RULES = {
    FlagKind.SKIN_RASH_OR_DERMATITIS,
    FlagKind.ACUTE_MEDICAL_CONDITION,
    FlagKind.UNDIAGNOSED_PAIN,
    FlagKind.HISTORY_OF_CANCER,
    FlagKind.SMOKING,
    FlagKind.TECHNIQUE_DECLINED,
    FlagKind.UNABLE_TO_CONSENT,
    FlagKind.PREGNANCY_FIRST_TRIMESTER,
    FlagKind.HIGH_RISK_PREGNANCY,
}


def test_every_flag_kind_has_a_transcribed_table():
    assert set(FlagKind) == set(EXPECTED) | FLAGS_TABLED_IN_TEST_NEW_FLAG_RULES
    assert not set(EXPECTED) & FLAGS_TABLED_IN_TEST_NEW_FLAG_RULES


def test_every_flag_kind_appears_in_a_rule_but_those_the_reference_gives_no_rule_for():
    """A past history of cancer is a red flag to reason with (1.2), not a contraindication; smoking
    is met only in the PAD advice (6.3)."""
    used = {flag for rule in RULES for flag in rule.flags}

    assert set(FlagKind) - used == {FlagKind.HISTORY_OF_CANCER, FlagKind.SMOKING}


def test_every_rule_cites_well_formed_sections():
    for rule in RULES:
        assert rule.sections
        assert all(re.fullmatch(r"\d+(\.\d+)?", section) for section in rule.sections), rule


def test_every_rule_names_techniques_and_a_blocking_or_cautioning_verdict():
    for rule in RULES:
        assert rule.techniques
        assert rule.verdict in (CI, P)
        assert rule.text


def test_rules_act_at_the_site_exactly_when_their_trigger_has_one():
    for rule in RULES:
        site_bound = [flag for flag in rule.flags if flag_site_kind(flag) != FlagSiteKind.NONE]
        if rule.where == Where.AT_SITE:
            assert len(site_bound) == len(rule.flags), rule
            assert not rule.regions, rule
        else:
            assert not site_bound, rule
        assert bool(rule.regions) == (rule.where == Where.IN_REGIONS), rule
