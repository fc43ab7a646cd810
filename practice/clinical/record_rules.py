"""Rules about the clinical record itself, as opposed to the patient's findings."""

from __future__ import annotations

from practice.clinical.assessment_data import AssessmentData, RedFlagAnswer, RedFlagScreen
from practice.clinical.catalogues import RED_FLAGS
from practice.clinical.cramp_referral import cramp_red_flags
from practice.clinical.reference import DEFAULT_REFERENCE, ReferenceValues


def finalisation_problems(
    data: AssessmentData, reference: ReferenceValues = DEFAULT_REFERENCE
) -> list[str]:
    """What stops an assessment being finalised (0.12): a positive red flag without its action.

    Every "yes" needs the action taken, the referral destination and the urgency recorded; so
    does every cramp referral rule the cramp record raises (6.2), which the spasms section
    stores as a "yes". "Not asked" is allowed and shows as such on the record.
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
                f"{_what(screen.code)} '{RED_FLAGS[screen.code].label}' is positive: record "
                + _join(missing)
                + " before finalising."
            )
    stored = {screen.code for screen in data.subjective.red_flags}
    unsaved = dict.fromkeys(
        item.code for item in cramp_red_flags(data.spasms, reference) if item.code not in stored
    )
    problems += [
        f"Cramp referral rule '{RED_FLAGS[code].label}' is raised by the recorded cramps: "
        "open the spasms and cramps section, record the action taken and save it before "
        "finalising."
        for code in unsaved
    ]
    return problems


def positive_red_flags(data: AssessmentData) -> list[RedFlagScreen]:
    """Every "yes" of the red-flag screen and every raised cramp rule (6.2), those needing the
    emergency banner (0.12) first."""
    positive = [
        screen for screen in data.subjective.red_flags if screen.answer is RedFlagAnswer.YES
    ]
    return sorted(positive, key=lambda screen: not RED_FLAGS[screen.code].banner)


def _what(code: str) -> str:
    return "Cramp referral rule" if RED_FLAGS[code].section == "6.2" else "Red flag"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
