from wtforms import BooleanField, DateField, SubmitField
from wtforms.validators import InputRequired, Optional

from practice.assessments.sections.fields import text
from practice.forms import Form, NotInFuture


class FinaliseForm(Form):
    """Finalising cannot be undone, so it is confirmed on the form itself: a tick the server
    checks, which works without JavaScript and is read out by a screen reader."""

    confirm = BooleanField(
        "I have checked this record. Once finalised it cannot be changed, only amended with "
        "dated addenda.",
        validators=[InputRequired("Tick to confirm that you have checked the record.")],
    )
    submit = SubmitField("Finalise")


class AddendumForm(Form):
    reason = text(
        "Reason",
        500,
        required="Give the reason for the addendum.",
        description="For example: late entry, correction of the left ROM values.",
    )
    refers_to_on = DateField(
        "Refers to the day", validators=[Optional(), NotInFuture()], description="For a late entry."
    )
    text = text("Addendum", 5000, area=True, required="Write the addendum.")
    submit = SubmitField("Add addendum")


class DiscardForm(Form):
    """Set a draft started by mistake aside; the reason is kept with it."""

    reason = text(
        "Why discard this draft",
        500,
        required="Say why the draft is discarded: it stays on the record with the reason.",
        description="For example: started for the wrong patient, or a duplicate of another draft.",
    )
    submit = SubmitField("Discard this draft")
