"""Varied, realistic demo patients: who they are, their flags and their assessment records.

Pure data building, reproducible from a seed: patient ``index`` of seed ``s`` is always the same
person, so ``demo-data --patients N`` can top a clinic up to N patients without duplicating.
Each patient follows one of a few common presentations, with measured values drawn around it.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from practice.clinical.assessment_data import (
    WELLS_CALF_LANDMARK,
    ActivityLevel,
    AggravatingFactor,
    AnklePressures,
    AssessmentData,
    BeightonItem,
    BodySite,
    CapillaryRefill,
    ChartView,
    Circulation,
    Claudication,
    DailyPattern,
    EasingFactor,
    EndFeel,
    FootPostureIndex,
    FrequencyPeriod,
    GripStrength,
    Lifestyle,
    LimbGirth,
    MeasuredBy,
    MeasurementMethod,
    Medication,
    MedicationClass,
    Oedema,
    OnsetMechanism,
    Posture,
    Pulse,
    RangeOfMotion,
    RedFlagAnswer,
    RedFlagScreen,
    RomInstrument,
    ScapularDistance,
    ScapularMeasure,
    Skin,
    SpasmPattern,
    SpasmTiming,
    SpasmType,
    SpecialTest,
    Strength,
    Subjective,
    SymptomPattern,
    WellsScore,
    WellsVersion,
    WorkPosture,
)
from practice.clinical.catalogues import ASKED_RED_FLAGS, Urgency
from practice.clinical.cramp_referral import (
    cramp_red_flag_answers,
    cramp_red_flags,
    with_cramp_red_flags,
)
from practice.clinical.reference import PulseScale
from practice.clinical.stage import derive_stage
from practice.clinical.visit_rules import DAYS_PER_LOG_SHEET
from practice.clinical.vocabulary import (
    BodyRegion,
    CrampTrigger,
    FlagKind,
    PostureDeviation,
    Severity,
    Side,
    TechniqueKind,
)

GIVEN_NAMES = {
    "female": ["Margaret", "Aisha", "Priya", "Siobhan", "Elena", "Fatima", "Mei", "Zainab",
               "Grace", "Nora"],
    "male": ["John", "Tomasz", "David", "Kwame", "Graham", "Oliver", "Patrick", "Henrik", "Ravi",
             "Samuel"],
}  # fmt: skip
FAMILY_NAMES = [
    "Thompson", "Okafor", "Nowak", "Patel", "Murphy", "Hughes", "Rahman", "Lindqvist", "Evans",
    "Chen", "Kowalski", "Bennett", "Adeyemi", "Fraser", "Moreno", "Walsh", "Iqbal", "Price",
]  # fmt: skip
OCCUPATIONS = [
    "Retired teacher", "Software developer", "Nurse", "Bus driver", "Warehouse operative",
    "Accountant", "Hairdresser", "Student", "Carpenter", "Call-centre adviser", "Retired engineer",
]  # fmt: skip


@dataclass(frozen=True)
class DemoFlag:
    kind: FlagKind
    regions: tuple[BodyRegion, ...] = ()
    side: Side | None = None
    trimester: int | None = None
    detail: str = ""
    high_risk: bool = False
    technique: TechniqueKind | None = None


@dataclass(frozen=True)
class DemoSession:
    """A treatment session under the issued plan: its day, what the patient says of their pain,
    pain before and after treatment (NPRS), the weekly log sheets brought back and the share of
    each home exercise's prescribed days done (in the order of the printed log), the PSFS scores
    when it is rated that day, and whether the note was signed or left a draft."""

    seen_on: date
    subjective: str
    pain_before: int
    pain_after: int
    log_weeks: int
    adherence_percent: tuple[int, ...]
    psfs: tuple[int, ...] = ()
    signed: bool = True


@dataclass(frozen=True)
class DemoPatient:
    given_names: str
    family_name: str
    date_of_birth: date
    sex: str
    occupation: str
    activity_level: ActivityLevel
    medications: str
    flags: tuple[DemoFlag, ...]
    first: AssessmentData
    first_seen_on: date
    impression: str
    follow_up: AssessmentData | None = None
    follow_up_seen_on: date | None = None
    issue_plan: bool = True  # False leaves the latest plan a draft, its proposals on show
    reviews: tuple[tuple[AssessmentData, date], ...] = ()  # later re-assessments, finalised
    in_progress_on: date | None = None  # a re-assessment started that day, not finalised yet
    activities: tuple[str, ...] = ()  # the PSFS activities the patient names (section 9)
    sessions: tuple[DemoSession, ...] = ()  # under the issued plan, each written as a visit note

    @property
    def visits(self) -> tuple[tuple[AssessmentData, date], ...]:
        """Every finalised assessment with the day it was seen, oldest first."""
        follow_up = ((self.follow_up, self.follow_up_seen_on),) if self.follow_up else ()
        return ((self.first, self.first_seen_on), *follow_up, *self.reviews)


def demo_patient(seed: int, index: int, today: date) -> DemoPatient:
    rng = random.Random(f"{seed}:{index}")  # noqa: S311 (reproducible demo data, not security)
    presentation = PRESENTATIONS[index % len(PRESENTATIONS)]
    sex = rng.choice(["female", "male"])
    age = rng.randint(*presentation.ages)
    born = today - timedelta(days=age * 365 + rng.randint(0, 364))
    flags = presentation.flags(rng) + tuple(rng.sample(EXTRA_FLAGS, k=rng.choice([0, 0, 1, 1, 2])))
    # a separate generator, so the flags added in issue 11 leave every other demo value as it was
    more = random.Random(f"{seed}:{index}:flags")  # noqa: S311 (reproducible demo data)
    flags += tuple(more.sample(MORE_FLAGS, k=more.choice([0, 0, 1])))
    if sex == "male" or age > 45:
        flags = tuple(flag for flag in flags if flag.kind is not FlagKind.PREGNANCY)
    first_seen = today - timedelta(days=rng.randint(42, 90))
    first = presentation.record(rng)
    follow_up = improved(first, rng) if rng.random() < 0.6 else None
    patient = DemoPatient(
        given_names=rng.choice(GIVEN_NAMES[sex]),
        family_name=rng.choice(FAMILY_NAMES),
        date_of_birth=born,
        sex=sex,
        occupation=rng.choice(OCCUPATIONS),
        activity_level=rng.choice(list(ActivityLevel)),
        medications="",  # filled in from the structured medications below
        flags=_unique_kinds(flags),
        first=first,
        first_seen_on=first_seen,
        impression=presentation.impression,
        follow_up=follow_up,
        follow_up_seen_on=first_seen + timedelta(days=rng.randint(21, 35)) if follow_up else None,
        issue_plan=rng.random() < 0.7,
    )
    # a separate generator, so the medications, vitals and cramp episode facts leave every
    # other demo value as it was
    facts = random.Random(f"{seed}:{index}:subjective")  # noqa: S311 (reproducible demo data)
    patient = _with_subjective_facts(patient, facts)
    # a separate generator, so the onset leaves every other demo value as it was
    onset = random.Random(f"{seed}:{index}:onset")  # noqa: S311 (reproducible demo data)
    patient = _with_onset(
        patient, first_seen - timedelta(days=onset.randint(*presentation.onset_days))
    )
    # a separate generator, so the re-assessments added in issue 13 leave every other value
    course = random.Random(f"{seed}:{index}:course")  # noqa: S311 (reproducible demo data)
    patient = _with_reviews(patient, course, today)
    # a separate generator, so the treatment sessions leave every other demo value as it was
    visits = random.Random(f"{seed}:{index}:visits")  # noqa: S311 (reproducible demo data)
    return _with_sessions(patient, presentation, visits)


REVIEW_GAP_DAYS = (10, 21)


def _with_reviews(patient: DemoPatient, rng: random.Random, today: date) -> DemoPatient:
    """After a follow-up, most patients come back every one and a half to three weeks until
    today, each time a little better; many have a re-assessment started and not finalised yet."""
    if patient.follow_up is None:
        return patient
    reviews: list[tuple[AssessmentData, date]] = []
    record, seen_on = patient.follow_up, patient.follow_up_seen_on
    while rng.random() < 0.9:
        seen_on += timedelta(days=rng.randint(*REVIEW_GAP_DAYS))
        if seen_on >= today:
            break
        record = _within_reach(improved(record, rng), patient.first)
        record = _staged(record, record.subjective.onset_on, seen_on)
        reviews.append((record, seen_on))
    last_seen = reviews[-1][1] if reviews else patient.follow_up_seen_on
    in_progress_on = None
    if rng.random() < 0.5:
        in_progress_on = min(today, last_seen + timedelta(days=rng.randint(*REVIEW_GAP_DAYS)))
    return replace(patient, reviews=tuple(reviews), in_progress_on=in_progress_on)


SESSION_GAP_DAYS = (6, 8)
"""Between two treatment sessions: the demo plan's one a week, give or take a day."""
MOST_SESSIONS = 4
"""Four weekly sessions at most, so that a copy can be dated with its issued plan in the last six
weeks and its latest session not after today (``practice.demo.bulk.RECENT_DAYS``)."""
DEMO_PLAN_ITEMS = 5
"""The items of a demo plan at most (``practice.demo``): so too the rows of its exercise log."""


