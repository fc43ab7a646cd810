"""Flexibility and range of motion: joint ROM (4.1, 4.2) and the muscle-length tests (4.3).

Range is recorded by the neutral-zero method (4.1) in whole degrees, with the instrument, and
per side the end-feel and the symptom response at end of range (4.1, 1.3). A negative value
means the joint stops short of neutral zero, e.g. a knee that lacks 10° of extension is "knee
extension −10"; the findings compare it with the normal of 0°
(``findings._range_of_motion_finding``).

Movements and tests without a side (flexion and extension of the spine, sit-and-reach, the
Beighton score) have fixed rows of their own with a single value, so the side-by-side rows only
ever offer things that have a left and a right.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal
from typing import ClassVar

from wtforms import (
    BooleanField,
    DecimalField,
    Field,
    FieldList,
    FormField,
    HiddenField,
    SelectField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from practice.assessments.sections import Section, SectionInputError
from practice.assessments.sections.fields import (
    is_blank,
    muscle_choices,
    select,
    whole_number,
    with_spare_rows,
)
from practice.clinical.assessment_data import (
    BEIGHTON_MANOEUVRES,
    BEIGHTON_RANGE,
    AssessmentData,
    BeightonItem,
    EndFeel,
    RangeOfMotion,
    RomInstrument,
    SpecialTest,
)
from practice.clinical.catalogues import (
    JOINT_MOVEMENTS,
    MUSCLE_GROUPS,
    SPECIAL_TESTS,
    SpecialTestDefinition,
)
from practice.clinical.labels import label
from practice.clinical.reference import RomNormal
from practice.clinical.vocabulary import Side
from practice.forms import Form, RowForm
from practice.reference import clinical_reference

MIN_DEGREES, MAX_DEGREES = -90, 200
"""Whole degrees from a quarter turn short of neutral zero to beyond the largest normal of 4.2
(180°): anything outside is a typing slip, not a joint."""

MIN_CM, MAX_CM = -100, 100
"""Sit-and-reach centimetres relative to the toes, negative short of them (4.3); the bounds only
catch typing slips."""

SIDES = (Side.LEFT, Side.RIGHT)
MIDLINE_MOVEMENTS = [code for code, movement in JOINT_MOVEMENTS.items() if not movement.sided]
WHOLE_BODY_TESTS = [code for code, test in SPECIAL_TESTS.items() if not test.sided]
RESULTS = [
    SelectChoice("", "Not tested"),
    SelectChoice("positive", "Positive"),
    SelectChoice("negative", "Negative"),
]
UNIT_SYMBOLS = {"degrees": "°", "cm": "cm", "points": "points"}
END_FEELS = [
    SelectChoice("", "—"),
    SelectChoice(EndFeel.SOFT_TISSUE.value, "Soft-tissue"),
    SelectChoice(EndFeel.CAPSULAR.value, "Joint/capsular"),
    SelectChoice(EndFeel.BONY.value, "Bony"),
    SelectChoice(EndFeel.EMPTY.value, "Empty"),
]
END_RANGE = {
    "none": (False, False),
    "pain": (True, False),
    "pain_complaint": (True, True),
    "complaint": (False, True),
}
"""The symptom response at end of range (4.1): pain at end of range, reproduction of the
complaint, as one choice per side."""
END_RANGE_CHOICES = [
    SelectChoice("", "—"),
    SelectChoice("none", "No symptoms"),
    SelectChoice("pain", "Pain"),
    SelectChoice("pain_complaint", "Pain, reproduces complaint"),
    SelectChoice("complaint", "Reproduces complaint, no pain"),
]
LIMITS: Mapping[str, tuple[int, int, bool]] = {
    "degrees": (MIN_DEGREES, MAX_DEGREES, True),
    "cm": (MIN_CM, MAX_CM, False),
    "points": (BEIGHTON_RANGE.start, BEIGHTON_RANGE.stop - 1, True),  # the Beighton score
}
"""Per unit of a test's measured value: lowest, highest, and whether it is a whole number."""


def _degrees(label_text: str):
    return whole_number(label_text, MIN_DEGREES, MAX_DEGREES, "Degrees")


