"""Jinja filters and globals shared by every template."""

from __future__ import annotations

from datetime import date

from flask import Flask

from practice.clinical.catalogues import RED_FLAGS
from practice.clinical.labels import in_sentence, label, site_text
from practice.form_fields import render_field
from practice.models.patient import CONSENT_SUBJECTS


def consent_subject(code: str) -> str:
    return CONSENT_SUBJECTS.get(code, label(code))


def init_app(app: Flask) -> None:
    app.add_template_filter(label)
    app.add_template_filter(in_sentence)
    app.add_template_filter(consent_subject)
    app.context_processor(lambda: {"today": date.today()})
    app.jinja_env.globals["red_flag_definitions"] = RED_FLAGS
    app.jinja_env.globals["render_field"] = render_field
    app.jinja_env.globals["site_text"] = site_text
