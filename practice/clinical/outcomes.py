"""Outcome instruments (section 9): their items, scoring, direction and MCID, and the change of a
score from the patient's baseline.

Reviewed data in ``practice/data/outcome_measures.toml``, validated by ``load_instruments`` into
``OutcomeInstrument`` rows (the implementation note of section 9). A response is a list of item
scores, each with the activity the patient named where the instrument has them (PSFS). Pure: no
Flask or SQLAlchemy import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache
from types import MappingProxyType

from practice.clinical.goals import Better, GoalMeasure
from practice.clinical.tables import Row, read_data_file, rows

DATA_FILE = "outcome_measures.toml"
ACTIVITY_MAX_LENGTH = 200
TOTAL_PLACES = Decimal("0.01")


class Scoring(StrEnum):
    SINGLE = "single"  # the one item is the total (NPRS)
    MEAN = "mean"  # the mean of the item scores (PSFS: "total = mean of activity scores")


class Recorded(StrEnum):
    FORM = "form"  # asked on the outcomes form
    VISITS = "visits"  # read from the assessments and visit notes, never typed twice (NPRS)


@dataclass(frozen=True, kw_only=True)
class OutcomeInstrument:
    """One instrument as section 9 gives it. ``mcid_points`` and ``mcid_percent`` are the change
    of the total that meets the MCID (a change meeting either meets it); ``item_mcid_points`` the
    change of one item that does (PSFS, one activity)."""

    code: str
    version: str
    name: str
    short: str
    items_min: int
    items_max: int
    item_min: int
    item_max: int
    low_anchor: str
    high_anchor: str
    activities: bool
    scoring: Scoring
    better: Better
    mcid_points: Decimal | None
    mcid_percent: Decimal | None
    item_mcid_points: Decimal | None
    mcid_source: str
    licence: str
    recorded: Recorded
    sections: tuple[str, ...]

    def __post_init__(self) -> None:
        if not 1 <= self.items_min <= self.items_max:
            raise ValueError("items_min must be at least 1 and at most items_max")
        if self.item_min >= self.item_max:
            raise ValueError("item_min must be below item_max")
        if self.scoring is Scoring.SINGLE and self.items_max != 1:
            raise ValueError("a single-item scoring has exactly one item")
        if self.mcid_points is None and self.mcid_percent is None:
            raise ValueError("give mcid_points, mcid_percent or both")
        for name in ("mcid_points", "mcid_percent", "item_mcid_points"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise ValueError(f"{name} must be above zero")

    @property
    def scale(self) -> str:
        """E.g. "0-10, higher = better"."""
        word = "better" if self.better is Better.HIGHER else "worse"
        return f"{self.item_min}-{self.item_max}, higher = {word}"

    @property
    def mcid_text(self) -> str:
        """E.g. "2 points or 30 % of the baseline"."""
        parts = []
        if self.mcid_points is not None:
            parts.append(f"{_plain(self.mcid_points)} points")
        if self.mcid_percent is not None:
            parts.append(f"{_plain(self.mcid_percent)} % of the baseline")
        return " or ".join(parts)


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _optional_decimal(row: Row, field: str) -> Decimal | None:
    return Decimal(str(row.number(field))) if field in row.table else None


def _flag(row: Row, field: str) -> bool:
    value = row.table.get(field)
    if not isinstance(value, bool):
        raise row.error(field, "must be true or false")
    return value


def _whole(row: Row, field: str) -> int:
    value = row.number(field)
    if not isinstance(value, int):
        raise row.error(field, "must be a whole number")
    return value


FIELDS = (
    "version",
    "name",
    "short",
    "items_min",
    "items_max",
    "item_min",
    "item_max",
    "low_anchor",
    "high_anchor",
    "activities",
    "scoring",
    "better",
    "mcid_points",
    "mcid_percent",
    "item_mcid_points",
    "mcid_source",
    "licence",
    "recorded",
)


def _instrument(row: Row) -> OutcomeInstrument:
    return row.checked(
        lambda: OutcomeInstrument(
            code=row.key,
            version=row.text("version"),
            name=row.text("name"),
            short=row.text("short"),
            items_min=_whole(row, "items_min"),
            items_max=_whole(row, "items_max"),
            item_min=_whole(row, "item_min"),
            item_max=_whole(row, "item_max"),
            low_anchor=row.text("low_anchor"),
            high_anchor=row.text("high_anchor"),
            activities=_flag(row, "activities"),
            scoring=row.member("scoring", Scoring),
            better=row.member("better", Better),
            mcid_points=_optional_decimal(row, "mcid_points"),
            mcid_percent=_optional_decimal(row, "mcid_percent"),
            item_mcid_points=_optional_decimal(row, "item_mcid_points"),
            mcid_source=row.text("mcid_source"),
            licence=row.text("licence"),
            recorded=row.member("recorded", Recorded),
            sections=row.sections(),
        )
    )


def parse_instruments(document: Mapping, file: str = DATA_FILE) -> Mapping[str, OutcomeInstrument]:
    """The instruments of a parsed TOML document by code; a bad row is refused naming it."""
    parsed = rows(document, file, "instruments", _instrument, FIELDS)
    return MappingProxyType({instrument.code: instrument for instrument in parsed})


@cache
def load_instruments() -> Mapping[str, OutcomeInstrument]:
    return parse_instruments(read_data_file(DATA_FILE))


NPRS, PSFS = "nprs", "psfs"


def instrument(code: str) -> OutcomeInstrument:
    return load_instruments()[code]


def form_instruments() -> list[OutcomeInstrument]:
    """The instruments the outcomes form records, in data order."""
    return [item for item in load_instruments().values() if item.recorded is Recorded.FORM]


# Responses ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemAnswer:
    """One item as typed: the activity (PSFS) and its score; None where left empty."""

    activity: str
    score: int | None


@dataclass(frozen=True)
class ItemProblem:
    """What is wrong with the item at ``index`` (0-based; None: the response as a whole)."""

    index: int | None
    field: str  # "activity", "score" or "" for the response
    message: str


def answered(items: Sequence[ItemAnswer]) -> list[tuple[int, ItemAnswer]]:
    """The rows the clinician filled in (an activity or a score), with their positions."""
    return [
        (i, item) for i, item in enumerate(items) if item.activity.strip() or item.score is not None
    ]


def response_problems(tool: OutcomeInstrument, items: Sequence[ItemAnswer]) -> list[ItemProblem]:
    """Everything wrong with a response, for the form: an item without a score, a score out of
    range, an activity without text or too long, and fewer or more items than the instrument
    has (PSFS: 3-5 activities, section 9)."""
    problems = []
    filled = answered(items)
    for index, item in filled:
        if tool.activities and not item.activity.strip():
            problems.append(ItemProblem(index, "activity", "Name the activity this score is for."))
        if len(item.activity.strip()) > ACTIVITY_MAX_LENGTH:
            problems.append(
                ItemProblem(
                    index, "activity", f"Keep the activity to {ACTIVITY_MAX_LENGTH} characters."
                )
            )
        if item.score is None:
            problems.append(ItemProblem(index, "score", "Give a score for this activity."))
        elif not tool.item_min <= item.score <= tool.item_max:
            problems.append(
                ItemProblem(
                    index,
                    "score",
                    f"A score is a whole number from {tool.item_min} to {tool.item_max}.",
                )
            )
    if not tool.items_min <= len(filled) <= tool.items_max:
        what = "activities" if tool.activities else "items"
        problems.append(
            ItemProblem(
                None,
                "",
                f"The {tool.short} has {tool.items_min} to {tool.items_max} {what}; "
                f"{len(filled)} filled in.",
            )
        )
    return problems


def total(tool: OutcomeInstrument, scores: Sequence[int]) -> Decimal:
    """The score of a valid response: the one item, or the mean rounded half up to two places."""
    if not tool.items_min <= len(scores) <= tool.items_max:
        raise ValueError(f"{tool.short} needs {tool.items_min}-{tool.items_max} scores")
    if not all(tool.item_min <= score <= tool.item_max for score in scores):
        raise ValueError(f"{tool.short} scores are {tool.item_min}-{tool.item_max}")
    if tool.scoring is Scoring.SINGLE:
        return Decimal(scores[0])
    mean = Decimal(sum(scores)) / Decimal(len(scores))
    return mean.quantize(TOTAL_PLACES, rounding=ROUND_HALF_UP)


# Change from baseline -------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """The latest score against the baseline (the first): ``points`` latest minus baseline,
    ``percent`` of the baseline (None when the baseline is 0), ``improved`` when it moved the
    way of improvement, ``meets_mcid`` when the improvement reaches the instrument's MCID."""

    baseline: Decimal
    latest: Decimal
    points: Decimal
    percent: Decimal | None
    improved: bool
    meets_mcid: bool


