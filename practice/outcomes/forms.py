from datetime import date

from wtforms import DateField, FieldList, FormField, IntegerField, StringField, SubmitField
from wtforms.validators import InputRequired, Optional

from practice.clinical.outcomes import ItemAnswer
from practice.forms import Form, NotInFuture, RowForm, strip_whitespace

ROWS = 5  # the PSFS's most activities (9); a response with more is refused, not cut


class ItemRow(RowForm):
    """One activity and its score. The range and the count are checked against the instrument
    (``clinical.outcomes.response_problems``), so the messages come from its data."""

    activity = StringField("Activity", filters=[strip_whitespace])
    score = IntegerField(
        "Score", validators=[Optional()], render_kw={"inputmode": "numeric", "autocomplete": "off"}
    )


class ResponseForm(Form):
    recorded_on = DateField(
        "Date", default=date.today, validators=[InputRequired("Enter the date."), NotInFuture()]
    )
    items = FieldList(FormField(ItemRow), min_entries=ROWS)
    submit = SubmitField("Record")

    def answers(self) -> list[ItemAnswer]:
        return [
            ItemAnswer(entry.form.activity.data or "", entry.form.score.data)
            for entry in self.items
        ]

    def show_problems(self, problems) -> None:
        """Put each problem by its field; those of the whole response on the form."""
        for problem in problems:
            if problem.index is None:
                self.form_errors.append(problem.message)
            else:
                self.items[problem.index].form[problem.field].errors.append(problem.message)
