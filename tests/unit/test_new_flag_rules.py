"""The flags the reference's contraindication lists name that the record lacked (issue 11), tested
as tables transcribed from ``shared/clinical-reference.md``, independent of
``practice/data/screening_rules.toml``.

``NEW_EXPECTED`` has the same shape as ``test_screening.EXPECTED`` (for each flag, the verdict and
deciding section per technique where it applies; every other technique is allowed), so the two
tables can be read together.
"""

from __future__ import annotations

import pytest

from practice.clinical.screening import (
    RULES,
    WHOLE_BODY_SITE,
    PatientFlag,
    TreatmentSite,
    Verdict,
    screen,
)
from practice.clinical.vocabulary import (
    PREGNANCY_QUALIFIERS,
    UNSCREENED_FLAGS,
    BodyRegion,
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
F = FlagKind
R = BodyRegion

ELECTRO = (T.TENS, T.NMES, T.INTERFERENTIAL)
SOFT = (T.MASSAGE, T.MYOFASCIAL_RELEASE)


def each(techniques, verdict, section):
    return {technique: (verdict, section) for technique in techniques}


NEW_EXPECTED: dict[FlagKind, dict[TechniqueKind, tuple[Verdict, str]]] = {
    # 0.3 "Contraindicated: ... over ... inflamed skin, rash"; 7.6 "rashes"; 7.9 CI "dermatitis"
    F.SKIN_RASH_OR_DERMATITIS: {**each(ELECTRO, CI, "0.3"), T.SUPERFICIAL_HEAT: (CI, "7.9")},
    # 7.5 absolute CI "medical emergency or acute medical condition"
    F.ACUTE_MEDICAL_CONDITION: {T.DRY_NEEDLING: (CI, "7.5")},
    # 0.3 "Precaution: ... undiagnosed pain"; 7.6 "Undiagnosed pain"
    F.UNDIAGNOSED_PAIN: each(ELECTRO, P, "0.3"),
    # 7.5 absolute CI "unable to give informed consent (communication, cognition, age)"; 10.3.
    # Electrotherapy and heat ask for more than consent (0.3 "cannot report discomfort", 7.9
    # "inability to understand instructions"): that is the cognitive-impairment flag.
    F.UNABLE_TO_CONSENT: {T.DRY_NEEDLING: (CI, "7.5")},
    # 1.1, 1.2: a red flag to reason with, no contraindication in section 7
    F.HISTORY_OF_CANCER: {},
    # 6.3: met only in the PAD advice ("stop smoking")
    F.SMOKING: {},
    # 7.3 P "first trimester pregnancy and high-risk pregnancy (sources disagree)"; 7.4 as massage
    F.PREGNANCY_FIRST_TRIMESTER: each(SOFT, P, "7.3"),
    F.HIGH_RISK_PREGNANCY: each(SOFT, P, "7.3"),
    # 7.5 absolute CI "patient unwilling": with no technique read, every technique (the tests
    # below give it its technique)
    F.TECHNIQUE_DECLINED: each(tuple(TechniqueKind), CI, "7.5"),
}

LEFT_KNEE = TreatmentSite(R.KNEE, Side.LEFT)
RIGHT_KNEE = TreatmentSite(R.KNEE, Side.RIGHT)
LEFT_SHOULDER = TreatmentSite(R.SHOULDER, Side.LEFT)
RIGHT_SHOULDER = TreatmentSite(R.SHOULDER, Side.RIGHT)
LOWER_BACK = TreatmentSite(R.LOWER_BACK, Side.NOT_APPLICABLE)
ABDOMEN = TreatmentSite(R.ABDOMEN, Side.NOT_APPLICABLE)
UPPER_BACK = TreatmentSite(R.UPPER_BACK, Side.NOT_APPLICABLE)


def recorded(kind: FlagKind) -> PatientFlag:
    """A sited flag on the left knee, any other without a site."""
    sited = flag_site_kind(kind) is not FlagSiteKind.NONE
    return PatientFlag(kind, LEFT_KNEE if sited else None)


def assert_allowed(result) -> None:
    assert result.verdict is ALLOWED
    assert [reason.section for reason in result.reasons] == ["0.1"]


@pytest.mark.parametrize("technique", [pytest.param(t, id=str(t)) for t in TechniqueKind])
@pytest.mark.parametrize("kind", [pytest.param(k, id=str(k)) for k in NEW_EXPECTED])
def test_a_new_flag_screens_each_technique_as_the_reference_says(kind, technique):
    site = LEFT_KNEE if flag_site_kind(kind) is not FlagSiteKind.NONE else RIGHT_SHOULDER
    result = screen(technique, site, [recorded(kind)])

    expected = NEW_EXPECTED[kind].get(technique)
    if expected is None:
        assert_allowed(result)
        return
    verdict, section = expected
    assert result.verdict is verdict
    assert section in [reason.section for reason in result.reasons]


@pytest.mark.parametrize("site", [RIGHT_KNEE, LEFT_SHOULDER, TreatmentSite(R.HIP, Side.LEFT)])
@pytest.mark.parametrize("technique", [pytest.param(t, id=str(t)) for t in TechniqueKind])
def test_a_rash_acts_over_its_own_region_only(technique, site):
    """0.3 and 7.6 say "over" a rash: the other knee, another limb, the hip two regions up."""
    assert_allowed(screen(technique, site, [recorded(F.SKIN_RASH_OR_DERMATITIS)]))


def test_the_rash_reason_names_the_flag_and_every_region():
    rash = PatientFlag(F.SKIN_RASH_OR_DERMATITIS, LEFT_KNEE, more_regions=(R.LOWER_LEG,))

    (reason,) = screen(T.TENS, TreatmentSite(R.LOWER_LEG, Side.LEFT), [rash]).reasons

    assert reason.verdict is CI
    assert "skin rash or dermatitis recorded at the knee and the lower leg (left)" in reason.text


# Pregnancy: its trimester and risk ------------------------------------------------------------

PREGNANCIES = [
    # trimester, high-risk, massage and MFR a precaution (7.3)
    (1, False, True),
    (2, False, False),
    (3, False, False),
    (2, True, True),
    (3, True, True),
    (1, True, True),
    (None, False, True),  # no trimester recorded: it may be the first
]


@pytest.mark.parametrize(("trimester", "high_risk", "massage_precaution"), PREGNANCIES)
@pytest.mark.parametrize("technique", [pytest.param(t, id=str(t)) for t in TechniqueKind])
def test_a_pregnancy_screens_by_its_trimester_and_risk(
    technique, trimester, high_risk, massage_precaution
):
    pregnancy = PatientFlag(F.PREGNANCY, trimester=trimester, high_risk=high_risk)
    away = screen(technique, RIGHT_SHOULDER, [pregnancy])
    lumbar = screen(technique, LOWER_BACK, [pregnancy])

    if technique in SOFT:
        expected = (P, "7.3") if massage_precaution else (ALLOWED, "0.1")
    elif technique is T.DRY_NEEDLING:
        expected = (P, "7.5")  # 7.5 "pregnancy (especially first trimester ...)": any trimester
    else:
        expected = (ALLOWED, "0.1")
    assert (away.verdict, away.reasons[0].section) == expected
    if technique in ELECTRO:  # 0.3: over a pregnant uterus, abdomen or lumbopelvic region
        assert (lumbar.verdict, lumbar.reasons[0].section) == (CI, "0.3")
    if technique is T.SUPERFICIAL_HEAT:  # 7.9 P "pregnancy (abdomen/back)"
        assert (lumbar.verdict, lumbar.reasons[0].section) == (P, "7.9")
        assert screen(technique, UPPER_BACK, [pregnancy]).verdict is P
        assert screen(technique, ABDOMEN, [pregnancy]).verdict is P


def test_dry_needling_in_the_first_trimester_advises_written_consent_and_names_it():
    pregnancy = PatientFlag(F.PREGNANCY, trimester=1, high_risk=True, note="twins")

    (reason,) = screen(T.DRY_NEEDLING, RIGHT_SHOULDER, [pregnancy]).reasons

    assert reason.section == "7.5"
    assert "written consent" in reason.text
    assert "pregnancy recorded: trimester 1, high-risk" in reason.text
    assert "recorded: twins" in reason.text


def test_one_pregnancy_gives_one_massage_reason_however_many_of_its_facts_apply():
    pregnancy = PatientFlag(F.PREGNANCY, trimester=1, high_risk=True)

    result = screen(T.MASSAGE, RIGHT_SHOULDER, [pregnancy])

    (reason,) = result.reasons
    assert reason.text.count("pregnancy recorded: trimester 1, high-risk") == 1


# A technique the patient declines (7.5 "patient unwilling") -----------------------------------

SITES = [LEFT_KNEE, LOWER_BACK, RIGHT_SHOULDER, WHOLE_BODY_SITE]


@pytest.mark.parametrize("declined", [pytest.param(t, id=str(t)) for t in TechniqueKind])
def test_a_declined_technique_is_contraindicated_wherever_it_is_applied_and_nothing_else(declined):
    flag = PatientFlag(F.TECHNIQUE_DECLINED, technique=declined)
    for technique in TechniqueKind:
        for site in SITES:
            result = screen(technique, site, [flag])
            without = screen(technique, site, [])
            if technique is not declined:
                assert result == without, (technique, site)
                continue
            assert result.verdict is CI, site
            reason = next(reason for reason in result.reasons if reason.section == "7.5")
            assert "patient unwilling" in reason.text
            assert "the patient declines" in reason.text


def test_a_declined_technique_that_could_not_be_read_is_read_as_any_technique():
    flag = PatientFlag(F.TECHNIQUE_DECLINED)
    for technique in TechniqueKind:
        result = screen(technique, RIGHT_SHOULDER, [flag])

        assert result.verdict is CI, technique
        assert "could not be read" in result.reasons[0].text


# What the table covers --------------------------------------------------------------------------


def test_every_recorded_flag_kind_is_named_by_a_rule_except_those_the_reference_gives_none():
    named = {flag for rule in RULES for flag in rule.flags}

    assert set(FlagKind) - named == UNSCREENED_FLAGS
    assert named >= PREGNANCY_QUALIFIERS


def test_the_new_table_covers_every_new_kind():
    assert set(NEW_EXPECTED) == {
        F.SKIN_RASH_OR_DERMATITIS,
        F.ACUTE_MEDICAL_CONDITION,
        F.UNDIAGNOSED_PAIN,
        F.HISTORY_OF_CANCER,
        F.SMOKING,
        F.TECHNIQUE_DECLINED,
        F.UNABLE_TO_CONSENT,
        *PREGNANCY_QUALIFIERS,
    }
