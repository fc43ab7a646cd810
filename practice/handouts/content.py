"""What a handout says, as plain values: the one input of the handout template.

The template never sees ORM objects, so the print page and the PDF show exactly these values,
and the readability test reads exactly what the patient reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class ExerciseCard:
    name: str
    illustration: str  # a path under static/
    illustration_alt: str
    steps: tuple[str, ...]
    dosage: tuple[str, ...]
    feel: str
    cautions: tuple[str, ...]
    easier: str
    harder: str
    note: str = ""  # the clinician's own words for this patient


@dataclass(frozen=True)
class AdviceBlock:
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class ClinicDetails:
    """The clinic as the handout's header prints it, from the clinic's settings (8.3)."""

    name: str
    address: tuple[str, ...]  # one item a printed line
    phone: str
    email: str
    registration: str  # for example "Registered with the HCPC"
    logo_url: str  # "" without a logo
    can_be_contacted: bool  # a phone or an e-mail: without one no PDF is given
    missing: tuple[str, ...]  # what the settings lack, for the prompt on the print page


@dataclass(frozen=True)
class HandoutContent:
    title: str
    clinic: ClinicDetails
    therapist: str
    therapist_registration: str  # "" when none is recorded
    patient_name: str
    issued_on: date
    review_on: date | None
    goals: tuple[str, ...]
    exercises: tuple[ExerciseCard, ...]
    adherence_weeks: int
    advice: tuple[AdviceBlock, ...]
    seek_help: tuple[str, ...]
    large_print: bool = False
    # "When to get help" printed under the exercise log, the sheet kept in view all week, rather
    # than after the cards (where the PDF goes back to if it does not fit on the log's page).
    help_with_log: bool = False

    def patient_texts(self) -> list[str]:
        """Every sentence written for the patient, for the readability check (8.4)."""
        texts = [self.title, *self.goals]
        for card in self.exercises:
            texts += [card.name, *card.steps, *card.dosage, card.feel, *card.cautions]
            texts += [card.easier, card.harder]
        for block in self.advice:
            texts += [block.title, *block.items]
        return [text for text in texts + list(self.seek_help) if text]
