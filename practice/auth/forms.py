from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, Length

from practice.models.clinic import EMAIL_MAX_LENGTH

PASSWORD_MAX_LENGTH = 1024  # hashing a megabyte-long password would be a cheap denial of service


class SignInForm(FlaskForm):
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
    password = PasswordField(
        "Password",
        validators=[
            DataRequired("Enter your password."),
            Length(max=PASSWORD_MAX_LENGTH, message="That password is too long."),
        ],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField("Sign in")


class SignOutForm(FlaskForm):
    """Empty but for the CSRF token: signing out is a POST so other sites cannot trigger it."""

    submit = SubmitField("Sign out")
