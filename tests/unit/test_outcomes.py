"""Outcome instruments (section 9): the data agrees with the reference, responses are scored and
refused as the reference says, and the change from baseline meets the MCID where it should."""

import re
from dataclasses import replace
from decimal import Decimal

import pytest

from practice.clinical.goals import Better
from practice.clinical.outcomes import (
    ItemAnswer,
    Recorded,
    Scoring,
    change,
    change_text,
    form_instruments,
    instrument,
    load_instruments,
    parse_instruments,
    response_problems,
    total,
)
from practice.clinical.tables import read_data_file

D = Decimal

# Transcribed from section 9 of the clinical reference, independent of the data file:
# code -> (items min, items max, item range, direction, MCID points, MCID %, licence words).
SECTION_9 = {
    "nprs": (1, 1, (0, 10), Better.LOWER, D(2), D(30), None),
    "psfs": (3, 5, (0, 10), Better.HIGHER, D(2), None, "Free to use (Stratford 1995)"),
}
ANCHORS = {"nprs": ("no pain", "worst imaginable"), "psfs": ("unable", "pre-injury level")}


@pytest.mark.parametrize("code", sorted(SECTION_9))
def test_each_instrument_is_as_section_9_gives_it(code):
    items_min, items_max, (low, high), better, points, percent, licence = SECTION_9[code]
    tool = instrument(code)
    assert (tool.items_min, tool.items_max) == (items_min, items_max)
    assert (tool.item_min, tool.item_max) == (low, high)
    assert tool.better is better
    assert (tool.mcid_points, tool.mcid_percent) == (points, percent)
    assert tool.sections == ("9",)
    assert (tool.low_anchor, tool.high_anchor) == ANCHORS[code]
    if licence:
        assert licence in tool.licence


def test_only_the_instruments_of_section_9_are_shipped():
    """No Global Rating of Change: section 9 has none and no citable free wording was found."""
    assert set(load_instruments()) == set(SECTION_9)


def test_the_psfs_is_asked_on_the_form_and_pain_is_read_from_the_visits():
    assert [tool.code for tool in form_instruments()] == ["psfs"]
    assert instrument("nprs").recorded is Recorded.VISITS
    assert instrument("psfs").scoring is Scoring.MEAN
    assert instrument("psfs").item_mcid_points == D(3)  # MDC for a single activity (9)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ((4, 6, 8), D("6.00")),
        ((3, 4, 4), D("3.67")),  # 11 / 3 = 3.666…, half up
        ((0, 0, 1), D("0.33")),
        ((10, 10, 10, 10, 10), D("10.00")),
        ((1, 2, 3, 4), D("2.50")),
        ((0, 1, 1, 1, 1), D("0.80")),
    ],
)
def test_the_psfs_total_is_the_mean_of_the_activity_scores(scores, expected):
    assert total(instrument("psfs"), scores) == expected


def test_a_total_is_refused_for_a_response_that_is_not_valid():
    with pytest.raises(ValueError, match="3-5"):
        total(instrument("psfs"), [5, 5])
    with pytest.raises(ValueError, match="0-10"):
        total(instrument("psfs"), [5, 5, 11])


def _answers(*rows):
    return [ItemAnswer(activity, score) for activity, score in rows]


def _messages(rows):
    return [(p.index, p.field, p.message) for p in response_problems(instrument("psfs"), rows)]


def test_three_to_five_scored_activities_are_a_valid_psfs():
    three = _answers(("Stairs", 0), ("Kneeling", 10), ("Walking", 5), ("", None), ("", None))
    five = _answers(*[(f"Activity {n}", n) for n in range(5)])
    assert _messages(three) == []
    assert _messages(five) == []


