"""Validators, field helpers and forms shared by more than one area."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import Enum
from functools import cache

import wtforms
from flask_wtf import FlaskForm
from wtforms import DateField, Field, StringField, SubmitField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.fields.core import UnboundField
from wtforms.validators import InputRequired, StopValidation

from practice.clinical.labels import label
from practice.form_fields import quick_widget
from practice.models import Paper

PAPER_CHOICES = [SelectChoice(Paper.A4.value, "A4"), SelectChoice(Paper.LETTER.value, "US Letter")]


def strip_whitespace(value):
    return value.strip() if isinstance(value, str) else value


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters and DEL; tab, line feed and carriage return are typed text.
A NUL cannot be stored on PostgreSQL and the others print as nothing, so none is kept."""
CONTROL_CHARACTER_MESSAGE = (
    "This text holds an invisible control character (such as NUL), perhaps pasted from another "
    "program. Delete it and type the text again."
)


def no_control_characters(_form, field: Field) -> None:
    if isinstance(field.data, str) and CONTROL_CHARACTERS.search(field.data):
        raise StopValidation(CONTROL_CHARACTER_MESSAGE)


class _RefusesControlCharacters:
    """Form meta that puts ``no_control_characters`` first on every text field, so no form can
    forget it; the field keeps what was typed and shows the message like any other."""

    def bind_field(self, form, unbound_field: UnboundField, options):
        if issubclass(unbound_field.field_class, StringField):
            unbound_field = _refusing_control_characters(unbound_field)
        return super().bind_field(form, unbound_field, options)


@cache  # once per field of a form class: a section's form binds a hundred text fields a request
def _refusing_control_characters(unbound_field: UnboundField) -> UnboundField:
    validators = [no_control_characters, *unbound_field.kwargs.get("validators", ())]
    return UnboundField(
        unbound_field.field_class,
        *unbound_field.args,
        **(unbound_field.kwargs | {"validators": validators}),
    )


class _QuickWidgets:
    """Form meta that gives every field the quicker widget of the same markup
    (``form_fields.quick_widget``)."""

    def bind_field(self, form, unbound_field: UnboundField, options):
        field = super().bind_field(form, unbound_field, options)
        field.widget = quick_widget(field.widget)
        return field


class Form(FlaskForm):
    """The base of every form the app shows (CSRF from Flask-WTF)."""

    class Meta(_RefusesControlCharacters, _QuickWidgets, FlaskForm.Meta):
        pass


class RowForm(wtforms.Form):
    """The base of a repeated row inside a form (no CSRF token of its own)."""

    class Meta(_RefusesControlCharacters, _QuickWidgets, wtforms.Form.Meta):
        pass


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


class StartAssessmentForm(Form):
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
