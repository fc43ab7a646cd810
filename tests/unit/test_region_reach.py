"""How far a sited flag reaches (0.2), tested as a table transcribed from the reference.

Every sited flag kind x every region it can be recorded at x every technique, screened at the
region, at each neighbour, far from it, and on the other side; then the same for a flag recorded
at several regions (a region and a neighbour, a region and one far from it), which reaches every
site any of its regions reaches. The reaches and the neighbours below are transcribed from
``shared/clinical-reference.md`` and the body's layout, not read from
``practice/data/regions.toml``; what each flag does to each technique at its site is the table of
``test_screening.EXPECTED`` and, for the flags added in issue 11, ``test_new_flag_rules``.
"""

from __future__ import annotations

import copy
import tomllib
from importlib import resources

import pytest

from practice.clinical.labels import in_sentence
from practice.clinical.regions import Reach, region_map_from_document
from practice.clinical.screening import PatientFlag, TreatmentSite, Verdict, screen
from practice.clinical.vocabulary import (
    LIMB_OF_REGION,
    BodyRegion,
    FlagKind,
    FlagSiteKind,
    Side,
    TechniqueKind,
    flag_site_kind,
)
from tests.unit.test_new_flag_rules import NEW_EXPECTED
from tests.unit.test_screening import EXPECTED as SCREENING_EXPECTED

R = BodyRegion
F = FlagKind
T = TechniqueKind
EXPECTED = SCREENING_EXPECTED | NEW_EXPECTED

REACH: dict[FlagKind, Reach] = {
    F.DVT: Reach.LIMB,  # 0.5 "in that limb", 5.7 "avoid limb"
    F.LYMPHOEDEMA: Reach.LIMB,  # 0.7 "in the affected limb"
    F.PERIPHERAL_ARTERIAL_DISEASE: Reach.LIMB,  # 5.7 "arterial disease of the legs"
    F.ACTIVE_MALIGNANCY: Reach.REGION,  # 0.3 "over known or suspected malignancy"
    F.IMPAIRED_SENSATION: Reach.REGION,  # 0.4 "at the site", 7.6 "in the treatment area"
    F.LOCAL_INFECTION_OR_WOUND: Reach.NEAR,  # 7.1 "in/around the joint"
    F.RECENT_FRACTURE: Reach.NEAR,  # 7.1, issue 11: a wrist fracture stops forearm massage
    F.VARICOSE_VEINS: Reach.REGION,  # 0.6 "at that site", 5.7 "directly over"
    F.RADIOTHERAPY_DAMAGED_SKIN: Reach.REGION,  # 0.3 "over"
    F.ACUTE_INFLAMMATION: Reach.NEAR,  # 7.1 "in/around the joint"
    F.RECENT_SURGERY: Reach.REGION,  # 7.3 "recent surgery site"
    F.TRANSDERMAL_DRUG_PATCH: Reach.NEAR,  # 0.3, 7.6 "near a drug patch"
    F.SKIN_RASH_OR_DERMATITIS: Reach.REGION,  # 0.3, 7.6 "over ... rashes"; 7.9 where heat goes
}

