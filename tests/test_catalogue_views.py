"""The catalogue pages: browse and search for everyone, add, edit, retire for clinic admins."""

import re

import pytest
from sqlalchemy import func, select

from practice.catalogue.services import SEEDED_FIELDS, create_item
from practice.clinical.dosage import TechniqueDosage, dosage_problems
from practice.clinical.exercise_text import render
from practice.clinical.vocabulary import TechniqueKind
from practice.documents import TechniqueDetails
from practice.extensions import db
from practice.models import CatalogueItem, User
from practice.seed import load_seed_catalogue
from tests.conftest import csrf_token_from
from tests.factories import make_clinic, make_user
from tests.html_forms import form_values

ADMIN = "admin@ours.example"
CLINICIAN = "clinician@ours.example"
OTHER_ADMIN = "admin@theirs.example"

NEW_EXERCISE = {
    "name": "Seated calf raise",
    "kind": "strengthening",
    "body_region": "lower_leg",
    "description": "Calf strengthening for patients who cannot stand for long.",
    "indications": ["muscle_weakness", "cramp_trigger"],
    "cramp_triggers": ["overuse_fatigue"],
    "source": "Clinic protocol 2026, reviewed by the senior physiotherapist",
    "category": "strengthen",
    "position": "Sitting",
    "illustration": "img/exercises/heel-raise-calf-pump.svg",
    "steps": "Sit with your feet flat.\n\nLift both heels.\nLower them slowly.",
    "feel": "You should feel your calf muscles work.",
    "cautions": "Stop and contact us if your calf swells.",
    "easier": "Lift one heel at a time.",
    "harder": "Rest a bag of books on your knees.",
    "equipment": "Chair\nBag of books",
    "sets": "2",
    "reps": "12",
    "hold_seconds": "",
    "rest_seconds": "30",
    "times_per_day": "1",
    "days_per_week": "3",
    "side": "both",
    "duration_minutes": "",
    "programme_weeks": "6",
}

NEW_TECHNIQUE = {
    "name": "Contrast bath",
    "kind": "superficial_heat",
    "body_region": "",
    "description": "Alternate warm and cool water for the hands or feet.",
    "indications": ["pain", "muscle_spasm"],
    "source": "Clinic protocol 2026",
    "contraindications": "Impaired sensation.\nPeripheral arterial disease.",
    "precautions": "Check the skin afterwards.",
    "dosage_note": "Warm 3 min, cool 1 min, four rounds.",
    "minutes": "16",
    "times_per_day": "1",
    "skin_check_minutes": "5",
    "frequency_hz": "",
}


@pytest.fixture
def people(app):
    """An admin and a clinician of our clinic, an admin of another; the shipped catalogue."""
    with app.app_context():
        ours = make_clinic(name="Ours")
        make_user(email=ADMIN, role="admin", clinic=ours)
        make_user(email=CLINICIAN, clinic=ours)
        make_user(email=OTHER_ADMIN, role="admin", clinic=make_clinic(name="Theirs"))
        db.session.commit()


@pytest.fixture
def as_admin(people, auth):
    auth.login(ADMIN)


@pytest.fixture
def as_clinician(people, auth):
    auth.login(CLINICIAN)


def _user(email):
    return db.session.scalar(select(User).where(User.email == email))


def _shipped(app, key, item_type="exercise"):
    with app.app_context():
        return db.session.scalar(
            select(CatalogueItem.id).where(
                CatalogueItem.key == key,
                CatalogueItem.item_type == item_type,
                CatalogueItem.clinic_id.is_(None),
            )
        )


def _their_own_item(app):
    with app.app_context():
        author = _user(OTHER_ADMIN)
        item = create_item(
            {
                "item_type": "technique",
                "name": "Their secret massage",
                "kind": "massage",
                "body_region": None,
                "description": "",
                "indications": ["pain"],
                "cramp_triggers": [],
                "dosage": TechniqueDosage({"minutes": 20}),
                "details": TechniqueDetails(
                    contraindications=("None",),
                    precautions=(),
                    dosage_note="",
                    dosage_units={"minutes": "min"},
                ),
                "source": "Their protocol",
            },
            clinic_id=author.clinic_id,
            author=author,
        )
        db.session.commit()
        return item.id


def _rows(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(CatalogueItem))


