"""The pose data of every exercise drawing: a start and an end pose, props, arrows, the parts
that work, and words for the <desc>.

Each drawing shows the figure's right side working (the near limbs ``_n`` in a side view, the
``_f`` limbs in a front view, where the figure faces the reader); draw_exercises.py mirrors it for
the left. Coordinates are those of one panel before it is framed: the floor is at FLOOR.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from exercise_figure import SEGMENT_LENGTH, Joints, Pose, joints, pose
from exercise_props import FLOOR, MAT_TOP, Prop
from exercise_svg import Point

# ---------------------------------------------------------------------------- base poses

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
SIDE_LYING = LYING_BACK | {  # seen from the front: shoulders and hips stacked, head on the arm
    "facing": 0,
    "arm_f": 182,
    "fore_f": 182,
    "hand_f": 182,
    "arm_n": 14,
    "fore_n": 4,
    "hand_n": 4,
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
class Arrow:
    """From ``start`` to ``end``: a joint of the start pose to a joint of the end pose, or fixed
    points; drawn in the end panel."""

    start: str | Point
    end: str | Point
    bend: float = 0.25  # sideways bulge as a share of the length; negative bends the other way
    offset: Point = (0, 0)
    both_ways: bool = False

    def ends(self, start_points: Joints, end_points: Joints) -> tuple[Point, Point]:
        begin = start_points[self.start] if isinstance(self.start, str) else self.start
        end = end_points[self.end] if isinstance(self.end, str) else self.end
        dx, dy = self.offset
        return (begin[0] + dx, begin[1] + dy), (end[0] + dx, end[1] + dy)


@dataclass(frozen=True)
class Drawing:
    description: str  # what the picture shows, for the <desc>
    start: Pose
    end: Pose
    start_words: str  # the start panel in words
    end_words: str
    working: tuple[str, ...]  # the parts that work or stretch: figure.PARTS
    arrows: tuple[Arrow, ...] = ()
    props: tuple[Prop, ...] = ()
    floor: bool = True
    close_up: bool = False  # frame the head, trunk and arms; the legs run off the bottom
    portrait: bool = False  # frame the head and shoulders only


# ---------------------------------------------------------------------------- seen at an angle

Vector = tuple[float, float, float]  # x to the right, y up, z toward the reader


def seen_from(elevation: float, **segments: Vector) -> tuple[dict[str, float], dict[str, float]]:
    """The angles and foreshortening of segments given as directions in space, seen by a reader
    ``elevation`` degrees above them: what is nearer the reader is drawn lower."""
    tilt = math.radians(elevation)
    angles, scale = {}, {}
    for name, (x, y, z) in segments.items():
        across, down = x, -y * math.cos(tilt) + z * math.sin(tilt)
        angles[name] = round(math.degrees(math.atan2(down, across)), 1)
        scale[name] = round(math.hypot(across, down) / math.sqrt(x * x + y * y + z * z), 3)
    return angles, scale


def turned(point: Vector, axis: Vector, degrees: float) -> Vector:
    """``point`` turned about the line from the origin along ``axis`` (right-handed)."""
    size = math.sqrt(sum(a * a for a in axis))
    kx, ky, kz = (a / size for a in axis)
    x, y, z = point
    cos, sin = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    dot = kx * x + ky * y + kz * z
    cross = (ky * z - kz * y, kz * x - kx * z, kx * y - ky * x)
    return (
        x * cos + cross[0] * sin + kx * dot * (1 - cos),
        y * cos + cross[1] * sin + ky * dot * (1 - cos),
        z * cos + cross[2] * sin + kz * dot * (1 - cos),
    )


def minus(a: Vector, b: Vector) -> Vector:
    return a[0] - b[0], a[1] - b[1], a[2] - b[2]


def bent_leg(
    side: str, hip: float, knee: float, drop: Vector = (0, 0, 0), opening: float = 0
) -> dict[str, Vector]:
    """A leg of a person lying on the side, the feet to the right: the hip bent ``hip`` degrees
    toward the reader, the knee ``knee`` degrees, then the knee lifted ``opening`` degrees about
    the line from hip to ankle (a clam opening). ``drop`` moves the knee and ankle: a top leg
    resting on the bottom one."""
    thigh, shin = SEGMENT_LENGTH["thigh"], SEGMENT_LENGTH["shin"]
    bend = math.radians(hip)
    knee_at = (thigh * math.cos(bend), drop[1] / 2, thigh * math.sin(bend))
    back = math.radians(hip - knee)
    ankle_at = (
        knee_at[0] + shin * math.cos(back),
        drop[1],
        knee_at[2] + shin * math.sin(back),
    )
    knee_at = turned(knee_at, ankle_at, -opening)
    toes = math.radians(hip - knee + 80)
    return {
        f"thigh_{side}": knee_at,
        f"shin_{side}": minus(ankle_at, knee_at),
        f"foot_{side}": (math.cos(toes), 0, math.sin(toes)),
    }


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
KNEE_ROLL = 62
FROM_THE_FEET = 48  # how far above the floor the reader looks from, at the feet


def knee_roll(roll: float) -> Pose:
    """Lying on the back seen from the feet, knees bent and rolled ``roll`` degrees to the
    figure's right (the reader's left)."""
    segments: dict[str, Vector] = {
        "trunk": (0, 0, -1),
        "neck": (0, 0.15, -1),
        "arm_n": (1, 0, 0.35),
        "fore_n": (1, 0, 0.45),
        "hand_n": (1, 0, 0.45),
        "arm_f": (-1, 0, 0.35),
        "fore_f": (-1, 0, 0.45),
        "hand_f": (-1, 0, 0.45),
    }
    for side in "nf":
        thigh = SEGMENT_LENGTH["thigh"]
        knee_at = (0, thigh * 0.9, thigh * 0.43)
        ankle_at = (knee_at[0], 0, knee_at[2] + SEGMENT_LENGTH["shin"] * 0.4)
        knee_at = turned(knee_at, ankle_at, roll)
        segments[f"thigh_{side}"] = knee_at
        segments[f"shin_{side}"] = minus(ankle_at, knee_at)
        segments[f"foot_{side}"] = (0, 0.1, 1)
    angles, scale = seen_from(FROM_THE_FEET, **segments)
    scale["chest"] = scale["trunk"]
    return pose(FRONT, "hip", (120, 118), view="feet", scale=scale, **angles)


HEAD_AT = joints(front_seated(120))["head"]
NECK_TURN = (HEAD_AT[0] + 9, HEAD_AT[1] - 17), (HEAD_AT[0] - 13, HEAD_AT[1] - 9)
HALF_KNEELING = STANDING | {"thigh_n": 90, "shin_n": 180, "foot_n": 180, "thigh_f": 0, "shin_f": 90}
HOLD_SEAT = {"arm_n": 97, "fore_n": 100, "hand_n": 95}
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
CLAM_OPENING = 68
MAT_DEPTH = 52  # the mat seen from a little above
CLAM_HIP = FLOOR - 42  # the body lies at the back of the mat, the knees come forward
CLAM_VIEW = 32  # seen a little from above, so the bent legs show and the knee opens upward
TABLE = Prop("table", ((84, 124), (140, 124)))  # inside the close-up frame
EDGE_TABLE = Prop("table", ((30, 124), (96, 124)))


def side_lying(x: float, **angles: float) -> Pose:
    """Lying on the side on a mat, seen from the front, the bottom hip at ``x``."""
    return pose(
        SIDE_LYING, "hip_f", (x, MAT_TOP - 8), view="front", scale=LEG_BENT_TOWARD_US, **angles
    )


def clam(x: float, opening: float) -> Pose:
    """Lying on the side, hips and knees bent, the top knee lifted ``opening`` degrees."""
    legs = bent_leg("f", 42, 95) | bent_leg("n", 42, 95, drop=(0, -9, 0), opening=opening)
    angles, scale = seen_from(CLAM_VIEW, **(legs | SIDE_LYING_ARMS))
    return pose(SIDE_LYING, "hip_f", (x, CLAM_HIP), view="front", scale=scale, **angles)


SIDE_LYING_ARMS: dict[str, Vector] = {  # the bottom hand by the face, the top one on the mat
    "arm_f": (-0.2, -0.3, 1),
    "fore_f": (-1, 0, 0.3),
    "hand_f": (-1, 0, 0.2),
    "arm_n": (0.15, -0.5, 0.85),
    "fore_n": (0.1, -0.9, 0.45),
    "hand_n": (0.3, -0.3, 1),
}


LEG_BENT_TOWARD_US = {"thigh": 0.85, "shin": 0.85}  # hips bent toward the reader look shorter


def seated_at_table(**angles: float) -> Pose:
    return seated(90, **(AT_TABLE | angles))


def support_chair(x: float) -> Prop:
    """A chair with its back toward a standing person, whose hands rest on it at ``x``."""
    return Prop("chair", ((x + 34, SEAT),), size=46, facing=1)


DRAWINGS: dict[str, Drawing] = {
    # neck
    "chin-tuck": Drawing(
        "Side view of a person sitting tall on a chair, sliding the chin straight back.",
        start_words="Sitting tall on a chair, head in its usual place.",
        end_words="The chin slid straight back, eyes still level.",
        working=("neck",),
        start=seated(130, neck=-62),
        end=seated(130, neck=-100),
        arrows=(Arrow("head", "head", bend=0, offset=(4, -16)),),
        props=(chair(130),),
    ),
    "upper-trapezius-stretch": Drawing(
        "Front view of a person sitting, one hand holding the seat, tipping the head to the"
        " side with the other hand resting on the head.",
        start_words="Sitting tall, one hand holding the side of the seat.",
        end_words=(
            "The head tipped away from that hand, ear toward the other shoulder, the other hand"
            " resting on the head."
        ),
        working=("neck",),
        start=front_seated(120),
        end=front_seated(120, neck=-52, arm_n=-30, fore_n=-166, hand_n=170),
        arrows=(Arrow("head", "head", bend=-0.3),),
        props=(Prop("front_chair", ((120, FRONT_SEAT),)),),
    ),
    "levator-scapulae-stretch": Drawing(
        "Side view of a person sitting, head turned and bent down toward the armpit, one hand"
        " on the back of the head.",
        start_words="Sitting tall, one hand holding the side of the seat.",
        end_words=(
            "The head turned and bent down toward the other armpit, the other hand resting on the"
            " back of the head."
        ),
        working=("neck",),
        start=seated(130, **HOLD_SEAT),
        end=seated(130, neck=-25, arm_f=-100, fore_f=35, hand_f=70, **HOLD_SEAT),
        arrows=(Arrow("head", "head", bend=-0.3, offset=(6, -6)),),
        props=(chair(130),),
    ),
    "neck-rotation": Drawing(
        "Front view of a person sitting, turning the head from facing forward to looking over"
        " one shoulder.",
        start_words="Sitting tall, looking straight ahead.",
        end_words="The head turned slowly to look over one shoulder.",
        working=("neck",),
        start=front_seated(120, face=1),
        end=front_seated(120, face=1, facing=-1),
        arrows=(Arrow(NECK_TURN[0], NECK_TURN[1], bend=0.35),),
        props=(Prop("front_chair", ((120, FRONT_SEAT),)),),
        floor=False,
        portrait=True,
    ),
    # shoulder
    "doorway-chest-stretch": Drawing(
        "Side view of a person in a doorway, forearms on the door frame, stepping forward and"
        " leaning the chest through the door.",
        start_words="Standing in a doorway, the forearm resting on the door frame.",
        end_words="One step forward, the chest leaning through the doorway.",
        working=("arm_n",),
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
        props=(Prop("doorway", ((86, 8),)),),
    ),
    "band-external-rotation": Drawing(
        "Front view of a person standing, elbows bent at the sides, turning the hands outward"
        " against a band.",
        start_words="Standing, elbows bent at the sides, a band held between the hands.",
        end_words="The hands turned outward against the band, elbows still at the sides.",
        working=("arm_n", "arm_f"),
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
        props=(Prop("band", ("wrist_n", "wrist_f"), front=True),),
    ),
    "wall-slide-shoulder-flexion": Drawing(
        "Side view of a person facing a wall, sliding one hand up the wall.",
        start_words="Standing facing a wall, the hand on the wall at chest height.",
        end_words="The hand slid up the wall as high as is comfortable.",
        working=("arm_n",),
        start=standing(140, arm_n=60, fore_n=-60, hand_n=-70),
        end=standing(140, arm_n=-55, fore_n=-72, hand_n=-85),
        arrows=(Arrow("fingers_n", "fingers_n", bend=0.15, offset=(-9, 0)),),
        props=(wall(167),),
    ),
    "cross-body-shoulder-stretch": Drawing(
        "Front view of a person standing, one arm across the chest, the other hand hugging it in"
        " at the elbow.",
        start_words="Standing, arms by the sides.",
        end_words="One arm across the chest, the other hand hugging it in at the elbow.",
        working=("arm_f",),
        start=pose(FRONT, "ankle_n", (127, STAND_AT), view="front"),
        end=pose(
            FRONT,
            "ankle_n",
            (127, STAND_AT),
            view="front",
            arm_f=8,
            fore_f=0,
            hand_f=0,
            arm_n=80,
            fore_n=-100,
            hand_n=-120,
        ),
        arrows=(Arrow("fingers_n", "fingers_n", bend=-0.4),),
    ),
    # upper back
    "band-row": Drawing(
        "Side view of a person standing facing a post, pulling a band with the elbows going back.",
        start_words="Standing facing a door, arms forward holding a band fixed to the door.",
        end_words="The elbows pulled back past the body, shoulder blades squeezed.",
        working=("arm_n", "arm_f"),
        start=standing(110, arm_n=5, fore_n=5, hand_n=5, arm_f=7, fore_f=7, hand_f=7),
        end=standing(110, arm_n=112, fore_n=-5, hand_n=-5, arm_f=114, fore_f=-3, hand_f=-3),
        arrows=(Arrow("elbow_n", "elbow_n", bend=0, offset=(0, -16)),),
        props=(Prop("door_anchor", ((202, 62),)), Prop("band", ("wrist_n", (197, 62)), front=True)),
    ),
    "thoracic-extension-chair": Drawing(
        "Side view of a person sitting, hands behind the head, bending the upper back over the"
        " top of the chair back.",
        start_words="Sitting back in a chair, hands behind the head.",
        end_words="The upper back bent back over the top of the chair.",
        working=("trunk",),
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
        start_words="Leaning on a wall with the hands, elbows bent.",
        end_words="Pushed away until the arms are straight.",
        working=("arm_n", "arm_f"),
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
        start_words="Lying face down, arms reaching past the head on the floor.",
        end_words="Both arms lifted a little off the floor.",
        working=("arm_n", "arm_f"),
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
        start_words="Lying on the side, knees bent, both arms out in front.",
        end_words="The top arm swept over to the other side, the chest turned up.",
        working=("arm_n",),
        start=pose(SIDE_LYING_TOP, "hip", (150, 100)),
        end=pose(SIDE_LYING_TOP, "hip", (150, 100), facing=1, arm_n=-90, fore_n=-90, hand_n=-90),
        arrows=(Arrow("fingers_n", "fingers_n", bend=0.5),),
        props=(Prop("top_mat", ((50, 30), (215, 165))),),
        floor=False,
    ),
    # lower back
    "knee-to-chest-stretch": Drawing(
        "Side view of a person lying on the back, hugging both knees to the chest.",
        start_words="Lying on the back, knees bent, feet on the floor.",
        end_words="Both knees hugged to the chest.",
        working=("leg_n", "leg_f"),
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
        start_words="Lying on the back, knees bent, a small gap under the lower back.",
        end_words="The lower back pressed flat onto the floor.",
        working=("trunk",),
        start=lying(130, KNEES_BENT, trunk=166, chest=193),
        end=lying(130, KNEES_BENT),
        arrows=(Arrow((100, 150), (120, 150), bend=0.25, both_ways=True),),
        props=(MAT,),
    ),
    "cat-camel": Drawing(
        "Side view of a person on hands and knees, rounding the back up, then letting it sag.",
        start_words="On hands and knees, the back rounded up.",
        end_words="The back let down to sag, the head lifted.",
        working=("trunk",),
        start=pose(HANDS_AND_KNEES, "knee_n", (100, FLOOR - 3), trunk=15, chest=-28, neck=-40),
        end=pose(HANDS_AND_KNEES, "knee_n", (100, FLOOR - 3), trunk=-35, chest=25, neck=70),
        arrows=(Arrow((126, 106), (126, 130), bend=0, both_ways=True),),
        props=(MAT,),
    ),
    "dead-bug": Drawing(
        "Side view of a person lying on the back, knees over hips and arms up, lowering one arm"
        " behind the head and straightening the opposite leg.",
        start_words="Lying on the back, knees over the hips, arms pointing up.",
        end_words="One arm lowered behind the head and the opposite leg straightened.",
        working=("arm_n", "leg_f"),
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
        start_words="On hands and knees, back flat.",
        end_words="One arm reaching forward and the opposite leg reaching back.",
        working=("arm_n", "leg_f"),
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
        "Seen from the feet: a person lying on the back with arms out and knees bent, rolling both"
        " knees down to one side.",
        start_words="Lying on the back, knees bent and together, feet flat, arms out.",
        end_words="Both knees rolled down to one side, shoulders still on the floor.",
        working=("leg_n", "leg_f"),
        start=knee_roll(0),
        end=knee_roll(KNEE_ROLL),
        arrows=(Arrow("knee_n", "knee_n", bend=-0.3, offset=(0, -10)),),
        props=(Prop("top_mat", ((66, 46), (174, 160))),),
        floor=False,
    ),
    # pelvis and hip
    "glute-bridge": Drawing(
        "Side view of a person lying on the back with knees bent, lifting the hips.",
        start_words="Lying on the back, knees bent, feet flat.",
        end_words="The hips lifted into a straight line from knees to shoulders.",
        working=("leg_n", "leg_f"),
        start=pose(KNEES_BENT, "ankle_n", (182, FLOOR - 8)),
        end=pose(KNEES_BENT, "ankle_n", (182, FLOOR - 8), **BRIDGE),
        arrows=(Arrow("hip", "hip", bend=0, offset=(0, -12)),),
        props=(MAT,),
    ),
    "single-leg-bridge": Drawing(
        "Side view of a person lying on the back, one leg straight in line with the other thigh,"
        " lifting the hips on one leg.",
        start_words="Lying on the back, one foot flat, the other leg held straight.",
        end_words="The hips lifted on the one bent leg.",
        working=("leg_n",),
        start=pose(KNEES_BENT, "ankle_n", (182, FLOOR - 8), thigh_f=-45, shin_f=-45, foot_f=-120),
        end=pose(
            KNEES_BENT,
            "ankle_n",
            (182, FLOOR - 8),
            **(BRIDGE | {"thigh_f": -15, "shin_f": -15, "foot_f": -95}),
        ),
        arrows=(Arrow("hip", "hip", bend=0, offset=(0, -14)),),
        props=(MAT,),
    ),
    "clam-shell": Drawing(
        "Front view of a person lying on the side, head on the lower arm, hips and knees bent and"
        " feet together, lifting the top knee like a clam opening.",
        start_words="Lying on the side, hips and knees bent, knees and feet together.",
        end_words="The top knee lifted, the feet still together.",
        working=("leg_n",),
        start=clam(120, opening=0),
        end=clam(120, opening=CLAM_OPENING),
        arrows=(Arrow("knee_n", "knee_n", bend=-0.35, offset=(8, -2)),),
        props=(Prop("mat", size=MAT_DEPTH), Prop("pillow", ((44, CLAM_HIP + 3),), size=16)),
    ),
    "side-lying-hip-abduction": Drawing(
        "Front view of a person lying on the side, head on the lower arm, bottom knee bent,"
        " lifting the straight top leg.",
        start_words="Lying on the side, the bottom knee bent, the top leg straight.",
        end_words="The straight top leg lifted.",
        working=("leg_n",),
        start=side_lying(120, thigh_f=22, shin_f=165, foot_f=180),
        end=side_lying(120, thigh_f=22, shin_f=165, foot_f=180, thigh_n=-24, shin_n=-24),
        arrows=(Arrow("ankle_n", "ankle_n", bend=-0.25, offset=(8, 0)),),
        props=(MAT,),
    ),
    "kneeling-hip-flexor-stretch": Drawing(
        "Side view of a person half kneeling, one foot in front, shifting the hips forward with"
        " the back upright.",
        start_words="Half kneeling on a mat, one foot in front, back upright.",
        end_words="The hips shifted forward, the back still upright.",
        working=("leg_n",),
        start=pose(HALF_KNEELING, "knee_n", (100, FLOOR - 3), shin_f=92),
        end=pose(HALF_KNEELING, "knee_n", (100, FLOOR - 3), thigh_n=115, thigh_f=0, shin_f=116),
        arrows=(Arrow("hip", "hip", bend=0, offset=(-2, -16)),),
        props=(MAT,),
    ),
    "figure-four-stretch": Drawing(
        "Side view of a person lying on the back, one ankle crossed over the other knee, pulling"
        " that thigh toward the chest.",
        start_words="Lying on the back, one ankle crossed over the other knee.",
        end_words="The lower thigh pulled toward the chest.",
        working=("leg_n",),
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
        start_words="Lying on the back, knees bent, a towel in the hands.",
        end_words="One leg held up straight with the towel round the foot.",
        working=("leg_n",),
        start=lying(120, KNEES_BENT),
        end=lying(120, KNEES_BENT, **TOWEL_HAMSTRING),
        arrows=(Arrow("ankle_n", "ankle_n", bend=0.4),),
        props=(MAT, Prop("towel", ("wrist_n", "toe_n"), panels=("end",), front=True)),
    ),
    "night-cramp-hamstring-stretch": Drawing(
        "Side view of a person standing with one heel on a low step, leg straight, leaning"
        " forward from the hips.",
        start_words="Standing with one heel on a low step, the leg straight.",
        end_words="Leaning forward from the hips, back straight.",
        working=("leg_n",),
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
        start_words="Standing, one hand on a chair back.",
        end_words="One knee bent, the hand holding the ankle behind.",
        working=("leg_n",),
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
        start_words="Lying on the back, one knee bent, the other leg straight on the floor.",
        end_words="The straight leg lifted.",
        working=("leg_n",),
        start=lying(120, KNEES_BENT, thigh_n=0, shin_n=0, foot_n=-80),
        end=lying(120, KNEES_BENT, thigh_n=-32, shin_n=-32, foot_n=-112),
        arrows=(Arrow("ankle_n", "ankle_n", bend=0.3, offset=(10, 0)),),
        props=(MAT,),
    ),
    "adductor-stretch": Drawing(
        "Front view of a person sitting on the floor with the soles of the feet together, letting"
        " the knees drop out to the sides.",
        start_words="Sitting on the floor, soles of the feet together, knees up.",
        end_words="The knees let down toward the floor.",
        working=("leg_n", "leg_f"),
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
        start_words="Sitting with the legs out, a rolled towel under one knee.",
        end_words="The knee pressed down into the towel, the leg straight.",
        working=("leg_n",),
        start=pose(LONG_SITTING, "hip", (80, FLOOR - 9), thigh_n=-6, shin_n=6),
        end=pose(LONG_SITTING, "hip", (80, FLOOR - 9)),
        arrows=(Arrow((120, 152), (120, 168), bend=0),),
        props=(MAT, Prop("roll", ((120, FLOOR - 5),), size=5)),
    ),
    "sit-to-stand": Drawing(
        "Side view of a person with arms crossed, standing up from a chair.",
        start_words="Sitting on a firm chair, arms crossed.",
        end_words="Standing up tall.",
        working=("leg_n", "leg_f"),
        start=seated(100, **ARMS_CROSSED),
        end=standing(116, **ARMS_CROSSED),
        arrows=(Arrow("hip", "hip", bend=-0.35, offset=(0, -10)),),
        props=(chair(100),),
    ),
    "heel-slide": Drawing(
        "Side view of a person lying on the back, sliding one heel toward the bottom to bend"
        " the knee.",
        start_words="Lying on the back, legs straight.",
        end_words="One heel slid toward the bottom, the knee bent.",
        working=("leg_n",),
        start=lying(110),
        end=lying(110, thigh_n=-55, shin_n=58, foot_n=0),
        arrows=(Arrow("ankle_n", "ankle_n", bend=0.15, offset=(0, -4)),),
        props=(MAT,),
    ),
    "step-up": Drawing(
        "Side view of a person stepping up onto a step with one foot, then standing on it.",
        start_words="Standing at the bottom of the stairs, one foot on the step.",
        end_words="Standing up on the step on that leg.",
        working=("leg_n",),
        start=pose(STANDING, "ankle_f", (100, STAND_AT), thigh_n=25, shin_n=94),
        end=pose(STANDING, "ankle_n", (139, FLOOR - 28), thigh_f=100, shin_f=112, foot_f=20),
        arrows=(Arrow("hip", "hip", bend=-0.3, offset=(0, -12)),),
        props=(Prop("stairs", ((125, 0),), size=24),),
    ),
    "soft-knee-mini-squat": Drawing(
        "Side view of a person holding a chair back, bending the knees a little with the knees"
        " over the toes.",
        start_words="Standing, holding a chair back.",
        end_words="The knees bent a little, over the toes.",
        working=("leg_n", "leg_f"),
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
        start_words="Standing facing a wall, hands on it.",
        end_words="One leg stepped back straight with the heel down, leaning in.",
        working=("leg_n",),
        start=standing(160, arm_n=20, fore_n=-10, hand_n=-90, arm_f=22, fore_f=-8, hand_f=-90),
        end=pose(STANDING, "ankle_f", (160, STAND_AT), **CALF_LUNGE),
        arrows=(Arrow("ankle_n", "ankle_n", bend=-0.2, offset=(0, -6)),),
        props=(wall(207),),
    ),
    "soleus-stretch-wall": Drawing(
        "Side view of a person with hands on a wall, one foot a short step back, both heels down"
        " and both knees bent.",
        start_words="Standing facing a wall, hands on it.",
        end_words="One foot a short step back, both heels down and both knees bent.",
        working=("leg_n",),
        start=standing(165, arm_n=20, fore_n=-10, hand_n=-90, arm_f=22, fore_f=-8, hand_f=-90),
        end=pose(STANDING, "ankle_f", (165, STAND_AT), **SOLEUS_SQUAT),
        arrows=(Arrow("knee_n", "knee_n", bend=-0.3, offset=(-6, 0)),),
        props=(wall(213),),
    ),
    "night-cramp-calf-stretch": Drawing(
        "Side view of a person at bedtime, hands on a wall, one leg stepped back straight with"
        " the heel down, leaning in.",
        start_words="Standing facing a wall, hands on it.",
        end_words="One leg stepped back straight with the heel down, leaning in.",
        working=("leg_n",),
        start=standing(160, arm_n=20, fore_n=-10, hand_n=-90, arm_f=22, fore_f=-8, hand_f=-90),
        end=pose(STANDING, "ankle_f", (160, STAND_AT), **CALF_LUNGE),
        arrows=(Arrow("ankle_n", "ankle_n", bend=-0.2, offset=(0, -6)),),
        props=(wall(207),),
    ),
    "heel-raise-calf-pump": Drawing(
        "Side view of a person holding a chair back, rising up onto the toes and down again.",
        start_words="Standing, holding a chair back.",
        end_words="Up on the toes.",
        working=("leg_n", "leg_f"),
        start=standing(120, **SUPPORT_HANDS),
        end=pose(STANDING, "toe_n", (133, STAND_AT), **(SUPPORT_HANDS | ON_TOES)),
        arrows=(Arrow((104, FLOOR - 2), (104, FLOOR - 22), bend=0, both_ways=True),),
        props=(support_chair(162),),
    ),
    "single-leg-heel-raise": Drawing(
        "Side view of a person standing on one leg holding a chair back, rising up onto the toes.",
        start_words="Standing on one leg, holding a chair back.",
        end_words="Up on the toes of that leg.",
        working=("leg_n",),
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
        start_words="Walking at a good pace.",
        end_words="Stopped to rest until the leg pain goes, then walking again.",
        working=("leg_n", "leg_f"),
        start=standing(70, WALKING),
        end=standing(170, WALKING),
        arrows=(Arrow((90, 18), (150, 18), bend=0),),
    ),
    # ankle and foot
    "ankle-pumps": Drawing(
        "Side view of a person sitting with the legs out, pulling the feet up and pointing them"
        " away.",
        start_words="Sitting with the legs out, feet pulled up.",
        end_words="The feet pointed away.",
        working=("leg_n", "leg_f"),
        start=pose(LONG_SITTING, "hip", (80, FLOOR - 9)),
        end=pose(LONG_SITTING, "hip", (80, FLOOR - 9), foot_n=10, foot_f=10),
        arrows=(Arrow("toe_n", "toe_n", bend=-0.45, offset=(8, -2), both_ways=True),),
        props=(MAT,),
    ),
    "ankle-circles": Drawing(
        "Side view of a person sitting on a chair, one foot lifted, drawing circles with the toes.",
        start_words="Sitting on a chair, one foot lifted.",
        end_words="The toes drawing circles in the air.",
        working=("leg_n",),
        start=seated(110, thigh_n=-14, shin_n=38, foot_n=-20),
        end=seated(110, thigh_n=-14, shin_n=38, foot_n=-20),
        props=(chair(110), Prop("circle_arrow", ("toe_n",), size=11, panels=("end",))),
    ),
    "towel-scrunch": Drawing(
        "Side view of a person sitting on a chair with a bare foot on a towel, curling the toes"
        " to pull the towel in.",
        start_words="Sitting on a chair, a bare foot flat on a towel.",
        end_words="The toes curled to pull the towel in.",
        working=("leg_n",),
        start=seated(110, foot_n=0),
        end=seated(110, foot_n=8),
        arrows=(Arrow((174, 172), (148, 172), bend=0),),
        props=(
            chair(110),
            Prop("towel", ((120, 187), (178, 187)), panels=("start",)),
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
                panels=("end",),
            ),
        ),
    ),
    "single-leg-balance": Drawing(
        "Side view of a person standing on one leg next to a worktop, hand just above it.",
        start_words="Standing next to a worktop, hand just above it.",
        end_words="Standing on one leg, the other foot lifted.",
        working=("leg_n",),
        start=standing(120, arm_n=40, fore_n=20, hand_n=20),
        end=standing(120, arm_n=40, fore_n=20, hand_n=20, thigh_f=100, shin_f=150, foot_f=170),
        arrows=(Arrow("ankle_f", "ankle_f", bend=0.3, offset=(-8, 0)),),
        props=(Prop("table", ((150, 104), (225, 104))),),
    ),
    # wrist and hand
    "wrist-flexor-stretch": Drawing(
        "Side view of a person standing, one arm straight out palm up, the other hand bending"
        " that hand and fingers down. A green strip marks the palm.",
        start_words="Standing, one arm straight out, palm up.",
        end_words="The other hand bending that hand and fingers down.",
        working=("arm_n",),
        start=standing(110, hand_n=0, palm_n=-90, **WRIST_STRETCH),
        end=standing(110, hand_n=92, palm_n=-90, **(WRIST_STRETCH | {"fore_f": -8, "hand_f": 10})),
        arrows=(Arrow("fingers_n", "fingers_n", bend=-0.4, offset=(6, 0)),),
        floor=False,
        close_up=True,
    ),
    "wrist-extensor-stretch": Drawing(
        "Side view of a person standing, one arm straight out palm down, the other hand pressing"
        " the back of the hand down. A green strip marks the palm.",
        start_words="Standing, one arm straight out, palm down.",
        end_words="The other hand pressing the back of the hand down.",
        working=("arm_n",),
        start=standing(110, hand_n=0, palm_n=90, **WRIST_STRETCH),
        end=standing(110, hand_n=92, palm_n=90, **(WRIST_STRETCH | {"fore_f": -8, "hand_f": 10})),
        arrows=(Arrow("fingers_n", "fingers_n", bend=-0.4, offset=(6, 0)),),
        floor=False,
        close_up=True,
    ),
    "grip-squeeze": Drawing(
        "Side view of a person sitting at a table, forearm resting on it, squeezing a soft ball.",
        start_words="Sitting at a table, forearm on it, a soft ball in the hand.",
        end_words="The ball squeezed hard.",
        working=("arm_n",),
        start=seated_at_table(hand_n=-5),
        end=seated_at_table(hand_n=-25),
        arrows=(
            Arrow((116, 104), (107, 111), bend=0),
            Arrow((116, 128), (107, 121), bend=0),
        ),
        props=(
            chair(90),
            TABLE,
            Prop("ball", ((101, 116),), size=7, panels=("start",)),
            Prop("ball", ((101, 116),), size=5.5, panels=("end",)),
        ),
        floor=False,
        close_up=True,
    ),
    "wrist-bend-and-lift": Drawing(
        "Side view of a person sitting at a table, forearm resting on it with the hand over the"
        " edge, letting the hand drop and then lifting it up.",
        start_words="Sitting at a table, forearm on it, the hand over the edge and dropped down.",
        end_words="The hand lifted up.",
        working=("arm_n",),
        start=seated_at_table(hand_n=75),
        end=seated_at_table(hand_n=-60),
        arrows=(Arrow("fingers_n", "fingers_n", bend=-0.45, offset=(6, 0), both_ways=True),),
        props=(chair(90), EDGE_TABLE),
        floor=False,
        close_up=True,
    ),
    # whole body
    "relaxed-breathing": Drawing(
        "Side view of a person sitting relaxed in a chair, breathing slowly in and out.",
        start_words="Sitting relaxed in a chair, breathing in slowly.",
        end_words="Breathing out slowly, shoulders loose.",
        working=("trunk",),
        start=seated(110, trunk=-93, neck=-92),
        end=seated(110, trunk=-95, neck=-92),
        arrows=(Arrow((92, 118), (108, 118), bend=0, both_ways=True),),
        props=(chair(110),),
    ),
    "progressive-muscle-relaxation": Drawing(
        "Side view of a person lying on the back with a pillow under the head, tensing and then"
        " letting go of the muscles.",
        start_words="Lying on the back, pillow under the head, the muscles tensed.",
        end_words="The muscles let go and relaxed.",
        working=("arm_n", "arm_f", "leg_n", "leg_f"),
        start=lying(130, arm_n=-12, fore_n=-12, hand_n=-12, foot_n=-20, foot_f=-20),
        end=lying(130, foot_n=-55, foot_f=-55),
        arrows=(Arrow("fingers_n", "fingers_n", bend=0.3, offset=(0, -4)),),
        props=(MAT, Prop("pillow", ((60, FLOOR - 6),), size=16)),
    ),
    "walking-programme": Drawing(
        "Side view of a person walking at a pace that makes them breathe faster but still able"
        " to talk.",
        start_words="Walking at a pace that makes the breathing faster.",
        end_words="Still walking, able to talk.",
        working=("leg_n", "leg_f"),
        start=standing(70, WALKING),
        end=standing(170, WALKING),
        arrows=(Arrow((90, 18), (150, 18), bend=0),),
    ),
    "seated-movement-break": Drawing(
        "Side view of a person standing up from a desk chair and marching on the spot.",
        start_words="Sitting at a desk chair.",
        end_words="Standing up and marching on the spot.",
        working=("leg_n", "leg_f"),
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
