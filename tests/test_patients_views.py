import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from practice.clinical.screening import TreatmentSite
from practice.clinical.vocabulary import BodyRegion, FlagKind, Side
from practice.extensions import db
from practice.models import Consent, Patient, PatientFlag
from practice.models.patient import PatientFlagRegion
from tests.conftest import csrf_token_from
from tests.factories import PLAN_RECORD, make_assessment, make_flag, make_patient, make_user
from tests.html_forms import form_values


@pytest.fixture
def clinician(app):
    with app.app_context():
        return make_user(email="me@ours.example").email


@pytest.fixture
def signed_in(clinician, auth):
    auth.login(clinician)
    return clinician


def _post_form(client, page_url, action_url, data, follow_redirects=False):
    token = csrf_token_from(client.get(page_url).get_data(as_text=True))
    return client.post(
        action_url, data=data | {"csrf_token": token}, follow_redirects=follow_redirects
    )


def _my_patient(app, email="me@ours.example", **overrides):
    with app.app_context():
        from practice.models import User

        me = db.session.scalar(select(User).where(User.email == email))
        return make_patient(author=me, **overrides).id


def _count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


NEW_PATIENT = {
    "given_names": "Mary Ann",
    "family_name": "O'Neill",
    "date_of_birth": "1956-03-14",
    "sex": "female",
    "phone": "01234 555123",
    "email": "mary@example.org",
    "address": "2 High Street",
    "referrer": "Dr Jones",
    "general_practitioner": "Dr Jones, Riverside Surgery",
    "occupation": "Retired teacher",
    "activity_level": "light",
    "medications": "Warfarin 3 mg\nAtorvastatin",
}


def test_create_patient_and_see_the_patient_page(app, client, signed_in):
    response = _post_form(client, "/patients/new", "/patients/new", NEW_PATIENT)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Mary Ann O&#39;Neill added." in page
    assert "14 Mar 1956" in page
    assert "Warfarin 3 mg" in page
    with app.app_context():
        patient = db.session.scalar(select(Patient))
        assert patient.created_by.email == signed_in
        assert patient.activity_level == "light"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "date_of_birth",
            (date.today() + timedelta(days=1)).isoformat(),
            "cannot be in the future",
        ),
        ("date_of_birth", "1850-01-01", "before 1900"),
        ("date_of_birth", "14/03/1956x", "Not a valid date value."),
        ("given_names", "", "Enter the patient&#39;s given names."),
        ("family_name", "x" * 121, "Keep this to 120 characters or fewer."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("sex", "robot", "Not a valid choice."),
    ],
)
def test_bad_patient_input_is_explained_and_nothing_is_saved(
    app, client, signed_in, field, value, message
):
    response = _post_form(client, "/patients/new", "/patients/new", NEW_PATIENT | {field: value})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert "Retired teacher" in page  # everything typed is still there
    assert _count(app, Patient) == 0


def _edit_form(client, url) -> dict[str, str]:
    return form_values(client.get(url).get_data(as_text=True), "patient-form")


def test_edit_patient(app, client, signed_in):
    patient_id = _my_patient(app)
    url = f"/patients/{patient_id}/edit"
    response = client.post(url, data=_edit_form(client, url) | {"occupation": "Gardener"})
    assert response.status_code == 302
    assert "Gardener" in client.get(f"/patients/{patient_id}").get_data(as_text=True)


