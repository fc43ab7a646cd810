"""Human labels for the stored codes of the clinical vocabulary.

Codes are snake_case words, so most labels are the words themselves; the table holds only those
that need more (abbreviations, or the detail a clinician must see to choose correctly).
"""

from __future__ import annotations

import re
from enum import Enum

from practice.clinical.catalogues import (
    JOINT_MOVEMENTS,
    MUSCLE_GROUPS,
    PULSE_SITES,
    RED_FLAGS,
    SPECIAL_TESTS,
)

LABELS: dict[str, str] = {
    "active_implant": "Active implant (pacemaker, ICD, nerve stimulator)",
    "anticoagulants": "Anticoagulant or antiplatelet medication",
    "bleeding_disorder": "Bleeding disorder (e.g. haemophilia, low platelets)",
    "dvt": "Suspected or confirmed DVT or thrombophlebitis",
    "active_malignancy": "Active malignancy",
    "impaired_sensation": "Impaired sensation or neuropathy",
    "metal_implant": "Metal implant (joint replacement, plates, screws)",
    "local_infection_or_wound": "Local infection or open wound",
    "cognitive_impairment": "Cognitive impairment (cannot report discomfort or consent)",
    "peripheral_arterial_disease": "Peripheral arterial disease",
    "cold_hypersensitivity": "Cold hypersensitivity (Raynaud's, cold urticaria)",
    "radiotherapy_damaged_skin": "Radiotherapy-damaged skin",
    "transdermal_drug_patch": "Transdermal drug patch",
    "not_applicable": "Not applicable",
    "not_stated": "Not stated",
    "wrist_hand": "Wrist and hand",
    "ankle_foot": "Ankle and foot",
    "lower_leg": "Lower leg (calf and shin)",
    "anterior_neck": "Anterior neck",
    "pelvis": "Pelvis and buttock",
    "tens": "TENS",
    "nmes": "NMES",
    "pnf_stretch": "PNF stretch",
    "single_session": "Single session",
    "course": "Course of treatment",
    "nprs": "NPRS",
    "abi": "ABI",
    "nprs_now": "Pain now (NPRS)",
    "nprs_best": "Pain at best (NPRS)",
    "nprs_worst": "Pain at worst (NPRS)",
    "severity_nprs": "Severity (NPRS)",
    "force_newtons": "Force (N)",
    "brachial_left_mmhg": "Brachial pressure, left (mmHg)",
    "brachial_right_mmhg": "Brachial pressure, right (mmHg)",
    "dorsalis_pedis_mmhg": "Dorsalis pedis (mmHg)",
    "posterior_tibial_mmhg": "Posterior tibial (mmHg)",
    "abi_measured_by": "ABI measured by",
    "reported_abi": "Reported ABI",
    "abi_unreliable": "ABI unreliable (non-compressible)",
    "borderline_abi": "Borderline ABI",
    "onset_distance_m": "Pain after (m)",
    "maximum_distance_m": "Maximum distance (m)",
    "typical_duration_seconds": "Typical duration (s)",
    "fluid_intake_litres_per_day": "Fluid intake (litres a day)",
    "code": "Red flag",
}

_CODE = re.compile(r"[a-z][a-z0-9_]*")
_CATALOGUES = (RED_FLAGS, MUSCLE_GROUPS, JOINT_MOVEMENTS, SPECIAL_TESTS, PULSE_SITES)


def label(code: str | Enum | None) -> str:
    if code is None:
        return ""
    text = str(code.value if isinstance(code, Enum) else code)
    if text in LABELS:
        return LABELS[text]
    for catalogue in _CATALOGUES:
        if text in catalogue:
            return catalogue[text].label[:1].upper() + catalogue[text].label[1:]
    return text.replace("_", " ").capitalize()


def is_code(text: str) -> bool:
    """A stored code (``gluteus_medius``) rather than words someone typed."""
    return bool(_CODE.fullmatch(text))
