"""Clinic settings: who may change them, every bad input refused, and what the handouts print."""

from __future__ import annotations

import html
import io
import os

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import func, select

from practice.clinic import logo as clinic_logo
from practice.extensions import db
from practice.models import Clinic, HandoutRecord, User
from tests.conftest import csrf_token_from
from tests.factories import make_clinic, make_plan, make_user
from tests.html_forms import form_values, invalid_fields

ADMIN = "admin@ours.example"
CLINICIAN = "clinician@ours.example"
OTHER_ADMIN = "admin@theirs.example"
SETTINGS = "/clinic/settings"
SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'
DETAILS = {
    "name": "Riverside Physiotherapy",
    "address": "Unit 4, Mill Lane\r\nRiverside\r\nRV1 2AB",
    "phone": "+44 (0)20 7946 0123",
    "email": "hello@riverside.example",
    "registration_line": "Registered with the HCPC",
}


def png(width: int = 40, height: int = 20, *, noise: bool = False) -> bytes:
    image = (
        Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
        if noise
        else Image.new("RGB", (width, height), "teal")
    )
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def svg(inner: str = '<circle cx="10" cy="10" r="8"/>', *, prolog: str = "") -> bytes:
    return f'{prolog}<svg {SVG_NS} viewBox="0 0 40 20">{inner}</svg>'.encode()


GOOD_SVG = svg(
    '<defs><linearGradient id="g"><stop offset="0" stop-color="teal"/></linearGradient>'
    '<path id="p" d="M0 0h10v10z"/></defs>'
    '<rect width="40" height="20" style="fill: url(#g)"/><use href="#p"/>'
    '<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="#p" x="20"/>'
)
OLD_LOGO = png(8, 8)


@pytest.fixture
def ours(app):
    """Our clinic, with an admin and a clinician, and a logo already set; returns its id."""
    with app.app_context():
        clinic = make_clinic(name="Ours", address="1 High Street", registration_line="")
        clinic.logo, clinic.logo_media_type = OLD_LOGO, "image/png"
        make_user(email=ADMIN, role="admin", clinic=clinic, display_name="Sam Admin")
        make_user(email=CLINICIAN, clinic=clinic, display_name="Alex Clinician")
        db.session.commit()
        return clinic.id


@pytest.fixture
def admin(ours, auth):
    auth.login(ADMIN)
    return ours


def _clinic(app, clinic_id: int) -> Clinic:
    with app.app_context():
        clinic = db.session.get(Clinic, clinic_id)
        clinic.logo  # noqa: B018  (loads the deferred column while the session is open)
        return clinic


def _settings_form(client) -> dict[str, str]:
    page = client.get(SETTINGS)
    assert page.status_code == 200
    return form_values(page.get_data(as_text=True), "clinic-form")


def _post(client, changes: dict, *, logo: tuple[bytes, str] | None = None):
    data = _settings_form(client) | changes
    if logo is not None:
        data["logo"] = (io.BytesIO(logo[0]), logo[1])
    return client.post(SETTINGS, data=data, content_type="multipart/form-data")


def test_an_admin_changes_every_field_and_the_logo(app, client, admin):
    response = _post(client, DETAILS, logo=(png(), "new-logo.png"))

    assert response.status_code == 302
    clinic = _clinic(app, admin)
    assert clinic.name == DETAILS["name"]
    assert clinic.address == "Unit 4, Mill Lane\nRiverside\nRV1 2AB"
    assert (clinic.phone, clinic.email) == (DETAILS["phone"], DETAILS["email"])
    assert clinic.registration_line == DETAILS["registration_line"]
    assert (clinic.logo, clinic.logo_media_type) == (png(), "image/png")
    shown = form_values(client.get(SETTINGS).get_data(as_text=True), "clinic-form")
    assert shown["name"] == DETAILS["name"]
    assert shown["address"] == clinic.address
    logo = client.get("/clinic/logo")
    assert (logo.status_code, logo.mimetype, logo.data) == (200, "image/png", png())


