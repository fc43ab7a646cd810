"""The body chart (1.1 "Presenting complaint: free text + body-chart regions (multi-select,
side)"): a front and a back outline whose areas are the body regions of flags and treatment
sites (``vocabulary.BodyRegion``, the regions of ``practice/data/regions.toml``).

The table below is reviewed data: each area of the drawing, the outline it is on, and the region
and side it stands for. Limb regions are drawn once, on the viewer's left, and mirrored; on the
front outline the viewer's left is the patient's right, on the back outline the patient's left.
Regions outside the limbs are midline (regions.toml): they have no side. The reference names no
drawing: the outline is the app's, and which regions show on which outline is the app's anatomy
(the face and the front of the neck only on the front, the posterior neck, the back and the
pelvis and buttock only on the back, the hip only on the front, the head and the limbs on both).

An area's code is ``view.region`` or ``view.region.side`` (``front.knee.left``); a site's code
is ``region`` or ``region.side``. ``parse_area`` turns a posted code into its area or says in
words what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from practice.clinical.assessment_data import BodySite, ChartView, Subjective
from practice.clinical.labels import in_sentence, label
from practice.clinical.vocabulary import LIMB_OF_REGION, BodyRegion, Side

SOURCE = "1.1"
WIDTH = 160  # each outline's viewBox is 0 0 WIDTH HEIGHT
HEIGHT = 400
SIDES = (Side.RIGHT, Side.LEFT)  # the order sides are listed in: the front view's, left to right

# The outline of each region, as an SVG path in the viewBox; a limb region's path is the one on
# the viewer's left, mirrored for the other side.
_HEAD_TOP = "M63,28 A17,21 0 0 1 97,28 Z"
_FACE = "M63,28 A17,21 0 0 0 97,28 Z"
_HEAD = "M63,28 A17,21 0 1 1 97,28 A17,21 0 1 1 63,28 Z"
_NECK = "M72,47 L88,47 L88,64 L72,64 Z"
_THORAX = "M56,63 L104,63 L103,122 L57,122 Z"
_LIMBS = {
    BodyRegion.SHOULDER: "M56,63 L42,66 L35,78 L35,92 L50,92 L56,82 Z",
    BodyRegion.UPPER_ARM: "M35,92 L50,92 L47,148 L31,146 Z",
    BodyRegion.ELBOW: "M31,146 L47,148 L46,166 L29,164 Z",
    BodyRegion.FOREARM: "M29,164 L46,166 L41,218 L27,216 Z",
    BodyRegion.WRIST_HAND: "M27,216 L41,218 L43,236 L40,252 L30,254 L24,238 Z",
    BodyRegion.HIP: "M54,170 L80,170 L79,200 L53,196 Z",
    BodyRegion.THIGH: "M53,196 L79,200 L77,272 L59,272 Z",
    BodyRegion.KNEE: "M59,272 L77,272 L76,296 L60,296 Z",
    BodyRegion.LOWER_LEG: "M60,296 L76,296 L73,362 L63,362 Z",
    BodyRegion.ANKLE_FOOT: "M63,362 L73,362 L74,378 L77,390 L55,390 L60,378 Z",
}
_OUTLINES: Mapping[ChartView, Mapping[BodyRegion, str]] = MappingProxyType(
    {
        ChartView.FRONT: {
            BodyRegion.HEAD: _HEAD_TOP,  # forehead and crown
            BodyRegion.FACE: _FACE,
            BodyRegion.ANTERIOR_NECK: _NECK,
            BodyRegion.CHEST: _THORAX,
            BodyRegion.ABDOMEN: "M57,122 L103,122 L106,170 L54,170 Z",
            **_LIMBS,
        },
        ChartView.BACK: {
            BodyRegion.HEAD: _HEAD,
            BodyRegion.NECK: _NECK,
            BodyRegion.UPPER_BACK: _THORAX,
            BodyRegion.LOWER_BACK: "M57,122 L103,122 L105,160 L55,160 Z",
            BodyRegion.PELVIS: "M55,160 L105,160 L107,196 L80,201 L53,196 Z",
            **{region: path for region, path in _LIMBS.items() if region is not BodyRegion.HIP},
        },
    }
)
_VIEWER_LEFT = {ChartView.FRONT: Side.RIGHT, ChartView.BACK: Side.LEFT}


class Status(StrEnum):
    """What a marked area records: symptoms there, or "cleared" as symptom-free (1.1)."""

    SYMPTOMS = "symptoms"
    CLEARED = "cleared"


@dataclass(frozen=True)
class ChartArea:
    view: ChartView
    region: BodyRegion
    side: Side  # LEFT or RIGHT on a limb, NOT_APPLICABLE on a midline region
    path: str
    mirrored: bool  # drawn by mirroring ``path`` across the outline's centre line

    @property
    def code(self) -> str:
        return f"{self.view}.{site_code(self.region, self.side)}"

    @property
    def site(self) -> str:
        return site_code(self.region, self.side)

    @property
    def name(self) -> str:
        """The accessible name: "Left knee, front"."""
        return f"{site_name(self.region, self.side)}, {self.view}"


def site_code(region: BodyRegion, side: Side) -> str:
    return region.value if side is Side.NOT_APPLICABLE else f"{region}.{side}"


def site_name(region: BodyRegion, side: Side) -> str:
    """A place in words ("Left knee", "Chest"); a stored side the chart does not draw follows
    the region ("Lower back (left)", "Knee (bilateral)")."""
    if region in LIMB_OF_REGION and side in SIDES:
        return f"{label(side)} {in_sentence(region)}"
    return label(region) + ("" if side is Side.NOT_APPLICABLE else f" ({in_sentence(side)})")


def _areas() -> tuple[ChartArea, ...]:
    areas = []
    for view, outline in _OUTLINES.items():
        for region, path in outline.items():
            if region not in LIMB_OF_REGION:
                areas.append(ChartArea(view, region, Side.NOT_APPLICABLE, path, False))
                continue
            near = _VIEWER_LEFT[view]
            far = Side.LEFT if near is Side.RIGHT else Side.RIGHT
            areas += [
                ChartArea(view, region, near, path, False),
                ChartArea(view, region, far, path, True),
            ]
    return tuple(areas)


AREAS: tuple[ChartArea, ...] = _areas()
AREAS_BY_CODE: Mapping[str, ChartArea] = MappingProxyType({area.code: area for area in AREAS})


@dataclass(frozen=True)
class ChartSite:
    """A region and side of the chart: the place one ``BodySite`` records."""

    region: BodyRegion
    side: Side

    @property
    def code(self) -> str:
        return site_code(self.region, self.side)

    @property
    def name(self) -> str:
        return site_name(self.region, self.side)

    @property
    def areas(self) -> tuple[ChartArea, ...]:
        return tuple(a for a in AREAS if (a.region, a.side) == (self.region, self.side))


def _sites() -> tuple[ChartSite, ...]:
    places = dict.fromkeys((area.region, area.side) for area in AREAS)
    order = {region: index for index, region in enumerate(BodyRegion)}
    ordered = sorted(places, key=lambda place: (order[place[0]], _side_order(place[1])))
    return tuple(ChartSite(region, side) for region, side in ordered)


def _side_order(side: Side) -> int:
    return SIDES.index(side) if side in SIDES else -1


SITES: tuple[ChartSite, ...] = _sites()
SITES_BY_CODE: Mapping[str, ChartSite] = MappingProxyType({site.code: site for site in SITES})


@dataclass(frozen=True)
class GridRow:
    """One region of the chart's checkbox grid: its areas on each outline, right side first."""

    region: BodyRegion
    views: tuple[tuple[ChartView, tuple[ChartArea, ...]], ...]


