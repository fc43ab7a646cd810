import copy
from decimal import Decimal

import pytest

from practice.clinical.assessment_data import (
    ActivityLevel,
    AssessmentData,
    BodySite,
    Circulation,
    Claudication,
    EndFeel,
    Lifestyle,
    RangeOfMotion,
    RedFlagAnswer,
    RedFlagScreen,
    ReportedAbi,
    SpasmPattern,
    SpasmTiming,
    SpasmType,
    SpecialTest,
    Strength,
    Subjective,
    VaricoseVeins,
    WorkPosture,
)
from practice.clinical.findings import Finding, findings_for
from practice.clinical.proposals import (
    NOT_ADDRESSED,
    Candidate,
    Proposal,
    candidate_addresses,
    done_sitting,
    problem_order,
    propose,
    reason_text,
    regions_compatible,
    short_summary,
    site_side,
    technique_region,
)
from practice.clinical.regions import REGIONS_FILE, load_region_map, region_map_from_document
from practice.clinical.screening import TreatmentSite
from practice.clinical.tables import read_data_file
from practice.clinical.vocabulary import (
    BodyRegion,
    CrampTrigger,
    FindingKind,
    Severity,
    Side,
    TechniqueKind,
)
from practice.seed import load_seed_catalogue

L, R, B, NA = Side.LEFT, Side.RIGHT, Side.BILATERAL, Side.NOT_APPLICABLE
Region = BodyRegion


def make_candidate(**overrides) -> Candidate:
    values = {
        "key": "item",
        "name": "Item",
        "kind": TechniqueKind.STATIC_STRETCH,
        "body_region": Region.HIP,
        "indications": frozenset({FindingKind.MUSCLE_TIGHTNESS}),
        "cramp_triggers": frozenset(),
        "is_home_exercise": True,
    }
    values.update(overrides)
    return Candidate(**values)


def make_finding(**overrides) -> Finding:
    values = {
        "kind": FindingKind.MUSCLE_TIGHTNESS,
        "region": Region.HIP,
        "side": L,
        "summary": "Tight hip flexors (left): Thomas test positive",
        "section": "4.3",
    }
    values.update(overrides)
    return Finding(**values)


def catalogue_candidates() -> list[Candidate]:
    """The seed catalogue as candidates: techniques by their kind's region, exercises by theirs."""
    catalogue = load_seed_catalogue()
    kinds = {technique.key: technique.kind for technique in catalogue.techniques}
    techniques = [
        Candidate(
            technique.key,
            technique.name,
            technique.kind,
            technique_region(technique.kind),
            frozenset(technique.indications),
            frozenset(technique.cramp_triggers),
            is_home_exercise=False,
        )
        for technique in catalogue.techniques
    ]
    exercises = [
        Candidate(
            exercise.key,
            exercise.name,
            kinds[exercise.technique],
            exercise.body_region,
            frozenset(exercise.indications),
            frozenset(exercise.cramp_triggers),
            is_home_exercise=True,
            done_sitting=done_sitting(exercise.position),
        )
        for exercise in catalogue.exercises
    ]
    return techniques + exercises


def proposal_for(proposals: list[Proposal], key: str, *, home: bool = True) -> list[Proposal]:
    return [
        proposal
        for proposal in proposals
        if proposal.candidate.key == key and proposal.candidate.is_home_exercise is home
    ]


TIGHT_HIP_FLEXOR = AssessmentData(
    range_of_motion=(RangeOfMotion("hip_extension", L, 7),),
    special_tests=(SpecialTest("thomas", L, positive=True, component="iliopsoas"),),
)


# Matching: indications, regions, triggers -----------------------------------------------------


def test_a_candidate_addresses_a_finding_it_is_indicated_for_in_its_region():
    assert candidate_addresses(make_candidate(), make_finding())


def test_a_candidate_does_not_address_a_finding_it_is_not_indicated_for():
    candidate = make_candidate(indications=frozenset({FindingKind.MUSCLE_WEAKNESS}))
    assert not candidate_addresses(candidate, make_finding())


