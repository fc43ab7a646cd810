"""Values written to the log are escaped and cut (issue 12 point 7)."""

from __future__ import annotations

import logging

import pytest

from practice import logs


@pytest.fixture(autouse=True)
def _escaping_records():
    before = logging.getLogRecordFactory()
    logging.setLogRecordFactory(logging.LogRecord)
    logs.init_app()
    yield
    logging.setLogRecordFactory(before)


def _message(caplog, *args) -> str:
    with caplog.at_level(logging.INFO, logger="practice.test"):
        logging.getLogger("practice.test").info(*args)
    return caplog.records[-1].getMessage()


def test_a_newline_in_a_value_cannot_forge_a_line(caplog):
    message = _message(caplog, "sign-in failed for %s", "x\nINFO admin signed in")
    assert "\n" not in message
    assert message == "sign-in failed for x\\nINFO admin signed in"


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x7f", "\x85", "\u2028"])
def test_control_characters_are_escaped(caplog, character):
    message = _message(caplog, "value %s", f"a{character}b")
    assert character not in message
    assert message.startswith("value a\\")
    assert message.endswith("b")


def test_a_long_value_is_cut_and_counted(caplog):
    message = _message(caplog, "posted %s", "x" * 1_000_000)
    assert len(message) < 300
    assert message.endswith(f"…[{1_000_000 - logs.LONGEST_VALUE} more characters]")


def test_numbers_and_mappings_keep_their_formats(caplog):
    assert _message(caplog, "%d rows in %.1f s", 3, 1.25) == "3 rows in 1.2 s"
    assert _message(caplog, "%(who)s did %(what)s", {"who": "a\tb", "what": 1}) == "a\\tb did 1"


def test_a_whole_message_is_escaped_but_not_cut(caplog):
    message = _message(caplog, "line one\nline two " + "y" * 500)
    assert "\n" not in message
    assert message.endswith("y" * 500)
