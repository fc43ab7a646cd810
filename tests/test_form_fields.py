"""practice.form_fields.render_field writes what bootstrap-flask's macro writes, for every field
of the app's forms that templates render through it, plain, with an error, and with keywords."""

import copy
import re
from pathlib import Path

import pytest
from markupsafe import Markup
from wtforms import BooleanField, DateField, IntegerField, RadioField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired
from wtforms.widgets import Select, html_params

from practice.auth.forms import SignInForm
from practice.catalogue.forms import CatalogueSearchForm, ExerciseForm, TechniqueForm
from practice.clinic.forms import AuditFilterForm, ClinicForm, InviteForm, RoleForm, TherapistForm
from practice.form_fields import QuickSelect, quick_html_params, render_field
from practice.forms import Form
from practice.patients.forms import ConsentForm, FlagForm, PatientForm, PatientSearchForm
from practice.plans.forms import AddItemForm, DiscardDraftForm, GoalForm, ScheduleForm


class EveryKind(Form):
    """The kinds no app form above has yet."""

    kind = RadioField(
        "Kind",
        choices=[SelectChoice("a", "A & B"), SelectChoice("b", "C")],
        description="Pick <one>.",
    )
    agreed = BooleanField("Agreed", validators=[DataRequired()], description="Tick it.")
    on = DateField("On")
    count = IntegerField("Count", description="How many.")
    several = SelectMultipleField("Several", choices=[SelectChoice("x", "X")])


FORMS = (
    EveryKind,
    SignInForm,
    CatalogueSearchForm,
    ExerciseForm,
    TechniqueForm,
    AuditFilterForm,
    ClinicForm,
    InviteForm,
    RoleForm,
    TherapistForm,
    ConsentForm,
    FlagForm,
    PatientForm,
    PatientSearchForm,
    AddItemForm,
    DiscardDraftForm,
    GoalForm,
    ScheduleForm,
)
KEYWORDS = ({}, {"rows": 2, "placeholder": "e.g. <this>"}, {"class": "w-auto"})
SUBMIT_KEYWORDS = (
    {},
    {"button_style": "outline-danger"},
    {"button_style": "primary", "button_size": "sm"},
)

MACRO = (
    "{% from 'bootstrap5/form.html' import render_field as macro %}{{ macro(field, **keywords) }}"
)


def _markup(html: str) -> str:
    """Whitespace between and around tags is not markup."""
    return re.sub(r"\s+", " ", re.sub(r">\s+", ">", re.sub(r"\s+<", "<", str(html)))).strip()


def _fields(app):
    with app.test_request_context():
        for form_class in FORMS:
            form = form_class(formdata=None, meta={"csrf": False})
            for field in form:
                if field.type == "SelectField" and not field.choices:
                    field.choices = [SelectChoice("", "Choose"), SelectChoice("1", "One & two")]
                yield form_class.__name__, field


def _help(field) -> str:
    return f'<small class="form-text text-body-secondary">{field.description}</small>'


def test_a_refused_field_keeps_its_help_under_the_error(app):
    """The macro drops the help when there is an error: the moment it is needed most."""
    with app.test_request_context():
        field = next(field for _, field in _fields(app) if field.name == "count")
        field.errors = ["Enter a whole number."]
        written = _markup(render_field(field))
    error = '<div class="invalid-feedback d-block">Enter a whole number.</div>'
    assert written.endswith(error + _help(field) + "</div>")


@pytest.mark.parametrize("with_error", [False, True], ids=["plain", "with an error"])
def test_every_field_is_written_as_the_macro_writes_it(app, with_error):
    template = app.jinja_env.from_string(MACRO)
    compared = 0
    with app.test_request_context():
        for form_name, field in _fields(app):
            if with_error:
                field.errors = ["Enter <something> valid."]
            keyword_sets = SUBMIT_KEYWORDS if field.type == "SubmitField" else KEYWORDS
            for keywords in keyword_sets:
                expected = _markup(template.render(field=field, keywords=dict(keywords)))
                if with_error and field.description:  # the help stays under the error
                    expected = _markup(expected.removesuffix("</div>") + _help(field) + "</div>")
                assert _markup(render_field(field, **dict(keywords))) == expected, (
                    f"{form_name}.{field.name} with {keywords}"
                )
                compared += 1
    assert compared > 300  # every form above was read


def test_templates_use_the_python_field(app):
    """A template that imported the macro again would shadow it: the slow path, silently."""
    assert app.jinja_env.globals["render_field"] is render_field
    templates = Path(app.root_path).parent / "templates"
    importing = [
        path.name
        for path in templates.rglob("*.html")
        if re.search(r"import[^%]*\brender_field\b", path.read_text(encoding="utf-8"))
    ]
    assert importing == []


def test_every_select_writes_what_wtforms_writes(app):
    compared = 0
    with app.test_request_context():
        for form_name, field in _fields(app):
            if field.type != "SelectField":
                continue
            assert isinstance(field.widget, QuickSelect), f"{form_name}.{field.name}"
            choices = list(field.iter_choices())
            for chosen in (None, choices[-1].value):
                field.data = chosen
                assert str(field(class_="form-select")) == str(
                    Select()(field, class_="form-select")
                ), f"{form_name}.{field.name} = {chosen!r}"
                compared += 1
    assert compared > 40


TRICKY_ATTRIBUTES = (
    {},
    {"placeholder": 'say "when" & <stop>', "data_row_index": 3, "aria_describedby": "x y"},
    {"required": True, "disabled": False, "class_": "a b", "for_": "f", "title": "it's"},
    {"value": Markup('<b title="t">already safe</b>'), "min": 0, "step": "any"},
)


@pytest.mark.parametrize("attributes", TRICKY_ATTRIBUTES)
def test_quick_attributes_are_wtforms_attributes(attributes):
    assert str(quick_html_params(**attributes)) == str(html_params(**attributes))


def test_every_quick_widget_writes_what_its_wtforms_widget_writes(app):
    """The forms' meta gives each field a quick copy of its widget; rendered by the library's
    own class instead, every field and keyword set gives the same markup."""
    compared = 0
    with app.test_request_context():
        for form_name, field in _fields(app):
            quick = field.widget
            library = copy.copy(quick)
            library.__class__ = Select if isinstance(quick, QuickSelect) else type(quick).__base__
            assert library.__class__.__module__.startswith("wtforms"), f"{form_name}.{field.name}"
            for attributes in TRICKY_ATTRIBUTES:
                assert str(quick(field, **attributes)) == str(library(field, **attributes)), (
                    f"{form_name}.{field.name} with {attributes}"
                )
                compared += 1
    assert compared > 200
