from wtforms import BooleanField, SelectField, SubmitField

from practice.forms import PAPER_CHOICES, Form
from practice.models import Paper


class HandoutOptionsForm(Form):
    """Paper and print size; read from the query string for the print page, posted for a PDF."""

    paper = SelectField("Paper", choices=PAPER_CHOICES, default=Paper.A4.value)
    large_print = BooleanField("Large print (18 pt)")
    submit = SubmitField("Make PDF handout")


class PrintPageOptionsForm(HandoutOptionsForm):
    class Meta:
        csrf = False  # a GET that changes nothing
