"""The region map: which treatment sites a sited flag reaches (0.2).

Reviewed data in ``practice/data/regions.toml``, validated by ``load_region_map`` into these
frozen dataclasses; a bad row is refused naming the file, the row and the field. The loader lives
here rather than in ``practice.seed`` because ``screening.screen`` reads the map and
``practice.seed`` already imports ``practice.clinical`` (no import cycles). ``RegionMap.reach``
answers the one question screening asks: the regions a flag recorded at a region covers, and why
that reach was widened when the region or the flag kind could not be resolved (never screened as
absent, issue 11).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from types import MappingProxyType
from typing import Any

from practice.clinical.tables import Row, read_data_file, rows
from practice.clinical.vocabulary import (
    LIMB_OF_REGION,
    BodyRegion,
    FlagKind,
    FlagSiteKind,
    Limb,
    flag_site_kind,
)


class Segment(StrEnum):
    HEAD_NECK = "head_neck"
    TRUNK = "trunk"
    UPPER_LIMB = Limb.UPPER.value
    LOWER_LIMB = Limb.LOWER.value


class Reach(StrEnum):
    """How far a sited flag acts, from the reference's wording (0.2, 0.5, 5.7, 7.x)."""

    REGION = "region"  # "over", "at the site"
    NEAR = "near"  # "over or near", "near", "in/around": the region and its neighbours
    LIMB = "limb"  # "in that limb", "affected limb"


@dataclass(frozen=True, kw_only=True)
class RegionRow:
    """One region of the map. ``neighbours`` are the regions it touches (screening's "near");
    two subsets of them say what an exercise in one region trains in the other (proposals):
    ``muscle_neighbours`` where a muscle group spans both, ``posture_neighbours`` where only a
    posture pattern does (2.4)."""

    region: BodyRegion
    segment: Segment
    neighbours: frozenset[BodyRegion]
    muscle_neighbours: frozenset[BodyRegion] = frozenset()
    posture_neighbours: frozenset[BodyRegion] = frozenset()
    sections: tuple[str, ...]

    @property
    def limb(self) -> Limb | None:
        return LIMB_OF_REGION.get(self.region)

    @property
    def midline(self) -> bool:
        """A region outside the limbs has no left and right: a side recorded there means both."""
        return self.limb is None

    def __post_init__(self) -> None:
        if self.region is BodyRegion.WHOLE_BODY:
            raise ValueError("whole_body is not a region of the map: it is every region")
        if self.region in self.neighbours:
            raise ValueError("a region is not its own neighbour")
        for name in ("muscle_neighbours", "posture_neighbours"):
            outside = sorted(region.value for region in getattr(self, name) - self.neighbours)
            if outside:
                raise ValueError(f"{name} must be among the neighbours: {', '.join(outside)}")
        limb_segment = self.segment in (Segment.UPPER_LIMB, Segment.LOWER_LIMB)
        if (self.limb.value if self.limb else None) != (self.segment if limb_segment else None):
            raise ValueError(f"segment {self.segment} disagrees with the vocabulary's limb")


@dataclass(frozen=True, kw_only=True)
class FlagReachRow:
    flag: FlagKind
    reach: Reach
    sections: tuple[str, ...]

    def __post_init__(self) -> None:
        site_kind = flag_site_kind(self.flag)
        if site_kind is FlagSiteKind.NONE:
            raise ValueError(f"flag {self.flag.value!r} has no site, so it has no reach")
        if (site_kind is FlagSiteKind.LIMB) != (self.reach is Reach.LIMB):
            raise ValueError(
                f"flag {self.flag.value!r} acts on a {site_kind} site, not {self.reach.value!r}"
            )


@dataclass(frozen=True)
class ReachResult:
    regions: frozenset[BodyRegion]
    widened: str  # why the reach was widened ("" when resolved), for the reason text


