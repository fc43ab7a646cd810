"""Field builders and row helpers shared by the assessment section forms."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from wtforms import DecimalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from practice.clinical.catalogues import MUSCLE_GROUPS
from practice.clinical.labels import label
from practice.clinical.vocabulary import Side
from practice.forms import RowForm, choices, finite_number, strip_whitespace

YES_NO_UNKNOWN = [
    SelectChoice("", "Not recorded"),
    SelectChoice("yes", "Yes"),
    SelectChoice("no", "No"),
]
SIDED = [Side.LEFT, Side.RIGHT, Side.BILATERAL]


def whole_number(label: str, low: int, high: int, what: str = "", **kwargs) -> IntegerField:
    message = f"{what or label} must be a whole number from {low} to {high}."
    return IntegerField(label, validators=[Optional(), NumberRange(low, high, message)], **kwargs)


def measurement(label: str, low: float, high: float, unit: str, **kwargs) -> DecimalField:
    message = f"{label} must be between {low:g} and {high:g} {unit}."
    return DecimalField(
        label,
        places=None,
        validators=[
            Optional(),
            finite_number,
            NumberRange(Decimal(str(low)), Decimal(str(high)), message),
        ],
        **kwargs,
    )


def text(
    label: str, limit: int = 200, *, area: bool = False, required: str | None = None, **kwargs
):
    """A text field trimmed of surrounding spaces; ``required`` is the message when left empty."""
    field_class = TextAreaField if area else StringField
    validators = [Length(max=limit, message=f"Keep this to {limit} characters or fewer.")]
    if required is not None:
        validators.insert(0, DataRequired(required))
    return field_class(label, filters=[strip_whitespace], validators=validators, **kwargs)


def select(label: str, values: Iterable, *, blank: str | None = "—", **kwargs) -> SelectField:
    return SelectField(label, choices=choices(values, blank=blank), default="", **kwargs)


def decimal_or_none(value) -> Decimal | None:
    """A DecimalField's value for the record: None when left empty."""
    return None if value is None else Decimal(value)


def yes_no(label: str) -> SelectField:
    return SelectField(label, choices=YES_NO_UNKNOWN, default="")


def as_bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def from_bool(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "")


def is_blank(row: RowForm, *names: str) -> bool:
    """True when none of the named fields of a row was filled in (0 counts as filled).

    False is compared by identity: ``0 == False`` in Python, and a 0° knee extension, a 0 cm
    reach or no cramps this week is a value.
    """
    return all((value := row[name].data) is None or value is False or value == "" for name in names)


def blank_rows_to_show(filled: int, *, at_least: int = 3, spare: int = 2) -> int:
    """Rows a repeating section shows: what is filled plus spare blank rows for new entries."""
    return max(at_least, filled + spare)


def with_spare_rows(rows: list[dict], *, at_least: int = 3, spare: int = 2) -> list[dict]:
    """The filled rows followed by blank ones, as many as ``blank_rows_to_show`` asks for."""
    shown = blank_rows_to_show(len(rows), at_least=at_least, spare=spare)
    return rows + [{} for _ in range(shown - len(rows))]


def muscle_choices(blank: str) -> list[SelectChoice]:
    """Muscle groups grouped by body region, led by a blank choice."""
    return [SelectChoice("", blank)] + [
        SelectChoice(code, group.label.capitalize(), optgroup=label(group.region))
        for code, group in sorted(MUSCLE_GROUPS.items(), key=lambda item: item[1].region)
    ]
