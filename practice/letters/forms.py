from wtforms import RadioField, SelectField, SubmitField, TextAreaField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from practice.clinical.catalogues import Urgency
from practice.forms import PAPER_CHOICES, Form, choices, strip_whitespace
from practice.models import LetterKind, Paper
from practice.models.letter import ADDRESSEE_MAX_LENGTH, EXTRA_MAX_LENGTH, REASON_MAX_LENGTH

TEXT = [strip_whitespace]
KIND_CHOICES = [
    SelectChoice(
        LetterKind.REFERRAL.value, "Referral: sending the patient on, with the reason and urgency"
    ),
    SelectChoice(LetterKind.DISCHARGE.value, "Discharge: the end of this episode of care"),
]


def _length(limit: int) -> Length:
    return Length(max=limit, message=f"Keep this to {limit} characters or fewer.")


class LetterForm(Form):
    """The letter to the referring doctor; ``has_referrer`` words the message for an empty
    addressee (the field is filled from the patient's referrer)."""

    kind = RadioField(
        "Kind of letter",
        choices=KIND_CHOICES,
        default=LetterKind.REFERRAL.value,
        validators=[InputRequired("Choose a referral or a discharge letter.")],
    )
    addressee = TextAreaField(
        "To",
        filters=TEXT,
        validators=[_length(ADDRESSEE_MAX_LENGTH)],
        description="The doctor's name and address, one per line, as the letter prints them.",
    )
    urgency = SelectField(
        "Urgency of the referral",
        choices=choices(Urgency, blank="Choose…"),
        default="",
        description="As the red-flag screen records it (1.2); not used in a discharge letter.",
    )
    reason = TextAreaField("Reason", filters=TEXT, validators=[_length(REASON_MAX_LENGTH)])
    extra = TextAreaField(
        "Anything else the doctor should know (optional)",
        filters=TEXT,
        validators=[_length(EXTRA_MAX_LENGTH)],
    )
    paper = SelectField("Paper", choices=PAPER_CHOICES, default=Paper.A4.value)
    preview = SubmitField("Preview the letter")
    issue = SubmitField("Issue the letter as a PDF (recorded)")

    def __init__(self, *args, has_referrer: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.has_referrer = has_referrer

    @property
    def letter_kind(self) -> LetterKind | None:
        try:
            return LetterKind(self.kind.data)
        except ValueError:
            return None

    def validate_addressee(self, field) -> None:
        if not field.data:
            raise ValidationError(
                "Type who the letter goes to: the patient has no referrer recorded."
                if not self.has_referrer
                else "Type who the letter goes to."
            )

    def validate_reason(self, field) -> None:
        if not field.data:
            kind = self.letter_kind.value if self.letter_kind else "referral or discharge"
            raise ValidationError(f"Write the reason for the {kind}.")

    def validate_urgency(self, field) -> None:
        if self.letter_kind is LetterKind.REFERRAL and not field.data:
            raise ValidationError("Choose how urgent the referral is.")

    @property
    def typed_urgency(self) -> Urgency | None:
        if self.letter_kind is not LetterKind.REFERRAL or not self.urgency.data:
            return None
        return Urgency(self.urgency.data)