class RegionMap:
    """The validated map: every region once, neighbours listed both ways, every flag kind with a
    site (``vocabulary.FLAG_SITE_KIND``) with one reach."""

    def __init__(self, regions: Iterable[RegionRow], reaches: Iterable[FlagReachRow]) -> None:
        rows: dict[BodyRegion, RegionRow] = {}
        for row in regions:
            if row.region in rows:
                raise ValueError(f"region {row.region.value!r} is listed twice")
            rows[row.region] = row
        missing = [r.value for r in BodyRegion if r is not BodyRegion.WHOLE_BODY and r not in rows]
        if missing:
            raise ValueError(f"regions missing from the map: {', '.join(missing)}")
        for row in rows.values():
            for name in ("neighbours", "muscle_neighbours", "posture_neighbours"):
                for neighbour in getattr(row, name):
                    if neighbour not in rows or row.region not in getattr(rows[neighbour], name):
                        raise ValueError(
                            f"{row.region.value!r} lists {neighbour.value!r} in {name}, "
                            "not the reverse"
                        )
        by_flag: dict[FlagKind, FlagReachRow] = {}
        for reach in reaches:
            if reach.flag in by_flag:
                raise ValueError(f"flag {reach.flag.value!r} has two reach rows")
            by_flag[reach.flag] = reach
        unreached = [f.value for f in FlagKind if flag_site_kind(f) is not FlagSiteKind.NONE]
        unreached = [f for f in unreached if f not in by_flag]
        if unreached:
            raise ValueError(f"flags with a site but no reach row: {', '.join(unreached)}")
        self.regions: Mapping[BodyRegion, RegionRow] = MappingProxyType(rows)
        self.reaches: Mapping[FlagKind, FlagReachRow] = MappingProxyType(by_flag)

    def reach(self, flag: FlagKind, region: BodyRegion | None) -> ReachResult:
        """The regions a flag of this kind recorded at ``region`` covers. A region not in the map
        (or none), or a flag kind with no reach row, covers the whole limb of its region, or the
        whole body when no limb is known: an unresolved reach is widened, never dropped."""
        row = self.regions.get(region) if region is not None else None
        reach_row = self.reaches.get(flag)
        if row is None or reach_row is None:
            limb = LIMB_OF_REGION.get(region) if region is not None else None
            what = "region" if row is None else "reach"
            if limb is None:
                return ReachResult(
                    frozenset(BodyRegion),
                    f"its {what} could not be resolved, so it is treated as covering the whole "
                    "body",
                )
            return ReachResult(
                _limb_regions(limb),
                f"its {what} could not be resolved, so it is treated as covering the whole "
                f"{limb.value.replace('_', ' ')}",
            )
        if reach_row.reach is Reach.LIMB and row.limb is not None:
            return ReachResult(_limb_regions(row.limb), "")
        if reach_row.reach is Reach.REGION:
            return ReachResult(frozenset({row.region}), "")
        return ReachResult(frozenset({row.region, *row.neighbours}), "")


def _limb_regions(limb: Limb) -> frozenset[BodyRegion]:
    return frozenset(region for region, of in LIMB_OF_REGION.items() if of is limb)


REGIONS_FILE = "regions.toml"


@cache
def load_region_map() -> RegionMap:
    """Read and validate the region map shipped inside the package."""
    return region_map_from_document(read_data_file(REGIONS_FILE))


def region_map_from_document(document: Mapping[str, Any]) -> RegionMap:
    """Validate a parsed ``regions.toml``; raises ValueError naming the file, row and field."""
    regions = rows(
        document,
        REGIONS_FILE,
        "regions",
        _region_row,
        ("region", "segment", "neighbours", "muscle_neighbours", "posture_neighbours"),
    )
    reaches = rows(document, REGIONS_FILE, "flag_reach", _flag_reach_row, ("flag", "reach"))
    try:
        return RegionMap(regions, reaches)
    except ValueError as problem:  # the map's own checks: duplicates, one-way neighbours, gaps
        raise ValueError(f"{REGIONS_FILE}: {problem}") from None


def _region_row(row: Row) -> RegionRow:
    fields = {
        "region": row.member("region", BodyRegion),
        "segment": row.member("segment", Segment),
        "neighbours": frozenset(row.members("neighbours", BodyRegion)),
        "muscle_neighbours": frozenset(
            row.members("muscle_neighbours", BodyRegion, required=False)
        ),
        "posture_neighbours": frozenset(
            row.members("posture_neighbours", BodyRegion, required=False)
        ),
        "sections": row.sections(),
    }
    return row.checked(lambda: RegionRow(**fields))


def _flag_reach_row(row: Row) -> FlagReachRow:
    flag = row.member("flag", FlagKind)
    reach = row.member("reach", Reach)
    sections = row.sections()
    return row.checked(lambda: FlagReachRow(flag=flag, reach=reach, sections=sections))