def _post(client, url, data, follow_redirects=False):
    """Posts with the real CSRF token: the one of the form read from its page, else the one of a
    page the user can open."""
    if "csrf_token" not in data:
        token = csrf_token_from(client.get("/catalogue/").get_data(as_text=True))
        data = data | {"csrf_token": token}
    return client.post(url, data=data, follow_redirects=follow_redirects)


def _listed(client, query=""):
    page = client.get(f"/catalogue/?{query}").get_data(as_text=True)
    return set(re.findall(r'<a href="/catalogue/\d+">([^<]+)</a>', page))


def _seeded_names():
    seed = load_seed_catalogue()
    return {_html(item.name) for item in (*seed.techniques, *seed.exercises)}


# ------------------------------------------------------------------ browsing


def test_everyone_signed_in_sees_the_whole_shipped_catalogue(client, as_clinician):
    page = client.get("/catalogue/").get_data(as_text=True)
    assert _listed(client) == _seeded_names()
    assert "shipped" in page
    assert "New technique" not in page  # only admins are offered the admin actions


def test_visitors_are_sent_to_sign_in(client, people):
    response = client.get("/catalogue/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ("q=CALF+wall", {"Calf stretch at a wall"}, {"Static stretching"}),
        (
            "q=walking+claudication",
            {"Claudication walking programme"},
            {"Aerobic walking programme"},
        ),
        ("type=technique", {"Static stretching", "Dry needling"}, {"Calf stretch at a wall"}),
        ("type=exercise", {"Calf stretch at a wall"}, {"Static stretching"}),
        (
            "category=electrotherapy",
            {"TENS, conventional (high-rate)", "Interferential current (IFC)"},
            {"Static stretching", "Calf stretch at a wall"},
        ),
        ("region=lower_leg", {"Calf stretch at a wall"}, {"Chin tuck", "Static stretching"}),
        ("indication=claudication", {"Claudication walking programme"}, {"Dry needling"}),
        (
            "type=technique&category=cold",
            {"Cold pack (cryotherapy)"},
            {"Superficial heat (hot pack, wheat bag)"},
        ),
    ],
)
def test_search_and_filters_narrow_the_list(client, as_clinician, query, expected, absent):
    listed = _listed(client, query)
    assert expected <= listed
    assert not absent & listed


def test_every_listed_item_matches_the_filters(app, client, as_clinician):
    with app.app_context():
        electro = {
            item.name
            for item in load_seed_catalogue().techniques
            if item.kind in (TechniqueKind.TENS, TechniqueKind.NMES, TechniqueKind.INTERFERENTIAL)
        }
    assert _listed(client, "type=technique&category=electrotherapy") == electro


def test_an_unknown_filter_value_is_a_bad_request(client, as_clinician):
    response = client.get("/catalogue/?category=astrology")
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)


def test_an_exercise_page_shows_what_a_clinician_needs(app, client, as_clinician):
    page = client.get(f"/catalogue/{_shipped(app, 'calf-stretch-wall')}").get_data(as_text=True)
    exercise = next(e for e in load_seed_catalogue().exercises if e.key == "calf-stretch-wall")
    assert 'src="/static/img/exercises/calf-stretch-wall.svg"' in page
    for text in (*exercise.steps, exercise.feel, *exercise.cautions, exercise.easier):
        assert render(text, exercise.dosage.side).replace("'", "&#39;") in page
    assert "{working}" not in page  # the placeholders are filled in for the default side
    assert "Do both sides." in page  # and the dosage line printed under the steps
    assert f"{exercise.dosage.hold_seconds} s" in page
    assert exercise.source in page
    assert "Muscle tightness" in page


def test_a_technique_page_shows_contraindications_precautions_and_dosage(app, client, as_clinician):
    page = client.get(f"/catalogue/{_shipped(app, 'tens-conventional', 'technique')}")
    text = page.get_data(as_text=True)
    tens = next(t for t in load_seed_catalogue().techniques if t.key == "tens-conventional")
    assert tens.contraindications[0].replace("'", "&#39;") in text
    assert "Precautions" in text
    frequency = next(p for p in tens.dosage if p.name == "frequency_hz")
    assert f"Frequency</th><td>{frequency.value:g} Hz" in text
    assert tens.source in text


# ------------------------------------------------------------------ who may do what


