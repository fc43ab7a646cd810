"""The stored record turned into plain tables and label/value lists for the assessment page.

Generic over the clinical dataclasses, so a field added to the record shows without template
work; range of motion gains its normal value and percentage of normal (4.2).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from practice.clinical import body_chart
from practice.clinical.assessment_data import AssessmentData, Subjective
from practice.clinical.findings import percent_of_normal, round_half_up
from practice.clinical.labels import is_code, label
from practice.clinical.reference import ReferenceValues

SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "subjective": ("subjective",),
    "posture": ("posture",),
    "strength": ("strength",),
    "mobility": ("range_of_motion", "special_tests"),
    "circulation": ("circulation",),
    "spasms": ("spasms",),
    "lifestyle": ("lifestyle",),
}
"""Which parts of the record each section of the form fills in."""


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Pairs:
    caption: str
    items: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class BodyChart:
    """The body chart of the subjective section, drawn, with its text list (1.1)."""

    caption: str
    outlines: tuple[body_chart.Outline, ...]
    sites: list[str]
    cleared: list[str]


Block = Table | Pairs | BodyChart
CHART_FIELDS = frozenset({"pain_sites", "cleared_sites"})
"""The subjective fields the body chart shows, left out of the generic tables."""


def present(record: AssessmentData, reference: ReferenceValues) -> dict[str, list[Block]]:
    """Section key -> the blocks that show what was recorded (empty parts are left out)."""
    views = {}
    for key, names in SECTION_FIELDS.items():
        blocks: list[Block] = []
        for name in names:
            value = getattr(record, name)
            if name == "range_of_motion":
                blocks += _range_of_motion(value, reference)
            elif name == "subjective":  # the chart follows the presenting complaint (1.1)
                pairs, *nested = _blocks(label(name), value, skip=CHART_FIELDS)
                blocks += [pairs, _body_chart(value), *nested]
            else:
                blocks += _blocks(label(name), value)
        views[key] = [block for block in blocks if _has_content(block)]
    return views


def _body_chart(subjective: Subjective) -> BodyChart:
    return BodyChart(
        "Body chart",
        body_chart.drawing(body_chart.marks(subjective)),
        body_chart.site_lines(subjective.pain_sites),
        body_chart.site_lines(subjective.cleared_sites),
    )


def _blocks(caption: str, value: Any, *, skip: frozenset[str] = frozenset()) -> list[Block]:
    if isinstance(value, tuple):
        return [_table(caption, value)] if value else []
    pairs = Pairs(caption)
    nested: list[Block] = []
    for item in dataclasses.fields(value):
        if item.name in skip:
            continue
        inner = getattr(value, item.name)
        if dataclasses.is_dataclass(inner):
            nested += _blocks(label(item.name), inner)
        elif isinstance(inner, tuple) and inner and dataclasses.is_dataclass(inner[0]):
            nested.append(_table(label(item.name), inner))
        elif not _empty(inner):
            pairs.items.append((label(item.name), format_value(inner)))
    return [pairs, *nested]


def _table(caption: str, items: tuple) -> Table:
    names = [
        item.name
        for item in dataclasses.fields(items[0])
        if any(not _empty(getattr(row, item.name)) for row in items)
    ]
    return Table(
        caption,
        [label(name) for name in names],
        [[format_value(getattr(row, name)) for name in names] for row in items],
    )


def _range_of_motion(items: tuple, reference: ReferenceValues) -> list[Block]:
    if not items:
        return []
    rows = []
    for item in items:
        normal = reference.rom_normals.get(item.movement)
        percent = (
            f"{round_half_up(percent_of_normal(item.active_degrees, normal.degrees), 0)} %"
            if normal and normal.degrees > 0
            else "—"
        )
        rows.append(
            [
                label(item.movement),
                label(item.side),
                f"{item.active_degrees}°",
                format_value(item.passive_degrees, unit="°"),
                f"{normal.degrees}°" if normal else "—",
                percent,
            ]
        )
    headers = ["Movement", "Side", "Active", "Passive", "Normal (reference)", "% of normal"]
    return [Table("Range of motion", headers, rows)]


def format_value(value: Any, *, unit: str = "") -> str:
    if _empty(value):
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Enum):
        return label(value)
    if isinstance(value, date):
        return f"{value:%d %b %Y}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}{unit}"
    if isinstance(value, Mapping):
        return "; ".join(f"{label(key)}: {text or '—'}" for key, text in value.items())
    if isinstance(value, tuple):
        return ", ".join(format_value(item) for item in value)
    if isinstance(value, str) and is_code(value):
        return label(value)  # a stored code such as a muscle group or test
    return f"{value}{unit}"


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, (tuple, Mapping)) and not value)


def _has_content(block: Block) -> bool:
    if isinstance(block, BodyChart):
        return bool(block.sites or block.cleared)
    return bool(block.rows if isinstance(block, Table) else block.items)
