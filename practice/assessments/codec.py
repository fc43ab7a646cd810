"""AssessmentData <-> JSON for the database column and the patient's export.

cattrs does the structuring (dataclasses, enums, tuples, dates), so the clinical dataclasses stay
the single schema and their own validation runs on every load.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cattrs.preconf.json import make_converter

from practice.clinical.assessment_data import AssessmentData

converter = make_converter()
# Decimals travel as strings: JSON numbers would turn 0.7 into 0.69999…
converter.register_unstructure_hook(Decimal, str)
converter.register_structure_hook(Decimal, lambda value, _type: Decimal(str(value)))


def to_json(data: AssessmentData) -> dict[str, Any]:
    return converter.unstructure(data)


def from_json(raw: dict[str, Any] | None) -> AssessmentData:
    return converter.structure(raw or {}, AssessmentData)
