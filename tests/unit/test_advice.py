"""Prevention topics, "seek help" lines and withheld advice chosen from a patient's findings, flags
and sites (0.13, 1.2, 6.2, 6.3, 8.3); the tables are transcribed from the reference, not from
``practice.clinical.advice``."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from practice.clinical.advice import (
    ADVICE_ACTIVITIES,
    SEEK_HELP_WHEN,
    SILENT_CLASHES,
    advice_topics,
    handout_advice,
    seek_help_items,
)
from practice.clinical.catalogues import RED_FLAGS
from practice.clinical.findings import Finding
from practice.clinical.screening import PatientFlag, TreatmentSite
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
GENERAL = ["chest-pain", "new-numbness"]


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

R = BodyRegion
F = FlagKind


def flag(kind: FlagKind, region: BodyRegion | None = None) -> PatientFlag:
    return PatientFlag(kind, None if region is None else TreatmentSite(region, Side.LEFT))


def pain(region: BodyRegion) -> Finding:
    return finding(K.PAIN, region)


CALF, BLADDER, NECK = "calf-swelling-warmth", "bladder-bowel-saddle", "neck-dizziness"
CRAMP_LINES = ["cramp-not-easing", "cramp-gp-review"]
FOOTER_8_3 = [CALF, BLADDER]  # the 8.3 footer's regional lines, kept when no region is known

SEEK_HELP_CASES = [
    # (id, findings, flags, pain or treatment sites, lines expected besides chest pain and
    # new numbness, which are general: 8.3, 8.1, 1.1)
    ("nothing recorded: the 8.3 footer", [], [], [], FOOTER_8_3),
    (
        "whole-body findings only: the 8.3 footer",
        [finding(K.STRESS, R.WHOLE_BODY)],
        [],
        [],
        FOOTER_8_3,
    ),
    ("a whole-body treatment site is no region", [], [], [R.WHOLE_BODY], FOOTER_8_3),
    # Calf swelling or warmth: DVT (1.2, 5.6), the lower limb.
    *(
        (f"{region} pain", [pain(region)], [], [], [CALF])
        for region in (R.HIP, R.THIGH, R.KNEE, R.LOWER_LEG, R.ANKLE_FOOT)
    ),
    ("DVT flag, shoulder pain", [pain(R.SHOULDER)], [flag(F.DVT)], [], [CALF]),
    ("active cancer, shoulder pain", [pain(R.SHOULDER)], [flag(F.ACTIVE_MALIGNANCY)], [], [CALF]),
    ("recent surgery, shoulder pain", [pain(R.SHOULDER)], [flag(F.RECENT_SURGERY)], [], [CALF]),
    (
        "fracture at the ankle, shoulder pain",
        [pain(R.SHOULDER)],
        [flag(F.RECENT_FRACTURE, R.ANKLE_FOOT)],
        [],
        [CALF],
    ),
    (
        "fracture at the wrist, shoulder pain",
        [pain(R.SHOULDER)],
        [flag(F.RECENT_FRACTURE, R.WRIST_HAND)],
        [],
        [],
    ),
    (
        "DVT red flag recorded elsewhere",
        [finding(K.RED_FLAG, R.CHEST, subject="dvt")],
        [],
        [],
        [CALF],
    ),
    # Bladder, bowel or saddle changes: cauda equina (1.2), the lumbar spine and pelvis.
    ("lower-back pain", [pain(R.LOWER_BACK)], [], [], [BLADDER]),
    ("buttock pain alone is not back pain", [pain(R.PELVIS)], [], [], []),
    ("lower back as a pain site only", [], [], [R.LOWER_BACK], [BLADDER]),
    ("SLR reproduces leg pain", [finding(K.NEURAL_SENSITIVITY, R.THIGH)], [], [], [CALF, BLADDER]),
    (
        "cauda-equina red flag recorded elsewhere",
        [finding(K.RED_FLAG, R.CHEST, subject="cauda_equina")],
        [],
        [],
        [BLADDER],
    ),
    # Neck dizziness: vascular neck (1.2).
    ("neck pain", [pain(R.NECK)], [], [], [NECK]),
    ("front of the neck", [pain(R.ANTERIOR_NECK)], [], [], [NECK]),
    ("neck as a treatment site only", [], [], [R.NECK], [NECK]),
    ("upper crossed", [finding(K.UPPER_CROSSED_SYNDROME, R.NECK)], [], [], [NECK]),
    (
        "vascular neck red flag recorded elsewhere",
        [finding(K.RED_FLAG, R.HEAD, subject="vascular_neck")],
        [],
        [],
        [NECK],
    ),
    ("head pain is not the neck", [pain(R.HEAD)], [], [], []),
    # Regions that bring none of the regional lines.
    ("shoulder pain", [pain(R.SHOULDER)], [], [], []),
    ("upper-back pain", [pain(R.UPPER_BACK)], [], [], []),
    ("chest pain recorded", [pain(R.CHEST)], [], [], []),
    ("other red flag", [finding(K.RED_FLAG, R.CHEST, subject="visceral_cardiac")], [], [], []),
    ("lymphoedema of the arm", [], [flag(F.LYMPHOEDEMA, R.UPPER_ARM)], [], []),
    # Cramps (6.2) and leg pain on walking (6.3, 6.2).
    ("calf cramps", [finding(K.CRAMPS)], [], [], [CALF, *CRAMP_LINES]),
    ("nocturnal calf cramps", [finding(K.NOCTURNAL_CRAMPS)], [], [], [CALF, *CRAMP_LINES]),
    ("a calf spasm is not a cramp", [finding(K.MUSCLE_SPASM)], [], [], [CALF]),
    *(
        (f"{kind} in the leg", [finding(kind)], [], [], [CALF, "leg-pain-on-walking"])
        for kind in (
            K.ARTERIAL_INSUFFICIENCY,
            K.BORDERLINE_ABI,
            K.CLAUDICATION,
            K.DELAYED_CAPILLARY_REFILL,
            K.DIMINISHED_PULSE,
        )
    ),
    (
        "PAD flag, shoulder pain",
        [pain(R.SHOULDER)],
        [flag(F.PERIPHERAL_ARTERIAL_DISEASE)],
        [],
        ["leg-pain-on-walking"],
    ),
    ("absent radial pulse", [finding(K.ARTERIAL_INSUFFICIENCY, R.WRIST_HAND)], [], [], []),
    (
        "varicose veins",
        [finding(K.VARICOSE_VEINS)],
        [flag(F.VARICOSE_VEINS, R.LOWER_LEG)],
        [],
        [CALF],
    ),
    (
        "cramps with a poor-circulation trigger",
        [finding(K.CRAMPS), CIRCULATION],
        [],
        [],
        [CALF, *CRAMP_LINES, "leg-pain-on-walking"],
    ),
]


@pytest.mark.parametrize(
    ("findings", "flags", "sites", "specific"),
    [case[1:] for case in SEEK_HELP_CASES],
    ids=[case[0] for case in SEEK_HELP_CASES],
)
def test_seek_help_gives_only_the_lines_the_record_makes_relevant(
    red_flag_items, findings, flags, sites, specific
):
    chosen = [item.key for item in seek_help_items(findings, flags, red_flag_items, sites=sites)]
    seed_order = [item.key for item in red_flag_items]
    assert chosen == [key for key in seed_order if key in {*GENERAL, *specific}]


def test_a_calf_patient_is_not_warned_about_the_neck_or_the_bladder(red_flag_items):
    calf = [finding(K.NOCTURNAL_CRAMPS), trigger(CrampTrigger.DEHYDRATION), pain(R.LOWER_LEG)]
    chosen = {item.key for item in seek_help_items(calf, [], red_flag_items, sites=[R.THIGH])}
    assert CALF in chosen
    assert not chosen & {NECK, BLADDER}


def test_every_seed_red_flag_item_is_reachable(red_flag_items):
    reached = {
        item.key
        for _, findings, flags, sites, _ in SEEK_HELP_CASES
        for item in seek_help_items(findings, flags, red_flag_items, sites=sites)
    }
    assert reached == {item.key for item in red_flag_items}


def test_the_seek_help_table_covers_exactly_the_seed_keys(red_flag_items):
    assert set(SEEK_HELP_WHEN) == {item.key for item in red_flag_items}


def test_only_chest_pain_and_new_numbness_are_on_every_handout():
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


# Advice withheld where it clashes with a flag --------------------------------------------------

EVERY_TOPIC = [
    finding(K.POSTURAL_DEVIATION, R.NECK),
    finding(K.NOCTURNAL_CRAMPS),
    finding(K.PROLONGED_POSITION, R.WHOLE_BODY),
    CIRCULATION,
    *(trigger(kind) for kind in CrampTrigger if kind is not CrampTrigger.POOR_CIRCULATION),
]
"""A record that brings every prevention topic, with no finding that clashes with anything."""

LEG_STRETCHES = {"overuse-fatigue": ("stretch",), "nocturnal-cramps": ("stretch",)}
RUBBING = {"overuse-fatigue": ("rub",)}
CLASH_CASES = [
    # (id, flags, {advice key: words of the lines withheld}); transcribed from the reference.
    (
        "anticoagulants: leafy greens (reference silent); gentle rubbing stays (7.3 precaution)",
        [flag(F.ANTICOAGULANTS)],
        {"mineral-deficiency": ("leafy greens", "spinach")},
    ),
    *(
        (
            f"DVT {where}: no leg exercise, stretch or rubbing (0.5, 5.6, 5.7)",
            [flag(F.DVT, site)],
            {
                **LEG_STRETCHES,
                "circulation-arterial": ("walk often", "walking may help"),
                "circulation-venous": ("heel raises",),
                "prolonged-position": ("heel raises",),
            },
        )
        for where, site in (
            ("with no site", None),
            ("in the calf", R.LOWER_LEG),
            ("in the thigh", R.THIGH),
        )
    ),
    ("bleeding disorder: no rubbing (7.3)", [flag(F.BLEEDING_DISORDER)], RUBBING),
    ("fever: no rubbing (7.3)", [flag(F.FEVER)], RUBBING),
    (
        "varicose veins in the calf: no rubbing (0.6)",
        [flag(F.VARICOSE_VEINS, R.LOWER_LEG)],
        RUBBING,
    ),
    (
        "fracture in the calf: no stretch or rubbing, nor ankle circles next to it (7.1, 7.12)",
        [flag(F.RECENT_FRACTURE, R.LOWER_LEG)],
        {**LEG_STRETCHES, "prolonged-position": ("ankle circles",)},
    ),
    (
        "fracture at the ankle: no ankle circles, nor calf stretches next to it (7.12, 7.1)",
        [flag(F.RECENT_FRACTURE, R.ANKLE_FOOT)],
        {**LEG_STRETCHES, "prolonged-position": ("ankle circles",)},
    ),
    (
        "acute inflammation of the thigh (7.1, 7.3)",
        [flag(F.ACUTE_INFLAMMATION, R.THIGH)],
        LEG_STRETCHES,
    ),
    (
        "wound in the calf, and around it at the ankle (7.1, 7.3)",
        [flag(F.LOCAL_INFECTION_OR_WOUND, R.LOWER_LEG)],
        {**LEG_STRETCHES, "prolonged-position": ("ankle circles",)},
    ),
    # Precautions and flags elsewhere keep every line.
    *(
        (f"{kind} withholds nothing", [flag(kind)], {})
        for kind in (
            F.PERIPHERAL_ARTERIAL_DISEASE,
            F.LYMPHOEDEMA,
            F.HEART_DISEASE,
            F.PREGNANCY,
            F.UNCONTROLLED_HYPERTENSION,
            F.DIABETES,
            F.OSTEOPOROSIS,
            F.HYPERMOBILITY,
            F.IMPAIRED_SENSATION,
            F.COLD_HYPERSENSITIVITY,
        )
    ),
    ("DVT in the arm leaves the leg advice", [flag(F.DVT, R.UPPER_ARM)], {}),
    ("fracture of the wrist leaves the leg advice", [flag(F.RECENT_FRACTURE, R.WRIST_HAND)], {}),
]


@pytest.fixture(scope="module")
def seed():
    return load_seed_catalogue()


def _expected_withheld(seed, expected: dict[str, tuple[str, ...]]) -> set[str]:
    return {
        line
        for item in seed.advice
        for line in item.items
        if any(word in line.casefold() for word in expected.get(item.key, ()))
    }


@pytest.mark.parametrize(
    ("flags", "expected"),
    [case[1:] for case in CLASH_CASES],
    ids=[case[0] for case in CLASH_CASES],
)
def test_advice_that_clashes_with_a_flag_is_withheld_with_its_reason(seed, flags, expected):
    chosen = handout_advice(EVERY_TOPIC, flags, seed.advice, seed.red_flags)
    withheld = {line.text for line in chosen.withheld}
    printed = {line for block in chosen.advice for line in block.items}
    topics = advice_topics(EVERY_TOPIC, [each.kind for each in flags])
    everything = {line for item in seed.advice if item.topic in topics for line in item.items}
    assert withheld == _expected_withheld(seed, expected)
    assert printed == everything - withheld
    assert all(line.reasons for line in chosen.withheld)


def test_leafy_greens_are_withheld_saying_the_reference_is_silent(seed):
    chosen = handout_advice(EVERY_TOPIC, [flag(F.ANTICOAGULANTS)], seed.advice, seed.red_flags)
    (calcium,) = [line for line in chosen.withheld if "leafy greens" in line.text]
    assert calcium.advice_title == "Eat a wide mix of foods"
    assert "vitamin K" in calcium.reasons[0]
    assert "reference silent" in calcium.reasons[0]


def test_a_withheld_line_gives_the_screening_reason_and_section(seed):
    chosen = handout_advice(EVERY_TOPIC, [flag(F.DVT)], seed.advice, seed.red_flags)
    (rubbing,) = [line for line in chosen.withheld if "rub" in line.text]
    assert any(
        "Massage contraindicated" in reason and "(0.5" in reason for reason in rubbing.reasons
    )
    assert any("Static stretching contraindicated" in reason for reason in rubbing.reasons)


def test_a_block_with_every_line_withheld_is_left_off(seed):
    only_greens = [
        replace(item, items=tuple(line for line in item.items if "leafy greens" in line))
        if item.key == "mineral-deficiency"
        else item
        for item in seed.advice
    ]
    chosen = handout_advice(
        [trigger(CrampTrigger.MINERAL_DEFICIENCY)], [flag(F.ANTICOAGULANTS)], only_greens, []
    )
    assert chosen.advice == ()
    assert len(chosen.withheld) == 1


@pytest.mark.parametrize(
    "rule", [*ADVICE_ACTIVITIES, *SILENT_CLASHES], ids=lambda rule: f"{rule.advice}:{rule.mentions}"
)
def test_every_clash_rule_names_lines_of_the_seed(seed, rule):
    """A reworded seed line must not silently escape its rule."""
    (item,) = [item for item in seed.advice if item.key == rule.advice]
    assert [line for line in item.items if any(w in line.casefold() for w in rule.mentions)]


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
