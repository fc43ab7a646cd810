from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from practice.forms import Form
from practice.models.clinic import EMAIL_MAX_LENGTH

PASSWORD_MAX_LENGTH = 1024  # hashing a megabyte-long password would be a cheap denial of service


def _current_password(label: str, missing: str) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            DataRequired(missing),
            Length(max=PASSWORD_MAX_LENGTH, message="That password is too long."),
        ],
        render_kw={"autocomplete": "current-password"},
    )


class SignInForm(Form):
    email = EmailField(
        "Email",
        validators=[
            DataRequired("Enter your email address."),
            Length(max=EMAIL_MAX_LENGTH, message="That email address is too long."),
            Email("Enter a valid email address.", check_deliverability=False),
        ],
        filters=[lambda value: value.strip() if value else value],
        render_kw={"autocomplete": "username", "autofocus": True},
    )
    password = _current_password("Password", "Enter your password.")
    submit = SubmitField("Sign in")


class SignOutForm(Form):
    """Empty but for the CSRF token: signing out is a POST so other sites cannot trigger it."""

    submit = SubmitField("Sign out")


def _new_password(label: str) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            DataRequired("Enter the new password."),
            Length(max=PASSWORD_MAX_LENGTH, message="That password is too long."),
        ],
        render_kw={"autocomplete": "new-password"},
        description="At least 12 characters, not easy to guess, and not your name or e-mail. "
        "Several unrelated words work well.",
    )


class SetPasswordForm(Form):
    """The page a one-time link opens: the person chooses their password."""

    new_password = _new_password("New password")
    confirm = PasswordField(
        "The new password again",
        validators=[EqualTo("new_password", "The two passwords are not the same.")],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField("Set password")


class ChangePasswordForm(SetPasswordForm):
    current_password = _current_password("Current password", "Enter your current password.")
    submit = SubmitField("Change password")
