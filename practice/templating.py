"""Jinja filters and globals shared by every template."""

from __future__ import annotations

from datetime import date
from functools import cache

from flask import Flask
from markupsafe import Markup, escape

from practice.clinical.catalogues import RED_FLAGS
from practice.clinical.labels import in_sentence, label, site_text
from practice.form_fields import render_field
from practice.models.patient import CONSENT_SUBJECTS


def consent_subject(code: str) -> str:
    return CONSENT_SUBJECTS.get(code, label(code))


@cache
def reference_sources(sections: tuple[str, ...]) -> Markup:
    """ "sources 7.11, 0.9", each section an abbreviation of the clinical reference's section:
    written once for each set of sections (the plan builder's proposals share a few, and a
    template's loop over them cost a sixtieth of the page)."""
    word = "sources" if len(sections) > 1 else "source"
    abbreviation = Markup(' <abbr title="Clinical reference, section {0}">{0}</abbr>')
    return escape(word) + Markup(",").join(abbreviation.format(section) for section in sections)


def init_app(app: Flask) -> None:
    app.add_template_filter(label)
    app.add_template_filter(in_sentence)
    app.add_template_filter(consent_subject)
    app.context_processor(lambda: {"today": date.today()})
    app.jinja_env.globals["red_flag_definitions"] = RED_FLAGS
    app.jinja_env.globals["render_field"] = render_field
    app.jinja_env.globals["site_text"] = site_text
    app.jinja_env.globals["reference_sources"] = reference_sources
