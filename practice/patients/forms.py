from datetime import date

from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
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
from wtforms.widgets import CheckboxInput, ListWidget

from practice.clinical.assessment_data import ActivityLevel
from practice.clinical.labels import in_sentence, label
from practice.clinical.regions import load_region_map
from practice.clinical.vocabulary import (
    LIMB_OF_REGION,
    PREGNANCY_QUALIFIERS,
    BodyRegion,
    FlagKind,
    FlagSiteKind,
    Side,
    TechniqueKind,
    flag_site_kind,
)
from practice.forms import Form, NotBefore, NotInFuture, choices, strip_whitespace
from practice.models import ConsentGivenBy, ConsentScope, ConsentType, Sex
from practice.models.clinic import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH
from practice.models.patient import CONSENT_SUBJECTS
from practice.patients.search_keys import MAX_QUERY_WORDS, query_words

EARLIEST_BIRTH = date(1900, 1, 1)
TEXT = [strip_whitespace]


def _length(limit: int) -> Length:
    return Length(max=limit, message=f"Keep this to {limit} characters or fewer.")


class PatientForm(Form):
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
    reference = StringField(
        "Clinic reference",
        filters=TEXT,
        validators=[_length(40)],
        description="Your own number for the patient, if the clinic keeps one (optional).",
    )
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
    # The version of the details the form was filled from (optimistic locking, as for drafts).
    version = HiddenField()
    submit = SubmitField("Save patient")


class PatientSearchForm(Form):
    class Meta:
        csrf = False  # a GET search changes nothing

    # The start of any word is enough: "mar smi" finds Mary Smith (the placeholder says so).
    q = StringField("Name, phone or reference", filters=TEXT, validators=[_length(100)])
    dob = DateField("Date of birth", validators=[Optional()])
    archived = BooleanField("Include archived patients")

    def validate_q(self, field) -> None:
        if not field.data:
            return
        found = query_words(field.data)
        if not found:
            raise ValidationError(
                "Search by letters or digits: the start of a name, a phone number or a reference."
            )
        if len(found) > MAX_QUERY_WORDS:
            raise ValidationError(f"Search by at most {MAX_QUERY_WORDS} words.")

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(query_words(self.q.data or ""))


RECORDED_FLAG_KINDS = [kind for kind in FlagKind if kind not in PREGNANCY_QUALIFIERS]
"""The kinds a clinician records; the pregnancy qualifiers are read from a pregnancy flag."""
FLAG_REGIONS = [region for region in BodyRegion if region is not BodyRegion.WHOLE_BODY]
"""A flag's site is one or more real regions: a flag everywhere is a flag without a site."""
SIDED = (Side.LEFT, Side.RIGHT, Side.BILATERAL)


class FlagForm(Form):
    kind = SelectField("Flag", choices=choices(RECORDED_FLAG_KINDS, blank="Choose a flag"))
    regions = SelectMultipleField(
        "Body regions",
        choices=choices(FLAG_REGIONS),
        default=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        description="Tick every region the flag covers, for example the wrist and the forearm "
        "for one wound.",
    )
    side = SelectField("Side", choices=choices(Side, blank="No side"), default="")
    trimester = IntegerField(
        "Trimester",
        validators=[Optional(), NumberRange(1, 3, "The trimester is 1, 2 or 3.")],
    )
    high_risk = BooleanField("High-risk pregnancy")
    technique = SelectField(
        "Technique declined", choices=choices(TechniqueKind, blank="No technique"), default=""
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

    def region_groups(self) -> list[tuple[str, list]]:
        """The region checkboxes by part of the body (head and neck, trunk, each limb)."""
        rows = load_region_map().regions
        groups: dict[str, list] = {}
        for option in self.regions:
            groups.setdefault(rows[BodyRegion(option.data)].segment, []).append(option)
        return [(label(segment), options) for segment, options in groups.items()]

    def validate_kind(self, field) -> None:
        if not field.data:
            raise ValidationError("Choose a flag.")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.kind.errors:
            return False
        kind = FlagKind(self.kind.data)
        problems = [
            *self._site_problems(kind),
            *self._pregnancy_problems(kind),
            *self._technique_problems(kind),
        ]
        for field, message in problems:
            field.errors.append(message)
        return valid and not problems

    def _site_problems(self, kind: FlagKind):
        regions = [BodyRegion(code) for code in self.regions.data or () if not self.regions.errors]
        sited = flag_site_kind(kind) is not FlagSiteKind.NONE
        if sited and not regions and not self.regions.errors:
            yield self.regions, "This flag needs the body region it applies to."
        if sited and not self.side.data:
            yield self.side, "This flag needs its side (or not applicable)."
        if not regions or not self.side.data or self.side.errors:
            return
        side = Side(self.side.data)
        with_sides = [region for region in regions if region in LIMB_OF_REGION]
        if side in SIDED and not with_sides:
            has = "has" if len(regions) == 1 else "have"
            message = f"{_joined(regions)} {has} no left or right side: choose Not applicable."
            yield self.side, message
        if side is Side.NOT_APPLICABLE and with_sides:
            has = "has" if len(with_sides) == 1 else "have"
            message = f"{_joined(with_sides)} {has} a side: choose left, right or bilateral."
            yield self.side, message

    def _pregnancy_problems(self, kind: FlagKind):
        if kind is FlagKind.PREGNANCY and self.trimester.data is None:
            yield self.trimester, "Enter the trimester of the pregnancy."
        if kind is not FlagKind.PREGNANCY and self.trimester.data is not None:
            yield self.trimester, "A trimester belongs only to a pregnancy flag."
        if kind is not FlagKind.PREGNANCY and self.high_risk.data:
            yield self.high_risk, "High risk belongs only to a pregnancy flag."

    def _technique_problems(self, kind: FlagKind):
        if kind is FlagKind.TECHNIQUE_DECLINED and not self.technique.data:
            yield self.technique, "Choose the technique the patient declines."
        if kind is not FlagKind.TECHNIQUE_DECLINED and self.technique.data:
            yield self.technique, "A technique belongs only to a declined-technique flag."


def _joined(regions: list[BodyRegion]) -> str:
    names = [in_sentence(region) for region in regions]
    return "The " + (names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}")


class ResolveFlagForm(Form):
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


class ConsentForm(Form):
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


class WithdrawConsentForm(Form):
    withdrawn_on = DateField(
        "Withdrawn on", default=date.today, validators=[InputRequired(), NotInFuture()]
    )
    submit = SubmitField("Record withdrawal")


class ConfirmActionForm(Form):
    """A button that changes the patient's standing (archive, restore): the CSRF token only."""

    submit = SubmitField("Confirm")
