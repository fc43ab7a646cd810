"""The visit note's rules: stimulation ranges (7.6-7.8), the exercise log and adherence (8.3, 8.5).

The ranges below are transcribed from shared/clinical-reference.md, not read from the data file,
so a slip in ``visit_rules.toml`` fails here. Each boundary is tested on and just past it (0.14).
"""

from decimal import Decimal

import pytest

from practice.clinical.tables import read_data_file
from practice.clinical.visit_rules import (
    AdherenceRule,
    DeliveryKind,
    adherence,
    delivery_kind,
    load_visit_rules,
    log_days,
    log_problem,
    stimulation_problems,
    visit_rules_from_document,
)
from practice.clinical.vocabulary import TechniqueKind

# mode, parameter, low, high, section: the reference's words, widest figure quoted.
REFERENCE_RANGES = [
    ("tens_conventional", "frequency_hz", 50, 150, "7.6"),  # "ranges quoted 50-150 Hz"
    ("tens_conventional", "pulse_width_us", 50, 250, "7.6"),  # "~50-100 µs (up to 250 µs)"
    ("tens_acupuncture_like", "frequency_hz", 1, 10, "7.6"),  # "~1-4 Hz (up to 5-10 Hz)"
    ("tens_acupuncture_like", "pulse_width_us", 150, 250, "7.6"),  # "~150-250 µs"
    ("nmes", "frequency_hz", 20, 100, "7.7"),  # "30-50 Hz (range 20-100)"
    ("nmes", "pulse_width_us", 200, 600, "7.7"),  # "200-400 µs (wider 400-600 µs)"
    ("ifc_pain", "frequency_hz", 80, 150, "7.8"),  # "AMF ~80-150 Hz ... for pain"
    ("ifc_motor", "frequency_hz", 10, 25, "7.8"),  # "lower (~10-25 Hz) for motor effects"
    ("ifc_pain", "carrier_hz", 1000, 10000, "7.8"),  # "1-10 kHz used"
]

TYPICAL = {  # a setting inside every range of the mode, so only the parameter tested can fail
    "tens_conventional": {"frequency_hz": 100, "pulse_width_us": 80, "minutes": 30},
    "tens_acupuncture_like": {"frequency_hz": 2, "pulse_width_us": 200, "minutes": 30},
    "nmes": {"frequency_hz": 40, "pulse_width_us": 300, "minutes": 15},
    "ifc_pain": {"frequency_hz": 100, "carrier_hz": 4000, "minutes": 15},
    "ifc_motor": {"frequency_hz": 20, "carrier_hz": 4000, "minutes": 15},
}


@pytest.mark.parametrize("mode", ["tens_conventional", "nmes", "ifc_pain"])
def test_a_session_length_is_recorded_not_checked(mode):
    """7.6-7.8 give session lengths as what is common ("commonly 20-60 min in clinic; home users
    may run longer"), not as limits."""
    rules = load_visit_rules()
    for minutes in (1, 45, 90):
        assert "minutes" not in stimulation_problems(
            rules.modes[mode], TYPICAL[mode] | {"minutes": minutes}
        )


@pytest.mark.parametrize(("mode", "parameter", "low", "high", "section"), REFERENCE_RANGES)
def test_each_quoted_range_takes_its_ends_and_refuses_past_them_naming_range_and_section(
    mode, parameter, low, high, section
):
    rules = load_visit_rules()
    chosen = rules.modes[mode]
    for value, refused in ((low, False), (high, False), (low - 1, True), (high + 1, True)):
        problems = stimulation_problems(chosen, TYPICAL[mode] | {parameter: value})
        assert (parameter in problems) is refused, (mode, parameter, value)
        if refused:
            assert f"outside {low}-{high}" in problems[parameter]
            assert f"({section})" in problems[parameter]
        assert set(problems) <= {parameter}


def test_a_decimal_frequency_is_checked_as_typed():
    conventional = load_visit_rules().modes["tens_conventional"]
    assert stimulation_problems(conventional, TYPICAL["tens_conventional"]) == {}
    typed = TYPICAL["tens_conventional"] | {"frequency_hz": Decimal("150.5")}
    assert "frequency_hz" in stimulation_problems(conventional, typed)


def test_burst_and_modulated_tens_have_no_quoted_frequency_so_none_is_checked():
    rules = load_visit_rules()
    for mode in ("tens_burst", "tens_modulated"):
        assert stimulation_problems(rules.modes[mode], {"frequency_hz": 500, "minutes": 30}) == {}


