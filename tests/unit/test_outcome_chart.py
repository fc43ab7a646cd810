"""The outcome chart's SVG, read back as XML: points where their dates and scores put them on the
axes, a marker and a dash of its own for each series, direct labels, the scale and direction
in words, and a title and description for screen readers."""

import itertools
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest

from practice.clinical.goals import Better
from practice.clinical.outcome_chart import (
    LABEL_HEIGHT,
    Chart,
    Point,
    Series,
    draw,
    spread_labels,
)

SVG = "{http://www.w3.org/2000/svg}"
D = Decimal
JAN_5, JAN_12, JAN_19 = date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19)
TEXT_HEIGHT = 11 * 1.164  # the direct labels' 11 px DejaVu Sans, ascent to descent


def pain_chart(*series: Series) -> Chart:
    return Chart("pain", "Pain over time", 0, 10, Better.LOWER, "NPRS 0-10", series)


BEFORE = Series(
    "Visit, pain before treatment",
    "before",
    (Point(JAN_5, D(8)), Point(JAN_12, D(5)), Point(JAN_19, D(2))),
)
AFTER = Series("Visit, pain after treatment", "after", (Point(JAN_5, D(6)), Point(JAN_19, D(0))))
ASSESSED = Series("Assessment, pain now", "assessed", (Point(JAN_12, D(10)),))


def parse(chart: Chart) -> ET.Element:
    return ET.fromstring(draw(chart))  # noqa: S314 (the app's own markup, not untrusted input)


def texts(root: ET.Element, css_class: str) -> list[ET.Element]:
    return [item for item in root.iter(f"{SVG}text") if item.get("class") == css_class]


def ticks(root: ET.Element) -> dict[str, float]:
    """Each y-axis tick label's text and the y of its gridline."""
    found = {}
    lines = [line for line in root.findall(f"{SVG}line")]
    for label, line in zip(texts(root, "tick"), lines, strict=False):
        found[label.text] = float(line.get("y1"))
    return found


def plot_x_range(root: ET.Element) -> tuple[float, float]:
    line = root.find(f"{SVG}line")
    return float(line.get("x1")), float(line.get("x2"))


def test_the_svg_scales_to_its_box_and_names_itself_for_screen_readers():
    root = parse(pain_chart(BEFORE))
    assert root.get("width") == "100%"
    assert root.get("viewBox").startswith("0 0 360 ")
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    found = {item.get("id"): item.text for item in root.iter() if item.get("id")}
    title, description = (found[name] for name in ids)
    assert title == "Pain over time"
    assert "NPRS 0-10, higher = worse" in description
    assert (
        "Visit, pain before treatment: 3 scores, 8 on 5 Jan 2026 to 2 on 19 Jan 2026" in description
    )


def test_the_axis_gives_the_scale_and_which_way_is_better():
    assert [item.text for item in texts(parse(pain_chart(BEFORE)), "axis-title")] == [
        "NPRS 0-10, higher = worse"
    ]
    psfs = Chart("f", "PSFS", 0, 10, Better.HIGHER, "PSFS mean 0-10", (BEFORE,))
    assert texts(parse(psfs), "axis-title")[0].text == "PSFS mean 0-10, higher = better"
    assert [item.text for item in texts(parse(psfs), "tick")] == ["0", "2", "4", "6", "8", "10"]


def test_points_sit_at_their_date_and_score():
    root = parse(pain_chart(BEFORE))
    grid = ticks(root)
    left, right = plot_x_range(root)
    circles = [c for c in root.findall(f"{SVG}circle")]
    xs = [float(c.get("cx")) for c in circles]
    ys = [float(c.get("cy")) for c in circles]
    assert xs[0] == pytest.approx(left)
    assert xs[-1] == pytest.approx(right)
    assert xs[1] == pytest.approx((left + right) / 2, abs=0.1)  # 12 Jan is halfway
    assert ys[0] == pytest.approx(grid["8"], abs=0.1)
    assert ys[2] == pytest.approx(grid["2"], abs=0.1)
    assert ys[1] == pytest.approx((grid["4"] + grid["6"]) / 2, abs=0.1)
    assert grid["10"] < grid["0"]  # higher scores are drawn higher up


def test_one_date_sits_in_the_middle():
    root = parse(pain_chart(ASSESSED))
    left, right = plot_x_range(root)
    (circle,) = root.findall(f"{SVG}circle")[:1]
    assert float(circle.get("cx")) == pytest.approx((left + right) / 2)
    assert float(circle.get("cy")) == pytest.approx(ticks(root)["10"])


def test_each_series_has_its_own_marker_and_dash():
    root = parse(pain_chart(BEFORE, AFTER, ASSESSED))
    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == 2  # the single assessment has no line
    assert len({line.get("stroke-dasharray", "") for line in lines}) == 2
    plotted = [item for item in root if item.tag != f"{SVG}g"]  # the key repeats each marker
    assert len([item for item in plotted if item.tag == f"{SVG}circle"]) == 3
    assert len([item for item in plotted if item.tag == f"{SVG}rect"]) == 2
    triangles = [item for item in plotted if item.tag == f"{SVG}polygon"]
    assert [len(item.get("points").split()) for item in triangles] == [3]


def test_the_last_point_of_each_series_is_labelled_and_labels_do_not_overlap():
    root = parse(pain_chart(BEFORE, AFTER, ASSESSED))
    labels = {item.text: float(item.get("y")) for item in texts(root, "direct-label")}
    assert set(labels) == {"before 2", "after 0", "assessed 10"}
    ys = sorted(labels.values())
    assert all(b - a >= 11 for a, b in itertools.pairwise(ys))


