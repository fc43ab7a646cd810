"""Draw the home-exercise illustrations in static/img/exercises/ from pose data.

Every drawing is two panels side by side, 240 x 240 each: "1 Start" and "2 End", the figure in
filled body shapes with the props it uses, the parts that work shaded, and an arrow for the
movement in the end panel. An exercise done on one side gets two files: ``<key>.svg`` with the
figure's right side working and ``<key>-left.svg`` mirrored (text is never mirrored). The files are
plain SVG with a <title> and <desc>, a viewBox, no scripts, fonts or references to anything else,
and the same bytes on every run.

The poses are in tools/exercise_poses.py, the body in tools/exercise_figure.py and the props in
tools/exercise_props.py. Run from the repository root after adding or renaming an exercise:

    .venv/bin/python tools/draw_exercises.py [--out DIRECTORY]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from xml.sax.saxutils import escape

from exercise_figure import draw_figure, joints, reach, upper_body
from exercise_poses import DRAWINGS, Drawing
from exercise_props import DRAW, FLOOR, Frame, prop_extent
from exercise_svg import INK, PROP_INK, Point, arrow_path, curved_arrow, fmt, paint, polyline, rect

from practice.clinical.vocabulary import ExerciseSide
from practice.seed import load_seed_catalogue

OUTPUT = Path(__file__).resolve().parent.parent / "static" / "img" / "exercises"

PANEL = 240  # each panel is PANEL x PANEL; the drawing is two panels wide
CONTENT = (6.0, 46.0, 228.0, 188.0)  # x, y, width, height of the picture inside a panel
MIN_FRAME_WIDTH = 150  # so a small movement is not blown up past the size of the others
CLOSE_UP_WIDTH = 100
PORTRAIT_WIDTH = 80
PANELS = (("start", "1", "Start"), ("end", "2", "End"))
GROUND_FILL = "#eceff2"
GROUND_DEPTH = 6  # the floor shown below the floor line
FRAME_MARGIN = 4  # white space kept around everything drawn, in figure units
ARROW_REACH = 6  # the arrow's halo and head stand this far off its curve
PART_WORDS = {"arm": "arm", "leg": "leg", "trunk": "back", "neck": "neck"}


def resolve(reference: str | Point, points: dict[str, Point]) -> Point:
    return points[reference] if isinstance(reference, str) else reference


def frame_around(drawing: Drawing) -> Frame:
    """One frame for both panels, so the props stand still and only the body moves."""
    extent: list[Point] = []
    for figure in (drawing.start, drawing.end):
        points = joints(figure)
        if drawing.close_up or drawing.portrait:
            extent += upper_body(figure, drawing.portrait)
            continue
        extent += reach(figure)
        for prop in drawing.props:
            extent += prop_extent(prop, [resolve(point, points) for point in prop.points])
    start_points, end_points = joints(drawing.start), joints(drawing.end)
    for arrow in drawing.arrows:
        begin, end = arrow.ends(start_points, end_points)
        for x, y in arrow_path(begin, end, arrow.bend):  # the curve, its halo and its head
            extent += [(x - ARROW_REACH, y - ARROW_REACH), (x + ARROW_REACH, y + ARROW_REACH)]
    margin = FRAME_MARGIN
    xs, ys = [x for x, _ in extent], [y for _, y in extent]
    left, right, top = min(xs) - margin, max(xs) + margin, min(ys) - margin
    bottom = FLOOR + GROUND_DEPTH if drawing.floor else max(ys) + margin
    aspect = CONTENT[2] / CONTENT[3]
    width = max(
        right - left,
        (bottom - top) * aspect,
        PORTRAIT_WIDTH
        if drawing.portrait
        else CLOSE_UP_WIDTH
        if drawing.close_up
        else MIN_FRAME_WIDTH,
    )
    height = width / aspect
    return (left + right) / 2 - width / 2, bottom - height, width, height


def scene(drawing: Drawing, panel: str, frame: Frame) -> list[str]:
    figure = drawing.start if panel == "start" else drawing.end
    points = joints(figure)
    x, y, width, height = frame
    shapes = [rect(x, y, width, height, style=paint("#ffffff"))]
    if drawing.floor:
        shapes.append(rect(x, FLOOR, width, y + height - FLOOR, style=paint(GROUND_FILL)))
        shapes.append(polyline([(x, FLOOR), (x + width, FLOOR)], paint("none", PROP_INK, 2)))
    behind = [prop for prop in drawing.props if panel in prop.panels and not prop.front]
    before = [prop for prop in drawing.props if panel in prop.panels and prop.front]
    for prop in behind:
        shapes += DRAW[prop.kind]([resolve(point, points) for point in prop.points], prop, frame)
    shapes += draw_figure(figure, drawing.working)
    for prop in before:
        shapes += DRAW[prop.kind]([resolve(point, points) for point in prop.points], prop, frame)
    if panel == "end":
        start_points = joints(drawing.start)
        for arrow in drawing.arrows:
            begin, end = arrow.ends(start_points, points)
            shapes += curved_arrow(begin, end, arrow.bend, arrow.both_ways)
    return shapes


def label(number: str, text: str, left: float) -> list[str]:
    """The panel's number and name, large, drawn outside the mirrored picture."""
    return [
        f'<circle cx="{fmt(left + 24)}" cy="24" r="18"{paint(INK)}/>',
        f'<text x="{fmt(left + 24)}" y="33" text-anchor="middle" font-family="sans-serif"'
        f' font-size="25" font-weight="bold" fill="#ffffff">{number}</text>',
        f'<text x="{fmt(left + 49)}" y="35" font-family="sans-serif" font-size="30"'
        f' font-weight="bold" fill="{INK}">{text}</text>',
    ]


