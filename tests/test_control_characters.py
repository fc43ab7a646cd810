"""No form keeps a control character (issue 12 point 7): every form of the app is built on
practice.forms.Form or RowForm, whose text fields refuse them with a message."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
import wtforms
from flask_wtf import FlaskForm
from sqlalchemy import func, select

import practice
from practice.extensions import db
from practice.forms import CONTROL_CHARACTER_MESSAGE, Form, RowForm
from practice.models import Patient
from tests.conftest import csrf_token_from
from tests.html_forms import form_values


def _every_form_class() -> list[type]:
    for module in pkgutil.walk_packages(practice.__path__, "practice."):
        importlib.import_module(module.name)
    found, todo = [], [wtforms.Form]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__.startswith("practice."):
                found.append(subclass)
    return found


def test_every_form_of_the_app_refuses_control_characters():
    forms = _every_form_class()
    assert len(forms) > 30
    loose = [
        form.__qualname__
        for form in forms
        if not issubclass(form, Form if issubclass(form, FlaskForm) else RowForm)
    ]
    assert loose == []


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f", "\x9b"])
def test_a_control_character_in_a_patient_is_refused_with_everything_kept(
    app, client, me, character
):
    page = client.get("/patients/new").get_data(as_text=True)
    typed = {
        "csrf_token": csrf_token_from(page),
        "given_names": f"Ada{character}",
        "family_name": "Lovelace",
        "date_of_birth": "1970-01-01",
        "sex": "female",
        "occupation": "Mathematician",
    }
    with app.app_context():
        before = db.session.scalar(select(func.count(Patient.id)))
    response = client.post("/patients/new", data=typed)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "invisible control character" in page
    assert CONTROL_CHARACTER_MESSAGE.split(",")[0] in page
    assert 'value="Mathematician"' in page
    with app.app_context():
        assert db.session.scalar(select(func.count(Patient.id))) == before


def test_tabs_and_new_lines_are_typed_text(app, client, me):
    page = client.get("/patients/new").get_data(as_text=True)
    typed = {
        "csrf_token": csrf_token_from(page),
        "given_names": "Ada",
        "family_name": "Lovelace",
        "date_of_birth": "1970-01-01",
        "sex": "female",
        "address": "1 High Street\r\nTown",
    }
    assert client.post("/patients/new", data=typed).status_code == 302


def test_a_tampered_choice_is_a_400_with_the_form_and_everything_typed(app, client, me):
    page = client.get("/patients/new").get_data(as_text=True)
    typed = {
        "csrf_token": csrf_token_from(page),
        "given_names": "Ada",
        "family_name": "Lovelace",
        "date_of_birth": "1970-01-01",
        "sex": "not-a-sex",  # never offered
        "occupation": "Mathematician",
    }
    response = client.post("/patients/new", data=typed)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Not a valid choice" in page
    assert 'value="Mathematician"' in page


def test_a_tampered_red_flag_code_is_a_400_with_the_form(app, client, assessment_id):
    url = f"/assessments/{assessment_id}/sections/subjective"
    values = form_values(client.get(url).get_data(as_text=True))
    code = next(name for name in values if name.startswith("red_flags-") and name.endswith("code"))
    values |= {code: "no_such_red_flag", "presenting_complaint": "Calf pain"}
    response = client.post(url, data=values)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Calf pain" in page
    assert "The red-flag list was altered; reload the page." in page
