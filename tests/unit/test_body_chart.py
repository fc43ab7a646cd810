"""The body chart (1.1): every region a pain site can have is on it, every area is a valid region
and side, the patient's sides are where the drawing says, posted codes are read or refused in
words, older records still read, and two charts compare by place."""

from __future__ import annotations

import copy
import re

import pytest

from practice.clinical import body_chart
from practice.clinical.assessment_data import (
    AbnormalSensation,
    BodySite,
    ChartView,
    PainQuality,
    Subjective,
    SymptomDepth,
    SymptomPattern,
)
from practice.clinical.regions import load_region_map
from practice.clinical.vocabulary import BodyRegion, Side
from practice.documents import ASSESSMENT_RECORD
from tests.golden import golden

L, R, NA = Side.LEFT, Side.RIGHT, Side.NOT_APPLICABLE
FRONT, BACK = ChartView.FRONT, ChartView.BACK


def test_every_region_a_pain_site_can_have_is_on_the_chart_with_its_sides():
    """The regions of regions.toml are the pain sites' regions; a limb region is marked left and
    right, a midline region once, with no side."""
    expected = set()
    for row in load_region_map().regions.values():
        sides = (L, R) if row.limb else (NA,)
        expected |= {(row.region, side) for side in sides}
    assert {(site.region, site.side) for site in body_chart.SITES} == expected
    assert {(area.region, area.side) for area in body_chart.AREAS} == expected


def test_every_area_is_a_region_of_the_map_with_a_side_only_on_a_limb():
    rows = load_region_map().regions
    for area in body_chart.AREAS:
        row = rows[area.region]
        assert (area.side in (L, R)) == (not row.midline), area
        assert area.side in ((L, R) if row.limb else (NA,)), area
        assert body_chart.parse_area(area.code) == area


def test_each_area_is_drawn_once_and_named_as_the_brief_names_it():
    codes = [area.code for area in body_chart.AREAS]
    assert len(codes) == len(set(codes))
    names = {area.code: area.name for area in body_chart.AREAS}
    assert names["front.knee.left"] == "Left knee, front"
    assert names["back.pelvis"] == "Pelvis and buttock, back"
    assert names["front.anterior_neck"] == "Anterior neck, front"


# The brief and 1.1: a body chart is a front and a back view; on the front the patient's left is
# on the viewer's right, on the back on the viewer's left.
PATIENT_LEFT_ON_THE_VIEWERS = {FRONT: "right", BACK: "left"}


def _centre_x(area: body_chart.ChartArea) -> float:
    """The middle of the area's extent across the outline, as drawn (mirrored or not); the
    radii of an arc ("A17,21") are not points."""
    xs = [float(x) for x in re.findall(r"(?:^|[ML ])(-?\d+(?:\.\d+)?),", area.path)]
    centre = (min(xs) + max(xs)) / 2
    return body_chart.WIDTH - centre if area.mirrored else centre


@pytest.mark.parametrize("view", list(ChartView))
def test_the_patients_left_is_drawn_on_the_side_the_view_puts_it(view):
    middle = body_chart.WIDTH / 2
    for area in (a for a in body_chart.AREAS if a.view is view and a.side in (L, R)):
        on_the_right = _centre_x(area) > middle
        patient_left_right = PATIENT_LEFT_ON_THE_VIEWERS[view] == "right"
        assert on_the_right == (patient_left_right == (area.side is L)), area.code
    outline = next(o for o in body_chart.drawing({}) if o.view is view)
    labels = (outline.viewer_left, outline.viewer_right)
    assert labels == ((R, L) if PATIENT_LEFT_ON_THE_VIEWERS[view] == "right" else (L, R))


def test_midline_areas_sit_on_the_centre_line():
    for area in (a for a in body_chart.AREAS if a.side is NA):
        assert abs(_centre_x(area) - body_chart.WIDTH / 2) < 1, area.code


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("front.chest.left", "The chest is midline: it has no left or right side"),
        ("back.lower_back.right", "The lower back is midline: it has no left or right side"),
        ("front.knee", "Mark the left or the right knee"),
        ("front.knee.bilateral", "Mark the left or the right knee"),
        ("back.face", "The face is not on the back of the body chart"),
        ("back.hip.left", "The hip is not on the back of the body chart"),
        ("side.knee.left", "'side.knee.left' is not an area of the body chart"),
        ("front.elbows.left", "'front.elbows.left' is not an area of the body chart"),
        ("front.whole_body", "'front.whole_body' is not an area of the body chart"),
        ("", "'' is not an area of the body chart"),
    ],
)
def test_a_code_the_chart_does_not_draw_is_refused_in_words(code, message):
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        body_chart.parse_area(code)


def test_what_the_reference_says_a_body_chart_records_has_a_place():
    """1.1: depth (superficial/deep), quality, constant vs intermittent, abnormal sensations
    (pins and needles, numbness); the quality descriptors of 1.1's next row."""
    assert {depth.value for depth in SymptomDepth} == {"superficial", "deep"}
    assert {pattern.value for pattern in SymptomPattern} == {"constant", "intermittent"}
    assert {sense.value for sense in AbnormalSensation} == {"pins_and_needles", "numbness"}
    named = {"sharp", "dull_ache", "burning", "throbbing", "shooting", "cramping"}
    assert {quality.value for quality in PainQuality} == named