def description(drawing: Drawing, side: str | None) -> str:
    names = []
    for part, word in PART_WORDS.items():
        count = sum(name.split("_")[0] == part for name in drawing.working)
        if count:
            names.append(word + ("s" if count > 1 else ""))
    single = len(names) == 1 and not names[0].endswith("s")
    verb = "works and is" if single else "work and are"
    worked = f"The {' and '.join(names)} that {verb} shaded dark"
    if side:
        worked += f"; the {side} side works"
    return (
        f"{drawing.description} Picture 1, start: {drawing.start_words} Picture 2, end:"
        f" {drawing.end_words} {worked}. The blue arrow shows the movement."
    )


def render(key: str, title: str, drawing: Drawing, side: str | None = None) -> str:
    """The SVG text: ``side`` None for an exercise with no side, else "right" or "left" (mirrored).
    Ids carry the file name so that several drawings can be inlined in one page."""
    name = f"{key}-left" if side == "left" else key
    frame = frame_around(drawing)
    scale = CONTENT[2] / frame[2]
    body = []
    for index, (panel, number, text) in enumerate(PANELS):
        left = index * PANEL
        if side == "left":  # mirrored inside its own panel
            corner = f"{fmt(left + CONTENT[0] + CONTENT[2])} {fmt(CONTENT[1])}"
            place = f"translate({corner}) scale(-{scale:.4f} {scale:.4f})"
        else:
            place = f"translate({fmt(left + CONTENT[0])} {fmt(CONTENT[1])}) scale({scale:.4f})"
        body += [
            f'<g class="panel {panel}">',
            rect(left, 0, PANEL, PANEL, style=paint("#ffffff")),
            f'<g transform="{place} translate({fmt(-frame[0])} {fmt(-frame[1])})">',
            *scene(drawing, panel, frame),
            "</g>",
            *label(number, text, left),
            "</g>",
        ]
    body.append(polyline([(PANEL, 6), (PANEL, PANEL - 6)], paint("none", "#7d8893", 1.5)))
    return svg_document(name, title, description(drawing, side), body)


def svg_document(name: str, title: str, desc: str, body: list[str]) -> str:
    width, height = 2 * PANEL, PANEL
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
            f' viewBox="0 0 {width} {height}" role="img"'
            f' aria-labelledby="{name}-title {name}-desc">',
            f'<title id="{name}-title">{escape(title)}</title>',
            f'<desc id="{name}-desc">{escape(desc)}</desc>',
            *body,
            "</svg>",
            "",
        ]
    )


def placeholder() -> str:
    """Shown when an exercise's drawing is missing: the same shape, two empty panels."""
    body = []
    for index, (panel, number, text) in enumerate(PANELS):
        left = index * PANEL
        body += [
            f'<g class="panel {panel}">',
            rect(left, 0, PANEL, PANEL, style=paint("#ffffff")),
            rect(left + 14, 52, PANEL - 28, PANEL - 66, 8, paint("#f3f5f7", "#9aa5b1", 1.5)),
            *label(number, text, left),
            "</g>",
        ]
    body.append(polyline([(PANEL, 6), (PANEL, PANEL - 6)], paint("none", "#7d8893", 1.5)))
    body.append(
        f'<text x="{PANEL}" y="152" text-anchor="middle" font-family="sans-serif"'
        f' font-size="20" fill="{INK}">No drawing yet: ask your therapist to show you</text>'
    )
    return svg_document(
        "placeholder",
        "No drawing for this exercise",
        "There is no drawing for this exercise yet; your therapist will show you the movement.",
        body,
    )


def drawings() -> dict[str, str]:
    """Every file name and its SVG text, for each exercise of the seed catalogue."""
    catalogue = load_seed_catalogue()
    keys = {exercise.key for exercise in catalogue.exercises}
    missing, extra = sorted(keys - DRAWINGS.keys()), sorted(DRAWINGS.keys() - keys)
    if missing or extra:
        raise SystemExit(f"no drawing for: {missing}; drawings of no exercise: {extra}")
    files = {"placeholder.svg": placeholder()}
    for exercise in catalogue.exercises:
        drawing = DRAWINGS[exercise.key]
        if exercise.dosage.side == ExerciseSide.NOT_APPLICABLE:
            files[f"{exercise.key}.svg"] = render(exercise.key, exercise.name, drawing)
        else:
            for side, name in (("right", exercise.key), ("left", f"{exercise.key}-left")):
                files[f"{name}.svg"] = render(exercise.key, exercise.name, drawing, side)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUTPUT, help="directory to write to")
    output = parser.parse_args().out
    output.mkdir(parents=True, exist_ok=True)
    files = drawings()
    for stale in output.glob("*.svg"):
        if stale.name not in files:
            stale.unlink()  # the drawing of a renamed or removed exercise
    for name, text in sorted(files.items()):
        (output / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
