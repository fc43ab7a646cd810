"""Forms of the catalogue: the list's search and filters, and an item of either type."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from flask import current_app
from wtforms import (
    BooleanField,
    DecimalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from practice.clinical.dosage import (
    EXERCISE_DOSAGE_FIELDS,
    ExerciseDosage,
    ExerciseLoad,
    LoadKind,
    TechniqueDosage,
    dosage_problems,
)
from practice.clinical.exercise_text import PLACEHOLDERS, render, template_problems
from practice.clinical.handout_text import dosage_sentences
from practice.clinical.labels import label
from practice.clinical.vocabulary import (
    BodyRegion,
    CrampTrigger,
    ExerciseCategory,
    ExerciseSide,
    FindingKind,
    TechniqueCategory,
    TechniqueKind,
)
from practice.documents import ExerciseDetails, TechniqueDetails
from practice.forms import Form, choices, finite_number, strip_whitespace
from practice.models import CatalogueItem, ItemType
from practice.seed import (
    DOSAGE_PARAMETER_UNITS,
    REQUIRED_DOSAGE_PARAMETERS,
    STEPS_PER_EXERCISE,
)

TEXT = [strip_whitespace]
SIDE_PLACEHOLDERS = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
PREVIEW_HEADINGS = {ExerciseSide.LEFT: "Left side", ExerciseSide.BOTH: "Both sides"}
ILLUSTRATIONS = "img/exercises"  # under static/
NAME_LIMIT = 200  # CatalogueItem.name
LINE_LIMIT = 300

EXERCISE_DOSAGE_UNITS = {
    "sets": "sets",
    "reps": "reps",
    "hold_seconds": "s",
    "rest_seconds": "s",
    "times_per_day": "per day",
    "days_per_week": "days per week",
    "duration_minutes": "min",
    "programme_weeks": "weeks",
}
_UNIT_SUFFIXES = {
    "_seconds": "s",
    "_minutes": "min",
    "_hours": "h",
    "_hz": "Hz",
    "_us": "µs",
    "_weeks": "weeks",
}


def dosage_label(name: str, *, with_unit: bool = True) -> str:
    """``hold_seconds`` -> "Hold (s)", or "Hold" where the value is shown with its unit."""
    for suffix, unit in _UNIT_SUFFIXES.items():
        if name.endswith(suffix):
            words = label(name.removesuffix(suffix))
            return f"{words} ({unit})" if with_unit else words
    return label(name)


def _length(limit: int) -> Length:
    return Length(max=limit, message=f"Keep this to {limit} characters or fewer.")


def _as_number(value: Decimal | int | None) -> int | float | None:
    """JSON keeps whole numbers as integers, so ``30`` is shown as 30 and not 30.0."""
    if not isinstance(value, Decimal):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


def _in_order(ticked: list[str], before: list[str] | None) -> list[str]:
    """Ticked codes in their earlier order, new ones after: re-saving changes nothing."""
    kept = [code for code in before or () if code in ticked]
    return kept + [code for code in ticked if code not in kept]


class LinesField(TextAreaField):
    """A text area holding a list: one entry per line, blank lines dropped."""

    def process_data(self, value: Any) -> None:
        self.data = [str(entry) for entry in value or ()]

    def process_formdata(self, valuelist: list[str]) -> None:
        text = valuelist[0] if valuelist else ""
        self.data = [line.strip() for line in text.splitlines() if line.strip()]

    def _value(self) -> str:
        return self.raw_data[0] if self.raw_data else "\n".join(self.data or ())


class Lines:
    """How many lines a ``LinesField`` may hold, and how long each may be."""

    def __init__(self, fewest: int = 0, most: int = 20, longest: int = LINE_LIMIT) -> None:
        self.fewest, self.most, self.longest = fewest, most, longest

    def __call__(self, _form, field: LinesField) -> None:
        count = len(field.data)
        if count < self.fewest or count > self.most:
            if self.fewest == self.most:
                wanted = f"exactly {self.most}"
            elif self.fewest:
                wanted = f"{self.fewest} to {self.most}"
            else:
                wanted = f"at most {self.most}"
            raise ValidationError(f"Give {wanted}, one per line.")
        if any(len(line) > self.longest for line in field.data):
            raise ValidationError(f"Keep each line to {self.longest} characters or fewer.")


def checkboxes(text: str, values, **kwargs: Any) -> SelectMultipleField:
    return SelectMultipleField(
        text,
        choices=choices(values),
        default=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        **kwargs,
    )


def count(text: str, *, required: bool = False) -> IntegerField:
    first = InputRequired("Enter a whole number.") if required else Optional()
    return IntegerField(text, validators=[first])


class CatalogueSearchForm(Form):
    class Meta:
        csrf = False  # a GET search changes nothing

    q = StringField("Search", filters=TEXT, validators=[_length(100)])
    type = SelectField(
        "Type", choices=choices(ItemType, blank="Techniques and exercises"), default=""
    )
    category = SelectField(
        "Category", choices=choices(TechniqueCategory, blank="Any category"), default=""
    )
    region = SelectField("Body region", choices=choices(BodyRegion, blank="Any region"), default="")
    indication = SelectField(
        "Indication", choices=choices(FindingKind, blank="Any indication"), default=""
    )
    retired = BooleanField("Show retired items")


class ItemForm(Form):
    """The fields every catalogue item has; subclasses add those of their type."""

    item_type: ItemType

    name = StringField(
        "Name",
        filters=TEXT,
        validators=[DataRequired("Enter the name."), _length(NAME_LIMIT)],
    )
    kind = SelectField("Kind", choices=choices(TechniqueKind, blank="Choose a kind"), default="")
    body_region = SelectField(
        "Body region", choices=choices(BodyRegion, blank="No one region"), default=""
    )
    description = TextAreaField("Description", filters=TEXT, validators=[_length(2000)])
    indications = checkboxes(
        "Indications", FindingKind, description="The findings this item is chosen for."
    )
    cramp_triggers = checkboxes(
        "Cramp triggers",
        CrampTrigger,
        description="Only when “Cramp trigger” is an indication: the triggers it addresses.",
    )
    source = TextAreaField(
        "Source",
        filters=TEXT,
        validators=[
            DataRequired(
                "Name the source: a guideline, paper, reference section or clinic protocol."
            ),
            _length(500),
        ],
        description="Where the content and dosage come from, e.g. “clinical-reference 7.1 (ACSM)”.",
    )
    submit = SubmitField("Save item")

    def validate_kind(self, field) -> None:
        if not field.data:
            raise ValidationError("Choose the kind.")

    def validate_indications(self, field) -> None:
        if not field.data:
            raise ValidationError("Tick at least one indication.")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        wants_triggers = FindingKind.CRAMP_TRIGGER.value in (self.indications.data or ())
        if wants_triggers and not self.cramp_triggers.data:
            self.cramp_triggers.errors.append(
                "“Cramp trigger” is an indication: tick the triggers this item addresses."
            )
            valid = False
        if self.cramp_triggers.data and not wants_triggers:
            self.cramp_triggers.errors.append(
                "Cramp triggers belong only to an item with “Cramp trigger” as an indication."
            )
            valid = False
        return self._validate_dosage() and valid

    def _validate_dosage(self) -> bool:
        """Attach the clinical bounds' messages to the dosage fields that passed their checks."""
        fields = {name: self[name] for name in self.dosage_fields()}
        usable = {name: field for name, field in fields.items() if not field.errors}
        kind = TechniqueKind(self.kind.data) if not self.kind.errors and self.kind.data else None
        problems = dosage_problems(
            {name: _as_number(field.data) for name, field in usable.items()},
            kind=kind if self.item_type is ItemType.TECHNIQUE else None,
        )
        for name, message in problems.items():
            if name in usable:
                usable[name].errors.append(message)
        return not any(name in usable for name in problems)

    def dosage_fields(self) -> tuple[str, ...]:
        raise NotImplementedError

    @property
    def wants_preview(self) -> bool:
        """The Preview button was pressed: show the texts as printed and save nothing."""
        return False

    def dosage_field_rows(self, width: int = 4) -> list[list[Any]]:
        """The dosage fields in rows of ``width`` for the template."""
        names = self.dosage_fields()
        return [
            [self[name] for name in names[at : at + width]] for at in range(0, len(names), width)
        ]

    def common_values(self, previous: CatalogueItem | None) -> dict[str, Any]:
        return {
            "item_type": self.item_type.value,
            "name": self.name.data,
            "kind": self.kind.data,
            "body_region": self.body_region.data or None,
            "description": self.description.data,
            "indications": _in_order(self.indications.data, previous and previous.indications),
            "cramp_triggers": _in_order(
                self.cramp_triggers.data, previous and previous.cramp_triggers
            ),
            "source": self.source.data,
        }

    @staticmethod
    def common_data(item: CatalogueItem) -> dict[str, Any]:
        return {
            "name": item.name,
            "kind": item.kind,
            "body_region": item.body_region or "",
            "description": item.description,
            "indications": list(item.indications),
            "cramp_triggers": list(item.cramp_triggers),
            "source": item.source,
        }