def test_the_key_names_every_series():
    root = parse(pain_chart(BEFORE, AFTER, ASSESSED))
    keys = [group.find(f"{SVG}text").text for group in root.findall(f"{SVG}g")]
    assert keys == [BEFORE.label, AFTER.label, ASSESSED.label]


def test_a_series_without_points_is_left_out_and_an_empty_chart_says_so():
    empty = Series("Visit, pain after treatment", "after", ())
    root = parse(pain_chart(BEFORE, empty))
    assert len(root.findall(f"{SVG}g")) == 1
    nothing = parse(pain_chart(empty))
    assert [item.text for item in nothing.iter(f"{SVG}text") if item.get("class") is None] == [
        "No scores yet"
    ]
    assert "No scores yet" in nothing.find(f"{SVG}desc").text


def test_text_is_escaped():
    odd = Series("<b>Pain</b> & more", "<i>", (Point(JAN_5, D(3)),))
    root = parse(pain_chart(odd))  # parses: nothing of the label became markup
    assert root.find(f"{SVG}g").find(f"{SVG}text").text == "<b>Pain</b> & more"


def test_the_table_holds_the_same_values_by_date():
    headings, rows = pain_chart(BEFORE, AFTER, ASSESSED).table()
    assert headings == (BEFORE.label, AFTER.label, ASSESSED.label)
    assert rows == [
        (JAN_5, ("8", "6", "—")),
        (JAN_12, ("5", "—", "10")),
        (JAN_19, ("2", "0", "—")),
    ]


def test_a_mean_keeps_its_decimals_without_trailing_zeros():
    mean = Series("PSFS mean", "mean", (Point(JAN_5, D("3.67")), Point(JAN_12, D("6.00"))))
    root = parse(Chart("f", "PSFS", 0, 10, Better.HIGHER, "PSFS mean 0-10", (mean,)))
    assert [item.text for item in texts(root, "direct-label")] == ["mean 6"]
    assert "3.67 on 5 Jan 2026" in root.find(f"{SVG}desc").text


def _spread(*wanted: float) -> tuple[float, ...]:
    return spread_labels(wanted, height=LABEL_HEIGHT, top=24, bottom=144)


def _apart(placed: tuple[float, ...]) -> bool:
    return all(b - a >= LABEL_HEIGHT for a, b in itertools.pairwise(sorted(placed)))


def test_labels_far_enough_apart_stay_where_they_were_asked_for():
    assert _spread(40, 100, 70) == (40, 100, 70)


def test_two_labels_at_the_same_height_move_apart_evenly_around_it():
    assert _spread(84, 84) == pytest.approx((77, 91))


def test_three_equal_labels_keep_their_order_around_the_value():
    assert _spread(84, 84, 84) == pytest.approx((70, 84, 98))


def test_three_labels_within_one_unit_move_apart_in_order_as_little_as_they_can():
    placed = _spread(84, 78, 72)  # 3, 3.5 and 4 on a 0-10 scale: 12 px a unit
    assert _apart(placed)
    assert placed[2] < placed[1] < placed[0]
    assert sum(placed) / 3 == pytest.approx(78)  # the block is centred on where they asked


def test_labels_at_the_ends_of_the_scale_stay_inside_the_plot():
    assert _spread(24, 24) == pytest.approx((24, 38))
    assert _spread(144, 140, 144) == pytest.approx((130, 116, 144))


def test_a_block_that_meets_its_neighbour_joins_it():
    placed = _spread(60, 70, 84)
    assert _apart(placed)
    assert sum(placed) / 3 == pytest.approx(sum((60, 70, 84)) / 3)


def test_close_ends_get_labels_a_text_height_apart_each_with_a_leader_to_its_line():
    ends = (
        Series("Assessment, pain now", "assessed", (Point(JAN_5, D(4)),)),
        Series("Visit, pain before", "before", (Point(JAN_12, D(4)), Point(JAN_19, D(3)))),
        Series("Visit, pain after", "after", (Point(JAN_12, D(2)), Point(JAN_19, D(3)))),
    )
    root = parse(pain_chart(*ends))
    labels = texts(root, "direct-label")
    assert [item.text for item in labels] == ["assessed 4", "before 3", "after 3"]
    ys = [float(item.get("y")) for item in labels]
    assert all(b - a >= TEXT_HEIGHT for a, b in itertools.pairwise(ys))
    grid = ticks(root)
    line_ends = [grid["4"], (grid["2"] + grid["4"]) / 2, (grid["2"] + grid["4"]) / 2]
    leaders = [line for line in root.iter(f"{SVG}line") if line.get("class") == "leader"]
    assert len(leaders) == 3  # all three moved: the block is centred on their ends
    for leader, label, end in zip(leaders, labels, line_ends, strict=True):
        assert leader.get("stroke") == label.get("fill")
        assert float(leader.get("y1")) == pytest.approx(end, abs=0.1)
        assert float(leader.get("y2")) == pytest.approx(float(label.get("y")) - 3.5)
        assert float(leader.get("x2")) < float(label.get("x"))


def test_labels_that_are_not_moved_have_no_leader():
    root = parse(pain_chart(BEFORE, AFTER, ASSESSED))
    assert [line for line in root.iter(f"{SVG}line") if line.get("class") == "leader"] == []
