"""The main journey as a clinician clicks it (issue 14, point 4): new patient -> finalised
assessment -> issued plan -> handout PDF, in real headless Chromium, counting what it costs.

Counted from the dashboard a signed-in clinician lands on (signing in is not counted):

- page loads: every document the main frame shows (``framenavigated``; a POST answered by a
  redirect is one load) and every download (the handout PDF);
- pointer actions: a click on a link, button, checkbox or field; choosing in a list is two (open
  it, pick the option);
- keystrokes, apart: the characters typed into fields.

The journey takes the shortest way the pages offer: "Save and continue" between sections where
the page has it (else "Save draft" and the section's tab), the finalise confirmation where the
page asks for it, the plan built from the first proposals for the main problem.

    .venv/bin/python -m bench.journey                     # a fresh demo instance of this tree
    .venv/bin/python -m bench.journey --source DIR        # ... of another checkout (a worktree)
    .venv/bin/python -m bench.journey --url URL --email E --password P
    options: --output FILE.json (default bench/results/journey.json)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results" / "journey.json"
DEMO_EMAIL = "clinician@demo.example"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Stage:
    name: str
    page_loads: int = 0
    pointer_actions: int = 0
    keystrokes: int = 0


@dataclass
class Tally:
    """What the journey cost, in total and by stage."""

    stages: list[Stage] = field(default_factory=list)

    @property
    def current(self) -> Stage:
        return self.stages[-1]

    def total(self, name: str) -> int:
        return sum(getattr(stage, name) for stage in self.stages)

    def as_json(self) -> dict[str, object]:
        return {
            "page_loads": self.total("page_loads"),
            "pointer_actions": self.total("pointer_actions"),
            "keystrokes": self.total("keystrokes"),
            "stages": [asdict(stage) for stage in self.stages],
        }


class Clinician:
    """Drives a Playwright page the way a user does, and counts each action in ``tally``."""

    def __init__(self, page) -> None:
        self.page = page
        self.tally = Tally()  # nothing is counted before the first stage
        self.downloads: list = []
        page.on("framenavigated", self._navigated)
        page.on("download", self._downloaded)

    def _navigated(self, frame) -> None:
        if self.tally.stages and frame == self.page.main_frame:
            self.tally.current.page_loads += 1

    def _downloaded(self, download) -> None:
        self.downloads.append(download)
        if self.tally.stages:
            self.tally.current.page_loads += 1

    def stage(self, name: str) -> None:
        self.tally.stages.append(Stage(name))

    def click(self, locator) -> None:
        locator.click()
        self.tally.current.pointer_actions += 1

    def tick(self, locator) -> None:
        locator.check()
        self.tally.current.pointer_actions += 1

    def type(self, locator, text: str) -> None:
        """Click into the field, then type ``text``."""
        locator.fill(text)
        self.tally.current.pointer_actions += 1
        self.tally.current.keystrokes += len(text)

    def choose(self, locator, value: str) -> None:
        locator.select_option(value)
        self.tally.current.pointer_actions += 2

    def submit(self, locator) -> None:
        """Click a button that loads a page, and wait for it."""
        with self.page.expect_navigation():
            self.click(locator)

    def button(self, name: str | re.Pattern[str]):
        return self.page.get_by_role("button", name=name)

    def has(self, locator) -> bool:
        return locator.count() > 0


def sign_in(page, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def run_journey(page, *, email: str, password: str, today: date | None = None) -> Tally:
    """The main journey on ``page`` (a Playwright page with the app as its base URL)."""
    today = today or date.today()
    you = Clinician(page)
    sign_in(page, email, password)

    you.stage("new patient")
    page.get_by_role("heading", level=1).first.wait_for()
    add = page.get_by_role("link", name=re.compile(r"^(Add a )?new patient$", re.IGNORECASE))
    if not you.has(add):  # no shortcut on the dashboard: through the patient list
        you.submit(page.get_by_role("link", name="Patients", exact=True))
    you.submit(add.first)
    you.type(page.get_by_label("Given names"), "Edith")
    you.type(page.get_by_label("Family name"), "Clarke")
    you.type(page.get_by_label("Date of birth"), "1948-05-02")
    you.choose(page.get_by_label("Sex"), "female")
    you.submit(you.button("Save patient"))

    you.stage("assessment")
    you.submit(you.button(re.compile(r"^Start (re-)?assessment$")))
    _subjective(you, today)
    _to_section(you, "Muscle imbalance")
    _strength(you)
    _to_section(you, "Flexibility and range of motion")
    _mobility(you)
    _save(you, then_overview=True)

    you.stage("finalise")
    confirm = page.get_by_label("I have checked this record.")
    if you.has(confirm):
        you.tick(confirm)
    you.submit(you.button("Finalise"))
    page.get_by_text("Assessment finalised.").wait_for()

    you.stage("plan")
    you.submit(you.button("Build a treatment plan"))
    _plan(you, today)

    you.stage("handout")
    _handout_pdf(you)
    return you.tally


def _handout_pdf(you: Clinician) -> None:
    """Give the PDF handout: the browser shows it or downloads it, depending on its settings;
    either way it is one load, and it must be a PDF."""
    page = you.page
    you.click(you.button(re.compile(r"PDF handout")))
    deadline = time.monotonic() + 30
    while not you.downloads and not _shows_a_pdf(page) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    if you.downloads:
        body = Path(you.downloads[0].path()).read_bytes()
    elif _shows_a_pdf(page):
        body = page.request.get(page.url).body()
    else:
        raise RuntimeError(f"no handout PDF after 30 s: {page.url}")
    if not body.startswith(b"%PDF-"):
        raise RuntimeError("the handout is not a PDF")


def _shows_a_pdf(page) -> bool:
    return urlsplit(page.url).path.endswith(".pdf")


def _subjective(you: Clinician, today: date) -> None:
    page = you.page
    you.type(page.get_by_label("Presenting complaint"), "Weak right hip, limping")
    you.type(page.get_by_label("Onset date"), (today - timedelta(weeks=8)).isoformat())
    you.choose(page.get_by_label("Onset", exact=True), "insidious")
    you.type(page.get_by_label("Pain now (NPRS)"), "4")
    you.type(page.get_by_label("Best in 24 h"), "2")
    you.type(page.get_by_label("Worst in 24 h"), "6")
    chart = page.locator("input[type='checkbox'][data-area='front.hip.right']")
    if you.has(chart):  # the body chart: one click on the area (or its box)
        you.tick(chart)
    else:  # the list of pain sites it replaced
        you.choose(page.locator("[name='pain_sites-0-region']"), "hip")
        you.choose(page.locator("[name='pain_sites-0-side']"), "right")
    answers = page.locator("select[name^='red_flags-'][name$='-answer']")
    for index in range(answers.count()):
        you.choose(answers.nth(index), "no")


def _strength(you: Clinician) -> None:
    page = you.page
    you.choose(page.locator("[name='rows-0-muscle_group']"), "gluteus_medius")
    you.choose(page.locator("[name='rows-0-left_grade']"), "5")
    you.type(page.locator("[name='rows-0-left_force']"), "200")
    you.choose(page.locator("[name='rows-0-right_grade']"), "3")
    you.type(page.locator("[name='rows-0-right_force']"), "120")


def _mobility(you: Clinician) -> None:
    page = you.page
    you.choose(page.locator("[name='rom-0-movement']"), "hip_abduction")
    you.type(page.locator("[name='rom-0-left_active']"), "45")
    you.type(page.locator("[name='rom-0-right_active']"), "30")


def _to_section(you: Clinician, title: str) -> None:
    """From the section just filled to ``title``: saved and moved on in one step where the page
    offers it, else saved, then the section's tab."""
    onward = you.button(f"Save and continue to {title}")
    if you.has(onward):
        you.submit(onward)
        return
    _save(you, then_overview=False)
    you.submit(you.page.get_by_role("link", name=title, exact=True))


