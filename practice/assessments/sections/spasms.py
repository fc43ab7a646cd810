"""Spasms and cramps (6.1): one row per recurring pattern, with its triggers (6.3) and evidence.

A ticked trigger needs its evidence. 6.3 says the mechanism of cramp is not settled and that
prevention should be individualised rather than generic, and the trigger chooses the advice on the
patient's handout (0.13); so the record says what points to the trigger (10.1: records evidence the
decisions made). The check is on saving the draft, beside the field, with nothing saved.

Each pattern also records the episode facts of 6.1 and 6.2 (longest episode, whether it eased,
after-effects, associated conditions, context and concerns). From them the cramp referral rules
of 6.2 are raised as red flags (``clinical.cramp_referral``); the action taken for each is
recorded here, stored with the red-flag screen, and needed before finalising (0.12).
"""

from __future__ import annotations

import dataclasses

from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from practice.assessments.sections import Section, SectionInputError
from practice.assessments.sections.fields import (
    as_bool,
    from_bool,
    is_blank,
    muscle_choices,
    select,
    text,
    whole_number,
    with_spare_rows,
    yes_no,
)
from practice.clinical.assessment_data import (
    AssessmentData,
    CrampConcern,
    CrampCondition,
    CrampContext,
    FrequencyPeriod,
    RedFlagAnswer,
    RedFlagScreen,
    SpasmPattern,
    SpasmTiming,
    SpasmType,
)
from practice.clinical.catalogues import CRAMP_RED_FLAGS, MUSCLE_GROUPS, Urgency
from practice.clinical.cramp_referral import (
    RaisedRedFlag,
    cramp_red_flag_answers,
    cramp_red_flags,
    with_cramp_red_flags,
)
from practice.clinical.vocabulary import BodyRegion, CrampTrigger, Side
from practice.forms import Form, NotInFuture, RowForm, choices
from practice.reference import clinical_reference

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
MAX_SORENESS_HOURS = 72  # 6.1: residual soreness up to about 24 h; an input limit, no more
NAMES = (
    "region",
    "side",
    "muscle_group",
    "frequency",
    "typical_duration_seconds",
    "severity_nprs",
    "longest_duration_seconds",
    "eased_by_stretching",
    "residual_soreness_hours",
    "sleep_disrupted",
)
CHECKLISTS = ("timing", "conditions", "context", "concerns")
CONDITION_LABELS = {
    CrampCondition.PREGNANCY_LATER_STAGES: "Pregnancy (later stages)",
    CrampCondition.VASCULAR_DISEASE: "Vascular disease or PAD",
    CrampCondition.LUMBAR_CANAL_STENOSIS: "Lumbar canal stenosis",
    CrampCondition.LIVER_DISEASE: "Cirrhosis or liver disease",
    CrampCondition.HAEMODIALYSIS: "Haemodialysis",
    CrampCondition.NEUROPATHY: "Neuropathy",
    CrampCondition.DIABETES: "Diabetes",
    CrampCondition.THYROID_DISEASE: "Thyroid disease",
}
CONTEXT_LABELS = {
    CrampContext.TETANUS_PRONE_WOUND: "After a wound that could be tetanus-prone",
    CrampContext.TOXIN_EXPOSURE: "After exposure to toxins (e.g. lead, mercury)",
}
CONCERN_LABELS = {
    CrampConcern.FREQUENT: "Frequent (your judgement)",
    CrampConcern.AFFECTS_QUALITY_OF_LIFE: "Affect quality of life",
    CrampConcern.NUMBNESS_OR_SWELLING: "With numbness or swelling",
    CrampConcern.MUSCLE_WASTING_OR_WEAKNESS: "Muscles shrinking or weakening",
}
REFERRAL_FIELDS = ("action_taken", "referral_to", "urgency", "referred_on")


def _checklist(label: str, labels: dict) -> SelectMultipleField:
    return SelectMultipleField(
        label,
        choices=[SelectChoice(code.value, words) for code, words in labels.items()],
        default=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )


def _trigger(trigger: CrampTrigger) -> str:
    return f"trigger_{trigger}"


def _evidence(trigger: CrampTrigger) -> str:
    return f"evidence_{trigger}"


def _muscle_group_choices() -> list[SelectChoice]:
    return muscle_choices("— (region only)")


class SpasmRow(RowForm):
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
    longest_duration_seconds = whole_number("Longest (s)", 0, MAX_DURATION_SECONDS)
    eased_by_stretching = yes_no("Eased with stretching or exercise")
    residual_soreness_hours = whole_number("Sore afterwards (hours)", 0, MAX_SORENESS_HOURS)
    sleep_disrupted = yes_no("Disturbs sleep")
    conditions = _checklist("Associated conditions", CONDITION_LABELS)
    context = _checklist("Before the cramps", CONTEXT_LABELS)
    concerns = _checklist("The cramps are", CONCERN_LABELS)


class CrampReferralRow(RowForm):
    """The action for one cramp referral rule (6.2), recorded once it is raised."""

    code = HiddenField()
    action_taken = text("Action taken", 500)
    referral_to = text("Referred to", 200)
    urgency = select("Urgency", Urgency)
    referred_on = DateField("Referred on", validators=[Optional(), NotInFuture()])


for _code in CrampTrigger:
    setattr(SpasmRow, _trigger(_code), BooleanField(TRIGGER_LABELS[_code]))
    setattr(SpasmRow, _evidence(_code), text(f"{TRIGGER_LABELS[_code]}: evidence", 300))


