"""Handouts: the print page, the PDF read back as text, the record and the reprint."""

import hashlib
import io
import socket
from dataclasses import is_dataclass, replace
from datetime import date
from pathlib import Path
from typing import get_args, get_type_hints

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from practice.clinical.readability import handout_readability
from practice.extensions import db
from practice.handouts import services as handout_services
from practice.handouts.content import HandoutContent
from practice.models import HandoutRecord, TreatmentPlan
from practice.pdf import RenderedPdf
from tests.conftest import csrf_token_from
from tests.factories import (
    PLAN_EXERCISES,
    PLAN_RECORD,
    make_assessment,
    make_patient,
    make_plan,
    make_user,
    shipped_item,
    signed_in_user,
)

HOSTILE = (
    '<img src="http://127.0.0.1:9/x"> <link rel="attachment" href="file:///etc/passwd">'
    " <script>alert(1)</script>"
)


@pytest.fixture
def plan_id(app, me):
    with app.app_context():
        return make_plan(signed_in_user()).id


def _issue(client, plan_id, **options):
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(page), "paper": "a4"} | options
    return client.post(f"/plans/{plan_id}/handout", data=data)


def _pdf(client, plan_id, **options):
    response = _issue(client, plan_id, **options)
    assert response.status_code == 302, response.get_data(as_text=True)
    pdf = client.get(response.headers["Location"])
    assert pdf.mimetype == "application/pdf"
    return pdf.get_data(), int(response.headers["Location"].rsplit("/", 1)[1].split(".")[0])


def _text(document: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(document))
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


def _names(app, keys=PLAN_EXERCISES):
    with app.app_context():
        return [shipped_item(key).name for key in keys]


def test_the_print_page_shows_everything_prescribed(app, client, plan_id):
    response = client.get(f"/plans/{plan_id}/handout")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for name in _names(app):
        assert name in page
    assert "Soft-tissue massage" not in page  # clinic techniques are not home exercises
    assert "Ivy Stone" in page
    assert "Pain: 2 out of 10 or less by" in page
    assert "Your exercise log" in page
    assert "When to get help" in page
    # The patient's own dehydration trigger is advice for the prevention handout, not this one.
    assert "Drink enough through the day" not in page
    assert "data-print-page" in page
    assert "/js/print.js" in page


def test_the_pdf_holds_every_exercise_its_dosage_the_help_and_the_name(app, client, plan_id):
    document, record_id = _pdf(client, plan_id)
    reader, pages = _text(document)
    text = " ".join(pages)
    with app.app_context():
        plan = db.session.get(TreatmentPlan, plan_id)
        content = handout_services.home_exercise_content(plan.current, therapist=None)
        record = db.session.get(HandoutRecord, record_id)
        assert record.page_count == len(reader.pages)
    for card in content.exercises:
        assert card.name in text
        for sentence in card.dosage:
            assert sentence in text, sentence
    for line in content.seek_help:
        assert line in text, line
    for number, page in enumerate(pages, start=1):
        assert "Ivy Stone" in page  # on every page
        assert f"Page {number} of {len(pages)}" in page
    width, height = (float(value) for value in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)


MOVEMENT_ARROW = b"0.101961 0.435294 0.819608 RG"  # #1a6fd1, the arrow of every drawing


def test_illustrations_are_embedded(app, client, plan_id):
    """WeasyPrint draws the SVGs as vector paths; each drawing strokes its movement arrow."""
    document, _ = _pdf(client, plan_id)
    reader = PdfReader(io.BytesIO(document))
    arrows = sum(page.get_contents().get_data().count(MOVEMENT_ARROW) for page in reader.pages)
    assert arrows >= len(PLAN_EXERCISES)
    for key in PLAN_EXERCISES:
        svg = (Path(app.static_folder) / "img/exercises" / f"{key}.svg").read_text()
        assert "#1a6fd1" in svg


