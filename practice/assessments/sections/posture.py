"""Posture: every standard deviation of 2.2 looked for, graded (2.3), with its side and a note,
and the measured value where 2.2 gives one (degrees, cm or mm, with the method of 2.3).

One fixed row per deviation, like the red-flag rows of the subjective section, so a clinician
tabs down the severity lists. Only deviations seen, measured or noted are stored: an absent row
with nothing else is the default and is not kept. Below the rows: the Foot Posture Index of each
foot (FPI-6, 2.2) and the scapular distances of each side (2.1, 2.2).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal
from typing import ClassVar

from wtforms import DecimalField, FieldList, FormField, HiddenField, SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from practice.assessments.sections import Section, SectionInputError
from practice.assessments.sections.fields import (
    SIDED,
    as_bool,
    from_bool,
    measurement,
    select,
    text,
    yes_no,
)
from practice.clinical.assessment_data import (
    FPI_CRITERIA,
    FPI_CRITERION_RANGE,
    POSTURE_MEASURES,
    AssessmentData,
    FootPostureIndex,
    MeasurementMethod,
    Posture,
    ScapularDistance,
    ScapularMeasure,
)
from practice.clinical.catalogues import POSTURE_DEVIATIONS
from practice.clinical.findings import foot_posture_band
from practice.clinical.vocabulary import BodyRegion, PostureDeviation, Severity, Side
from practice.forms import Form, RowForm, choices, finite_number
from practice.reference import clinical_reference

PRESENT_NOT_GRADED = "present"
"""2.2 records some deviations (sway back) as present/absent only: stored with no severity."""

SEVERITIES = [
    SelectChoice(Severity.ABSENT.value, "Absent"),
    SelectChoice(PRESENT_NOT_GRADED, "Present, not graded"),
    *choices([Severity.MILD, Severity.MODERATE, Severity.SEVERE]),
]


MEASURE_LIMITS = {"degrees": 180, "cm": 100, "mm": 200}
"""The largest value a posture measure takes, per unit: typing slips, not clinical limits."""
UNIT_SYMBOLS = {"degrees": "°", "cm": "cm", "mm": "mm"}
FPI_SCORES = [SelectChoice("", "—")] + [
    SelectChoice(str(score), f"{score:+d}" if score else "0") for score in FPI_CRITERION_RANGE
]
MAX_SCAPULAR_CM = 50
SIDES = (Side.LEFT, Side.RIGHT)


class PostureRow(RowForm):
    deviation = HiddenField()
    severity = SelectField("Severity", choices=SEVERITIES, default=Severity.ABSENT.value)
    side = select("Side", SIDED, blank="Not applicable")
    # Limits depend on the deviation's unit, so they are checked in apply.
    measured_value = DecimalField(
        "Measured value", places=None, validators=[Optional(), finite_number]
    )
    method = select("Method", MeasurementMethod)
    rib_hump = yes_no("Rib hump on forward bending")
    note = text("Note", 200)


class FootPostureRow(RowForm):
    """The six FPI-6 criteria of one foot (2.2), named by ``FPI_CRITERIA``."""


for _code, _name in FPI_CRITERIA.items():
    setattr(
        FootPostureRow,
        _code,
        SelectField(_name[:1].upper() + _name[1:], choices=FPI_SCORES, default=""),
    )


class ScapularRow(RowForm):
    measure = HiddenField()
    left_cm = measurement("Left", 0, MAX_SCAPULAR_CM, "cm")
    right_cm = measurement("Right", 0, MAX_SCAPULAR_CM, "cm")


class PostureForm(Form):
    rows = FieldList(FormField(PostureRow))
    fpi_left = FormField(FootPostureRow)
    fpi_right = FormField(FootPostureRow)
    scapular = FieldList(FormField(ScapularRow))
    submit = SubmitField("Save draft")

    deviation_labels: ClassVar[Mapping[str, str]] = {
        deviation.value: info.label.capitalize() for deviation, info in POSTURE_DEVIATIONS.items()
    }
    measures: ClassVar[Mapping[str, tuple[str, str]]] = {
        deviation.value: (measure.name, UNIT_SYMBOLS[measure.unit])
        for deviation, measure in POSTURE_MEASURES.items()
    }
    fpi_criteria = FPI_CRITERIA
    scapular_labels: ClassVar[Mapping[str, str]] = {
        ScapularMeasure.SCAPULA_TO_SPINE.value: "Scapula to spine, standing (2.1)",
        ScapularMeasure.ACROMION_TO_TABLE.value: "Acromion to table, supine (2.2)",
    }

    def fpi_results(self, data: AssessmentData) -> list[tuple[Side, int, str]]:
        """Each saved foot's total and band (2.2), shown when the page opens."""
        reference = clinical_reference()
        return [
            (foot.side, foot.total, foot_posture_band(foot.total, reference)[0].value)
            for foot in data.foot_posture
        ]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        codes = {row.form.deviation.data for row in self.rows}
        if codes != set(self.deviation_labels):
            self.rows.errors.append("The list of deviations was altered; reload the page.")
            valid = False
        if sorted(row.form.measure.data for row in self.scapular) != sorted(ScapularMeasure):
            self.scapular.errors.append(
                "The list of scapular measures was altered; reload the page."
            )
            valid = False
        return valid