@pytest.mark.parametrize(
    ("candidate_region", "finding_region", "compatible"),
    [
        (Region.HIP, Region.HIP, True),
        (Region.PELVIS, Region.HIP, True),
        (Region.HIP, Region.PELVIS, True),
        (Region.LOWER_BACK, Region.ABDOMEN, True),
        (Region.LOWER_LEG, Region.ANKLE_FOOT, True),
        (Region.ANKLE_FOOT, Region.LOWER_LEG, True),
        (Region.KNEE, Region.THIGH, True),
        (Region.SHOULDER, Region.CHEST, True),
        # a posture pattern's neighbours only (2.4): a chin tuck does not train the upper back
        (Region.UPPER_BACK, Region.NECK, False),
        (Region.LOWER_BACK, Region.PELVIS, False),
        # left out on purpose
        (Region.THIGH, Region.HIP, False),
        (Region.SHOULDER, Region.NECK, False),
        (Region.KNEE, Region.LOWER_LEG, False),
        (Region.WRIST_HAND, Region.FOREARM, False),
        # one step only: the hip is next to the pelvis, the pelvis to the lower back
        (Region.LOWER_BACK, Region.HIP, False),
        (Region.ANKLE_FOOT, Region.KNEE, False),
        (Region.NECK, Region.LOWER_BACK, False),
        # whole body either way, and no region of its own
        (Region.WHOLE_BODY, Region.ANKLE_FOOT, True),
        (Region.NECK, Region.WHOLE_BODY, True),
        (None, Region.KNEE, True),
    ],
)
def test_region_compatibility(candidate_region, finding_region, compatible):
    assert regions_compatible(candidate_region, finding_region) is compatible


@pytest.mark.parametrize(
    ("candidate_region", "finding_region", "compatible"),
    [
        (Region.UPPER_BACK, Region.NECK, True),  # upper crossed syndrome (2.4)
        (Region.NECK, Region.UPPER_BACK, True),
        (Region.LOWER_BACK, Region.PELVIS, True),  # lower crossed syndrome (2.4)
        (Region.NECK, Region.LOWER_BACK, False),
        (Region.THIGH, Region.HIP, False),
    ],
)
def test_a_posture_pattern_also_reaches_its_pattern_neighbours(
    candidate_region, finding_region, compatible
):
    assert regions_compatible(candidate_region, finding_region, pattern=True) is compatible


MUSCLE_PAIRS = {
    frozenset(pair)
    for pair in (
        (Region.UPPER_BACK, Region.SHOULDER),
        (Region.CHEST, Region.SHOULDER),
        (Region.LOWER_BACK, Region.ABDOMEN),
        (Region.PELVIS, Region.HIP),
        (Region.THIGH, Region.KNEE),
        (Region.LOWER_LEG, Region.ANKLE_FOOT),
    )
}
POSTURE_PAIRS = {
    frozenset((Region.NECK, Region.UPPER_BACK)),
    frozenset((Region.LOWER_BACK, Region.PELVIS)),
}


def test_proposals_read_their_neighbours_from_the_region_map():
    """One neighbour table: the pairs proposals use are the map's muscle and posture neighbours,
    each a pair of anatomical neighbours (screening's "near")."""
    region_map = load_region_map()
    pairs = {
        name: {
            frozenset((region, other))
            for region, row in region_map.regions.items()
            for other in getattr(row, name)
        }
        for name in ("muscle_neighbours", "posture_neighbours")
    }

    assert pairs == {"muscle_neighbours": MUSCLE_PAIRS, "posture_neighbours": POSTURE_PAIRS}
    for region, row in region_map.regions.items():
        assert row.muscle_neighbours | row.posture_neighbours <= row.neighbours, region


def shipped_regions_with(change) -> dict:
    document = copy.deepcopy(read_data_file(REGIONS_FILE))
    change({row["region"]: row for row in document["regions"]})
    return document


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda rows: rows["hip"].update(muscle_neighbours=["pelvis", "knee"]),
            "muscle_neighbours must be among the neighbours: knee",
        ),
        (
            lambda rows: rows["thigh"].update(muscle_neighbours=["knee", "hip"]),
            "'thigh' lists 'hip' in muscle_neighbours, not the reverse",
        ),
        (
            lambda rows: rows["neck"].update(posture_neighbours=["upper_back", "head"]),
            "'neck' lists 'head' in posture_neighbours, not the reverse",
        ),
    ],
    ids=["not a neighbour", "one way only", "posture one way only"],
)
def test_the_region_map_refuses_a_bad_muscle_or_posture_neighbour(change, message):
    with pytest.raises(ValueError, match=r"^regions\.toml: ") as refused:
        region_map_from_document(shipped_regions_with(change))

    assert message in str(refused.value)


def test_a_candidate_in_another_region_does_not_address_the_finding():
    candidate = make_candidate(body_region=Region.THIGH)
    assert not candidate_addresses(candidate, make_finding(region=Region.HIP))


def cramp_findings(*triggers: CrampTrigger) -> list[Finding]:
    record = AssessmentData(
        spasms=(
            SpasmPattern(
                Region.LOWER_LEG,
                L,
                muscle_group="calf",
                frequency=3,
                triggers={trigger: "" for trigger in triggers},
            ),
        )
    )
    return [f for f in findings_for(record) if f.kind is FindingKind.CRAMP_TRIGGER]


