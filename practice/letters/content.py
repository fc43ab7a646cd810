"""What a letter to the referring doctor says, as plain values: the one input of its template.

The template never sees ORM objects, so the preview page and the PDF show exactly these values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from practice.handouts.services import ClinicDetails  # the letterhead prints as handouts do
from practice.models import LetterKind


@dataclass(frozen=True)
class GoalLine:
    """A plan goal and how far the patient got, worded as the plan page shows it."""

    goal: str  # "Pain now (NPRS) ≤ 2 by 15 Jan 2027"
    start: str  # "at the start 6"; "" without a baseline
    progress: str  # "Met: 2 at the assessment of 3 Mar 2027."


@dataclass(frozen=True)
class LetterContent:
    kind: LetterKind
    title: str
    clinic: ClinicDetails
    addressee: tuple[str, ...]  # one item a printed line
    issued_on: date
    patient_name: str
    patient_born_on: date
    patient_address: tuple[str, ...]
    patient_reference: str  # the clinic's own number for the patient, "" when none
    urgency: str  # a referral's urgency as a label (1.2); "" for a discharge
    opening: str
    reason_heading: str
    reason: str  # as typed
    assessed_on: date | None  # the finalised assessment the findings come from
    assessed_by: str
    presenting_complaint: str
    red_flags: tuple[str, ...]  # the red-flag findings, with the action recorded (1.2, 0.12)
    findings: tuple[str, ...]  # the other findings
    impression: str
    plan_heading: str  # "" without an issued plan
    plan_items: tuple[str, ...]
    schedule: str
    goals: tuple[GoalLine, ...]
    extra: str  # the clinician's optional paragraph
    clinician: str
    clinician_role: str
    clinician_registration: str  # "" when none is recorded