def _movement_choices() -> list[SelectChoice]:
    """The sided movements, grouped by region in the catalogue's head-to-foot order."""
    return [SelectChoice("", "Choose a movement")] + [
        SelectChoice(code, movement.label.capitalize(), optgroup=label(movement.region))
        for code, movement in JOINT_MOVEMENTS.items()
        if movement.sided
    ]


def _test_choices() -> list[SelectChoice]:
    return [SelectChoice("", "Choose a test")] + [
        SelectChoice(code, f"{test.label.capitalize()} ({test.unit})")
        for code, test in SPECIAL_TESTS.items()
        if test.sided
    ]


def _component_choices() -> list[SelectChoice]:
    return [SelectChoice("", "—")] + [
        SelectChoice(
            component,
            MUSCLE_GROUPS[muscle].label.capitalize(),
            optgroup=test.label.capitalize(),
        )
        for test in SPECIAL_TESTS.values()
        for component, muscle in test.components.items()
    ]


def _value(label_text: str) -> DecimalField:
    """A measured value whose limits depend on the test's unit, so they are checked in apply."""
    return DecimalField(label_text, places=None, validators=[Optional()])


def _end_feel(label_text: str) -> SelectField:
    return SelectField(label_text, choices=END_FEELS, default="")


def _end_range(label_text: str) -> SelectField:
    return SelectField(label_text, choices=END_RANGE_CHOICES, default="")


class MidlineRomRow(RowForm):
    movement = HiddenField()
    active = _degrees("Active")
    passive = _degrees("Passive")
    end_feel = _end_feel("End-feel")
    end_range = _end_range("At end of range")
    instrument = select("Instrument", RomInstrument)


class RomRow(RowForm):
    movement = SelectField("Movement", choices=_movement_choices(), default="")
    left_active = _degrees("Left active")
    left_passive = _degrees("Left passive")
    left_end_feel = _end_feel("Left end-feel")
    left_end_range = _end_range("Left, at end of range")
    right_active = _degrees("Right active")
    right_passive = _degrees("Right passive")
    right_end_feel = _end_feel("Right end-feel")
    right_end_range = _end_range("Right, at end of range")
    instrument = select("Instrument", RomInstrument)


class BeightonItems(RowForm):
    """The nine points of the Beighton score (4.3), ticked when present."""


for _item, _text in BEIGHTON_MANOEUVRES.items():
    setattr(BeightonItems, _item.value, BooleanField(_text[:1].upper() + _text[1:]))


class WholeBodyTestRow(RowForm):
    test = HiddenField()
    result = SelectField("Result", choices=RESULTS, default="")
    value = _value("Measured value")
    itemised = BooleanField("Scored item by item")
    items = FormField(BeightonItems)


class SpecialTestRow(RowForm):
    test = SelectField("Test", choices=_test_choices(), default="")
    component = SelectField("Part of the test", choices=_component_choices(), default="")
    muscle_group = SelectField("Muscle group", choices=muscle_choices("—"), default="")
    left_result = SelectField("Left result", choices=RESULTS, default="")
    left_value = _value("Left measured value")
    left_radicular = BooleanField("Left leg pain reproduced")
    right_result = SelectField("Right result", choices=RESULTS, default="")
    right_value = _value("Right measured value")
    right_radicular = BooleanField("Right leg pain reproduced")


class MobilityForm(Form):
    midline = FieldList(FormField(MidlineRomRow))
    rom = FieldList(FormField(RomRow), min_entries=3)
    whole_body_tests = FieldList(FormField(WholeBodyTestRow))
    tests = FieldList(FormField(SpecialTestRow), min_entries=3)
    add_rows = SubmitField("Save and add rows")
    submit = SubmitField("Save draft")

    movement_labels: ClassVar[Mapping[str, str]] = {
        code: item.label.capitalize() for code, item in JOINT_MOVEMENTS.items()
    }
    test_labels: ClassVar[Mapping[str, str]] = {
        code: test.label.capitalize() for code, test in SPECIAL_TESTS.items()
    }
    test_units: ClassVar[Mapping[str, str]] = {
        code: UNIT_SYMBOLS.get(test.unit or "", test.unit or "")
        for code, test in SPECIAL_TESTS.items()
    }

    @property
    def rom_normals(self) -> Mapping[str, RomNormal]:
        """The clinic's normal ROM (4.2), shown beside each row as reference."""
        return clinical_reference().rom_normals

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        fixed = [
            (self.midline, [row.form.movement.data for row in self.midline], MIDLINE_MOVEMENTS),
            (
                self.whole_body_tests,
                [row.form.test.data for row in self.whole_body_tests],
                WHOLE_BODY_TESTS,
            ),
        ]
        for field_list, codes, expected in fixed:
            if sorted(codes) != sorted(expected):
                field_list.errors.append("The list of fixed rows was altered; reload the page.")
                valid = False
        return valid


