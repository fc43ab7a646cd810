"""The visit note form: the note itself (WTForms), and the delivered items and exercise-log rows
read from fields named after the plan item they belong to (``item-<id>-<field>``, ``log-<id>``),
since the plan version decides which there are."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, DateField, HiddenField, IntegerField, SubmitField, TimeField
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from practice.assessments.sections.fields import text
from practice.clinical.dosage import dosage_problems
from practice.clinical.screening import TreatmentSite
from practice.clinical.visit_rules import (
    PARAMETERS_OF_KIND,
    DeliveryKind,
    ExerciseAction,
    delivery_kind,
    load_visit_rules,
    log_problem,
    stimulation_problems,
)
from practice.clinical.vocabulary import BodyRegion, Side
from practice.forms import CONTROL_CHARACTER_MESSAGE, CONTROL_CHARACTERS, Form, NotInFuture
from practice.models import PlanItem, PlanVersion
from practice.plans.forms import read_dosage
from practice.visits.services import Delivery, NoteContent, home_exercises, log_weeks_of

NPRS = "0 no pain to 10 worst imaginable (NPRS, reference section 9)."


def _nprs(label: str) -> IntegerField:
    return IntegerField(
        label,
        validators=[
            Optional(),
            NumberRange(0, 10, f"{label} must be a whole number from 0 to 10."),
        ],
        description=NPRS,
    )


class NoteForm(Form):
    lock = HiddenField()
    occurred_on = DateField(
        "Date of the visit",
        validators=[InputRequired("Enter the date of the visit."), NotInFuture()],
    )
    occurred_time = TimeField(
        "Time of the visit (UTC)", validators=[InputRequired("Enter the time of the visit.")]
    )
    subjective = text("Subjective", 5000, area=True, description="What the patient reports.")
    objective = text("Objective", 5000, area=True, description="What you observed and measured.")
    treatment = text(
        "Treatment", 5000, area=True, description="What was done, beyond the items above."
    )
    plan = text("Plan", 5000, area=True, description="Next steps and the next visit.")
    pain_before = _nprs("Pain before")
    pain_after = _nprs("Pain after")
    log_weeks = IntegerField(
        "Weekly log sheets brought back",
        validators=[Optional()],
        description="Each sheet of the printed exercise log is one week, Monday to Sunday.",
    )
    submit = SubmitField("Save draft")

    def __init__(self, *args, version: PlanVersion, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.max_weeks = log_weeks_of(version)

    def validate_log_weeks(self, field) -> None:
        if field.data is not None and not 1 <= field.data <= self.max_weeks:
            raise ValidationError(
                f"The log is printed for {self.max_weeks} weeks: enter from 1 to {self.max_weeks}."
            )

    @property
    def occurred_at(self) -> datetime:
        return datetime.combine(self.occurred_on.data, self.occurred_time.data, UTC)

    @property
    def lock_version(self) -> int | None:
        try:
            return int(self.lock.data)
        except (TypeError, ValueError):
            return None


class SignForm(Form):
    """Signing cannot be undone, so it is confirmed on the form, as finalising is."""

    lock = HiddenField()
    confirm = BooleanField(
        "I have checked this note. Once signed it cannot be changed, only amended with dated "
        "addenda.",
        validators=[InputRequired("Tick to confirm that you have checked the note.")],
    )
    submit = SubmitField("Sign note")

    @property
    def lock_version(self) -> int | None:
        try:
            return int(self.lock.data)
        except (TypeError, ValueError):
            return None


def kind_of(entry: PlanItem) -> DeliveryKind:
    item = entry.catalogue_item
    return delivery_kind(item.technique_kind, is_exercise=item.is_exercise)


_TEXT_LIMITS = {
    "muscles": 300,
    "response": 500,
    "intensity": 200,
    "override_reason": 2000,
    "notes": 1000,
}


def read_items(
    version: PlanVersion, formdata: MultiDict
) -> tuple[list[Delivery], dict[int, int], dict[str, str]]:
    """The delivered items and the exercise-log rows typed in, and a message per wrong field.

    A delivered id that is not an item of ``version`` (a page of another version, a tampered
    form) is refused on the form, never looked up elsewhere.
    """
    errors: dict[str, str] = {}
    items = {str(entry.id): entry for entry in version.items}
    deliveries = []
    for raw in dict.fromkeys(formdata.getlist("delivered")):
        entry = items.get(raw)
        if entry is None:
            errors["delivered"] = (
                f"That technique is not on version {version.number} of the plan this note is "
                "written against: choose from the plan's items below."
            )
            continue
        delivery = _read_delivery(entry, formdata, errors)
        if delivery is not None:
            deliveries.append(delivery)
    return deliveries, _read_log(version, formdata, errors), errors


def _read_delivery(entry: PlanItem, formdata: MultiDict, errors: dict[str, str]) -> Delivery | None:
    prefix = f"item-{entry.id}-"
    before = len(errors)

    def text_of(name: str, *, required: str | None = None) -> str:
        value = (formdata.get(prefix + name) or "").strip()
        if CONTROL_CHARACTERS.search(value):
            errors[prefix + name] = CONTROL_CHARACTER_MESSAGE
        elif required and not value:
            errors[prefix + name] = required
        elif len(value) > _TEXT_LIMITS[name]:
            errors[prefix + name] = f"Keep this to {_TEXT_LIMITS[name]} characters or fewer."
        return value

    def number_of(name: str, *, whole: bool = True) -> Decimal | int | None:
        raw = (formdata.get(prefix + name) or "").strip()
        if not raw:
            return None
        try:
            number = Decimal(raw)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or (whole and number % 1):
            errors[prefix + name] = "Enter a whole number." if whole else "Enter a number."
            return None
        return int(number) if whole else number

    site = _read_site(entry, formdata, prefix, errors)
    delivery = Delivery(
        entry=entry,
        site=site or TreatmentSite(BodyRegion(entry.site_region), Side(entry.site_side)),
        override_reason=text_of("override_reason"),
        acknowledged=formdata.get(prefix + "acknowledged") in ("y", "on", "true", "1"),
        notes=text_of("notes"),
    )
    kind = kind_of(entry)
    technique = entry.catalogue_item.technique_kind
    if kind is DeliveryKind.HANDS_ON:
        delivery.minutes = number_of("minutes")
        if delivery.minutes is None and prefix + "minutes" not in errors:
            errors[prefix + "minutes"] = "Enter how many minutes it was given for."
        elif delivery.minutes is not None:
            problem = dosage_problems({"minutes": delivery.minutes}, kind=technique)
            if problem:
                errors[prefix + "minutes"] = problem["minutes"]
    elif kind is DeliveryKind.NEEDLING:
        delivery.muscles = text_of("muscles", required="Name the muscles needled.")
        delivery.needle_count = number_of("needle_count")
        if delivery.needle_count is None and prefix + "needle_count" not in errors:
            errors[prefix + "needle_count"] = "Enter how many needles were used."
        elif delivery.needle_count is not None and not 1 <= delivery.needle_count <= 99:
            errors[prefix + "needle_count"] = "The needle count is a whole number from 1 to 99."
        delivery.response = text_of("response")
    elif kind is DeliveryKind.STIMULATION:
        modes = {mode.key: mode for mode in load_visit_rules().modes_of(technique)}
        mode = modes.get(formdata.get(prefix + "mode") or "")
        if mode is None:
            errors[prefix + "mode"] = "Choose the mode given."
        delivery.mode = mode.key if mode else ""
        delivery.intensity = text_of("intensity", required="Describe the intensity given.")
        parameters = {
            name: number_of(name, whole=name != "frequency_hz")
            for name in PARAMETERS_OF_KIND[technique]
        }
        if mode is not None:
            for name, problem in stimulation_problems(mode, parameters).items():
                errors.setdefault(prefix + name, problem)
        delivery.frequency_hz = parameters.get("frequency_hz")
        delivery.pulse_width_us = parameters.get("pulse_width_us")
        delivery.carrier_hz = parameters.get("carrier_hz")
        delivery.minutes = parameters.get("minutes")
    else:
        action = formdata.get(prefix + "action") or ""
        if action not in {choice.value for choice in ExerciseAction}:
            errors[prefix + "action"] = "Say whether the exercise was reviewed or progressed."
        else:
            delivery.exercise_action = ExerciseAction(action)
        if delivery.exercise_action is ExerciseAction.PROGRESSED:
            dosage, problems = read_dosage(
                entry.catalogue_item, formdata, prefix=prefix + "dosage-"
            )
            for name, problem in problems.items():
                errors[prefix + "dosage-" + name] = problem
            delivery.new_dosage = dosage
    return delivery if len(errors) == before else None


def _read_site(
    entry: PlanItem, formdata: MultiDict, prefix: str, errors: dict[str, str]
) -> TreatmentSite | None:
    try:
        return TreatmentSite(
            BodyRegion(formdata.get(prefix + "site_region") or entry.site_region),
            Side(formdata.get(prefix + "site_side") or entry.site_side),
        )
    except ValueError:
        errors[prefix + "site_region"] = "Choose the site from the list."
        return None


def _read_log(version: PlanVersion, formdata: MultiDict, errors: dict[str, str]) -> dict[int, int]:
    weeks_raw = (formdata.get("log_weeks") or "").strip()
    weeks = int(weeks_raw) if weeks_raw.isdigit() else None
    days: dict[int, int] = {}
    for entry in home_exercises(version):
        name = f"log-{entry.id}"
        raw = (formdata.get(name) or "").strip()
        if not raw:
            continue
        if not raw.isdigit():
            errors[name] = "Enter the days done as a whole number."
            continue
        if weeks is None:
            errors["log_weeks"] = "Enter how many weekly sheets of the log the patient brought."
            continue
        problem = log_problem(int(raw), weeks)
        if problem:
            errors[name] = problem
            continue
        days[entry.id] = int(raw)
    return days


def note_content(form: NoteForm, deliveries: list[Delivery], days: dict[int, int]) -> NoteContent:
    return NoteContent(
        occurred_at=form.occurred_at,
        subjective=form.subjective.data or "",
        objective=form.objective.data or "",
        treatment=form.treatment.data or "",
        plan=form.plan.data or "",
        pain_before=form.pain_before.data,
        pain_after=form.pain_after.data,
        log_weeks=form.log_weeks.data,
        deliveries=deliveries,
        days_done=days,
    )


# What the item fields show: the plan's prescription for a new note, the draft's for an edit --


_PRESCRIBED = {"beat_frequency_hz": "frequency_hz", "carrier_frequency_hz": "carrier_hz"}
"""A plan item's dosage parameter for the visit field it fills, where the names differ."""


