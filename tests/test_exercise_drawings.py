"""The exercise drawings in static/img/exercises/: one per catalogue exercise (and a mirrored
``-left`` one when it is done on one side), two panels in a 480 x 240 picture, nothing that
fetches, and exactly what tools/draw_exercises.py generates."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from practice.clinical.vocabulary import ExerciseSide
from practice.handouts.illustrations import illustration_for_side, left_variant
from practice.seed import load_seed_catalogue

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "static" / "img" / "exercises"
SVG = "{http://www.w3.org/2000/svg}"
EXERCISES = load_seed_catalogue().exercises
SIDED = [exercise for exercise in EXERCISES if exercise.dosage.side != ExerciseSide.NOT_APPLICABLE]
DRAWINGS = sorted(FOLDER.glob("*.svg"))
FETCHING_ELEMENTS = {"script", "foreignObject", "image", "style", "use", "iframe", "a"}


def _tree(path: Path) -> ET.Element:
    return ET.parse(path).getroot()  # noqa: S314 -- our own files, checked for what they hold


def _attributes(root: ET.Element):
    for element in root.iter():
        for name, value in element.attrib.items():
            yield element, name.split("}")[-1], value


def test_every_exercise_has_its_drawing_and_a_left_one_when_sided():
    names = {path.name for path in DRAWINGS}
    for exercise in EXERCISES:
        assert Path(exercise.illustration).name in names, exercise.key
        assert (f"{exercise.key}-left.svg" in names) == (exercise in SIDED), exercise.key
    expected = {f"{exercise.key}.svg" for exercise in EXERCISES}
    expected |= {f"{exercise.key}-left.svg" for exercise in SIDED}
    assert names == expected | {"placeholder.svg"}  # nothing left over from renamed exercises


@pytest.mark.parametrize("path", DRAWINGS, ids=lambda path: path.stem)
def test_a_drawing_is_two_panels_in_the_agreed_shape(path):
    root = _tree(path)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 480 240"
    assert (root.get("width"), root.get("height")) == ("480", "240")
    assert root.find(f"{SVG}title").text.strip()
    assert root.find(f"{SVG}desc").text.strip()
    panels = [group.get("class") for group in root.iter(f"{SVG}g") if group.get("class")]
    assert panels == ["panel start", "panel end"]
    labels = [
        " ".join(text.text for text in panel.iter(f"{SVG}text"))
        for panel in root.iter(f"{SVG}g")
        if panel.get("class")
    ]
    if path.stem != "placeholder":
        assert labels == ["1 Start", "2 End"]


@pytest.mark.parametrize("path", DRAWINGS, ids=lambda path: path.stem)
def test_a_drawing_fetches_nothing_and_runs_nothing(path):
    root = _tree(path)
    assert not [e.tag for e in root.iter() if e.tag.removeprefix(SVG) in FETCHING_ELEMENTS]
    assert all(element.tag.startswith(SVG) for element in root.iter())  # no foreign namespace
    for element, name, value in _attributes(root):
        assert not name.lower().startswith("on"), (element.tag, name)
        assert name not in {"href", "src"}, (element.tag, name)
        assert "url(" not in value.replace(" ", "").lower(), (element.tag, name)
    assert "url(" not in path.read_text(encoding="utf-8").lower()


@pytest.mark.parametrize("exercise", SIDED, ids=lambda exercise: exercise.key)
def test_the_left_drawing_mirrors_the_pictures_and_not_the_text(exercise):
    right = _tree(FOLDER / f"{exercise.key}.svg")
    left = _tree(FOLDER / f"{exercise.key}-left.svg")
    for root, mirrored in ((right, False), (left, True)):
        pictures = [
            group.find(f"{SVG}g").get("transform")
            for group in root.iter(f"{SVG}g")
            if group.get("class")
        ]
        assert all(("scale(-" in transform) == mirrored for transform in pictures)
        parents = {child: parent for parent in root.iter() for child in parent}
        for text in root.iter(f"{SVG}text"):
            ancestor = parents[text]
            while ancestor is not root:
                assert "scale(-" not in (ancestor.get("transform") or "")
                ancestor = parents[ancestor]
    assert "the left side works" in left.find(f"{SVG}desc").text
    assert "the right side works" in right.find(f"{SVG}desc").text


def test_the_generator_reproduces_the_committed_drawings(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "draw_exercises.py"), "--out", str(tmp_path)],
        check=True,
        cwd=ROOT,
    )
    generated = {path.name: path.read_bytes() for path in tmp_path.glob("*.svg")}
    committed = {path.name: path.read_bytes() for path in DRAWINGS}
    assert sorted(generated) == sorted(committed)
    changed = [name for name in generated if generated[name] != committed[name]]
    assert changed == [], "run tools/draw_exercises.py and commit the drawings"


DRAWING = "img/exercises/step-up.svg"
LEFT = "img/exercises/step-up-left.svg"


@pytest.mark.parametrize(
    ("side", "left_exists", "expected"),
    [
        (ExerciseSide.LEFT, True, LEFT),
        (ExerciseSide.LEFT, False, DRAWING),
        (ExerciseSide.RIGHT, True, DRAWING),
        (ExerciseSide.BOTH, True, DRAWING),
        (ExerciseSide.ALTERNATE, True, DRAWING),
        (ExerciseSide.NOT_APPLICABLE, True, DRAWING),
    ],
)
def test_the_drawing_follows_the_side_of_the_plan(side, left_exists, expected):
    available = {DRAWING, LEFT} if left_exists else {DRAWING}
    assert illustration_for_side(DRAWING, side, available.__contains__) == expected


def test_the_left_variant_keeps_the_folder_and_suffix():
    assert left_variant("img/exercises/clam-shell.svg") == "img/exercises/clam-shell-left.svg"


def test_the_handout_prints_the_mirrored_drawing_for_a_left_side(app):
    from practice.handouts.services import PLACEHOLDER_ILLUSTRATION, _illustration

    sided = SIDED[0].illustration
    unsided = next(e for e in EXERCISES if e not in SIDED).illustration
    with app.app_context():
        assert _illustration(sided, ExerciseSide.LEFT) == left_variant(sided)
        assert _illustration(sided, ExerciseSide.RIGHT) == sided
        assert _illustration(unsided, ExerciseSide.LEFT) == unsided
        assert _illustration("img/exercises/gone.svg", ExerciseSide.LEFT) == (
            PLACEHOLDER_ILLUSTRATION
        )
        assert _illustration(None, ExerciseSide.BOTH) == PLACEHOLDER_ILLUSTRATION
