"""How a treatment site is written on pages and letters."""

import pytest

from practice.clinical.labels import site_text
from practice.clinical.vocabulary import BodyRegion, Side


@pytest.mark.parametrize(
    ("region", "side", "written"),
    [
        ("neck", "not_applicable", "Neck"),
        (BodyRegion.THIGH, Side.RIGHT, "Thigh, right"),
        ("lower_back", None, "Lower back"),
        ("wrist_hand", "bilateral", "Wrist and hand, bilateral"),
    ],
)
def test_a_site_is_written_without_a_side_that_does_not_apply(region, side, written):
    assert site_text(region, side) == written
