"""make bench: every main page of the app, served by gunicorn on loopback as in production, on
the 100,000-patient one-clinic dataset, as ratios to the app's minimal route timed in turns.

Each page is requested in turns with ``GET /healthz`` over the same kept-alive connection; its
ratio is its median over the median of those /healthz requests, so a change in the machine's
load weighs on both alike. The PDF render is timed in turns with WeasyPrint rendering the same
HTML alone (the app's overhead), while a second thread times /healthz during the renders (the
app keeps answering). Sign-in's password check takes its time on purpose (scrypt,
practice/passwords.py), so its targets apply to what each sign-in costs beyond its own check,
which the app reports in a Server-Timing header (``SERVER_TIMING``, set for the bench).

Targets (issue 13, 2 cores, 100,000 patients in one clinic): every page but the PDF at most 5x
/healthz and under 50 ms p95; every search under 20 ms p95; the PDF under 1 s p95 while
/healthz keeps under 50 ms p95. Exits 1 when one is missed.

    .venv/bin/python -m bench.pages [--database FILE.db] [--output FILE.json] [--runs N]
    BENCH_DATABASE_URL=postgresql+psycopg://… .venv/bin/python -m bench.pages
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import dataset, server
from bench.client import Client, Fields, Response, UnexpectedStatus, forms_of, sign_in
from bench.handouts import pdf_source, weasyprint_alone
from bench.timing import Step, Summary, timed_in_turns
from practice.extensions import db

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
PAGE_RATIO = 5.0
PAGE_P95 = 0.050
SEARCH_P95 = 0.020
PDF_P95 = 1.0
SECTION = "subjective"
NO_MATCH = "zqxjv"
PROBE_INTERVAL = 0.04  # /healthz 25 times a second during renders, as 50 clinicians make


@dataclass(frozen=True)
class Page:
    name: str
    build: Callable[[Client, dataset.Fixtures], Step]  # what one request of the page is
    search: bool = False


def get(path: Callable[[dataset.Fixtures], str], *statuses: int):
    def build(client: Client, fixtures: dataset.Fixtures) -> Step:
        url = path(fixtures)
        return Step(lambda: client.get(url).expect(*(statuses or (200,))))

    return build


def save(
    page: Callable[[dataset.Fixtures], str],
    action: Callable[[dataset.Fixtures], str],
    change: Callable[[Fields, int], Fields],
):
    """Read the form as a browser would (untimed), change a field, time the post."""

    def build(client: Client, fixtures: dataset.Fixtures) -> Step:
        form: dict[str, Fields] = {}
        count = itertools.count()
        page_url, action_url = page(fixtures), action(fixtures)

        def prepare() -> None:
            form["fields"] = change(client.form(page_url, action_url), next(count))

        return Step(lambda: client.post(action_url, form["fields"]).expect(302), prepare)

    return build


def _changed(fields: Fields, name: str, value: str) -> Fields:
    """The form with one field changed; a field the form does not have is an error, so that a
    save is never timed for a post that changes nothing."""
    if name not in fields:
        raise KeyError(f"the form has no field {name!r}")
    return fields | {name: value}


def _complaint(fields: Fields, number: int) -> Fields:
    return _changed(fields, "presenting_complaint", f"Right hip weakness, visit {number % 2 + 1}")


def _sessions(fields: Fields, number: int) -> Fields:
    return _changed(fields, "sessions_per_week", str(2 + number % 2))


PAGES = (
    Page("dashboard", get(lambda f: "/")),
    Page("patient list, first page", get(lambda f: "/patients/")),
    Page("patient list, last page", get(lambda f: "/patients/?page=last")),
    Page("search, common prefix", get(lambda f: f"/patients/?q={f.common_prefix}"), search=True),
    Page("search, rare name", get(lambda f: f"/patients/?q={f.rare_name}"), search=True),
    Page("search, no match", get(lambda f: f"/patients/?q={NO_MATCH}"), search=True),
    # A wildcard alone is no name: the form says so (400) or finds nothing, never everyone.
    Page("search, %", get(lambda f: "/patients/?q=%25", 200, 400), search=True),
    Page(
        "search, date of birth", get(lambda f: f"/patients/?dob={f.common_birth_date}"), search=True
    ),
    Page("patient page, 20 assessments", get(lambda f: f"/patients/{f.record_patient_id}")),
    Page("assessment page", get(lambda f: f"/assessments/{f.finalised_assessment_id}")),
    Page(
        "section save",
        save(
            lambda f: f"/assessments/{f.draft_assessment_id}/sections/{SECTION}",
            lambda f: f"/assessments/{f.draft_assessment_id}/sections/{SECTION}",
            _complaint,
        ),
    ),
    Page("plan builder", get(lambda f: f"/plans/{f.draft_plan_id}")),
    Page(
        "plan save",
        save(
            lambda f: f"/plans/{f.draft_plan_id}",
            lambda f: f"/plans/{f.draft_plan_id}/schedule",
            _sessions,
        ),
    ),
    Page("issued plan", get(lambda f: f"/plans/{f.issued_plan_id}")),
    Page("print page", get(lambda f: f"/plans/{f.issued_plan_id}/handout")),
    Page("reprint", get(lambda f: f"/handouts/{f.handout_id}.pdf")),
)


@dataclass(frozen=True)
class Figure:
    name: str
    summary: Summary
    baseline: Summary  # what was timed in turns with it
    misses: tuple[str, ...]
    extra: dict[str, object]
    baseline_name: str = "/healthz"

    @property
    def ratio(self) -> float:
        return self.summary.median / self.baseline.median

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            **self.summary.as_json(),
            "baseline": self.baseline_name,
            "baseline_timing": self.baseline.as_json(),
            "ratio": round(self.ratio, 2),
            "misses": list(self.misses),
            **self.extra,
        }


def page_misses(summary: Summary, healthz: Summary, *, search: bool) -> tuple[str, ...]:
    misses = []
    if summary.median / healthz.median > PAGE_RATIO:
        misses.append(f"median over {PAGE_RATIO:g}x /healthz")
    if summary.p95 >= PAGE_P95:
        misses.append(f"p95 not under {PAGE_P95 * 1000:g} ms")
    if search and summary.p95 >= SEARCH_P95:
        misses.append(f"search p95 not under {SEARCH_P95 * 1000:g} ms")
    return tuple(misses)


def measure_page(
    page: Page, client: Client, fixtures: dataset.Fixtures, runs: int, workers: int
) -> Figure:
    """The page in turns with /healthz, after untimed rounds enough to reach every worker a few
    times: each connection lands on whichever worker accepts it, and a worker's first request
    for a page compiles its statements (a cost paid once per worker start, measured apart as
    the restart cost), which with 5 workers would otherwise be the p95 of every page."""
    healthz = Step(lambda: client.get("/healthz").expect(200))
    times, health = timed_in_turns(
        page.build(client, fixtures), healthz, runs=runs, warm_up=3 * workers
    )
    summary, baseline = Summary.of(times), Summary.of(health)
    return Figure(
        page.name, summary, baseline, page_misses(summary, baseline, search=page.search), {}
    )


def measure_sign_in(port: int, fixtures: dataset.Fixtures, runs: int, workers: int):
    """Sign-in through the form on a browser with no cookie yet, in turns with /healthz; the
    page targets apply to each sign-in less its own password check, which the app reports in a
    Server-Timing header (scrypt takes its time on purpose, and its spread from one call to the
    next is not the sign-in's)."""
    browser, health = Client(server.HOST, port), Client(server.HOST, port)
    fields: dict[str, Fields] = {}
    checks: list[float] = []

    def prepare() -> None:
        browser.cookies.clear()
        fields["login"] = browser.form("/login", "/login") | {
            "email": fixtures.email,
            "password": fixtures.password,
        }

    def sign_in_once() -> None:
        checks.append(password_check_seconds(browser.post("/login", fields["login"]).expect(302)))

    times, healthz = timed_in_turns(
        Step(sign_in_once, prepare),
        lambda: health.get("/healthz").expect(200),
        runs=runs,
        warm_up=3 * workers,  # as the pages: each worker's first sign-in opens its connections
    )
    checks = checks[-len(times) :]  # the timed rounds, after the warm-up ones
    summary, baseline = Summary.of(times), Summary.of(healthz)
    beyond = Summary.of([total - check for total, check in zip(times, checks, strict=True)])
    return Figure(
        "sign-in",
        summary,
        baseline,
        page_misses(beyond, baseline, search=False),
        {
            "password_check": Summary.of(checks).as_json(),
            "beyond_password_check": beyond.as_json(),
            "ratio_beyond_password_check": round(beyond.median / baseline.median, 2),
        },
    )


def password_check_seconds(response: Response) -> float:
    """The ``password;dur=`` of the answer's Server-Timing header, in seconds."""
    timing = re.fullmatch(r"password;dur=([0-9.]+)", response.headers.get("Server-Timing", ""))
    if timing is None:
        raise UnexpectedStatus("the sign-in's answer has no Server-Timing of its password check")
    return float(timing.group(1)) / 1000


def measure_pdf(
    client: Client, port: int, fixtures: dataset.Fixtures, alone, runs: int, workers: int
):
    """The app's render and record (POST, answered with a redirect to the PDF) in turns with
    WeasyPrint alone, after a warm-up render for each worker; a second connection times
    /healthz from another thread while the app renders (not while WeasyPrint renders here: that
    holds this process's interpreter lock)."""
    print_page = f"/plans/{fixtures.issued_plan_id}/handout"
    forms = forms_of(client.get(print_page).expect(200).text, print_page)
    action = next(path for path in forms if path.startswith(f"{print_page}?version="))
    fields = forms[action]
    rendering, finished = threading.Event(), threading.Event()
    probes: list[float] = []
    errors: list[str] = []

    def probe() -> None:
        prober = Client(server.HOST, port)
        while not finished.is_set():
            if not rendering.wait(timeout=0.05):
                continue
            start = time.perf_counter()
            try:
                prober.get("/healthz").expect(200)
            except (OSError, UnexpectedStatus) as error:
                errors.append(str(error))
            probes.append(time.perf_counter() - start)
            finished.wait(PROBE_INTERVAL)

    def render() -> None:
        rendering.set()
        try:
            response = client.post(action, fields).expect(302)
        finally:
            rendering.clear()
        if "/handouts/" not in response.headers.get("Location", ""):
            raise UnexpectedStatus(
                f"no handout given: redirected to {response.headers['Location']}"
            )

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    try:
        app, weasyprint = timed_in_turns(render, alone, runs=runs, warm_up=workers)
    finally:
        finished.set()
        thread.join()
    summary, baseline, during = Summary.of(app), Summary.of(weasyprint), Summary.of(probes)
    misses = []
    if summary.p95 >= PDF_P95:
        misses.append(f"p95 not under {PDF_P95:g} s")
    if during.p95 >= PAGE_P95:
        misses.append(f"/healthz during renders: p95 not under {PAGE_P95 * 1000:g} ms")
    if errors:
        misses.append(f"/healthz during renders: {len(errors)} errors")
    return Figure(
        "PDF render (8 exercises)",
        summary,
        baseline,
        tuple(misses),
        {"healthz_during_renders": during.as_json()},
        baseline_name="WeasyPrint alone",
    )


def check_search(client: Client, fixtures: dataset.Fixtures) -> None:
    """A fast search that finds nothing would pass every target: make sure the rare name finds
    the bench's patient and the nonsense word finds no one."""
    found = client.get(f"/patients/?q={fixtures.rare_name}").expect(200).text
    if f'href="/patients/{fixtures.record_patient_id}"' not in found:
        raise SystemExit(f"search for {fixtures.rare_name!r} did not find the bench's patient")
    if re.search(r'href="/patients/\d+"', client.get(f"/patients/?q={NO_MATCH}").text):
        raise SystemExit(f"search for {NO_MATCH!r} found someone")


def report(figures: list[Figure], header: str) -> str:
    lines = [
        header,
        f"{'page':<32} {'median':>9} {'p95':>9} {'/healthz':>9} {'ratio':>7}  target",
    ]
    for figure in figures:
        verdict = "ok" if not figure.misses else "MISSED: " + "; ".join(figure.misses)
        lines.append(
            f"{figure.name:<32} {figure.summary.median * 1000:7.1f}ms "
            f"{figure.summary.p95 * 1000:7.1f}ms {figure.baseline.median * 1000:7.2f}ms "
            f"{figure.ratio:6.2f}x  {verdict}"
        )
        if figure.baseline_name != "/healthz":
            lines.append(f"{'':<32} (ratio to {figure.baseline_name}, timed in turns)")
        if "ratio_beyond_password_check" in figure.extra:
            beyond = figure.extra["ratio_beyond_password_check"]
            lines.append(f"{'':<32} beyond the password check: {beyond}x /healthz")
        if "healthz_during_renders" in figure.extra:
            during = figure.extra["healthz_during_renders"]
            lines.append(
                f"{'':<32} /healthz during renders: median {during['median_ms']:.1f} ms, "
                f"p95 {during['p95_ms']:.1f} ms ({during['count']} requests)"
            )
    return "\n".join(lines)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    dataset.add_options(parser)
    server.add_options(parser)
    parser.add_argument("--runs", type=int, default=60, help="requests per page")
    parser.add_argument("--pdf-runs", type=int, default=20)
    parser.add_argument("--sign-in-runs", type=int, default=30)
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON results")
    parser.add_argument("--only", action="append", default=[], help="pages whose name has this")
    return parser.parse_args()


def main() -> int:
    options = arguments()
    data = dataset.open_dataset(options)
    fixtures = data.fixtures
    with data.app.app_context():
        html = pdf_source(data.app, fixtures.issued_version_id, fixtures.user_id)
        db.engine.dispose()
    alone = weasyprint_alone(html, Path(data.app.static_folder))

    def chosen(name: str) -> bool:
        return not options.only or any(part in name for part in options.only)

    figures: list[Figure] = []
    with server.gunicorn(data, options.gunicorn) as running:
        workers = len(running.workers())
        if chosen("sign-in"):
            figures.append(measure_sign_in(running.port, fixtures, options.sign_in_runs, workers))
        client = running.client()
        sign_in(client, fixtures.email, fixtures.password)
        check_search(client, fixtures)
        for page in (page for page in PAGES if chosen(page.name)):
            figures.append(measure_page(page, client, fixtures, options.runs, workers))
            print(f"  {page.name}: median {figures[-1].summary.median * 1000:.1f} ms", flush=True)
        if chosen("PDF render"):
            figures.append(
                measure_pdf(client, running.port, fixtures, alone, options.pdf_runs, workers)
            )
        restart = server.restart_cost(running)
    header = (
        f"{data.database}, {fixtures.patients:,} patients in the clinic; gunicorn {workers} "
        f"workers (gunicorn.conf.py {options.gunicorn}); a worker restart: {restart:.2f} CPU-s"
    )
    print(report(figures, header))
    misses = [f"{figure.name}: {miss}" for figure in figures for miss in figure.misses]
    results = {
        "database": data.database,
        "fixtures": fixtures.as_json(),
        "gunicorn": {"workers": workers, "options": options.gunicorn},
        "worker_restart_cpu_seconds": round(restart, 3),
        "figures": [figure.as_json() for figure in figures],
        "misses": misses,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {options.output}")
    if misses:
        print(f"{len(misses)} targets missed", file=sys.stderr)
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