def test_a_cramp_trigger_is_addressed_only_by_a_candidate_for_that_trigger():
    poor_circulation, stress = cramp_findings(
        CrampTrigger.POOR_CIRCULATION, CrampTrigger.STRESS_ANXIETY
    )
    pump = make_candidate(
        body_region=Region.LOWER_LEG,
        indications=frozenset({FindingKind.CRAMP_TRIGGER}),
        cramp_triggers=frozenset({CrampTrigger.POOR_CIRCULATION}),
    )
    assert candidate_addresses(pump, poor_circulation)
    assert not candidate_addresses(pump, stress)


def test_a_trigger_listed_without_the_cramp_trigger_indication_addresses_nothing():
    (finding,) = cramp_findings(CrampTrigger.DEHYDRATION)
    candidate = make_candidate(
        body_region=Region.WHOLE_BODY,
        indications=frozenset({FindingKind.CRAMPS}),
        cramp_triggers=frozenset({CrampTrigger.DEHYDRATION}),
    )
    assert not candidate_addresses(candidate, finding)


@pytest.mark.parametrize("kind", sorted(NOT_ADDRESSED))
def test_findings_no_plan_addresses_are_ignored_even_if_a_candidate_lists_them(kind):
    candidate = make_candidate(body_region=Region.WHOLE_BODY, indications=frozenset({kind}))
    finding = make_finding(kind=kind, summary="Red flag: cauda equina syndrome")
    assert not candidate_addresses(candidate, finding)
    assert propose([finding], [candidate]) == []


def test_a_positive_red_flag_from_the_record_is_never_proposed_for():
    record = AssessmentData(
        subjective=Subjective(
            red_flags=(
                RedFlagScreen("cauda_equina", RedFlagAnswer.YES, action_taken="Sent to A&E"),
            )
        )
    )
    findings = findings_for(record)
    assert [f.kind for f in findings] == [FindingKind.RED_FLAG]
    assert propose(findings, catalogue_candidates()) == []


def test_candidates_addressing_nothing_are_not_proposed():
    unrelated = make_candidate(key="unrelated", indications=frozenset({FindingKind.OEDEMA}))
    proposals = propose([make_finding()], [unrelated, make_candidate()])
    assert [p.candidate.key for p in proposals] == ["item"]


def test_no_findings_no_proposals():
    assert propose([], catalogue_candidates()) == []


def test_candidate_accepts_tuples_and_keeps_frozensets():
    candidate = make_candidate(
        indications=(FindingKind.CRAMPS,), cramp_triggers=[CrampTrigger.DEHYDRATION]
    )
    assert candidate.indications == frozenset({FindingKind.CRAMPS})
    assert candidate.cramp_triggers == frozenset({CrampTrigger.DEHYDRATION})


# Sites and sides --------------------------------------------------------------------------------


def test_the_site_is_the_candidates_region_and_the_findings_side():
    findings = findings_for(TIGHT_HIP_FLEXOR)
    (proposal,) = propose(findings, [make_candidate()])
    assert proposal.site == TreatmentSite(Region.HIP, L)


@pytest.mark.parametrize(
    ("region", "sides", "expected"),
    [
        (Region.HIP, [L], L),
        (Region.HIP, [R, R], R),
        (Region.HIP, [L, R], B),
        (Region.HIP, [B], B),
        (Region.HIP, [L, B], B),
        (Region.HIP, [L, NA], L),  # a whole-body finding does not change the side
        (Region.KNEE, [NA], B),  # a limb item for a finding with no side: both limbs
        (Region.LOWER_BACK, [NA], NA),  # midline
        (Region.NECK, [L], L),  # upper trapezius on the left: the neck item keeps the side
        (Region.WHOLE_BODY, [L, R], NA),
        (Region.WHOLE_BODY, [L], NA),
    ],
)
def test_site_side(region, sides, expected):
    findings = [make_finding(side=side) for side in sides]
    assert site_side(region, findings) is expected


def test_both_sides_addressed_give_a_bilateral_site():
    record = AssessmentData(
        special_tests=(
            SpecialTest("thomas", L, positive=True, component="iliopsoas"),
            SpecialTest("thomas", R, positive=True, component="iliopsoas"),
        )
    )
    (proposal,) = propose(findings_for(record), [make_candidate()])
    assert proposal.site == TreatmentSite(Region.HIP, B)
    assert len(proposal.addresses) == 2