def _with_sessions(
    patient: DemoPatient, presentation: Presentation, rng: random.Random
) -> DemoPatient:
    """After the plan is issued, weekly sessions: two or three signed notes and, for some, one
    more left a draft; pain before treatment easing a point now and then from the latest
    assessment's pain now, a little less after treatment; the PSFS rated at the first session
    and again, on the same activities, at the last signed one. A draft plan has no sessions."""
    if not patient.issue_plan:
        return patient
    record, seen_on = patient.visits[-1]
    activities = tuple(rng.sample(presentation.activities, k=rng.randint(3, 5)))
    baseline = tuple(rng.randint(2, 6) for _ in activities)
    signed = rng.randint(2, MOST_SESSIONS - 1)  # and room for a draft
    drafts = int(rng.random() < 0.35)
    pain = record.subjective.nprs_now or 0
    sessions = []
    for number in range(signed + drafts):
        gap = rng.randint(*SESSION_GAP_DAYS)
        seen_on += timedelta(days=gap)
        before = max(0, pain - rng.choice([0, 1, 1]))
        if before == 0:
            subjective = "No pain at rest today."
        elif before < pain:
            subjective = "Pain a little easier since the last visit."
        else:
            subjective = "Pain much as it was at the last visit."
        pain = before
        psfs = ()
        if number == 0:
            psfs = baseline
        elif number == signed - 1:
            psfs = tuple(min(10, score + rng.randint(0, 4)) for score in baseline)
        sessions.append(
            DemoSession(
                seen_on=seen_on,
                subjective=subjective,
                pain_before=pain,
                pain_after=max(0, pain - rng.randint(0, 2)),
                log_weeks=max(1, round(gap / DAYS_PER_LOG_SHEET)),
                adherence_percent=tuple(rng.randint(40, 100) for _ in range(DEMO_PLAN_ITEMS)),
                psfs=psfs,
                signed=number < signed,
            )
        )
    return replace(patient, activities=activities, sessions=tuple(sessions))


MOST_DEGREES_GAINED = 20
MOST_FORCE_GAINED = Decimal("1.5")


