"""Small line charts of outcome scores over time, drawn as SVG on the server (no script).

Readable without colour: each series has its own marker and line dash, the last point of each
is labelled directly (labels of close ends are moved apart, each with a leader back to its
line's last value), a key below names them, the axis says the scale and which way is better.
The SVG is ``role="img"`` with a title and a description; the page adds a visually hidden table
of the same values (``Chart.table``). It scales to its box (viewBox, width 100 %). Pure: no
Flask or SQLAlchemy import; every text is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from html import escape

from practice.clinical.goals import Better

WIDTH = 360
LEFT, RIGHT = 30, 78  # room for the tick labels, and for the direct labels at the right
TOP = 24  # the axis title sits above the plot
PLOT_HEIGHT = 120
DATE_ROW = 16  # the dates under the axis
KEY_ROW = 16
LABEL_HEIGHT = 14  # a direct label's line: the 11 px text's height and a little air
LABEL_X = 12  # the direct labels' column, right of the plot; a leader fills the gap when moved
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Marker(StrEnum):
    CIRCLE = "circle"
    SQUARE = "square"
    TRIANGLE = "triangle"
    DIAMOND = "diamond"


@dataclass(frozen=True)
class Style:
    marker: Marker
    dash: str  # an SVG stroke-dasharray; "" is a solid line
    colour: str  # each dark enough for text contrast; never the only difference
    hollow: bool  # a hollow marker shows a filled one it sits on


STYLES = (
    Style(Marker.CIRCLE, "", "#1f4e79", hollow=False),
    Style(Marker.SQUARE, "6 3", "#7a3b00", hollow=True),
    Style(Marker.TRIANGLE, "2 3", "#2e5e2e", hollow=False),
    Style(Marker.DIAMOND, "8 3 2 3", "#5b2a6e", hollow=True),
)


@dataclass(frozen=True)
class Point:
    on: date
    value: Decimal


@dataclass(frozen=True)
class Series:
    label: str  # in the key and the table: "Visit, pain before treatment"
    short: str  # the direct label by the last point: "before"
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Chart:
    key: str  # unique on the page: the ids of the title and description
    title: str
    low: int
    high: int
    better: Better
    unit: str  # the axis title: "NPRS 0-10"
    series: tuple[Series, ...]

    @property
    def axis_title(self) -> str:
        word = "better" if self.better is Better.HIGHER else "worse"
        return f"{self.unit}, higher = {word}"

    @property
    def drawn(self) -> tuple[Series, ...]:
        """The series that have points, in order; each keeps its style by its position."""
        return tuple(series for series in self.series if series.points)

    def table(self) -> tuple[tuple[str, ...], list[tuple[date, tuple[str, ...]]]]:
        """The headings (the series) and a row per date, oldest first, "—" where not scored."""
        series = self.drawn
        dates = sorted({point.on for item in series for point in item.points})
        rows = []
        for day in dates:
            rows.append(
                (
                    day,
                    tuple(
                        ", ".join(_number(p.value) for p in item.points if p.on == day) or "—"
                        for item in series
                    ),
                )
            )
        return tuple(item.label for item in series), rows

    def description(self) -> str:
        """What the chart shows, in words, for its ``<desc>``."""
        parts = []
        for item in self.drawn:
            first, last = item.points[0], item.points[-1]
            count = len(item.points)
            parts.append(
                f"{item.label}: {count} score{'s' if count != 1 else ''}, "
                f"{_number(first.value)} on {day_text(first.on)}"
                + (f" to {_number(last.value)} on {day_text(last.on)}" if count > 1 else "")
            )
        return f"{self.axis_title}. " + ("; ".join(parts) if parts else "No scores yet") + "."


def day_text(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _number(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _height(chart: Chart) -> int:
    return TOP + PLOT_HEIGHT + DATE_ROW + KEY_ROW * len(chart.drawn) + 6


def x_of(day: date, first: date, last: date) -> float:
    """A date's x: the span of the dates across the plot; a single date in the middle."""
    span = WIDTH - LEFT - RIGHT
    if first == last:
        return LEFT + span / 2
    return LEFT + span * (day - first).days / (last - first).days


def y_of(value: Decimal, low: int, high: int) -> float:
    return TOP + PLOT_HEIGHT * float(high - value) / (high - low)


def _marker(marker: Marker, x: float, y: float, style: Style, title: str) -> str:
    fill = f'fill="{"#fff" if style.hollow else style.colour}" stroke="{style.colour}"'
    fill += ' stroke-width="1.5"' if style.hollow else ""
    tip = f"<title>{escape(title)}</title>"
    if marker is Marker.CIRCLE:
        return f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="3.5" {fill}>{tip}</circle>'
    if marker is Marker.SQUARE:
        return (
            f'<rect x="{_fmt(x - 4.5)}" y="{_fmt(y - 4.5)}" width="9" height="9" {fill}>'
            f"{tip}</rect>"
        )
    if marker is Marker.TRIANGLE:
        shape = [(x, y - 4.5), (x + 4.5, y + 3.5), (x - 4.5, y + 3.5)]
    else:
        shape = [(x, y - 4.5), (x + 4.5, y), (x, y + 4.5), (x - 4.5, y)]
    points = " ".join(f"{_fmt(px)},{_fmt(py)}" for px, py in shape)
    return f'<polygon points="{points}" {fill}>{tip}</polygon>'