def test_two_people_editing_one_patient_lose_neither_change(app, client, signed_in):
    """Both open the form; the first saves a new phone number; the second's save is refused
    with what they typed kept and the first change shown; saving again is their choice."""
    patient_id = _my_patient(app)
    url = f"/patients/{patient_id}/edit"
    first, second = _edit_form(client, url), _edit_form(client, url)
    assert client.post(url, data=first | {"phone": "020 7946 0999"}).status_code == 302

    refused = client.post(url, data=second | {"occupation": "Gardener"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "someone else changed these details while you were editing" in page
    assert "Phone: 020 7946 0999" in page  # what was saved meanwhile
    assert 'value="Gardener"' in page  # what they typed
    with app.app_context():
        saved = db.session.get(Patient, patient_id)
        assert (saved.phone, saved.occupation) == ("020 7946 0999", "")

    again = form_values(page, "patient-form")
    assert client.post(url, data=again).status_code == 302
    with app.app_context():
        assert db.session.get(Patient, patient_id).occupation == "Gardener"


def test_bad_search_date_is_explained(client, signed_in):
    response = client.get("/patients/?dob=yesterday")
    assert response.status_code == 400
    assert "Not a valid date value." in response.get_data(as_text=True)


def test_list_shows_only_my_clinics_patients(app, client, signed_in):
    _my_patient(app, family_name="Ours")
    with app.app_context():
        make_patient(family_name="Theirs")
    page = client.get("/patients/").get_data(as_text=True)
    assert "Ours" in page
    assert "Theirs" not in page


FLAG = {
    "flag-kind": "dvt",
    "flag-regions": "lower_leg",
    "flag-side": "left",
    "flag-detail": "Suspected: calf swelling 4 cm",
    "flag-recorded_on": date.today().isoformat(),
}


def _flag_data(changes: dict) -> dict:
    """FLAG with ``changes``; a change to None leaves the field out, as an unticked box is."""
    return {key: value for key, value in (FLAG | changes).items() if value is not None}


@pytest.mark.parametrize(
    ("asked", "link", "form"),
    [("flag", "Add a flag", "/flags"), ("consent", "Record consent", "/consents")],
)
def test_the_add_forms_are_written_when_asked_for(app, client, signed_in, asked, link, form):
    """The patient page links to each add form; the page asked with ?add= has it in place of
    the link (forms.js puts it there without leaving the page)."""
    url = f"/patients/{_my_patient(app)}"
    plain = client.get(url).get_data(as_text=True)
    assert f'data-fetch-into="add-{asked}"' in plain
    assert f">{link}</a>" in plain
    assert f'action="{url}{form}"' not in plain
    filled = client.get(f"{url}?add={asked}").get_data(as_text=True)
    assert f'action="{url}{form}"' in filled
    assert f'data-fetch-into="add-{asked}"' not in filled


def test_add_a_flag_with_its_site(app, client, signed_in):
    patient_id = _my_patient(app)
    url = f"/patients/{patient_id}"
    response = _post_form(client, url, f"{url}/flags", FLAG, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Flag added." in page
    assert "Suspected or confirmed DVT or thrombophlebitis" in page
    assert "Lower leg (calf and shin) (left)" in page
    with app.app_context():
        flag = db.session.scalar(select(PatientFlag))
        assert (flag.kind, flag.regions, flag.side) == ("dvt", ("lower_leg",), "left")


def test_a_flag_records_every_region_it_covers_in_body_order(app, client, signed_in):
    patient_id = _my_patient(app)
    url = f"/patients/{patient_id}"
    data = _flag_data(
        {"flag-kind": "local_infection_or_wound", "flag-regions": ["wrist_hand", "forearm"]}
    )
    response = _post_form(client, url, f"{url}/flags", data, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Local infection or open wound" in page
    assert "Forearm, Wrist and hand (left)" in page
    with app.app_context():
        flag = db.session.scalar(select(PatientFlag))
        assert flag.regions == ("forearm", "wrist_hand")


LIMB_WITHOUT_SIDE = "The lower leg has a side: choose left, right or bilateral."


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"flag-regions": None}, "This flag needs the body region it applies to."),
        ({"flag-side": ""}, "This flag needs its side"),
        ({"flag-side": "sideways"}, "Not a valid choice."),
        ({"flag-regions": ["lower_leg", "tail"]}, "&#39;tail&#39; is not a valid choice"),
        ({"flag-regions": "whole_body"}, "&#39;whole_body&#39; is not a valid choice"),
        (
            {"flag-kind": "local_infection_or_wound", "flag-regions": "lower_back"},
            "The lower back has no left or right side: choose Not applicable.",
        ),
        (
            {"flag-kind": "skin_rash_or_dermatitis", "flag-regions": ["abdomen", "pelvis"]},
            "The abdomen and pelvis have no left or right side",
        ),
        ({"flag-side": "not_applicable"}, LIMB_WITHOUT_SIDE),
        (
            {"flag-regions": ["lower_back", "lower_leg"], "flag-side": "not_applicable"},
            LIMB_WITHOUT_SIDE,
        ),
        ({"flag-kind": "pregnancy", "flag-regions": None, "flag-side": ""}, "Enter the trimester"),
        (
            {"flag-kind": "epilepsy", "flag-trimester": "2"},
            "A trimester belongs only to a pregnancy",
        ),
        ({"flag-kind": "pregnancy", "flag-trimester": "4"}, "The trimester is 1, 2 or 3."),
        ({"flag-high_risk": "y"}, "High risk belongs only to a pregnancy flag."),
        (
            {"flag-kind": "technique_declined", "flag-regions": None, "flag-side": ""},
            "Choose the technique the patient declines.",
        ),
        ({"flag-technique": "massage"}, "A technique belongs only to a declined-technique flag."),
        ({"flag-technique": "reiki"}, "Not a valid choice."),
        ({"flag-kind": "high_risk_pregnancy"}, "Not a valid choice."),  # read, not recorded
        ({"flag-kind": ""}, "Choose a flag."),
        ({"flag-kind": "werewolf"}, "Not a valid choice."),
        ({"flag-recorded_on": "2999-01-01"}, "This date cannot be in the future."),
    ],
)
def test_bad_flag_input_is_explained_and_nothing_is_saved(app, client, signed_in, changes, message):
    patient_id = _my_patient(app)
    url = f"/patients/{patient_id}"
    response = _post_form(client, url, f"{url}/flags", _flag_data(changes))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert "Suspected: calf swelling 4 cm" in page
    assert _count(app, PatientFlag) == 0