def _save(you: Clinician, *, then_overview: bool) -> None:
    onward = you.button("Save and continue to the overview")
    if then_overview and you.has(onward):
        you.submit(onward)
        return
    you.submit(you.button("Save draft"))
    if "saved" not in you.page.locator("main").inner_text():
        raise RuntimeError(f"the section was not saved: {you.page.url}")
    if then_overview:
        you.submit(you.page.get_by_role("link", name="Overview", exact=True))


def _plan(you: Clinician, today: date) -> None:
    page = you.page
    main = page.locator(".proposal-group").first
    allowed = main.locator(".proposal[data-verdict='allowed'] button[aria-label^='Add ']")
    you.submit(allowed.first)
    main = page.locator(".proposal-group").first
    allowed = main.locator(".proposal[data-verdict='allowed'] button[aria-label^='Add ']")
    if you.has(allowed):  # the next proposal for the main problem
        you.submit(allowed.first)

    target = (today + timedelta(weeks=6)).isoformat()
    goals = page.get_by_role("region", name="Goals")
    you.choose(goals.get_by_label("Measure"), "nprs_now")
    you.choose(goals.get_by_label("Target"), "<=")
    you.type(goals.get_by_label("Value"), "2")
    you.type(goals.get_by_label("By"), target)
    you.submit(goals.get_by_role("button", name="Add goal"))

    schedule = page.get_by_role("region", name="Frequency, duration and review")
    you.type(schedule.get_by_label("Sessions a week"), "2")
    you.type(schedule.get_by_label("For (weeks)"), "6")
    you.type(schedule.get_by_label("Review on"), target)
    you.submit(schedule.get_by_role("button", name="Save schedule"))

    you.submit(you.button("Issue plan to the patient"))
    page.get_by_text(re.compile(r"Version 1 issued")).wait_for()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def fresh_instance(source: Path) -> Iterator[tuple[str, str]]:
    """``source``'s app on a new SQLite database with the demo clinic, served by ``flask run``
    on a free loopback port: yields its URL and the demo clinician's password."""
    work = Path(tempfile.mkdtemp(prefix="practice-journey-"))
    environment = os.environ | {
        "DATABASE_URL": f"sqlite:///{work / 'journey.db'}",
        "PRACTICE_INSTANCE_PATH": str(work / "instance"),
        "PYTHONPATH": str(source),  # ahead of this venv's editable install of the project
    }
    flask = [sys.executable, "-m", "flask", "--app", "practice"]
    for command in (["init-db"], ["demo-data"]):
        subprocess.run(  # noqa: S603 (the project's own command)
            [*flask, *command], cwd=source, env=environment, check=True, capture_output=True
        )
    password = (work / "instance" / "demo-sign-in.txt").read_text().strip()
    port = _free_port()
    log = (work / "server.log").open("wb")
    server = subprocess.Popen(  # noqa: S603 (the project's own command)
        [*flask, "run", "--port", str(port)], cwd=source, env=environment, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(url, server)
        yield url, password
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _wait_until_answering(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the app stopped at start")
        try:
            with urllib.request.urlopen(f"{url}/login", timeout=2):  # noqa: S310 (loopback)
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the app did not answer within {seconds} s")


def measure(url: str, email: str, password: str) -> Tally:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        try:
            context = browser.new_context(base_url=url, accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(15_000)
            return run_journey(page, email=email, password=password)
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=PROJECT, help="checkout to serve")
    parser.add_argument("--url", help="an app already running (then --email and --password)")
    parser.add_argument("--email", default=DEMO_EMAIL)
    parser.add_argument("--password")
    parser.add_argument("--output", type=Path, default=RESULTS)
    options = parser.parse_args(argv)
    if options.url:
        if not options.password:
            parser.error("--url needs --password")
        tally = measure(options.url, options.email, options.password)
        measured = options.url
    else:
        with fresh_instance(options.source.resolve()) as (url, password):
            tally = measure(url, DEMO_EMAIL, password)
        measured = str(options.source.resolve())
    result = {"measured": measured, **tally.as_json()}
    for stage in tally.stages:
        print(
            f"{stage.name:12} {stage.page_loads:3} page loads {stage.pointer_actions:4} pointer "
            f"actions {stage.keystrokes:4} keystrokes"
        )
    print(
        f"{'total':12} {result['page_loads']:3} page loads {result['pointer_actions']:4} pointer "
        f"actions {result['keystrokes']:4} keystrokes"
    )
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written to {options.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