def load(data: AssessmentData) -> dict:
    """A row per deviation; a deviation recorded more than once (say, a different severity on
    each side) gets a row per record, so saving the section never drops one."""
    recorded: dict[PostureDeviation, list[Posture]] = {}
    for item in data.posture:
        recorded.setdefault(item.deviation, []).append(item)
    rows = [
        _row(deviation, item)
        for deviation in POSTURE_DEVIATIONS
        for item in recorded.get(deviation) or [None]
    ]
    feet = {foot.side: foot for foot in data.foot_posture}
    distances = {(item.measure, item.side): item.cm for item in data.scapular_distances}
    return {
        "rows": rows,
        **{
            f"fpi_{side}": dict(zip(FPI_CRITERIA, map(str, feet[side].scores), strict=True))
            for side in SIDES
            if side in feet
        },
        "scapular": [
            {"measure": measure.value}
            | {f"{side}_cm": distances.get((measure, side)) for side in SIDES}
            for measure in ScapularMeasure
        ],
    }


def _row(deviation: PostureDeviation, item: Posture | None) -> dict:
    if item is None:
        return {"deviation": deviation.value, "severity": Severity.ABSENT.value}
    return {
        "deviation": deviation.value,
        "severity": PRESENT_NOT_GRADED if item.severity is None else item.severity.value,
        "side": "" if item.side is Side.NOT_APPLICABLE else item.side.value,
        "note": item.note,
        "measured_value": item.measured_value,
        "method": item.method or "",
        "rib_hump": from_bool(item.rib_hump),
    }


def apply(form: PostureForm, data: AssessmentData) -> AssessmentData:
    regions = _regions(data.posture)
    records: list[Posture] = []
    seen: set[tuple[str, Side]] = set()
    problems = False
    for row in (entry.form for entry in form.rows):
        absent = row.severity.data == Severity.ABSENT.value
        measured = row.measured_value.data is not None or row.rib_hump.data or row.method.data
        if absent and not row.note.data and not measured:
            if row.side.data:
                row.side.errors.append("Choose the severity too, or clear the side.")
                problems = True
            continue
        deviation = PostureDeviation(row.deviation.data)
        side = Side(row.side.data) if row.side.data else Side.NOT_APPLICABLE
        if (deviation, side) in seen:
            row.side.errors.append("This deviation is already recorded for this side.")
            problems = True
            continue
        if not _measure_is_right(row, deviation):
            problems = True
            continue
        seen.add((deviation, side))
        value = row.measured_value.data
        records.append(
            Posture(
                deviation=deviation,
                severity=None
                if row.severity.data == PRESENT_NOT_GRADED
                else Severity(row.severity.data),
                side=side,
                note=row.note.data,
                region=regions.get((deviation, side), regions.get(deviation)),
                measured_value=None if value is None else Decimal(value),
                method=MeasurementMethod(row.method.data) if row.method.data else None,
                rib_hump=as_bool(row.rib_hump.data),
            )
        )
    feet, feet_right = _feet(form)
    distances, distances_right = _scapular(form)
    if problems or not feet_right or not distances_right:
        raise SectionInputError(
            "Nothing was saved: some rows need attention, see the messages in the table."
        )
    return dataclasses.replace(
        data,
        posture=tuple(records),
        foot_posture=tuple(feet),
        scapular_distances=tuple(distances),
    )


