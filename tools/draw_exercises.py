"""Draw the home-exercise illustrations in static/img/exercises/ from pose data.

Each picture is a stick figure: the start position light and dashed, the end position solid, an
arrow for the direction of movement, the floor and any props (wall, chair, band, step). A pose is
a set of absolute segment angles in degrees (0 points right, 90 points down, as in SVG) and one
anchor point; the figure is built outward from the hip. The files are plain SVG with a <title>
and <desc>, a viewBox, no scripts, fonts or external references.

Run from the repository root after editing practice/data/exercises.toml:

    .venv/bin/python tools/draw_exercises.py
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from practice.seed import load_seed_catalogue

OUTPUT = Path(__file__).resolve().parent.parent / "static" / "img" / "exercises"

WIDTH, HEIGHT, FLOOR = 240, 200, 188

SEGMENT_LENGTH = {
    "trunk": 26,  # hip to mid-back
    "chest": 28,  # mid-back to the base of the neck
    "neck": 7,
    "arm": 27,
    "fore": 24,
    "hand": 9,
    "thigh": 40,
    "shin": 38,
    "foot": 13,
}
HEAD_RADIUS = 8.5
SHOULDER_HALF_WIDTH = 13  # front and top views only
HIP_HALF_WIDTH = 7

INK, FAR_INK, START_INK, PROP_INK = "#1d2733", "#7b8794", "#a9b4bf", "#55606b"
ARROW_INK, BAND_INK, TOWEL_INK, PROP_FILL = "#1a6fd1", "#d9822b", "#3f9c6d", "#eef1f4"

Point = tuple[float, float]


def direction(degrees: float) -> Point:
    radians = math.radians(degrees)
    return math.cos(radians), math.sin(radians)


def along(start: Point, degrees: float, length: float) -> Point:
    dx, dy = direction(degrees)
    return start[0] + dx * length, start[1] + dy * length


# ---------------------------------------------------------------------------- poses

STANDING = {
    "trunk": -90,
    "neck": -90,
    "arm_n": 90,
    "fore_n": 90,
    "hand_n": 90,
    "arm_f": 90,
    "fore_f": 90,
    "hand_f": 90,
    "thigh_n": 90,
    "shin_n": 90,
    "foot_n": 0,
    "thigh_f": 90,
    "shin_f": 90,
    "foot_f": 0,
    "facing": 1,
}
SITTING = STANDING | {
    "thigh_n": -3,
    "thigh_f": 3,
    "shin_n": 90,
    "shin_f": 90,
    "arm_n": 75,
    "fore_n": 5,
    "hand_n": 10,
    "arm_f": 85,
    "fore_f": 10,
    "hand_f": 10,
}
LYING_BACK = STANDING | {
    "trunk": 180,
    "neck": 180,
    "arm_n": 2,
    "fore_n": 0,
    "hand_n": 0,
    "arm_f": 2,
    "fore_f": 0,
    "hand_f": 0,
    "thigh_n": 0,
    "shin_n": 0,
    "foot_n": -75,
    "thigh_f": 0,
    "shin_f": 0,
    "foot_f": -75,
}
KNEES_BENT = LYING_BACK | {
    "thigh_n": -45,
    "shin_n": 50,
    "foot_n": 0,
    "thigh_f": -45,
    "shin_f": 50,
    "foot_f": 0,
}
LYING_FRONT = LYING_BACK | {"facing": -1, "foot_n": 60, "foot_f": 60, "arm_n": 0, "arm_f": 0}
SIDE_LYING = LYING_BACK | {
    "arm_f": 210,
    "fore_f": -30,
    "hand_f": 180,
    "arm_n": 10,
    "fore_n": 20,
    "hand_n": 20,
    "foot_n": 0,
    "foot_f": 0,
}
HANDS_AND_KNEES = STANDING | {
    "trunk": -8,
    "neck": -15,
    "arm_n": 90,
    "fore_n": 90,
    "hand_n": 0,
    "arm_f": 92,
    "fore_f": 92,
    "hand_f": 0,
    "thigh_n": 90,
    "shin_n": 180,
    "foot_n": 180,
    "thigh_f": 92,
    "shin_f": 180,
    "foot_f": 180,
}
LONG_SITTING = STANDING | {
    "trunk": -80,
    "neck": -85,
    "thigh_n": 0,
    "shin_n": 0,
    "foot_n": -75,
    "thigh_f": 0,
    "shin_f": 0,
    "foot_f": -75,
    "arm_n": 110,
    "fore_n": 110,
    "hand_n": 180,
    "arm_f": 110,
    "fore_f": 110,
    "hand_f": 180,
}
FRONT = STANDING | {"facing": 0, "arm_n": 95, "fore_n": 95, "arm_f": 85, "fore_f": 85}
WALKING = STANDING | {
    "trunk": -87,
    "thigh_n": 70,
    "shin_n": 95,
    "foot_n": 0,
    "thigh_f": 112,
    "shin_f": 120,
    "foot_f": 30,
    "arm_n": 110,
    "fore_n": 80,
    "arm_f": 65,
    "fore_f": 50,
}


@dataclass(frozen=True)
class Pose:
    angles: dict[str, float]
    anchor: str  # the joint placed at ``at``
    at: Point
    view: str = "side"  # "front" and "top" views draw the shoulders and hips with their width
    scale: dict[str, float] = field(default_factory=dict)  # foreshortened segments


def pose(
    base: dict[str, float],
    anchor: str,
    at: Point,
    view: str = "side",
    scale: dict[str, float] | None = None,
    **angles: float,
) -> Pose:
    return Pose(base | angles, anchor, at, view, scale or {})


def joints(figure: Pose) -> dict[str, Point]:
    """Forward kinematics from the hip, then moved so the anchor joint sits at ``at``."""
    angles = figure.angles | {
        key: figure.angles["trunk"] for key in ("chest",) if key not in figure.angles
    }

    def length(segment: str) -> float:
        return SEGMENT_LENGTH[segment] * figure.scale.get(segment, 1.0)

    wide = figure.view != "side"
    across = direction(angles["chest"] + 90)
    hip_across = direction(angles["trunk"] + 90)
    points: dict[str, Point] = {"hip": (0.0, 0.0)}
    points["mid"] = along(points["hip"], angles["trunk"], length("trunk"))
    points["shoulder"] = along(points["mid"], angles["chest"], length("chest"))
    points["neck"] = along(points["shoulder"], angles["neck"], length("neck"))
    points["head"] = along(points["neck"], angles["neck"], HEAD_RADIUS)
    for side, sign in (("n", 1), ("f", -1)):
        shoulder_offset = SHOULDER_HALF_WIDTH * sign if wide else 0
        hip_offset = HIP_HALF_WIDTH * sign if wide else 0
        shoulder = (
            points["shoulder"][0] + across[0] * shoulder_offset,
            points["shoulder"][1] + across[1] * shoulder_offset,
        )
        hip = (
            points["hip"][0] + hip_across[0] * hip_offset,
            points["hip"][1] + hip_across[1] * hip_offset,
        )
        points[f"shoulder_{side}"] = shoulder
        points[f"hip_{side}"] = hip
        points[f"elbow_{side}"] = along(shoulder, angles[f"arm_{side}"], length("arm"))
        points[f"wrist_{side}"] = along(
            points[f"elbow_{side}"], angles[f"fore_{side}"], length("fore")
        )
        points[f"fingers_{side}"] = along(
            points[f"wrist_{side}"], angles[f"hand_{side}"], length("hand")
        )
        points[f"knee_{side}"] = along(hip, angles[f"thigh_{side}"], length("thigh"))
        points[f"ankle_{side}"] = along(
            points[f"knee_{side}"], angles[f"shin_{side}"], length("shin")
        )
        points[f"toe_{side}"] = along(
            points[f"ankle_{side}"], angles[f"foot_{side}"], length("foot")
        )
        points[f"heel_{side}"] = along(points[f"ankle_{side}"], angles[f"foot_{side}"] + 180, 3)
    ax, ay = points[figure.anchor]
    dx, dy = figure.at[0] - ax, figure.at[1] - ay
    return {name: (x + dx, y + dy) for name, (x, y) in points.items()}


# ---------------------------------------------------------------------------- drawing


def fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def polyline(points: list[Point], stroke: str, width: float, dashed: bool = False) -> str:
    coordinates = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)
    dash = ' stroke-dasharray="5 4"' if dashed else ""
    return (
        f'<polyline points="{coordinates}" fill="none" stroke="{stroke}" stroke-width="{width}"'
        f' stroke-linecap="round" stroke-linejoin="round"{dash}/>'
    )


def draw_figure(figure: Pose, start: bool) -> list[str]:
    points = joints(figure)
    near, far = (START_INK, START_INK) if start else (INK, FAR_INK)
    width = 3.2 if start else 4
    limbs = {
        side: (
            [
                points[f"shoulder_{side}"],
                points[f"elbow_{side}"],
                points[f"wrist_{side}"],
                points[f"fingers_{side}"],
            ],
            [
                points[f"hip_{side}"],
                points[f"knee_{side}"],
                points[f"ankle_{side}"],
                points[f"toe_{side}"],
            ],
            [points[f"heel_{side}"], points[f"toe_{side}"]],
        )
        for side in ("n", "f")
    }
    arm, leg, foot = limbs["f"]
    parts = [
        polyline(leg, far, width, start),
        polyline(foot, far, width, start),
        polyline(arm, far, width, start),
    ]
    body = [points["hip"], points["mid"], points["shoulder"], points["neck"]]
    parts.append(polyline(body, near, width + 0.6, start))
    if figure.view != "side":
        parts.append(polyline([points["shoulder_n"], points["shoulder_f"]], near, width, start))
        parts.append(polyline([points["hip_n"], points["hip_f"]], near, width, start))
    arm, leg, foot = limbs["n"]
    parts += [
        polyline(leg, near, width, start),
        polyline(foot, near, width, start),
        polyline(arm, near, width, start),
    ]
    if "palm_n" in figure.angles:
        hand = figure.angles["hand_n"]
        side = hand + figure.angles["palm_n"]
        wrist, fingers = points["wrist_n"], points["fingers_n"]
        palm = [along(wrist, side, 3.2), along(fingers, side, 3.2)]
        parts.append(polyline(palm, START_INK if start else TOWEL_INK, 2.4, start))
    hx, hy = points["head"]
    dash = ' stroke-dasharray="5 4"' if start else ""
    parts.append(
        f'<circle cx="{fmt(hx)}" cy="{fmt(hy)}" r="{HEAD_RADIUS}" fill="#ffffff" stroke="{near}"'
        f' stroke-width="{width - 0.8}"{dash}/>'
    )
    facing = figure.angles.get("facing", 0)
    if facing:
        nose_direction = figure.angles["neck"] + 90 * facing
        tip = along(points["head"], nose_direction, HEAD_RADIUS + 3.5)
        base = along(points["head"], nose_direction, HEAD_RADIUS - 0.5)
        parts.append(polyline([base, tip], near, width - 1, False))
    return parts


@dataclass(frozen=True)
class Arrow:
    """From ``start`` to ``end``: joint names of the start and end poses, or fixed points."""

    start: str | Point  # a joint name means that joint of the start pose
    end: str | Point  # a joint name means that joint of the end pose
    bend: float = 0.25  # sideways bulge as a share of the length; negative bends the other way
    offset: Point = (0, 0)
    both_ways: bool = False


@dataclass(frozen=True)
class Prop:
    kind: str  # see prop_svg: wall, doorway, post, chair, front_chair, step, table, mat, top_mat,
    # band, towel, ball, pillow, roll, circle_arrow
    points: tuple[str | Point, ...] = ()
    size: float = 0
    facing: int = 1


@dataclass(frozen=True)
class Drawing:
    description: str
    end: Pose
    start: Pose | None = None
    arrows: tuple[Arrow, ...] = ()
    props: tuple[Prop, ...] = ()
    floor: bool = True


Joints = dict[str, Point]


def resolve(reference: str | Point, start_points: Joints, end_points: Joints) -> Point:
    """A fixed point, or a joint: "s.knee_n" of the start pose, "knee_n" of the end pose."""
    if not isinstance(reference, str):
        return reference
    if reference.startswith("s."):
        return start_points[reference[2:]]
    return end_points[reference]


def arrow_svg(arrow: Arrow, begin: Point, finish: Point) -> list[str]:
    (x1, y1), (x2, y2) = begin, finish
    x1, y1, x2, y2 = (
        x1 + arrow.offset[0],
        y1 + arrow.offset[1],
        x2 + arrow.offset[0],
        y2 + arrow.offset[1],
    )
    length = math.hypot(x2 - x1, y2 - y1) or 1
    normal = (-(y2 - y1) / length, (x2 - x1) / length)
    control = (
        (x1 + x2) / 2 + normal[0] * arrow.bend * length,
        (y1 + y2) / 2 + normal[1] * arrow.bend * length,
    )
    path = (
        f'<path d="M{fmt(x1)},{fmt(y1)} Q{fmt(control[0])},{fmt(control[1])} {fmt(x2)},{fmt(y2)}"'
        f' fill="none" stroke="{ARROW_INK}" stroke-width="2.2" stroke-linecap="round"/>'
    )
    parts = [path, arrow_head((x2, y2), control)]
    if arrow.both_ways:
        parts.append(arrow_head((x1, y1), control))
    return parts


def arrow_head(tip: Point, towards_from: Point) -> str:
    angle = math.degrees(math.atan2(tip[1] - towards_from[1], tip[0] - towards_from[0]))
    left = along(tip, angle + 155, 7)
    right = along(tip, angle - 155, 7)
    return (
        f'<polygon points="{fmt(tip[0])},{fmt(tip[1])} {fmt(left[0])},{fmt(left[1])}'
        f' {fmt(right[0])},{fmt(right[1])}" fill="{ARROW_INK}"/>'
    )


def circle_arrow(centre: Point, radius: float) -> list[str]:
    """An almost closed circle with a head: a circling movement (ankle circles)."""
    begin = along(centre, -60, radius)
    finish = along(centre, 240, radius)
    path = (
        f'<path d="M{fmt(begin[0])},{fmt(begin[1])} A{radius},{radius} 0 1 1'
        f' {fmt(finish[0])},{fmt(finish[1])}" fill="none" stroke="{ARROW_INK}" stroke-width="2.2"/>'
    )
    return [path, arrow_head(finish, along(centre, 215, radius * 1.1))]


def rect(x: float, y: float, width: float, height: float, rx: float = 0) -> str:
    return (
        f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(width)}" height="{fmt(height)}" rx="{rx}"'
        f' fill="{PROP_FILL}" stroke="{PROP_INK}" stroke-width="1.6"/>'
    )


def ellipse(centre: Point, rx: float, ry: float, fill: str = PROP_FILL) -> str:
    return (
        f'<ellipse cx="{fmt(centre[0])}" cy="{fmt(centre[1])}" rx="{rx}" ry="{ry}" fill="{fill}"'
        f' stroke="{PROP_INK}" stroke-width="1.4"/>'
    )


def prop_svg(prop: Prop, start_points: Joints, end_points: Joints, frame: Frame) -> list[str]:
    points = [resolve(point, start_points, end_points) for point in prop.points]
    if prop.kind == "wall":
        ((x, _),) = points
        return [rect(x, frame[1] - 2, 12, FLOOR - frame[1] + 2)]
    if prop.kind == "doorway":
        ((x, _),) = points
        return [rect(x - 3, frame[1] - 2, 6, FLOOR - frame[1] + 2)]
    if prop.kind == "post":
        ((x, _),) = points
        return [rect(x - 3, 40, 6, FLOOR - 40)]
    if prop.kind == "chair":
        ((x, seat),) = points  # x is the front edge of the seat, facing right when facing=1
        depth = 34
        back = x - depth * prop.facing
        parts = [
            polyline([(x, seat), (back, seat)], PROP_INK, 3),
            polyline([(x - 3 * prop.facing, seat), (x - 3 * prop.facing, FLOOR)], PROP_INK, 2.4),
            polyline([(back, seat - prop.size), (back, FLOOR)], PROP_INK, 2.4),
        ]
        return parts
    if prop.kind == "front_chair":
        ((x, seat),) = points
        return [
            polyline([(x - 22, seat), (x + 22, seat)], PROP_INK, 3),
            polyline([(x - 19, seat), (x - 19, FLOOR)], PROP_INK, 2.4),
            polyline([(x + 19, seat), (x + 19, FLOOR)], PROP_INK, 2.4),
        ]
    if prop.kind == "step":
        ((x, _),) = points
        return [rect(x, FLOOR - prop.size, 40, prop.size)]
    if prop.kind == "table":
        (x1, y), (x2, _) = points
        return [
            rect(x1, y, x2 - x1, 5),
            polyline([(x2 - 6, y + 5), (x2 - 6, FLOOR)], PROP_INK, 2.4),
        ]
    if prop.kind == "mat":
        return [rect(frame[0] + 10, FLOOR - 3, frame[2] - 20, 3, 1.5)]
    if prop.kind == "top_mat":
        (x1, y1), (x2, y2) = points
        return [rect(x1, y1, x2 - x1, y2 - y1, 4)]
    if prop.kind in ("band", "towel"):
        colour = BAND_INK if prop.kind == "band" else TOWEL_INK
        return [polyline(points, colour, 2.6)]
    if prop.kind == "ball":
        return [ellipse(points[0], prop.size, prop.size, fill="#f3c34f")]
    if prop.kind == "pillow":
        return [ellipse(points[0], prop.size, 4.5)]
    if prop.kind == "roll":
        return [ellipse(points[0], prop.size, prop.size)]
    if prop.kind == "circle_arrow":
        (centre,) = points
        return circle_arrow(centre, prop.size)
    raise ValueError(f"unknown prop {prop.kind!r}")


def prop_extent(prop: Prop, points: list[Point]) -> list[Point]:
    """The points a prop reaches, so the picture can be framed around everything drawn."""
    if prop.kind == "chair":
        ((x, seat),) = points
        return [(x, seat), (x - 34 * prop.facing, seat - prop.size), (x, FLOOR)]
    if prop.kind == "front_chair":
        ((x, seat),) = points
        return [(x - 22, seat), (x + 22, FLOOR)]
    if prop.kind in ("wall", "doorway", "post"):
        ((x, _),) = points
        return [(x - 4, FLOOR), (x + 12 if prop.kind == "wall" else x + 4, FLOOR)]
    if prop.kind == "step":
        ((x, _),) = points
        return [(x, FLOOR - prop.size), (x + 40, FLOOR)]
    if prop.kind == "mat":
        return []  # spans the frame chosen for the figure
    if prop.kind in ("ball", "pillow", "roll", "circle_arrow"):
        ((x, y),) = points
        return [(x - prop.size - 4, y - prop.size - 4), (x + prop.size + 4, y + prop.size + 4)]
    return points


Frame = tuple[float, float, float, float]  # x, y, width, height


def frame_around(points: list[Point]) -> Frame:
    """A 6:5 frame with a margin around ``points``, never zoomed in further than 2x."""
    margin = 14
    xs, ys = [x for x, _ in points], [y for _, y in points]
    left, right, top, bottom = min(xs) - margin, max(xs) + margin, min(ys) - margin, max(ys) + 6
    width = max(right - left, (bottom - top) * WIDTH / HEIGHT, WIDTH / 2)
    height = width * HEIGHT / WIDTH
    centre_x = (left + right) / 2
    return centre_x - width / 2, bottom - height, width, height


def render(key: str, title: str, drawing: Drawing) -> str:
    """The SVG text; ids carry the key so several pictures can be inlined in one page."""
    end_points = joints(drawing.end)
    start_points = joints(drawing.start) if drawing.start else end_points
    arrows = [
        (
            arrow,
            resolve(
                arrow.start if isinstance(arrow.start, tuple) else f"s.{arrow.start}",
                start_points,
                end_points,
            ),
            resolve(arrow.end, start_points, end_points),
        )
        for arrow in drawing.arrows
    ]
    reach: list[Point] = []
    for figure in (start_points, end_points):
        hx, hy = figure["head"]
        reach += [
            *figure.values(),
            (hx - HEAD_RADIUS - 4, hy - HEAD_RADIUS - 4),
            (hx + HEAD_RADIUS + 4, hy + HEAD_RADIUS + 4),
        ]
    for prop in drawing.props:
        reach += prop_extent(
            prop, [resolve(point, start_points, end_points) for point in prop.points]
        )
    for arrow, begin, finish in arrows:
        reach += [
            (begin[0] + arrow.offset[0], begin[1] + arrow.offset[1]),
            (finish[0] + arrow.offset[0], finish[1] + arrow.offset[1]),
        ]
    if drawing.floor:
        reach.append((reach[0][0], FLOOR))
    frame = frame_around(reach)
    x, y, width, height = frame
    background = f'x="{fmt(x)}" y="{fmt(y)}" width="{fmt(width)}" height="{fmt(height)}"'
    body = [f'<rect {background} fill="#ffffff"/>']
    if drawing.floor:
        body.append(polyline([(x, FLOOR), (x + width, FLOOR)], PROP_INK, 2))
    for prop in drawing.props:
        body += prop_svg(prop, start_points, end_points, frame)
    if drawing.start:
        body += draw_figure(drawing.start, start=True)
    body += draw_figure(drawing.end, start=False)
    for arrow, begin, finish in arrows:
        body += arrow_svg(arrow, begin, finish)
    description = drawing.description
    if drawing.start:
        description += " Dashed grey figure: start position. Solid figure: end position."
    if drawing.arrows or any(prop.kind == "circle_arrow" for prop in drawing.props):
        description += " Blue arrow: direction of movement."
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}"'
            f' viewBox="{fmt(x)} {fmt(y)} {fmt(width)} {fmt(height)}" role="img"'
            f' aria-labelledby="{key}-title {key}-desc">',
            f'<title id="{key}-title">{escape(title)}</title>',
            f'<desc id="{key}-desc">{escape(description)}</desc>',
            *body,
            "</svg>",
            "",
        ]
    )


# ---------------------------------------------------------------------------- exercises

STAND_AT = FLOOR - 4  # ankle height of a standing figure
SEAT = FLOOR - 37  # chair seat height


def standing(x: float, base: dict[str, float] = STANDING, **angles: float) -> Pose:
    return pose(base, "ankle_n", (x, STAND_AT), **angles)


def seated(x: float, **angles: float) -> Pose:
    """Sitting on a chair whose seat front is at ``x``, facing right."""
    return pose(SITTING, "hip", (x - 34, SEAT - 5), **angles)


def lying(x: float, base: dict[str, float] = LYING_BACK, **angles: float) -> Pose:
    return pose(base, "hip", (x, FLOOR - 9), **angles)


def chair(x: float, facing: int = 1) -> Prop:
    return Prop("chair", ((x, SEAT),), size=46, facing=facing)


def wall(x: float) -> Prop:
    return Prop("wall", ((x, 0),))


MAT = Prop("mat")


def front_seated(x: float, **angles: float) -> Pose:
    """Seen from the front, sitting on a stool or chair seat; the thighs point at the viewer."""
    base = FRONT | {"thigh_n": 80, "thigh_f": 100, "foot_n": 0, "foot_f": 180}
    return pose(base, "hip", (x, FRONT_SEAT - 5), view="front", scale={"thigh": 0.3}, **angles)


FRONT_SEAT = FLOOR - 44
HALF_KNEELING = STANDING | {"thigh_f": 90, "shin_f": 180, "foot_f": 180, "thigh_n": 0, "shin_n": 90}
ARMS_CROSSED = {
    "arm_n": 55,
    "fore_n": 190,
    "hand_n": 190,
    "arm_f": 60,
    "fore_f": 195,
    "hand_f": 195,
}
HANDS_BEHIND_HEAD = {
    "arm_n": -140,
    "fore_n": 25,
    "hand_n": 25,
    "arm_f": -135,
    "fore_f": 30,
    "hand_f": 30,
}
TOWEL_HAMSTRING = {
    "thigh_n": -85,
    "shin_n": -85,
    "foot_n": 185,
    "arm_n": -62,
    "fore_n": -80,
    "hand_n": -80,
}
CALF_LUNGE = {
    "trunk": -65,
    "neck": -60,
    "thigh_f": 65,
    "shin_f": 95,
    "thigh_n": 108,
    "shin_n": 108,
    "arm_n": 50,
    "fore_n": -30,
    "hand_n": -90,
    "arm_f": 52,
    "fore_f": -28,
    "hand_f": -90,
}
SOLEUS_SQUAT = CALF_LUNGE | {
    "trunk": -75,
    "neck": -70,
    "thigh_f": 75,
    "shin_f": 100,
    "thigh_n": 100,
    "shin_n": 110,
    "arm_n": 60,
    "fore_n": 0,
    "arm_f": 62,
    "fore_f": 2,
}
ON_TOES = {"foot_n": 40, "foot_f": 40}
SUPPORT_HANDS = {"arm_n": 60, "fore_n": 45, "hand_n": 45, "arm_f": 62, "fore_f": 47, "hand_f": 47}
AT_TABLE = {"arm_n": 80, "fore_n": 0, "hand_n": 0, "arm_f": 85, "fore_f": 5, "hand_f": 5}
WRIST_STRETCH = {"arm_n": 0, "fore_n": 0, "arm_f": 40, "fore_f": -14, "hand_f": 0}
BRIDGE = {"trunk": 150, "chest": 160, "thigh_n": -15, "thigh_f": -15, "shin_n": 75, "shin_f": 75}
DEAD_BUG = {
    "arm_n": -90,
    "fore_n": -90,
    "hand_n": -90,
    "arm_f": -88,
    "fore_f": -88,
    "hand_f": -88,
    "thigh_n": -90,
    "thigh_f": -88,
    "shin_n": 0,
    "shin_f": 2,
    "foot_n": -70,
    "foot_f": -70,
}
TOP_LYING = LYING_BACK | {
    "arm_n": -90,
    "fore_n": -90,
    "hand_n": -90,
    "arm_f": 90,
    "fore_f": 90,
    "hand_f": 90,
}
SIDE_LYING_TOP = LYING_BACK | {
    "facing": -1,
    "thigh_n": 50,
    "shin_n": 140,
    "foot_n": 140,
    "thigh_f": 52,
    "shin_f": 142,
    "foot_f": 142,
    "arm_n": 90,
    "fore_n": 90,
    "hand_n": 90,
    "arm_f": 92,
    "fore_f": 92,
    "hand_f": 92,
}
CLAM = SIDE_LYING | {
    "facing": 0,
    "thigh_n": 10,
    "shin_n": 165,
    "thigh_f": 10,
    "shin_f": 165,
    "foot_n": 180,
    "foot_f": 180,
}
TABLE = Prop("table", ((84, 124), (200, 124)))
EDGE_TABLE = Prop("table", ((30, 124), (96, 124)))


def seated_at_table(**angles: float) -> Pose:
    return seated(90, **(AT_TABLE | angles))


def support_chair(x: float) -> Prop:
    """A chair with its back toward a standing person, whose hands rest on it at ``x``."""
    return Prop("chair", ((x + 34, SEAT),), size=46, facing=1)


DRAWINGS: dict[str, Drawing] = {
    # neck
    "chin-tuck": Drawing(
        "Side view of a person sitting tall on a chair, sliding the chin straight back.",
        start=seated(130, neck=-62),
        end=seated(130, neck=-100),
        arrows=(Arrow("head", "head", bend=0, offset=(4, -16)),),
        props=(chair(130),),
    ),
    "upper-trapezius-stretch": Drawing(
        "Front view of a person sitting, one hand holding the seat, tipping the head to the"
        " side with the other hand resting on the head.",
        start=front_seated(120),
        end=front_seated(120, neck=-128, arm_f=-150, fore_f=-14, hand_f=10),
        arrows=(Arrow("head", "head", bend=-0.3),),
        props=(Prop("front_chair", ((120, FRONT_SEAT),)),),
    ),
    "levator-scapulae-stretch": Drawing(
        "Side view of a person sitting, head turned and bent down toward the armpit, one hand"
        " on the back of the head.",
        start=seated(130),
        end=seated(130, neck=-25, arm_n=-100, fore_n=35, hand_n=70),
        arrows=(Arrow("head", "head", bend=-0.3, offset=(6, -6)),),
        props=(chair(130),),
    ),
    "neck-rotation": Drawing(
        "Front view of a person sitting, turning the head from one side to the other.",
        start=front_seated(120, facing=-1),
        end=front_seated(120, facing=1),
        arrows=(Arrow((104, 50), (136, 50), bend=-0.35, both_ways=True),),
        props=(Prop("front_chair", ((120, FRONT_SEAT),)),),
    ),
    # shoulder
    "doorway-chest-stretch": Drawing(
        "Side view of a person in a doorway, forearms on the door frame, stepping forward and"
        " leaning the chest through the door.",
        start=standing(112, arm_n=185, fore_n=-90, hand_n=-90, arm_f=183, fore_f=-92, hand_f=-92),
        end=pose(
            STANDING,
            "ankle_f",
            (112, STAND_AT),
            trunk=-84,
            neck=-84,
            thigh_n=75,
            shin_n=98,
            thigh_f=100,
            shin_f=100,
            arm_n=180,
            fore_n=-130,
            hand_n=-110,
            arm_f=178,
            fore_f=-132,
            hand_f=-112,
        ),
        arrows=(Arrow("shoulder", "shoulder", bend=-0.2, offset=(0, -14)),),
        props=(Prop("doorway", ((86, 0),)),),
    ),
    "band-external-rotation": Drawing(
        "Front view of a person standing, elbows bent at the sides, turning the hands outward"
        " against a band.",
        start=pose(
            FRONT,
            "ankle_n",
            (127, STAND_AT),
            view="front",
            scale={"fore": 0.45},
            fore_n=160,
            hand_n=160,
            fore_f=20,
            hand_f=20,
        ),
        end=pose(
            FRONT,
            "ankle_n",
            (127, STAND_AT),
            view="front",
            fore_n=4,
            hand_n=4,
            fore_f=176,
            hand_f=176,
            arm_n=88,
            arm_f=92,
        ),
        arrows=(
            Arrow("fingers_n", "fingers_n", bend=0.3, offset=(0, 12)),
            Arrow("fingers_f", "fingers_f", bend=-0.3, offset=(0, 12)),
        ),
        props=(Prop("band", ("wrist_n", "wrist_f")),),
    ),
    "wall-slide-shoulder-flexion": Drawing(
        "Side view of a person facing a wall, sliding one hand up the wall.",
        start=standing(140, arm_n=60, fore_n=-60, hand_n=-70),
        end=standing(140, arm_n=-55, fore_n=-72, hand_n=-85),
        arrows=(Arrow("fingers_n", "fingers_n", bend=0.15, offset=(-9, 0)),),
        props=(wall(167),),
    ),
    "cross-body-shoulder-stretch": Drawing(
        "Front view of a person standing, one arm across the chest, the other hand hugging it in"
        " at the elbow.",
        start=pose(FRONT, "ankle_n", (127, STAND_AT), view="front"),
        end=pose(
            FRONT,
            "ankle_n",
            (127, STAND_AT),
            view="front",
            arm_n=172,
            fore_n=180,
            hand_n=180,
            arm_f=100,
            fore_f=-80,
            hand_f=-60,
        ),
        arrows=(Arrow("fingers_n", "fingers_n", bend=-0.4),),
    ),
    # upper back
    "band-row": Drawing(
        "Side view of a person standing facing a post, pulling a band with the elbows going back.",
        start=standing(110, arm_n=5, fore_n=5, hand_n=5, arm_f=7, fore_f=7, hand_f=7),
        end=standing(110, arm_n=112, fore_n=-5, hand_n=-5, arm_f=114, fore_f=-3, hand_f=-3),
        arrows=(Arrow("elbow_n", "elbow_n", bend=0, offset=(0, -16)),),
        props=(Prop("post", ((200, 0),)), Prop("band", ("wrist_n", (197, 62)))),
    ),
    "thoracic-extension-chair": Drawing(
        "Side view of a person sitting, hands behind the head, bending the upper back over the"
        " top of the chair back.",
        start=seated(130, **HANDS_BEHIND_HEAD),
        end=seated(
            130,
            trunk=-92,
            chest=-122,
            neck=-135,
            arm_n=-165,
            fore_n=-5,
            hand_n=-5,
            arm_f=-160,
            fore_f=0,
            hand_f=0,
        ),
        arrows=(Arrow("head", "head", bend=-0.3, offset=(0, -8)),),
        props=(chair(130),),
    ),
    "wall-push-up-plus": Drawing(
        "Side view of a person leaning on a wall with the hands, pushing the body away until the"
        " arms are straight.",
        start=standing(
            100,
            trunk=-62,
            neck=-62,
            thigh_n=118,
            shin_n=118,
            thigh_f=118,
            shin_f=118,
            arm_n=70,
            fore_n=-62,
            hand_n=-90,
            arm_f=72,
            fore_f=-60,
            hand_f=-90,
        ),
        end=standing(
            100,
            trunk=-72,
            chest=-68,
            neck=-70,
            thigh_n=108,
            shin_n=108,
            thigh_f=108,
            shin_f=108,
            arm_n=-2,
            fore_n=-2,
            hand_n=-90,
            arm_f=0,
            fore_f=0,
            hand_f=-90,
        ),
        arrows=(Arrow("shoulder", "shoulder", bend=0, offset=(-10, -14)),),
        props=(wall(190),),
    ),
    "prone-y-raise": Drawing(
        "Side view of a person lying face down, arms reaching past the head, lifting both arms"
        " a little off the floor.",
        start=lying(
            150, LYING_FRONT, arm_n=186, fore_n=186, hand_n=186, arm_f=186, fore_f=186, hand_f=186
        ),
        end=lying(
            150,
            LYING_FRONT,
            arm_n=-160,
            fore_n=-160,
            hand_n=-160,
            arm_f=-162,
            fore_f=-162,
            hand_f=-162,
        ),
        arrows=(Arrow("fingers_n", "fingers_n", bend=-0.3, offset=(-4, 0)),),
        props=(MAT,),
    ),
    "open-book-rotation": Drawing(
        "Seen from above: a person lying on the side with knees bent, sweeping the top arm from"
        " the front over to the other side, like opening a book.",
        start=pose(SIDE_LYING_TOP, "hip", (150, 100)),
        end=pose(SIDE_LYING_TOP, "hip", (150, 100), facing=1, arm_n=-90, fore_n=-90, hand_n=-90),
        arrows=(Arrow("fingers_n", "fingers_n", bend=0.5),),
        props=(Prop("top_mat", ((50, 30), (215, 165))),),
        floor=False,
    ),
    # lower back
    "knee-to-chest-stretch": Drawing(
        "Side view of a person lying on the back, hugging both knees to the chest.",
        start=lying(130, KNEES_BENT),
        end=lying(
            130,
            KNEES_BENT,
            thigh_n=-130,
            shin_n=-5,
            foot_n=-80,
            thigh_f=-128,
            shin_f=-3,
            foot_f=-80,
            arm_n=-75,
            fore_n=-15,
            hand_n=-15,
            arm_f=-73,
            fore_f=-13,
            hand_f=-13,
        ),
        arrows=(Arrow("knee_n", "knee_n", bend=0.3, offset=(4, -8)),),
        props=(MAT,),
    ),
    "pelvic-tilt": Drawing(
        "Side view of a person lying on the back with knees bent, flattening the lower back onto"
        " the floor.",
        start=lying(130, KNEES_BENT, trunk=166, chest=193),
        end=lying(130, KNEES_BENT),
        arrows=(Arrow((100, 150), (120, 150), bend=0.25, both_ways=True),),
        props=(MAT,),
    ),
    "cat-camel": Drawing(
        "Side view of a person on hands and knees, rounding the back up, then letting it sag.",
        start=pose(HANDS_AND_KNEES, "knee_n", (100, FLOOR - 3), trunk=15, chest=-28, neck=-40),
        end=pose(HANDS_AND_KNEES, "knee_n", (100, FLOOR - 3), trunk=-35, chest=25, neck=70),
        arrows=(Arrow((126, 106), (126, 130), bend=0, both_ways=True),),
        props=(MAT,),
    ),
    "dead-bug": Drawing(
        "Side view of a person lying on the back, knees over hips and arms up, lowering one arm"
        " behind the head and straightening the opposite leg.",
        start=lying(130, LYING_BACK, **DEAD_BUG),
        end=lying(
            130,
            LYING_BACK,
            **(
                DEAD_BUG
                | {"arm_n": 190, "fore_n": 185, "hand_n": 185, "thigh_f": -12, "shin_f": -12}
            ),
        ),
        arrows=(
            Arrow("fingers_n", "fingers_n", bend=0.25),
            Arrow("ankle_f", "ankle_f", bend=-0.2),
        ),
        props=(MAT,),
    ),
    "bird-dog": Drawing(
        "Side view of a person on hands and knees, reaching one arm forward and the opposite"
        " leg back.",
        start=pose(HANDS_AND_KNEES, "knee_n", (100, FLOOR - 3)),
        end=pose(
            HANDS_AND_KNEES,
            "knee_n",
            (100, FLOOR - 3),
            arm_n=-8,
            fore_n=-8,
            hand_n=-8,
            thigh_f=184,
            shin_f=184,
            foot_f=200,
        ),
        arrows=(
            Arrow("fingers_n", "fingers_n", bend=0.2),
            Arrow("ankle_f", "ankle_f", bend=-0.2),
        ),
        props=(MAT,),
    ),
    "lower-trunk-rotation": Drawing(
        "Seen from above: a person lying on the back with arms out and knees bent, rolling both"
        " knees to one side.",
        start=pose(
            TOP_LYING,
            "hip",
            (130, 95),
            view="top",
            scale={"thigh": 0.7, "shin": 0.63},
            thigh_n=-3,
            shin_n=0,
            thigh_f=3,
            shin_f=0,
            foot_n=0,
            foot_f=0,
        ),
        end=pose(
            TOP_LYING,
            "hip",
            (130, 95),
            view="top",
            scale={"thigh": 0.9, "shin": 0.85},
            thigh_n=40,
            shin_n=-30,
            thigh_f=48,
            shin_f=-22,
            foot_n=0,
            foot_f=0,
        ),
        arrows=(Arrow("knee_n", "knee_n", bend=-0.35, offset=(6, 0)),),
        props=(Prop("top_mat", ((40, 40), (215, 150))),),
        floor=False,
    ),
    # pelvis and hip
    "glute-bridge": Drawing(
        "Side view of a person lying on the back with knees bent, lifting the hips.",
        start=pose(KNEES_BENT, "ankle_n", (182, FLOOR - 8)),
        end=pose(KNEES_BENT, "ankle_n", (182, FLOOR - 8), **BRIDGE),
        arrows=(Arrow("hip", "hip", bend=0, offset=(0, -12)),),
        props=(MAT,),
    ),
    "single-leg-bridge": Drawing(
        "Side view of a person lying on the back, one leg straight in line with the other thigh,"
        " lifting the hips on one leg.",
        start=pose(KNEES_BENT, "ankle_f", (182, FLOOR - 8), thigh_n=-45, shin_n=-45, foot_n=-120),
        end=pose(
            KNEES_BENT,
            "ankle_f",
            (182, FLOOR - 8),
            **(BRIDGE | {"thigh_n": -15, "shin_n": -15, "foot_n": -95}),
        ),
        arrows=(Arrow("hip", "hip", bend=0, offset=(0, -14)),),
        props=(MAT,),
    ),
    "clam-shell": Drawing(
        "A person lying on the side with hips and knees bent and feet together, lifting the top"
        " knee like a clam opening.",
        start=pose(CLAM, "hip", (140, FLOOR - 15), scale={"thigh": 0.8, "shin": 0.8}),
        end=pose(
            CLAM,
            "hip",
            (140, FLOOR - 15),
            scale={"thigh": 0.8, "shin": 0.8},
            thigh_n=-32,
            shin_n=128,
        ),
        arrows=(Arrow("knee_n", "knee_n", bend=-0.3, offset=(6, -4)),),
        props=(MAT, Prop("pillow", ((70, FLOOR - 7),), size=15)),
    ),
    "side-lying-hip-abduction": Drawing(
        "A person lying on the side, bottom knee bent, lifting the straight top leg.",
        start=pose(
            SIDE_LYING, "hip", (120, FLOOR - 15), facing=0, thigh_f=8, shin_f=172, foot_f=180
        ),
        end=pose(
            SIDE_LYING,
            "hip",
            (120, FLOOR - 15),
            facing=0,
            thigh_f=8,
            shin_f=172,
            foot_f=180,
            thigh_n=-24,
            shin_n=-24,
            foot_n=-24,
        ),
        arrows=(Arrow("ankle_n", "ankle_n", bend=-0.25, offset=(8, 0)),),
        props=(MAT, Prop("pillow", ((50, FLOOR - 7),), size=15)),
    ),
    "kneeling-hip-flexor-stretch": Drawing(
        "Side view of a person half kneeling, one foot in front, shifting the hips forward with"
        " the back upright.",
        start=pose(HALF_KNEELING, "knee_f", (100, FLOOR - 3), shin_n=92),
        end=pose(HALF_KNEELING, "knee_f", (100, FLOOR - 3), thigh_f=115, thigh_n=0, shin_n=116),
        arrows=(Arrow("hip", "hip", bend=0, offset=(-2, -16)),),
        props=(MAT,),
    ),
    "figure-four-stretch": Drawing(
        "Side view of a person lying on the back, one ankle crossed over the other knee, pulling"
        " that thigh toward the chest.",
        start=lying(120, KNEES_BENT, thigh_n=-55, shin_n=175, foot_n=-90),
        end=lying(
            120,
            KNEES_BENT,
            thigh_f=-112,
            shin_f=-12,
            foot_f=-95,
            thigh_n=-72,
            shin_n=178,
            foot_n=-90,
            arm_n=-62,
            fore_n=-25,
            hand_n=-25,
            arm_f=-60,
            fore_f=-22,
            hand_f=-22,
        ),
        arrows=(Arrow("knee_f", "knee_f", bend=0.3, offset=(6, -6)),),
        props=(MAT,),
    ),
    # thigh
    "hamstring-stretch-towel": Drawing(
        "Side view of a person lying on the back, one leg straight up with a towel looped round"
        " the foot, pulling gently.",
        start=lying(120, KNEES_BENT),
        end=lying(120, KNEES_BENT, **TOWEL_HAMSTRING),
        arrows=(Arrow("ankle_n", "ankle_n", bend=0.4),),
        props=(MAT, Prop("towel", ("wrist_n", "toe_n"))),
    ),
    "night-cramp-hamstring-stretch": Drawing(
        "Side view of a person standing with one heel on a low step, leg straight, leaning"
        " forward from the hips.",
        start=pose(STANDING, "ankle_f", (100, STAND_AT), thigh_n=56, shin_n=56, foot_n=-45),
        end=pose(
            STANDING,
            "ankle_f",
            (100, STAND_AT),
            thigh_n=56,
            shin_n=56,
            foot_n=-45,
            trunk=-52,
            chest=-48,
            neck=-40,
            arm_n=95,
            fore_n=75,
            hand_n=75,
            arm_f=97,
            fore_f=77,
            hand_f=77,
        ),
        arrows=(Arrow("head", "head", bend=-0.3, offset=(0, -8)),),
        props=(Prop("step", ((132, 0),), size=16),),
    ),
    "standing-quadriceps-stretch": Drawing(
        "Side view of a person standing and holding a chair, one knee bent with the hand holding"
        " the ankle behind.",
        start=pose(STANDING, "ankle_f", (120, STAND_AT), arm_f=55, fore_f=60, hand_f=60),
        end=pose(
            STANDING,
            "ankle_f",
            (120, STAND_AT),
            thigh_n=94,
            shin_n=-96,
            foot_n=-10,
            arm_n=101,
            fore_n=93,
            hand_n=93,
            arm_f=55,
            fore_f=60,
            hand_f=60,
        ),
        arrows=(Arrow("ankle_n", "ankle_n", bend=-0.5, offset=(-6, 0)),),
        props=(support_chair(150),),
    ),
    "straight-leg-raise": Drawing(
        "Side view of a person lying on the back, one knee bent, lifting the other leg straight.",
        start=lying(120, KNEES_BENT, thigh_n=0, shin_n=0, foot_n=-80),
        end=lying(120, KNEES_BENT, thigh_n=-32, shin_n=-32, foot_n=-112),
        arrows=(Arrow("ankle_n", "ankle_n", bend=0.3, offset=(10, 0)),),
        props=(MAT,),
    ),
    "adductor-stretch": Drawing(
        "Front view of a person sitting on the floor with the soles of the feet together, letting"
        " the knees drop out to the sides.",
        start=pose(
            FRONT,
            "hip",
            (120, FLOOR - 9),
            view="front",
            thigh_n=-45,
            shin_n=137,
            thigh_f=-135,
            shin_f=43,
            foot_n=180,
            foot_f=0,
            arm_n=100,
            fore_n=100,
            arm_f=80,
            fore_f=80,
        ),
        end=pose(
            FRONT,
            "hip",
            (120, FLOOR - 9),
            view="front",
            thigh_n=-10,
            shin_n=166,
            thigh_f=-170,
            shin_f=14,
            foot_n=180,
            foot_f=0,
            arm_n=100,
            fore_n=100,
            arm_f=80,
            fore_f=80,
        ),
        arrows=(
            Arrow("knee_n", "knee_n", bend=-0.3, offset=(4, -6)),
            Arrow("knee_f", "knee_f", bend=0.3, offset=(-4, -6)),
        ),
        props=(MAT,),
    ),
    # knee
    "quadriceps-set": Drawing(
        "Side view of a person sitting with the legs out straight and a rolled towel under one"
        " knee, pressing the knee down into the towel.",
        start=pose(LONG_SITTING, "hip", (80, FLOOR - 9), thigh_n=-6, shin_n=6),
        end=pose(LONG_SITTING, "hip", (80, FLOOR - 9)),
        arrows=(Arrow((120, 152), (120, 168), bend=0),),
        props=(MAT, Prop("roll", ((120, FLOOR - 5),), size=5)),
    ),
    "sit-to-stand": Drawing(
        "Side view of a person with arms crossed, standing up from a chair.",
        start=seated(100, **ARMS_CROSSED),
        end=standing(116, **ARMS_CROSSED),
        arrows=(Arrow("hip", "hip", bend=-0.35, offset=(0, -10)),),
        props=(chair(100),),
    ),
    "heel-slide": Drawing(
        "Side view of a person lying on the back, sliding one heel toward the bottom to bend"
        " the knee.",
        start=lying(110),
        end=lying(110, thigh_n=-55, shin_n=58, foot_n=0),
        arrows=(Arrow("ankle_n", "ankle_n", bend=0.15, offset=(0, -4)),),
        props=(MAT,),
    ),
    "step-up": Drawing(
        "Side view of a person stepping up onto a step with one foot, then standing on it.",
        start=pose(STANDING, "ankle_f", (100, STAND_AT), thigh_n=25, shin_n=94),
        end=pose(STANDING, "ankle_n", (139, FLOOR - 24), thigh_f=100, shin_f=112, foot_f=20),
        arrows=(Arrow("hip", "hip", bend=-0.3, offset=(0, -12)),),
        props=(Prop("step", ((125, 0),), size=20),),
    ),
    "soft-knee-mini-squat": Drawing(
        "Side view of a person holding a chair back, bending the knees a little with the knees"
        " over the toes.",
        start=standing(120, **SUPPORT_HANDS),
        end=standing(
            120,
            **(
                SUPPORT_HANDS
                | {
                    "trunk": -75,
                    "neck": -80,
                    "thigh_n": 62,
                    "shin_n": 105,
                    "thigh_f": 64,
                    "shin_f": 107,
                    "arm_n": 45,
                    "arm_f": 47,
                }
            ),
        ),
        arrows=(Arrow("hip", "hip", bend=0, offset=(-12, 0)),),
        props=(support_chair(162),),
    ),
    # lower leg and calf
    "calf-stretch-wall": Drawing(
        "Side view of a person with hands on a wall, one leg stepped back straight with the heel"
        " down, leaning in.",
        start=standing(160, arm_n=20, fore_n=-10, hand_n=-90, arm_f=22, fore_f=-8, hand_f=-90),
        end=pose(STANDING, "ankle_f", (160, STAND_AT), **CALF_LUNGE),
        arrows=(Arrow("ankle_n", "ankle_n", bend=-0.2, offset=(0, -6)),),
        props=(wall(207),),
    ),
    "soleus-stretch-wall": Drawing(
        "Side view of a person with hands on a wall, one foot a short step back, both heels down"
        " and both knees bent.",
        start=standing(165, arm_n=20, fore_n=-10, hand_n=-90, arm_f=22, fore_f=-8, hand_f=-90),
        end=pose(STANDING, "ankle_f", (165, STAND_AT), **SOLEUS_SQUAT),
        arrows=(Arrow("knee_n", "knee_n", bend=-0.3, offset=(-6, 0)),),
        props=(wall(213),),
    ),
    "night-cramp-calf-stretch": Drawing(
        "Side view of a person at bedtime, hands on a wall, one leg stepped back straight with"
        " the heel down, leaning in.",
        start=standing(160, arm_n=20, fore_n=-10, hand_n=-90, arm_f=22, fore_f=-8, hand_f=-90),
        end=pose(STANDING, "ankle_f", (160, STAND_AT), **CALF_LUNGE),
        arrows=(Arrow("ankle_n", "ankle_n", bend=-0.2, offset=(0, -6)),),
        props=(wall(207),),
    ),
    "heel-raise-calf-pump": Drawing(
        "Side view of a person holding a chair back, rising up onto the toes and down again.",
        start=standing(120, **SUPPORT_HANDS),
        end=pose(STANDING, "toe_n", (133, STAND_AT), **(SUPPORT_HANDS | ON_TOES)),
        arrows=(Arrow((104, FLOOR - 2), (104, FLOOR - 22), bend=0, both_ways=True),),
        props=(support_chair(162),),
    ),
    "single-leg-heel-raise": Drawing(
        "Side view of a person standing on one leg holding a chair back, rising up onto the toes.",
        start=standing(120, thigh_f=100, shin_f=150, foot_f=160, **SUPPORT_HANDS),
        end=pose(
            STANDING,
            "toe_n",
            (133, STAND_AT),
            thigh_f=100,
            shin_f=150,
            **(SUPPORT_HANDS | {"foot_n": 40, "foot_f": 160}),
        ),
        arrows=(Arrow("heel_n", "heel_n", bend=0, offset=(-10, 0)),),
        props=(support_chair(162),),
    ),
    "claudication-walking": Drawing(
        "Side view of a person walking at a good pace; walk until the leg pain is moderate to"
        " strong, rest until it goes, then walk again.",
        start=standing(70, WALKING),
        end=standing(170, WALKING),
        arrows=(Arrow((90, 18), (150, 18), bend=0),),
    ),
    # ankle and foot
    "ankle-pumps": Drawing(
        "Side view of a person sitting with the legs out, pulling the feet up and pointing them"
        " away.",
        start=pose(LONG_SITTING, "hip", (80, FLOOR - 9)),
        end=pose(LONG_SITTING, "hip", (80, FLOOR - 9), foot_n=10, foot_f=10),
        arrows=(Arrow("toe_n", "toe_n", bend=-0.45, offset=(8, -2), both_ways=True),),
        props=(MAT,),
    ),
    "ankle-circles": Drawing(
        "Side view of a person sitting on a chair, one foot lifted, drawing circles with the toes.",
        end=seated(110, thigh_n=-14, shin_n=38, foot_n=-20),
        props=(chair(110), Prop("circle_arrow", ("toe_n",), size=11)),
    ),
    "towel-scrunch": Drawing(
        "Side view of a person sitting on a chair with a bare foot on a towel, curling the toes"
        " to pull the towel in.",
        end=seated(110, foot_n=8),
        arrows=(Arrow((174, 172), (148, 172), bend=0),),
        props=(
            chair(110),
            Prop(
                "towel",
                (
                    (120, 187),
                    (140, 187),
                    (144, 182),
                    (148, 187),
                    (152, 182),
                    (156, 187),
                    (178, 187),
                ),
            ),
        ),
    ),
    "single-leg-balance": Drawing(
        "Side view of a person standing on one leg next to a worktop, hand just above it.",
        start=standing(120, arm_n=40, fore_n=20, hand_n=20),
        end=standing(120, arm_n=40, fore_n=20, hand_n=20, thigh_f=100, shin_f=150, foot_f=170),
        arrows=(Arrow("ankle_f", "ankle_f", bend=0.3, offset=(-8, 0)),),
        props=(Prop("table", ((150, 104), (225, 104))),),
    ),
    # wrist and hand
    "wrist-flexor-stretch": Drawing(
        "Side view of a person standing, one arm straight out palm up, the other hand bending"
        " that hand and fingers down. The green line marks the palm.",
        start=standing(110, hand_n=0, palm_n=-90, **WRIST_STRETCH),
        end=standing(110, hand_n=92, palm_n=-90, **(WRIST_STRETCH | {"fore_f": -8, "hand_f": 10})),
        arrows=(Arrow("fingers_n", "fingers_n", bend=-0.4, offset=(6, 0)),),
    ),
    "wrist-extensor-stretch": Drawing(
        "Side view of a person standing, one arm straight out palm down, the other hand pressing"
        " the back of the hand down. The green line marks the palm.",
        start=standing(110, hand_n=0, palm_n=90, **WRIST_STRETCH),
        end=standing(110, hand_n=92, palm_n=90, **(WRIST_STRETCH | {"fore_f": -8, "hand_f": 10})),
        arrows=(Arrow("fingers_n", "fingers_n", bend=-0.4, offset=(6, 0)),),
    ),
    "grip-squeeze": Drawing(
        "Side view of a person sitting at a table, forearm resting on it, squeezing a soft ball.",
        end=seated_at_table(hand_n=-25),
        arrows=(
            Arrow((116, 104), (107, 111), bend=0),
            Arrow((116, 128), (107, 121), bend=0),
        ),
        props=(chair(90), TABLE, Prop("ball", ((101, 116),), size=6)),
    ),
    "wrist-bend-and-lift": Drawing(
        "Side view of a person sitting at a table, forearm resting on it with the hand over the"
        " edge, letting the hand drop and then lifting it up.",
        start=seated_at_table(hand_n=75),
        end=seated_at_table(hand_n=-60),
        arrows=(Arrow("fingers_n", "fingers_n", bend=-0.45, offset=(6, 0), both_ways=True),),
        props=(chair(90), EDGE_TABLE),
    ),
    # whole body
    "relaxed-breathing": Drawing(
        "Side view of a person sitting relaxed in a chair, breathing slowly in and out.",
        end=seated(110, trunk=-95, neck=-92),
        arrows=(Arrow((92, 118), (108, 118), bend=0, both_ways=True),),
        props=(chair(110),),
    ),
    "progressive-muscle-relaxation": Drawing(
        "Side view of a person lying on the back with a pillow under the head, tensing and then"
        " letting go of the muscles.",
        start=lying(130, arm_n=-12, fore_n=-12, hand_n=-12, foot_n=-20, foot_f=-20),
        end=lying(130, foot_n=-55, foot_f=-55),
        arrows=(Arrow("fingers_n", "fingers_n", bend=0.3, offset=(0, -4)),),
        props=(MAT, Prop("pillow", ((60, FLOOR - 6),), size=16)),
    ),
    "walking-programme": Drawing(
        "Side view of a person walking at a pace that makes them breathe faster but still able"
        " to talk.",
        start=standing(70, WALKING),
        end=standing(170, WALKING),
        arrows=(Arrow((90, 18), (150, 18), bend=0),),
    ),
    "seated-movement-break": Drawing(
        "Side view of a person standing up from a desk chair and marching on the spot.",
        start=seated(100),
        end=pose(
            STANDING,
            "ankle_f",
            (118, STAND_AT),
            thigh_n=-15,
            shin_n=75,
            foot_n=10,
            arm_n=70,
            fore_n=20,
            arm_f=110,
            fore_f=100,
        ),
        arrows=(Arrow("hip", "hip", bend=-0.35, offset=(0, -10)),),
        props=(chair(100),),
    ),
}


def main() -> None:
    catalogue = load_seed_catalogue()
    keys = {exercise.key for exercise in catalogue.exercises}
    missing, extra = sorted(keys - DRAWINGS.keys()), sorted(DRAWINGS.keys() - keys)
    if extra:
        raise SystemExit(f"drawings for exercises that do not exist: {extra}")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for exercise in catalogue.exercises:
        if exercise.key in DRAWINGS:
            path = OUTPUT / f"{exercise.key}.svg"
            path.write_text(
                render(exercise.key, exercise.name, DRAWINGS[exercise.key]), encoding="utf-8"
            )
    if missing:
        raise SystemExit(f"no drawing for: {missing}")


if __name__ == "__main__":
    main()
