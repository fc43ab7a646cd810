"""The assessment form's sections. Each can be filled in any order and saved as a draft.

A section is a form class plus two plain functions: ``load`` gives the form's data from the
stored record, ``apply`` gives a new record with the section replaced from the validated form.
``apply`` raises ``SectionInputError`` for problems that only show once rows are combined.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_wtf import FlaskForm

from practice.clinical.assessment_data import AssessmentData


class SectionInputError(ValueError):
    """Input that passed the field validators but cannot form a valid record section."""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    form_class: type[FlaskForm]
    load: Callable[[AssessmentData], dict[str, Any]]
    apply: Callable[[FlaskForm, AssessmentData], AssessmentData]
    template: str
    has_impression: bool = False  # the clinician's impression is stored beside the record


def _registry() -> dict[str, Section]:
    from practice.assessments.sections import (
        circulation,
        lifestyle,
        mobility,
        posture,
        spasms,
        strength,
        subjective,
    )

    sections = (
        subjective.SECTION,
        posture.SECTION,
        strength.SECTION,
        mobility.SECTION,
        circulation.SECTION,
        spasms.SECTION,
        lifestyle.SECTION,
    )
    return {section.key: section for section in sections}


SECTIONS = _registry()