NEIGHBOURS: dict[BodyRegion, set[BodyRegion]] = {
    R.HEAD: {R.FACE, R.NECK},
    R.FACE: {R.HEAD, R.ANTERIOR_NECK},
    R.NECK: {R.HEAD, R.ANTERIOR_NECK, R.UPPER_BACK, R.SHOULDER},
    R.ANTERIOR_NECK: {R.FACE, R.NECK, R.CHEST},
    R.CHEST: {R.ANTERIOR_NECK, R.SHOULDER, R.UPPER_BACK, R.ABDOMEN},
    R.UPPER_BACK: {R.NECK, R.SHOULDER, R.CHEST, R.LOWER_BACK},
    R.LOWER_BACK: {R.UPPER_BACK, R.ABDOMEN, R.PELVIS},
    R.ABDOMEN: {R.CHEST, R.LOWER_BACK, R.PELVIS},
    R.PELVIS: {R.LOWER_BACK, R.ABDOMEN, R.HIP},
    R.SHOULDER: {R.NECK, R.CHEST, R.UPPER_BACK, R.UPPER_ARM},
    R.UPPER_ARM: {R.SHOULDER, R.ELBOW},
    R.ELBOW: {R.UPPER_ARM, R.FOREARM},
    R.FOREARM: {R.ELBOW, R.WRIST_HAND},
    R.WRIST_HAND: {R.FOREARM},
    R.HIP: {R.PELVIS, R.THIGH},
    R.THIGH: {R.HIP, R.KNEE},
    R.KNEE: {R.THIGH, R.LOWER_LEG},
    R.LOWER_LEG: {R.KNEE, R.ANKLE_FOOT},
    R.ANKLE_FOOT: {R.LOWER_LEG},
}
REGIONS = [region for region in BodyRegion if region is not R.WHOLE_BODY]
SITED_FLAGS = [kind for kind in FlagKind if flag_site_kind(kind) is not FlagSiteKind.NONE]


def side_of(region: BodyRegion, side: Side = Side.LEFT) -> Side:
    return side if region in LIMB_OF_REGION else Side.NOT_APPLICABLE


def expected_reach(flag: FlagKind, region: BodyRegion) -> set[BodyRegion]:
    limb = LIMB_OF_REGION.get(region)
    if REACH[flag] is Reach.LIMB and limb is not None:
        return {each for each, of in LIMB_OF_REGION.items() if of is limb}
    if REACH[flag] is Reach.REGION:
        return {region}
    return {region, *NEIGHBOURS[region]}


def far_from(region: BodyRegion) -> BodyRegion:
    """A region two or more steps away: in the same limb when there is one."""
    near = {region, *NEIGHBOURS[region]}
    second = {far for each in near for far in NEIGHBOURS[each]}
    candidates = [each for each in REGIONS if each not in near and each not in second]
    limb = LIMB_OF_REGION.get(region)
    same_limb = [each for each in candidates if limb and LIMB_OF_REGION.get(each) is limb]
    return (same_limb or candidates)[0]


def sites_around(region: BodyRegion) -> list[TreatmentSite]:
    """At the region, next to it, far from it, each on the same and the other side."""
    regions = [region, *sorted(NEIGHBOURS[region]), far_from(region)]
    return [
        TreatmentSite(each, side_of(each, side))
        for each in regions
        for side in (Side.LEFT, Side.RIGHT)
    ]


def in_reach(flag: FlagKind, recorded: TreatmentSite, site: TreatmentSite) -> bool:
    if site.region not in expected_reach(flag, recorded.region):
        return False
    sideless = Side.NOT_APPLICABLE in (recorded.side, site.side)
    return sideless or recorded.side == site.side


@pytest.mark.parametrize("region", [pytest.param(r, id=str(r)) for r in REGIONS])
@pytest.mark.parametrize("flag", [pytest.param(f, id=str(f)) for f in SITED_FLAGS])
def test_a_sited_flag_screens_every_technique_exactly_where_it_reaches(flag, region):
    recorded = TreatmentSite(region, side_of(region))
    patient_flag = PatientFlag(flag, recorded)
    for technique in TechniqueKind:
        expected = EXPECTED[flag].get(technique)
        for site in sites_around(region):
            without = screen(technique, site, [])
            result = screen(technique, site, [patient_flag])
            case = f"{flag} at {recorded}, {technique} at {site}"
            if expected is None or not in_reach(flag, recorded, site):
                assert result == without, case
                continue
            verdict, section = expected
            serious = max(verdict, without.verdict, key=lambda each: each.seriousness)
            assert result.verdict is serious, case
            flag_reasons = [r for r in result.reasons if r not in without.reasons]
            assert any(reason.section == section for reason in flag_reasons), case
            assert all("recorded at the" in reason.text for reason in flag_reasons), case


# A flag recorded at several regions (issue 11: "a flag names one or more regions and a side") --


