"""The JSON documents the database stores: for each, a schema version, a typed class and a codec.

A document is stored as its typed value in JSON, with ``"schema_version": N`` beside its fields.
Version 1 is the shape stored before documents carried a version, so a document without
``schema_version`` reads as version 1. Reading upcasts an older document one version at a time,
then structures it, refusing unknown keys and values of the wrong type (cattrs would otherwise
drop the one and convert the other); writing stamps the current version, after checking that
what is written reads back.

To change a document's shape: bump its ``version``, add the upcaster from the previous version,
add golden fixtures of the new version to ``tests/golden/<name>/`` beside the old ones, and write a
migration that upgrades the stored rows with its own copy of the upcaster (migrations never
import application code).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar, get_args

from cattrs import BaseValidationError, transform_error
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn
from cattrs.preconf.json import make_converter
from cattrs.v import format_exception

from practice.clinical.assessment_data import AssessmentData
from practice.clinical.dosage import Dosage, DosageValue, ExerciseDosage, TechniqueDosage
from practice.clinical.screening import Reason
from practice.clinical.vocabulary import AdviceTopic, ExerciseCategory

SCHEMA_VERSION = "schema_version"

T = TypeVar("T")


class DocumentError(ValueError):
    """A document that does not fit its kind: the message names the kind, the fault and where."""


# The typed classes that are not clinical ---------------------------------------------------


@dataclass(frozen=True)
class TechniqueDetails:
    """What a technique in the catalogue shows beside its dosage; for reading, not screening."""

    contraindications: tuple[str, ...]
    precautions: tuple[str, ...]
    dosage_note: str
    dosage_units: Mapping[str, str]


@dataclass(frozen=True)
class ExerciseDetails:
    """What a home exercise in the catalogue gives the handout, written for the patient."""

    category: ExerciseCategory
    technique: str | None  # the seed technique it follows; None once its kind was changed
    advice_topics: tuple[AdviceTopic, ...]
    position: str
    steps: tuple[str, ...]
    feel: str
    cautions: tuple[str, ...]
    equipment: tuple[str, ...]
    easier: str
    harder: str
    illustration: str | None  # a path under static/


CatalogueDetails = TechniqueDetails | ExerciseDetails


@dataclass(frozen=True)
class Screening:
    """A plan item's screening reasons as they were when it was added (0.1)."""

    reasons: tuple[Reason, ...]


# The converter -------------------------------------------------------------------------------


def _exactly(kind: Any) -> Callable[[Any, Any], Any]:
    """A structure hook that takes a JSON value only when it already has the type (a class or a
    union), where cattrs would convert it (``str(3)``, ``int("3")``, ``bool("no")``, true as a
    number) and so hide a changed shape."""

    def structure(value: Any, type_: Any) -> Any:
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise TypeError(f"expected {kind}, not {value!r}")
        return type_(value) if isinstance(type_, type) else value  # a StrEnum comes here too

    return structure


def _fault(error: BaseException, type_: Any) -> str:
    """cattrs' wording of a fault, with the message of a failed check such as
    ``Unknown muscle group 'x'``."""
    wording = format_exception(error, type_)
    return f"{wording}: {error}" if type(error) is ValueError else wording