def _grid_row(region: BodyRegion) -> GridRow:
    def on(view: ChartView) -> tuple[ChartArea, ...]:
        found = [area for area in AREAS if (area.view, area.region) == (view, region)]
        return tuple(sorted(found, key=lambda area: _side_order(area.side)))

    return GridRow(region, tuple((view, on(view)) for view in ChartView))


GRID: tuple[GridRow, ...] = tuple(
    _grid_row(region) for region in dict.fromkeys(site.region for site in SITES)
)


@dataclass(frozen=True)
class Outline:
    """One outline as drawn: each area with what it records, or None when not marked."""

    view: ChartView
    areas: tuple[tuple[ChartArea, Status | None], ...]

    @property
    def viewer_left(self) -> Side:
        """The patient's side on the viewer's left: the right on the front, the left on the back."""
        return _VIEWER_LEFT[self.view]

    @property
    def viewer_right(self) -> Side:
        return Side.LEFT if self.viewer_left is Side.RIGHT else Side.RIGHT


def drawing(marked: Mapping[str, Status]) -> tuple[Outline, ...]:
    """Both outlines with the marked areas (area code -> what it records)."""
    return tuple(
        Outline(view, tuple((area, marked.get(area.code)) for area in AREAS if area.view is view))
        for view in ChartView
    )