def _within_reach(record: AssessmentData, first: AssessmentData) -> AssessmentData:
    """A course of care gains some range and force, not without end: at most
    ``MOST_DEGREES_GAINED`` degrees and half as much force again as at the first visit."""
    return replace(
        record,
        range_of_motion=tuple(
            replace(
                item,
                active_degrees=min(item.active_degrees, start.active_degrees + MOST_DEGREES_GAINED),
            )
            for item, start in zip(record.range_of_motion, first.range_of_motion, strict=True)
        ),
        strength=tuple(
            replace(
                item, force_newtons=min(item.force_newtons, start.force_newtons * MOST_FORCE_GAINED)
            )
            if item.force_newtons and start.force_newtons
            else item
            for item, start in zip(record.strength, first.strength, strict=True)
        ),
    )


_FLAG_MEDICATIONS = {
    FlagKind.ANTICOAGULANTS: Medication(
        "Apixaban 5 mg twice daily", MedicationClass.ANTICOAGULANT, "atrial fibrillation"
    ),
    FlagKind.DIABETES: Medication("Metformin 500 mg", MedicationClass.OTHER, "type 2 diabetes"),
    FlagKind.EPILEPSY: Medication("Levetiracetam 500 mg", MedicationClass.OTHER),
}
_CRAMP_MEDICATIONS = [
    Medication("Atorvastatin 20 mg at night", MedicationClass.STATIN),
    Medication("Bendroflumethiazide 2.5 mg", MedicationClass.DIURETIC, "blood pressure"),
]


def _with_subjective_facts(patient: DemoPatient, rng: random.Random) -> DemoPatient:
    """Structured medications from the flags (and, for some, a statin or a diuretic, which 6.1
    associates with cramps), temperature and weight, the cramp episode facts, and the cramp
    referral rules those raise (6.2) with the action a clinician would record."""
    medications = tuple(
        _FLAG_MEDICATIONS[flag.kind] for flag in patient.flags if flag.kind in _FLAG_MEDICATIONS
    )
    if rng.random() < 0.4:
        medications += (rng.choice(_CRAMP_MEDICATIONS),)
    temperature = Decimal(f"36.{rng.randint(3, 9)}")
    weight = Decimal(rng.randint(55, 98))

    def completed(record: AssessmentData) -> AssessmentData:
        subjective = replace(
            record.subjective,
            medications=medications,
            temperature_celsius=temperature,
            weight_kg=weight,
        )
        spasms = tuple(_episode_facts(pattern, rng) for pattern in record.spasms)
        answers = cramp_red_flag_answers(cramp_red_flags(spasms), ())
        acted = tuple(
            replace(
                answer,
                action_taken="Advised to see the GP about the cramps; letter given",
                referral_to="GP",
                urgency=Urgency.ROUTINE,
            )
            for answer in answers
        )
        return replace(record, subjective=with_cramp_red_flags(subjective, acted), spasms=spasms)

    follow_up = patient.follow_up
    return replace(
        patient,
        medications="\n".join(item.name for item in medications),
        first=completed(patient.first),
        follow_up=completed(follow_up) if follow_up else None,
    )


def _episode_facts(pattern: SpasmPattern, rng: random.Random) -> SpasmPattern:
    """The 6.1 episode facts of a demo cramp: a longest episode a little over the typical one,
    eased by stretching, some soreness after, and night cramps that disturb sleep."""
    if pattern.type is not SpasmType.CRAMP or pattern.typical_duration_seconds is None:
        return pattern
    return replace(
        pattern,
        longest_duration_seconds=pattern.typical_duration_seconds + rng.choice([30, 60, 120]),
        eased_by_stretching=True,
        residual_soreness_hours=rng.choice([2, 6, 12]),
        sleep_disrupted=pattern.nocturnal and (pattern.frequency or 0) >= rng.randint(1, 3),
    )


def _with_onset(patient: DemoPatient, onset_on: date) -> DemoPatient:
    """Both assessments with the onset date and the stage derived on the day each was seen."""
    follow_up = patient.follow_up
    return replace(
        patient,
        first=_staged(patient.first, onset_on, patient.first_seen_on),
        follow_up=_staged(follow_up, onset_on, patient.follow_up_seen_on) if follow_up else None,
    )


def _staged(record: AssessmentData, onset_on: date | None, seen_on: date) -> AssessmentData:
    """The record with its onset date and the stage derived on the day it was seen."""
    subjective = replace(record.subjective, onset_on=onset_on)
    stage = derive_stage(onset_on, subjective.onset_mechanism, subjective.local_signs, seen_on)
    return replace(record, subjective=replace(subjective, stage=stage))


def _unique_kinds(flags: tuple[DemoFlag, ...]) -> tuple[DemoFlag, ...]:
    seen: dict[FlagKind, DemoFlag] = {}
    for flag in flags:
        seen.setdefault(flag.kind, flag)
    return tuple(seen.values())


EXTRA_FLAGS = [
    DemoFlag(FlagKind.ACTIVE_IMPLANT, detail="Demand-type pacemaker, fitted 2021"),
    DemoFlag(FlagKind.ANTICOAGULANTS, detail="Apixaban for atrial fibrillation"),
    DemoFlag(FlagKind.DIABETES, detail="Type 2, diet and metformin"),
    DemoFlag(FlagKind.VARICOSE_VEINS, (BodyRegion.LOWER_LEG,), Side.LEFT, detail="Medial calf"),
    DemoFlag(FlagKind.NEEDLE_PHOBIA),
    DemoFlag(FlagKind.EPILEPSY, detail="Well controlled, last seizure 2019"),
    DemoFlag(
        FlagKind.METAL_IMPLANT, (BodyRegion.KNEE,), Side.RIGHT, detail="Total knee replacement"
    ),
    DemoFlag(FlagKind.PREGNANCY, trimester=2),
    DemoFlag(
        FlagKind.LYMPHOEDEMA,
        (BodyRegion.UPPER_ARM, BodyRegion.ELBOW, BodyRegion.FOREARM, BodyRegion.WRIST_HAND),
        Side.RIGHT,
        detail="Whole arm, after axillary surgery",
    ),
]

