"""The screening table is reviewed data: ``screening_rules.toml`` loads into ``Rule`` rows and a
bad row is refused naming the row. What the rows decide is tested against the reference in
test_screening.py, test_region_reach.py and test_red_flag_screening.py."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from practice.clinical.screening import (
    RULES,
    SCREENING_RULES_FILE,
    Rule,
    Verdict,
    Where,
    screening_rules_from_document,
)
from practice.clinical.tables import read_data_file
from practice.clinical.vocabulary import BodyRegion, FlagKind, TechniqueKind

SHIPPED = read_data_file(SCREENING_RULES_FILE)


def broken(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    document = copy.deepcopy(SHIPPED)
    change(document)
    return document


def rule_of(document: dict[str, Any], key: str) -> dict[str, Any]:
    return next(row for row in document["rules"] if row["key"] == key)


def test_every_row_of_the_file_loads_into_a_rule_with_its_source():
    loaded = screening_rules_from_document(SHIPPED)

    assert loaded == RULES
    assert len(loaded) == len(SHIPPED["rules"])
    assert all(isinstance(rule, Rule) and rule.source.strip() for rule in loaded)
    assert len({rule.key for rule in loaded}) == len(loaded)


def test_a_technique_group_expands_to_its_kinds():
    rule = next(rule for rule in RULES if rule.key == "active-implant-electrotherapy")

    assert set(rule.techniques) == {
        TechniqueKind.TENS,
        TechniqueKind.NMES,
        TechniqueKind.INTERFERENTIAL,
    }
    assert rule.flags == (FlagKind.ACTIVE_IMPLANT,)
    assert rule.where is Where.ANYWHERE
    assert rule.verdict is Verdict.CONTRAINDICATED


def test_regions_except_lists_every_other_region():
    rule = next(rule for rule in RULES if rule.key == "epilepsy-electrotherapy-elsewhere")
    head_and_neck = {BodyRegion.HEAD, BodyRegion.FACE, BodyRegion.NECK, BodyRegion.ANTERIOR_NECK}

    assert set(rule.regions) == set(BodyRegion) - head_and_neck


BAD_DOCUMENTS: list[tuple[str, Callable[[dict[str, Any]], object], list[str]]] = [
    (
        "unknown flag",
        lambda d: rule_of(d, "fever-soft-tissue").update(flags=["feverish"]),
        ["'fever-soft-tissue'", "'flags'", "unknown value 'feverish'"],
    ),
    (
        "unknown finding",
        lambda d: rule_of(d, "oedema-soft-tissue").update(findings=["swelling"]),
        ["'oedema-soft-tissue'", "'findings'", "unknown value 'swelling'"],
    ),
    (
        "unknown technique or group",
        lambda d: rule_of(d, "fever-soft-tissue").update(techniques=["cupping"]),
        ["'fever-soft-tissue'", "'techniques'", "unknown technique or group 'cupping'"],
    ),
    (
        "unknown region",
        lambda d: rule_of(d, "placement-electrotherapy-head").update(regions=["scalp"]),
        ["'placement-electrotherapy-head'", "'regions'", "unknown value 'scalp'"],
    ),
    (
        "unknown where",
        lambda d: rule_of(d, "fever-soft-tissue").update(where="nearby"),
        ["'fever-soft-tissue'", "'where'", "unknown value 'nearby'"],
    ),
    (
        "empty section list",
        lambda d: rule_of(d, "fever-soft-tissue").update(sections=[]),
        ["'fever-soft-tissue'", "'sections'", "section numbers"],
    ),
    (
        "malformed section",
        lambda d: rule_of(d, "fever-soft-tissue").update(sections=["section 7.3"]),
        ["'fever-soft-tissue'", "'sections'"],
    ),
    (
        "regions given with where anywhere",
        lambda d: rule_of(d, "fever-soft-tissue").update(regions=["chest"]),
        ["'fever-soft-tissue'", "regions are given exactly when where is 'in_regions'"],
    ),
    (
        "in_regions without regions",
        lambda d: rule_of(d, "placement-electrotherapy-head").pop("regions"),
        ["'placement-electrotherapy-head'", "regions are given exactly when"],
    ),
    (
        "regions and regions_except together",
        lambda d: rule_of(d, "placement-electrotherapy-head").update(regions_except=["face"]),
        ["'placement-electrotherapy-head'", "not both"],
    ),
    (
        "a sited flag acting anywhere",
        lambda d: rule_of(d, "dvt-local-treatment").update(where="anywhere"),
        ["'dvt-local-treatment'", "flags with a site act 'at_site'"],
    ),
    (
        "a flag without a site acting at the site",
        lambda d: rule_of(d, "fever-soft-tissue").update(where="at_site"),
        ["'fever-soft-tissue'", "flags without a site cannot act 'at_site'"],
    ),
    (
        "a rule that allows",
        lambda d: rule_of(d, "fever-soft-tissue").update(verdict="allowed"),
        ["'fever-soft-tissue'", "never allows"],
    ),
    (
        "no techniques",
        lambda d: rule_of(d, "fever-soft-tissue").update(techniques=[]),
        ["'fever-soft-tissue'", "names its techniques"],
    ),
    (
        "duplicate key",
        lambda d: d["rules"].append(copy.deepcopy(rule_of(d, "fever-soft-tissue"))),
        ["'fever-soft-tissue'", "duplicate key"],
    ),
    (
        "no source",
        lambda d: rule_of(d, "fever-soft-tissue").pop("source"),
        ["'source'", "non-empty text"],
    ),
    (
        "unknown field",
        lambda d: rule_of(d, "fever-soft-tissue").update(side="left"),
        ["'fever-soft-tissue'", "'side'", "unknown field"],
    ),
    (
        "a category group that disagrees with the vocabulary",
        lambda d: d["technique_groups"][0].update(techniques=["tens", "nmes"]),
        ["'electrotherapy'", "must be the electrotherapy kinds"],
    ),
    (
        "a group that shadows a technique kind",
        lambda d: d["technique_groups"].append(
            {"key": "massage", "techniques": ["massage"], "sections": ["7.3"], "source": "x"}
        ),
        ["'massage'", "cannot be redefined"],
    ),
    ("no rules at all", lambda d: d.pop("rules"), ["needs a non-empty [[rules]] array"]),
]


@pytest.mark.parametrize(
    ("change", "messages"),
    [case[1:] for case in BAD_DOCUMENTS],
    ids=[case[0] for case in BAD_DOCUMENTS],
)
def test_a_bad_row_is_refused_naming_the_row(change, messages):
    with pytest.raises(ValueError, match=r"^screening_rules\.toml: ") as refused:
        screening_rules_from_document(broken(change))

    for message in messages:
        assert message in str(refused.value)