# Loading -----------------------------------------------------------------------------------


def load(data: AssessmentData) -> dict:
    midline = {
        item.movement: item for item in data.range_of_motion if item.side is Side.NOT_APPLICABLE
    }
    by_movement: dict[str, dict] = {}
    for item in data.range_of_motion:
        if item.side is Side.NOT_APPLICABLE:
            continue
        row = by_movement.setdefault(item.movement, {"movement": item.movement})
        for side in SIDES if item.side is Side.BILATERAL else (item.side,):
            row[f"{side}_active"] = item.active_degrees
            row[f"{side}_passive"] = item.passive_degrees
            row[f"{side}_end_feel"] = item.end_feel or ""
            row[f"{side}_end_range"] = _end_range_code(item)
        if item.instrument:
            row["instrument"] = item.instrument.value
    rom = list(by_movement.values())

    whole_body = {
        item.test: item for item in data.special_tests if item.side is Side.NOT_APPLICABLE
    }
    tests: list[dict] = []
    for item in data.special_tests:
        if item.side is not Side.NOT_APPLICABLE:
            _place_test(tests, item)

    return {
        "midline": [_midline_row(code, midline.get(code)) for code in MIDLINE_MOVEMENTS],
        "rom": with_spare_rows(rom),
        "whole_body_tests": [
            _whole_body_row(code, whole_body.get(code)) for code in WHOLE_BODY_TESTS
        ],
        "tests": with_spare_rows(tests),
    }


def _place_test(rows: list[dict], item: SpecialTest) -> None:
    """Into the row of the same test (and part or muscle) whose side is still free, else a new
    row, so a test recorded twice for one side still shows (and is refused on saving)."""
    sides = SIDES if item.side is Side.BILATERAL else (item.side,)
    values = {"test": item.test, "component": item.component or ""}
    values["muscle_group"] = item.muscle_group or ""
    row = next(
        (
            row
            for row in rows
            if values.items() <= row.items() and not any(f"{side}_result" in row for side in sides)
        ),
        None,
    )
    if row is None:
        row = dict(values)
        rows.append(row)
    for side in sides:
        row[f"{side}_result"] = _result_text(item.positive)
        row[f"{side}_value"] = item.measured_value
        row[f"{side}_radicular"] = item.radicular_pain_reproduced


def _end_range_code(item: RangeOfMotion) -> str:
    answer = (item.pain_at_end_of_range, item.reproduces_complaint)
    return next((code for code, pair in END_RANGE.items() if pair == answer), "")


def _midline_row(code: str, item: RangeOfMotion | None) -> dict:
    if item is None:
        return {"movement": code}
    return {
        "movement": code,
        "active": item.active_degrees,
        "passive": item.passive_degrees,
        "end_feel": item.end_feel or "",
        "end_range": _end_range_code(item),
        "instrument": item.instrument or "",
    }


def _whole_body_row(code: str, item: SpecialTest | None) -> dict:
    if item is None:
        return {"test": code}
    row = {"test": code, "result": _result_text(item.positive), "value": item.measured_value}
    if item.beighton_items is not None:
        row["itemised"] = True
        row["items"] = dict.fromkeys(item.beighton_items, True)
    return row


def _result_text(positive: bool | None) -> str:
    return {True: "positive", False: "negative"}.get(positive, "")


# Applying ----------------------------------------------------------------------------------


class _Problems:
    """Collects row problems: each message goes next to its field, and one page message says
    nothing was saved."""

    def __init__(self) -> None:
        self.found = False

    def add(self, field: Field, message: str) -> None:
        field.errors.append(message)
        self.found = True