def default_values(version: PlanVersion) -> MultiDict:
    """Each item's fields filled from the plan: its site, and the prescribed parameters."""
    values = MultiDict()
    for entry in version.items:
        prefix = f"item-{entry.id}-"
        values[prefix + "site_region"] = entry.site_region
        values[prefix + "site_side"] = entry.site_side
        for name, value in entry.dosage.items():  # a progression starts from the prescription
            if value is not None:
                values[prefix + "dosage-" + name] = _shown(value)
        if entry.catalogue_item.is_exercise:
            continue
        for name, value in entry.dosage.items():
            field = _PRESCRIBED.get(name, name)
            if value is not None and field in (
                "minutes",
                "frequency_hz",
                "pulse_width_us",
                "carrier_hz",
            ):
                values[prefix + field] = str(value)
        if kind_of(entry) is DeliveryKind.STIMULATION:
            values[prefix + "mode"] = default_mode(entry)
    return values


def default_mode(entry: PlanItem) -> str:
    """The mode a stimulation item is most likely given in: the one named like its catalogue
    entry (TENS, conventional), else the kind's first."""
    modes = load_visit_rules().modes_of(entry.catalogue_item.technique_kind)
    named = entry.catalogue_item.key.replace("-", "_")
    return next((mode.key for mode in modes if mode.key == named), modes[0].key)