def test_a_refused_flag_keeps_the_ticked_regions(app, client, signed_in):
    patient_id = _my_patient(app)
    url = f"/patients/{patient_id}"
    data = _flag_data({"flag-regions": ["thigh", "knee"], "flag-side": "not_applicable"})
    page = _post_form(client, url, f"{url}/flags", data).get_data(as_text=True)
    assert "The thigh and knee have a side" in page
    assert _ticked(page) == {"thigh", "knee"}


def _ticked(page: str) -> set[str]:
    """The region checkboxes the page shows ticked."""
    boxes = re.findall(r'<input[^>]*name="flag-regions"[^>]*>', page)
    return {re.search(r'value="([^"]+)"', box).group(1) for box in boxes if "checked" in box}


def test_a_flag_posted_without_the_csrf_token_is_refused(app, client, signed_in):
    patient_id = _my_patient(app)
    response = client.post(f"/patients/{patient_id}/flags", data=FLAG)
    assert response.status_code == 400
    assert _count(app, PatientFlag) == 0


def test_pregnancy_flag_records_the_trimester_and_risk(app, client, signed_in):
    patient_id = _my_patient(app)
    url = f"/patients/{patient_id}"
    data = _flag_data(
        {
            "flag-kind": "pregnancy",
            "flag-regions": None,
            "flag-side": "",
            "flag-trimester": "1",
            "flag-high_risk": "y",
        }
    )
    assert _post_form(client, url, f"{url}/flags", data).status_code == 302
    assert "trimester 1 · high-risk" in client.get(url).get_data(as_text=True)
    with app.app_context():
        flag = db.session.scalar(select(PatientFlag))
        assert (flag.trimester, flag.high_risk) == (1, True)


