"""SVG primitives and the palette shared by the figure, the props and the panels.

Coordinates are SVG's: x to the right, y down; an angle of 0 degrees points right, 90 down.
Every colour is picked to stay apart from the others in black-and-white print.
"""

from __future__ import annotations

import math
import re

Point = tuple[float, float]

INK = "#1d2733"  # outlines and text, almost black
BODY = "#aab8c6"  # the figure (greyscale about 70 %)
FAR_BODY = "#dde3e9"  # the far arm and leg in a side view (about 89 %)
WORKING = "#c4501b"  # the limbs that work or stretch (about 45 %)
HAIR = "#3b4654"
PROP_INK = "#4a5560"
PROP_FILL = "#e9dfd0"  # furniture: light wood
MAT_FILL = "#cfe0d6"
WALL_FILL = "#e6e8eb"
ARROW_INK = "#1a6fd1"  # the movement arrow; tests find it in the PDF by this colour
BAND_INK = "#7b3fa0"
TOWEL_INK = "#3f9c6d"
BALL_FILL = "#f3c34f"


def direction(degrees: float) -> Point:
    radians = math.radians(degrees)
    return math.cos(radians), math.sin(radians)


def along(start: Point, degrees: float, length: float) -> Point:
    dx, dy = direction(degrees)
    return start[0] + dx * length, start[1] + dy * length


def heading(begin: Point, end: Point) -> float:
    return math.degrees(math.atan2(end[1] - begin[1], end[0] - begin[0]))


def fmt(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def points_attr(points: list[Point]) -> str:
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)


def circle(centre: Point, radius: float, style: str = "") -> str:
    return f'<circle cx="{fmt(centre[0])}" cy="{fmt(centre[1])}" r="{fmt(radius)}"{style}/>'


def ellipse(centre: Point, rx: float, ry: float, style: str = "", rotate: float = 0) -> str:
    turn = f' transform="rotate({fmt(rotate)} {fmt(centre[0])} {fmt(centre[1])})"' if rotate else ""
    return (
        f'<ellipse cx="{fmt(centre[0])}" cy="{fmt(centre[1])}" rx="{fmt(rx)}" ry="{fmt(ry)}"'
        f"{turn}{style}/>"
    )


def polygon(points: list[Point], style: str = "") -> str:
    return f'<polygon points="{points_attr(points)}"{style}/>'


def polyline(points: list[Point], style: str) -> str:
    return f'<polyline points="{points_attr(points)}"{style}/>'


def rect(x: float, y: float, width: float, height: float, rx: float = 0, style: str = "") -> str:
    rounded = f' rx="{fmt(rx)}"' if rx else ""
    return (
        f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(width)}" height="{fmt(height)}"'
        f"{rounded}{style}/>"
    )


def paint(fill: str = "none", stroke: str = "", width: float = 0) -> str:
    """The presentation attributes of one shape."""
    if not stroke:
        return f' fill="{fill}"'
    return (
        f' fill="{fill}" stroke="{stroke}" stroke-width="{fmt(width)}"'
        ' stroke-linecap="round" stroke-linejoin="round"'
    )


def group(shapes: list[str], attributes: str = "") -> list[str]:
    return [f"<g{attributes}>", *shapes, "</g>"]


def capsule(a: Point, b: Point, radius_a: float, radius_b: float) -> list[str]:
    """A tapered limb segment: two discs and the band of their outer tangents (their hull)."""
    length = math.dist(a, b)
    shapes = [circle(a, radius_a), circle(b, radius_b)]
    if length <= abs(radius_a - radius_b):
        return shapes
    spread = math.degrees(math.acos((radius_a - radius_b) / length))
    angle = heading(a, b)
    shapes.insert(
        0,
        polygon(
            [
                along(a, angle + spread, radius_a),
                along(b, angle + spread, radius_b),
                along(b, angle - spread, radius_b),
                along(a, angle - spread, radius_a),
            ]
        ),
    )
    return shapes


def outlined(shapes: list[str], fill: str, outline: float = 1.5) -> list[str]:
    """Shapes drawn as one silhouette: all outlined first, then all filled over the inner lines.

    Each pass is one path of all the shapes (the same discs and bands as separate elements drew,
    each disc once): a renderer draws one element instead of dozens, which made WeasyPrint's
    drawing of an 8-exercise handout several times faster."""
    outline_path = silhouette(shapes)
    return [
        f'<path d="{outline_path}"{paint(INK, INK, outline * 2)}/>',
        f'<path d="{outline_path}"{paint(fill)}/>',
    ]


_CIRCLE = re.compile(r'<circle cx="([-\d.]+)" cy="([-\d.]+)" r="([-\d.]+)"/>')
_POLYGON = re.compile(r'<polygon points="([^"]+)"/>')


