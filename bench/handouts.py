"""make bench: handout rendering and reprint speed, as ratios to baselines measured in the same run.

1. Warm render of the eight-exercise home-exercise handout (``EXERCISES``, built with the test
   builders, so tests/test_handout_layout.py checks the pages of this very handout) through the
   app (content from the database, the template, the restricted, tagged PDF renderer) against
   WeasyPrint rendering the same, already-built HTML alone with the same options: the app's own
   overhead is the ratio (target at most 1.10). The two are timed in turns within one loop, so a
   change in the machine's load weighs on both alike.
2. A reprint of a recorded handout (GET /handouts/<id>.pdf) against the app's minimal route
   (GET /healthz), both through the Flask test client, also in turns: target at most 2x.
3. The handout's page count on A4 and Letter, in normal and in large print.

Runs on a throw-away SQLite database in a temporary folder; prints median and p95 of each.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
RUNS = 25
WARM_UP = 3
EXERCISES = (
    "clam-shell", "glute-bridge", "calf-stretch-wall", "ankle-pumps",
    "chin-tuck", "heel-slide", "sit-to-stand", "hamstring-stretch-towel",
)  # fmt: skip


def timed_in_turns(
    first: Callable[[], object], second: Callable[[], object], runs: int = RUNS
) -> tuple[list[float], list[float]]:
    """Time ``first`` and ``second`` alternately, ``runs`` times each, after a warm-up."""
    for _ in range(WARM_UP):
        first()
        second()
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, times in ((first, samples[0]), (second, samples[1])):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def milliseconds(median: float, p95: float) -> str:
    return f"median {median * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def microseconds(median: float, p95: float) -> str:
    return f"median {median * 1e6:7.0f} us   p95 {p95 * 1e6:7.0f} us"


def main() -> int:
    instance = tempfile.mkdtemp(prefix="practice-bench-")
    os.environ["PRACTICE_INSTANCE_PATH"] = instance
    sys.path.insert(0, str(PROJECT))  # the test builders, which make the handout the tests check
    from flask_login import FlaskLoginClient
    from flask_migrate import upgrade
    from weasyprint import CSS, HTML

    from practice import create_app
    from practice.catalogue.services import sync_seed_catalogue
    from practice.extensions import db
    from practice.handouts import pdf, services
    from practice.models import Paper, PlanVersion, User
    from practice.seed import load_seed_catalogue
    from tests.factories import make_plan, make_user

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(instance) / 'bench.db'}"})
    app.test_client_class = FlaskLoginClient
    with app.app_context():
        upgrade()
        sync_seed_catalogue(load_seed_catalogue())
        db.session.commit()
        plan = make_plan(make_user(), exercises=EXERCISES)
        version_id, user_id = plan.current.id, plan.created_by.id

    with app.test_request_context():
        version = db.session.get(PlanVersion, version_id)
        author = db.session.get(User, user_id)

        def content_for(large_print: bool = False):
            return services.home_exercise_content(
                version, therapist=author, large_print=large_print
            )

        pages = {
            (paper, large): services.render_pdf(content_for(large), paper=paper).page_count
            for paper in Paper
            for large in (False, True)
        }

        def through_the_app():
            return services.render_pdf(content_for(), paper=Paper.A4)

        content = content_for()
        html = services.render_page(content, paper=Paper.A4, for_print_page=False)
        fetcher = pdf.StaticOnlyFetcher(Path(app.static_folder), base_url=pdf.DEFAULT_BASE_URL)
        page_size = CSS(string="@page { size: A4 !important }", url_fetcher=fetcher)

        def weasyprint_alone():
            return HTML(string=html, base_url=pdf.DEFAULT_BASE_URL, url_fetcher=fetcher).write_pdf(
                stylesheets=[page_size], pdf_variant=pdf.PDF_VARIANT
            )

        app_times, alone_times = timed_in_turns(through_the_app, weasyprint_alone)
        record = services.issue_handout(
            content, patient=version.plan.patient, version=version, paper=Paper.A4, author=author
        )
        db.session.commit()
        record_id = record.id

    with app.app_context():
        client = app.test_client(user=db.session.get(User, user_id))
    reprint_times, health_times = timed_in_turns(
        lambda: client.get(f"/handouts/{record_id}.pdf").get_data(),
        lambda: client.get("/healthz").get_data(),
        runs=200,
    )

    app_median, app_p95 = summary(app_times)
    alone_median, alone_p95 = summary(alone_times)
    reprint_median, reprint_p95 = summary(reprint_times)
    health_median, health_p95 = summary(health_times)
    print(f"handout: {len(EXERCISES)} exercises, {RUNS} warm runs each, in turns")
    for (paper, large), count in pages.items():
        size = "large print (18 pt)" if large else "normal print (14 pt)"
        print(f"  pages  {paper.name:<6} {size:<20} {count}  (the exercise log is the last)")
    print(f"  through the app      {milliseconds(app_median, app_p95)}")
    print(f"  WeasyPrint alone     {milliseconds(alone_median, alone_p95)}")
    overhead = app_median / alone_median
    print(f"  app / WeasyPrint     {overhead:.3f} (target <= 1.10)")
    print("reprint of a recorded handout, 200 requests each (Flask test client), in turns")
    print(f"  GET /handouts/<id>.pdf {microseconds(reprint_median, reprint_p95)}")
    print(f"  GET /healthz           {microseconds(health_median, health_p95)}")
    ratio = reprint_median / health_median
    print(f"  reprint / minimal route {ratio:.2f} (target <= 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
