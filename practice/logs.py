"""Log lines a reader can trust: values from a request are escaped and cut before they are written.

A value typed into a form or a URL can hold a newline (a forged log line), other control
characters (terminal escapes) or a megabyte of text. Every record's arguments pass through
``printable`` when the message is formatted, whichever logger wrote it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

LONGEST_VALUE = 200  # characters of one logged value; the rest is counted, not written
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(value: Any, longest: int | None = LONGEST_VALUE) -> Any:
    """A string argument escaped (``\\n``, ``\\x00``) and cut to ``longest``; any other
    argument as it is, so ``%d`` and ``%r`` keep working."""
    if not isinstance(value, str):
        return value
    cut = value[:longest]
    escaped = _UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode(), cut)
    hidden = len(value) - len(cut)
    return f"{escaped}…[{hidden} more characters]" if hidden else escaped


class _PrintableRecord(logging.LogRecord):
    def getMessage(self) -> str:
        message = str(self.msg)
        if not self.args:  # a message written whole, perhaps as an f-string: escape, never cut
            return printable(message, longest=None)
        if isinstance(self.args, dict):
            return message % {key: printable(value) for key, value in self.args.items()}
        return message % tuple(printable(value) for value in self.args)


def init_app() -> None:
    """Installs the escaping record class once per process (logging's factory is global)."""
    if logging.getLogRecordFactory() is logging.LogRecord:
        logging.setLogRecordFactory(_PrintableRecord)
