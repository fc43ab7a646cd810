"""Validators, field helpers and forms shared by more than one area."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum

from flask_wtf import FlaskForm
from wtforms import DateField, Field, SubmitField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, StopValidation

from practice.clinical.labels import label


def strip_whitespace(value):
    return value.strip() if isinstance(value, str) else value


def finite_number(_form, field: Field) -> None:
    """Decimal accepts 'NaN' and 'Infinity'; comparing them would fail, so refuse them first."""
    if field.data is not None and not field.data.is_finite():
        raise StopValidation("Enter a number.")


class NotInFuture:
    def __init__(self, message: str = "This date cannot be in the future.") -> None:
        self.message = message

    def __call__(self, _form, field: Field) -> None:
        if field.data is not None and field.data > date.today():
            raise ValidationError(self.message)


class NotBefore:
    def __init__(self, earliest: date, message: str) -> None:
        self.earliest = earliest
        self.message = message

    def __call__(self, _form, field: Field) -> None:
        if field.data is not None and field.data < self.earliest:
            raise ValidationError(self.message)


class StartAssessmentForm(FlaskForm):
    """Shown on the patient's page, handled by the assessments area."""

    seen_on = DateField(
        "Date seen",
        default=date.today,
        validators=[InputRequired("Enter the date."), NotInFuture()],
    )
    submit = SubmitField("Start assessment")


def choices(values: Iterable[str | Enum], *, blank: str | None = None) -> list[SelectChoice]:
    """Options for a select field with human labels, optionally led by a blank choice."""
    options = [SelectChoice(str(getattr(value, "value", value)), label(value)) for value in values]
    return ([SelectChoice("", blank)] if blank is not None else []) + options
