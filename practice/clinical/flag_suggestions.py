"""Patient flags the subjective record suggests, for the clinician to record or not.

Nothing here creates a flag: a suggestion is shown on the assessment with a way to record it on
the patient, because a flag drives screening and is the clinician's decision. Where each
suggestion comes from:

- an anticoagulant or antiplatelet medication: the ``anticoagulants`` flag (1.1 "flag
  anticoagulants/antiplatelets"; 0.8 keeps it apart from bleeding disorders);
- insulin: the ``diabetes`` flag (insulin is taken for diabetes; 1.1 lists diabetes in the past
  medical history, and it is a patient flag). The reference does not name insulin;
- a pain score the patient cannot rate reliably: the ``cognitive_impairment`` flag when the
  patient cannot report discomfort (0.3: electrotherapy is contraindicated then);
- a corticosteroid: no flag (1.2 lists prolonged corticosteroid use under possible fracture, a
  red-flag feature to reason with, not a flag the reference screens by).

A recorded temperature suggests nothing: 1.2 lists fever under infection but gives no
temperature from which it is one, and suggesting the fever flag for every value (36.7 °C
included) told the clinician nothing. The value is on the record for them to judge.
"""

from __future__ import annotations

from dataclasses import dataclass

from practice.clinical.assessment_data import Medication, MedicationClass, Subjective
from practice.clinical.vocabulary import FlagKind

MEDICATION_FLAGS: dict[MedicationClass, tuple[FlagKind, str]] = {
    MedicationClass.ANTICOAGULANT: (FlagKind.ANTICOAGULANTS, "0.8"),
    MedicationClass.ANTIPLATELET: (FlagKind.ANTICOAGULANTS, "0.8"),
    MedicationClass.INSULIN: (FlagKind.DIABETES, "1.1"),
}
"""The medication classes that suggest a patient flag, with the section of each mapping."""


@dataclass(frozen=True)
class FlagSuggestion:
    """A flag the record suggests (``kind`` None: a prompt with no flag to record), why, and
    the detail to pre-fill on the flag form."""

    kind: FlagKind | None
    reason: str
    detail: str
    section: str


def flag_suggestions(subjective: Subjective) -> list[FlagSuggestion]:
    """Every suggestion the subjective record gives, one per flag, in a stable order."""
    suggestions = []
    by_flag: dict[FlagKind, list[Medication]] = {}
    for medication in subjective.medications:
        if medication.medication_class in MEDICATION_FLAGS:
            by_flag.setdefault(MEDICATION_FLAGS[medication.medication_class][0], []).append(
                medication
            )
    for kind, medications in by_flag.items():
        named = _named(medications)
        section = MEDICATION_FLAGS[medications[0].medication_class][1]
        suggestions.append(FlagSuggestion(kind, f"Medication: {named}", named, section))
    steroids = [
        item
        for item in subjective.medications
        if item.medication_class is MedicationClass.CORTICOSTEROID
    ]
    if steroids:
        suggestions.append(
            FlagSuggestion(
                None,
                f"Corticosteroid: {_named(steroids)}. Prolonged corticosteroid use is a feature "
                "of possible fracture: consider it in the red-flag screen",
                "",
                "1.2",
            )
        )
    if subjective.nprs_unratable_reason.strip():
        suggestions.append(
            FlagSuggestion(
                FlagKind.COGNITIVE_IMPAIRMENT,
                "The patient cannot rate pain reliably "
                f"({subjective.nprs_unratable_reason.strip()}). If they cannot report "
                "discomfort, electrotherapy is contraindicated: record the flag",
                f"cannot rate pain reliably: {subjective.nprs_unratable_reason.strip()}",
                "0.3",
            )
        )
    return suggestions


def not_yet_recorded(
    suggestions: list[FlagSuggestion], active: set[FlagKind]
) -> list[FlagSuggestion]:
    """The suggestions whose flag the patient does not have (unresolved), and the prompts."""
    return [item for item in suggestions if item.kind is None or item.kind not in active]


def _named(medications: list[Medication]) -> str:
    return ", ".join(f"{item.name} ({item.medication_class})" for item in medications)
