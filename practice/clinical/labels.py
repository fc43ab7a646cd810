"""Human labels for the stored codes of the clinical vocabulary.

Codes are snake_case words, so most labels are the words themselves; the table holds only those
that need more (abbreviations, or the detail a clinician must see to choose correctly).
"""

from __future__ import annotations

from enum import Enum

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
}


def label(code: str | Enum | None) -> str:
    if code is None:
        return ""
    text = str(code.value if isinstance(code, Enum) else code)
    return LABELS.get(text) or text.replace("_", " ").capitalize()