ADMIN_ROUTES = [
    ("get", "/catalogue/new?type=exercise"),
    ("get", "/catalogue/new?type=technique"),
    ("post", "/catalogue/new?type=exercise"),
    ("get", "/catalogue/{id}/edit"),
    ("post", "/catalogue/{id}/edit"),
    ("post", "/catalogue/{id}/retire"),
    ("post", "/catalogue/{id}/restore"),
]


@pytest.mark.parametrize(("method", "url"), ADMIN_ROUTES)
def test_clinicians_get_the_403_page_on_every_admin_route(app, client, as_clinician, method, url):
    url = url.format(id=_shipped(app, "calf-stretch-wall"))
    before = _rows(app)
    response = client.get(url) if method == "get" else _post(client, url, NEW_EXERCISE)
    assert response.status_code == 403
    assert "You do not have permission" in response.get_data(as_text=True)
    assert _rows(app) == before


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", "/catalogue/{id}"), *[route for route in ADMIN_ROUTES if "{id}" in route[1]]],
)
def test_another_clinics_own_item_is_not_found_on_every_route(app, client, as_admin, method, url):
    url = url.format(id=_their_own_item(app))
    response = client.get(url) if method == "get" else _post(client, url, NEW_TECHNIQUE)
    assert response.status_code == 404
    assert "Their secret" not in response.get_data(as_text=True)
    assert "Their secret massage" not in _listed(client, "retired=y")


def test_an_unknown_item_type_is_a_bad_request(client, as_admin):
    assert client.get("/catalogue/new?type=handout").status_code == 400


# ------------------------------------------------------------------ adding items


def test_admin_adds_an_exercise(app, client, as_admin):
    response = _post(client, "/catalogue/new?type=exercise", NEW_EXERCISE)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Seated calf raise added to the catalogue." in page
    assert "clinic&#39;s own" in page
    with app.app_context():
        item = db.session.scalar(
            select(CatalogueItem).where(CatalogueItem.name == "Seated calf raise")
        )
        assert item.clinic_id == _user(ADMIN).clinic_id
        assert item.item_type == "exercise"
        assert item.cramp_triggers == ["overuse_fatigue"]
        assert item.details.steps == (
            "Sit with your feet flat.",
            "Lift both heels.",
            "Lower them slowly.",
        )
        assert item.details.equipment == ("Chair", "Bag of books")
        assert dict(item.dosage) == {
            "sets": 2,
            "reps": 12,
            "hold_seconds": None,
            "rest_seconds": 30,
            "times_per_day": 1,
            "days_per_week": 3,
            "side": "both",
            "duration_minutes": None,
            "programme_weeks": 6,
            "load": None,
        }
    assert "Seated calf raise" in _listed(client, "q=seated")


def test_admin_adds_a_technique(app, client, as_admin):
    response = _post(client, "/catalogue/new?type=technique", NEW_TECHNIQUE)
    assert response.status_code == 302
    with app.app_context():
        item = db.session.scalar(select(CatalogueItem).where(CatalogueItem.name == "Contrast bath"))
        assert dict(item.dosage) == {"minutes": 16, "times_per_day": 1, "skin_check_minutes": 5}
        assert item.details.dosage_units == {
            "minutes": "min",
            "times_per_day": "per day",
            "skin_check_minutes": "min",
        }
        assert item.details.contraindications == (
            "Impaired sensation.",
            "Peripheral arterial disease.",
        )
        assert item.category == "heat"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "16 min" in page


def test_the_other_clinic_does_not_see_our_item(app, client, as_admin, auth):
    _post(client, "/catalogue/new?type=technique", NEW_TECHNIQUE)
    auth.logout()
    auth.login(OTHER_ADMIN)
    assert "Contrast bath" not in _listed(client, "retired=y")


# ------------------------------------------------------------------ editing


def _item_form(page):
    """The item form as a browser sends it: the text area's leading newline is not content,
    and every ticked box of a checkbox group is sent."""
    values = {
        name: value.removeprefix("\r\n") for name, value in form_values(page, "item-form").items()
    }
    return values | {name: _checked(page, name) for name in ("indications", "cramp_triggers")}


def _checked(page, name):
    return [
        re.search(r'value="([^"]*)"', tag).group(1)
        for tag in re.findall(r"<input[^>]*>", page)
        if f'name="{name}"' in tag and re.search(r"\bchecked\b", tag)
    ]


def _edit_form(client, item_id):
    return _item_form(client.get(f"/catalogue/{item_id}/edit").get_data(as_text=True))