def change(tool: OutcomeInstrument, baseline: Decimal, latest: Decimal) -> Change:
    """The change from baseline against the instrument's MCID (configurable: the data file, or
    ``dataclasses.replace`` of the instrument). A percentage MCID is relative to the baseline
    (the note of section 9); an improvement equal to the MCID meets it."""
    points_needed, percent_needed = tool.mcid_points, tool.mcid_percent
    points = latest - baseline
    gain = points if tool.better is Better.HIGHER else -points
    percent = None if baseline == 0 else (points / baseline * 100).quantize(Decimal("0.1"))
    gain_percent = None if baseline == 0 else gain / abs(baseline) * 100
    meets = gain > 0 and (
        (points_needed is not None and gain >= points_needed)
        or (
            percent_needed is not None
            and gain_percent is not None
            and gain_percent >= percent_needed
        )
    )
    return Change(baseline, latest, points, percent, gain > 0, meets)


def change_text(tool: OutcomeInstrument, found: Change) -> str:
    """E.g. "−3 points (−50.0 %) since the baseline of 6: meets the MCID (2 points or 30 % of
    the baseline)"."""
    sign = "+" if found.points > 0 else ("−" if found.points < 0 else "")
    unit = "point" if abs(found.points) == 1 else "points"
    text = f"{sign}{_plain(abs(found.points))} {unit}"
    if found.percent is not None:
        percent_sign = "+" if found.percent > 0 else ("−" if found.percent < 0 else "")
        text += f" ({percent_sign}{_plain(abs(found.percent))} %)"
    text += f" since the baseline of {_plain(found.baseline)}"
    if found.meets_mcid:
        return f"{text}: meets the MCID ({tool.mcid_text})"
    if found.improved:
        return f"{text}: better, below the MCID ({tool.mcid_text})"
    return f"{text}: not better"