def test_a_whole_body_candidate_keeps_a_whole_body_site():
    walking = make_candidate(
        body_region=Region.WHOLE_BODY, indications=frozenset({FindingKind.CLAUDICATION})
    )
    record = AssessmentData(circulation=Circulation(claudication=(Claudication(L, 200),)))
    (proposal,) = propose(findings_for(record), [walking])
    assert proposal.site == TreatmentSite(Region.WHOLE_BODY, NA)


def test_a_regional_candidate_answers_a_whole_body_finding_at_its_own_region():
    sit_to_stand = make_candidate(
        body_region=Region.KNEE, indications=frozenset({FindingKind.LOW_ACTIVITY})
    )
    record = AssessmentData(lifestyle=Lifestyle(activity_level=ActivityLevel.SEDENTARY))
    (proposal,) = propose(findings_for(record), [sit_to_stand])
    assert proposal.site == TreatmentSite(Region.KNEE, B)


def test_a_technique_without_a_region_is_proposed_once_with_each_region_it_addresses():
    massage = make_candidate(
        key="massage",
        kind=TechniqueKind.MASSAGE,
        body_region=None,
        indications=frozenset({FindingKind.PAIN, FindingKind.CRAMPS}),
        is_home_exercise=False,
    )
    record = AssessmentData(
        subjective=Subjective(nprs_now=5, pain_sites=(BodySite(Region.NECK),)),
        spasms=(SpasmPattern(Region.LOWER_LEG, R, muscle_group="calf"),),
    )
    (proposal,) = propose(findings_for(record), [massage], complaint=[Region.NECK])
    assert proposal.sites == (TreatmentSite(Region.NECK, NA), TreatmentSite(Region.LOWER_LEG, R))
    assert proposal.site == TreatmentSite(Region.NECK, NA)  # the presenting complaint's site
    assert proposal.reason == "addresses: neck pain, 5/10 now; calf cramps (right)"


def test_technique_region_is_whole_body_only_for_walking_breathing_and_relaxation():
    assert technique_region(TechniqueKind.AEROBIC_CIRCULATION) is Region.WHOLE_BODY
    assert technique_region(TechniqueKind.RELAXATION_BREATHING) is Region.WHOLE_BODY
    assert technique_region(TechniqueKind.TENS) is None
    assert technique_region(TechniqueKind.STATIC_STRETCH) is None


# Ranking ----------------------------------------------------------------------------------------


def test_more_findings_addressed_ranks_first():
    findings = findings_for(TIGHT_HIP_FLEXOR)  # reduced hip extension, then tight iliopsoas
    one = make_candidate(key="a-one", name="A stretch")
    two = make_candidate(
        key="z-two",
        name="Z stretch",
        indications=frozenset({FindingKind.MUSCLE_TIGHTNESS, FindingKind.REDUCED_RANGE_OF_MOTION}),
    )
    assert [p.candidate.key for p in propose(findings, [one, two])] == ["z-two", "a-one"]


def test_equal_counts_follow_the_examination_order_of_the_first_finding():
    findings = findings_for(TIGHT_HIP_FLEXOR)
    for_tightness = make_candidate(key="tight", name="A stretch")
    for_range = make_candidate(
        key="range", name="Z mobility", indications=frozenset({FindingKind.REDUCED_RANGE_OF_MOTION})
    )
    ranked = propose(findings, [for_tightness, for_range])
    assert [p.candidate.key for p in ranked] == ["range", "tight"]


def test_then_by_name_so_techniques_and_exercises_interleave():
    findings = [make_finding()]
    candidates = [
        make_candidate(key="c", name="Calm stretch", is_home_exercise=True),
        make_candidate(key="b", name="banded stretch", is_home_exercise=False),
        make_candidate(key="a", name="Active stretch", is_home_exercise=True),
        make_candidate(key="d", name="Deep stretch", is_home_exercise=False),
    ]
    ranked = propose(findings, candidates)
    assert [p.candidate.key for p in ranked] == ["a", "b", "c", "d"]


def test_a_technique_comes_before_the_home_exercise_of_the_same_name():
    findings = [make_finding()]
    exercise = make_candidate(key="breathing", name="Relaxed breathing", is_home_exercise=True)
    technique = make_candidate(key="breathing", name="Relaxed breathing", is_home_exercise=False)
    ranked = propose(findings, [exercise, technique])
    assert [p.candidate.is_home_exercise for p in ranked] == [False, True]


def test_ranking_does_not_depend_on_the_order_of_the_candidates():
    findings = findings_for(TIGHT_HIP_FLEXOR)
    candidates = catalogue_candidates()
    expected = propose(findings, candidates)
    assert propose(findings, candidates[::-1]) == expected
    assert propose(findings, candidates[5:] + candidates[:5]) == expected