def _shipped_values(app, item_id):
    with app.app_context():
        item = db.session.get(CatalogueItem, item_id)
        return {
            field: getattr(item, field) for field in (*SEEDED_FIELDS, "retired_at", "clinic_id")
        }


def test_editing_a_shipped_item_makes_the_clinics_copy_and_leaves_the_shipped_row(
    app, client, as_admin, auth
):
    shipped_id = _shipped(app, "calf-stretch-wall")
    before = _shipped_values(app, shipped_id)
    data = _edit_form(client, shipped_id)
    data |= {"name": "Our calf stretch", "indications": ["muscle_tightness", "cramps"]}
    response = _post(client, f"/catalogue/{shipped_id}/edit", data)
    assert response.status_code == 302
    copy_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert copy_id != shipped_id
    assert _shipped_values(app, shipped_id) == before
    with app.app_context():
        copy = db.session.get(CatalogueItem, copy_id)
        assert (copy.clinic_id, copy.key) == (_user(ADMIN).clinic_id, "calf-stretch-wall")
        assert copy.indications == ["muscle_tightness", "cramps"]
        assert copy.details.illustration == before["details"].illustration
    page = client.get("/catalogue/?q=calf").get_data(as_text=True)
    assert "Our calf stretch" in page
    assert "Calf stretch at a wall" not in page
    assert "edited for this clinic" in page
    # The shipped id now leads to the clinic's copy for editing.
    assert (
        client.get(f"/catalogue/{shipped_id}/edit")
        .headers["Location"]
        .endswith(f"/catalogue/{copy_id}/edit")
    )
    auth.logout()
    auth.login(OTHER_ADMIN)
    assert "Calf stretch at a wall" in _listed(client, "q=calf")


def test_every_shipped_item_survives_an_unchanged_save(app, client, as_admin):
    """The edit form holds every field of every shipped item, within the clinical bounds."""
    with app.app_context():
        ids = db.session.scalars(select(CatalogueItem.id).where(CatalogueItem.clinic_id.is_(None)))
        ids = list(ids)
    refused = {}
    for item_id in ids:
        data = _edit_form(client, item_id)
        response = _post(client, f"/catalogue/{item_id}/edit", data)
        if response.status_code != 302:
            refused[item_id] = re.findall(
                r"invalid-feedback[^>]*>([^<]+)", response.get_data(as_text=True)
            )
    assert refused == {}
    with app.app_context():
        for copy in db.session.scalars(
            select(CatalogueItem).where(CatalogueItem.clinic_id.is_not(None))
        ):
            original = db.session.scalar(
                select(CatalogueItem).where(
                    CatalogueItem.clinic_id.is_(None),
                    CatalogueItem.item_type == copy.item_type,
                    CatalogueItem.key == copy.key,
                )
            )
            changed = [f for f in SEEDED_FIELDS if getattr(copy, f) != getattr(original, f)]
            assert changed == [], copy.key
    assert "edited for this clinic" not in client.get("/catalogue/").get_data(as_text=True)


# ------------------------------------------------------------------ retiring


def test_retire_hides_an_item_and_restore_brings_it_back(app, client, as_admin):
    shipped_id = _shipped(app, "chin-tuck")
    response = _post(client, f"/catalogue/{shipped_id}/retire", {}, follow_redirects=True)
    assert "plans that already use it keep it" in response.get_data(as_text=True)
    assert "Chin tuck" not in _listed(client)
    page = client.get("/catalogue/?retired=y&q=chin").get_data(as_text=True)
    assert "Chin tuck" in page
    assert ">retired</span>" in page
    assert "edited for this clinic" not in page  # retiring alone changes nothing else
    with app.app_context():
        assert db.session.get(CatalogueItem, shipped_id).retired_at is None
        copy_id = db.session.scalar(
            select(CatalogueItem.id).where(
                CatalogueItem.key == "chin-tuck", CatalogueItem.clinic_id.is_not(None)
            )
        )
    response = _post(client, f"/catalogue/{copy_id}/restore", {}, follow_redirects=True)
    assert "Chin tuck is back in the catalogue." in response.get_data(as_text=True)
    assert "Chin tuck" in _listed(client)


def test_retiring_does_not_reach_another_clinic(app, client, as_admin, auth):
    _post(client, f"/catalogue/{_shipped(app, 'chin-tuck')}/retire", {})
    auth.logout()
    auth.login(OTHER_ADMIN)
    assert "Chin tuck" in _listed(client)