MORE_FLAGS = [
    DemoFlag(
        FlagKind.SKIN_RASH_OR_DERMATITIS,
        (BodyRegion.FOREARM, BodyRegion.WRIST_HAND),
        Side.LEFT,
        detail="Contact dermatitis from work gloves",
    ),
    DemoFlag(FlagKind.SMOKING, detail="About 10 a day"),
    DemoFlag(FlagKind.HISTORY_OF_CANCER, detail="Breast cancer 2015, discharged from follow-up"),
    DemoFlag(
        FlagKind.TECHNIQUE_DECLINED,
        technique=TechniqueKind.TENS,
        detail="Did not like the feeling of TENS before",
    ),
    DemoFlag(FlagKind.UNDIAGNOSED_PAIN, detail="Night ache in the hip, GP investigating"),
    DemoFlag(FlagKind.PREGNANCY, trimester=1, high_risk=True, detail="Twin pregnancy"),
    DemoFlag(FlagKind.UNABLE_TO_CONSENT, detail="No interpreter available yet"),
]


def _no_red_flags(rng: random.Random) -> tuple[RedFlagScreen, ...]:
    return tuple(
        RedFlagScreen(code, RedFlagAnswer.NOT_ASKED if rng.random() < 0.15 else RedFlagAnswer.NO)
        for code in ASKED_RED_FLAGS
    )


def _pair(rng: random.Random, low: int, high: int) -> tuple[int, int]:
    return rng.randint(low, high), rng.randint(low, high)


def _lifestyle(rng: random.Random, **overrides) -> Lifestyle:
    values = {
        "fluid_intake_litres_per_day": Decimal(rng.choice(["1.0", "1.2", "1.5", "2.0"])),
        "activity_level": rng.choice(list(ActivityLevel)),
        "work_posture": rng.choice(list(WorkPosture)),
        "hours_sitting_per_day": Decimal(rng.randint(3, 9)),
        "hours_standing_per_day": Decimal(rng.randint(1, 5)),
        "stress": rng.choice([Severity.ABSENT, Severity.MILD, Severity.MODERATE]),
    }
    return Lifestyle(**(values | overrides))


def _normal_circulation(rng: random.Random) -> Circulation:
    brachial = rng.randint(120, 145)
    return Circulation(
        pulses=tuple(
            Pulse(site, side, 2, PulseScale.ZERO_TO_FOUR)
            for site in ("dorsalis_pedis", "posterior_tibial")
            for side in (Side.LEFT, Side.RIGHT)
        ),
        capillary_refill=tuple(
            CapillaryRefill(Decimal("1.5"), BodyRegion.ANKLE_FOOT, side, warm=True)
            for side in (Side.LEFT, Side.RIGHT)
        ),
        brachial_left_mmhg=brachial,
        brachial_right_mmhg=brachial - rng.randint(0, 6),
        ankle_pressures=tuple(
            AnklePressures(side, brachial + rng.randint(0, 15), brachial + rng.randint(0, 10))
            for side in (Side.LEFT, Side.RIGHT)
        ),
        abi_measured_by=MeasuredBy.SELF,
    )


@dataclass(frozen=True)
class Presentation:
    name: str
    ages: tuple[int, int]
    impression: str
    record_builder: Callable[[random.Random], AssessmentData]
    flag_builder: Callable[[random.Random], tuple[DemoFlag, ...]] | None = None
    onset_days: tuple[int, int] = (180, 720)  # days from onset to the first assessment (chronic)
    activities: tuple[str, ...] = ()  # what such a patient may name on the PSFS, in their words

    def record(self, rng: random.Random) -> AssessmentData:
        return self.record_builder(rng)

    def flags(self, rng: random.Random) -> tuple[DemoFlag, ...]:
        return self.flag_builder(rng) if self.flag_builder else ()


def _site(region: BodyRegion, side: Side, view: ChartView) -> BodySite:
    """Where the presentation's symptoms are, marked on the body chart (1.1): one area of one
    outline. Every demo presentation's symptoms come and go with what provokes them."""
    return BodySite(region, side, views=(view,), pattern=SymptomPattern.INTERMITTENT)


def _nocturnal_calf_cramps(rng: random.Random) -> AssessmentData:
    side = rng.choice([Side.LEFT, Side.RIGHT])
    dorsiflexion = rng.randint(8, 12)
    return AssessmentData(
        subjective=Subjective(
            presenting_complaint="Painful calf cramps at night, waking 2-3 times a week",
            pain_sites=(_site(BodyRegion.LOWER_LEG, side, ChartView.BACK),),
            onset_on=None,
            onset_mechanism=OnsetMechanism.INSIDIOUS,
            nprs_now=1,
            nprs_best=0,
            nprs_worst=rng.randint(6, 8),
            aggravating_factors=(AggravatingFactor("Long walks", "after 40 min", "1 day"),),
            easing_factors=(EasingFactor("Standing and stretching the calf", "2-3 min"),),
            daily_pattern=DailyPattern(
                woken_at_night=True, times_woken_per_night=1, returns_to_sleep=True
            ),
            red_flags=_no_red_flags(rng),
        ),
        posture=(Posture(PostureDeviation.FOOT_PRONATION, Severity.MILD, Side.BILATERAL),),
        foot_posture=(
            FootPostureIndex(Side.LEFT, (1, 1, 1, 2, 1, 1)),
            FootPostureIndex(Side.RIGHT, (1, 1, 1, 1, 1, 1)),
        ),
        strength=(
            Strength("calf", Side.LEFT, 5),
            Strength("calf", Side.RIGHT, 5),
            Strength("tibialis_anterior", Side.LEFT, 4),
            Strength("tibialis_anterior", Side.RIGHT, 4),
        ),
        range_of_motion=(
            RangeOfMotion(
                "ankle_dorsiflexion",
                side,
                dorsiflexion,
                end_feel=EndFeel.SOFT_TISSUE,
                instrument=RomInstrument.GONIOMETER,
            ),
            RangeOfMotion("ankle_dorsiflexion", _other(side), rng.randint(15, 20)),
        ),
        special_tests=(
            SpecialTest("ankle_dorsiflexion_knee_straight", side, True, Decimal(dorsiflexion)),
            SpecialTest("straight_leg_raise", side, False, Decimal(rng.randint(80, 90))),
        ),
        circulation=_normal_circulation(rng),
        spasms=(
            SpasmPattern(
                BodyRegion.LOWER_LEG,
                side,
                SpasmType.CRAMP,
                muscle_group="calf",
                frequency=rng.randint(2, 4),
                frequency_period=FrequencyPeriod.PER_WEEK,
                typical_duration_seconds=rng.choice([60, 120, 180]),
                timing=(SpasmTiming.NOCTURNAL,),
                severity_nprs=rng.randint(6, 8),
                triggers={
                    CrampTrigger.DEHYDRATION: "Drinks about 1 litre a day, less in the evening",
                    CrampTrigger.OVERUSE_FATIGUE: "Worse after long walks",
                },
            ),
        ),
        lifestyle=_lifestyle(rng, fluid_intake_litres_per_day=Decimal("1.0")),
    )