# Reasons ----------------------------------------------------------------------------------------


def test_the_reason_lists_the_findings_headlines_in_examination_order():
    candidate = make_candidate(
        indications=frozenset({FindingKind.MUSCLE_TIGHTNESS, FindingKind.REDUCED_RANGE_OF_MOTION})
    )
    (proposal,) = propose(findings_for(TIGHT_HIP_FLEXOR), [candidate])
    assert proposal.reason == (
        "addresses: hip extension 23.3 % of normal (left); tight iliopsoas (left)"
    )


def test_the_reason_for_a_cramp_trigger_names_the_trigger_without_its_evidence():
    record = AssessmentData(
        spasms=(
            SpasmPattern(
                Region.LOWER_LEG,
                L,
                muscle_group="calf",
                triggers={CrampTrigger.POOR_CIRCULATION: "cold feet"},
            ),
        )
    )
    (finding,) = [f for f in findings_for(record) if f.kind is FindingKind.CRAMP_TRIGGER]
    assert short_summary(finding) == "calf cramps (left), trigger: poor circulation"


@pytest.mark.parametrize(
    ("subjective", "expected"),
    [
        (
            Subjective(nprs_now=6, pain_sites=(BodySite(Region.LOWER_BACK),)),
            "lower back pain, 6/10 now",
        ),
        (
            Subjective(nprs_now=3, pain_sites=(BodySite(Region.KNEE, L),)),
            "knee pain (left), 3/10 now",
        ),
        (
            Subjective(nprs_worst=8, pain_sites=(BodySite(Region.KNEE, B),)),
            "knee pain (both sides)",
        ),
        (Subjective(nprs_now=4), "pain, 4/10 now"),
        (Subjective(nprs_worst=8), "pain worst 8/10 (severe) in the last 24 h"),
    ],
)
def test_the_reason_for_pain_names_its_site_and_current_score(subjective, expected):
    (finding,) = findings_for(AssessmentData(subjective=subjective))
    assert short_summary(finding) == expected


def test_acronyms_and_names_keep_their_capitals():
    abi = findings_for(
        AssessmentData(circulation=Circulation(reported_abi=(ReportedAbi(R, Decimal("0.85")),)))
    )
    beighton = findings_for(
        AssessmentData(special_tests=(SpecialTest("beighton", NA, measured_value=Decimal(6)),))
    )
    assert short_summary(abi[0]).startswith("ABI 0.85 (right")
    assert short_summary(beighton[0]) == "Beighton score 6/9"


def test_reason_text_joins_with_semicolons():
    findings = [
        make_finding(summary="Weak gluteus medius (right): 3/5"),
        make_finding(summary="Sedentary activity level"),
    ]
    assert reason_text(findings) == (
        "addresses: weak gluteus medius (right); sedentary activity level"
    )


# With the real seed catalogue ------------------------------------------------------------------


def test_the_catalogue_proposes_the_hip_flexor_stretch_for_tight_hip_flexors():
    proposals = propose(findings_for(TIGHT_HIP_FLEXOR), catalogue_candidates())
    (stretch,) = proposal_for(proposals, "kneeling-hip-flexor-stretch")
    assert stretch.site == TreatmentSite(Region.HIP, L)
    assert stretch.reason == "addresses: tight iliopsoas (left)"
    # a hamstring stretch is in the thigh, which is not next to the hip
    assert proposal_for(proposals, "hamstring-stretch-towel") == []
    # a clinician technique is applied at the finding's site
    (static,) = proposal_for(proposals, "static-stretch", home=False)
    assert static.site == TreatmentSite(Region.HIP, L)
    assert len(static.addresses) == 2


def test_the_catalogue_answers_a_poor_circulation_cramp_trigger_with_calf_pumps_not_breathing():
    record = AssessmentData(
        spasms=(
            SpasmPattern(
                Region.LOWER_LEG,
                R,
                muscle_group="calf",
                frequency=4,
                triggers={CrampTrigger.POOR_CIRCULATION: ""},
            ),
        )
    )
    proposals = propose(findings_for(record), catalogue_candidates())
    (pump,) = proposal_for(proposals, "heel-raise-calf-pump")
    assert pump.site == TreatmentSite(Region.LOWER_LEG, R)
    (ankle_pumps,) = proposal_for(proposals, "ankle-pumps")  # ankle and foot: next to the calf
    assert ankle_pumps.site == TreatmentSite(Region.ANKLE_FOOT, R)
    assert proposal_for(proposals, "relaxed-breathing") == []
    assert proposal_for(proposals, "relaxed-breathing", home=False) == []


