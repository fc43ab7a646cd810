"""Positive red-flag answers in screening (reference 1.2, with 0.5, 0.12, 5.6, 5.7 and 7.x).

``EXPECTED`` is transcribed from the reference independently of ``red_flag_rules.toml``: for each
red flag of 1.2, the sites its answer reaches and the sites it does not, and per technique the
verdict and deciding section there. Every red flag × every technique × at its sites and elsewhere
is screened with and without the referral recorded: until the referral is recorded every technique
is also a precaution (0.12); after it, what the reference names stays, because a referral is not
a clearance (0.5).
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources

import pytest

from practice.clinical.assessment_data import RedFlagAnswer, RedFlagScreen
from practice.clinical.catalogues import RED_FLAGS, Urgency
from practice.clinical.screening import (
    WHOLE_BODY_SITE,
    PatientFlag,
    Reason,
    ScreeningResult,
    TreatmentSite,
    Verdict,
    referral_recorded,
    screen,
)
from practice.clinical.vocabulary import BodyRegion, FlagKind, Side, TechniqueKind
from practice.seed import RED_FLAG_RULES_FILE, load_red_flag_rules, red_flag_rules_from_document

CI = Verdict.CONTRAINDICATED
P = Verdict.PRECAUTION
T = TechniqueKind
R = BodyRegion

ELECTRO = (T.TENS, T.NMES, T.INTERFERENTIAL)
SOFT = (T.MASSAGE, T.MYOFASCIAL_RELEASE)
STRETCH_AND_MOBILITY = (T.STATIC_STRETCH, T.PNF_STRETCH, T.MOBILITY)


def each(techniques, verdict, section):
    return {technique: (verdict, section) for technique in techniques}


def site(region: BodyRegion, side: Side = Side.NOT_APPLICABLE) -> TreatmentSite:
    return TreatmentSite(region, side)


LEFT_KNEE = site(R.KNEE, Side.LEFT)
RIGHT_KNEE = site(R.KNEE, Side.RIGHT)
LEFT_THIGH = site(R.THIGH, Side.LEFT)
LEFT_SHOULDER = site(R.SHOULDER, Side.LEFT)
LOWER_BACK = site(R.LOWER_BACK)
UPPER_BACK = site(R.UPPER_BACK)


@dataclass(frozen=True)
class Expected:
    """What a positive answer does: ``local`` at ``at``, ``general`` wherever it is applied."""

    answer: RedFlagScreen
    at: tuple[TreatmentSite, ...]
    elsewhere: tuple[TreatmentSite, ...]
    local: dict[TechniqueKind, tuple[Verdict, str]] = field(default_factory=dict)
    general: dict[TechniqueKind, tuple[Verdict, str]] = field(default_factory=dict)


def positive(code: str, **fields) -> RedFlagScreen:
    return RedFlagScreen(code, RedFlagAnswer.YES, **fields)


EXPECTED: dict[str, Expected] = {
    # 1.2 gives only the referral (emergency, same day; urgent): no technique consequence.
    "cauda_equina": Expected(positive("cauda_equina"), at=(LOWER_BACK,), elsewhere=(LEFT_KNEE,)),
    "spinal_cord_compression": Expected(
        positive("spinal_cord_compression"), at=(UPPER_BACK,), elsewhere=(LEFT_KNEE,)
    ),
    # 1.2 "stop local treatment of the limb", 5.6 "stop treating the limb"; 0.5 and 5.7 name
    # heat, cold, massage, MFR, electrotherapy, needling and vigorous exercise in that limb.
    "dvt": Expected(
        positive("dvt", side=Side.LEFT),
        at=(
            site(R.LOWER_LEG, Side.LEFT),
            LEFT_KNEE,
            site(R.ANKLE_FOOT, Side.LEFT),
            LEFT_THIGH,
            site(R.HIP, Side.LEFT),
        ),
        elsewhere=(site(R.LOWER_LEG, Side.RIGHT), LEFT_SHOULDER, LOWER_BACK),
        local={
            **each((T.SUPERFICIAL_HEAT, T.COLD, *SOFT, *ELECTRO, T.DRY_NEEDLING), CI, "0.5"),
            **each((T.STRENGTHENING, T.AEROBIC_CIRCULATION), CI, "0.5"),
            **each(STRETCH_AND_MOBILITY, CI, "1.2"),
        },
    ),
    # 1.2 "Stop; medical referral"; 7.3 "recent stroke/carotid disease (avoid neck)": no neck
    # massage or cervical manual therapy.
    "vascular_neck": Expected(
        positive("vascular_neck"),
        at=(site(R.NECK, Side.LEFT), site(R.NECK), site(R.ANTERIOR_NECK)),
        elsewhere=(UPPER_BACK, LEFT_SHOULDER),
        local={**each(SOFT, CI, "1.2"), **each(STRETCH_AND_MOBILITY, CI, "1.2")},
    ),
    # 0.3/7.6 "over known or suspected malignancy", 7.9 heat, 7.5 local malignancy, 7.3 [D].
    "malignancy": Expected(
        positive("malignancy", region=R.KNEE, side=Side.LEFT),
        at=(LEFT_KNEE,),
        elsewhere=(RIGHT_KNEE, LEFT_THIGH, LEFT_SHOULDER),
        local={
            **each(ELECTRO, CI, "0.3"),
            T.SUPERFICIAL_HEAT: (CI, "7.9"),
            T.DRY_NEEDLING: (CI, "7.5"),
            **each(SOFT, P, "7.3"),
        },
    ),
    # 7.3 infection or fever "local or general", 7.9 fever/infection; at the site 7.1 infection
    # in or around the joint, 7.5 local infection, 0.3 infected skin.
    "infection": Expected(
        positive("infection", region=R.KNEE, side=Side.LEFT),
        at=(LEFT_KNEE,),
        elsewhere=(RIGHT_KNEE, LEFT_SHOULDER),
        local={
            **each(STRETCH_AND_MOBILITY, CI, "7.1"),
            T.DRY_NEEDLING: (CI, "7.5"),
            **each(ELECTRO, CI, "0.3"),
        },
        general={**each(SOFT, CI, "7.3"), T.SUPERFICIAL_HEAT: (CI, "7.9")},
    ),
    # 7.1 fracture without bony union, 7.3 unhealed fracture, 7.7 haemorrhage after fracture,
    # 7.11 acute injury.
    "fracture": Expected(
        positive("fracture", region=R.FOREARM, side=Side.RIGHT),
        at=(site(R.FOREARM, Side.RIGHT),),
        elsewhere=(site(R.FOREARM, Side.LEFT), site(R.SHOULDER, Side.RIGHT), LEFT_KNEE),
        local={
            **each(STRETCH_AND_MOBILITY, CI, "7.1"),
            **each(SOFT, CI, "7.3"),
            **each((T.NMES, T.INTERFERENTIAL), P, "7.7"),
            T.STRENGTHENING: (P, "7.11"),
        },
    ),
    # Heart disease and undiagnosed pain: 0.3, 7.9, 7.10, 7.11 (unstable), 7.2 (Valsalva).
    "visceral_cardiac": Expected(
        positive("visceral_cardiac"),
        at=(UPPER_BACK,),
        elsewhere=(LEFT_KNEE,),
        general={
            **each(ELECTRO, P, "0.3"),
            T.SUPERFICIAL_HEAT: (P, "7.9"),
            T.COLD: (P, "7.10"),
            T.STRENGTHENING: (P, "7.11"),
            T.PNF_STRETCH: (P, "7.2"),
        },
    ),
    # 6.2 gives the cramp referral rules only their urgency (urgent, same day; GP review): no
    # technique consequence, so only the 0.12 precaution until the referral is recorded.
    **{
        code: Expected(
            positive(code, region=R.LOWER_LEG, side=Side.LEFT),
            at=(site(R.LOWER_LEG, Side.LEFT),),
            elsewhere=(LEFT_SHOULDER, LOWER_BACK),
        )
        for code in (
            "cramp_prolonged",
            "cramp_wound_or_toxin",
            "cramps_frequent",
            "cramps_disturbing_sleep_or_life",
            "cramps_numbness_or_swelling",
            "cramps_muscle_wasting",
        )
    },
}

REFERRAL = {"action_taken": "Stopped treatment, phoned GP", "referral_to": "GP"}


def referred(answer: RedFlagScreen) -> RedFlagScreen:
    return replace(answer, urgency=Urgency.URGENT, **REFERRAL)


def run(technique, treated_at, *answers: RedFlagScreen, flags=()) -> ScreeningResult:
    return screen(
        technique, treated_at, flags, red_flags=answers, red_flag_rules=load_red_flag_rules()
    )


def reasons_for(result: ScreeningResult, code: str) -> list[Reason]:
    return [reason for reason in result.reasons if RED_FLAGS[code].label in reason.text]


def most_serious(reasons: list[Reason]) -> Verdict:
    return max((reason.verdict for reason in reasons), key=lambda verdict: verdict.seriousness)


CASES = [
    pytest.param(code, technique, treated_at, where, id=f"{code}-{technique}-{where}-{index}")
    for code, expected in EXPECTED.items()
    for technique in TechniqueKind
    for where, sites in (("at_site", expected.at), ("elsewhere", expected.elsewhere))
    for index, treated_at in enumerate(sites)
]


def expected_there(code: str, technique: TechniqueKind, where: str):
    expected = EXPECTED[code]
    local = expected.local.get(technique) if where == "at_site" else None
    return local or expected.general.get(technique)


@pytest.mark.parametrize(("code", "technique", "treated_at", "where"), CASES)
def test_a_referred_red_flag_keeps_what_the_reference_names(code, technique, treated_at, where):
    result = run(technique, treated_at, referred(EXPECTED[code].answer))

    expected = expected_there(code, technique, where)
    flagged = reasons_for(result, code)
    if expected is None:
        assert flagged == []
        return
    verdict, section = expected
    assert most_serious(flagged) == verdict
    assert section in [reason.section for reason in flagged]
    assert result.verdict.seriousness >= verdict.seriousness
    for reason in flagged:
        assert "referred to GP (urgent)" in reason.text
        assert "a recorded referral is not a clearance" in reason.text
        assert "0.12" not in reason.text


@pytest.mark.parametrize(("code", "technique", "treated_at", "where"), CASES)
def test_an_unreferred_red_flag_is_a_precaution_everywhere_until_the_referral_is_recorded(
    code, technique, treated_at, where
):
    result = run(technique, treated_at, EXPECTED[code].answer)

    flagged = reasons_for(result, code)
    record_rule = [reason for reason in flagged if reason.section == "0.12"]
    assert [reason.verdict for reason in record_rule] == [P]
    assert "until the referral is recorded" in record_rule[0].text
    assert RED_FLAGS[code].referral in record_rule[0].text
    expected = expected_there(code, technique, where)
    verdict = P if expected is None else expected[0]
    assert most_serious(flagged) == verdict
    assert result.verdict.seriousness >= verdict.seriousness
    if expected is not None:
        named = [reason for reason in flagged if reason.section == expected[1]]
        assert [reason.verdict for reason in named] == [verdict]
        assert "until the referral is recorded, and then until" in named[0].text
    for reason in flagged:
        assert "no referral recorded" in reason.text


def test_the_table_covers_every_red_flag_of_section_1_2_and_every_cramp_rule_of_6_2():
    assert set(EXPECTED) == set(RED_FLAGS)


CLEARED = {"cleared_on": date(2026, 3, 4), "cleared_by": "Dr Okafor (GP)"}


@pytest.mark.parametrize(("code", "technique", "treated_at", "where"), CASES)
def test_a_medical_clearance_ends_every_rule_of_its_red_flag(code, technique, treated_at, where):
    result = run(technique, treated_at, replace(referred(EXPECTED[code].answer), **CLEARED))

    flagged = reasons_for(result, code)
    assert all(reason.verdict is Verdict.ALLOWED for reason in flagged)
    if expected_there(code, technique, where) is None:
        assert flagged == []
    else:
        (reason,) = flagged
        assert "medically cleared by Dr Okafor (GP) on 04 Mar 2026" in reason.text
        assert reason.section == "0.5"


def test_a_cleared_dvt_shows_the_clearance_and_its_note_and_treats_the_limb_again():
    answer = replace(
        referred(positive("dvt", side=Side.LEFT)), **CLEARED, clearance_note="duplex scan clear"
    )

    result = run(T.MASSAGE, site(R.LOWER_LEG, Side.LEFT), answer)

    assert result.verdict == Verdict.ALLOWED
    assert result.reasons[0].text == (
        "Massage allowed: positive red flag 'suspected deep vein thrombosis', left, referred to "
        "GP (urgent), medically cleared by Dr Okafor (GP) on 04 Mar 2026 (duplex scan clear): "
        "stop local treatment of this limb (embolism risk) no longer applies (0.5)"
    )


def test_a_clearance_without_the_referral_still_ends_the_record_rule_in_screening():
    answer = replace(positive("dvt", side=Side.LEFT), **CLEARED)

    result = run(T.COLD, site(R.KNEE, Side.LEFT), answer)

    assert [reason.verdict for reason in reasons_for(result, "dvt")] == [Verdict.ALLOWED]


@pytest.mark.parametrize(
    "fields",
    [
        {"cleared_on": date(2026, 3, 4)},
        {"cleared_by": "Dr Okafor"},
        {"clearance_note": "scan clear"},
        {"cleared_by": "  ", "cleared_on": date(2026, 3, 4)},
    ],
    ids=str,
)
def test_a_clearance_needs_its_date_and_who_cleared_it(fields):
    with pytest.raises(ValueError, match="date and who cleared it"):
        replace(positive("dvt"), **fields)


def test_only_a_positive_answer_is_cleared():
    with pytest.raises(ValueError, match="Only a positive red flag"):
        RedFlagScreen("dvt", RedFlagAnswer.NO, **CLEARED)


def test_a_fracture_answer_recorded_at_the_wrist_screens_at_the_wrist_only_and_says_where():
    answer = referred(positive("fracture", region=R.WRIST_HAND, side=Side.LEFT))

    at_wrist = run(T.MASSAGE, site(R.WRIST_HAND, Side.LEFT), answer)
    other_wrist = run(T.MASSAGE, site(R.WRIST_HAND, Side.RIGHT), answer)
    shoulder = run(T.MASSAGE, LEFT_SHOULDER, answer)

    assert at_wrist.verdict == CI
    assert "recorded at the wrist and hand (left)" in at_wrist.reasons[0].text
    assert "no site recorded" not in at_wrist.reasons[0].text
    assert other_wrist.verdict == shoulder.verdict == Verdict.ALLOWED


@pytest.mark.parametrize("answer", [RedFlagAnswer.NO, RedFlagAnswer.NOT_ASKED], ids=str)
@pytest.mark.parametrize("code", list(RED_FLAGS))
def test_only_a_yes_screens(code, answer):
    screened = replace(EXPECTED[code].answer, answer=answer)

    for technique in TechniqueKind:
        for treated_at in EXPECTED[code].at:
            assert reasons_for(run(technique, treated_at, screened), code) == []


@pytest.mark.parametrize(
    "missing",
    [
        {"action_taken": ""},
        {"action_taken": "   "},
        {"referral_to": ""},
        {"referral_to": "  "},
        {"urgency": None},
    ],
    ids=lambda value: f"{next(iter(value))}={next(iter(value.values()))!r}",
)
def test_a_referral_is_recorded_only_with_action_destination_and_urgency(missing):
    answer = replace(referred(positive("cauda_equina")), **missing)

    assert not referral_recorded(answer)
    assert run(T.MASSAGE, LOWER_BACK, answer).verdict == P
    assert referral_recorded(referred(positive("cauda_equina")))


def test_a_referred_red_flag_with_no_technique_consequence_allows_with_the_usual_reason():
    result = run(T.MASSAGE, LOWER_BACK, referred(positive("cauda_equina")))

    assert result.verdict == Verdict.ALLOWED
    assert [reason.section for reason in result.reasons] == ["0.1"]


def test_vascular_signs_block_neck_massage_naming_the_flag_and_what_clears_it():
    before = run(T.MASSAGE, site(R.NECK), positive("vascular_neck", detail="dizzy on rotation"))
    after = run(
        T.MASSAGE,
        site(R.NECK),
        replace(
            referred(positive("vascular_neck", detail="dizzy on rotation")),
            referred_on=date(2026, 3, 2),
        ),
    )

    assert before.verdict == after.verdict == CI
    assert before.reasons[0].text == (
        "Massage contraindicated: positive red flag 'vascular signs (5 Ds and 3 Ns)' "
        "(dizzy on rotation), no referral recorded: no massage or manual therapy of the neck, "
        "until the referral is recorded, and then until a medical assessment clears the neck "
        "(1.2, 7.3, 7.4)"
    )
    assert after.reasons[0].text == (
        "Massage contraindicated: positive red flag 'vascular signs (5 Ds and 3 Ns)' "
        "(dizzy on rotation), referred to GP (urgent) on 02 Mar 2026: no massage or manual "
        "therapy of the neck, until a medical assessment clears the neck; a recorded referral is "
        "not a clearance (1.2, 7.3, 7.4)"
    )


@pytest.mark.parametrize("treated_side", [Side.LEFT, Side.RIGHT, Side.BILATERAL], ids=str)
def test_a_dvt_answer_without_a_side_covers_both_legs(treated_side):
    answer = referred(positive("dvt"))

    result = run(T.MASSAGE, site(R.THIGH, treated_side), answer)

    assert result.verdict == CI
    assert run(T.MASSAGE, LEFT_SHOULDER, answer).verdict == Verdict.ALLOWED


def test_a_dvt_answer_recorded_at_the_thigh_still_covers_the_whole_leg():
    answer = referred(positive("dvt", region=R.THIGH, side=Side.RIGHT))

    assert run(T.COLD, site(R.ANKLE_FOOT, Side.RIGHT), answer).verdict == CI
    assert run(T.COLD, site(R.ANKLE_FOOT, Side.LEFT), answer).verdict == Verdict.ALLOWED


@pytest.mark.parametrize(
    ("code", "technique", "verdict"),
    [("malignancy", T.TENS, CI), ("fracture", T.MASSAGE, CI), ("infection", T.DRY_NEEDLING, CI)],
    ids=str,
)
@pytest.mark.parametrize("treated_at", [LEFT_SHOULDER, RIGHT_KNEE, LOWER_BACK], ids=str)
def test_a_local_red_flag_with_no_site_recorded_applies_everywhere_and_says_so(
    code, technique, verdict, treated_at
):
    result = run(technique, treated_at, referred(positive(code, side=Side.LEFT)))

    (reason,) = reasons_for(result, code)
    assert reason.verdict == verdict
    assert "no site recorded for this red flag, so it is treated as applying here" in reason.text


def test_whole_body_walking_meets_a_dvt_answer_but_relaxed_breathing_does_not():
    answer = referred(positive("dvt", side=Side.LEFT))

    assert run(T.AEROBIC_CIRCULATION, WHOLE_BODY_SITE, answer).verdict == CI
    assert run(T.RELAXATION_BREATHING, WHOLE_BODY_SITE, answer).verdict == Verdict.ALLOWED


def test_red_flag_reasons_join_the_flag_reasons_most_serious_first():
    result = run(
        T.MASSAGE,
        site(R.LOWER_LEG, Side.LEFT),
        positive("dvt", side=Side.LEFT),
        flags=[PatientFlag(FlagKind.ANTICOAGULANTS)],
    )

    assert [reason.verdict for reason in result.reasons] == [CI, P, P]
    assert [reason.section for reason in result.reasons] == ["0.5", "7.3", "0.12"]


def test_every_positive_answer_screens_on_its_own():
    answers = [referred(positive("dvt", side=Side.LEFT)), positive("cauda_equina")]

    result = run(T.SUPERFICIAL_HEAT, site(R.LOWER_LEG, Side.LEFT), *answers)

    assert reasons_for(result, "dvt")[0].verdict == CI
    assert [reason.section for reason in reasons_for(result, "cauda_equina")] == ["0.12"]


def test_a_positive_answer_without_the_rules_table_is_refused():
    with pytest.raises(ValueError, match="red-flag rules"):
        screen(T.MASSAGE, LEFT_KNEE, [], red_flags=[positive("dvt")])


def test_answers_that_are_not_yes_need_no_rules_table():
    answers = [RedFlagScreen("dvt", RedFlagAnswer.NO)]

    assert screen(T.MASSAGE, LEFT_KNEE, [], red_flags=answers).verdict == Verdict.ALLOWED


# The data file and its loader ---------------------------------------------------------------


def shipped_document() -> dict:
    text = resources.files("practice").joinpath("data", RED_FLAG_RULES_FILE).read_text("utf-8")
    return tomllib.loads(text)


def test_every_shipped_row_names_its_deciding_section_in_its_source():
    for rule in load_red_flag_rules():
        assert rule.sections[0] in rule.source, rule.key


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"red_flag": "stroke"}, "unknown red flag 'stroke'"),
        ({"techniques": ["massage", "cupping"]}, "field 'techniques': unknown value 'cupping'"),
        ({"techniques": []}, "field 'techniques': must be a non-empty list"),
        ({"reach": "nearby"}, "field 'reach': unknown value 'nearby'"),
        ({"regions": ["neck"]}, "regions are given exactly when the reach is 'regions'"),
        ({"verdict": "allowed"}, "it never allows"),
        ({"sections": ["7.x"]}, "'7.x' is not a section number"),
        ({"until": ""}, "field 'until': must be non-empty text"),
        ({"source": None}, "field 'source'"),
        ({"colour": "red"}, "field 'colour': unknown field"),
    ],
    ids=lambda value: str(value)[:40],
)
def test_a_malformed_row_is_refused_naming_its_key_and_field(change, message):
    document = copy.deepcopy(shipped_document())
    row = document["red_flag_rules"][0]
    for name, value in change.items():
        if value is None:
            del row[name]
        else:
            row[name] = value

    located = r"red_flag_rules\.toml: item 'dvt-local-treatment'"
    with pytest.raises(ValueError, match=located) as error:
        red_flag_rules_from_document(document)
    assert message in str(error.value)


def test_a_regions_row_without_regions_is_refused():
    document = copy.deepcopy(shipped_document())
    row = next(row for row in document["red_flag_rules"] if row["reach"] == "regions")
    del row["regions"]

    with pytest.raises(ValueError, match="regions are given exactly when"):
        red_flag_rules_from_document(document)