def _lower_crossed_back_pain(rng: random.Random) -> AssessmentData:
    weak_side = rng.choice([Side.LEFT, Side.RIGHT])
    strong_force, weak_force = rng.randint(190, 230), rng.randint(110, 150)
    return AssessmentData(
        subjective=Subjective(
            presenting_complaint="Low back pain after long periods of sitting",
            pain_sites=(_site(BodyRegion.LOWER_BACK, Side.NOT_APPLICABLE, ChartView.BACK),),
            onset_mechanism=OnsetMechanism.INSIDIOUS,
            nprs_now=rng.randint(3, 5),
            nprs_best=2,
            nprs_worst=rng.randint(6, 7),
            aggravating_factors=(AggravatingFactor("Sitting", "45 min", "20 min"),),
            easing_factors=(EasingFactor("Walking", "10 min"),),
            daily_pattern=DailyPattern(morning_stiffness=True, morning_stiffness_minutes=15),
            red_flags=_no_red_flags(rng),
        ),
        posture=(
            Posture(PostureDeviation.ANTERIOR_PELVIC_TILT, Severity.MODERATE),
            Posture(PostureDeviation.LUMBAR_HYPERLORDOSIS, Severity.MILD),
        ),
        strength=(
            Strength("gluteus_medius", weak_side, 3, force_newtons=Decimal(weak_force)),
            Strength("gluteus_medius", _other(weak_side), 5, force_newtons=Decimal(strong_force)),
            Strength("gluteus_maximus", Side.LEFT, 4),
            Strength("gluteus_maximus", Side.RIGHT, 4),
            Strength("deep_abdominals", Side.BILATERAL, 3),
        ),
        range_of_motion=(
            RangeOfMotion("hip_extension", Side.LEFT, rng.randint(5, 12)),
            RangeOfMotion("hip_extension", Side.RIGHT, rng.randint(10, 18)),
            RangeOfMotion("thoracolumbar_flexion", Side.NOT_APPLICABLE, rng.randint(60, 80)),
        ),
        special_tests=(
            SpecialTest("thomas", Side.LEFT, True, Decimal(15), component="iliopsoas"),
            SpecialTest("thomas", Side.RIGHT, False, component="iliopsoas"),
            SpecialTest("muscle_length", Side.BILATERAL, True, muscle_group="erector_spinae"),
            SpecialTest("beighton", Side.NOT_APPLICABLE, beighton_items=(BeightonItem.PALMS_FLAT,)),
        ),
        circulation=_normal_circulation(rng),
        lifestyle=_lifestyle(
            rng, work_posture=WorkPosture.MOSTLY_SITTING, hours_sitting_per_day=Decimal(8)
        ),
    )


def _upper_crossed_neck_pain(rng: random.Random) -> AssessmentData:
    rotation = _pair(rng, 50, 65)
    return AssessmentData(
        subjective=Subjective(
            presenting_complaint="Neck and shoulder ache, headaches late in the working day",
            pain_sites=(_site(BodyRegion.NECK, Side.NOT_APPLICABLE, ChartView.BACK),),
            onset_mechanism=OnsetMechanism.INSIDIOUS,
            nprs_now=rng.randint(3, 5),
            nprs_best=1,
            nprs_worst=rng.randint(6, 7),
            aggravating_factors=(AggravatingFactor("Screen work", "2 hours", "evening"),),
            easing_factors=(EasingFactor("Heat pack and rest", "30 min"),),
            red_flags=_no_red_flags(rng),
        ),
        posture=(
            Posture(PostureDeviation.FORWARD_HEAD, Severity.MODERATE),
            Posture(PostureDeviation.ROUNDED_SHOULDERS, Severity.MODERATE, Side.BILATERAL),
            Posture(
                PostureDeviation.THORACIC_KYPHOSIS,
                Severity.MILD,
                measured_value=Decimal(46),
                method=MeasurementMethod.INCLINOMETER,
            ),
        ),
        scapular_distances=(
            ScapularDistance(ScapularMeasure.ACROMION_TO_TABLE, Side.LEFT, Decimal("6.5")),
            ScapularDistance(ScapularMeasure.ACROMION_TO_TABLE, Side.RIGHT, Decimal(7)),
        ),
        strength=(
            Strength("deep_neck_flexors", Side.NOT_APPLICABLE, 3),
            Strength("lower_trapezius", Side.LEFT, 4),
            Strength("lower_trapezius", Side.RIGHT, 4),
        ),
        grip_strength=(GripStrength(Side.LEFT, Decimal(34)), GripStrength(Side.RIGHT, Decimal(36))),
        range_of_motion=(
            RangeOfMotion("cervical_rotation", Side.LEFT, rotation[0]),
            RangeOfMotion("cervical_rotation", Side.RIGHT, rotation[1]),
            RangeOfMotion("cervical_extension", Side.NOT_APPLICABLE, rng.randint(30, 40)),
        ),
        special_tests=(
            SpecialTest("muscle_length", Side.BILATERAL, True, muscle_group="upper_trapezius"),
            SpecialTest("muscle_length", Side.BILATERAL, True, muscle_group="pectoralis_minor"),
        ),
        circulation=_normal_circulation(rng),
        spasms=(
            SpasmPattern(
                BodyRegion.NECK,
                Side.BILATERAL,
                SpasmType.SPASM,
                muscle_group="upper_trapezius",
                timing=(SpasmTiming.PROLONGED_POSITION,),
                severity_nprs=5,
                triggers={CrampTrigger.STRESS_ANXIETY: "Deadlines; tension builds through the day"},
            ),
        ),
        lifestyle=_lifestyle(
            rng,
            work_posture=WorkPosture.MOSTLY_SITTING,
            hours_sitting_per_day=Decimal(9),
            stress=Severity.MODERATE,
        ),
    )


