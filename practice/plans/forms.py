from decimal import Decimal, InvalidOperation

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
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from practice.clinical.dosage import (
    EXERCISE_DOSAGE_FIELDS,
    LOAD_PARAMETER,
    BandColour,
    Dosage,
    DosageValue,
    ExerciseDosage,
    ExerciseLoad,
    LoadKind,
    TechniqueDosage,
    dosage_problems,
    inexpressible,
)
from practice.clinical.vocabulary import BodyRegion, ExerciseSide, Side
from practice.forms import Form, choices, strip_whitespace
from practice.models import CatalogueItem


class LockedForm(Form):
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


class RemoveGoalForm(LockedForm):
    submit = SubmitField()


class PlanItemForm(LockedForm):
    """A change to one plan item: the button pressed (or the dosage form) names the action, so
    every item has one address rather than one per action."""

    action = HiddenField(validators=[AnyOf(("up", "down", "remove", "dosage"))])


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


class DiscardDraftForm(LockedForm):
    """Set a draft version aside; the reason is kept with it."""

    reason = StringField(
        "Why discard this draft",
        filters=[strip_whitespace],
        validators=[
            DataRequired("Say why the draft is discarded: it stays on the record with the reason."),
            Length(max=500, message="Keep the reason to 500 characters or fewer."),
        ],
        description="For example: built from the wrong assessment, or started by mistake.",
    )
    submit = SubmitField("Discard this draft")


class StartPlanForm(Form):
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


def _number(raw: str) -> DosageValue | str:
    """The typed number, or the message when it is not one."""
    try:
        number = Decimal(raw)
    except InvalidOperation:
        return "Enter a number."
    if not number.is_finite():
        return "Enter a number."
    return int(number) if number == number.to_integral_value() else float(number)


def _read_load(
    declared: ExerciseLoad | None, raw: str
) -> tuple[ExerciseLoad | None, str | None, dict[str, DosageValue]]:
    """The load typed in (kilograms, effort or a band colour, as the exercise takes), the message
    when it is not one, and the number to check against its bounds."""
    if declared is None:
        return None, ("This exercise takes no load: leave it blank." if raw else None), {}
    if not raw:
        return ExerciseLoad(declared.kind), None, {}
    if declared.kind is LoadKind.BAND:
        if raw not in {colour.value for colour in BandColour}:
            return None, "Choose the band colour.", {}
        return ExerciseLoad(declared.kind, band=BandColour(raw)), None, {}
    number = _number(raw)
    if isinstance(number, str):
        return None, number, {}
    return ExerciseLoad(declared.kind, amount=number), None, {LOAD_PARAMETER[declared.kind]: number}


def read_dosage(
    item: CatalogueItem, formdata, *, prefix: str = "dosage-"
) -> tuple[Dosage | None, dict[str, str]]:
    """The dosage typed into a plan item's form, or a message per field that is wrong.

    An exercise's dosage must also be one its steps can express (``inexpressible``): no hold,
    repetitions or duration it has none of, a side only if it is sided, a load only of the
    kind it takes.
    """
    values: dict[str, DosageValue] = {}
    errors: dict[str, str] = {}
    for name in dosage_fields(item):
        raw = (formdata.get(prefix + name) or "").strip()
        number = _number(raw) if raw else None
        if isinstance(number, str):
            errors[name] = number
        else:
            values[name] = number
    if not item.is_exercise:
        errors = errors or dosage_problems(values, kind=item.technique_kind)
        return (None, errors) if errors else (TechniqueDosage(values), {})
    side = formdata.get(prefix + "side", "")
    if side not in {side.value for side in ExerciseSide}:
        errors["side"] = "Choose the side."
    load, load_error, load_number = _read_load(
        item.dosage.load, (formdata.get(prefix + "load") or "").strip()
    )
    if load_error:
        errors["load"] = load_error
    if errors:
        return None, errors
    errors = dosage_problems(values | load_number)
    for parameter in load_number:  # its bounds speak of the load field
        if parameter in errors:
            errors["load"] = errors.pop(parameter)
    dosage = ExerciseDosage(**values, side=ExerciseSide(side), load=load)
    errors = inexpressible(item.dosage, dosage) | errors
    return (None, errors) if errors else (dosage, {})
