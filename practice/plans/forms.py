from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from practice.clinical.dosage import (
    EXERCISE_DOSAGE_FIELDS,
    Dosage,
    DosageValue,
    ExerciseDosage,
    TechniqueDosage,
    dosage_problems,
)
from practice.clinical.vocabulary import BodyRegion, ExerciseSide, Side
from practice.forms import choices, strip_whitespace
from practice.models import CatalogueItem


class LockedForm(FlaskForm):
    """Every change to a plan carries the lock version of the page it was made on."""

    lock = HiddenField()

    @property
    def lock_version(self) -> int | None:
        try:
            return int(self.lock.data)
        except (TypeError, ValueError):
            return None


class AddItemForm(LockedForm):
    item_id = SelectField("Technique or exercise", coerce=str, validate_choice=False)
    site_region = SelectField("Treatment site", choices=choices(BodyRegion))
    site_side = SelectField("Side", choices=choices(Side))
    electrode_placement = StringField(
        "Electrode placement",
        filters=[strip_whitespace],
        validators=[Length(max=200, message="Keep this to 200 characters or fewer.")],
        description="For electrotherapy: where the electrodes go.",
    )
    reason = HiddenField(filters=[strip_whitespace])
    override_reason = TextAreaField(
        "Clinical reason to add a contraindicated item",
        filters=[strip_whitespace],
        validators=[Length(max=2000, message="Keep this to 2000 characters or fewer.")],
    )
    acknowledge_precaution = BooleanField("I have considered the precaution")
    submit = SubmitField("Add to plan")

    def validate_item_id(self, field) -> None:
        if not str(field.data or "").isdigit():
            raise ValidationError("Choose a technique or exercise.")


class ItemActionForm(LockedForm):
    submit = SubmitField()


class GoalForm(LockedForm):
    measure = SelectField("Measure", validate_choice=False)
    comparator = SelectField(
        "Target", choices=[SelectChoice("<=", "at most (≤)"), SelectChoice(">=", "at least (≥)")]
    )
    target = DecimalField(
        "Value", places=None, validators=[InputRequired("Enter the target value.")]
    )
    target_on = DateField("By", validators=[InputRequired("Enter the target date.")])
    submit = SubmitField("Add goal")

    def validate_measure(self, field) -> None:
        if not field.data:
            raise ValidationError("Choose a measure.")


class ScheduleForm(LockedForm):
    sessions_per_week = IntegerField(
        "Sessions a week",
        validators=[Optional(), NumberRange(1, 14, "Sessions a week must be from 1 to 14.")],
    )
    duration_weeks = IntegerField(
        "For (weeks)",
        validators=[Optional(), NumberRange(1, 104, "The plan can run from 1 to 104 weeks.")],
    )
    review_on = DateField("Review on", validators=[Optional()])
    submit = SubmitField("Save schedule")


class IssueForm(LockedForm):
    submit = SubmitField("Issue plan to the patient")


class ReviseForm(LockedForm):
    submit = SubmitField("Start a new version")


class StartPlanForm(FlaskForm):
    submit = SubmitField("Build a treatment plan")


def dosage_fields(item: CatalogueItem) -> list[str]:
    """The numeric dosage fields an item is prescribed with."""
    if item.is_exercise:
        return list(EXERCISE_DOSAGE_FIELDS)
    return list(item.dosage)


NOTE_MAX_LENGTH = 500


def read_note(formdata) -> tuple[str, dict[str, str]]:
    """The clinician's note for the patient, and a message if it is too long."""
    note = (formdata.get("notes") or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        return note, {"notes": f"Keep the note to {NOTE_MAX_LENGTH} characters or fewer."}
    return note, {}


def read_dosage(
    item: CatalogueItem, formdata, *, prefix: str = "dosage-"
) -> tuple[Dosage | None, dict[str, str]]:
    """The dosage typed into a plan item's form, or a message per field that is wrong."""
    values: dict[str, DosageValue] = {}
    errors: dict[str, str] = {}
    for name in dosage_fields(item):
        raw = (formdata.get(prefix + name) or "").strip()
        if not raw:
            values[name] = None
            continue
        try:
            number = Decimal(raw)
        except InvalidOperation:
            errors[name] = "Enter a number."
            continue
        if not number.is_finite():
            errors[name] = "Enter a number."
            continue
        values[name] = int(number) if number == number.to_integral_value() else float(number)
    side = formdata.get(prefix + "side", "")
    if item.is_exercise and side not in {side.value for side in ExerciseSide}:
        errors["side"] = "Choose the side."
    if not errors:
        kind = None if item.is_exercise else item.technique_kind
        errors = dosage_problems(values, kind=kind)
    if errors:
        return None, errors
    if item.is_exercise:
        return ExerciseDosage(**values, side=ExerciseSide(side)), {}
    return TechniqueDosage(values), {}