def test_restoring_the_shipped_id_restores_the_clinics_copy(app, client, as_admin):
    shipped_id = _shipped(app, "chin-tuck")
    _post(client, f"/catalogue/{shipped_id}/retire", {})
    _post(client, f"/catalogue/{shipped_id}/restore", {})
    assert "Chin tuck" in _listed(client)


# ------------------------------------------------------------------ bad input


def _expected_bound(name, value, kind=None):
    return dosage_problems({name: value}, kind=kind)[name]


EXERCISE_CASES = [
    ("name", "", "Enter the name."),
    ("name", "x" * 201, "Keep this to 200 characters or fewer."),
    ("kind", "voodoo", "Not a valid choice."),
    ("body_region", "", "Choose the body region the exercise works on."),
    ("body_region", "tail", "Not a valid choice."),
    ("category", "", "Choose the exercise category."),
    ("indications", [], "Tick at least one indication."),
    ("indications", ["pain", "bogus"], "not a valid choice"),
    ("cramp_triggers", [], "tick the triggers this item addresses"),
    ("source", "", "Name the source"),
    ("source", "s" * 501, "Keep this to 500 characters or fewer."),
    ("steps", "Stand up.\nSit down.", "Give 3 to 5, one per line."),
    ("steps", "\n".join(f"Step {n}." for n in range(6)), "Give 3 to 5, one per line."),
    ("steps", "One.\nTwo.\n" + "x" * 301, "Keep each line to 300 characters or fewer."),
    ("cautions", "", "Give 1 to 10, one per line."),
    ("feel", "", "Say what the patient should feel."),
    ("illustration", "img/exercises/../../../etc/passwd", "Not a valid choice."),
    ("side", "upside_down", "Not a valid choice."),
    ("sets", "", "Enter a whole number."),
    ("sets", "two", "Not a valid integer value."),
    ("sets", "-1", None),
    ("sets", "0", None),
    ("sets", "100000", None),
    ("reps", "-5", None),
    ("reps", "99999999999999999999", None),
    ("rest_seconds", "-10", None),
    ("times_per_day", "0", None),
    ("days_per_week", "8", None),
    ("programme_weeks", "0", None),
    ("duration_minutes", "100000", None),
]


@pytest.mark.parametrize(("field", "value", "message"), EXERCISE_CASES)
def test_bad_exercise_input_comes_back_with_the_message_and_nothing_is_written(
    app, client, as_admin, field, value, message
):
    if message is None:  # a dosage bound: the message is the clinical rule's own
        message = _expected_bound(field, int(value))
    data = NEW_EXERCISE | {field: value}
    if field == "cramp_triggers":
        data["indications"] = ["cramp_trigger"]
    _assert_refused(app, client, "/catalogue/new?type=exercise", data, field, message)


TECHNIQUE_CASES = [
    ("kind", "", "Choose the kind."),
    ("contraindications", "", "Give 1 to 30, one per line."),
    ("cramp_triggers", ["dehydration"], "belong only to an item"),
    ("minutes", "", "A superficial heat technique needs this default."),
    ("minutes", "nan", "Enter a number."),
    ("minutes", "Infinity", "Enter a number."),
    ("minutes", "ten", "Not a valid decimal value."),
    ("minutes", "-15", None),
    ("minutes", "0", None),
    ("minutes", "1e9", None),
    ("frequency_hz", "-80", None),
    ("dosage_note", "n" * 2001, "Keep this to 2000 characters or fewer."),
]


@pytest.mark.parametrize(("field", "value", "message"), TECHNIQUE_CASES)
def test_bad_technique_input_comes_back_with_the_message_and_nothing_is_written(
    app, client, as_admin, field, value, message
):
    if message is None:
        message = _expected_bound(field, float(value), TechniqueKind.SUPERFICIAL_HEAT)
    data = NEW_TECHNIQUE | {field: value}
    _assert_refused(app, client, "/catalogue/new?type=technique", data, field, message)


def test_bad_input_on_edit_writes_nothing(app, client, as_admin):
    shipped_id = _shipped(app, "calf-stretch-wall")
    data = _edit_form(client, shipped_id) | {"name": "Ours", "sets": "-3"}
    _assert_refused(
        app, client, f"/catalogue/{shipped_id}/edit", data, "sets", _expected_bound("sets", -3)
    )


