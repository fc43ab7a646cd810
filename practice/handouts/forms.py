from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SubmitField
from wtforms.fields.choices import SelectChoice

from practice.models import Paper

PAPER_CHOICES = [SelectChoice(Paper.A4.value, "A4"), SelectChoice(Paper.LETTER.value, "US Letter")]


class HandoutOptionsForm(FlaskForm):
    """Paper and print size; read from the query string for the print page, posted for a PDF."""

    paper = SelectField("Paper", choices=PAPER_CHOICES, default=Paper.A4.value)
    large_print = BooleanField("Large print (18 pt)")
    submit = SubmitField("Make PDF handout")


class PrintPageOptionsForm(HandoutOptionsForm):
    class Meta:
        csrf = False  # a GET that changes nothing
