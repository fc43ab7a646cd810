"""URL converters: an id in a URL beyond what a row id can be names no row.

Werkzeug's ``int`` accepts any length of digits. SQLite refuses a parameter above 2**63 - 1 with
an OverflowError, and PostgreSQL one above 2**31 - 1 for our ``Integer`` id columns ("integer out
of range"); either surfaced as a 500 on every ``<int:...>`` route. Such an id converts to 0,
which no row has (both databases number rows from 1), so the view answers exactly as for any
unknown id: a 404. (Refusing the match instead would make Werkzeug answer 405 where a GET and a
POST rule share a path.)
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

LARGEST_ROW_ID = 2**31 - 1  # PostgreSQL's integer, the id columns' type; SQLite's is larger
NO_SUCH_ROW = 0


class RowIdConverter(IntegerConverter):
    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        return number if number <= LARGEST_ROW_ID else NO_SUCH_ROW


def init_app(app: Flask) -> None:
    """Must run before any blueprint is registered: rules pick their converter when added."""
    app.url_map.converters["int"] = RowIdConverter
