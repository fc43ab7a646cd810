"""Prevention topics and "seek help" lines chosen from a patient's findings and flags (0.13, 6.2,
6.3, 8.3); the tables are transcribed from the reference, not from ``practice.clinical.advice``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from practice.clinical.advice import SEEK_HELP_WHEN, advice_topics, seek_help_items
from practice.clinical.catalogues import RED_FLAGS
from practice.clinical.findings import Finding
from practice.clinical.vocabulary import (
    AdviceTopic,
    BodyRegion,
    CrampTrigger,
    FindingKind,
    FlagKind,
    Side,
)
from practice.seed import load_seed_catalogue

A = AdviceTopic
K = FindingKind
PRACTICE = Path(__file__).resolve().parents[2] / "practice"


def finding(
    kind: FindingKind,
    region: BodyRegion = BodyRegion.LOWER_LEG,
    *,
    trigger: CrampTrigger | None = None,
    subject: str | None = None,
) -> Finding:
    return Finding(kind, region, Side.LEFT, kind.value, "test", trigger=trigger, subject=subject)


def trigger(kind: CrampTrigger) -> Finding:
    return finding(K.CRAMP_TRIGGER, trigger=kind)


CIRCULATION = trigger(CrampTrigger.POOR_CIRCULATION)
GENERAL = ["calf-swelling-warmth", "chest-pain", "new-numbness", "bladder-bowel-saddle"]


@pytest.fixture(scope="module")
def red_flag_items():
    return load_seed_catalogue().red_flags


# Prevention topics -----------------------------------------------------------------------------

TOPIC_CASES = [
    # (id, findings, flags, expected topics in AdviceTopic order)
    ("nothing recorded", [], [], []),
    ("dehydration", [trigger(CrampTrigger.DEHYDRATION)], [], [A.DEHYDRATION]),
    ("overuse", [trigger(CrampTrigger.OVERUSE_FATIGUE)], [], [A.OVERUSE_FATIGUE]),
    ("minerals", [trigger(CrampTrigger.MINERAL_DEFICIENCY)], [], [A.MINERAL_DEFICIENCY]),
    ("stress trigger", [trigger(CrampTrigger.STRESS_ANXIETY)], [], [A.STRESS_ANXIETY]),
    ("stress in lifestyle", [finding(K.STRESS, BodyRegion.WHOLE_BODY)], [], [A.STRESS_ANXIETY]),
    (
        "prolonged position",
        [finding(K.PROLONGED_POSITION, BodyRegion.WHOLE_BODY)],
        [],
        [A.PROLONGED_POSITION],
    ),
    ("nocturnal cramps", [finding(K.NOCTURNAL_CRAMPS)], [], [A.NOCTURNAL_CRAMPS]),
    ("postural deviation", [finding(K.POSTURAL_DEVIATION, BodyRegion.NECK)], [], [A.POSTURE]),
    ("upper crossed", [finding(K.UPPER_CROSSED_SYNDROME, BodyRegion.NECK)], [], [A.POSTURE]),
    ("lower crossed", [finding(K.LOWER_CROSSED_SYNDROME, BodyRegion.PELVIS)], [], [A.POSTURE]),
    # Poor circulation as a trigger, split by the evidence (0.13).
    *(
        (f"circulation + {kind}", [CIRCULATION, finding(kind)], [], [A.POOR_CIRCULATION_ARTERIAL])
        for kind in (
            K.ARTERIAL_INSUFFICIENCY,
            K.BORDERLINE_ABI,
            K.CLAUDICATION,
            K.DELAYED_CAPILLARY_REFILL,
            K.DIMINISHED_PULSE,
        )
    ),
    (
        "circulation + PAD flag",
        [CIRCULATION],
        [FlagKind.PERIPHERAL_ARTERIAL_DISEASE],
        [A.POOR_CIRCULATION_ARTERIAL],
    ),
    (
        "circulation + buttock claudication",
        [CIRCULATION, finding(K.CLAUDICATION, BodyRegion.PELVIS)],
        [],
        [A.POOR_CIRCULATION_ARTERIAL],
    ),
    *(
        (f"circulation + {kind}", [CIRCULATION, finding(kind)], [], [A.POOR_CIRCULATION_VENOUS])
        for kind in (K.VARICOSE_VEINS, K.OEDEMA)
    ),
    (
        "circulation + varicose-veins flag",
        [CIRCULATION],
        [FlagKind.VARICOSE_VEINS],
        [A.POOR_CIRCULATION_VENOUS],
    ),
    (
        "circulation + both signs",
        [CIRCULATION, finding(K.DIMINISHED_PULSE), finding(K.OEDEMA)],
        [],
        [A.POOR_CIRCULATION_ARTERIAL, A.POOR_CIRCULATION_VENOUS],
    ),
    (
        "circulation, no sign either way: both",
        [CIRCULATION],
        [],
        [A.POOR_CIRCULATION_ARTERIAL, A.POOR_CIRCULATION_VENOUS],
    ),
    (
        "circulation, signs only in the arm count for neither: both",
        [
            CIRCULATION,
            finding(K.ARTERIAL_INSUFFICIENCY, BodyRegion.WRIST_HAND),
            finding(K.OEDEMA, BodyRegion.FOREARM),
        ],
        [],
        [A.POOR_CIRCULATION_ARTERIAL, A.POOR_CIRCULATION_VENOUS],
    ),
    (
        "circulation + unreliable ABI and skin changes are no sign: both",
        [CIRCULATION, finding(K.ABI_UNRELIABLE), finding(K.SKIN_CHANGES)],
        [],
        [A.POOR_CIRCULATION_ARTERIAL, A.POOR_CIRCULATION_VENOUS],
    ),
    # Circulation findings without a cramp trigger.
    ("PAD finding alone", [finding(K.ARTERIAL_INSUFFICIENCY)], [], [A.POOR_CIRCULATION_ARTERIAL]),
    ("claudication alone", [finding(K.CLAUDICATION)], [], [A.POOR_CIRCULATION_ARTERIAL]),
    ("PAD flag alone", [], [FlagKind.PERIPHERAL_ARTERIAL_DISEASE], [A.POOR_CIRCULATION_ARTERIAL]),
    ("varicose veins alone", [finding(K.VARICOSE_VEINS)], [], [A.POOR_CIRCULATION_VENOUS]),
    ("varicose-veins flag alone", [], [FlagKind.VARICOSE_VEINS], [A.POOR_CIRCULATION_VENOUS]),
    *(
        (f"{kind} alone is not enough", [finding(kind)], [], [])
        for kind in (
            K.BORDERLINE_ABI,
            K.DELAYED_CAPILLARY_REFILL,
            K.DIMINISHED_PULSE,
            K.OEDEMA,
            K.ABI_UNRELIABLE,
            K.SKIN_CHANGES,
        )
    ),
    (
        "absent radial pulse alone",
        [finding(K.ARTERIAL_INSUFFICIENCY, BodyRegion.WRIST_HAND)],
        [],
        [],
    ),
    # Findings that bring nothing on their own.
    ("cramps without a trigger", [finding(K.CRAMPS)], [], []),
    ("trigger finding without a trigger", [finding(K.CRAMP_TRIGGER)], [], []),
    ("pain and weakness", [finding(K.PAIN), finding(K.MUSCLE_WEAKNESS)], [], []),
    ("unrelated flags", [], [FlagKind.DVT, FlagKind.LYMPHOEDEMA, FlagKind.DIABETES], []),
    # Several at once: each topic once, in AdviceTopic order whatever the record order.
    (
        "everything, shuffled and repeated",
        [
            finding(K.POSTURAL_DEVIATION, BodyRegion.NECK),
            finding(K.UPPER_CROSSED_SYNDROME, BodyRegion.NECK),
            finding(K.NOCTURNAL_CRAMPS),
            finding(K.PROLONGED_POSITION, BodyRegion.WHOLE_BODY),
            trigger(CrampTrigger.STRESS_ANXIETY),
            finding(K.STRESS, BodyRegion.WHOLE_BODY),
            trigger(CrampTrigger.MINERAL_DEFICIENCY),
            CIRCULATION,
            CIRCULATION,
            trigger(CrampTrigger.OVERUSE_FATIGUE),
            trigger(CrampTrigger.DEHYDRATION),
            trigger(CrampTrigger.DEHYDRATION),
        ],
        [FlagKind.PERIPHERAL_ARTERIAL_DISEASE, FlagKind.VARICOSE_VEINS],
        list(AdviceTopic),
    ),
]


@pytest.mark.parametrize(
    ("findings", "flags", "expected"),
    [case[1:] for case in TOPIC_CASES],
    ids=[case[0] for case in TOPIC_CASES],
)
def test_advice_topics_follow_the_patients_own_record(findings, flags, expected):
    assert advice_topics(findings, flags) == expected


def test_every_advice_topic_is_reachable_on_its_own():
    reached = {
        topic
        for _, findings, flags, expected in TOPIC_CASES
        if len(expected) == 1
        for topic in expected
    }
    assert reached == set(AdviceTopic)


def test_topics_come_once_each_in_advice_topic_order():
    findings = [
        finding(K.POSTURAL_DEVIATION, BodyRegion.NECK),
        trigger(CrampTrigger.DEHYDRATION),
        finding(K.NOCTURNAL_CRAMPS),
        trigger(CrampTrigger.DEHYDRATION),
        finding(K.POSTURAL_DEVIATION, BodyRegion.KNEE),
    ]
    topics = advice_topics(findings)
    assert topics == [A.DEHYDRATION, A.NOCTURNAL_CRAMPS, A.POSTURE]
    assert advice_topics(reversed(findings)) == topics


def test_advice_topics_accept_one_shot_iterables():
    findings = iter([CIRCULATION, finding(K.OEDEMA)])
    assert advice_topics(findings, iter([FlagKind.VARICOSE_VEINS])) == [A.POOR_CIRCULATION_VENOUS]


# "When to seek help" ---------------------------------------------------------------------------

SEEK_HELP_CASES = [
    # (id, findings, flags, specific keys expected besides the general four)
    ("nothing recorded", [], [], []),
    ("cramps", [finding(K.CRAMPS)], [], ["cramp-not-easing", "cramp-gp-review"]),
    (
        "nocturnal cramps",
        [finding(K.NOCTURNAL_CRAMPS)],
        [],
        ["cramp-not-easing", "cramp-gp-review"],
    ),
    ("a spasm is not a cramp", [finding(K.MUSCLE_SPASM)], [], []),
    *(
        (f"{kind} in the leg", [finding(kind)], [], ["leg-pain-on-walking"])
        for kind in (
            K.ARTERIAL_INSUFFICIENCY,
            K.BORDERLINE_ABI,
            K.CLAUDICATION,
            K.DELAYED_CAPILLARY_REFILL,
            K.DIMINISHED_PULSE,
        )
    ),
    ("PAD flag", [], [FlagKind.PERIPHERAL_ARTERIAL_DISEASE], ["leg-pain-on-walking"]),
    ("absent radial pulse", [finding(K.ARTERIAL_INSUFFICIENCY, BodyRegion.WRIST_HAND)], [], []),
    ("varicose veins", [finding(K.VARICOSE_VEINS)], [FlagKind.VARICOSE_VEINS], []),
    (
        "cramps with a poor-circulation trigger",
        [finding(K.CRAMPS), CIRCULATION],
        [],
        ["cramp-not-easing", "cramp-gp-review", "leg-pain-on-walking"],
    ),
    ("neck pain", [finding(K.PAIN, BodyRegion.NECK)], [], ["neck-dizziness"]),
    ("front of the neck", [finding(K.PAIN, BodyRegion.ANTERIOR_NECK)], [], ["neck-dizziness"]),
    ("upper crossed", [finding(K.UPPER_CROSSED_SYNDROME, BodyRegion.NECK)], [], ["neck-dizziness"]),
    (
        "vascular neck red flag recorded elsewhere",
        [finding(K.RED_FLAG, BodyRegion.HEAD, subject="vascular_neck")],
        [],
        ["neck-dizziness"],
    ),
    ("lower-back pain", [finding(K.PAIN, BodyRegion.LOWER_BACK)], [], []),
    ("other red flag", [finding(K.RED_FLAG, BodyRegion.CHEST, subject="visceral_cardiac")], [], []),
    ("shoulder pain", [finding(K.PAIN, BodyRegion.SHOULDER)], [FlagKind.DVT], []),
]


@pytest.mark.parametrize(
    ("findings", "flags", "specific"),
    [case[1:] for case in SEEK_HELP_CASES],
    ids=[case[0] for case in SEEK_HELP_CASES],
)
def test_seek_help_gives_the_general_lines_and_those_the_record_makes_relevant(
    red_flag_items, findings, flags, specific
):
    chosen = [item.key for item in seek_help_items(findings, flags, red_flag_items)]
    seed_order = [item.key for item in red_flag_items]
    assert chosen == [key for key in seed_order if key in {*GENERAL, *specific}]


def test_every_seed_red_flag_item_is_reachable(red_flag_items):
    reached = {
        item.key
        for _, findings, flags, _ in SEEK_HELP_CASES
        for item in seek_help_items(findings, flags, red_flag_items)
    }
    assert reached == {item.key for item in red_flag_items}


def test_the_seek_help_table_covers_exactly_the_seed_keys(red_flag_items):
    assert set(SEEK_HELP_WHEN) == {item.key for item in red_flag_items}


def test_the_general_lines_are_the_four_symptoms_of_the_8_3_footer():
    assert [key for key, when in SEEK_HELP_WHEN.items() if when.always] == GENERAL


def test_the_red_flag_codes_in_the_table_exist():
    codes = {code for when in SEEK_HELP_WHEN.values() for code in when.red_flags}
    assert codes <= set(RED_FLAGS)


def test_seek_help_items_are_the_seed_objects_unchanged(red_flag_items):
    chosen = seek_help_items([finding(K.CRAMPS)], [], red_flag_items)
    by_key = {item.key: item for item in red_flag_items}
    assert all(item is by_key[item.key] for item in chosen)


def test_a_red_flag_item_without_a_table_row_is_refused(red_flag_items):
    class Item:
        key = "new-reviewed-line"

    with pytest.raises(ValueError, match="new-reviewed-line"):
        seek_help_items([], [], [*red_flag_items, Item()])


# Boundaries ------------------------------------------------------------------------------------


def test_advice_imports_nothing_from_the_catalogue_package():
    """practice.catalogue's package imports Flask; the pure rules take its items as values."""
    tree = ast.parse((PRACTICE / "clinical" / "advice.py").read_text(encoding="utf-8"))
    modules = [
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    ] + [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    assert not [module for module in modules if module.startswith("practice.catalogue")]