def parse_area(code: str) -> ChartArea:
    """The area a posted code names, or ValueError saying what is wrong, in words."""
    view, _, place = code.partition(".")
    region_code, _, side_code = place.partition(".")
    if view not in set(ChartView):
        raise ValueError(f"{code!r} is not an area of the body chart")
    region = BodyRegion(region_code) if region_code in set(BodyRegion) else None
    if region is None or region is BodyRegion.WHOLE_BODY:
        raise ValueError(f"{code!r} is not an area of the body chart")
    midline = region not in LIMB_OF_REGION
    if midline and side_code:
        raise ValueError(f"The {in_sentence(region)} is midline: it has no left or right side")
    if not midline and side_code not in SIDES:
        raise ValueError(f"Mark the left or the right {in_sentence(region)}")
    area = AREAS_BY_CODE.get(code)
    if area is None:
        raise ValueError(f"The {in_sentence(region)} is not on the {view} of the body chart")
    return area


def chart_places(site: BodySite) -> tuple[ChartSite, ...]:
    """The chart's places a stored site stands for. A site recorded before the chart may carry a
    side the chart does not draw: both sides on a limb when it says "bilateral" or none (an
    unknown side is read as both, as screening reads it), the midline area on a midline region."""
    if site.region not in LIMB_OF_REGION:
        places = [(site.region, Side.NOT_APPLICABLE)]
    elif site.side in SIDES:
        places = [(site.region, site.side)]
    else:
        places = [(site.region, side) for side in SIDES]
    return tuple(
        ChartSite(region, side) for region, side in places if region is not BodyRegion.WHOLE_BODY
    )


def marked_areas(site: BodySite) -> tuple[ChartArea, ...]:
    """The areas a stored site marks: those of its views, or every view drawing its place when
    it was recorded before the chart."""
    return tuple(
        area
        for place in chart_places(site)
        for area in place.areas
        if not site.views or area.view in site.views
    )


def marks(subjective: Subjective) -> dict[str, Status]:
    """Area code -> what it records, for drawing the chart of a record."""
    found = {
        area.code: Status.CLEARED
        for site in subjective.cleared_sites
        for area in marked_areas(site)
    }
    found |= {
        area.code: Status.SYMPTOMS for site in subjective.pain_sites for area in marked_areas(site)
    }
    return found


def description(site: BodySite) -> str:
    """What is recorded of a site beyond its place, in words: "deep, constant; sharp, burning;
    pins and needles"; "" when nothing is."""
    parts = [
        ", ".join(in_sentence(value) for value in (site.depth, site.pattern) if value),
        ", ".join(in_sentence(value) for value in site.qualities),
        ", ".join(in_sentence(value) for value in site.sensations),
    ]
    return "; ".join(part for part in parts if part)


def where(site: BodySite) -> str:
    """The site's name with the outlines it was marked on: "Left knee (front and back)"."""
    views = " and ".join(view.value for view in site.views)
    return site_name(site.region, site.side) + (f" ({views})" if views else "")


def site_lines(sites: Iterable[BodySite]) -> list[str]:
    """A text list of sites: where, then what is recorded there."""
    return [where(site) + (f": {text}" if (text := description(site)) else "") for site in sites]


@dataclass(frozen=True)
class Comparison:
    """Two records' charts (1.1) compared by place, as text lines: the places marked only in the
    later one (added), those marked in the earlier one and not the later (cleared, saying
    whether the later record says symptom-free), and those marked in both (unchanged place, with
    what changed in what is recorded there); and both drawings."""

    earlier: tuple[Outline, ...]
    later: tuple[Outline, ...]
    added: tuple[str, ...]
    cleared: tuple[str, ...]
    unchanged: tuple[str, ...]


def compare_charts(before: Subjective, after: Subjective) -> Comparison:
    old, new = _by_place(before.pain_sites), _by_place(after.pain_sites)
    confirmed = {place for site in after.cleared_sites for place in chart_places(site)}
    ordered = [place for place in SITES if place in old or place in new]
    added = tuple(_line(place, new[place]) for place in ordered if place not in old)
    cleared = tuple(
        place.name + (": recorded symptom-free" if place in confirmed else ": no longer marked")
        for place in ordered
        if place not in new
    )
    unchanged = tuple(
        _unchanged(place, old[place], new[place])
        for place in ordered
        if place in old and place in new
    )
    return Comparison(drawing(marks(before)), drawing(marks(after)), added, cleared, unchanged)


def _by_place(sites: Iterable[BodySite]) -> dict[ChartSite, BodySite]:
    return {place: site for site in sites for place in chart_places(site)}


def _line(place: ChartSite, site: BodySite) -> str:
    text = description(site)
    return place.name + (f": {text}" if text else "")


def _unchanged(place: ChartSite, old: BodySite, new: BodySite) -> str:
    was, now = description(old), description(new)
    if was == now:
        return _line(place, new)
    return f"{place.name}: was {was or 'not described'}; now {now or 'not described'}"