def apply(form: MobilityForm, data: AssessmentData) -> AssessmentData:
    problems = _Problems()
    range_of_motion = _midline_records(form, problems) + _rom_records(form, problems)
    special_tests = _whole_body_records(form, problems) + _test_records(form, problems)
    if problems.found:
        raise SectionInputError(
            "Nothing was saved: some rows need attention, see the messages in the tables."
        )
    try:
        return dataclasses.replace(
            data, range_of_motion=tuple(range_of_motion), special_tests=tuple(special_tests)
        )
    except ValueError as error:  # a safety net: the checks above should have caught it
        raise SectionInputError(str(error)) from None


def _range_record(
    movement: str,
    side: Side,
    fields: tuple[Field, Field, Field, Field],
    instrument: Field,
    problems: _Problems,
) -> RangeOfMotion | None:
    """One side's range; an end-feel or symptom response needs the range it was found at."""
    active, passive, end_feel, end_range = fields
    if active.data is None:
        if passive.data is not None:
            problems.add(active, "Enter the active range too: it is compared with normal.")
        for field in (end_feel, end_range):
            if field.data:
                problems.add(
                    field,
                    "No range was measured here: enter it, or clear the end-feel and the symptoms.",
                )
        return None
    pain, complaint = END_RANGE.get(end_range.data, (None, None))
    return RangeOfMotion(
        movement,
        side,
        active.data,
        passive.data,
        end_feel=EndFeel(end_feel.data) if end_feel.data else None,
        pain_at_end_of_range=pain,
        reproduces_complaint=complaint,
        instrument=RomInstrument(instrument.data) if instrument.data else None,
    )


def _midline_records(form: MobilityForm, problems: _Problems) -> list[RangeOfMotion]:
    records = []
    for row in (entry.form for entry in form.midline):
        measured = (row.active, row.passive, row.end_feel, row.end_range)
        record = _range_record(
            row.movement.data, Side.NOT_APPLICABLE, measured, row.instrument, problems
        )
        if record:
            records.append(record)
    return records


def _rom_records(form: MobilityForm, problems: _Problems) -> list[RangeOfMotion]:
    records = []
    seen: set[tuple[str, Side]] = set()
    values = ("left_active", "left_passive", "right_active", "right_passive")
    described = ("left_end_feel", "left_end_range", "right_end_feel", "right_end_range")
    for row in (entry.form for entry in form.rom):
        if is_blank(row, "movement", *values, *described, "instrument"):
            continue
        movement = row.movement.data
        if not movement:
            problems.add(row.movement, "Choose the movement for this row.")
            continue
        if is_blank(row, *values):
            problems.add(row.movement, "Enter the range for at least one side.")
            continue
        for side in SIDES:
            measured = tuple(
                row[f"{side}_{name}"] for name in ("active", "passive", "end_feel", "end_range")
            )
            record = _range_record(movement, side, measured, row.instrument, problems)
            if record is None:
                continue
            if (movement, side) in seen:
                problems.add(
                    row[f"{side}_active"],
                    f"{JOINT_MOVEMENTS[movement].label.capitalize()} ({side}) is already in "
                    "another row.",
                )
                continue
            seen.add((movement, side))
            records.append(record)
    return records


def _checked_value(test: str, field: Field, problems: _Problems) -> Decimal | None:
    """The measured value within the limits of the test's unit, or None (with the message)."""
    value = field.data
    if value is None:
        return None
    definition = SPECIAL_TESTS[test]
    low, high, whole = LIMITS[definition.unit or "degrees"]
    if (
        not value.is_finite()
        or not low <= value <= high
        or (whole and value != value.to_integral_value())
    ):
        kind = "a whole number" if whole else "a number"
        problems.add(
            field,
            f"{definition.label.capitalize()} is measured in {definition.unit}: "
            f"{kind} from {low} to {high}.",
        )
        return None
    return value


def _test_record(
    test: str,
    side: Side,
    result: Field,
    value: Field,
    problems: _Problems,
    *,
    radicular: Field | None = None,
    component: str | None = None,
    muscle_group: str | None = None,
) -> SpecialTest | None:
    pain = bool(radicular and radicular.data)
    if radicular and pain and test != "straight_leg_raise":
        problems.add(radicular, "Leg pain reproduction is recorded on the straight leg raise.")
        return None
    if not result.data and value.data is None:
        if pain:
            problems.add(result, "Record the result or the angle of the straight leg raise.")
        return None
    measured = _checked_value(test, value, problems)
    if value.data is not None and measured is None:
        return None
    try:
        return SpecialTest(
            test=test,
            side=side,
            positive={"positive": True, "negative": False}.get(result.data),
            measured_value=measured,
            component=component,
            muscle_group=muscle_group,
            radicular_pain_reproduced=pain,
        )
    except ValueError as error:
        problems.add(result, f"{error}.")
        return None


