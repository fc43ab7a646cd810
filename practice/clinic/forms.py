"""The clinic's settings form and the form of one therapist's details."""

from __future__ import annotations

from typing import Any

from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from practice.clinic.logo import MAX_BYTES, MAX_PIXELS, Logo, LogoError, checked_logo
from practice.clinical.labels import label
from practice.config import SESSION_IDLE_MINUTES_RANGE, SESSION_LIFETIME_HOURS_RANGE
from practice.forms import PAPER_CHOICES, Form, strip_whitespace
from practice.models import Role
from practice.models.clinic import (
    ADDRESS_MAX_LENGTH,
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    REGISTRATION_LINE_MAX_LENGTH,
    REGISTRATION_NUMBER_MAX_LENGTH,
)

TEXT = [strip_whitespace]
ADDRESS_MAX_LINES = 6
PHONE = r"^\+?[0-9 ()\-.]*[0-9][0-9 ()\-.]*(?:(?:ext\.?|x) ?[0-9]+)?$"


def _length(limit: int) -> Length:
    return Length(max=limit, message=f"Keep this to {limit} characters or fewer.")


def address_lines(value):
    """One line per printed line: each stripped, blank ones dropped, joined with newlines."""
    if not isinstance(value, str):
        return value
    return "\n".join(line.strip() for line in value.splitlines() if line.strip())


class ClinicForm(Form):
    name = StringField(
        "Clinic name",
        filters=TEXT,
        validators=[DataRequired("Enter the clinic's name."), _length(NAME_MAX_LENGTH)],
    )
    address = TextAreaField(
        "Address",
        filters=[address_lines],
        validators=[_length(ADDRESS_MAX_LENGTH)],
        description="As it should print on handouts, one line per line.",
    )
    phone = StringField(
        "Phone",
        filters=TEXT,
        validators=[
            Optional(),
            _length(PHONE_MAX_LENGTH),
            Regexp(PHONE, message="Enter a phone number: digits, spaces and + ( ) - only."),
        ],
    )
    email = EmailField(
        "E-mail",
        filters=TEXT,
        validators=[
            Optional(),
            _length(EMAIL_MAX_LENGTH),
            Email("Enter a valid e-mail address.", check_deliverability=False),
        ],
    )
    registration_line = StringField(
        "Registration line",
        filters=TEXT,
        validators=[_length(REGISTRATION_LINE_MAX_LENGTH)],
        description='Printed under the clinic\'s details, for example "Registered with the HCPC".',
    )
    logo = FileField(
        "New logo",
        description=f"A PNG or SVG file of up to {MAX_BYTES // 1024} KB; a PNG of up to "
        f"{MAX_PIXELS} pixels on each side. Leave empty to keep the current logo.",
    )
    remove_logo = BooleanField("Remove the logo")
    default_paper = SelectField("Paper for handouts", choices=PAPER_CHOICES)
    session_idle_minutes = IntegerField(
        "Sign out after this many idle minutes",
        validators=[
            Optional(),
            NumberRange(
                SESSION_IDLE_MINUTES_RANGE[0],
                SESSION_IDLE_MINUTES_RANGE[-1],
                f"Choose {SESSION_IDLE_MINUTES_RANGE[0]} to {SESSION_IDLE_MINUTES_RANGE[-1]} "
                "minutes, or leave it empty for the app's setting.",
            ),
        ],
        description="Leave empty for the app's setting.",
    )
    session_lifetime_hours = IntegerField(
        "Sign out this many hours after sign-in, however busy",
        validators=[
            Optional(),
            NumberRange(
                SESSION_LIFETIME_HOURS_RANGE[0],
                SESSION_LIFETIME_HOURS_RANGE[-1],
                f"Choose {SESSION_LIFETIME_HOURS_RANGE[0]} to {SESSION_LIFETIME_HOURS_RANGE[-1]} "
                "hours, or leave it empty for the app's setting.",
            ),
        ],
        description="Leave empty for the app's setting.",
    )
    submit = SubmitField("Save clinic details")

    def __init__(self, *args: Any, taken: Any = None, **kwargs: Any) -> None:
        """``taken(name)`` tells whether another clinic has that name already."""
        super().__init__(*args, **kwargs)
        self._taken = taken
        self.chosen_logo: Logo | None = None

    @property
    def logo_was_chosen(self) -> bool:
        return bool(self.logo.data and getattr(self.logo.data, "filename", ""))

    def validate_name(self, field) -> None:
        if self._taken is not None and self._taken(field.data):
            raise ValidationError("Another clinic already has this name: choose another.")

    def validate_address(self, field) -> None:
        if len(field.data.splitlines()) > ADDRESS_MAX_LINES:
            raise ValidationError(f"Keep the address to {ADDRESS_MAX_LINES} lines or fewer.")

    def validate_logo(self, field) -> None:
        if not self.logo_was_chosen:
            return
        try:
            self.chosen_logo = checked_logo(field.data.read(MAX_BYTES + 1))
        except LogoError as error:
            raise ValidationError(str(error)) from None

    def validate_remove_logo(self, field) -> None:
        if field.data and self.logo_was_chosen:
            raise ValidationError("Choose a new logo or remove the logo, not both.")

    def values(self) -> dict[str, str]:
        return {
            "name": self.name.data,
            "address": self.address.data,
            "phone": self.phone.data,
            "email": self.email.data or "",
            "registration_line": self.registration_line.data,
            "default_paper": self.default_paper.data,
            "session_idle_minutes": self.session_idle_minutes.data,
            "session_lifetime_hours": self.session_lifetime_hours.data,
        }


class TherapistForm(Form):
    """A therapist's name and registration number, as the handouts print them."""

    display_name = StringField(
        "Name",
        filters=TEXT,
        validators=[DataRequired("Enter the therapist's name."), _length(NAME_MAX_LENGTH)],
    )
    registration_number = StringField(
        "Registration number",
        filters=TEXT,
        validators=[_length(REGISTRATION_NUMBER_MAX_LENGTH)],
    )
    submit = SubmitField("Save")


ROLE_CHOICES = [SelectChoice(role.value, label(role)) for role in Role]


class InviteForm(Form):
    """A new colleague: the admin copies the one-time link the page then shows."""

    email = EmailField(
        "E-mail",
        filters=TEXT,
        validators=[
            DataRequired("Enter their e-mail address: they sign in with it."),
            _length(EMAIL_MAX_LENGTH),
            Email("Enter a valid e-mail address.", check_deliverability=False),
        ],
    )
    display_name = StringField(
        "Name",
        filters=TEXT,
        validators=[DataRequired("Enter their name."), _length(NAME_MAX_LENGTH)],
    )
    role = SelectField("Role", choices=ROLE_CHOICES, default=Role.CLINICIAN.value)
    submit = SubmitField("Invite")


class RoleForm(Form):
    role = SelectField("Role", choices=ROLE_CHOICES)
    submit = SubmitField("Change role")


class ConfirmForm(Form):
    """A button that changes something: a POST with its CSRF token and nothing else."""

    submit = SubmitField("Confirm")


class AuditFilterForm(Form):
    """The audit trail's filters, read from the query string."""

    class Meta:
        csrf = False  # a GET that changes nothing

    patient = IntegerField("Patient number", validators=[Optional(), NumberRange(min=1)])
    user = SelectField("User", choices=[], default="")
    since = DateField("From", validators=[Optional()])
    until = DateField("To", validators=[Optional()])