def test_a_parameter_with_a_range_must_be_given():
    nmes = load_visit_rules().modes["nmes"]
    problems = stimulation_problems(nmes, {"frequency_hz": 40, "minutes": 15})
    assert list(problems) == ["pulse_width_us"]


def test_interferential_current_has_no_pulse_width():
    ifc = load_visit_rules().modes["ifc_pain"]
    with pytest.raises(ValueError, match="records no pulse_width_us"):
        stimulation_problems(ifc, TYPICAL["ifc_pain"] | {"pulse_width_us": 100})


def test_the_intensity_is_worded_as_the_reference_words_it():
    modes = load_visit_rules().modes
    assert modes["tens_conventional"].intensity == "strong but comfortable tingling, no contraction"
    assert modes["tens_acupuncture_like"].intensity == "higher, visible rhythmic twitches"
    assert modes["ifc_pain"].intensity == ""  # 7.8 gives no wording


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (TechniqueKind.DRY_NEEDLING, DeliveryKind.NEEDLING),
        (TechniqueKind.TENS, DeliveryKind.STIMULATION),
        (TechniqueKind.NMES, DeliveryKind.STIMULATION),
        (TechniqueKind.INTERFERENTIAL, DeliveryKind.STIMULATION),
        (TechniqueKind.MASSAGE, DeliveryKind.HANDS_ON),
        (TechniqueKind.MYOFASCIAL_RELEASE, DeliveryKind.HANDS_ON),
        (TechniqueKind.STATIC_STRETCH, DeliveryKind.HANDS_ON),
        (TechniqueKind.MOBILITY, DeliveryKind.EXERCISE),
        (TechniqueKind.STRENGTHENING, DeliveryKind.EXERCISE),
    ],
)
def test_each_kind_is_recorded_with_the_details_the_issue_names(kind, expected):
    assert delivery_kind(kind) is expected


def test_a_home_exercise_is_always_an_exercise():
    assert delivery_kind(TechniqueKind.STATIC_STRETCH, is_exercise=True) is DeliveryKind.EXERCISE


@pytest.mark.parametrize(
    ("days", "weeks", "refused"),
    [(0, 1, False), (7, 1, False), (8, 1, True), (14, 2, False), (15, 2, True), (-1, 1, True)],
)
def test_the_log_has_seven_days_a_weekly_sheet(days, weeks, refused):
    assert log_days(weeks) == 7 * weeks
    assert (log_problem(days, weeks) is not None) is refused


RULE = AdherenceRule(80, ("8.5",), "8.5: completing ≥ 80 % of prescribed sessions")


@pytest.mark.parametrize(
    ("done", "per_week", "weeks", "percent", "adherent"),
    [
        (4, 5, 1, 80, True),  # exactly 80 %: adherent (≥)
        (3, 4, 1, 75, False),
        (7, 7, 1, 100, True),
        (6, 3, 2, 100, True),  # 3 days a week for two weeks: 6 prescribed
        (7, 3, 1, 100, True),  # more than prescribed still counts as all of it
        (11, None, 2, 79, False),  # no days a week given: every day, 11 of 14
        (0, 7, 1, 0, False),
    ],
)
def test_completion_is_of_the_prescribed_days_against_the_threshold(
    done, per_week, weeks, percent, adherent
):
    result = adherence(done, per_week, weeks, RULE)
    assert (result.percent, result.adherent) == (percent, adherent)


def test_the_shipped_threshold_is_the_reference_s_80_percent():
    rule = load_visit_rules().adherence
    assert (rule.adherent_from_percent, rule.sections) == (80, ("8.5",))


def test_a_bad_row_is_refused_naming_the_file_the_row_and_the_field():
    document = read_data_file("visit_rules.toml")
    broken = dict(document)
    broken["stimulation"] = [dict(document["stimulation"][0], frequency_hz=[150, 50])]
    broken["stimulation"] += document["stimulation"][1:]
    with pytest.raises(ValueError, match=r"visit_rules.toml: row stimulation\[0\] 'tens_conv"):
        visit_rules_from_document(broken)
    no_nmes = dict(
        document, stimulation=[r for r in document["stimulation"] if r["kind"] != "nmes"]
    )
    with pytest.raises(ValueError, match="no \\[\\[stimulation\\]\\] row for nmes"):
        visit_rules_from_document(no_nmes)
    foreign = dict(document)
    foreign["stimulation"] = [dict(document["stimulation"][0], carrier_hz=[1000, 2000])]
    with pytest.raises(ValueError, match="tens records no carrier_hz"):
        visit_rules_from_document(foreign)
