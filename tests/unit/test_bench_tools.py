"""The bench's own tools: what a form posts, timing in turns and a sign-in's own password check
(bench/client.py, timing.py, pages.py)."""

from __future__ import annotations

import http.client

import pytest

from bench.client import Response, UnexpectedStatus, forms_of
from bench.pages import password_check_seconds
from bench.timing import Step, Summary, percentile, timed_in_turns

PAGE = """
<form method="get" action="/patients/"><input name="q" value="smi"></form>
<form method="post">
  <input type="hidden" name="csrf_token" value="t0k&amp;en">
  <input type="text" name="email">
  <input type="checkbox" name="remember" checked>
  <input type="checkbox" name="archived" value="y">
  <input type="radio" name="paper" value="a4">
  <input type="radio" name="paper" value="letter" checked>
  <input type="submit" name="submit" value="Sign in">
  <input name="gone" value="x" disabled>
  <select name="side"><option value="left">Left</option><option value="right">Right</option>
  </select>
  <select name="region"><option value="hip">Hip</option><option value="knee" selected>Knee</option>
  </select>
  <select name="signs" multiple><option value="a" selected>A</option><option value="b">B</option>
    <option value="c" selected>C</option></select>
  <select name="none" multiple><option value="a">A</option></select>
  <textarea name="notes">Line one
&lt;two&gt;</textarea>
</form>
"""


def test_a_form_posts_what_a_browser_would():
    forms = forms_of(PAGE, "/login")
    assert forms["/patients/"] == {"q": "smi"}
    assert forms["/login"] == {  # no action: the form posts back to its page
        "csrf_token": "t0k&en",
        "email": "",
        "remember": "on",
        "paper": "letter",
        "side": "left",
        "region": "knee",
        "signs": ["a", "c"],
        "notes": "Line one\n<two>",
    }


def test_timing_in_turns_alternates_and_leaves_the_preparation_out():
    calls: list[str] = []

    def slow():
        calls.append("page")

    def prepare():
        calls.append("form")

    samples = timed_in_turns(
        Step(slow, prepare), lambda: calls.append("healthz"), runs=2, warm_up=1
    )
    assert calls == ["form", "page", "healthz"] * 3
    assert [len(times) for times in samples] == [2, 2]  # the warm-up round is not kept


@pytest.mark.parametrize(("rank", "expected"), [(0, 1), (50, 51), (95, 96), (99, 100), (100, 101)])
def test_percentiles_are_nearest_rank(rank, expected):
    assert percentile(list(range(1, 102)), rank) == expected


def test_a_summary_gives_median_p95_p99_and_count():
    summary = Summary.of([0.5, 0.1, 0.3, 0.2, 0.4])
    assert (summary.median, summary.p95, summary.p99, summary.count) == (0.3, 0.5, 0.5, 5)


def test_a_sign_ins_password_check_is_read_from_its_server_timing_header():
    message = http.client.HTTPMessage()
    message["Server-Timing"] = "password;dur=117.912"
    assert password_check_seconds(Response(302, message, b"")) == pytest.approx(0.117912)
    with pytest.raises(UnexpectedStatus):
        password_check_seconds(Response(302, http.client.HTTPMessage(), b""))