# Plan goals on outcome measures -----------------------------------------------------------------


def outcome_goal_measures(
    activities: Sequence[ItemAnswer], psfs_mean: Decimal | None, visit_pain: int | None
) -> list[GoalMeasure]:
    """What a plan goal can target from the outcome measures (codes in ``goals``): pain before
    treatment at the latest visit (current None before any), and, once a PSFS is recorded in
    the episode, its mean and each of its activities by position."""
    nprs, psfs = instrument(NPRS), instrument(PSFS)
    measures = [
        GoalMeasure(
            "visit_nprs",
            f"Pain before treatment at visits ({nprs.short})",
            "points",
            None if visit_pain is None else Decimal(visit_pain),
            nprs.better,
            Decimal(nprs.item_min),
            Decimal(nprs.item_max),
            whole=True,
            section=nprs.sections[0],
        )
    ]
    if psfs_mean is None:
        return measures
    measures.append(
        GoalMeasure(
            "psfs_mean",
            f"{psfs.short}, mean of the activities",
            "points",
            psfs_mean,
            psfs.better,
            Decimal(psfs.item_min),
            Decimal(psfs.item_max),
            section=psfs.sections[0],
        )
    )
    measures += [
        GoalMeasure(
            f"psfs_activity:{position}",
            f"{psfs.short}: {item.activity}",
            "points",
            None if item.score is None else Decimal(item.score),
            psfs.better,
            Decimal(psfs.item_min),
            Decimal(psfs.item_max),
            whole=True,
            section=psfs.sections[0],
        )
        for position, item in enumerate(activities, 1)
    ]
    return measures