def _claudication(rng: random.Random) -> AssessmentData:
    side = rng.choice([Side.LEFT, Side.RIGHT])
    brachial = rng.randint(135, 150)
    affected_ankle = int(brachial * rng.choice([0.55, 0.65, 0.7, 0.75, 0.85]))
    return AssessmentData(
        subjective=Subjective(
            presenting_complaint="Cramping calf pain when walking, eases with rest",
            pain_sites=(_site(BodyRegion.LOWER_LEG, side, ChartView.BACK),),
            onset_mechanism=OnsetMechanism.INSIDIOUS,
            nprs_now=0,
            nprs_best=0,
            nprs_worst=rng.randint(5, 7),
            aggravating_factors=(AggravatingFactor("Walking uphill", "150 m", "3 min"),),
            easing_factors=(EasingFactor("Standing still", "2-3 min"),),
            red_flags=_no_red_flags(rng),
        ),
        strength=(Strength("calf", Side.LEFT, 4), Strength("calf", Side.RIGHT, 4)),
        range_of_motion=(
            RangeOfMotion("ankle_dorsiflexion", Side.LEFT, rng.randint(14, 18)),
            RangeOfMotion("ankle_dorsiflexion", Side.RIGHT, rng.randint(14, 18)),
        ),
        circulation=Circulation(
            pulses=(
                Pulse("dorsalis_pedis", side, 1, PulseScale.ZERO_TO_FOUR),
                Pulse("dorsalis_pedis", _other(side), 2, PulseScale.ZERO_TO_FOUR),
            ),
            capillary_refill=(
                CapillaryRefill(Decimal("3.5"), BodyRegion.ANKLE_FOOT, side, warm=True),
                CapillaryRefill(Decimal("1.5"), BodyRegion.ANKLE_FOOT, _other(side), warm=True),
            ),
            brachial_left_mmhg=brachial,
            brachial_right_mmhg=brachial - 4,
            ankle_pressures=(
                AnklePressures(side, affected_ankle, affected_ankle - 6),
                AnklePressures(_other(side), brachial + 5, brachial),
            ),
            abi_measured_by=MeasuredBy.SELF,
            skin=(Skin(BodyRegion.LOWER_LEG, side, trophic_changes=True, note="Shiny, hairless"),),
            claudication=(Claudication(side, rng.choice([100, 150, 200]), rng.choice([300, 400])),),
            girths=(
                LimbGirth(WELLS_CALF_LANDMARK, side, Decimal("35.5")),
                LimbGirth(WELLS_CALF_LANDMARK, _other(side), Decimal(35)),
            ),
            # Calf pain on walking: the Wells score with claudication as the likelier diagnosis.
            wells=WellsScore(side, WellsVersion.TWO_LEVEL, ("alternative_diagnosis",), -2),
        ),
        spasms=(
            SpasmPattern(
                BodyRegion.LOWER_LEG,
                side,
                SpasmType.CRAMP,
                muscle_group="calf",
                timing=(SpasmTiming.DURING_EXERCISE,),
                severity_nprs=6,
                triggers={
                    CrampTrigger.POOR_CIRCULATION: "Comes on walking, eases with rest; ABI low"
                },
            ),
        ),
        lifestyle=_lifestyle(rng, activity_level=ActivityLevel.SEDENTARY),
    )


def _claudication_flags(rng: random.Random) -> tuple[DemoFlag, ...]:
    return (
        DemoFlag(
            FlagKind.PERIPHERAL_ARTERIAL_DISEASE,
            (BodyRegion.LOWER_LEG,),
            Side.BILATERAL,
            detail="Referred for vascular review",
        ),
    )


