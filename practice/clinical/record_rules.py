"""Rules about the clinical record itself, as opposed to the patient's findings."""

from __future__ import annotations

from practice.clinical.assessment_data import AssessmentData, RedFlagAnswer, RedFlagScreen
from practice.clinical.catalogues import RED_FLAGS


def finalisation_problems(data: AssessmentData) -> list[str]:
    """What stops an assessment being finalised (0.12): a positive red flag without its action.

    Every "yes" needs the action taken, the referral destination and the urgency recorded.
    "Not asked" is allowed and shows as such on the record.
    """
    problems = []
    for screen in data.subjective.red_flags:
        if screen.answer is not RedFlagAnswer.YES:
            continue
        missing = [
            name
            for name, value in (
                ("the action taken", screen.action_taken.strip()),
                ("where the patient was referred", screen.referral_to.strip()),
                ("the urgency", screen.urgency),
            )
            if not value
        ]
        if missing:
            problems.append(
                f"Red flag '{RED_FLAGS[screen.code].label}' is positive: record "
                + _join(missing)
                + " before finalising."
            )
    return problems


def positive_red_flags(data: AssessmentData) -> list[RedFlagScreen]:
    """Every "yes" of the red-flag screen, those needing the emergency banner (0.12) first."""
    positive = [
        screen for screen in data.subjective.red_flags if screen.answer is RedFlagAnswer.YES
    ]
    return sorted(positive, key=lambda screen: not RED_FLAGS[screen.code].banner)


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