def test_a_safe_svg_logo_with_internal_references_is_kept(app, client, admin):
    assert _post(client, {}, logo=(GOOD_SVG, "logo.svg")).status_code == 302

    clinic = _clinic(app, admin)
    assert (clinic.logo, clinic.logo_media_type) == (GOOD_SVG, "image/svg+xml")
    served = client.get("/clinic/logo")
    assert served.mimetype == "image/svg+xml"
    assert "default-src 'none'" in served.headers["Content-Security-Policy"]
    assert served.headers["X-Content-Type-Options"] == "nosniff"


def test_remove_logo_clears_it_and_keeps_the_rest(app, client, admin):
    assert _post(client, {"remove_logo": "y"}).status_code == 302

    clinic = _clinic(app, admin)
    assert (clinic.logo, clinic.logo_media_type) == (None, None)
    assert clinic.address == "1 High Street"
    assert client.get("/clinic/logo").status_code == 404


def test_no_new_file_keeps_the_logo(app, client, admin):
    assert _post(client, {"phone": "01632 960000"}).status_code == 302

    clinic = _clinic(app, admin)
    assert clinic.phone == "01632 960000"
    assert clinic.logo == OLD_LOGO


BAD_FIELDS = {
    "name too long": ({"name": "N" * 121}, "name", "120 characters or fewer"),
    "name empty": ({"name": "  "}, "name", "Enter the clinic&#39;s name."),
    "address too long": ({"address": "A" * 501}, "address", "500 characters or fewer"),
    "address of too many lines": ({"address": "a\nb\nc\nd\ne\nf\ng"}, "address", "6 lines"),
    "phone with letters": ({"phone": "call reception"}, "phone", "Enter a phone number"),
    "phone too long": ({"phone": "0" * 41}, "phone", "40 characters or fewer"),
    "bad e-mail": ({"email": "reception@"}, "email", "Enter a valid e-mail address."),
    "registration line too long": (
        {"registration_line": "R" * 201},
        "registration_line",
        "200 characters or fewer",
    ),
}


@pytest.mark.parametrize(("changes", "field", "message"), BAD_FIELDS.values(), ids=BAD_FIELDS)
def test_a_bad_field_is_refused_with_everything_typed_kept(
    app, client, admin, changes, field, message
):
    typed = DETAILS | changes
    response = _post(client, typed, logo=(png(), "logo.png"))

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert invalid_fields(page) == {field}
    assert "Choose the logo file again" in page
    kept = form_values(page, "clinic-form")
    for name, value in typed.items():
        assert kept[name] == value.replace("\r\n", "\n").strip(), name
    clinic = _clinic(app, admin)
    assert (clinic.name, clinic.address, clinic.phone) == ("Ours", "1 High Street", "020 7946 0000")
    assert clinic.logo == OLD_LOGO