def several_regions(region: BodyRegion) -> list[tuple[BodyRegion, ...]]:
    """The region with its first neighbour (one wound across a joint), and with a region far
    from it (two patches of the same flag)."""
    return [(region, sorted(NEIGHBOURS[region])[0]), (region, far_from(region))]


def side_of_all(regions: tuple[BodyRegion, ...]) -> Side:
    """One side for every region: left when any lies in a limb, else none (midline)."""
    return Side.LEFT if any(region in LIMB_OF_REGION for region in regions) else Side.NOT_APPLICABLE


def in_reach_of_any(
    flag: FlagKind, regions: tuple[BodyRegion, ...], side: Side, site: TreatmentSite
) -> bool:
    """A region outside the limbs has no left and right, so a side recorded there means both."""
    for region in regions:
        if site.region not in expected_reach(flag, region):
            continue
        midline = region not in LIMB_OF_REGION or site.region not in LIMB_OF_REGION
        if midline or Side.NOT_APPLICABLE in (side, site.side) or side == site.side:
            return True
    return False


SEVERAL = [
    pytest.param(flag, regions, id=f"{flag}-{'+'.join(regions)}")
    for flag in SITED_FLAGS
    for region in REGIONS
    for regions in several_regions(region)
]


@pytest.mark.parametrize(("flag", "regions"), SEVERAL)
def test_a_flag_at_several_regions_screens_every_site_any_of_them_reaches(flag, regions):
    side = side_of_all(regions)
    patient_flag = PatientFlag(flag, TreatmentSite(regions[0], side), more_regions=regions[1:])
    sites = list(dict.fromkeys(site for region in regions for site in sites_around(region)))
    for technique in TechniqueKind:
        expected = EXPECTED[flag].get(technique)
        for site in sites:
            without = screen(technique, site, [])
            result = screen(technique, site, [patient_flag])
            case = f"{flag} at {regions} ({side}), {technique} at {site}"
            if expected is None or not in_reach_of_any(flag, regions, side, site):
                assert result == without, case
                continue
            verdict, section = expected
            serious = max(verdict, without.verdict, key=lambda each: each.seriousness)
            assert result.verdict is serious, case
            (reason,) = [
                r for r in result.reasons if r not in without.reasons and r.section == section
            ]
            for region in regions:  # the reason names every region the flag was recorded at
                assert f"the {in_sentence(region)}" in reason.text, case


def test_a_wound_across_the_wrist_and_forearm_is_named_at_both_and_stops_elbow_massage():
    wound = PatientFlag(
        F.LOCAL_INFECTION_OR_WOUND,
        TreatmentSite(R.FOREARM, Side.LEFT),
        more_regions=(R.WRIST_HAND,),
    )

    at_elbow = screen(T.MASSAGE, TreatmentSite(R.ELBOW, Side.LEFT), [wound])
    at_upper_arm = screen(T.MASSAGE, TreatmentSite(R.UPPER_ARM, Side.LEFT), [wound])

    assert at_elbow.verdict is Verdict.CONTRAINDICATED
    assert (
        "local infection or open wound recorded at the forearm and the wrist and hand (left)"
        in at_elbow.reasons[0].text
    )
    assert at_upper_arm.verdict is Verdict.ALLOWED


def test_a_region_that_cannot_be_read_among_several_covers_the_whole_body_and_says_so():
    fracture = PatientFlag(
        F.RECENT_FRACTURE, TreatmentSite(R.WRIST_HAND, Side.LEFT), more_regions=(R.WHOLE_BODY,)
    )

    result = screen(T.MASSAGE, TreatmentSite(R.ANKLE_FOOT, Side.RIGHT), [fracture])

    assert result.verdict is Verdict.CONTRAINDICATED
    (reason,) = result.reasons
    assert "at the wrist and hand and a region that could not be read (left)" in reason.text
    assert "treated as covering the whole body" in reason.text


