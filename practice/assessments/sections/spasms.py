"""Spasms and cramps (6.1): one row per recurring pattern, with its triggers (6.3) and evidence.

A ticked trigger needs its evidence. 6.3 says the mechanism of cramp is not settled and that
prevention should be individualised rather than generic, and the trigger chooses the advice on the
patient's handout (0.13); so the record says what points to the trigger (10.1: records evidence the
decisions made). The check is on saving the draft, beside the field, with nothing saved.
"""

from __future__ import annotations

import dataclasses

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    SelectField,
    SelectMultipleField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from practice.assessments.sections import Section, SectionInputError
from practice.assessments.sections.fields import (
    is_blank,
    muscle_choices,
    select,
    text,
    whole_number,
    with_spare_rows,
)
from practice.clinical.assessment_data import (
    AssessmentData,
    FrequencyPeriod,
    SpasmPattern,
    SpasmTiming,
    SpasmType,
)
from practice.clinical.catalogues import MUSCLE_GROUPS
from practice.clinical.vocabulary import BodyRegion, CrampTrigger, Side
from practice.forms import choices

REGIONS = [region for region in BodyRegion if region is not BodyRegion.WHOLE_BODY]
TRIGGER_LABELS = {
    CrampTrigger.DEHYDRATION: "Dehydration",
    CrampTrigger.OVERUSE_FATIGUE: "Overuse or fatigue",
    CrampTrigger.POOR_CIRCULATION: "Poor circulation",
    CrampTrigger.MINERAL_DEFICIENCY: "Mineral deficiency",
    CrampTrigger.STRESS_ANXIETY: "Stress or anxiety",
}
# Input limits that catch typing slips; 6.1 cites seconds to about 10 minutes per cramp, and
# over 10 minutes is a referral sign (6.2), so a longer cramp must still be recordable.
MAX_EPISODES = 100
MAX_DURATION_SECONDS = 3600
NAMES = ("region", "side", "muscle_group", "frequency", "typical_duration_seconds", "severity_nprs")


def _trigger(trigger: CrampTrigger) -> str:
    return f"trigger_{trigger}"


def _evidence(trigger: CrampTrigger) -> str:
    return f"evidence_{trigger}"


def _muscle_group_choices() -> list[SelectChoice]:
    return muscle_choices("— (region only)")


class SpasmRow(Form):
    region = select("Region", REGIONS, blank="From the muscle group")
    side = select("Side", [Side.LEFT, Side.RIGHT, Side.BILATERAL, Side.NOT_APPLICABLE])
    type = select("Type", SpasmType, blank=None)
    muscle_group = SelectField("Muscle group", choices=_muscle_group_choices(), default="")
    frequency = whole_number("Frequency", 0, MAX_EPISODES)
    frequency_period = select("Per", FrequencyPeriod, blank=None)
    typical_duration_seconds = whole_number("Typical duration (s)", 0, MAX_DURATION_SECONDS)
    timing = SelectMultipleField(
        "Timing",
        choices=choices(SpasmTiming),
        default=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    severity_nprs = whole_number("Severity (NPRS)", 0, 10)


for _code in CrampTrigger:
    setattr(SpasmRow, _trigger(_code), BooleanField(TRIGGER_LABELS[_code]))
    setattr(SpasmRow, _evidence(_code), text(f"{TRIGGER_LABELS[_code]}: evidence", 300))


TRIGGER_FIELDS = [name for code in CrampTrigger for name in (_trigger(code), _evidence(code))]


class SpasmsForm(FlaskForm):
    rows = FieldList(FormField(SpasmRow), min_entries=2)
    add_rows = SubmitField("Save and add rows")
    submit = SubmitField("Save draft")

    triggers = tuple((_trigger(code), _evidence(code)) for code in CrampTrigger)  # template


def load(data: AssessmentData) -> dict:
    rows = []
    for pattern in data.spasms:
        row = {
            "region": pattern.region.value,
            "side": pattern.side.value,
            "type": pattern.type.value,
            "muscle_group": pattern.muscle_group or "",
            "frequency": pattern.frequency,
            "frequency_period": pattern.frequency_period.value,
            "typical_duration_seconds": pattern.typical_duration_seconds,
            "timing": [timing.value for timing in pattern.timing],
            "severity_nprs": pattern.severity_nprs,
        }
        for trigger, evidence in pattern.triggers.items():
            row[_trigger(trigger)] = True
            row[_evidence(trigger)] = evidence
        rows.append(row)
    return {"rows": with_spare_rows(rows, at_least=2, spare=1)}


def _triggers(row: Form, problems: list[str]) -> dict[CrampTrigger, str]:
    triggers = {}
    for code in CrampTrigger:
        ticked, evidence = row[_trigger(code)], row[_evidence(code)]
        if ticked.data and not evidence.data:
            evidence.errors.append(
                f"Write what points to {TRIGGER_LABELS[code].lower()} (for example what the "
                "patient reported), or untick it."
            )
            problems.append("A trigger was ticked without its evidence.")
        elif evidence.data and not ticked.data:
            ticked.errors.append(
                "Tick this trigger for the evidence written beside it, or clear it."
            )
            problems.append("Evidence was written for a trigger that is not ticked.")
        elif ticked.data:
            triggers[code] = evidence.data
    return triggers


def _pattern(row: Form, problems: list[str]) -> SpasmPattern | None:
    muscle = row.muscle_group.data or None
    region = row.region.data or (MUSCLE_GROUPS[muscle].region if muscle else "")
    triggers = _triggers(row, problems)
    if not region:
        row.region.errors.append("Choose the region or the muscle group.")
        problems.append("A row has no region.")
    if not row.side.data:
        row.side.errors.append("Choose the side (not applicable for the trunk).")
        problems.append("A row has no side.")
    if problems:
        return None
    try:
        return SpasmPattern(
            region=BodyRegion(region),
            side=Side(row.side.data),
            type=SpasmType(row.type.data),
            muscle_group=muscle,
            frequency=row.frequency.data,
            frequency_period=FrequencyPeriod(row.frequency_period.data),
            typical_duration_seconds=row.typical_duration_seconds.data,
            timing=tuple(
                SpasmTiming(timing) for timing in SpasmTiming if timing in row.timing.data
            ),
            severity_nprs=row.severity_nprs.data,
            triggers=triggers,
        )
    except ValueError as error:
        row.region.errors.append(f"{error}.")
        problems.append(str(error))
        return None


def apply(form: SpasmsForm, data: AssessmentData) -> AssessmentData:
    patterns = []
    found = False
    for entry in form.rows:
        row = entry.form
        if is_blank(row, *NAMES, *TRIGGER_FIELDS) and not row.timing.data:
            continue
        problems: list[str] = []
        pattern = _pattern(row, problems)
        found = found or bool(problems)
        if pattern is not None:
            patterns.append(pattern)
    if found:
        raise SectionInputError("Nothing was saved: some rows need attention, see the messages.")
    return dataclasses.replace(data, spasms=tuple(patterns))


SECTION = Section(
    key="spasms",
    title="Spasms and cramps",
    form_class=SpasmsForm,
    load=load,
    apply=apply,
    template="assessments/sections/spasms.html",
)