def silhouette(shapes: list[str]) -> str:
    """The path data of ``circle`` and ``polygon`` shapes, every outline turning the same way,
    so that under the nonzero fill rule overlapping shapes fill as their union (an outline
    turning the other way would cut a hole where they overlap). A disc drawn twice (where two
    limb segments meet) is drawn once."""
    parts = []
    for shape in dict.fromkeys(shapes):
        if found := _CIRCLE.fullmatch(shape):
            parts.append(_disc(*(float(value) for value in found.groups())))
        elif found := _POLYGON.fullmatch(shape):
            points = [tuple(map(float, pair.split(","))) for pair in found.group(1).split()]
            if _turns_clockwise(points):  # on screen, y down; the discs above turn anticlockwise
                points.reverse()
            parts.append("M" + "L".join(f"{fmt(x)} {fmt(y)}" for x, y in points) + "Z")
        else:
            raise ValueError(f"a silhouette is made of circles and polygons, not {shape[:40]}")
    return "".join(parts)


def _disc(x: float, y: float, r: float) -> str:
    """A circle as four cubic Bézier quarters, anticlockwise on screen (left, bottom, right,
    top): what a PDF draws a circle with anyway, where an SVG arc costs the renderer a
    conversion of every point."""
    k = r * 0.5523  # the control distance of a quarter circle
    quarters = (
        ((x - r, y + k), (x - k, y + r), (x, y + r)),
        ((x + k, y + r), (x + r, y + k), (x + r, y)),
        ((x + r, y - k), (x + k, y - r), (x, y - r)),
        ((x - k, y - r), (x - r, y - k), (x - r, y)),
    )
    curves = "".join(
        "C" + " ".join(f"{fmt(a)} {fmt(b)}" for a, b in quarter) for quarter in quarters
    )
    return f"M{fmt(x - r)} {fmt(y)}{curves}Z"


def _turns_clockwise(points: list[Point]) -> bool:
    """On screen (y pointing down): the shoelace sum is positive for a clockwise outline."""
    pairs = zip(points, points[1:] + points[:1], strict=True)
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs) > 0


def arrow_head(tip: Point, angle: float, size: float = 9) -> str:
    return polygon(
        [tip, along(tip, angle + 152, size), along(tip, angle - 152, size)],
        paint(ARROW_INK, ARROW_INK, 1),
    )


def arrow_control(begin: Point, end: Point, bend: float) -> Point:
    """The control point of the quadratic curve: ``bend`` of the length off the middle."""
    (x1, y1), (x2, y2) = begin, end
    return (x1 + x2) / 2 - (y2 - y1) * bend, (y1 + y2) / 2 + (x2 - x1) * bend


def arrow_path(begin: Point, end: Point, bend: float, steps: int = 8) -> list[Point]:
    """Points along the arrow's curve, for framing."""
    control = arrow_control(begin, end, bend)
    return [
        (
            (1 - t) ** 2 * begin[0] + 2 * (1 - t) * t * control[0] + t**2 * end[0],
            (1 - t) ** 2 * begin[1] + 2 * (1 - t) * t * control[1] + t**2 * end[1],
        )
        for t in (step / steps for step in range(steps + 1))
    ]


def curved_arrow(begin: Point, end: Point, bend: float, both_ways: bool = False) -> list[str]:
    """A quadratic curve from ``begin`` to ``end`` with a white halo, so it reads over the body."""
    control = arrow_control(begin, end, bend)
    # stop the line short of the tips so the heads stay sharp
    finish = along(end, heading(end, control), 5)
    start = along(begin, heading(begin, control), 5) if both_ways else begin
    d = (
        f"M{fmt(start[0])},{fmt(start[1])} Q{fmt(control[0])},{fmt(control[1])}"
        f" {fmt(finish[0])},{fmt(finish[1])}"
    )
    shapes = [
        f'<path d="{d}"{paint("none", "#ffffff", 7)}/>',
        f'<path d="{d}"{paint("none", ARROW_INK, 3.4)}/>',
        arrow_head(end, heading(control, end)),
    ]
    if both_ways:
        shapes.append(arrow_head(begin, heading(control, begin)))
    return shapes


def circling_arrow(centre: Point, radius: float) -> list[str]:
    """An almost closed circle with a head: a circling movement (ankle circles)."""
    begin, end = along(centre, -60, radius), along(centre, 230, radius)
    d = (
        f"M{fmt(begin[0])},{fmt(begin[1])} A{fmt(radius)},{fmt(radius)} 0 1 1"
        f" {fmt(end[0])},{fmt(end[1])}"
    )
    return [
        f'<path d="{d}"{paint("none", "#ffffff", 7)}/>',
        f'<path d="{d}"{paint("none", ARROW_INK, 3.4)}/>',
        arrow_head(along(centre, 244, radius), 244 + 90),
    ]