def _decimal(value: Any, _type: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise TypeError(f"expected a decimal number, not {value!r}")
    return Decimal(str(value))


converter = make_converter(forbid_extra_keys=True)
for _kind in (str, int, bool):
    converter.register_structure_hook(_kind, _exactly(_kind))
# Decimals travel as strings: JSON numbers would turn 0.7 into 0.69999…
converter.register_unstructure_hook(Decimal, str)
converter.register_structure_hook(Decimal, _decimal)
converter.register_structure_hook_func(lambda type_: type_ == DosageValue, _exactly(DosageValue))
# A dosage reads as a mapping, so cattrs is told to treat the exercise one as the dataclass it is
# and the technique one as its flat mapping of parameters.
converter.register_structure_hook(
    ExerciseDosage,
    make_dict_structure_fn(ExerciseDosage, converter, _cattrs_forbid_extra_keys=True),
)
converter.register_unstructure_hook(
    ExerciseDosage, make_dict_unstructure_fn(ExerciseDosage, converter)
)
converter.register_structure_hook(
    TechniqueDosage,
    lambda raw, _type: TechniqueDosage(converter.structure(raw, dict[str, DosageValue])),
)
converter.register_unstructure_hook(TechniqueDosage, dict)
# Every home-exercise dosage has a side, and no technique parameter is called that.
converter.register_structure_hook(
    Dosage,
    lambda raw, _type: converter.structure(
        raw, ExerciseDosage if isinstance(raw, dict) and "side" in raw else TechniqueDosage
    ),
)


# The kinds -----------------------------------------------------------------------------------


Upcaster = Callable[[Any], Any]


@dataclass(frozen=True, eq=False)
class DocumentKind(Generic[T]):
    """One kind of stored document; ``upcasters[v]`` turns the fields of version v into v + 1."""

    name: str
    version: int
    type: Any  # the typed class, or a union of them, that a document of this kind decodes to
    upcasters: Mapping[int, Upcaster]

    def __post_init__(self) -> None:
        if set(self.upcasters) != set(range(1, self.version)):
            raise ValueError(f"{self.name}: give an upcaster from each version before the current")

    def encode(self, value: T) -> dict[str, Any]:
        """The stored JSON of ``value``; refuses anything but the typed class, and a value that
        would not read back (a dataclass does not check the types of its fields)."""
        classes = get_args(self.type) or (self.type,)
        if not isinstance(value, classes):
            raise TypeError(f"{self.name}: cannot store a {type(value).__name__}")
        stored = {SCHEMA_VERSION: self.version, **converter.unstructure(value)}
        self.decode(stored)
        return stored

    def decode(self, stored: Any) -> T:
        """The typed value of stored JSON of any version, or ``DocumentError``."""
        version, fields = 1, stored
        if isinstance(stored, dict) and SCHEMA_VERSION in stored:
            fields = dict(stored)
            version = fields.pop(SCHEMA_VERSION)
        if type(version) is not int or version not in range(1, self.version + 1):
            raise DocumentError(
                f"{self.name}: schema_version {version!r} is not one this code reads "
                f"(1 to {self.version})"
            )
        for earlier in range(version, self.version):
            fields = self.upcasters[earlier](fields)
        try:
            return converter.structure(fields, self.type)
        except (BaseValidationError, ValueError, TypeError) as error:
            faults = "; ".join(transform_error(error, format_exception=_fault))
            raise DocumentError(f"{self.name} (schema_version {version}): {faults}") from error


def _unchanged(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 2 is version 1 with its ``schema_version``."""
    return fields


def _subjective_stage(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 3 gives the subjective section its local signs and stage; none was recorded, and
    ``clinical.stage`` derives the stage of a record without one when it is read."""
    subjective = fields.get("subjective", {}) | {"local_signs": [], "stage": None}
    return fields | {"subjective": subjective}


def _measures_not_recorded(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 4 adds what issue 11 gave the record a place for (medications, vitals, red-flag
    regions and clearances, cramp episodes, posture measures and the FPI, Beighton items, end-feel,
    grip, the Wells score, girth, pit depth and rebound); every new field defaults to "not
    recorded", which is what a version-3 record holds, so its fields stand as they are."""
    return fields


def _exercise_load(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 3 gives a home exercise's dosage its load; none was recorded before."""
    return fields | {"load": None} if "side" in fields else fields


def _reasons_in_an_object(reasons: list[dict[str, Any]]) -> dict[str, Any]:
    """Version 1 was the bare list of reasons, where no version fits."""
    return {"reasons": reasons}


def _body_chart(fields: dict[str, Any]) -> dict[str, Any]:
    """Version 5 gives the pain sites what the body chart records (1.1: the outlines they were
    marked on, depth, constant or intermittent, quality, abnormal sensations) and the subjective
    section its cleared areas; a version-4 site was recorded as a row, with none of them."""
    subjective = fields.get("subjective", {})
    unrecorded = {
        "views": [],
        "depth": None,
        "pattern": None,
        "qualities": [],
        "sensations": [],
    }
    sites = [
        unrecorded | site if isinstance(site, dict) else site  # the codec refuses what is not
        for site in subjective.get("pain_sites", [])
    ]
    return fields | {"subjective": subjective | {"pain_sites": sites, "cleared_sites": []}}


ASSESSMENT_RECORD: DocumentKind[AssessmentData] = DocumentKind(
    "assessment_record",
    5,
    AssessmentData,
    {1: _unchanged, 2: _subjective_stage, 3: _measures_not_recorded, 4: _body_chart},
)
CATALOGUE_DETAILS: DocumentKind[CatalogueDetails] = DocumentKind(
    "catalogue_details", 2, CatalogueDetails, {1: _unchanged}
)
DOSAGE: DocumentKind[Dosage] = DocumentKind("dosage", 3, Dosage, {1: _unchanged, 2: _exercise_load})
SCREENING: DocumentKind[Screening] = DocumentKind(
    "screening", 2, Screening, {1: _reasons_in_an_object}
)

KINDS: tuple[DocumentKind[Any], ...] = (ASSESSMENT_RECORD, CATALOGUE_DETAILS, DOSAGE, SCREENING)