def test_the_catalogue_ranks_items_for_several_findings_above_items_for_one():
    record = AssessmentData(
        special_tests=(SpecialTest("thomas", L, positive=True, component="iliopsoas"),),
        lifestyle=Lifestyle(work_posture=WorkPosture.MOSTLY_SITTING),
    )
    proposals = propose(findings_for(record), catalogue_candidates())
    counts = [len(p.addresses) for p in proposals]
    assert counts == sorted(counts, reverse=True)
    assert proposals[0].candidate.key == "kneeling-hip-flexor-stretch"
    assert proposals[0].reason == ("addresses: tight iliopsoas (left); prolonged sitting at work")


def test_every_catalogue_proposal_addresses_only_findings_it_is_indicated_for():
    record = AssessmentData(
        subjective=Subjective(nprs_now=6, pain_sites=(BodySite(Region.NECK),)),
        strength=(Strength("gluteus_medius", R, 3), Strength("gluteus_medius", L, 5)),
        range_of_motion=(RangeOfMotion("ankle_dorsiflexion", L, 10),),
        spasms=(
            SpasmPattern(
                Region.LOWER_LEG,
                L,
                muscle_group="calf",
                triggers={CrampTrigger.STRESS_ANXIETY: "", CrampTrigger.DEHYDRATION: ""},
            ),
        ),
        lifestyle=Lifestyle(stress=Severity.MODERATE),
    )
    findings = findings_for(record)
    proposals = propose(findings, catalogue_candidates())
    assert proposals
    for proposal in proposals:
        candidate = proposal.candidate
        for finding in proposal.addresses:
            assert finding.kind in candidate.indications
            assert regions_compatible(candidate.body_region, finding.region)
            if finding.kind is FindingKind.CRAMP_TRIGGER:
                assert finding.trigger in candidate.cramp_triggers
    addressed_triggers = {
        f.trigger for p in proposals for f in p.addresses if f.kind is FindingKind.CRAMP_TRIGGER
    }
    assert addressed_triggers == {CrampTrigger.STRESS_ANXIETY}  # nothing lists dehydration


def test_a_technique_applied_at_the_finding_is_not_proposed_for_a_finding_without_a_site():
    from practice.clinical.assessment_data import AssessmentData, Subjective
    from practice.clinical.findings import findings_for
    from practice.clinical.proposals import Candidate, propose
    from practice.clinical.vocabulary import FindingKind, TechniqueKind

    findings = findings_for(AssessmentData(subjective=Subjective(nprs_now=6)))
    heat = Candidate(
        key="superficial-heat",
        name="Superficial heat",
        kind=TechniqueKind.SUPERFICIAL_HEAT,
        body_region=None,
        indications=frozenset({FindingKind.PAIN}),
        cramp_triggers=frozenset(),
        is_home_exercise=False,
    )
    assert propose(findings, [heat]) == []


# Led by the main problem (issue 11, point 6) ---------------------------------------------------

CALF_PUMP_ITEMS = (
    ("heel-raise-calf-pump", True),
    ("ankle-pumps", True),
    ("venous-calf-pump", False),
)
"""The catalogue's venous calf-pump items (7.13 "Venous", 5.5), as (key, home exercise)."""

CLAUDICATION = Circulation(
    claudication=(Claudication(L, 200),), reported_abi=(ReportedAbi(L, Decimal("0.75")),)
)
VARICOSE = Circulation(varicose_veins=(VaricoseVeins(L),))
POOR_CIRCULATION_CRAMPS = (
    SpasmPattern(
        Region.LOWER_LEG, L, muscle_group="calf", triggers={CrampTrigger.POOR_CIRCULATION: ""}
    ),
)


def test_claudication_leads_with_a_walking_programme():
    """7.13: supervised exercise is first-line for claudication, then a structured home
    programme; 5.7: supervised walking is indicated. The walking programme heads the main
    problem's group even though the calf stretch addresses more findings there."""
    record = AssessmentData(
        subjective=Subjective(nprs_now=4, pain_sites=(BodySite(Region.LOWER_LEG, L),)),
        circulation=CLAUDICATION,
        range_of_motion=(RangeOfMotion("ankle_dorsiflexion", L, 8),),
        spasms=POOR_CIRCULATION_CRAMPS,
    )
    proposals = propose(findings_for(record), catalogue_candidates(), [Region.LOWER_LEG])
    first = proposals[0]
    assert first.problem.kind in (FindingKind.CLAUDICATION, FindingKind.ARTERIAL_INSUFFICIENCY)
    leading = [p for p in proposals if p.problem is first.problem]
    first_line = [p.candidate.key for p in leading[:2]]
    assert sorted(first_line) == ["claudication-walking", "claudication-walking-programme"]


