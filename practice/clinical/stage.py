"""The stage of the problem, derived from the onset and the local signs (1.1, 7.1-7.9).

1.1 defines the stage by the time since onset: acute under 6 weeks, sub-acute 6 to 12 weeks,
chronic over 12 weeks, each boundary exactly as written (0.14). Local signs outrank the calendar:
warmth with swelling or oedema is the red, hot, swollen area of acute inflammation (7.9), and
bruising after an injury is fresh soft-tissue trauma (7.1, 7.3), whenever the onset was.

The acute-stage screening rules (heat, massage, stretching and electrotherapy over acutely injured
or swollen tissue, 7.1-7.9) apply at the involved site when the stage is acute and the tissue is:
a local sign is recorded, the onset was an injury within the first 72 hours (7.9: ~48-72 h), or the
clinician set the stage to acute. A gradual onset under 6 weeks with no local sign is acute by 1.1
but not acutely injured tissue, so it screens nothing.

The local signs count wherever they were recorded: ticked in the subjective section, or recorded
in the circulation section at a pain site (warm skin, oedema: 1.1, 7.9 "red hot swollen area"),
and the reason names the circulation record it rests on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date

from practice.clinical.assessment_data import (
    BodySite,
    Circulation,
    LocalSign,
    OnsetMechanism,
    SkinTemperature,
    Stage,
    StageRecord,
    Subjective,
)
from practice.clinical.labels import in_sentence
from practice.clinical.screening import PatientFlag, TreatmentSite
from practice.clinical.vocabulary import BodyRegion, FlagKind, Side

ACUTE_UNDER_DAYS = 6 * 7  # 1.1: acute < 6 weeks
CHRONIC_OVER_DAYS = 12 * 7  # 1.1: chronic > 12 weeks; 6-12 weeks is sub-acute
FRESH_INJURY_DAYS = 3  # 7.9: the first ~48-72 h after an acute injury
INJURY_MECHANISMS = frozenset({OnsetMechanism.TRAUMATIC, OnsetMechanism.POST_SURGICAL})
SWELLING_SIGNS = frozenset({LocalSign.SWELLING, LocalSign.OEDEMA})


@dataclasses.dataclass(frozen=True)
class RecordedSign:
    """A local sign recorded in the circulation section at a pain site."""

    sign: LocalSign
    what: str  # "warm skin at the knee (left)"


def circulation_signs(
    pain_sites: Iterable[BodySite], circulation: Circulation | None
) -> tuple[RecordedSign, ...]:
    """Warm skin and oedema recorded in the circulation section (5.4, 5.5) at a pain site, on
    the same side: the warmth and swelling of 1.1 and 7.9, recorded where the clinician
    examined the circulation. Pitting grade 0 is no oedema; with no pain site recorded there is
    no involved site to match, so none counts."""
    if circulation is None:
        return ()
    sites = tuple(pain_sites)
    found = [
        RecordedSign(LocalSign.WARMTH, f"warm skin at the {_where(skin.region, skin.side)}")
        for skin in circulation.skin
        if skin.temperature is SkinTemperature.WARM and _at_a_site(skin.region, skin.side, sites)
    ]
    found += [
        RecordedSign(LocalSign.OEDEMA, f"oedema at the {_where(oedema.region, oedema.side)}")
        for oedema in circulation.oedema
        if oedema.grade != 0 and _at_a_site(oedema.region, oedema.side, sites)
    ]
    return tuple(found)


def _at_a_site(region: BodyRegion, side: Side, sites: tuple[BodySite, ...]) -> bool:
    either = (Side.BILATERAL, Side.NOT_APPLICABLE)
    return any(
        site.region == region and (site.side == side or site.side in either or side in either)
        for site in sites
    )


def _where(region: BodyRegion, side: Side) -> str:
    return in_sentence(region) + (f" ({side})" if side in (Side.LEFT, Side.RIGHT) else "")


def derive_stage(
    onset_on: date | None,
    mechanism: OnsetMechanism | None,
    local_signs: Iterable[LocalSign],
    assessed_on: date,
    recorded_signs: Iterable[RecordedSign] = (),
) -> StageRecord:
    """The stage the record supports on the day of the assessment, with its reason.
    ``recorded_signs`` are those of the circulation section (``circulation_signs``)."""
    stage = _derive(onset_on, mechanism, frozenset(local_signs), assessed_on, tuple(recorded_signs))
    return dataclasses.replace(stage, derived_on=assessed_on)


def _derive(
    onset_on: date | None,
    mechanism: OnsetMechanism | None,
    ticked: frozenset[LocalSign],
    assessed_on: date,
    recorded: tuple[RecordedSign, ...],
) -> StageRecord:
    if onset_on is not None and onset_on > assessed_on:
        return StageRecord(None, "The onset date is after the assessment date", sections=("1.1",))
    days = None if onset_on is None else (assessed_on - onset_on).days
    since = "" if days is None else f"; {_onset_text(days, mechanism)}"
    signs = ticked | {item.sign for item in recorded}
    if LocalSign.WARMTH in signs and signs & SWELLING_SIGNS:
        found = _listed(sign for sign in LocalSign if sign in signs)
        extra = [item.what for item in recorded if item.sign not in ticked]
        source = f" ({', '.join(extra)}, recorded in the circulation section)" if extra else ""
        return StageRecord(
            Stage.ACUTE,
            f"{found} at the site{source}: signs of acute inflammation{since}",
            sections=("7.9",),
        )
    if LocalSign.BRUISING in signs and mechanism in INJURY_MECHANISMS:
        return StageRecord(
            Stage.ACUTE,
            f"Bruising after a {_mechanism_text(mechanism)} onset: fresh soft-tissue trauma{since}",
            sections=("7.1", "7.3"),
        )
    if days is None:
        return StageRecord(
            None, "No onset date is recorded, so the stage is not derived", sections=("1.1",)
        )
    onset = _capitalised(_onset_text(days, mechanism))
    if days < ACUTE_UNDER_DAYS:
        if mechanism in INJURY_MECHANISMS and days <= FRESH_INJURY_DAYS:
            return StageRecord(
                Stage.ACUTE,
                f"{onset}: under 6 weeks is acute, and within the first 72 h of an injury",
                sections=("1.1", "7.9"),
            )
        return StageRecord(Stage.ACUTE, f"{onset}: under 6 weeks is acute", sections=("1.1",))
    if days <= CHRONIC_OVER_DAYS:
        return StageRecord(
            Stage.SUBACUTE, f"{onset}: 6 to 12 weeks is sub-acute", sections=("1.1",)
        )
    return StageRecord(Stage.CHRONIC, f"{onset}: over 12 weeks is chronic", sections=("1.1",))


def stage_of(
    subjective: Subjective, assessed_on: date, circulation: Circulation | None = None
) -> StageRecord:
    """The stage kept in the record when it was derived for this assessment; otherwise (a record
    saved before stages were derived, or one pre-filled from an earlier assessment) the one
    derived now, without the earlier override, which was a judgement about an earlier day.

    Signs recorded in the circulation section after the stage was kept count too: when they
    change the derived stage, it is derived afresh, keeping an override that still differs."""
    recorded = circulation_signs(subjective.pain_sites, circulation)
    fresh = derive_stage(
        subjective.onset_on,
        subjective.onset_mechanism,
        subjective.local_signs,
        assessed_on,
        recorded,
    )
    kept = subjective.stage
    if kept is None or kept.derived_on != assessed_on:
        return fresh
    if not recorded or fresh.derived is kept.derived:
        return kept
    if kept.override is None or kept.override is fresh.derived:
        return fresh
    return dataclasses.replace(fresh, override=kept.override, override_reason=kept.override_reason)


def recorded_stage(
    subjective: Subjective, assessed_on: date, circulation: Circulation | None = None
) -> StageRecord | None:
    """The stage to show on the assessment: None when the subjective section was never saved
    since stages were derived, the kept one when it was derived for another day (pre-filled,
    not yet derived for this assessment), otherwise ``stage_of`` with the circulation signs."""
    kept = subjective.stage
    if kept is None or kept.derived_on != assessed_on:
        return kept
    return stage_of(subjective, assessed_on, circulation)


def acute_tissue(
    subjective: Subjective, assessed_on: date, circulation: Circulation | None = None
) -> bool:
    """Whether the acute-stage rules apply: an acute stage over injured or swollen tissue."""
    stage = stage_of(subjective, assessed_on, circulation)
    if stage.stage is not Stage.ACUTE:
        return False
    if (
        stage.overridden
        or subjective.local_signs
        or circulation_signs(subjective.pain_sites, circulation)
    ):
        return True
    onset = subjective.onset_on
    return (
        subjective.onset_mechanism in INJURY_MECHANISMS
        and onset is not None
        and (assessed_on - onset).days <= FRESH_INJURY_DAYS
    )


def stage_flags(
    subjective: Subjective, assessed_on: date, circulation: Circulation | None = None
) -> tuple[PatientFlag, ...]:
    """The acute-inflammation flag at each pain site when the tissue is acute, so screening
    applies 7.1-7.9 there; with no pain site recorded the flag has no site, and screening treats
    it as applying wherever the technique goes. Pass the record's ``circulation`` so the signs
    recorded there count (``stage_of``)."""
    if not acute_tissue(subjective, assessed_on, circulation):
        return ()
    stage = stage_of(subjective, assessed_on, circulation)
    note = (
        f"acute stage set by the clinician: {stage.override_reason}"
        if stage.overridden
        else f"acute stage derived from {stage.reason[:1].lower()}{stage.reason[1:]}"
    )
    sites = [TreatmentSite(site.region, site.side) for site in subjective.pain_sites]
    return tuple(
        PatientFlag(FlagKind.ACUTE_INFLAMMATION, site, note=note) for site in sites or [None]
    )


def _onset_text(days: int, mechanism: OnsetMechanism | None) -> str:
    kind = "" if mechanism in (None, OnsetMechanism.UNKNOWN) else f"{_mechanism_text(mechanism)} "
    if days == 0:
        return f"{kind}onset on the day of the assessment"
    weeks, rest = divmod(days, 7)
    span = f"{days} day{'s' if days != 1 else ''}"
    if weeks:
        span = f"{weeks} week{'s' if weeks != 1 else ''}" + (
            f" {rest} day{'s' if rest != 1 else ''}" if rest else ""
        )
    return f"{kind}onset {span} before the assessment"


def _mechanism_text(mechanism: OnsetMechanism) -> str:
    return mechanism.value.replace("_", "-")


def _listed(signs: Iterable[LocalSign]) -> str:
    names = [sign.value for sign in signs]
    text = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
    return _capitalised(text)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