def note_values(note) -> MultiDict:
    """The draft's items and log rows as the form's fields."""
    values = default_values(note.plan_version)
    for item in note.items:
        prefix = f"item-{item.plan_item_id}-"
        values.add("delivered", str(item.plan_item_id))
        fields = {
            "site_region": item.site_region,
            "site_side": item.site_side,
            "minutes": item.minutes,
            "muscles": item.muscles,
            "needle_count": item.needle_count,
            "response": item.response,
            "mode": item.mode,
            "frequency_hz": item.frequency_hz,
            "pulse_width_us": item.pulse_width_us,
            "carrier_hz": item.carrier_hz,
            "intensity": item.intensity,
            "action": item.exercise_action,
            "override_reason": item.override_reason,
            "acknowledged": "y" if item.acknowledged else None,
            "notes": item.notes,
        }
        if item.new_dosage is not None:
            fields |= {f"dosage-{name}": value for name, value in item.new_dosage.items()}
        for name, value in fields.items():
            values[prefix + name] = "" if value is None else _shown(value)
    for entry in note.log_entries:
        values[f"log-{entry.plan_item_id}"] = str(entry.days_done)
    return values


def _shown(value) -> str:
    if hasattr(value, "kind") and hasattr(value, "band"):  # an exercise's load
        return str(
            value.band.value if value.band else value.amount if value.amount is not None else ""
        )
    return str(getattr(value, "value", value))