def _assert_refused(app, client, url, data, field, message):
    before = _rows(app)
    response = _post(client, url, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert _html(message) in page or message in page
    assert "Nothing was saved" in page
    assert _rows(app) == before
    kept = _item_form(page)
    for name, value in data.items():
        if name == "csrf_token":
            continue  # signed with the time: a fresh one whenever the second has turned
        if name == field and (name in SELECTS or isinstance(value, list)):
            continue  # a refused choice cannot be shown selected
        assert kept.get(name, []) == value, name


SELECTS = {"kind", "body_region", "category", "side", "illustration"}


def _html(text):
    return text.replace("'", "&#39;").replace('"', "&#34;")


# ------------------------------------------------------------------ one source of truth


def test_the_editor_previews_the_steps_for_left_and_for_both_sides_and_saves_nothing(
    app, client, as_admin
):
    data = NEW_EXERCISE | {
        "steps": "Sit tall.\nLift {working} heel.\nLower it slowly. Keep {other} foot flat.",
        "preview": "Preview",
    }
    before = _rows(app)
    response = _post(client, "/catalogue/new?type=exercise", data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    preview = page[page.index('id="handout-preview"') : page.index('id="item-form"')]
    assert "<li>Lift your left heel.</li>" in preview
    assert "<li>Lower it slowly. Keep your other foot flat.</li>" in preview
    assert "<li>Lift one heel.</li>" in preview
    assert "<li>Lower it slowly. Keep the other foot flat.</li>" in preview
    assert "Use your left side." in preview
    assert "Do both sides." in preview
    assert "Do this 12 times." in preview  # the dosage line, from the default dosage
    assert _rows(app) == before
    assert _item_form(page)["steps"] == data["steps"]  # what was typed stays in the form


def test_an_exercise_with_no_side_previews_as_printed(app, client, as_admin):
    data = NEW_EXERCISE | {"side": "not_applicable", "preview": "Preview"}
    page = _post(client, "/catalogue/new?type=exercise", data).get_data(as_text=True)
    assert "As printed" in page
    assert "Left side" not in page


TEXT_CASES = [
    ("steps", "Sit tall.\nLift your right heel.\nLower it slowly.", "“right”"),
    ("steps", "Sit tall.\nLift {working} heel for 10 seconds.\nLower it.", "“10 seconds”"),
    ("steps", "Sit tall.\nLift {left} heel.\nLower it.", "Unknown placeholder {left}"),
    ("feel", "You should feel it work. Do it three times.", "“three times”"),
    ("cautions", "Stop and contact us if it hurts.\nSwap sides if it aches.", "“Swap sides”"),
    ("easier", "Do it twice a day.", "“twice a day”"),
    ("harder", "Use the red band.", "“red band”"),
    ("harder", "Hold a 2 kg weight.", "“2 kg”"),
]


@pytest.mark.parametrize(("field", "value", "message"), TEXT_CASES)
def test_the_editor_refuses_text_that_states_a_side_or_number_itself(
    app, client, as_admin, field, value, message
):
    data = NEW_EXERCISE | {field: value}
    _assert_refused(app, client, "/catalogue/new?type=exercise", data, field, message)


def test_a_preview_of_bad_text_shows_the_messages_and_no_preview(app, client, as_admin):
    data = NEW_EXERCISE | {"feel": "Feel it in your left calf.", "preview": "Preview"}
    response = _post(client, "/catalogue/new?type=exercise", data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "“left”" in page
    assert 'id="handout-preview"' not in page


def test_side_placeholders_need_a_sided_exercise(app, client, as_admin):
    data = NEW_EXERCISE | {
        "side": "not_applicable",
        "steps": "Sit tall.\nLift {working} heel.\nLower it slowly.",
    }
    _assert_refused(app, client, "/catalogue/new?type=exercise", data, "steps", "has no side")


def test_an_exercise_keeps_the_load_it_takes(app, client, as_admin):
    response = _post(client, "/catalogue/new?type=exercise", NEW_EXERCISE | {"load": "band"})
    assert response.status_code == 302
    item_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        load = db.session.get(CatalogueItem, item_id).dosage.load
    assert (load.kind, load.is_set) == ("band", False)
    assert _edit_form(client, item_id)["load"] == "band"
    page = client.get(f"/catalogue/{item_id}").get_data(as_text=True)
    assert "Load</th><td>Band" in page
