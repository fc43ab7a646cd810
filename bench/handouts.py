"""The handout the bench renders, and WeasyPrint rendering its HTML alone.

``EXERCISES`` is the eight-exercise home-exercise handout, built with the test builders
(bench/dataset.py), so tests/test_handout_layout.py checks the pages of this very handout.
bench/pages.py times the app's render (POST to the print page: content from the database, the
template, the restricted, tagged PDF renderer, the record) in turns with ``weasyprint_alone`` on
the same, already-built HTML with the same options: the ratio is the app's own overhead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import Flask

EXERCISES = (
    "clam-shell", "glute-bridge", "calf-stretch-wall", "ankle-pumps",
    "chin-tuck", "heel-slide", "sit-to-stand", "hamstring-stretch-towel",
)  # fmt: skip


def pdf_source(app: Flask, version_id: int, user_id: int) -> str:
    """The HTML the app renders to PDF for this plan version, signed by this user."""
    from practice.extensions import db
    from practice.handouts import services
    from practice.models import Paper, PlanVersion, User

    with app.test_request_context():
        version = db.session.get(PlanVersion, version_id)
        content = services.home_exercise_content(version, therapist=db.session.get(User, user_id))
        return services.render_page(content, paper=Paper.A4, for_print_page=False)


def weasyprint_alone(html: str, static_folder: Path) -> Callable[[], bytes]:
    """WeasyPrint rendering ``html`` with the app's fetcher, paper and PDF variant, and no more."""
    from weasyprint import CSS, HTML

    from practice import pdf

    fetcher = pdf.StaticOnlyFetcher(static_folder, base_url=pdf.DEFAULT_BASE_URL)
    page_size = CSS(string="@page { size: A4 !important }", url_fetcher=fetcher)

    def render() -> bytes:
        return HTML(string=html, base_url=pdf.DEFAULT_BASE_URL, url_fetcher=fetcher).write_pdf(
            stylesheets=[page_size], pdf_variant=pdf.PDF_VARIANT
        )

    return render
