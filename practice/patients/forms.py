from datetime import date

from flask_wtf import FlaskForm
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
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from practice.clinical.assessment_data import ActivityLevel
from practice.clinical.vocabulary import BodyRegion, FlagKind, FlagSiteKind, Side, flag_site_kind
from practice.forms import NotBefore, NotInFuture, choices, strip_whitespace
from practice.models import ConsentGivenBy, ConsentScope, ConsentType, Sex
from practice.models.clinic import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH
from practice.models.patient import CONSENT_SUBJECTS

EARLIEST_BIRTH = date(1900, 1, 1)
TEXT = [strip_whitespace]


def _length(limit: int) -> Length:
    return Length(max=limit, message=f"Keep this to {limit} characters or fewer.")


class PatientForm(FlaskForm):
    given_names = StringField(
        "Given names",
        filters=TEXT,
        validators=[DataRequired("Enter the patient's given names."), _length(NAME_MAX_LENGTH)],
    )
    family_name = StringField(
        "Family name",
        filters=TEXT,
        validators=[DataRequired("Enter the patient's family name."), _length(NAME_MAX_LENGTH)],
    )
    date_of_birth = DateField(
        "Date of birth",
        validators=[
            InputRequired("Enter the date of birth."),
            NotInFuture("The date of birth cannot be in the future."),
            NotBefore(EARLIEST_BIRTH, "Check the year of birth: it is before 1900."),
        ],
    )
    sex = SelectField("Sex", choices=choices(Sex), default=Sex.NOT_STATED.value)
    phone = StringField("Phone", filters=TEXT, validators=[_length(40)])
    email = EmailField(
        "Email",
        filters=TEXT,
        validators=[
            Optional(),
            _length(EMAIL_MAX_LENGTH),
            Email("Enter a valid email address.", check_deliverability=False),
        ],
    )
    address = TextAreaField("Address", filters=TEXT, validators=[_length(500)])
    referrer = StringField("Referred by", filters=TEXT, validators=[_length(200)])
    general_practitioner = StringField("GP", filters=TEXT, validators=[_length(200)])
    occupation = StringField("Occupation", filters=TEXT, validators=[_length(200)])
    activity_level = SelectField(
        "Activity level", choices=choices(ActivityLevel, blank="Not recorded"), default=""
    )
    medications = TextAreaField(
        "Medications",
        filters=TEXT,
        validators=[_length(5000)],
        description="One per line. Record anticoagulants as a clinical flag as well.",
    )
    submit = SubmitField("Save patient")


class PatientSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    q = StringField("Name", filters=TEXT, validators=[_length(100)])
    dob = DateField("Date of birth", validators=[Optional()])


class FlagForm(FlaskForm):
    kind = SelectField("Flag", choices=choices(FlagKind, blank="Choose a flag"))
    region = SelectField("Body region", choices=choices(BodyRegion, blank="No site"), default="")
    side = SelectField("Side", choices=choices(Side, blank="No side"), default="")
    trimester = IntegerField(
        "Trimester",
        validators=[Optional(), NumberRange(1, 3, "The trimester is 1, 2 or 3.")],
    )
    detail = StringField(
        "Detail",
        filters=TEXT,
        validators=[_length(500)],
        description="For example the device type, the drug, or how the DVT was confirmed.",
    )
    recorded_on = DateField(
        "Recorded on",
        default=date.today,
        validators=[InputRequired("Enter the date."), NotInFuture()],
    )
    submit = SubmitField("Add flag")

    def validate_kind(self, field) -> None:
        if not field.data:
            raise ValidationError("Choose a flag.")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.kind.errors:
            return False
        kind = FlagKind(self.kind.data)
        if flag_site_kind(kind) is not FlagSiteKind.NONE:
            if not self.region.data:
                self.region.errors.append("This flag needs the body region it applies to.")
                valid = False
            if not self.side.data:
                self.side.errors.append("This flag needs its side (or not applicable).")
                valid = False
        if kind is FlagKind.PREGNANCY and self.trimester.data is None:
            self.trimester.errors.append("Enter the trimester of the pregnancy.")
            valid = False
        if kind is not FlagKind.PREGNANCY and self.trimester.data is not None:
            self.trimester.errors.append("A trimester belongs only to a pregnancy flag.")
            valid = False
        return valid


class ResolveFlagForm(FlaskForm):
    resolved_on = DateField(
        "Resolved on", default=date.today, validators=[InputRequired(), NotInFuture()]
    )
    resolution_note = StringField(
        "Why",
        filters=TEXT,
        validators=[DataRequired("Say why the flag no longer applies."), _length(500)],
        description="For example: DVT excluded by duplex scan, letter from GP dated …",
    )
    submit = SubmitField("Resolve flag")


class ConsentForm(FlaskForm):
    subject = SelectField(
        "Consent to", choices=[SelectChoice(code, text) for code, text in CONSENT_SUBJECTS.items()]
    )
    consent_type = SelectField("How given", choices=choices(ConsentType))
    scope = SelectField("Scope", choices=choices(ConsentScope), default=ConsentScope.COURSE.value)
    given_by = SelectField("Given by", choices=choices(ConsentGivenBy))
    capacity_confirmed = BooleanField("Capacity to consent confirmed")
    risks_discussed = TextAreaField(
        "Risks discussed",
        filters=TEXT,
        validators=[_length(2000)],
        description="For dry needling: bruising, soreness, bleeding, fainting, infection, "
        "nerve injury, pneumothorax (rare).",
    )
    given_on = DateField(
        "Date", default=date.today, validators=[InputRequired("Enter the date."), NotInFuture()]
    )
    submit = SubmitField("Record consent")

    def validate_capacity_confirmed(self, field) -> None:
        if not field.data:
            raise ValidationError("Consent is valid only from someone with capacity: confirm it.")


class WithdrawConsentForm(FlaskForm):
    withdrawn_on = DateField(
        "Withdrawn on", default=date.today, validators=[InputRequired(), NotInFuture()]
    )
    submit = SubmitField("Record withdrawal")