def test_a_declined_technique_is_recorded_with_the_technique(app, client, signed_in):
    patient_id = _my_patient(app)
    url = f"/patients/{patient_id}"
    data = _flag_data(
        {
            "flag-kind": "technique_declined",
            "flag-regions": None,
            "flag-side": "",
            "flag-technique": "dry_needling",
        }
    )
    assert _post_form(client, url, f"{url}/flags", data).status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "<strong>Declines a technique (patient unwilling)</strong>" in page
    assert "· Dry needling" in page


def test_the_record_export_lists_each_flags_regions_risk_and_technique(app, client, signed_in):
    patient_id = _my_patient(app)
    with app.app_context():
        patient = db.session.get(Patient, patient_id)
        make_flag(patient, kind="lymphoedema", regions=["upper_arm", "forearm"], side="right")
        make_flag(patient, kind="pregnancy", trimester=1, high_risk=True)
        make_flag(patient, kind="technique_declined", technique="tens")
    record = client.get(f"/patients/{patient_id}/export.json").get_json()
    assert record["format"] == "practice.patient-record/4"
    flags = {flag["kind"]: flag for flag in record["flags"]}
    assert flags["lymphoedema"]["regions"] == ["upper_arm", "forearm"]
    assert flags["lymphoedema"]["side"] == "right"
    assert (flags["pregnancy"]["trimester"], flags["pregnancy"]["high_risk"]) == (1, True)
    assert flags["technique_declined"]["technique"] == "tens"
    assert flags["technique_declined"]["regions"] == []


def _screened(app, patient_id: int) -> list:
    """The patient's recorded flags as the plan builder screens them."""
    from practice.plans.services import patient_flags

    with app.app_context():
        patient = db.session.get(Patient, patient_id)
        assessment = make_assessment(patient, record=PLAN_RECORD, finalised=True)
        recorded = {FlagKind(flag.kind) for flag in patient.current_flags}
        return [flag for flag in patient_flags(assessment) if flag.kind in recorded]


def test_screening_reads_every_region_of_a_stored_flag(app, signed_in):
    patient_id = _my_patient(app)
    with app.app_context():
        make_flag(
            db.session.get(Patient, patient_id),
            kind="lymphoedema",
            regions=["wrist_hand", "upper_arm", "forearm"],
            side="right",
        )
    (flag,) = _screened(app, patient_id)
    assert flag.site == TreatmentSite(BodyRegion.UPPER_ARM, Side.RIGHT)
    assert flag.more_regions == (BodyRegion.FOREARM, BodyRegion.WRIST_HAND)


@pytest.mark.parametrize(
    ("regions", "side", "expected"),
    [
        # written outside the app: a region it cannot read covers the whole body
        (["not_a_region"], "left", ((BodyRegion.WHOLE_BODY,), Side.LEFT)),
        (["knee", "not_a_region"], "left", ((BodyRegion.KNEE, BodyRegion.WHOLE_BODY), Side.LEFT)),
        (["knee"], "sideways", ((BodyRegion.KNEE,), Side.BILATERAL)),  # a side it cannot read
        (["knee", "thigh"], "left", ((BodyRegion.THIGH, BodyRegion.KNEE), Side.LEFT)),
    ],
)
def test_a_stored_site_that_cannot_be_read_is_screened_wider_never_dropped(
    app, signed_in, regions, side, expected
):
    patient_id = _my_patient(app)
    with app.app_context():
        flag = make_flag(
            db.session.get(Patient, patient_id), kind="recent_fracture", region="knee", side="left"
        )
        db.session.execute(
            PatientFlagRegion.__table__.delete().where(PatientFlagRegion.flag_id == flag.id)
        )
        db.session.execute(
            PatientFlagRegion.__table__.insert(),
            [{"flag_id": flag.id, "region": region} for region in regions],
        )
        db.session.execute(
            PatientFlag.__table__.update().where(PatientFlag.id == flag.id).values(side=side)
        )
        db.session.commit()
    (screened,) = _screened(app, patient_id)
    assert ((screened.site.region, *screened.more_regions), screened.site.side) == expected


