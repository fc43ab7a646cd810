"""Posture: every standard deviation of 2.2 looked for, graded (2.3), with its side and a note.

One fixed row per deviation, like the red-flag rows of the subjective section, so a clinician
tabs down the severity lists. Only deviations seen (or noted) are stored: an absent row with no
note is the default and is not kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import ClassVar

from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, HiddenField, SelectField, SubmitField
from wtforms.fields.choices import SelectChoice

from practice.assessments.sections import Section, SectionInputError
from practice.assessments.sections.fields import SIDED, select, text
from practice.clinical.assessment_data import AssessmentData, Posture
from practice.clinical.catalogues import POSTURE_DEVIATIONS
from practice.clinical.vocabulary import BodyRegion, PostureDeviation, Severity, Side
from practice.forms import choices

PRESENT_NOT_GRADED = "present"
"""2.2 records some deviations (sway back) as present/absent only: stored with no severity."""

SEVERITIES = [
    SelectChoice(Severity.ABSENT.value, "Absent"),
    SelectChoice(PRESENT_NOT_GRADED, "Present, not graded"),
    *choices([Severity.MILD, Severity.MODERATE, Severity.SEVERE]),
]


class PostureRow(Form):
    deviation = HiddenField()
    severity = SelectField("Severity", choices=SEVERITIES, default=Severity.ABSENT.value)
    side = select("Side", SIDED, blank="Not applicable")
    note = text("Note", 200)


class PostureForm(FlaskForm):
    rows = FieldList(FormField(PostureRow))
    submit = SubmitField("Save draft")

    deviation_labels: ClassVar[Mapping[str, str]] = {
        deviation.value: info.label.capitalize() for deviation, info in POSTURE_DEVIATIONS.items()
    }

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        codes = {row.form.deviation.data for row in self.rows}
        if codes != set(self.deviation_labels):
            self.rows.errors.append("The list of deviations was altered; reload the page.")
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
    return {"rows": rows}


def _row(deviation: PostureDeviation, item: Posture | None) -> dict:
    if item is None:
        return {"deviation": deviation.value, "severity": Severity.ABSENT.value}
    return {
        "deviation": deviation.value,
        "severity": PRESENT_NOT_GRADED if item.severity is None else item.severity.value,
        "side": "" if item.side is Side.NOT_APPLICABLE else item.side.value,
        "note": item.note,
    }


def apply(form: PostureForm, data: AssessmentData) -> AssessmentData:
    regions = _regions(data.posture)
    records: list[Posture] = []
    seen: set[tuple[str, Side]] = set()
    problems = False
    for row in (entry.form for entry in form.rows):
        absent = row.severity.data == Severity.ABSENT.value
        if absent and not row.note.data:
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
        seen.add((deviation, side))
        records.append(
            Posture(
                deviation=deviation,
                severity=None
                if row.severity.data == PRESENT_NOT_GRADED
                else Severity(row.severity.data),
                side=side,
                note=row.note.data,
                region=regions.get((deviation, side), regions.get(deviation)),
            )
        )
    if problems:
        raise SectionInputError(
            "Nothing was saved: some rows need attention, see the messages in the table."
        )
    return dataclasses.replace(data, posture=tuple(records))


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
