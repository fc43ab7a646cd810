"""make bench: handout rendering and reprint speed, as ratios to baselines measured in the same run.

1. Warm render of an eight-exercise home-exercise handout through the app (content from the
   database, the template, the restricted PDF renderer) against WeasyPrint rendering the same,
   already-built HTML alone: the app's own overhead is the ratio (target at most 1.10).
2. A reprint of a recorded handout (GET /handouts/<id>.pdf) against the app's minimal route
   (GET /healthz), both through the Flask test client: target at most 2x.

Runs on a throw-away SQLite database in a temporary folder; prints median and p95 of each.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

RUNS = 25
WARM_UP = 3
EXERCISES = (
    "clam-shell", "glute-bridge", "calf-stretch-wall", "ankle-pumps",
    "chin-tuck", "heel-slide", "sit-to-stand", "hamstring-stretch-towel",
)  # fmt: skip


def timed(action: Callable[[], object], runs: int = RUNS) -> list[float]:
    for _ in range(WARM_UP):
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
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
    from flask_login import FlaskLoginClient
    from flask_migrate import upgrade
    from sqlalchemy import select
    from weasyprint import CSS, HTML

    from practice import create_app
    from practice.assessments.services import finalise, start_assessment
    from practice.auth.services import create_user, get_or_create_clinic
    from practice.catalogue.services import sync_seed_catalogue
    from practice.clinical.screening import TreatmentSite
    from practice.clinical.vocabulary import BodyRegion, Side
    from practice.extensions import db
    from practice.handouts import pdf, services
    from practice.models import CatalogueItem, Paper
    from practice.patients.services import PATIENT_FIELDS, create_patient
    from practice.plans import services as plans
    from practice.seed import load_seed_catalogue

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(instance) / 'bench.db'}"})
    app.test_client_class = FlaskLoginClient
    with app.app_context():
        upgrade()
        sync_seed_catalogue(load_seed_catalogue())
        clinic, _ = get_or_create_clinic("Bench clinic")
        user = create_user(
            email="bench@example.org",
            display_name="Bench Physio",
            password="a long bench password",  # noqa: S106 (a throw-away bench database)
            clinic=clinic,
        )
        values = {field: "" for field in PATIENT_FIELDS} | {
            "given_names": "Bea",
            "family_name": "Bench",
            "date_of_birth": date(1960, 1, 1),
            "sex": "female",
            "activity_level": None,
        }
        patient = create_patient(values, author=user)
        assessment = start_assessment(patient, author=user, seen_on=date.today())
        record = assessment.data
        assessment.data = replace(
            record, subjective=replace(record.subjective, nprs_now=5, nprs_worst=7)
        )
        finalise(assessment, author=user)
        plan = plans.start_plan(assessment, author=user)
        db.session.flush()
        for key in EXERCISES:
            item = db.session.scalar(
                select(CatalogueItem).where(
                    CatalogueItem.key == key, CatalogueItem.item_type == "exercise"
                )
            )
            plans.add_item(
                plan,
                item,
                site=TreatmentSite(BodyRegion(item.body_region), Side.LEFT),
                dosage=item.dosage,
                reason="",
                author=user,
                lock=plan.current.lock_version,
                acknowledge_precaution=True,
            )
        review = date.today() + timedelta(weeks=6)
        plans.add_goal(
            plan,
            measure_code="nprs_now",
            comparator="<=",
            target=Decimal(2),
            target_on=review,
            author=user,
            lock=plan.current.lock_version,
        )
        plans.set_schedule(
            plan,
            sessions_per_week=2,
            duration_weeks=6,
            review_on=review,
            author=user,
            lock=plan.current.lock_version,
        )
        plans.issue(plan, author=user, lock=plan.current.lock_version)
        db.session.commit()
        version_id, user_id = plan.current.id, user.id

    with app.test_request_context():
        from practice.models import PlanVersion, User

        version = db.session.get(PlanVersion, version_id)
        author = db.session.get(User, user_id)

        def through_the_app():
            content = services.home_exercise_content(version, therapist=author)
            return services.render_pdf(content, paper=Paper.A4)

        content = services.home_exercise_content(version, therapist=author)
        html = services.render_page(content, paper=Paper.A4, for_print_page=False)
        fetcher = pdf.StaticOnlyFetcher(Path(app.static_folder), base_url=pdf.DEFAULT_BASE_URL)
        page_size = CSS(string="@page { size: A4 !important }", url_fetcher=fetcher)

        def weasyprint_alone():
            return HTML(string=html, base_url=pdf.DEFAULT_BASE_URL, url_fetcher=fetcher).write_pdf(
                stylesheets=[page_size]
            )

        pages = through_the_app().page_count
        app_times = timed(through_the_app)
        alone_times = timed(weasyprint_alone)
        record = services.issue_handout(
            content, patient=version.plan.patient, version=version, paper=Paper.A4, author=author
        )
        db.session.commit()
        record_id = record.id

    with app.app_context():
        from practice.models import User

        client = app.test_client(user=db.session.get(User, user_id))
    reprint_times = timed(lambda: client.get(f"/handouts/{record_id}.pdf").get_data(), runs=200)
    health_times = timed(lambda: client.get("/healthz").get_data(), runs=200)

    app_median, app_p95 = summary(app_times)
    alone_median, alone_p95 = summary(alone_times)
    reprint_median, reprint_p95 = summary(reprint_times)
    health_median, health_p95 = summary(health_times)
    print(f"handout: {len(EXERCISES)} exercises, {pages} pages (A4, 14 pt), {RUNS} warm runs each")
    print(f"  through the app      {milliseconds(app_median, app_p95)}")
    print(f"  WeasyPrint alone     {milliseconds(alone_median, alone_p95)}")
    overhead = app_median / alone_median
    print(f"  app / WeasyPrint     {overhead:.3f} (target <= 1.10)")
    print("reprint of a recorded handout, 200 requests each (Flask test client)")
    print(f"  GET /handouts/<id>.pdf {microseconds(reprint_median, reprint_p95)}")
    print(f"  GET /healthz           {microseconds(health_median, health_p95)}")
    ratio = reprint_median / health_median
    print(f"  reprint / minimal route {ratio:.2f} (target <= 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