def test_a_declined_technique_that_cannot_be_read_is_read_as_any_technique(app, signed_in):
    patient_id = _my_patient(app)
    with app.app_context():
        make_flag(db.session.get(Patient, patient_id), kind="technique_declined", technique="reiki")
    (screened,) = _screened(app, patient_id)
    assert screened.kind is FlagKind.TECHNIQUE_DECLINED
    assert screened.technique is None


def test_resolving_a_flag_keeps_it_on_the_record(app, client, signed_in):
    patient_id = _my_patient(app)
    with app.app_context():
        flag_id = make_flag(
            db.session.get(Patient, patient_id), kind="dvt", region="lower_leg", side="left"
        ).id
    url = f"/patients/{patient_id}/flags/{flag_id}/resolve"
    data = {"resolved_on": date.today().isoformat(), "resolution_note": "Duplex scan negative"}
    assert _post_form(client, url, url, data).status_code == 302
    page = client.get(f"/patients/{patient_id}").get_data(as_text=True)
    assert "Duplex scan negative" in page
    assert "Flag recorded: Suspected or confirmed DVT or thrombophlebitis — resolved" in page
    again = _post_form(client, url, url, data)
    assert again.status_code == 400
    assert "This flag was already resolved." in again.get_data(as_text=True)


def test_a_flag_cannot_be_resolved_before_it_was_recorded(app, client, signed_in):
    patient_id = _my_patient(app)
    with app.app_context():
        flag_id = make_flag(db.session.get(Patient, patient_id), recorded_on=date(2026, 1, 5)).id
    url = f"/patients/{patient_id}/flags/{flag_id}/resolve"
    data = {"resolved_on": "2025-12-31", "resolution_note": "Typo"}
    response = _post_form(client, url, url, data)
    assert response.status_code == 400
    assert "cannot be resolved before" in response.get_data(as_text=True)


CONSENT = {
    "consent-subject": "dry_needling",
    "consent-consent_type": "written",
    "consent-scope": "course",
    "consent-given_by": "patient",
    "consent-capacity_confirmed": "y",
    "consent-risks_discussed": "Bruising, soreness, fainting, pneumothorax (rare)",
    "consent-given_on": date.today().isoformat(),
}


def test_record_and_withdraw_consent(app, client, signed_in):
    patient_id = _my_patient(app)
    url = f"/patients/{patient_id}"
    page = _post_form(client, url, f"{url}/consents", CONSENT, follow_redirects=True).get_data(
        as_text=True
    )
    assert "Consent recorded." in page
    assert "Dry needling" in page
    with app.app_context():
        consent_id = db.session.scalar(select(Consent.id))
    data = {"withdraw-withdrawn_on": date.today().isoformat()}
    response = _post_form(
        client, url, f"{url}/consents/{consent_id}/withdraw", data, follow_redirects=True
    )
    assert "Withdrawal of consent recorded." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Consent, consent_id).withdrawn_on == date.today()


def test_consent_needs_confirmed_capacity(app, client, signed_in):
    patient_id = _my_patient(app)
    url = f"/patients/{patient_id}"
    data = CONSENT | {"consent-capacity_confirmed": ""}
    response = _post_form(client, url, f"{url}/consents", data)
    assert response.status_code == 400
    assert "confirm it" in response.get_data(as_text=True)
    assert _count(app, Consent) == 0