@pytest.mark.parametrize(
    ("rows", "where", "words"),
    [
        ([("Stairs", 11), ("Kneeling", 3), ("Walking", 3)], (0, "score"), "from 0 to 10"),
        ([("Stairs", -1), ("Kneeling", 3), ("Walking", 3)], (0, "score"), "whole number"),
        ([("Stairs", 3), ("", 4), ("Walking", 3)], (1, "activity"), "Name the activity"),
        ([("Stairs", 3), ("Kneeling", None), ("Walking", 3)], (1, "score"), "Give a score"),
        ([("Stairs", 3), ("Kneeling", 3)], (None, ""), "3 to 5 activities; 2 filled in"),
        ([(f"A{n}", 3) for n in range(6)], (None, ""), "3 to 5 activities; 6 filled in"),
        ([("x" * 201, 3), ("Kneeling", 3), ("Walking", 3)], (0, "activity"), "200 characters"),
    ],
)
def test_a_psfs_that_is_not_valid_is_refused_with_the_reason(rows, where, words):
    found = _messages(_answers(*rows))
    assert any((index, field) == where and words in text for index, field, text in found), found


def test_an_activity_of_200_characters_is_kept():
    assert _messages(_answers(("x" * 200, 3), ("Kneeling", 3), ("Walking", 3))) == []


@pytest.mark.parametrize(
    ("code", "baseline", "latest", "improved", "meets"),
    [
        # NPRS: lower is better; 2 points or 30 % of the baseline (section 9).
        ("nprs", 8, 6, True, True),  # 2 points: exactly the MCID meets it
        ("nprs", 8, 7, True, False),  # 1 point, 12.5 %
        ("nprs", 3, 2, True, True),  # 1 point but 33 % of 3
        ("nprs", 10, 8, True, True),
        ("nprs", 10, 9, True, False),
        ("nprs", 4, 6, False, False),  # worse
        ("nprs", 0, 0, False, False),  # no baseline to improve on
        # PSFS: higher is better; 2 points on the mean (MDC 90 %).
        ("psfs", 3, 5, True, True),
        ("psfs", D("3.67"), D("5.33"), True, False),  # 1.66
        ("psfs", 5, 4, False, False),
    ],
)
def test_the_change_from_baseline_meets_the_mcid_as_section_9_says(
    code, baseline, latest, improved, meets
):
    found = change(instrument(code), D(baseline), D(latest))
    assert (found.improved, found.meets_mcid) == (improved, meets)
    assert found.points == D(latest) - D(baseline)


def test_the_mcid_is_configurable():
    strict = replace(instrument("nprs"), mcid_points=D(3), mcid_percent=None)
    assert change(instrument("nprs"), D(8), D(6)).meets_mcid
    assert not change(strict, D(8), D(6)).meets_mcid
    assert change(strict, D(8), D(5)).meets_mcid


def test_a_percentage_is_of_the_baseline():
    found = change(instrument("nprs"), D(6), D(4))
    assert found.percent == D("-33.3")
    assert change_text(instrument("nprs"), found) == (
        "−2 points (−33.3 %) since the baseline of 6: meets the MCID (2 points or 30 % of the "
        "baseline)"
    )
    assert change(instrument("nprs"), D(0), D(3)).percent is None


def test_the_change_says_when_it_is_better_but_below_the_mcid():
    text = change_text(instrument("psfs"), change(instrument("psfs"), D(3), D(4)))
    assert text == "+1 point (+33.3 %) since the baseline of 3: better, below the MCID (2 points)"


def _document(**changes):
    document = read_data_file("outcome_measures.toml")
    document["instruments"][1] |= changes
    return document


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"better": "up"}, "field 'better': unknown value 'up'"),
        ({"items_min": 6}, "items_min must be at least 1 and at most items_max"),
        ({"item_min": 10}, "item_min must be below item_max"),
        ({"mcid_points": -1}, "mcid_points must be above zero"),
        ({"items_max": 4.5}, "field 'items_max': must be a whole number"),
        ({"activities": "yes"}, "field 'activities': must be true or false"),
        ({"colour": "red"}, "unknown field"),
        ({"licence": ""}, "field 'licence': must be non-empty text"),
    ],
)
def test_a_bad_row_of_the_data_is_refused_naming_it(changes, words):
    with pytest.raises(
        ValueError, match=re.escape("outcome_measures.toml: row instruments[1] 'psfs'")
    ) as raised:
        parse_instruments(_document(**changes))
    assert words in str(raised.value)


def test_an_instrument_needs_an_mcid():
    document = _document()
    del document["instruments"][1]["mcid_points"]
    with pytest.raises(ValueError, match="give mcid_points, mcid_percent or both"):
        parse_instruments(document)