def illustration_choices() -> list[SelectChoice]:
    folder = Path(current_app.static_folder or "") / ILLUSTRATIONS
    return [SelectChoice("", "No illustration")] + [
        SelectChoice(f"{ILLUSTRATIONS}/{path.name}", label(path.stem.replace("-", "_")))
        for path in sorted(folder.glob("*.svg"))
    ]


class ExerciseForm(ItemForm):
    item_type = ItemType.EXERCISE

    kind = SelectField(
        "Screening rules of",
        choices=choices(TechniqueKind, blank="Choose a technique kind"),
        default="",
        description="The technique kind whose contraindication screening applies to this exercise.",
    )
    category = SelectField(
        "Exercise category",
        choices=choices(ExerciseCategory, blank="Choose a category"),
        default="",
    )
    position = StringField(
        "Position",
        filters=TEXT,
        validators=[DataRequired("Enter the starting position."), _length(200)],
        description="For example: standing, sitting, lying on your back.",
    )
    steps = LinesField(
        "Steps",
        validators=[Lines(STEPS_PER_EXERCISE.start, STEPS_PER_EXERCISE.stop - 1)],
        description="3 to 5 plain-language steps, one per line, written for the patient. "
        "No sides, times or counts: the dosage line prints them from the plan. For the side, "
        f"write {SIDE_PLACEHOLDERS}, e.g. “Put {{working}} foot on the step”.",
    )
    feel = TextAreaField(
        "You should feel …",
        filters=TEXT,
        validators=[DataRequired("Say what the patient should feel."), _length(500)],
    )
    cautions = LinesField(
        "Stop and contact us if …",
        validators=[Lines(1, 10)],
        description="One per line.",
    )
    easier = TextAreaField("Easier version", filters=TEXT, validators=[_length(500)])
    harder = TextAreaField("Harder version", filters=TEXT, validators=[_length(500)])
    equipment = LinesField(
        "Equipment", validators=[Lines(0, 10, 100)], description="One per line; blank if none."
    )
    illustration = SelectField("Illustration", default="")
    sets = count("Sets", required=True)
    reps = count("Reps")
    hold_seconds = count("Hold (s)")
    rest_seconds = count("Rest (s)", required=True)
    times_per_day = count("Times per day", required=True)
    days_per_week = count("Days per week", required=True)
    side = SelectField(
        "Side",
        choices=choices(ExerciseSide),
        default=ExerciseSide.NOT_APPLICABLE,
        description="“Not applicable” if it is not done one side at a time; any other side "
        "makes it sided, and its text may then use {working}, {other} and {same}.",
    )
    duration_minutes = count("Duration (min)")
    programme_weeks = count("Programme (weeks)")
    load = SelectField(
        "Load",
        choices=choices(LoadKind, blank="Takes no load"),
        default="",
        description="The kind of load the clinician sets for each patient, if any.",
    )
    preview = SubmitField("Preview")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.illustration.choices = illustration_choices()

    def dosage_fields(self) -> tuple[str, ...]:
        return EXERCISE_DOSAGE_FIELDS

    def validate_body_region(self, field) -> None:
        if not field.data:
            raise ValidationError("Choose the body region the exercise works on.")

    def validate_category(self, field) -> None:
        if not field.data:
            raise ValidationError("Choose the exercise category.")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        timed = (self.reps, self.hold_seconds, self.duration_minutes)
        if all(field.data is None and not field.errors for field in timed):
            self.reps.errors.append("Give reps, a hold time or a duration.")
            valid = False
        return self._validate_texts() and valid

    @property
    def wants_preview(self) -> bool:
        return bool(self.preview.data)

    @property
    def sided(self) -> bool:
        return self.side.data != ExerciseSide.NOT_APPLICABLE.value

    def text_fields(self) -> tuple[Any, ...]:
        """The fields written for the patient, which take placeholders and state no numbers."""
        return (self.position, self.steps, self.feel, self.cautions, self.easier, self.harder)

    def _validate_texts(self) -> bool:
        """One source of truth (``exercise_text``): a text with an unknown placeholder, or one
        that states a side, time, count, frequency or load itself, is refused on its field."""
        valid = True
        for field in self.text_fields():
            texts = field.data if isinstance(field.data, list) else [field.data or ""]
            problems = dict.fromkeys(
                f"{f'“{text}”: ' if len(texts) > 1 else ''}{problem}"
                for text in texts
                for problem in template_problems(text, sided=self.sided)
            )
            field.errors.extend(problems)
            valid = valid and not problems
        return valid

    def previews(self) -> list[tuple[str, dict[str, Any]]]:
        """(side label, texts) as the handout prints them, for left and both sides of a sided
        exercise, else as written; for the editor's Preview button, once the form is valid."""
        shown = (ExerciseSide.LEFT, ExerciseSide.BOTH) if self.sided else (self.side.data,)
        return [
            (
                PREVIEW_HEADINGS.get(side, "As printed"),
                {
                    "steps": [render(step, side) for step in self.steps.data],
                    "feel": render(self.feel.data or "", side),
                    "cautions": [render(caution, side) for caution in self.cautions.data],
                    "easier": render(self.easier.data or "", side),
                    "harder": render(self.harder.data or "", side),
                    "dosage": dosage_sentences(self.default_dosage(side)),
                },
            )
            for side in shown
        ]

    def values(self, previous: CatalogueItem | None = None) -> dict[str, Any]:
        same_kind = previous is not None and previous.kind == self.kind.data
        details = ExerciseDetails(
            category=ExerciseCategory(self.category.data),
            # The seed technique it pointed to is of the old kind once the kind changes.
            technique=previous.details.technique if same_kind else None,
            advice_topics=previous.details.advice_topics if previous else (),
            position=self.position.data,
            steps=tuple(self.steps.data),
            feel=self.feel.data,
            cautions=tuple(self.cautions.data),
            equipment=tuple(self.equipment.data),
            easier=self.easier.data,
            harder=self.harder.data,
            illustration=self.illustration.data or None,
        )
        return self.common_values(previous) | {"dosage": self.default_dosage(), "details": details}

    def default_dosage(self, side: ExerciseSide | str | None = None) -> ExerciseDosage:
        """The default dosage typed in, on its own side or on ``side`` (for a preview)."""
        return ExerciseDosage(
            **{name: self[name].data for name in EXERCISE_DOSAGE_FIELDS},
            side=ExerciseSide(side or self.side.data),
            load=ExerciseLoad(LoadKind(self.load.data)) if self.load.data else None,
        )

    @classmethod
    def data_of(cls, item: CatalogueItem) -> dict[str, Any]:
        details = item.details
        return (
            cls.common_data(item)
            | {
                "category": details.category,
                "position": details.position,
                "steps": details.steps,
                "feel": details.feel,
                "cautions": details.cautions,
                "equipment": details.equipment,
                "easier": details.easier,
                "harder": details.harder,
                "illustration": details.illustration or "",
            }
            | dict(item.dosage)
            | {"load": item.dosage.load.kind.value if item.dosage.load else ""}
        )