@pytest.fixture
def other_clinics_records(app):
    with app.app_context():
        patient = make_patient()
        flag = make_flag(patient)
        from practice.patients.services import add_consent

        consent = add_consent(
            patient,
            {key.removeprefix("consent-"): value for key, value in CONSENT.items()}
            | {"capacity_confirmed": True, "given_on": date.today()},
            author=patient.created_by,
        )
        db.session.commit()
        return {"patient": patient.id, "flag": flag.id, "consent": consent.id}


OTHER_CLINIC_ROUTES = [
    ("get", "/patients/{patient}"),
    ("get", "/patients/{patient}/edit"),
    ("post", "/patients/{patient}/edit"),
    ("post", "/patients/{patient}/flags"),
    ("get", "/patients/{patient}/flags/{flag}/resolve"),
    ("post", "/patients/{patient}/flags/{flag}/resolve"),
    ("post", "/patients/{patient}/consents"),
    ("post", "/patients/{patient}/consents/{consent}/withdraw"),
]


@pytest.mark.parametrize(("method", "route"), OTHER_CLINIC_ROUTES)
def test_another_clinics_records_are_404(
    app, client, signed_in, other_clinics_records, method, route
):
    token = csrf_token_from(client.get("/patients/new").get_data(as_text=True))
    url = route.format(**other_clinics_records)
    response = getattr(client, method)(
        url, data={"csrf_token": token} if method == "post" else None
    )
    assert response.status_code == 404


def test_a_whole_flag_posted_to_another_clinics_patient_is_404_and_not_saved(
    app, client, signed_in, other_clinics_records
):
    before = _count(app, PatientFlag)
    url = f"/patients/{other_clinics_records['patient']}/flags"
    token = csrf_token_from(client.get("/patients/new").get_data(as_text=True))
    data = _flag_data({"flag-regions": ["knee", "lower_leg"]}) | {"csrf_token": token}
    assert client.post(url, data=data).status_code == 404
    assert _count(app, PatientFlag) == before


def test_a_flag_of_another_patient_is_404(app, client, signed_in):
    mine = _my_patient(app)
    other_mine = _my_patient(app)
    with app.app_context():
        flag_id = make_flag(db.session.get(Patient, other_mine)).id
    assert client.get(f"/patients/{mine}/flags/{flag_id}/resolve").status_code == 404


@pytest.mark.parametrize("url", ["/patients/", "/patients/new", "/patients/1"])
def test_patient_pages_need_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_an_archived_patient_leaves_the_lists_but_keeps_the_record(app, client, signed_in):
    patient_id = _my_patient(app, given_names="Edith", family_name="Clarke")
    token = csrf_token_from(client.get(f"/patients/{patient_id}").get_data(as_text=True))
    data = {"confirm-csrf_token": token, "csrf_token": token}
    assert client.post(f"/patients/{patient_id}/archive", data=data).status_code == 302
    assert "Clarke, Edith" not in client.get("/patients/").get_data(as_text=True)
    assert "Clarke, Edith" not in client.get("/patients/?q=clarke").get_data(as_text=True)
    found = client.get("/patients/?q=clarke&archived=y").get_data(as_text=True)
    assert "Clarke, Edith" in found
    assert "Archived" in found
    page = client.get(f"/patients/{patient_id}").get_data(as_text=True)
    assert "Nothing of the record was deleted." in page
    assert client.post(f"/patients/{patient_id}/restore", data=data).status_code == 302
    assert "Clarke, Edith" in client.get("/patients/").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Patient, patient_id).archived_at is None


def test_the_front_desk_list_shows_no_flags(app, client):
    from practice.models import Role
    from tests.conftest import AuthActions

    with app.app_context():
        desk = make_user(email="desk@ours.example", role=Role.FRONT_DESK)
        patient = make_patient(author=desk, given_names="Ivy", family_name="Stone")
        make_flag(patient, kind="dvt")
    AuthActions(client).login("desk@ours.example")
    page = client.get("/patients/").get_data(as_text=True)
    assert "Stone, Ivy" in page
    assert "DVT" not in page
    assert ">Flags<" not in page