def test_letter_paper_and_large_print(app, client, plan_id):
    normal, _ = _pdf(client, plan_id)
    large, _ = _pdf(client, plan_id, paper="letter", large_print="y")
    reader = PdfReader(io.BytesIO(large))
    width, height = (float(value) for value in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (612, 792)
    assert len(reader.pages) > len(PdfReader(io.BytesIO(normal)).pages)
    with app.app_context():
        step = shipped_item(PLAN_EXERCISES[0]).details.steps[0]
    assert _point_size(normal, step) >= 14 - 0.01  # body text (8.4); PDF units round
    assert _point_size(large, step) >= 18 - 0.01


def _point_size(document: bytes, snippet: str) -> float:
    """The rendered size of the text run that starts ``snippet``."""
    found = []
    for page in PdfReader(io.BytesIO(document)).pages:
        page.extract_text(
            visitor_text=lambda text, cm, tm, font, size: (
                found.append(size * tm[0] * cm[0]) if snippet[:12] in text else None
            )
        )
    assert found, snippet
    return found[0]


def test_every_handout_is_recorded_and_reprinted_byte_for_byte(app, client, plan_id, monkeypatch):
    document, record_id = _pdf(client, plan_id, large_print="y")
    with app.app_context():
        record = db.session.get(HandoutRecord, record_id)
        assert record.sha256 == hashlib.sha256(document).hexdigest()
        assert (record.kind, record.paper, record.large_print) == ("home_exercise", "a4", True)
        assert record.plan_version.number == 1
        assert record.created_by.email == "me@ours.example"

    def no_rendering(*args, **kwargs):
        raise AssertionError("a reprint must not render again")

    monkeypatch.setattr(handout_services, "render_pdf", no_rendering)
    again = client.get(f"/handouts/{record_id}.pdf")
    assert again.get_data() == document
    page = client.get(f"/patients/{record.patient_id}").get_data(as_text=True)
    assert "Home exercise handout (A4, large print" in page


def test_the_whole_handout_reads_at_grade_seven_or_below(app, plan_id):
    with app.app_context():
        plan = db.session.get(TreatmentPlan, plan_id)
        content = handout_services.home_exercise_content(plan.current, therapist=None)
    report = handout_readability(content.patient_texts())
    assert report.grade <= 7, report  # the whole text (8.4); titles alone score erratically


def test_a_draft_plan_has_no_handout(app, client, me):
    with app.app_context():
        plan_id = make_plan(signed_in_user(), issue=False).id
    response = _issue(client, plan_id)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Issue the plan first" in page
    with app.app_context():
        assert db.session.scalar(select(HandoutRecord)) is None


def test_a_plan_without_exercises_has_no_exercise_handout(app, client, me):
    with app.app_context():
        plan_id = make_plan(signed_in_user(), exercises=()).id
    response = client.get(f"/plans/{plan_id}/handout", follow_redirects=True)
    assert "This plan has no home exercises" in response.get_data(as_text=True)


def test_a_missing_illustration_gets_a_placeholder(app, client, plan_id):
    with app.app_context():
        item = shipped_item("clam-shell")
        item.details = replace(item.details, illustration="img/exercises/gone.svg")
        db.session.commit()
    page = client.get(f"/plans/{plan_id}/handout").get_data(as_text=True)
    assert "img/exercises/placeholder.svg" in page
    document, _ = _pdf(client, plan_id)
    assert "Clam" in " ".join(_text(document)[1])


def test_hostile_text_is_printed_as_text_and_nothing_is_fetched(app, client, me, monkeypatch):
    with app.app_context():
        plan_id = make_plan(signed_in_user(), note=HOSTILE).id
    page = client.get(f"/plans/{plan_id}/handout").get_data(as_text=True)
    assert "&lt;img src=&#34;http://127.0.0.1:9/x&#34;&gt;" in page
    assert "<script>alert(1)</script>" not in page
    connections = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connections.append(a))
    document, _ = _pdf(client, plan_id)
    text = " ".join(_text(document)[1])
    assert '<img src="http://127.0.0.1:9/x">' in text
    assert "<script>alert(1)</script>" in text
    assert connections == []
    assert b"root:x:0:0" not in document
    assert not PdfReader(io.BytesIO(document)).attachments


