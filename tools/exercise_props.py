"""The things an exercise uses, drawn around the figure: floor, mat, wall, door frame, chair, step,
table, band, towel, ball, pillow, rolled towel."""

from __future__ import annotations

from dataclasses import dataclass

from exercise_svg import (
    BALL_FILL,
    BAND_INK,
    INK,
    MAT_FILL,
    PROP_FILL,
    PROP_INK,
    TOWEL_INK,
    WALL_FILL,
    Point,
    circle,
    circling_arrow,
    ellipse,
    paint,
    polyline,
    rect,
)

FLOOR = 188
MAT_TOP = FLOOR - 5
STEP_WIDTH = 44
CHAIR_DEPTH = 34

Frame = tuple[float, float, float, float]  # x, y, width, height

FURNITURE = paint(PROP_FILL, PROP_INK, 1.6)


@dataclass(frozen=True)
class Prop:
    """A prop; each point is fixed or a joint name, taken from the pose of the panel drawn."""

    kind: str  # a key of DRAW
    points: tuple[str | Point, ...] = ()
    size: float = 0
    facing: int = 1
    panels: tuple[str, ...] = ("start", "end")
    front: bool = False  # drawn over the figure: a band or towel held in the hands


def wall(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
    """A wall face at x, its brick courses drawn so it reads as a wall in greyscale."""
    ((x, _),) = points
    top, width = frame[1] - 2, 16
    shapes = [rect(x, top, width, FLOOR - top, style=paint(WALL_FILL, PROP_INK, 1.6))]
    joints = paint("none", "#9aa3ad", 1)
    for row, y in enumerate(range(int(FLOOR) - 14, int(top), -14)):
        shapes.append(polyline([(x, y), (x + width, y)], joints))
        joint_x = x + (5 if row % 2 else 11)
        shapes.append(polyline([(joint_x, y), (joint_x, y + 14)], joints))
    return shapes


def doorway(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
    """A door frame seen from the side: the wall above the opening, the lintel and the jamb."""
    ((x, lintel),) = points
    top = frame[1] - 2
    return [
        rect(x - 8, top, 16, lintel - top, style=paint(WALL_FILL, PROP_INK, 1.6)),
        rect(x - 11, lintel - 6, 22, 8, 1.5, FURNITURE),
        rect(x - 8, lintel, 16, FLOOR - lintel, 1.5, FURNITURE),
        rect(x - 4, lintel + 6, 8, FLOOR - lintel - 12, 1, paint("none", "#b9a588", 1.2)),
    ]


def door_anchor(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
    """A closed door seen edge on, with the band's anchor at ``y``."""
    ((x, y),) = points
    top = frame[1] + 6
    return [
        rect(x - 5, top, 10, FLOOR - top, 1.5, FURNITURE),
        circle((x - 5, y), 3.4, paint(INK, INK, 1)),
    ]


def chair(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
    """A kitchen chair in profile; ``x`` is the front edge of the seat, facing right when
    ``facing`` is 1; ``size`` is the height of the back above the seat."""
    ((x, seat),) = points
    back = x - CHAIR_DEPTH * prop.facing
    left, right = min(x, back), max(x, back)
    post_x = back - 2 if prop.facing > 0 else back - 3
    return [
        rect(left + 2, seat + 4, 5, FLOOR - seat - 4, 1, FURNITURE),
        rect(right - 7, seat + 4, 5, FLOOR - seat - 4, 1, FURNITURE),
        rect(post_x, seat - prop.size, 5, prop.size, 1.5, FURNITURE),
        rect(post_x - (1 if prop.facing > 0 else 0), seat - prop.size, 6, 18, 2, FURNITURE),
        rect(left, seat, right - left, 6, 2, FURNITURE),
    ]


def front_chair(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
    """A chair seen from the front: legs, seat, and the back rising behind the sitter."""
    ((x, seat),) = points
    return [
        rect(x - 25, seat - 50, 5, 50, 1.5, FURNITURE),
        rect(x + 20, seat - 50, 5, 50, 1.5, FURNITURE),
        rect(x - 27, seat - 54, 54, 9, 2.5, FURNITURE),
        rect(x - 24, seat + 4, 5, FLOOR - seat - 4, 1, FURNITURE),
        rect(x + 19, seat + 4, 5, FLOOR - seat - 4, 1, FURNITURE),
        rect(x - 28, seat, 56, 7, 2, FURNITURE),
    ]


def step(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
    """One step of height ``size``, its front edge at ``x``."""
    ((x, _),) = points
    return [
        rect(x, FLOOR - prop.size, STEP_WIDTH, prop.size, 1.5, FURNITURE),
        rect(x, FLOOR - prop.size, STEP_WIDTH, 4, 1.5, paint(PROP_INK, PROP_INK, 1)),
    ]


def stairs(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
    """The bottom of a staircase: a step at ``x`` and the next one behind it."""
    ((x, _),) = points
    height = prop.size
    shapes = step([(x + STEP_WIDTH, 0)], Prop("step", size=height * 2), frame)
    shapes += step([(x, 0)], Prop("step", size=height), frame)
    return shapes


def table(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
    (x1, y), (x2, _) = points
    shapes = [rect(x2 - 10, y + 6, 6, FLOOR - y - 6, 1, FURNITURE)]
    if x1 > frame[0] + 4:
        shapes.append(rect(x1 + 4, y + 6, 6, FLOOR - y - 6, 1, FURNITURE))
    shapes.append(rect(x1, y, x2 - x1, 7, 2, FURNITURE))
    return shapes


def mat(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
    """A mat across the frame; ``size`` shows that much of its top, for a view from above."""
    return [
        rect(
            frame[0] + 8,
            MAT_TOP - prop.size,
            frame[2] - 16,
            FLOOR - MAT_TOP + 1 + prop.size,
            2.5,
            paint(MAT_FILL, PROP_INK, 1.4),
        )
    ]


def top_mat(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
    (x1, y1), (x2, y2) = points
    return [rect(x1, y1, x2 - x1, y2 - y1, 5, paint(MAT_FILL, PROP_INK, 1.4))]


def strap(colour: str, width: float):
    """A band or towel along its points: a dark edge under the colour, so it prints in grey."""

    def draw(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
        return [
            polyline(points, paint("none", INK, width + 2)),
            polyline(points, paint("none", colour, width)),
        ]

    return draw


def ball(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
    ((x, y),) = points
    size = prop.size
    return [
        circle((x, y), size, paint(BALL_FILL, INK, 1.4)),
        polyline(
            [(x - size * 0.7, y - size * 0.3), (x + size * 0.7, y + size * 0.3)],
            paint("none", INK, 0.9),
        ),
    ]


def pillow(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
    return [ellipse(points[0], prop.size, 5.5, paint("#f6f7f9", PROP_INK, 1.4))]


def roll(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
    """A rolled towel seen end on."""
    return [
        circle(points[0], prop.size, paint(TOWEL_INK, INK, 1.4)),
        circle(points[0], prop.size * 0.45, paint("none", "#ffffff", 1.2)),
    ]


def circle_arrow(points: list[Point], prop: Prop, frame: Frame) -> list[str]:
    return circling_arrow(points[0], prop.size)


DRAW = {
    "wall": wall,
    "doorway": doorway,
    "door_anchor": door_anchor,
    "chair": chair,
    "front_chair": front_chair,
    "step": step,
    "stairs": stairs,
    "table": table,
    "mat": mat,
    "top_mat": top_mat,
    "band": strap(BAND_INK, 3.4),
    "towel": strap(TOWEL_INK, 4.6),
    "ball": ball,
    "pillow": pillow,
    "roll": roll,
    "circle_arrow": circle_arrow,
}


def prop_extent(prop: Prop, points: list[Point]) -> list[Point]:
    """The points a prop reaches, so the picture can be framed around everything drawn."""
    if prop.kind == "chair":
        ((x, seat),) = points
        return [(x, seat), (x - CHAIR_DEPTH * prop.facing, seat - prop.size), (x, FLOOR)]
    if prop.kind == "front_chair":
        ((x, seat),) = points
        return [(x - 28, seat - 54), (x + 28, FLOOR)]
    if prop.kind == "wall":
        ((x, _),) = points
        return [(x - 4, FLOOR), (x + 18, FLOOR)]
    if prop.kind in ("doorway", "door_anchor"):
        ((x, _),) = points
        return [(x - 8, FLOOR), (x + 8, FLOOR)]
    if prop.kind == "step":
        ((x, _),) = points
        return [(x, FLOOR - prop.size), (x + STEP_WIDTH, FLOOR)]
    if prop.kind == "stairs":
        ((x, _),) = points
        return [(x, FLOOR - 2 * prop.size), (x + 2 * STEP_WIDTH, FLOOR)]
    if prop.kind == "mat":
        return []  # spans the frame chosen for the figure, its top below the body's
    if prop.kind in ("ball", "pillow", "roll", "circle_arrow"):
        ((x, y),) = points
        return [(x - prop.size - 6, y - prop.size - 6), (x + prop.size + 6, y + prop.size + 6)]
    return points