def _whole_body_records(form: MobilityForm, problems: _Problems) -> list[SpecialTest]:
    records = []
    for row in (entry.form for entry in form.whole_body_tests):
        if row.test.data == "beighton":
            record = _beighton_record(row, problems)
        else:
            record = _test_record(
                row.test.data, Side.NOT_APPLICABLE, row.result, row.value, problems
            )
        if record:
            records.append(record)
    return records


def _beighton_record(row: RowForm, problems: _Problems) -> SpecialTest | None:
    """The Beighton score, itemised when any item is ticked or "scored item by item" is: its
    total is then the items', and a typed score that differs is refused (4.3)."""
    items = tuple(item for item in BeightonItem if row["items"][item.value].data)
    if not items and not row.itemised.data:
        return _test_record("beighton", Side.NOT_APPLICABLE, row.result, row.value, problems)
    measured = _checked_value("beighton", row.value, problems)
    if row.value.data is not None and measured is None:
        return None
    if measured is not None and measured != len(items):
        problems.add(
            row.value,
            f"The ticked items add up to {len(items)}/9, not {measured:f}: correct the items or "
            "the score.",
        )
        return None
    return SpecialTest(
        test="beighton",
        side=Side.NOT_APPLICABLE,
        positive={"positive": True, "negative": False}.get(row.result.data),
        beighton_items=items,
    )


def _test_records(form: MobilityForm, problems: _Problems) -> list[SpecialTest]:
    records = []
    seen: set[tuple] = set()
    per_side = ("left_result", "left_value", "left_radicular")
    per_side += ("right_result", "right_value", "right_radicular")
    for row in (entry.form for entry in form.tests):
        if is_blank(row, "test", "component", "muscle_group", *per_side):
            continue
        test = row.test.data
        if not test:
            problems.add(row.test, "Choose the test for this row.")
            continue
        if not _parts_are_right(row, SPECIAL_TESTS[test], problems):
            continue
        if is_blank(row, *per_side):
            problems.add(row.test, "Enter a result or a measured value for at least one side.")
            continue
        component = row.component.data or None
        muscle_group = row.muscle_group.data or None
        for side in SIDES:
            record = _test_record(
                test,
                side,
                row[f"{side}_result"],
                row[f"{side}_value"],
                problems,
                radicular=row[f"{side}_radicular"],
                component=component,
                muscle_group=muscle_group,
            )
            if record is None:
                continue
            key = (test, component, muscle_group, side)
            if key in seen:
                problems.add(
                    row[f"{side}_result"], f"This test is already recorded for the {side}."
                )
                continue
            seen.add(key)
            records.append(record)
    return records


def _parts_are_right(row: RowForm, definition: SpecialTestDefinition, problems: _Problems) -> bool:
    """A Thomas test names its part; the generic muscle-length test names its muscle."""
    name = definition.label.capitalize()
    right = True
    if definition.components and row.component.data not in definition.components:
        parts = ", ".join(MUSCLE_GROUPS[muscle].label for muscle in definition.components.values())
        problems.add(row.component, f"Choose the part of the {definition.label}: {parts}.")
        right = False
    elif not definition.components and row.component.data:
        problems.add(row.component, f"{name} has no parts: leave this blank.")
        right = False
    if definition.code == "muscle_length" and not row.muscle_group.data:
        problems.add(row.muscle_group, "Choose the muscle whose length was tested.")
        right = False
    elif definition.code != "muscle_length" and row.muscle_group.data:
        problems.add(row.muscle_group, f"{name} names its own muscle: leave this blank.")
        right = False
    return right


SECTION = Section(
    key="mobility",
    title="Flexibility and range of motion",
    form_class=MobilityForm,
    load=load,
    apply=apply,
    template="assessments/sections/mobility.html",
)