def test_prevention_handout_for_a_patient_without_a_plan(app, client, me):
    with app.app_context():
        patient = make_patient(author=signed_in_user(), given_names="Ray", family_name="Cole")
        make_assessment(patient, record=PLAN_RECORD, finalised=True)
        patient_id = patient.id
    page = client.get(f"/patients/{patient_id}/prevention-handout").get_data(as_text=True)
    assert "Ways to help prevent cramps and spasms" in page
    assert "Drink enough through the day" in page
    assert "Your exercise log" not in page
    token = csrf_token_from(page)
    response = client.post(
        f"/patients/{patient_id}/prevention-handout", data={"csrf_token": token, "paper": "a4"}
    )
    assert response.status_code == 302
    document = client.get(response.headers["Location"]).get_data()
    assert "Drink enough through the day" in " ".join(_text(document)[1])


def test_prevention_handout_needs_a_finalised_assessment(app, client, me):
    with app.app_context():
        patient_id = make_patient(author=signed_in_user()).id
    response = client.get(f"/patients/{patient_id}/prevention-handout", follow_redirects=True)
    assert "finalise one first" in response.get_data(as_text=True)


@pytest.fixture
def other_clinics_handout(app, monkeypatch):
    """Another clinic's plan with a handout on record. Its PDF is a stand-in: this is about who
    may reach it, and rendering one for each route would take half a second each."""
    with app.app_context(), monkeypatch.context() as patch:
        patch.setattr(
            handout_services, "render_pdf", lambda *_, **__: RenderedPdf(b"%PDF-1.7 stand-in", 1)
        )
        plan = make_plan(make_user())
        content = handout_services.home_exercise_content(plan.current, therapist=None)
        record = handout_services.issue_handout(
            content, patient=plan.patient, version=plan.current, paper="a4", author=None
        )
        db.session.commit()
        return {"plan": plan.id, "patient": plan.patient_id, "record": record.id}


@pytest.mark.parametrize(
    ("method", "route"),
    [
        ("get", "/plans/{plan}/handout"),
        ("post", "/plans/{plan}/handout"),
        ("get", "/patients/{patient}/prevention-handout"),
        ("post", "/patients/{patient}/prevention-handout"),
        ("get", "/handouts/{record}.pdf"),
    ],
)
def test_another_clinics_handouts_are_404(client, me, other_clinics_handout, method, route):
    token = csrf_token_from(client.get("/patients/new").get_data(as_text=True))
    url = route.format(**other_clinics_handout)
    kwargs = {"data": {"csrf_token": token, "paper": "a4"}} if method == "post" else {}
    assert getattr(client, method)(url, **kwargs).status_code == 404


def test_unknown_paper_is_refused(client, plan_id):
    assert client.get(f"/plans/{plan_id}/handout?paper=a0").status_code == 400


def test_handout_commands(app, runner, tmp_path):
    with app.app_context():
        plan = make_plan(make_user())
        plan_id, patient_id = plan.id, plan.patient_id
    output = tmp_path / "handout.pdf"
    result = runner.invoke(
        args=[
            "handout",
            str(plan_id),
            "--output",
            str(output),
            "--paper",
            "letter",
            "--large-print",
        ]
    )
    assert result.exit_code == 0, result.output
    reader = PdfReader(output)
    assert round(float(reader.pages[0].mediabox[2])) == 612
    result = runner.invoke(
        args=["prevention-handout", str(patient_id), "--output", str(tmp_path / "prevention.pdf")]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        records = db.session.scalars(select(HandoutRecord).order_by(HandoutRecord.id)).all()
        assert [(r.kind, r.paper, r.given_by) for r in records] == [
            ("home_exercise", "letter", "command line"),
            ("prevention", "a4", "command line"),
        ]
    missing = runner.invoke(args=["handout", "4242", "--output", str(tmp_path / "x.pdf")])
    assert missing.exit_code == 1
    assert "There is no plan with id 4242." in missing.output


def test_handout_content_holds_plain_values_only():
    """The template receives no ORM objects: every field is text, a number, a date or a tuple
    of those, or one of the content's own dataclasses."""
    plain = (str, int, bool, date, type(None), Ellipsis)

    def check(cls):
        for name, hint in get_type_hints(cls).items():
            for part in get_args(hint) or (hint,):
                if is_dataclass(part):
                    check(part)
                else:
                    assert part in plain, f"{cls.__name__}.{name}: {part}"

    check(HandoutContent)
