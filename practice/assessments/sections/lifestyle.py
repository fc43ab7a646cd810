"""Lifestyle (1.1 social and occupational, 6.1) and the clinician's impression.

The impression is not part of the record: the view stores it on the assessment beside it.
"""

from __future__ import annotations

import dataclasses

from wtforms import SubmitField

from practice.assessments.sections import Section, SectionInputError
from practice.assessments.sections.fields import decimal_or_none, measurement, select, text
from practice.clinical.assessment_data import ActivityLevel, AssessmentData, Lifestyle, WorkPosture
from practice.clinical.vocabulary import Severity
from practice.forms import Form

HOURS_IN_A_DAY = 24
MAX_FLUID_LITRES = 15  # an input limit that catches typing slips, not a clinical threshold


class LifestyleForm(Form):
    fluid_intake_litres_per_day = measurement(
        "Fluid intake", 0, MAX_FLUID_LITRES, "litres a day", description="Litres a day."
    )
    activity_level = select("Activity level", ActivityLevel, blank="Not recorded")
    work_posture = select("Work posture", WorkPosture, blank="Not recorded")
    hours_sitting_per_day = measurement(
        "Hours sitting", 0, HOURS_IN_A_DAY, "hours", description="Hours a day."
    )
    hours_standing_per_day = measurement(
        "Hours standing", 0, HOURS_IN_A_DAY, "hours", description="Hours a day."
    )
    stress = select(
        "Stress",
        Severity,
        blank="Not recorded",
        description="Your grading of the stress the patient reports.",
    )
    impression = text(
        "Clinical impression",
        5000,
        area=True,
        description="Your clinical reasoning, problem list and working diagnosis.",
    )
    submit = SubmitField("Save draft")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        sitting, standing = self.hours_sitting_per_day, self.hours_standing_per_day
        if sitting.errors or standing.errors or None in (sitting.data, standing.data):
            return valid
        if sitting.data + standing.data > HOURS_IN_A_DAY:
            standing.errors.append("Sitting and standing together cannot exceed 24 hours a day.")
            return False
        return valid


def load(data: AssessmentData) -> dict:
    lifestyle = data.lifestyle
    return {
        "fluid_intake_litres_per_day": lifestyle.fluid_intake_litres_per_day,
        "activity_level": lifestyle.activity_level or "",
        "work_posture": lifestyle.work_posture or "",
        "hours_sitting_per_day": lifestyle.hours_sitting_per_day,
        "hours_standing_per_day": lifestyle.hours_standing_per_day,
        "stress": lifestyle.stress or "",
    }


def apply(form: LifestyleForm, data: AssessmentData) -> AssessmentData:
    try:
        lifestyle = Lifestyle(
            fluid_intake_litres_per_day=decimal_or_none(form.fluid_intake_litres_per_day.data),
            activity_level=ActivityLevel(form.activity_level.data)
            if form.activity_level.data
            else None,
            work_posture=WorkPosture(form.work_posture.data) if form.work_posture.data else None,
            hours_sitting_per_day=decimal_or_none(form.hours_sitting_per_day.data),
            hours_standing_per_day=decimal_or_none(form.hours_standing_per_day.data),
            stress=Severity(form.stress.data) if form.stress.data else None,
        )
    except ValueError as error:
        raise SectionInputError(f"Nothing was saved: {error}.") from None
    return dataclasses.replace(data, lifestyle=lifestyle)


SECTION = Section(
    key="lifestyle",
    title="Lifestyle and impression",
    form_class=LifestyleForm,
    load=load,
    apply=apply,
    template="assessments/sections/lifestyle.html",
    has_impression=True,
)