@pytest.mark.parametrize(
    ("finding", "first_line", "other"),
    [
        # 7.13: supervised, then structured walking is first-line for claudication and PAD
        (FindingKind.CLAUDICATION, TechniqueKind.AEROBIC_CIRCULATION, TechniqueKind.MASSAGE),
        (
            FindingKind.ARTERIAL_INSUFFICIENCY,
            TechniqueKind.AEROBIC_CIRCULATION,
            TechniqueKind.MASSAGE,
        ),
        # 6.3: nightly calf and hamstring stretches for nocturnal cramps (Hallegraeff 2012)
        (FindingKind.NOCTURNAL_CRAMPS, TechniqueKind.STATIC_STRETCH, TechniqueKind.MASSAGE),
        # 7.11: strengthening for weakness; 7.14: relaxed breathing for stress
        (FindingKind.MUSCLE_WEAKNESS, TechniqueKind.STRENGTHENING, TechniqueKind.NMES),
        (FindingKind.STRESS, TechniqueKind.RELAXATION_BREATHING, TechniqueKind.MASSAGE),
    ],
)
def test_the_reference_first_line_leads_its_problem(finding, first_line, other):
    """The first-line option comes first even when another addresses more findings."""
    findings = [
        make_finding(kind=finding, region=Region.WHOLE_BODY, summary="Problem"),
        make_finding(kind=FindingKind.PAIN, region=Region.WHOLE_BODY, summary="Pain"),
    ]
    broad = make_candidate(
        key="broad",
        name="A broad item",
        kind=other,
        body_region=Region.WHOLE_BODY,
        indications=frozenset({finding, FindingKind.PAIN}),
    )
    first = make_candidate(
        key="first",
        name="Z first line",
        kind=first_line,
        body_region=Region.WHOLE_BODY,
        indications=frozenset({finding}),
    )
    ranked = propose(findings, [broad, first])
    assert [p.candidate.key for p in ranked] == ["first", "broad"]
    assert all(p.problem.kind is finding for p in ranked)


@pytest.mark.parametrize(
    ("circulation", "calf_pump_proposed"),
    [
        # 5.7: PAD gets supervised walking; the calf pump is for venous return (5.5, 6.3).
        (CLAUDICATION, False),
        (VARICOSE, True),
        # both recorded: each has its own items (6.3 lists the two circulation rows apart)
        (
            Circulation(
                claudication=CLAUDICATION.claudication, varicose_veins=VARICOSE.varicose_veins
            ),
            True,
        ),
        # circulation not known to be arterial: the poor-circulation trigger keeps both
        (Circulation(), True),
    ],
    ids=["arterial alone", "venous", "both", "neither recorded"],
)
def test_arterial_and_venous_circulation_are_kept_apart(circulation, calf_pump_proposed):
    record = AssessmentData(
        circulation=circulation,
        spasms=POOR_CIRCULATION_CRAMPS,
        lifestyle=Lifestyle(work_posture=WorkPosture.MOSTLY_SITTING),
    )
    proposals = propose(findings_for(record), catalogue_candidates())
    for key, home in CALF_PUMP_ITEMS:
        assert bool(proposal_for(proposals, key, home=home)) is calf_pump_proposed, key
    if circulation.claudication:
        assert proposal_for(proposals, "claudication-walking")


@pytest.mark.parametrize(
    ("work_posture", "desk_break"),
    [
        (WorkPosture.MOSTLY_SITTING, True),
        (WorkPosture.MOSTLY_STANDING, False),  # 6.3: breaks and position changes, not a desk
        (WorkPosture.MIXED, False),
        (WorkPosture.MANUAL, False),
        (WorkPosture.NOT_WORKING, False),
        (None, False),
    ],
)
def test_desk_break_advice_only_for_someone_who_sits_at_work(work_posture, desk_break):
    record = AssessmentData(
        circulation=VARICOSE,  # venous findings do not bring the desk break either
        lifestyle=Lifestyle(work_posture=work_posture),
    )
    proposals = propose(findings_for(record), catalogue_candidates())
    assert bool(proposal_for(proposals, "seated-movement-break")) is desk_break


def test_one_technique_is_proposed_once_with_every_site_it_fits():
    record = AssessmentData(
        special_tests=(SpecialTest("thomas", L, positive=True, component="iliopsoas"),),
        range_of_motion=(RangeOfMotion("ankle_dorsiflexion", R, 8),),
        spasms=(SpasmPattern(Region.NECK, B, SpasmType.SPASM, muscle_group="upper_trapezius"),),
    )
    proposals = propose(findings_for(record), catalogue_candidates())
    keys = [(p.candidate.key, p.candidate.is_home_exercise) for p in proposals]
    assert len(keys) == len(set(keys))
    (static,) = proposal_for(proposals, "static-stretch", home=False)
    assert {site.region for site in static.sites} == {Region.HIP, Region.ANKLE_FOOT}
    (heat,) = proposal_for(proposals, "superficial-heat", home=False)
    assert {site.region for site in heat.sites} == {Region.NECK, Region.ANKLE_FOOT}


