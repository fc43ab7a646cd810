"""Muscle imbalance: Oxford grades (3.1) and dynamometer force, left and right side by side, and
grip strength in kg per hand (3.1), whose asymmetry is computed (0.9)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from wtforms import FieldList, FormField, SelectField, SubmitField
from wtforms.fields.choices import SelectChoice

from practice.assessments.sections import Section, SectionInputError
from practice.assessments.sections.fields import (
    is_blank,
    measurement,
    muscle_choices,
    with_spare_rows,
)
from practice.clinical.assessment_data import (
    AssessmentData,
    GripStrength,
    OxfordModifier,
    Strength,
)
from practice.clinical.catalogues import MUSCLE_GROUPS
from practice.clinical.vocabulary import Side
from practice.forms import Form, RowForm

GRADES = [SelectChoice("", "—")] + [SelectChoice(str(grade), f"{grade}/5") for grade in range(6)]
MODIFIERS = [SelectChoice("", " "), SelectChoice("+", "+"), SelectChoice("−", "−")]
MAX_FORCE_NEWTONS = 2000  # well above any hand-held dynamometer reading
MAX_GRIP_KG = 150  # well above any hand dynamometer reading
SIDES = (Side.LEFT, Side.RIGHT)


class StrengthRow(RowForm):
    muscle_group = SelectField(
        "Muscle group", choices=muscle_choices("Choose a muscle group"), default=""
    )
    left_grade = SelectField("Left grade", choices=GRADES, default="")
    left_modifier = SelectField("Left modifier", choices=MODIFIERS, default="")
    left_force = measurement("Left force", 0, MAX_FORCE_NEWTONS, "N")
    right_grade = SelectField("Right grade", choices=GRADES, default="")
    right_modifier = SelectField("Right modifier", choices=MODIFIERS, default="")
    right_force = measurement("Right force", 0, MAX_FORCE_NEWTONS, "N")


class StrengthForm(Form):
    rows = FieldList(FormField(StrengthRow), min_entries=3)
    grip_left_kg = measurement("Left grip", 0, MAX_GRIP_KG, "kg")
    grip_right_kg = measurement("Right grip", 0, MAX_GRIP_KG, "kg")
    add_rows = SubmitField("Save and add rows")
    submit = SubmitField("Save draft")


def load(data: AssessmentData) -> dict:
    by_muscle: dict[str, dict] = {}
    for item in data.strength:
        row = by_muscle.setdefault(item.muscle_group, {"muscle_group": item.muscle_group})
        for side in SIDES if item.side is Side.BILATERAL else (item.side,):
            row[f"{side}_grade"] = str(item.grade)
            row[f"{side}_modifier"] = str(item.modifier)
            row[f"{side}_force"] = item.force_newtons
    grip = {item.side: item.kg for item in data.grip_strength}
    return {
        "rows": with_spare_rows(list(by_muscle.values())),
        **{f"grip_{side}_kg": grip.get(side) for side in SIDES},
    }


def _side_record(row: RowForm, muscle: str, side: Side) -> Strength | None:
    grade, modifier, force = (row[f"{side}_{name}"] for name in ("grade", "modifier", "force"))
    if grade.data == "":
        if force.data is not None or modifier.data:
            grade.errors.append("Enter the Oxford grade for this side too.")
            raise SectionInputError("A force or modifier was entered without its grade.")
        return None
    try:
        return Strength(
            muscle,
            side,
            int(grade.data),
            OxfordModifier(modifier.data),
            Decimal(force.data) if force.data is not None else None,
        )
    except ValueError as error:
        grade.errors.append(str(error))
        raise SectionInputError(str(error)) from None


def apply(form: StrengthForm, data: AssessmentData) -> AssessmentData:
    records: list[Strength] = []
    problems = []
    seen: set[tuple[str, Side]] = set()
    for entry in form.rows:
        row = entry.form
        values = ("left_grade", "left_modifier", "left_force", "right_grade", "right_modifier")
        if is_blank(row, "muscle_group", *values, "right_force"):
            continue
        if not row.muscle_group.data:
            row.muscle_group.errors.append("Choose the muscle group for this row.")
            problems.append("A row has grades but no muscle group.")
            continue
        for side in SIDES:
            try:
                record = _side_record(row, row.muscle_group.data, side)
            except SectionInputError as error:
                problems.append(str(error))
                continue
            if record is None:
                continue
            if (record.muscle_group, side) in seen:
                row[f"{side}_grade"].errors.append(
                    f"{MUSCLE_GROUPS[record.muscle_group].label.capitalize()} ({side}) is "
                    "already in another row."
                )
                problems.append("A muscle group and side is in two rows.")
                continue
            seen.add((record.muscle_group, side))
            records.append(record)
    if problems:
        raise SectionInputError(
            "Nothing was saved: some rows need attention, see the messages in the table."
        )
    grip = tuple(
        GripStrength(side, Decimal(form[f"grip_{side}_kg"].data))
        for side in SIDES
        if form[f"grip_{side}_kg"].data is not None
    )
    return dataclasses.replace(data, strength=tuple(records), grip_strength=grip)


SECTION = Section(
    key="strength",
    title="Muscle imbalance",
    form_class=StrengthForm,
    load=load,
    apply=apply,
    template="assessments/sections/strength.html",
)