def test_a_cleared_area_records_no_symptoms_and_is_not_also_a_pain_site():
    with pytest.raises(ValueError, match="symptom-free"):
        Subjective(cleared_sites=(BodySite(BodyRegion.KNEE, L, depth=SymptomDepth.DEEP),))
    with pytest.raises(ValueError, match="either with symptoms or as cleared"):
        Subjective(
            pain_sites=(BodySite(BodyRegion.KNEE, L),),
            cleared_sites=(BodySite(BodyRegion.KNEE, L),),
        )
    Subjective(
        pain_sites=(BodySite(BodyRegion.KNEE, L),), cleared_sites=(BodySite(BodyRegion.KNEE, R),)
    )


def test_a_site_lists_each_view_quality_and_sensation_once():
    with pytest.raises(ValueError, match="Each view"):
        BodySite(BodyRegion.KNEE, L, views=(FRONT, FRONT))
    with pytest.raises(ValueError, match="Each quality"):
        BodySite(BodyRegion.KNEE, L, qualities=(PainQuality.SHARP, PainQuality.SHARP))


@pytest.mark.parametrize(
    ("site", "areas"),
    [
        (BodySite(BodyRegion.KNEE, L, views=(BACK,)), ["back.knee.left"]),
        (BodySite(BodyRegion.KNEE, L), ["front.knee.left", "back.knee.left"]),  # before the chart
        (
            BodySite(BodyRegion.KNEE, Side.BILATERAL, views=(FRONT,)),
            ["front.knee.right", "front.knee.left"],
        ),
        (BodySite(BodyRegion.HIP, NA), ["front.hip.right", "front.hip.left"]),  # side unknown
        (BodySite(BodyRegion.LOWER_BACK, L), ["back.lower_back"]),  # a side the chart has not
        (BodySite(BodyRegion.WHOLE_BODY), []),
    ],
)
def test_a_stored_site_marks_the_areas_of_its_place(site, areas):
    assert [area.code for area in body_chart.marked_areas(site)] == areas


def test_the_text_list_says_where_and_what_is_recorded():
    sites = (
        BodySite(
            BodyRegion.KNEE,
            L,
            (FRONT, BACK),
            SymptomDepth.DEEP,
            SymptomPattern.CONSTANT,
            (PainQuality.SHARP, PainQuality.DULL_ACHE),
            (AbnormalSensation.PINS_AND_NEEDLES,),
        ),
        BodySite(BodyRegion.LOWER_BACK, L),
        BodySite(BodyRegion.PELVIS, views=(BACK,)),
    )
    assert body_chart.site_lines(sites) == [
        "Left knee (front and back): deep, constant; sharp, dull ache; pins and needles",
        "Lower back (left)",
        "Pelvis and buttock (back)",
    ]


def test_two_charts_compare_place_by_place():
    before = Subjective(
        pain_sites=(
            BodySite(BodyRegion.KNEE, Side.BILATERAL),  # recorded before the chart
            BodySite(BodyRegion.LOWER_BACK, views=(BACK,), depth=SymptomDepth.DEEP),
            BodySite(BodyRegion.NECK, views=(BACK,)),
        )
    )
    after = Subjective(
        pain_sites=(
            BodySite(BodyRegion.KNEE, L, (FRONT,)),
            BodySite(BodyRegion.LOWER_BACK, views=(BACK,), depth=SymptomDepth.SUPERFICIAL),
            BodySite(BodyRegion.ANKLE_FOOT, R, (FRONT,), pattern=SymptomPattern.INTERMITTENT),
        ),
        cleared_sites=(BodySite(BodyRegion.KNEE, R, (FRONT,)),),
    )
    compared = body_chart.compare_charts(before, after)
    assert compared.added == ("Right ankle and foot: intermittent",)
    assert compared.cleared == (
        "Neck: no longer marked",
        "Right knee: recorded symptom-free",
    )
    assert compared.unchanged == (
        "Lower back: was deep; now superficial",
        "Left knee",
    )
    later = {area.code: status for outline in compared.later for area, status in outline.areas}
    assert later["front.knee.right"] is body_chart.Status.CLEARED
    assert later["front.knee.left"] is body_chart.Status.SYMPTOMS
    assert later["back.knee.left"] is None


def test_a_version_4_record_with_pain_sites_reads_with_nothing_of_the_chart_recorded():
    stored = copy.deepcopy(golden("assessment_record")[4, "calf_cramps"])
    stored["subjective"]["pain_sites"] = [
        {"region": "lower_leg", "side": "left"},
        {"region": "lower_back", "side": "not_applicable"},
    ]
    record = ASSESSMENT_RECORD.decode(stored)
    assert record.subjective.pain_sites == (
        BodySite(BodyRegion.LOWER_LEG, L),
        BodySite(BodyRegion.LOWER_BACK, NA),
    )
    assert record.subjective.cleared_sites == ()
    encoded = ASSESSMENT_RECORD.encode(record)
    assert encoded["schema_version"] == 5
    assert encoded["subjective"]["pain_sites"][0] == {
        "region": "lower_leg",
        "side": "left",
        "views": [],
        "depth": None,
        "pattern": None,
        "qualities": [],
        "sensations": [],
    }
