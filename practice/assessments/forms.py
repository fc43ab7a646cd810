from wtforms import DateField, SubmitField
from wtforms.validators import Optional

from practice.assessments.sections.fields import text
from practice.forms import Form, NotInFuture


class FinaliseForm(Form):
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