def _knee_after_injury(rng: random.Random) -> AssessmentData:
    side = rng.choice([Side.LEFT, Side.RIGHT])
    return AssessmentData(
        subjective=Subjective(
            presenting_complaint="Knee stiffness and weakness after a twisting injury at football",
            pain_sites=(_site(BodyRegion.KNEE, side, ChartView.FRONT),),
            onset_mechanism=OnsetMechanism.TRAUMATIC,
            nprs_now=rng.randint(2, 4),
            nprs_best=1,
            nprs_worst=rng.randint(5, 6),
            aggravating_factors=(AggravatingFactor("Stairs", "1 flight", "10 min"),),
            easing_factors=(EasingFactor("Ice", "15 min"),),
            red_flags=_no_red_flags(rng),
        ),
        posture=(
            Posture(
                PostureDeviation.GENU_VALGUM,
                Severity.MILD,
                Side.BILATERAL,
                measured_value=Decimal(6),
                method=MeasurementMethod.TAPE,
            ),
        ),
        strength=(
            Strength("quadriceps", side, 4, force_newtons=Decimal(rng.randint(260, 300))),
            Strength("quadriceps", _other(side), 5, force_newtons=Decimal(rng.randint(380, 420))),
            Strength("hamstrings", side, 4),
            Strength("hamstrings", _other(side), 5),
        ),
        range_of_motion=(
            RangeOfMotion(
                "knee_flexion",
                side,
                rng.randint(95, 110),
                rng.randint(105, 115),
                end_feel=EndFeel.CAPSULAR,
                pain_at_end_of_range=True,
                reproduces_complaint=True,
                instrument=RomInstrument.GONIOMETER,
            ),
            RangeOfMotion("knee_flexion", _other(side), rng.randint(135, 145)),
        ),
        special_tests=(SpecialTest("active_knee_extension", side, True, Decimal(30)),),
        circulation=Circulation(
            oedema=(Oedema(BodyRegion.KNEE, side, pitting=False),),
            girths=(
                LimbGirth("knee joint line", side, Decimal(40), BodyRegion.KNEE),
                LimbGirth("knee joint line", _other(side), Decimal("38.5"), BodyRegion.KNEE),
            ),
        ),
        lifestyle=_lifestyle(rng, activity_level=ActivityLevel.VIGOROUS),
    )


def _other(side: Side) -> Side:
    return Side.RIGHT if side is Side.LEFT else Side.LEFT


PRESENTATIONS = (
    Presentation(
        "nocturnal calf cramps",
        (55, 85),
        "Nocturnal calf cramps with short calf and low fluid intake; stretching and "
        "hydration advice.",
        _nocturnal_calf_cramps,
        activities=(
            "Sleeping through the night",
            "Walking to the shops",
            "Standing to cook a meal",
            "Climbing stairs",
            "Gardening",
        ),
    ),
    Presentation(
        "lower crossed pattern",
        (30, 60),
        "Mechanical low back pain with a lower crossed pattern.",
        _lower_crossed_back_pain,
        activities=(
            "Putting on socks",
            "Sitting through a meeting",
            "Lifting the shopping",
            "Getting out of the car",
            "Walking the dog",
        ),
    ),
    Presentation(
        "upper crossed pattern",
        (25, 55),
        "Postural neck pain, upper crossed pattern, stress a factor.",
        _upper_crossed_neck_pain,
        activities=(
            "Working at the computer",
            "Looking over my shoulder when driving",
            "Reading in bed",
            "Carrying a bag on my shoulder",
            "Sleeping on my side",
        ),
    ),
    Presentation(
        "intermittent claudication",
        (60, 85),
        "Exertional calf pain consistent with claudication; GP informed for vascular "
        "review; supervised walking programme.",
        _claudication,
        _claudication_flags,
        activities=(
            "Walking to the bus stop",
            "Walking uphill",
            "Going round the supermarket",
            "Walking with the grandchildren",
            "Climbing stairs",
        ),
    ),
    Presentation(
        "knee after injury",
        (18, 40),
        "Post-traumatic knee stiffness with quadriceps weakness.",
        _knee_after_injury,
        onset_days=(49, 70),  # sub-acute (6-12 weeks, 1.1) at the first visit
        activities=(
            "Climbing stairs",
            "Squatting down",
            "Kneeling",
            "Running",
            "Playing football",
        ),
    ),
)


def improved(record: AssessmentData, rng: random.Random) -> AssessmentData:
    """A re-assessment some weeks later: less pain, more range, a little more strength."""
    subjective = record.subjective
    now = max(0, (subjective.nprs_now or 0) - rng.randint(1, 3))
    worst = max(now, (subjective.nprs_worst or 0) - rng.randint(1, 3))
    best = min(subjective.nprs_best or 0, now)
    return replace(
        record,
        subjective=replace(subjective, nprs_now=now, nprs_best=best, nprs_worst=worst),
        range_of_motion=tuple(
            replace(item, active_degrees=item.active_degrees + rng.randint(2, 10))
            for item in record.range_of_motion
        ),
        strength=tuple(
            replace(
                item,
                grade=min(5, item.grade + rng.choice([0, 1])),
                force_newtons=item.force_newtons * Decimal("1.15") if item.force_newtons else None,
            )
            if item.grade < 5
            else item
            for item in record.strength
        ),
    )


# Who the patients of a large demo are: names from many origins, a few common and many rare, as
# in a real list, with the accents, hyphens and apostrophes the search folds.
def _listed(names: str) -> list[str]:
    """The names of a block of text; an underscore joins the words of one name."""
    return [name.replace("_", " ") for name in names.split()]