def test_the_reason_names_the_flag_and_where_it_was_recorded():
    wrist = PatientFlag(F.RECENT_FRACTURE, TreatmentSite(R.WRIST_HAND, Side.LEFT))

    result = screen(T.MASSAGE, TreatmentSite(R.FOREARM, Side.LEFT), [wrist])

    assert result.verdict is Verdict.CONTRAINDICATED
    assert "recent fracture recorded at the wrist and hand (left)" in result.reasons[0].text


def test_a_forearm_fracture_stops_stretching_at_the_wrist_but_not_the_shoulder():
    forearm = PatientFlag(F.RECENT_FRACTURE, TreatmentSite(R.FOREARM, Side.RIGHT))

    at_wrist = screen(T.STATIC_STRETCH, TreatmentSite(R.WRIST_HAND, Side.RIGHT), [forearm])
    at_shoulder = screen(T.STATIC_STRETCH, TreatmentSite(R.SHOULDER, Side.RIGHT), [forearm])

    assert at_wrist.verdict is Verdict.CONTRAINDICATED
    assert at_shoulder.verdict is Verdict.ALLOWED


@pytest.mark.parametrize("site_side", [Side.LEFT, Side.RIGHT])
def test_a_bilateral_flag_covers_both_sides(site_side):
    both_knees = PatientFlag(F.RECENT_FRACTURE, TreatmentSite(R.KNEE, Side.BILATERAL))

    result = screen(T.MASSAGE, TreatmentSite(R.THIGH, site_side), [both_knees])

    assert result.verdict is Verdict.CONTRAINDICATED


def test_a_sided_flag_reaching_a_midline_region_acts_there_whatever_side_is_recorded():
    """A midline region has no side: a left shoulder wound is near the neck, on either side."""
    shoulder = PatientFlag(F.LOCAL_INFECTION_OR_WOUND, TreatmentSite(R.SHOULDER, Side.LEFT))

    result = screen(T.MASSAGE, TreatmentSite(R.NECK, Side.RIGHT), [shoulder])

    assert result.verdict is Verdict.CONTRAINDICATED


def test_two_flags_for_one_rule_give_one_reason_naming_both_sites():
    flags = [
        PatientFlag(F.RECENT_FRACTURE, TreatmentSite(R.WRIST_HAND, Side.LEFT)),
        PatientFlag(F.RECENT_FRACTURE, TreatmentSite(R.ELBOW, Side.LEFT)),
    ]

    result = screen(T.MASSAGE, TreatmentSite(R.FOREARM, Side.LEFT), flags)

    (reason,) = result.reasons
    assert "at the wrist and hand (left)" in reason.text
    assert "at the elbow (left)" in reason.text


# Unknown or unresolved reach: widened, never dropped (issue 11, bad input) -----------------


@pytest.mark.parametrize("flag", [pytest.param(f, id=str(f)) for f in SITED_FLAGS])
@pytest.mark.parametrize("site", [TreatmentSite(r, side_of(r, Side.RIGHT)) for r in REGIONS])
def test_a_flag_whose_region_cannot_be_resolved_covers_the_whole_body_and_says_so(flag, site):
    unresolved = PatientFlag(flag, TreatmentSite(R.WHOLE_BODY, Side.LEFT))
    at_site = EXPECTED[flag]
    for technique, (verdict, _section) in at_site.items():
        result = screen(technique, site, [unresolved])
        serious = max(verdict, screen(technique, site, []).verdict, key=lambda v: v.seriousness)

        assert result.verdict is serious, technique
        assert any("covering the whole body" in reason.text for reason in result.reasons)


def test_a_flag_without_a_site_still_acts_everywhere():
    result = screen(T.MASSAGE, TreatmentSite(R.SHOULDER, Side.RIGHT), [PatientFlag(F.DVT)])

    assert result.verdict is Verdict.CONTRAINDICATED
    assert "no site recorded" in result.reasons[0].text


def test_a_flag_kind_with_no_reach_row_covers_the_whole_limb_of_its_region():
    region_map = region_map_from_document(shipped_document())

    reach = region_map.reach(F.METAL_IMPLANT, R.KNEE)

    assert reach.regions == {r for r, limb in LIMB_OF_REGION.items() if limb.value == "lower_limb"}
    assert "whole lower limb" in reach.widened