def spread_labels(
    wanted: Sequence[float], *, height: float, top: float, bottom: float
) -> tuple[float, ...]:
    """Where to put labels, one a series, asked for at the heights ``wanted`` (SVG y: down is
    larger), so that no two are closer than ``height`` and each stays between ``top`` and
    ``bottom``. Labels keep their order (equal heights: the order given); labels that would
    overlap form a block centred on the mean of the heights they asked for, so each moves as
    little as the others allow. A block taller than the room starts at ``top``."""
    blocks: list[list[int]] = []  # each a run of label indexes, stacked ``height`` apart

    def block_top(block: list[int]) -> float:
        span = height * (len(block) - 1)
        centred = sum(wanted[i] for i in block) / len(block) - span / 2
        return max(top, min(centred, bottom - span))

    for index in sorted(range(len(wanted)), key=lambda i: wanted[i]):
        blocks.append([index])
        while len(blocks) > 1 and (
            block_top(blocks[-2]) + height * len(blocks[-2]) > block_top(blocks[-1])
        ):
            last = blocks.pop()
            blocks[-1].extend(last)
    placed = [0.0] * len(wanted)
    for block in blocks:
        first = block_top(block)
        for position, index in enumerate(block):
            placed[index] = first + height * position
    return tuple(placed)


def draw(chart: Chart) -> str:
    """The chart as an ``<svg>`` element."""
    height = _height(chart)
    title_id, desc_id = f"{chart.key}-title", f"{chart.key}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'class="outcome-chart" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="sans-serif" font-size="11">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.description())}</desc>',
        f'<text x="{LEFT}" y="{TOP - 10}" font-size="12" fill="#212529" '
        f'class="axis-title">{escape(chart.axis_title)}</text>',
    ]
    right = WIDTH - RIGHT
    for tick in range(chart.low, chart.high + 1, max(1, (chart.high - chart.low) // 5)):
        y = y_of(Decimal(tick), chart.low, chart.high)
        parts.append(
            f'<line x1="{LEFT}" y1="{_fmt(y)}" x2="{right}" y2="{_fmt(y)}" stroke="#ced4da" '
            f'stroke-width="{1 if tick == chart.low else 0.5}"/>'
            f'<text x="{LEFT - 4}" y="{_fmt(y + 3.5)}" text-anchor="end" fill="#212529" '
            f'class="tick">{tick}</text>'
        )
    series = chart.drawn
    days = sorted({point.on for item in series for point in item.points})
    if days:
        first, last = days[0], days[-1]
        date_y = TOP + PLOT_HEIGHT + 12
        shown = [first] if first == last else [first, last]
        anchors = ("start", "end") if len(shown) == 2 else ("middle",)
        for day, anchor in zip(shown, anchors, strict=True):
            parts.append(
                f'<text x="{_fmt(x_of(day, first, last))}" y="{date_y}" text-anchor="{anchor}" '
                f'fill="#212529" class="date">{day_text(day)}</text>'
            )
        ends = []
        for number, item in enumerate(series):
            style = STYLES[number % len(STYLES)]
            xy = [
                (x_of(p.on, first, last), y_of(p.value, chart.low, chart.high)) for p in item.points
            ]
            if len(xy) > 1:
                dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
                path = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in xy)
                parts.append(
                    f'<polyline points="{path}" fill="none" stroke="{style.colour}" '
                    f'stroke-width="1.5"{dash}/>'
                )
            for point, (x, y) in zip(item.points, xy, strict=True):
                tip = f"{item.label}: {_number(point.value)} on {day_text(point.on)}"
                parts.append(_marker(style.marker, x, y, style, tip))
            ends.append((item, style, xy[-1][1]))
        placed = spread_labels(
            [end for *_, end in ends], height=LABEL_HEIGHT, top=TOP, bottom=TOP + PLOT_HEIGHT
        )
        for (item, style, end), y in zip(ends, placed, strict=True):
            if abs(y - end) > 1:
                parts.append(
                    f'<line x1="{right + 5}" y1="{_fmt(end)}" x2="{right + LABEL_X - 2}" '
                    f'y2="{_fmt(y)}" stroke="{style.colour}" class="leader"/>'
                )
            last_value = _number(item.points[-1].value)
            parts.append(
                f'<text x="{right + LABEL_X}" y="{_fmt(y + 3.5)}" fill="{style.colour}" '
                f'class="direct-label">{escape(item.short)} {last_value}</text>'
            )
        key_y = TOP + PLOT_HEIGHT + DATE_ROW + 8
        for number, item in enumerate(series):
            style = STYLES[number % len(STYLES)]
            y = key_y + number * KEY_ROW
            dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
            parts.append(
                f'<g class="key"><line x1="{LEFT}" y1="{y}" x2="{LEFT + 24}" y2="{y}" '
                f'stroke="{style.colour}" stroke-width="1.5"{dash}/>'
                + _marker(style.marker, LEFT + 12, y, style, item.label)
                + f'<text x="{LEFT + 30}" y="{y + 3.5}" fill="#212529">{escape(item.label)}</text>'
                "</g>"
            )
    else:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{TOP + PLOT_HEIGHT / 2}" text-anchor="middle" '
            f'fill="#495057">No scores yet</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