def _measure_is_right(row: RowForm, deviation: PostureDeviation) -> bool:
    """A value only where 2.2 gives a measure, within its unit's limits; a rib hump only on the
    scoliosis row; a method only with a value."""
    measure = POSTURE_MEASURES.get(deviation)
    value = row.measured_value.data
    right = True
    if value is not None and measure is None:
        row.measured_value.errors.append("The reference gives no measured value for this one.")
        right = False
    elif value is not None and not 0 <= value <= MEASURE_LIMITS[measure.unit]:
        row.measured_value.errors.append(
            f"The {measure.name} is measured in {measure.unit}: 0 to "
            f"{MEASURE_LIMITS[measure.unit]}."
        )
        right = False
    if row.method.data and value is None:
        row.method.errors.append("Enter the measured value too, or clear the method.")
        right = False
    if row.rib_hump.data and deviation is not PostureDeviation.SCOLIOSIS:
        row.rib_hump.errors.append("A rib hump is recorded on the scoliosis row.")
        right = False
    return right


def _feet(form: PostureForm) -> tuple[list[FootPostureIndex], bool]:
    """The FPI-6 of each foot scored on all six criteria; a foot scored on some only is
    refused, since the total of 2.2 is of all six."""
    feet, right = [], True
    for side in SIDES:
        foot = form[f"fpi_{side}"].form
        scores = [foot[code].data for code in FPI_CRITERIA]
        if not any(scores):
            continue
        if not all(scores):
            for code in FPI_CRITERIA:
                if not foot[code].data:
                    foot[code].errors.append(
                        "Score every criterion: the FPI-6 total is of all six."
                    )
            right = False
            continue
        feet.append(FootPostureIndex(side, tuple(int(score) for score in scores)))
    return feet, right


def _scapular(form: PostureForm) -> tuple[list[ScapularDistance], bool]:
    records, right = [], True
    for row in (entry.form for entry in form.scapular):
        for side in SIDES:
            field = row[f"{side}_cm"]
            if field.data is None:
                continue
            try:
                records.append(
                    ScapularDistance(ScapularMeasure(row.measure.data), side, Decimal(field.data))
                )
            except ValueError as error:
                field.errors.append(f"{error}.")
                right = False
    return records, right


def _regions(
    postures: tuple[Posture, ...],
) -> dict[PostureDeviation | tuple[PostureDeviation, Side], BodyRegion]:
    """Regions other than the deviation's usual one (a lumbar scoliosis curve) are not edited
    here, so they are kept from the stored record: by deviation and side, else by deviation."""
    regions: dict[PostureDeviation | tuple[PostureDeviation, Side], BodyRegion] = {}
    for item in postures:
        if item.region is not None:
            regions[(item.deviation, item.side)] = item.region
            regions.setdefault(item.deviation, item.region)
    return regions


SECTION = Section(
    key="posture",
    title="Posture",
    form_class=PostureForm,
    load=load,
    apply=apply,
    template="assessments/sections/posture.html",
)