# The shipped data and its loader ------------------------------------------------------------


def shipped_document() -> dict:
    text = resources.files("practice").joinpath("data", "regions.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_the_shipped_map_agrees_with_the_transcribed_table():
    region_map = region_map_from_document(shipped_document())

    assert {flag: row.reach for flag, row in region_map.reaches.items()} == REACH
    assert {region: set(row.neighbours) for region, row in region_map.regions.items()} == (
        NEIGHBOURS
    )


def row_of(document: dict, array: str, key: str) -> dict:
    (row,) = [row for row in document[array] if row["key"] == key]
    return row


def broken(change) -> dict:
    document = copy.deepcopy(shipped_document())
    change(document)
    return document


BAD_DOCUMENTS = [
    (
        "unknown neighbour",
        lambda d: row_of(d, "regions", "forearm")["neighbours"].append("wrist"),
        ["regions[12] 'forearm'", "'neighbours'", "unknown value 'wrist'"],
    ),
    (
        "unknown region",
        lambda d: row_of(d, "regions", "forearm").update(region="lower_arm"),
        ["'forearm'", "'region'", "unknown value 'lower_arm'"],
    ),
    (
        "one-way neighbour",
        lambda d: row_of(d, "regions", "wrist-hand")["neighbours"].append("elbow"),
        ["regions.toml", "'wrist_hand' lists 'elbow'"],
    ),
    (
        "segment against the limb",
        lambda d: row_of(d, "regions", "knee").update(segment="trunk"),
        ["'knee'", "segment trunk disagrees"],
    ),
    (
        "bad section",
        lambda d: row_of(d, "regions", "knee").update(sections=["seven"]),
        ["'knee'", "'sections'"],
    ),
    (
        "missing source",
        lambda d: row_of(d, "regions", "knee").pop("source"),
        ["'knee'", "'source'", "non-empty text"],
    ),
    (
        "unknown field",
        lambda d: row_of(d, "regions", "knee").update(side="left"),
        ["'knee'", "'side'", "unknown field"],
    ),
    (
        "missing region",
        lambda d: d["regions"].remove(row_of(d, "regions", "knee")),
        ["regions.toml", "regions missing from the map: knee"],
    ),
    (
        "duplicate region",
        lambda d: d["regions"].append({**row_of(d, "regions", "knee"), "key": "knee-again"}),
        ["regions.toml", "'knee' is listed twice"],
    ),
    (
        "limb flag given a local reach",
        lambda d: row_of(d, "flag_reach", "dvt").update(reach="near"),
        ["flag_reach[0] 'dvt'", "acts on a limb site"],
    ),
    (
        "local flag given a limb reach",
        lambda d: row_of(d, "flag_reach", "recent-fracture").update(reach="limb"),
        ["'recent-fracture'", "acts on a local site"],
    ),
    (
        "reach row for a flag with no site",
        lambda d: d["flag_reach"].append(
            {
                "key": "epilepsy",
                "flag": "epilepsy",
                "reach": "near",
                "sections": ["0.2"],
                "source": "x",
            }
        ),
        ["'epilepsy'", "has no site"],
    ),
    (
        "sited flag with no reach",
        lambda d: d["flag_reach"].remove(row_of(d, "flag_reach", "varicose-veins")),
        ["flags with a site but no reach row: varicose_veins"],
    ),
    ("no regions at all", lambda d: d.pop("regions"), ["needs a non-empty [[regions]] array"]),
]


@pytest.mark.parametrize(
    ("change", "messages"),
    [case[1:] for case in BAD_DOCUMENTS],
    ids=[case[0] for case in BAD_DOCUMENTS],
)
def test_a_bad_row_is_refused_naming_the_file_row_and_field(change, messages):
    with pytest.raises(ValueError, match=r"^regions\.toml: ") as refused:
        region_map_from_document(broken(change))

    for message in messages:
        assert message in str(refused.value)
