"""Subjective: complaint, onset, pain (NPRS), medications, vitals and warning signs, the 24-hour
pattern and the red-flag screen (1.1, 1.2).

The pain sites are marked on the body chart (``clinical.body_chart``): a checkbox for each area
of the front and back outlines, which the drawing toggles when JavaScript runs, and for each marked
place what 1.1 says a body chart records there, or that it was cleared (symptom-free).

The red-flag table lists the red flags of 1.2 only; the cramp referral rules (6.2) are raised and
acted on in the spasms section, and this section keeps them as they are. A positive answer
records where it was found (region and side, so a fracture at the wrist screens at the wrist)
and, once a doctor has cleared it, the clearance (0.5), which ends its screening rules.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from wtforms import (
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
    decimal_or_none,
    from_bool,
    is_blank,
    measurement,
    select,
    text,
    whole_number,
    with_spare_rows,
    yes_no,
)
from practice.clinical.assessment_data import (
    AbnormalSensation,
    AggravatingFactor,
    AssessmentData,
    BodySite,
    ChartView,
    DailyPattern,
    EasingFactor,
    LocalSign,
    Medication,
    MedicationClass,
    OnsetMechanism,
    PainQuality,
    RedFlagAnswer,
    RedFlagScreen,
    Stage,
    StageRecord,
    Subjective,
    SymptomDepth,
    SymptomPattern,
)
from practice.clinical.body_chart import (
    AREAS,
    GRID,
    SITES,
    SITES_BY_CODE,
    Outline,
    Status,
    drawing,
    marked_areas,
    parse_area,
)
from practice.clinical.catalogues import ASKED_RED_FLAGS, CRAMP_RED_FLAGS, Urgency
from practice.clinical.stage import circulation_signs, derive_stage
from practice.clinical.vocabulary import BodyRegion, Side
from practice.forms import Form, NotInFuture, RowForm, choices

REGIONS = [region for region in BodyRegion if region is not BodyRegion.WHOLE_BODY]


def _checkboxes(label: str, values) -> SelectMultipleField:
    return SelectMultipleField(
        label,
        choices=choices(values),
        default=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )


class SiteDetailRow(RowForm):
    """What the body chart records at one marked place (1.1), all optional."""

    site = HiddenField()
    status = SelectField(
        "Status",
        choices=[
            SelectChoice(Status.SYMPTOMS.value, "Symptoms"),
            SelectChoice(Status.CLEARED.value, "Cleared (symptom-free)"),
        ],
        default=Status.SYMPTOMS.value,
    )
    depth = select("Depth", SymptomDepth)
    pattern = select("Constant or intermittent", SymptomPattern)
    qualities = _checkboxes("Quality", PainQuality)
    sensations = _checkboxes("Abnormal sensations", AbnormalSensation)

    @property
    def described(self) -> bool:
        return any(self[name].data for name in ("depth", "pattern", "qualities", "sensations"))


class AggravatingRow(RowForm):
    activity = text("Activity", 200)
    time_to_provoke = text("Time to provoke", 100)
    time_to_settle = text("Time to settle", 100)


class EasingRow(RowForm):
    activity = text("Activity or position", 200)
    time_to_ease = text("Time to ease", 100)


# Input limits that catch typing slips, not clinical thresholds (the reference gives none for
# temperature: 1.2 names fever without a number).
TEMPERATURE_LIMITS = (30, 45)
WEIGHT_LIMITS = (1, 400)
MAX_WEIGHT_LOSS_KG = 200
MAX_WEIGHT_LOSS_MONTHS = 120
CLEARANCE_FIELDS = ("cleared_on", "cleared_by", "clearance_note")


class MedicationRow(RowForm):
    name = text("Medication", 200)
    medication_class = select("Class", MedicationClass, blank="—")
    note = text("Note", 300)


class RedFlagRow(RowForm):
    code = HiddenField()
    answer = SelectField(
        "Answer", choices=choices(RedFlagAnswer), default=RedFlagAnswer.NOT_ASKED.value
    )
    detail = text("Detail", 500)
    action_taken = text("Action taken", 500)
    referral_to = text("Referred to", 200)
    urgency = select("Urgency", Urgency)
    referred_on = DateField("Referred on", validators=[Optional(), NotInFuture()])
    region = select("Region", REGIONS, blank="Default")  # the red flag's own region
    side = select("Side", [Side.LEFT, Side.RIGHT, Side.BILATERAL], blank="Not applicable")
    cleared_on = DateField("Cleared on", validators=[Optional(), NotInFuture()])
    cleared_by = text("Cleared by", 200)
    clearance_note = text("Clearance note", 500)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not any(self[name].data for name in CLEARANCE_FIELDS):
            return valid
        if self.answer.data != RedFlagAnswer.YES:
            self.cleared_on.errors.append("Only a positive red flag is cleared; clear these.")
            return False
        if not self.cleared_on.data and not self.cleared_on.errors:
            self.cleared_on.errors.append("Enter the date the red flag was medically cleared.")
            valid = False
        if not self.cleared_by.data:
            self.cleared_by.errors.append("Enter who cleared it (for example the GP's name).")
            valid = False
        return valid


class SubjectiveForm(Form):
    presenting_complaint = text("Presenting complaint", 2000, area=True)
    onset_on = DateField("Onset date", validators=[Optional(), NotInFuture()])
    onset_mechanism = select("Onset", OnsetMechanism, blank="Not recorded")
    local_signs = _checkboxes("Local signs at the involved site", LocalSign)
    stage_override = select("Override the stage", Stage, blank="Keep the derived stage")
    stage_override_reason = text("Reason for the override", 500)
    nprs_now = whole_number("Pain now (NPRS)", 0, 10, "Pain scores")
    nprs_best = whole_number("Best in 24 h", 0, 10, "Pain scores")
    nprs_worst = whole_number("Worst in 24 h", 0, 10, "Pain scores")
    nprs_unratable_reason = text(
        "Cannot rate pain reliably because",
        300,
        description="Leave the pain scores empty when the patient cannot rate pain reliably.",
    )
    night_pain_unrelieved = yes_no("Night pain unrelieved by any position")
    temperature_celsius = measurement("Temperature", *TEMPERATURE_LIMITS, "°C")
    weight_kg = measurement("Weight", *WEIGHT_LIMITS, "kg")
    weight_loss_kg = measurement("Recent weight loss", 0, MAX_WEIGHT_LOSS_KG, "kg")
    weight_loss_months = whole_number("Lost over (months)", 1, MAX_WEIGHT_LOSS_MONTHS)
    medications = FieldList(FormField(MedicationRow), min_entries=2)
    # The codes of the marked areas; checked against the chart by ``_chart_is_valid`` so that a
    # wrong code gets words, not "Not a valid choice".
    body_chart = SelectMultipleField(
        "Body chart",
        choices=[SelectChoice(area.code, area.name) for area in AREAS],
        validate_choice=False,
    )
    site_details = FieldList(FormField(SiteDetailRow))
    aggravating = FieldList(FormField(AggravatingRow), min_entries=2)
    easing = FieldList(FormField(EasingRow), min_entries=2)
    morning_stiffness = yes_no("Morning stiffness")
    morning_stiffness_minutes = whole_number("Stiffness lasts (minutes)", 0, 1440)
    during_day = text("During the day", 500)
    evening = text("Evening", 500)
    woken_at_night = yes_no("Woken at night")
    times_woken_per_night = whole_number("Times woken per night", 0, 20)
    returns_to_sleep = yes_no("Able to get back to sleep")
    red_flags = FieldList(FormField(RedFlagRow))
    submit = SubmitField("Save draft")

    def __init__(
        self,
        *args,
        seen_on: date | None = None,
        record: AssessmentData | None = None,
        **kwargs,
    ) -> None:
        """``seen_on``: the assessment's date, which the stage is derived for and the onset may
        not follow; ``record``: the stored record, whose circulation section's warm skin and
        oedema count for the stage (the view passes both to every section's form; the others
        take no notice)."""
        super().__init__(*args, **kwargs)
        self.seen_on = seen_on
        self.record = record

    @property
    def derived_stage(self) -> StageRecord | None:
        """The stage the onset and local signs give on the day of the assessment, as typed."""
        if self.seen_on is None or self.onset_on.errors:
            return None
        mechanism = self.onset_mechanism.data
        sites, _cleared = self.chart_sites()
        return derive_stage(
            self.onset_on.data,
            OnsetMechanism(mechanism) if mechanism in set(OnsetMechanism) else None,
            [LocalSign(sign) for sign in self.local_signs.data or () if sign in set(LocalSign)],
            self.seen_on,
            circulation_signs(sites, self.record.circulation if self.record else None),
        )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not (self.nprs_best.errors or self.nprs_now.errors or self.nprs_worst.errors):
            valid &= self._pain_scores_are_consistent()
        onset = self.onset_on.data
        if not self.onset_on.errors and onset and self.seen_on and onset > self.seen_on:
            self.onset_on.errors.append(
                f"The onset cannot be after the assessment date ({self.seen_on:%d %b %Y})."
            )
            valid = False
        valid &= self._override_is_complete()
        valid &= self._unratable_pain_is_not_scored()
        valid &= self._weight_loss_is_complete()
        codes = [row.form.code.data for row in self.red_flags]
        if sorted(codes) != sorted(ASKED_RED_FLAGS):
            self.red_flags.errors.append("The red-flag list was altered; reload the page.")
            valid = False
        valid &= self._chart_is_valid()
        return valid

    grid = GRID  # the chart's checkboxes, region by region, for the template
    places = SITES_BY_CODE

    @property
    def blank_site_row(self) -> SiteDetailRow:
        """The details row the page copies for a place marked on it (index and place filled in
        by body_chart.js): rows are written only for the places already marked, which keeps the
        form to what it records (every place's row was about 300 fields to bind on each save)."""
        return SiteDetailRow(prefix=f"{self.site_details.name}-__INDEX__-")

    @property
    def drawing(self) -> tuple[Outline, ...]:
        """The outlines with the areas marked as posted or loaded, each as its place records."""
        cleared = {
            entry.form.site.data
            for entry in self.site_details
            if entry.form.status.data == Status.CLEARED
        }
        return drawing(
            {
                area.code: Status.CLEARED if area.site in cleared else Status.SYMPTOMS
                for area in self._marked_areas()
            }
        )

    @property
    def marked_sites(self) -> set[str]:
        """The codes of the chart's places with a marked area, as posted or loaded."""
        return {area.site for area in self._marked_areas()}

    def _marked_areas(self):
        for code in self.body_chart.data or ():
            try:
                yield parse_area(code)
            except ValueError:
                continue

    def chart_sites(self) -> tuple[tuple[BodySite, ...], tuple[BodySite, ...]]:
        """The marked places as the record keeps them: the pain sites, in the chart's order,
        with what is recorded there, and the cleared ones. What cannot be read is left out
        (``_chart_is_valid`` has said so)."""
        views: dict[str, set[ChartView]] = {}
        for area in self._marked_areas():
            views.setdefault(area.site, set()).add(area.view)
        rows = {entry.form.site.data: entry.form for entry in self.site_details}
        pain, cleared = [], []
        for place in SITES:
            if place.code not in views:
                continue
            seen = tuple(view for view in ChartView if view in views[place.code])
            row = rows.get(place.code)
            if row is not None and row.status.data == Status.CLEARED:
                cleared.append(BodySite(place.region, place.side, seen))
                continue
            pain.append(BodySite(place.region, place.side, seen, **(_details(row) if row else {})))
        return tuple(pain), tuple(cleared)

    def _chart_is_valid(self) -> bool:
        problems = []
        for code in dict.fromkeys(self.body_chart.data or ()):
            try:
                parse_area(code)
            except ValueError as error:
                problems.append(f"{error}; nothing was marked there.")
        self.body_chart.errors = [*self.body_chart.errors, *problems]
        valid = not problems
        # A row a place: those marked when the page was written, and those the page added as
        # places were marked (body_chart.js); never one the chart does not draw, never twice.
        codes = [entry.form.site.data for entry in self.site_details]
        if len(set(codes)) != len(codes) or not set(codes) <= SITES_BY_CODE.keys():
            self.site_details.errors.append("The body chart was altered; reload the page.")
            return False
        marked = self.marked_sites
        for row in (entry.form for entry in self.site_details):
            if row.site.data in marked and row.status.data == Status.CLEARED and row.described:
                row.status.errors.append(
                    "A cleared area is symptom-free: clear its depth, pattern, quality and "
                    "sensations, or record it as having symptoms."
                )
                valid = False
        return valid

    def _unratable_pain_is_not_scored(self) -> bool:
        if not self.nprs_unratable_reason.data:
            return True
        scored = [
            field
            for field in (self.nprs_now, self.nprs_best, self.nprs_worst)
            if field.data is not None or field.raw_data not in (None, [], [""])
        ]
        for field in scored:
            field.errors.append(
                "Leave the pain scores empty: the patient cannot rate pain reliably."
            )
        return not scored

    def _weight_loss_is_complete(self) -> bool:
        lost, months = self.weight_loss_kg, self.weight_loss_months
        if lost.errors or months.errors or (lost.data is None) == (months.data is None):
            return True
        if lost.data is None:
            lost.errors.append("Enter the weight lost over these months, or clear the months.")
        else:
            months.errors.append("Enter over how many months the weight was lost.")
        return False

    def _override_is_complete(self) -> bool:
        override, reason = self.stage_override.data, self.stage_override_reason.data
        derived = self.derived_stage
        if override and not reason:
            self.stage_override_reason.errors.append(
                "Give the reason for overriding the derived stage."
            )
            return False
        if reason and not override:
            self.stage_override.errors.append("Choose the stage, or clear the reason.")
            return False
        if override and derived is not None and override == derived.derived:
            self.stage_override.errors.append(
                f"The derived stage is already {override}: keep it, or choose another stage."
            )
            return False
        return True

    def _pain_scores_are_consistent(self) -> bool:
        """Now lies within the last 24 hours, so best <= now <= worst."""
        best, now, worst = self.nprs_best.data, self.nprs_now.data, self.nprs_worst.data
        problems = [
            (self.nprs_best, "The best score cannot be higher than the worst.", best, worst),
            (self.nprs_now, "Pain now cannot be lower than the best in 24 hours.", best, now),
            (self.nprs_now, "Pain now cannot be higher than the worst in 24 hours.", now, worst),
        ]
        consistent = True
        for field, message, lower, higher in problems:
            if lower is not None and higher is not None and lower > higher:
                field.errors.append(message)
                consistent = False
        return consistent


def load(data: AssessmentData) -> dict:
    subjective = data.subjective
    stage = subjective.stage
    pattern = subjective.daily_pattern
    answers = {flag.code: flag for flag in subjective.red_flags}
    aggravating = [dataclasses.asdict(factor) for factor in subjective.aggravating_factors]
    easing = [dataclasses.asdict(factor) for factor in subjective.easing_factors]
    return {
        "presenting_complaint": subjective.presenting_complaint,
        "onset_on": subjective.onset_on,
        "onset_mechanism": subjective.onset_mechanism or "",
        "local_signs": [sign.value for sign in subjective.local_signs],
        "stage_override": stage.override or "" if stage else "",
        "stage_override_reason": stage.override_reason if stage else "",
        "nprs_now": subjective.nprs_now,
        "nprs_best": subjective.nprs_best,
        "nprs_worst": subjective.nprs_worst,
        **_chart(subjective),
        "aggravating": with_spare_rows(aggravating, at_least=2),
        "easing": with_spare_rows(easing, at_least=2),
        "morning_stiffness": from_bool(pattern.morning_stiffness),
        "morning_stiffness_minutes": pattern.morning_stiffness_minutes,
        "during_day": pattern.during_day,
        "evening": pattern.evening,
        "woken_at_night": from_bool(pattern.woken_at_night),
        "times_woken_per_night": pattern.times_woken_per_night,
        "returns_to_sleep": from_bool(pattern.returns_to_sleep),
        "red_flags": [_red_flag_row(code, answers.get(code)) for code in ASKED_RED_FLAGS],
        "nprs_unratable_reason": subjective.nprs_unratable_reason,
        "night_pain_unrelieved": from_bool(subjective.night_pain_unrelieved),
        "temperature_celsius": subjective.temperature_celsius,
        "weight_kg": subjective.weight_kg,
        "weight_loss_kg": subjective.weight_loss_kg,
        "weight_loss_months": subjective.weight_loss_months,
        "medications": with_spare_rows(
            [
                {
                    "name": item.name,
                    "medication_class": item.medication_class.value,
                    "note": item.note,
                }
                for item in subjective.medications
            ],
            at_least=2,
        ),
    }


def _stage(form: SubjectiveForm) -> StageRecord | None:
    """The derived stage kept with the clinician's override, if any (both stay in the record)."""
    derived = form.derived_stage
    if derived is None:
        return None
    override = form.stage_override.data
    return dataclasses.replace(
        derived,
        override=Stage(override) if override else None,
        override_reason=form.stage_override_reason.data if override else "",
    )


def _chart(subjective: Subjective) -> dict:
    """The chart's fields of a record: its marked areas, and a details row for each place
    recorded. A site recorded before the chart is marked wherever the chart draws its place
    (``body_chart.chart_places``)."""
    recorded = [(site, Status.CLEARED) for site in subjective.cleared_sites]
    recorded += [(site, Status.SYMPTOMS) for site in subjective.pain_sites]
    rows = {}
    for site, status in recorded:
        for area in marked_areas(site):
            rows[area.site] = {
                "status": status.value,
                "depth": site.depth or "",
                "pattern": site.pattern or "",
                "qualities": [quality.value for quality in site.qualities],
                "sensations": [sensation.value for sensation in site.sensations],
            }
    return {
        "body_chart": [area.code for site, _ in recorded for area in marked_areas(site)],
        "site_details": [
            {"site": place.code, **rows[place.code]} for place in SITES if place.code in rows
        ],
    }


def _details(row: SiteDetailRow) -> dict:
    """A details row as ``BodySite`` fields; a value that is not one of the choices is left out
    (the field has said so)."""
    return {
        "depth": _member(SymptomDepth, row.depth.data),
        "pattern": _member(SymptomPattern, row.pattern.data),
        "qualities": _members(PainQuality, row.qualities.data),
        "sensations": _members(AbnormalSensation, row.sensations.data),
    }


def _member(kind, value):
    return kind(value) if value in set(kind) else None


def _members(kind, values) -> tuple:
    return tuple(kind(value) for value in dict.fromkeys(values or ()) if value in set(kind))


def _red_flag_row(code: str, screen: RedFlagScreen | None) -> dict:
    if screen is None:
        return {"code": code, "answer": RedFlagAnswer.NOT_ASKED.value}
    return {
        "code": code,
        "answer": screen.answer.value,
        "detail": screen.detail,
        "action_taken": screen.action_taken,
        "referral_to": screen.referral_to,
        "urgency": screen.urgency or "",
        "referred_on": screen.referred_on,
        "region": screen.region or "",
        "side": "" if screen.side is Side.NOT_APPLICABLE else screen.side.value,
        "cleared_on": screen.cleared_on,
        "cleared_by": screen.cleared_by,
        "clearance_note": screen.clearance_note,
    }


def _medications(form: SubjectiveForm) -> tuple[Medication, ...]:
    medications = []
    for row in (entry.form for entry in form.medications):
        if is_blank(row, "name", "medication_class", "note"):
            continue
        if not row.name.data:
            row.name.errors.append("Enter the name of the medication, or clear the row.")
            raise SectionInputError("Nothing was saved: a medication row has no name.")
        medications.append(
            Medication(
                row.name.data,
                MedicationClass(row.medication_class.data or MedicationClass.OTHER),
                row.note.data,
            )
        )
    return tuple(medications)


def apply(form: SubjectiveForm, data: AssessmentData) -> AssessmentData:
    asked = tuple(
        RedFlagScreen(
            code=row.code.data,
            answer=RedFlagAnswer(row.answer.data),
            detail=row.detail.data,
            action_taken=row.action_taken.data,
            referral_to=row.referral_to.data,
            urgency=Urgency(row.urgency.data) if row.urgency.data else None,
            referred_on=row.referred_on.data,
            region=BodyRegion(row.region.data) if row.region.data else None,
            side=Side(row.side.data) if row.side.data else Side.NOT_APPLICABLE,
            cleared_on=row.cleared_on.data,
            cleared_by=row.cleared_by.data or "",  # not on the page until the answer is "yes"
            clearance_note=row.clearance_note.data or "",
        )
        for row in (entry.form for entry in form.red_flags)
    )
    raised = tuple(screen for screen in data.subjective.red_flags if screen.code in CRAMP_RED_FLAGS)
    pain_sites, cleared_sites = form.chart_sites()
    try:
        subjective = Subjective(
            presenting_complaint=form.presenting_complaint.data,
            onset_on=form.onset_on.data,
            onset_mechanism=OnsetMechanism(form.onset_mechanism.data)
            if form.onset_mechanism.data
            else None,
            local_signs=tuple(LocalSign(sign) for sign in form.local_signs.data),
            stage=_stage(form),
            nprs_now=form.nprs_now.data,
            nprs_best=form.nprs_best.data,
            nprs_worst=form.nprs_worst.data,
            pain_sites=pain_sites,
            cleared_sites=cleared_sites,
            aggravating_factors=tuple(
                AggravatingFactor(
                    **_row_values(row, "activity", "time_to_provoke", "time_to_settle")
                )
                for row in (entry.form for entry in form.aggravating)
                if not is_blank(row, "activity", "time_to_provoke", "time_to_settle")
            ),
            easing_factors=tuple(
                EasingFactor(**_row_values(row, "activity", "time_to_ease"))
                for row in (entry.form for entry in form.easing)
                if not is_blank(row, "activity", "time_to_ease")
            ),
            daily_pattern=DailyPattern(
                morning_stiffness=as_bool(form.morning_stiffness.data),
                morning_stiffness_minutes=form.morning_stiffness_minutes.data,
                during_day=form.during_day.data,
                evening=form.evening.data,
                woken_at_night=as_bool(form.woken_at_night.data),
                times_woken_per_night=form.times_woken_per_night.data,
                returns_to_sleep=as_bool(form.returns_to_sleep.data),
            ),
            red_flags=asked + raised,
            medications=_medications(form),
            nprs_unratable_reason=form.nprs_unratable_reason.data,
            night_pain_unrelieved=as_bool(form.night_pain_unrelieved.data),
            temperature_celsius=decimal_or_none(form.temperature_celsius.data),
            weight_kg=decimal_or_none(form.weight_kg.data),
            weight_loss_kg=decimal_or_none(form.weight_loss_kg.data),
            weight_loss_months=form.weight_loss_months.data,
        )
    except ValueError as error:
        raise SectionInputError(str(error)) from None
    return dataclasses.replace(data, subjective=subjective)


def _row_values(row: RowForm, *names: str) -> dict[str, str]:
    return {name: row[name].data for name in names}


SECTION = Section(
    key="subjective",
    title="Subjective",
    form_class=SubjectiveForm,
    load=load,
    apply=apply,
    template="assessments/sections/subjective.html",
)