BAD_LOGOS = {
    "too large": (png(400, 400, noise=True), "The file is larger than 256 KB"),
    "too many pixels": (png(2001, 10), "2001 × 10 pixels"),
    "not an image": (b"Just some words, not a picture.", "not a PNG or SVG image"),
    "empty file": (b"", "The file is empty"),
    "png with the wrong magic": (b"\x89PNX" + png()[4:], "not a PNG or SVG image"),
    "truncated png": (png()[:60], "This PNG file is damaged"),
    "jpeg named png": (b"\xff\xd8\xff\xe0" + b"\0" * 100, "This file is a JPEG photo"),
    "svg with a script": (svg("<script>alert(1)</script>"), "holds a script"),
    "svg with onload": (
        f'<svg {SVG_NS} onload="alert(1)"><rect width="5" height="5"/></svg>'.encode(),
        "event attribute (onload)",
    ),
    "svg with an event on a child": (svg('<rect onClick="x()"/>'), "event attribute (onClick)"),
    "svg with an external href": (
        svg('<image href="https://tracker.example/pixel.png" width="5" height="5"/>'),
        "refers to something outside the logo (https://tracker.example/pixel.png)",
    ),
    "svg with an external xlink:href": (
        svg('<image xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="file:///etc/passwd"/>'),
        "outside the logo (file:///etc/passwd)",
    ),
    "svg with a data url": (
        svg('<image href="data:image/png;base64,AAAA"/>'),
        "outside the logo (data:image/png;base64,AAAA)",
    ),
    "svg with a css url": (
        svg('<rect style="fill: url(http://x.example/a.svg#p)"/>'),
        "outside the logo (http://x.example/a.svg#p)",
    ),
    "svg with a style import": (
        svg("<style>@import 'http://x.example/s.css';</style>"),
        "@import",
    ),
    "svg with a foreignObject": (
        svg("<foreignObject><p>hi</p></foreignObject>"),
        "holds a foreignObject",
    ),
    "svg with an animation": (
        svg('<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>'),
        "holds an animation",
    ),
    "svg with a doctype entity": (
        svg(
            "<text>&xxe;</text>",
            prolog='<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        ),
        "declares a DOCTYPE or entities",
    ),
    "svg with a style sheet instruction": (
        svg(prolog='<?xml-stylesheet href="http://x.example/s.css"?>'),
        "processing instruction",
    ),
    "svg without its namespace": (b"<svg><rect/></svg>", "lacks its namespace"),
    "xml that is not svg": (b"<html><body/></html>", "XML but not an SVG image"),
    "broken xml": (b"<svg " + SVG_NS.encode() + b"><rect></svg>", "well-formed SVG"),
}


@pytest.mark.parametrize(("data", "message"), BAD_LOGOS.values(), ids=BAD_LOGOS)
def test_a_bad_logo_is_refused_and_the_previous_logo_stays(app, client, admin, data, message):
    response = _post(client, DETAILS, logo=(data, "logo.png"))

    assert response.status_code == 400
    page = response.get_data(as_text=True).replace("&#39;", "'").replace("&amp;", "&")
    assert message in page
    assert invalid_fields(page) == {"logo"}
    assert form_values(page, "clinic-form")["name"] == DETAILS["name"]
    clinic = _clinic(app, admin)
    assert (clinic.logo, clinic.logo_media_type) == (OLD_LOGO, "image/png")
    assert clinic.name == "Ours"


def test_the_logo_checks_name_what_they_refuse():
    """Every refused SVG above fails for its own reason, not for being unparseable."""
    for name, (data, message) in BAD_LOGOS.items():
        with pytest.raises(clinic_logo.LogoError) as refused:
            clinic_logo.checked_logo(data)
        assert message in str(refused.value), name
    assert clinic_logo.checked_logo(GOOD_SVG).media_type == "image/svg+xml"


def test_a_new_logo_and_remove_together_are_refused(app, client, admin):
    response = _post(client, {"remove_logo": "y"}, logo=(png(), "logo.png"))

    assert response.status_code == 400
    assert "not both" in response.get_data(as_text=True)
    assert _clinic(app, admin).logo == OLD_LOGO


def test_another_clinics_name_is_refused(app, client, admin):
    with app.app_context():
        make_clinic(name="Theirs")

    response = _post(client, {"name": "Theirs"})

    assert response.status_code == 400
    assert "Another clinic already has this name" in response.get_data(as_text=True)


def test_an_upload_over_the_request_limit_says_so_and_keeps_the_logo(
    app, client, admin, monkeypatch
):
    # A lower request limit than the app's 2 MB keeps the test's request body in memory.
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 100 * 1024)
    response = _post(client, DETAILS, logo=(b"\x89PNG" + b"\0" * (200 * 1024), "big.png"))

    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "far too large, so nothing was saved" in page
    assert _clinic(app, admin).logo == OLD_LOGO


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_clinician_gets_403(app, client, auth, ours, method):
    auth.login(CLINICIAN)
    token = csrf_token_from(client.get("/patients/new").get_data(as_text=True))
    kwargs = {"data": {"csrf_token": token} | DETAILS} if method == "post" else {}

    assert getattr(client, method)(SETTINGS, **kwargs).status_code == 403
    assert _clinic(app, ours).name == "Ours"


def test_a_clinician_cannot_change_a_therapists_details(app, client, auth, ours):
    auth.login(CLINICIAN)
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == CLINICIAN))
    token = csrf_token_from(client.get("/patients/new").get_data(as_text=True))
    data = {"csrf_token": token, f"user-{user_id}-display_name": "Me"}

    assert client.post(f"/clinic/users/{user_id}", data=data).status_code == 403
    with app.app_context():
        assert db.session.get(User, user_id).display_name == "Alex Clinician"


