"""Which drawing a plan item prints: an exercise done on the left shows the mirrored drawing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from practice.clinical.vocabulary import ExerciseSide


def left_variant(path: str) -> str:
    """``img/exercises/step-up.svg`` -> ``img/exercises/step-up-left.svg``."""
    drawing = PurePosixPath(path)
    return str(drawing.with_name(f"{drawing.stem}-left{drawing.suffix}"))


def illustration_for_side(path: str, side: ExerciseSide, exists: Callable[[str], bool]) -> str:
    """The drawing for a plan item done on ``side``.

    Every drawing shows the right side working; tools/draw_exercises.py writes a mirrored
    ``-left`` copy for each exercise done on one side. Right, both, alternate and not applicable
    print the drawing as it is; left prints the mirrored copy when there is one.
    """
    if side == ExerciseSide.LEFT and exists(left_variant(path)):
        return left_variant(path)
    return path
