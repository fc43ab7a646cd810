"""Every page shape, as its user meets it in the real Chromium: no serious or critical axe-core
finding (colour contrast, landmarks, labels…) and no sideways scrolling on a phone (390 px) or a
tablet (768 px) — issue 14 points 6 and 7."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from practice.extensions import db
from practice.models import Patient, Role, TreatmentPlan
from tests.factories import (
    DEFAULT_PASSWORD,
    make_assessment,
    make_flag,
    make_outcome_response,
    make_plan,
    make_records_of_every_kind,
    make_user,
    make_visit_note,
)

CLINICIAN, ADMIN = "shapes@ours.example", "admin@ours.example"
SECTION_KEYS = (
    "subjective", "posture", "strength", "mobility", "circulation", "spasms", "lifestyle",
)  # fmt: skip
SERIOUS = {"serious", "critical"}


@dataclass(frozen=True)
class Shape:
    name: str
    url: str
    user: str | None = CLINICIAN  # None: signed out
    # A page reached by posting a form: what is typed into ``url``'s form (label, text), then
    # the button ``press`` names; ``status`` is the answer expected (400: a refused form, shown
    # again with its messages).
    typed: tuple[tuple[str, str], ...] = ()
    press: str = ""
    status: int = 200


def _shapes(ids: dict) -> list[Shape]:
    patient, draft = ids["patient_id"], ids["draft_assessment_id"]
    return [
        Shape("sign-in", "/login", user=None),
        Shape("dashboard", "/"),
        Shape("patient list", "/patients/"),
        Shape("new patient", "/patients/new"),
        Shape("patient page", f"/patients/{patient}"),
        Shape("patient details", f"/patients/{patient}/edit"),
        Shape("draft assessment", f"/assessments/{draft}"),
        *(Shape(f"section {key}", f"/assessments/{draft}/sections/{key}") for key in SECTION_KEYS),
        Shape("finalised assessment", f"/assessments/{ids['assessment_id']}"),
        Shape("comparison", f"/assessments/{draft}/compare"),
        Shape("issued plan", f"/plans/{ids['plan_id']}"),
        Shape("plan builder", f"/plans/{ids['draft_plan_id']}"),
        Shape("handout print page", f"/plans/{ids['plan_id']}/handout"),
        Shape("prevention print page", f"/patients/{patient}/prevention-handout"),
        Shape("letter form", f"/patients/{patient}/letters/new"),
        Shape(
            "letter preview",
            f"/patients/{patient}/letters/new?kind=discharge",
            typed=(("To", "Dr Rhea Patel\nRiverside Surgery"), ("Reason", "Goals met.")),
            press="Preview the letter",
        ),
        Shape("visit note form", f"/patients/{patient}/visits/new"),
        Shape(
            "refused visit note form",
            f"/patients/{patient}/visits/new",
            typed=(("Pain before", "11"),),  # NPRS is 0-10
            press="Save draft",
            status=400,
        ),
        Shape("outcome form (PSFS)", f"/patients/{patient}/outcomes/new"),
        Shape(
            "refused outcome form (PSFS)",
            f"/patients/{patient}/outcomes/new",
            typed=(("Activity 1", "Climbing stairs"), ("Score 1 (0-10)", "11")),
            press="Record",
            status=400,
        ),
        Shape("draft visit note", f"/visits/{ids['note_id']}"),
        Shape("signed visit note", f"/visits/{ids['signed_note_id']}"),
        Shape("catalogue", "/catalogue/"),
        Shape("catalogue item", f"/catalogue/{ids['catalogue_item_id']}"),
        Shape("own password", "/account/password"),
        Shape("clinic settings", "/clinic/settings", user=ADMIN),
        Shape("users", "/clinic/users", user=ADMIN),
        Shape("audit trail", "/clinic/audit", user=ADMIN),
    ]


@pytest.fixture
def shapes(app) -> list[Shape]:
    with app.app_context():
        clinician = make_user(email=CLINICIAN, display_name="Shay Shapes")
        make_user(email=ADMIN, clinic=clinician.clinic, role=Role.ADMIN)
        ids = make_records_of_every_kind(clinician)
        patient = db.session.get(Patient, ids["patient_id"])
        make_flag(patient, kind="metal_implant")  # the longest flag label, in the list too
        for scores, day in (((2, 3, 4), 2), ((5, 6, 8), 30)):  # the outcome charts have lines
            make_outcome_response(patient, scores=scores, recorded_on=date(2026, 3, day))
        ids["draft_assessment_id"] = make_assessment(patient).id
        ids["draft_plan_id"] = make_plan(clinician, issue=False).id
        version = db.session.get(TreatmentPlan, ids["plan_id"]).current
        ids["signed_note_id"] = make_visit_note(version, author=clinician, sign=True).id
        db.session.commit()
    return _shapes(ids)


def _signed_in_page(browser, live_server, user: str | None):
    context = browser.new_context(base_url=live_server, viewport={"width": 390, "height": 900})
    page = context.new_page()
    if user:
        page.goto("/login")
        page.get_by_label("Email").fill(user)
        page.get_by_label("Password").fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: not url.endswith("/login"))
    return context, page


def _serious_axe_findings(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def _sideways_scrolling(page) -> list[str]:
    wider = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                         && !e.closest('.table-responsive, .overflow-auto'))
            .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                             + (e.className && typeof e.className === 'string'
                                ? '.' + e.className.split(' ').join('.') : ''))"""
    )
    scrolls = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    return [f"the page scrolls sideways ({', '.join(wider)})"] if scrolls else []


WIDTHS = (390, 768, 1280)
DESKTOP_AXE = {"sign-in", "dashboard", "users"}
"""The shapes axe also checks at 1280 px: what the desktop shows and the phone does not is the
expanded navbar, the same on every page of a user (none, a clinician, an admin); the contents'
colours and structure are the phone's, checked on every shape at 390 px."""


def _problems_at(page, shape: Shape, width: int) -> list[str]:
    checks = []
    if width < 1280:
        checks.append(_sideways_scrolling)
    if width == 390 or (width == 1280 and shape.name in DESKTOP_AXE):
        checks.append(_serious_axe_findings)
    return [f"{shape.name} at {width} px: {problem}" for check in checks for problem in check(page)]


def test_every_page_shape_passes_axe_and_fits_a_phone_and_a_tablet(browser, live_server, shapes):
    """Each shape is loaded once as its user on a phone, then the window is widened to a tablet
    and a desktop, as a clinician turning a tablet or moving to the desk would see it."""
    problems = []
    for user in dict.fromkeys(shape.user for shape in shapes):
        context, page = _signed_in_page(browser, live_server, user)
        for shape in (shape for shape in shapes if shape.user == user):
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            response = page.goto(shape.url)
            if shape.press:
                for label, text in shape.typed:
                    page.get_by_label(label, exact=True).fill(text)
                with page.expect_navigation() as navigation:
                    page.get_by_role("button", name=shape.press).click()
                response = navigation.value
            assert response is not None, shape.name
            assert response.status == shape.status, (shape.name, response.status)
            if shape.status == 400:  # refused: the form again, with its messages by the fields
                assert page.locator(".invalid-feedback").count(), shape.name
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                problems += _problems_at(page, shape, width)
        context.close()
    assert not problems, "\n".join(problems)