class TechniqueForm(ItemForm):
    item_type = ItemType.TECHNIQUE

    contraindications = LinesField(
        "Contraindications", validators=[Lines(1, 30, 500)], description="One per line."
    )
    precautions = LinesField(
        "Precautions", validators=[Lines(0, 30, 500)], description="One per line; blank if none."
    )
    dosage_note = TextAreaField(
        "Dosage note",
        filters=TEXT,
        validators=[_length(2000)],
        description="The ranges the source gives, to read beside the defaults.",
    )

    def dosage_fields(self) -> tuple[str, ...]:
        return tuple(DOSAGE_PARAMETER_UNITS)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.kind.data and not self.kind.errors:
            kind = TechniqueKind(self.kind.data)
            for name in sorted(REQUIRED_DOSAGE_PARAMETERS[kind]):
                field = self[name]
                if field.data is None and not field.errors:
                    field.errors.append(f"A {label(kind).lower()} technique needs this default.")
                    valid = False
        return valid

    def values(self, previous: CatalogueItem | None = None) -> dict[str, Any]:
        dosage = TechniqueDosage(
            {
                name: _as_number(self[name].data)
                for name in DOSAGE_PARAMETER_UNITS
                if self[name].data is not None
            }
        )
        details = TechniqueDetails(
            contraindications=tuple(self.contraindications.data),
            precautions=tuple(self.precautions.data),
            dosage_note=self.dosage_note.data,
            dosage_units={name: DOSAGE_PARAMETER_UNITS[name] for name in dosage},
        )
        return self.common_values(previous) | {"dosage": dosage, "details": details}

    @classmethod
    def data_of(cls, item: CatalogueItem) -> dict[str, Any]:
        details = item.details
        return (
            cls.common_data(item)
            | {
                "contraindications": details.contraindications,
                "precautions": details.precautions,
                "dosage_note": details.dosage_note,
            }
            | {name: item.dosage.get(name) for name in DOSAGE_PARAMETER_UNITS}
        )


for _name in DOSAGE_PARAMETER_UNITS:
    setattr(
        TechniqueForm,
        _name,
        DecimalField(dosage_label(_name), places=None, validators=[Optional(), finite_number]),
    )

FORMS: dict[str, type[ExerciseForm] | type[TechniqueForm]] = {
    ItemType.EXERCISE.value: ExerciseForm,
    ItemType.TECHNIQUE.value: TechniqueForm,
}
