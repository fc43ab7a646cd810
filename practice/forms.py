"""Validators and field helpers shared by the forms of every area."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum

from wtforms import Field, ValidationError
from wtforms.fields.choices import SelectChoice

from practice.clinical.labels import label


def strip_whitespace(value):
    return value.strip() if isinstance(value, str) else value


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


def choices(values: Iterable[str | Enum], *, blank: str | None = None) -> list[SelectChoice]:
    """Options for a select field with human labels, optionally led by a blank choice."""
    options = [SelectChoice(str(getattr(value, "value", value)), label(value)) for value in values]
    return ([SelectChoice("", blank)] if blank is not None else []) + options