TRIGGER_FIELDS = [name for code in CrampTrigger for name in (_trigger(code), _evidence(code))]


class SpasmsForm(Form):
    rows = FieldList(FormField(SpasmRow), min_entries=2)
    referrals = FieldList(FormField(CrampReferralRow))
    add_rows = SubmitField("Save and add rows")
    submit = SubmitField("Save draft")

    triggers = tuple((_trigger(code), _evidence(code)) for code in CrampTrigger)  # template

    def __init__(self, *args, record: AssessmentData | None = None, **kwargs) -> None:
        """``record``: the stored record, whose cramps raise the referral rules shown until the
        form is saved (``apply`` raises them from what was typed)."""
        super().__init__(*args, **kwargs)
        self.raised: tuple[RaisedRedFlag, ...] = (
            cramp_red_flags(record.spasms, clinical_reference()) if record else ()
        )

    def raised_by(self, code: str) -> list[RaisedRedFlag]:
        """The patterns that raise one rule, for the template."""
        return [item for item in self.raised if item.code == code]


def load(data: AssessmentData) -> dict:
    recorded = {screen.code: screen for screen in data.subjective.red_flags}
    referrals = [_referral_row(code, recorded.get(code)) for code in CRAMP_RED_FLAGS]
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
            "longest_duration_seconds": pattern.longest_duration_seconds,
            "eased_by_stretching": from_bool(pattern.eased_by_stretching),
            "residual_soreness_hours": pattern.residual_soreness_hours,
            "sleep_disrupted": from_bool(pattern.sleep_disrupted),
            "conditions": [item.value for item in pattern.conditions],
            "context": [item.value for item in pattern.context],
            "concerns": [item.value for item in pattern.concerns],
        }
        for trigger, evidence in pattern.triggers.items():
            row[_trigger(trigger)] = True
            row[_evidence(trigger)] = evidence
        rows.append(row)
    return {"rows": with_spare_rows(rows, at_least=2, spare=1), "referrals": referrals}


def _referral_row(code: str, screen: RedFlagScreen | None) -> dict:
    if screen is None:
        return {"code": code}
    return {
        "code": code,
        "action_taken": screen.action_taken,
        "referral_to": screen.referral_to,
        "urgency": screen.urgency or "",
        "referred_on": screen.referred_on,
    }


def _triggers(row: RowForm, problems: list[str]) -> dict[CrampTrigger, str]:
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


def _pattern(row: RowForm, problems: list[str]) -> SpasmPattern | None:
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
            longest_duration_seconds=row.longest_duration_seconds.data,
            eased_by_stretching=as_bool(row.eased_by_stretching.data),
            residual_soreness_hours=row.residual_soreness_hours.data,
            sleep_disrupted=as_bool(row.sleep_disrupted.data),
            conditions=_chosen(CrampCondition, row.conditions.data),
            context=_chosen(CrampContext, row.context.data),
            concerns=_chosen(CrampConcern, row.concerns.data),
        )
    except ValueError as error:
        row.region.errors.append(f"{error}.")
        problems.append(str(error))
        return None


def _chosen(values: type, chosen: list[str] | None) -> tuple:
    return tuple(value for value in values if value in (chosen or ()))


def apply(form: SpasmsForm, data: AssessmentData) -> AssessmentData:
    patterns = []
    found = False
    for entry in form.rows:
        row = entry.form
        if is_blank(row, *NAMES, *TRIGGER_FIELDS) and not any(
            row[name].data for name in CHECKLISTS
        ):
            continue
        problems: list[str] = []
        pattern = _pattern(row, problems)
        found = found or bool(problems)
        if pattern is not None:
            patterns.append(pattern)
    if found:
        raise SectionInputError("Nothing was saved: some rows need attention, see the messages.")
    form.raised = cramp_red_flags(patterns, clinical_reference())
    answers = cramp_red_flag_answers(form.raised, _referrals(form))
    subjective = with_cramp_red_flags(data.subjective, answers)
    return dataclasses.replace(data, spasms=tuple(patterns), subjective=subjective)


def _referrals(form: SpasmsForm) -> list[RedFlagScreen]:
    """The actions typed for the raised rules; an action for a rule the cramps do not raise is
    refused, so nothing typed is silently dropped."""
    raised = {item.code for item in form.raised}
    actions, refused = [], False
    for row in (entry.form for entry in form.referrals):
        if row.code.data not in CRAMP_RED_FLAGS:
            form.referrals.errors.append("The cramp referral list was altered; reload the page.")
            refused = True
            continue
        if is_blank(row, *REFERRAL_FIELDS):
            continue
        if row.code.data not in raised:
            row.action_taken.errors.append(
                "The recorded cramps do not raise this rule: clear the action, or record the "
                "cramp that raises it."
            )
            refused = True
            continue
        actions.append(
            RedFlagScreen(
                row.code.data,
                RedFlagAnswer.YES,
                action_taken=row.action_taken.data or "",
                referral_to=row.referral_to.data or "",
                urgency=Urgency(row.urgency.data) if row.urgency.data else None,
                referred_on=row.referred_on.data,
            )
        )
    if refused:
        raise SectionInputError("Nothing was saved: some rows need attention, see the messages.")
    return actions


SECTION = Section(
    key="spasms",
    title="Spasms and cramps",
    form_class=SpasmsForm,
    load=load,
    apply=apply,
    template="assessments/sections/spasms.html",
)