def test_a_visitor_is_sent_to_sign_in(client, ours):
    for url in (SETTINGS, "/clinic/logo"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


def test_only_admins_see_the_settings_link(client, auth, ours):
    auth.login(CLINICIAN)
    assert SETTINGS not in client.get("/").get_data(as_text=True)
    auth.logout()
    auth.login(ADMIN)
    assert SETTINGS in client.get("/").get_data(as_text=True)


def test_another_clinics_admin_sees_and_changes_only_their_own(app, client, auth, ours):
    with app.app_context():
        theirs = make_clinic(name="Theirs", address="9 Far Road")
        make_user(email=OTHER_ADMIN, role="admin", clinic=theirs)
        our_clinician = db.session.scalar(select(User).where(User.email == CLINICIAN))
        theirs_id, clinician_id = theirs.id, our_clinician.id
    auth.login(OTHER_ADMIN)

    page = client.get(SETTINGS).get_data(as_text=True)
    assert "9 Far Road" in page
    assert "1 High Street" not in page
    assert CLINICIAN not in page
    assert client.get("/clinic/logo").status_code == 404  # theirs has none; ours is not served
    assert _post(client, {"address": "10 Far Road"}).status_code == 302
    token = csrf_token_from(client.get(SETTINGS).get_data(as_text=True))
    stolen = client.post(
        f"/clinic/users/{clinician_id}",
        data={
            "csrf_token": token,
            f"user-{clinician_id}-display_name": "Renamed",
            f"user-{clinician_id}-registration_number": "X",
        },
    )
    assert stolen.status_code == 404
    assert _clinic(app, theirs_id).address == "10 Far Road"
    assert _clinic(app, ours).address == "1 High Street"
    with app.app_context():
        assert db.session.get(User, clinician_id).display_name == "Alex Clinician"


def test_the_logo_route_serves_only_the_signed_in_users_clinic(app, client, auth, ours):
    with app.app_context():
        theirs = make_clinic(name="Theirs")
        theirs.logo, theirs.logo_media_type = GOOD_SVG, "image/svg+xml"
        make_user(email=OTHER_ADMIN, role="admin", clinic=theirs)
        db.session.commit()
    auth.login(CLINICIAN)
    assert client.get("/clinic/logo").data == OLD_LOGO
    auth.logout()
    auth.login(OTHER_ADMIN)
    assert client.get("/clinic/logo").data == GOOD_SVG


def _therapist_form(client, user_id: int) -> dict[str, str]:
    return form_values(client.get(SETTINGS).get_data(as_text=True), f"user-form-{user_id}")


def test_an_admin_sets_a_therapists_registration_number(app, client, admin):
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == CLINICIAN))
    data = _therapist_form(client, user_id) | {f"user-{user_id}-registration_number": "PH123456"}

    assert client.post(f"/clinic/users/{user_id}", data=data).status_code == 302
    with app.app_context():
        assert db.session.get(User, user_id).registration_number == "PH123456"

    data[f"user-{user_id}-registration_number"] = "P" * 41
    refused = client.post(f"/clinic/users/{user_id}", data=data)
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "40 characters or fewer" in page
    assert invalid_fields(page) == {f"user-{user_id}-registration_number"}
    assert form_values(page, f"user-form-{user_id}")[f"user-{user_id}-registration_number"] == (
        "P" * 41
    )
    with app.app_context():
        assert db.session.get(User, user_id).registration_number == "PH123456"


def _issue(client, plan_id: int):
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    return client.post(
        f"/plans/{plan_id}/handout", data={"csrf_token": csrf_token_from(page), "paper": "a4"}
    )


def _pdf_text_and_images(client, plan_id: int) -> tuple[str, list[tuple[int, int]]]:
    response = _issue(client, plan_id)
    assert response.status_code == 302, response.get_data(as_text=True)
    reader = PdfReader(io.BytesIO(client.get(response.headers["Location"]).data))
    text = " ".join(reader.pages[0].extract_text().split())
    return text, [image.image.size for image in reader.pages[0].images]