@pytest.mark.parametrize(
    ("record", "complaint", "main_kind"),
    [
        # at the complaint's site, the finding that explains the pain leads, not the pain
        (
            AssessmentData(
                subjective=Subjective(nprs_now=6, pain_sites=(BodySite(Region.LOWER_LEG, L),)),
                circulation=CLAUDICATION,
                strength=(Strength("gluteus_medius", R, 3),),
            ),
            [Region.LOWER_LEG],
            {FindingKind.CLAUDICATION, FindingKind.ARTERIAL_INSUFFICIENCY},
        ),
        # the complaint's region before a finding elsewhere recorded first
        (
            AssessmentData(
                subjective=Subjective(nprs_now=6, pain_sites=(BodySite(Region.ANKLE_FOOT, R),)),
                strength=(Strength("gluteus_medius", L, 3),),
                range_of_motion=(RangeOfMotion("ankle_dorsiflexion", R, 8),),
            ),
            [Region.ANKLE_FOOT],
            {FindingKind.REDUCED_RANGE_OF_MOTION},
        ),
        # no pain site: the most severe finding leads, a lifestyle factor only contributes
        (
            AssessmentData(
                lifestyle=Lifestyle(stress=Severity.SEVERE),
                strength=(Strength("gluteus_medius", R, 3),),
            ),
            [],
            {FindingKind.MUSCLE_WEAKNESS},
        ),
        (AssessmentData(lifestyle=Lifestyle(stress=Severity.SEVERE)), [], {FindingKind.STRESS}),
    ],
    ids=["claudication at the complaint", "complaint region first", "examination first", "stress"],
)
def test_the_main_problem_comes_first(record, complaint, main_kind):
    assert problem_order(findings_for(record), complaint)[0].kind in main_kind


@pytest.mark.parametrize(
    ("key", "home", "record"),
    [
        # a chin tuck (neck) trains the deep neck flexors, not a weak middle trapezius (2.4)
        ("chin-tuck", True, AssessmentData(strength=(Strength("middle_trapezius", R, 3),))),
        # dry needling is for trigger points and taut bands, not cramps (7.5)
        (
            "dry-needling",
            False,
            AssessmentData(
                spasms=(
                    SpasmPattern(
                        Region.LOWER_LEG, L, muscle_group="calf", timing=(SpasmTiming.NOCTURNAL,)
                    ),
                )
            ),
        ),
    ],
)
def test_no_item_addresses_a_finding_it_does_not_train(key, home, record):
    findings = findings_for(record)
    assert findings
    assert proposal_for(propose(findings, catalogue_candidates()), key, home=home) == []


@pytest.mark.parametrize(
    ("end_feel", "leads", "follows"),
    [
        # 7.1: stretching for reduced ROM with a soft-tissue end-feel
        (EndFeel.SOFT_TISSUE, TechniqueKind.STATIC_STRETCH, TechniqueKind.MOBILITY),
        # 7.12: mobility exercise for reduced ROM with a joint/capsular end-feel
        (EndFeel.CAPSULAR, TechniqueKind.MOBILITY, TechniqueKind.STATIC_STRETCH),
        # No end-feel recorded, or one the reference names no technique for: mobility (7.12)
        (None, TechniqueKind.MOBILITY, TechniqueKind.STATIC_STRETCH),
        (EndFeel.BONY, TechniqueKind.MOBILITY, TechniqueKind.STATIC_STRETCH),
    ],
)
def test_the_end_feel_chooses_a_reduced_ranges_first_line(end_feel, leads, follows):
    finding = make_finding(
        kind=FindingKind.REDUCED_RANGE_OF_MOTION,
        region=Region.WHOLE_BODY,
        summary="Reduced",
        end_feel=end_feel,
    )
    candidates = [
        make_candidate(
            key=kind.value,
            name="A " + kind.value,  # same start: the name does not decide the order
            kind=kind,
            body_region=Region.WHOLE_BODY,
            indications=frozenset({FindingKind.REDUCED_RANGE_OF_MOTION}),
        )
        for kind in (follows, leads)
    ]
    ranked = propose([finding], sorted(candidates, key=lambda c: c.key != follows.value))
    assert [p.candidate.kind for p in ranked] == [leads, follows]