MANY_GIVEN_NAMES = {
    "female": _listed("""
        Olivia Amelia Isla Ava Mia Grace Sophia Lily Freya Emily Ivy Ella Rosie Evie
        Florence Poppy Charlotte Willow Isabella Sienna Margaret Susan Linda Patricia Elizabeth
        Mary Jennifer Sarah Karen Helen Anne Catherine Julie Deborah Janet Gillian Aisha Fatima
        Zainab Maryam Amira Layla Noor Yasmin Priya Ananya Deepa Kavita Sunita Meera Anjali
        Mei Xin Li Na Yuki Hana Sakura Ji-woo Seo-yeon Siobhan Niamh Aoife Saoirse Róisín Ciara
        Elena Sofía Lucía Inés María José Carmen Ana Beatriz Giulia Francesca Chiara Zoë Chloé
        Léa Manon Camille Hélène Agnieszka Katarzyna Małgorzata Zofia Ingrid Astrid Sigrid Linnéa
        Björk Nora Ada Adaeze Chiamaka Ngozi Amara Abena Efua Akosua Thandiwe Zanele Tatiana Olga
        Irina Svetlana Dóra Réka Ayşe Elif Zeynep Leilani Mārama Aroha"""),
    "male": _listed("""
        Oliver George Noah Arthur Leo Harry Oscar Archie Henry Theo Jack Charlie Freddie
        Alfie Thomas William James John David Michael Robert Peter Paul Richard Stephen Mark
        Andrew Christopher Graham Ian Kevin Mohammed Ahmed Omar Yusuf Ali Hassan Ibrahim Tariq
        Ravi Arjun Rohan Vikram Sanjay Amit Rahul Kiran Wei Jun Hao Hiroshi Kenji Takumi Min-jun
        Seo-jun Patrick Seán Ciarán Oisín Declan Cormac Eoin Tomasz Piotr Krzysztof Łukasz Paweł
        Jakub Henrik Lars Søren Mikkel Anders Björn Jürgen Matthias Jörg Luca Marco Giovanni
        Matteo José Javier Andrés Íñigo João Gonçalo François Jérôme Benoît Kwame Kofi Yaw Chidi
        Emeka Obinna Tunde Sipho Thabo Dmitri Sergei Ivan Mehmet Emre Kemal Tāne Wiremu Nikolai
        Samuel Daniel Benjamin"""),
}
MANY_FAMILY_NAMES = _listed("""
    Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts
    Robinson Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel
    Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan
    Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly
    Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall
    Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray
    Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler
    Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Graham Pearson Ahmed Fletcher
    Walsh Kaur Gibson Howard Andrews Stewart Elliott Reynolds Saunders Payne Fox Ford Pearce Day
    Brooks West Lawrence Cole Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien Watts
    Rose Booth Perry Ryan Grant Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett
    Webster Hunter Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland
    Hawkins Harding Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah
    Dean Lane Cooke Bates Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross
    Cross Long Freeman Warren Nicholls Hamilton Byrne Sutton McDonald Yates Hodgson Robson Curtis
    Hopkins O'Connor Harper Coleman Watkins Moss McCarthy Chambers O'Neill Griffin Sharp Hardy
    Wheeler Potter Osborne Johnston Gordon Doyle Wallace George Jordan Hutchinson Rowe Burke
    May Pritchard Gilbert Willis Higgins Read Miah Lambert Iqbal Rahman Chowdhury Okafor Okonkwo
    Adeyemi Mensah Boateng Asante Nwosu Eze Abubakar Nowak Kowalski Wiśniewski Wójcik
    Kamiński Lewandowski Zieliński Lindqvist Andersson Johansson Nilsson Larsen Jensen Hansen
    Müller Schmidt Schneider Fischer Weber Rossi Russo Ferrari Esposito Bianchi Romano García
    Fernández González Rodríguez López Martínez Sánchez Pérez Núñez Gómez Silva Santos Ferreira
    Oliveira Costa Dubois Lefèvre Moreau Girard Chen Wang Zhang Liu Huang Zhao Wu Zhou Nguyen
    Tran Pham Le Kim Park Choi Tanaka Suzuki Sato Takahashi Watanabe Yılmaz Kaya Demir Şahin
    Ivanov Petrov Smirnov Novak Horváth Nagy Papadopoulos Ó'Súilleabháin MacLeod McKenzie
    Fitzgerald D'Souza Fernandes Pereira Menon Iyer Nair Reddy Rao Gupta Sharma Verma Joshi
    Mehta Desai Chaudhry Malik Aziz Qureshi Mahmood Rashid Ndlovu Dlamini Mokoena Van_der_Merwe
    De_Vries Jansen Bakker Smith-Jones Taylor-Wood Ashworth-Hale Ngata Te_Whiti""")
PHONE_RANGES = (
    "01632 960", "020 7946 0", "0113 496 0", "0114 496 0", "0115 496 0", "0116 496 0",
    "0117 496 0", "0118 496 0", "0121 496 0", "0131 496 0", "0141 496 0", "0151 496 0",
    "0161 496 0", "07700 900",
)  # fmt: skip
"""Ofcom's numbers for drama, which ring nobody: each prefix and three more digits."""


@dataclass(frozen=True)
class DemoIdentity:
    given_names: str
    family_name: str
    phone: str
    reference: str
    email: str


def _zipf_weights(count: int) -> list[float]:
    return [1 / (rank + 1) ** 0.9 for rank in range(count)]


_FAMILY_WEIGHTS = _zipf_weights(len(MANY_FAMILY_NAMES))
_GIVEN_WEIGHTS = {sex: _zipf_weights(len(names)) for sex, names in MANY_GIVEN_NAMES.items()}


def demo_identity(seed: int, index: int, sex: str) -> DemoIdentity:
    """The name and contact details of demo patient ``index``: a few names are common, many are
    rare; some have two given names, most a phone number, some the clinic's own reference."""
    rng = random.Random(f"{seed}:{index}:identity")  # noqa: S311 (reproducible demo data)
    names, weights = MANY_GIVEN_NAMES[sex], _GIVEN_WEIGHTS[sex]
    given = rng.choices(names, weights, k=2 if rng.random() < 0.15 else 1)
    family = rng.choices(MANY_FAMILY_NAMES, _FAMILY_WEIGHTS)[0]
    second = rng.choices(MANY_FAMILY_NAMES, _FAMILY_WEIGHTS)[0]
    if rng.random() < 0.08 and second != family:  # a double-barrelled name
        family += "-" + second
    given_names = " ".join(dict.fromkeys(given))
    phone = f"{rng.choice(PHONE_RANGES)}{rng.randint(0, 999):03d}" if rng.random() < 0.85 else ""
    reference = f"P{index + 100_000:07d}" if rng.random() < 0.5 else ""
    email = ""
    if rng.random() < 0.4:
        local = ".".join(words for words in (given[0], family) if words)
        email = f"{_ascii(local)}{rng.randint(1, 99)}@example.org"
    return DemoIdentity(given_names, family, phone, reference, email)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(
        char for char in decomposed if char.isascii() and (char.isalnum() or char == ".")
    )
