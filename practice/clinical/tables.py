"""Reading the reviewed clinical tables of ``practice/data`` (region map, screening rules,
reference values, phrasebook) into rows whose errors name the file, the row and the field.

Every row has a ``key`` (unique in its array) and a ``source`` naming the reference section it
comes from; most also list ``sections``. A row's own dataclass checks run inside ``Row.checked`` so
their message names the row too. Pure: no Flask or SQLAlchemy import.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from enum import StrEnum
from importlib import resources
from typing import Any, TypeVar

SECTION_PATTERN = re.compile(r"\d+(\.\d+)?")
RowT = TypeVar("RowT")
EnumT = TypeVar("EnumT", bound=StrEnum)


def read_data_file(name: str) -> dict[str, Any]:
    """Parse one TOML file shipped in ``practice/data``."""
    return tomllib.loads(resources.files("practice").joinpath("data", name).read_text("utf-8"))


def rows(
    document: Mapping[str, Any],
    file: str,
    array: str,
    parse: Callable[[Row], RowT],
    fields: tuple[str, ...],
) -> tuple[RowT, ...]:
    """Parse every table of ``[[array]]``: a non-empty array, unique keys, no field outside
    ``key``, ``sections``, ``source`` and ``fields``."""
    tables = document.get(array)
    if not isinstance(tables, list) or not tables:
        raise ValueError(f"{file}: needs a non-empty [[{array}]] array")
    parsed = []
    seen: set[str] = set()
    for index, table in enumerate(tables):
        row = Row(table, file, f"{array}[{index}]")
        if row.key in seen:
            raise row.error("key", "duplicate key")
        seen.add(row.key)
        unknown = sorted(set(row.table) - {"key", "sections", "source", *fields})
        if unknown:
            raise row.error(", ".join(unknown), "unknown field")
        parsed.append(parse(row))
    return tuple(parsed)


class Row:
    """One TOML table being validated."""

    def __init__(self, table: Any, file: str, label: str) -> None:
        self.file = file
        self.label = label
        if not isinstance(table, dict):
            raise self.error("(row)", "must be a table")
        self.table: dict[str, Any] = table
        self.key = self.text("key")
        self.label = f"{label} {self.key!r}"
        self.source = self.text("source")

    def error(self, field: str, problem: str) -> ValueError:
        return ValueError(f"{self.file}: row {self.label}: field {field!r}: {problem}")

    def text(self, field: str) -> str:
        value = self.table.get(field)
        if not isinstance(value, str) or not value.strip():
            raise self.error(field, "must be non-empty text")
        return value.strip()

    def texts(self, field: str, *, required: bool = True) -> tuple[str, ...]:
        """A list of text; an absent optional field is the empty list."""
        if field not in self.table and not required:
            return ()
        values = self.table.get(field)
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise self.error(field, "must be a list of text")
        return tuple(values)

    def member(self, field: str, enum: type[EnumT], raw: Any = ...) -> EnumT:
        raw = self.table.get(field) if raw is ... else raw
        try:
            return enum(raw)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            raise self.error(field, f"unknown value {raw!r}; allowed: {allowed}") from None

    def members(self, field: str, enum: type[EnumT], *, required: bool = True) -> tuple[EnumT, ...]:
        return tuple(self.member(field, enum, raw) for raw in self.texts(field, required=required))

    def number(self, field: str) -> int | float:
        value = self.table.get(field)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(field, "must be a number")
        return value

    def sections(self) -> tuple[str, ...]:
        sections = self.texts("sections")
        if not sections or not all(SECTION_PATTERN.fullmatch(s) for s in sections):
            raise self.error("sections", "must list section numbers such as '7.3'")
        return sections

    def checked(self, build: Callable[[], RowT]) -> RowT:
        """Build the row's dataclass; its own checks are reported against this row."""
        try:
            return build()
        except ValueError as problem:
            raise self.error("(row)", str(problem)) from None
