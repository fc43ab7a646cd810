"""The drawn person: a skeleton from pose angles, dressed in filled body shapes.

A pose is a set of absolute segment angles in degrees (0 points right, 90 points down) and one
anchor joint placed at a point; the skeleton is built outward from the hip. In a side view the
figure faces right (``facing`` 1) and shows its right side: the near (``_n``) limbs are the right
ones. The body is drawn far arm, far leg, trunk and head, near leg, near arm, each part outlined as
one silhouette, the parts that work in their own fill and the far limbs lighter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from exercise_svg import (
    BODY,
    FAR_BODY,
    HAIR,
    INK,
    TOWEL_INK,
    WORKING,
    Point,
    along,
    capsule,
    circle,
    direction,
    fmt,
    outlined,
    paint,
)

SEGMENT_LENGTH = {
    "trunk": 27,  # hip to mid-back
    "chest": 29,  # mid-back to the base of the neck
    "neck": 8,
    "arm": 28,
    "fore": 24,
    "hand": 10,
    "thigh": 41,
    "shin": 39,
    "foot": 14,
}
HEAD_RADIUS = 10.5
SHOULDER_HALF_WIDTH = 15  # front and top views only
HIP_HALF_WIDTH = 8

# radius at each end of a segment: human proportions, tapering toward hands and feet
RADIUS = {
    "arm": (5.2, 4),
    "fore": (4, 3),
    "hand": (3, 2.2),
    "thigh": (7.6, 5.4),
    "shin": (5.4, 3.6),
    "foot": (3.6, 2.4),
}
TRUNK_RADIUS = {"side": (11, 9.5, 10.5), "wide": (13, 11.5, 12)}  # hip, waist, chest

LIMBS = {
    "arm": ("shoulder", "elbow", "wrist", "fingers"),
    "leg": ("hip", "knee", "ankle", "toe"),
}
SEGMENTS = {"arm": ("arm", "fore", "hand"), "leg": ("thigh", "shin", "foot")}
PARTS = ("arm_n", "arm_f", "leg_n", "leg_f", "trunk", "neck")


@dataclass(frozen=True)
class Pose:
    angles: dict[str, float]
    anchor: str  # the joint placed at ``at``
    at: Point
    view: str = "side"  # "front", "top" and "feet" views draw the shoulders and hips wide
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


Joints = dict[str, Point]


def joints(figure: Pose) -> Joints:
    """Forward kinematics from the hip, then moved so the anchor joint sits at ``at``."""
    angles = {"chest": figure.angles["trunk"]} | figure.angles

    def length(segment: str, side: str = "") -> float:
        """A segment's drawn length: ``scale`` may foreshorten one side's (``thigh_n``) or both."""
        share = figure.scale.get(f"{segment}_{side}", figure.scale.get(segment, 1.0))
        return SEGMENT_LENGTH[segment] * share

    wide = figure.view != "side"
    across = direction(angles["chest"] + 90)
    hip_across = direction(angles["trunk"] + 90)
    points: Joints = {"hip": (0.0, 0.0)}
    points["mid"] = along(points["hip"], angles["trunk"], length("trunk"))
    points["shoulder"] = along(points["mid"], angles["chest"], length("chest"))
    points["chest"] = along(points["shoulder"], angles["chest"] + 180, 7)
    points["neck"] = along(points["shoulder"], angles["neck"], length("neck"))
    points["head"] = along(points["neck"], angles["neck"], HEAD_RADIUS - 2)
    for side, sign in (("n", 1), ("f", -1)):
        shoulder_offset = SHOULDER_HALF_WIDTH * sign if wide else 0
        hip_offset = HIP_HALF_WIDTH * sign if wide else 0
        points[f"shoulder_{side}"] = (
            points["shoulder"][0] + across[0] * shoulder_offset,
            points["shoulder"][1] + across[1] * shoulder_offset,
        )
        points[f"hip_{side}"] = (
            points["hip"][0] + hip_across[0] * hip_offset,
            points["hip"][1] + hip_across[1] * hip_offset,
        )
        for limb, names in LIMBS.items():
            for (begin, end), segment in zip(pairwise(names), SEGMENTS[limb], strict=True):
                points[f"{end}_{side}"] = along(
                    points[f"{begin}_{side}"], angles[f"{segment}_{side}"], length(segment, side)
                )
        points[f"heel_{side}"] = along(points[f"ankle_{side}"], angles[f"foot_{side}"] + 180, 3)
    ax, ay = points[figure.anchor]
    dx, dy = figure.at[0] - ax, figure.at[1] - ay
    return {name: (x + dx, y + dy) for name, (x, y) in points.items()}


def limb_shapes(points: Joints, limb: str, side: str) -> list[str]:
    names = [f"{name}_{side}" for name in LIMBS[limb]]
    if limb == "leg":
        names[-1] = f"heel_{side}"  # the foot runs from the heel to the toe, past the ankle
    shapes: list[str] = []
    for (begin, end), segment in zip(pairwise(names), SEGMENTS[limb], strict=True):
        start_radius, end_radius = RADIUS[segment]
        shapes += capsule(points[begin], points[end], start_radius, end_radius)
    if limb == "leg":
        shapes += capsule(points[f"heel_{side}"], points[f"toe_{side}"], *RADIUS["foot"])
    return shapes


def trunk_shapes(points: Joints, view: str) -> list[str]:
    hip, waist, chest = TRUNK_RADIUS["side" if view == "side" else "wide"]
    shapes = capsule(points["hip"], points["mid"], hip, waist)
    shapes += capsule(points["mid"], points["chest"], waist, chest)
    if view != "side":
        shapes += capsule(points["shoulder_n"], points["shoulder_f"], 6, 6)
        shapes += capsule(points["hip_n"], points["hip_f"], 8, 8)
        shapes += capsule(points["shoulder_n"], points["hip_n"], 6, 8)
        shapes += capsule(points["shoulder_f"], points["hip_f"], 6, 8)
    return shapes


def head_shapes(figure: Pose, points: Joints) -> tuple[list[str], list[str], str]:
    """The neck, the head, and the hair that with the nose shows which way the face looks."""
    neck = capsule(points["shoulder"], points["neck"], 4.8, 4.2)
    head = [circle(points["head"], HEAD_RADIUS)]
    facing = figure.angles.get("facing", 0)
    up = figure.angles["neck"]
    if not facing:  # seen from the front or above: hair on top of the head
        hair_from, hair_to = up - 62, up + 62
    else:
        nose = up + 90 * facing
        hair_from, hair_to = (nose + 115, nose + 285) if facing > 0 else (nose - 285, nose - 115)
        size = 3.4 if figure.angles.get("face") else 2.6  # a head drawn large has a clear nose
        head.append(circle(along(points["head"], nose, HEAD_RADIUS + size - 1.4), size))
    radius = HEAD_RADIUS + 0.6
    begin = along(points["head"], hair_from, radius)
    end = along(points["head"], hair_to, radius)
    hair = (
        f'<path d="M{fmt(begin[0])},{fmt(begin[1])} A{fmt(radius)},{fmt(radius)} 0 0 1'
        f' {fmt(end[0])},{fmt(end[1])} Z"{paint(HAIR)}/>'
    )
    return neck, head, hair


def face_shapes(figure: Pose, points: Joints) -> list[str]:
    """Ears and eyes for a head drawn large (``face`` in the angles): seen from the front two of
    each, in profile one eye by the nose and one ear in the middle, so a turn of the head shows."""
    centre, up = points["head"], figure.angles["neck"]
    facing = figure.angles.get("facing", 0)
    ear = paint(BODY, INK, 1.2)
    eye = paint(INK)
    if not facing:
        shapes = [
            circle(along(centre, up + side, HEAD_RADIUS - 0.5), 2.6, ear) for side in (90, -90)
        ]
        eyes = [along(along(centre, up + side, 4), up, 0.5) for side in (90, -90)]
        return shapes + [circle(point, 1.5, eye) for point in eyes]
    nose = up + 90 * facing
    return [
        circle(along(centre, nose + 180, 1.5), 2.8, ear),
        circle(along(along(centre, nose, 5.5), up, 2), 1.5, eye),
    ]


def draw_figure(figure: Pose, working: tuple[str, ...]) -> list[str]:
    """The figure, the parts in ``working`` (see PARTS) in the working fill."""
    points = joints(figure)
    side_view = figure.view == "side"

    def fill(part: str) -> str:
        if part in working:
            return WORKING
        return FAR_BODY if side_view and part.endswith("_f") else BODY

    neck, head, hair = head_shapes(figure, points)
    trunk = trunk_shapes(points, figure.view)
    if "trunk" not in working and "neck" not in working:
        body = outlined(trunk + neck + head, BODY)
    else:
        body = outlined(trunk, fill("trunk")) + outlined(neck, fill("neck")) + outlined(head, BODY)
    body.append(hair)
    if figure.angles.get("face"):
        body += face_shapes(figure, points)
    # in a side view the far limbs are behind the body; seen from the front both arms are before it
    order = ("leg_f", "leg_n", "body", "arm_f", "arm_n")
    if side_view:
        order = ("arm_f", "leg_f", "body", "leg_n", "arm_n")
    elif figure.view == "feet":  # lying seen from the feet: the bent legs are nearest
        order = ("arm_f", "arm_n", "body", "leg_n", "leg_f")
    parts: list[str] = []
    for part in order:
        if part == "body":
            parts += body
        else:
            limb, side = part.split("_")
            parts += outlined(limb_shapes(points, limb, side), fill(part))
    if "palm_n" in figure.angles:  # a green strip on the palm side of the near hand
        side = figure.angles["hand_n"] + figure.angles["palm_n"]
        wrist, fingers = points["wrist_n"], points["fingers_n"]
        parts += outlined(
            capsule(along(wrist, side, 2.6), along(fingers, side, 2), 1.6, 1.3), TOWEL_INK, 0.8
        )
    return parts


def upper_body(figure: Pose, portrait: bool = False) -> list[Point]:
    """The points a close-up frames: head, trunk and arms; or for a portrait head and shoulders."""
    points = joints(figure)
    arms = [f"{joint}_{side}" for joint in LIMBS["arm"] for side in "nf"]
    names = ["head", "shoulder", "mid", "hip", *arms]
    if portrait:
        names = ["head", "shoulder_n", "shoulder_f", "mid"]
    hx, hy = points["head"]
    margin = HEAD_RADIUS + 4
    return [points[name] for name in names] + [
        (hx - margin, hy - margin),
        (hx + margin, hy + margin),
    ]


# how far the drawn body reaches past each joint: the limb's radius and its outline
JOINT_REACH = {
    "head": HEAD_RADIUS + 5,  # the nose and the hair stand out of the circle
    "hip": 14,
    "mid": 13,
    "chest": 13,
    "shoulder": 13,
    "neck": 6,
    "elbow": 6,
    "wrist": 5,
    "fingers": 4,
    "knee": 9,
    "ankle": 6,
    "heel": 5,
    "toe": 4,
}


def reach(figure: Pose) -> list[Point]:
    """Points at the edge of the drawn body, for framing."""
    points = joints(figure)
    edge: list[Point] = []
    for name, (x, y) in points.items():
        margin = JOINT_REACH[name.split("_")[0]]
        edge += [(x - margin, y - margin), (x + margin, y + margin)]
    return edge