def test_the_handout_pdf_prints_the_clinic_and_the_therapist(app, client, admin, auth):
    assert _post(client, DETAILS, logo=(png(), "logo.png")).status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == CLINICIAN))
        user.registration_number = "PH654321"
        plan_id = make_plan(user).id
    auth.logout()
    auth.login(CLINICIAN)  # the admin set the details; a clinician gives the handout

    text, images = _pdf_text_and_images(client, plan_id)

    for printed in (
        DETAILS["name"],
        "Unit 4, Mill Lane Riverside RV1 2AB",
        "Phone: +44 (0)20 7946 0123",
        "E-mail: hello@riverside.example",
        "Registered with the HCPC",
        "from Alex Clinician (registration number PH654321)",
    ):
        assert printed in text
    assert (40, 20) in images  # the logo, served to the renderer from memory


def test_the_print_pages_of_both_handouts_show_the_clinic_header(app, client, admin, auth):
    assert _post(client, DETAILS, logo=(GOOD_SVG, "logo.svg")).status_code == 302
    with app.app_context():
        plan = make_plan(db.session.scalar(select(User).where(User.email == CLINICIAN)))
        plan_id, patient_id = plan.id, plan.patient_id
    auth.logout()
    auth.login(CLINICIAN)

    for url in (f"/plans/{plan_id}/handout", f"/patients/{patient_id}/prevention-handout"):
        page = client.get(url).get_data(as_text=True)
        assert "Registered with the HCPC" in page
        assert "<p>Riverside</p>" in page
        logo_url = page.split('class="clinic-logo" src="', 1)[1].split('"', 1)[0]
        assert client.get(logo_url.replace("&amp;", "&")).data == GOOD_SVG


@pytest.fixture
def unset(app):
    """A clinic with no address, phone or e-mail, its admin and clinician, and an issued plan."""
    with app.app_context():
        clinic = make_clinic(name="New Clinic", address="", phone="", email="")
        make_user(email=ADMIN, role="admin", clinic=clinic)
        clinician = make_user(email=CLINICIAN, clinic=clinic)
        plan = make_plan(clinician)
        return {"plan": plan.id, "patient": plan.patient_id}


HANDOUT_PAGES = (
    "/plans/{plan}",
    "/patients/{patient}",
    "/plans/{plan}/handout",
    "/patients/{patient}/prevention-handout",
)


@pytest.mark.parametrize(
    ("email", "invitation", "pages"),
    [
        # The admin sees no clinical page, only the patient's, and is sent to the settings.
        (ADMIN, 'href="/clinic/settings"', HANDOUT_PAGES[1:2]),
        (CLINICIAN, "Ask your clinic's admin", HANDOUT_PAGES),
    ],
)
def test_a_clinic_without_settings_is_prompted_on_every_handout_page(
    client, auth, unset, email, invitation, pages
):
    auth.login(email)
    for url in (page.format(**unset) for page in pages):
        page = html.unescape(client.get(url).get_data(as_text=True))
        assert 'data-testid="clinic-details-missing"' in page, url
        assert "the clinic's address and a phone number or e-mail" in page, url
        assert invitation in page, url
        assert "Example Street" not in page
    if email == CLINICIAN:
        print_page = client.get(f"/plans/{unset['plan']}/handout").get_data(as_text=True)
        assert "Give this handout as a PDF" not in print_page


def test_no_pdf_is_given_without_a_phone_or_e_mail(app, client, auth, unset):
    auth.login(CLINICIAN)

    response = _issue(client, unset["plan"])

    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Add the clinic&#39;s phone number or e-mail in the clinic settings" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(HandoutRecord)) == 0


def test_an_e_mail_alone_is_enough_to_give_the_pdf_with_a_prompt_for_the_address(
    app, client, auth, unset
):
    with app.app_context():
        clinic = db.session.scalar(select(Clinic).where(Clinic.name == "New Clinic"))
        clinic.email = "desk@new.example"
        db.session.commit()
    auth.login(CLINICIAN)

    page = client.get(f"/plans/{unset['plan']}").get_data(as_text=True)
    assert "Handouts lack the clinic&#39;s address." in page
    text, _ = _pdf_text_and_images(client, unset["plan"])
    assert "E-mail: desk@new.example" in text
