"""The plan builder: proposals, screening with overrides, dosage, goals, issuing, versions."""

import html
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from practice.catalogue import services as catalogue_services
from practice.clinical.assessment_data import (
    AssessmentData,
    RedFlagAnswer,
    RedFlagScreen,
    Subjective,
)
from practice.clinical.catalogues import Urgency
from practice.clinical.handout_text import dosage_sentences
from practice.clinical.labels import label
from practice.clinical.vocabulary import BodyRegion, FlagKind, Side
from practice.extensions import db
from practice.models import (
    CatalogueItem,
    PlanEvent,
    PlanItem,
    TreatmentPlan,
)
from practice.plans import services as plan_services
from tests.conftest import csrf_token_from
from tests.factories import (
    PLAN_RECORD,
    make_assessment,
    make_flag,
    make_patient,
    make_plan,
    shipped_item,
    signed_in_user,
)
from tests.html_forms import invalid_fields


def _start_plan(app, client, *flags: dict) -> int:
    """A draft plan from PLAN_RECORD for a patient with these flags (make_flag keywords)."""
    with app.app_context():
        patient = make_patient(author=signed_in_user(), given_names="Ivy", family_name="Stone")
        for flag in flags:
            make_flag(patient, **flag)
        assessment_id = make_assessment(patient, record=PLAN_RECORD, finalised=True).id
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    response = client.post(
        f"/assessments/{assessment_id}/plans", data={"csrf_token": csrf_token_from(page)}
    )
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


@pytest.fixture
def plan_id(app, client, me):
    """A draft plan for a patient with a pacemaker, anticoagulants and a left-leg DVT."""
    return _start_plan(
        app,
        client,
        {"kind": "active_implant", "detail": "pacemaker"},
        {"kind": "anticoagulants"},
        {"kind": "dvt", "region": "lower_leg", "side": "left"},
    )


def _item_id(key, item_type="technique"):
    return shipped_item(key, item_type).id


def _lock(app, plan_id):
    with app.app_context():
        return db.session.get(TreatmentPlan, plan_id).current.lock_version


DOSAGE = {"action": "dosage"}  # what the dosage form of an item posts besides its fields


def _post(client, app, plan_id, path, data, *, lock=None):
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(page), "lock": lock or _lock(app, plan_id)} | data
    return client.post(f"/plans/{plan_id}{path}", data=data)


def _add(client, app, plan_id, key, region, side, item_type="technique", **extra):
    with app.app_context():
        item_id = _item_id(key, item_type)
    data = {"item_id": str(item_id), "site_region": region, "site_side": side} | extra
    return _post(client, app, plan_id, "/items", data)


def _items(app, plan_id):
    with app.app_context():
        return [
            (item.catalogue_item.key, item.verdict, item.override_reason, item.acknowledged_at)
            for item in db.session.get(TreatmentPlan, plan_id).current.items
        ]


def test_a_plan_starts_only_from_a_finalised_assessment(app, client, me):
    with app.app_context():
        patient = make_patient(author=signed_in_user())
        draft_id = make_assessment(patient, record=PLAN_RECORD).id
    page = client.get(f"/assessments/{draft_id}").get_data(as_text=True)
    response = client.post(
        f"/assessments/{draft_id}/plans",
        data={"csrf_token": csrf_token_from(page)},
        follow_redirects=True,
    )
    assert "A plan is built from a finalised assessment" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(TreatmentPlan)) is None


def _with_every_proposal(client, plan_id: int) -> str:
    """The plan page, and each of its pages that lists one problem's proposals in full."""
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    links = re.findall(r'href="([^"]*more=\d+[^"]*)"', page)
    return "".join(
        [page] + [client.get(html.unescape(url)).get_data(as_text=True) for url in links]
    )


def test_proposals_are_ranked_with_their_reasons_and_verdicts(app, client, plan_id):
    page = _with_every_proposal(client, plan_id)
    assert "Proposed from the findings" in page
    assert "addresses: " in page
    assert "gluteus medius" in page.lower()
    assert 'data-verdict="contraindicated"' in page  # e.g. massage of the left calf (DVT)
    assert "NMES contraindicated: active implanted device" in page  # blocked by the pacemaker
    assert "more for this problem</a>" in page  # the best three per problem, the rest one link away


def test_only_the_proposals_shown_are_screened(client, plan_id, monkeypatch):
    """A problem's proposals beyond the first three are counted, not screened: one screening
    for each site form the page shows (and the fuller page screens the ones it adds)."""
    screened = []
    real = plan_services._screened_site
    monkeypatch.setattr(
        plan_services,
        "_screened_site",
        lambda *args, **kwargs: screened.append(args[2]) or real(*args, **kwargs),
    )
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "more for this problem</a>" in page
    assert len(screened) == page.count("proposal-site border-top")


def _proposed_keys(page: str) -> list[str]:
    return re.findall(r'<article class="card mb-2 proposal"[^>]* data-key="([^"]+)"', page)


def test_the_ranking_is_made_once_for_an_assessment_and_a_catalogue(client, plan_id, monkeypatch):
    """Viewing the builder again ranks nothing again (plans.services._ranking)."""
    ranked = []
    real = plan_services.propose
    monkeypatch.setattr(
        plan_services, "propose", lambda *args, **kwargs: ranked.append(1) or real(*args, **kwargs)
    )
    first = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    again = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert len(ranked) == 1
    assert _proposed_keys(first) == _proposed_keys(again) != []


def test_a_change_to_the_catalogue_reaches_the_proposals_at_once(app, client, plan_id):
    """The ranking kept for the assessment is the catalogue's as it was: retiring the first
    proposal takes it off the next view."""
    shown = _proposed_keys(client.get(f"/plans/{plan_id}").get_data(as_text=True))
    item_type, key = shown[0].split(":")
    with app.app_context():
        user = signed_in_user()
        catalogue_services.retire_item(
            shipped_item(key, item_type), clinic_id=user.clinic_id, author=user
        )
        db.session.commit()
    after = _proposed_keys(client.get(f"/plans/{plan_id}").get_data(as_text=True))
    assert shown[0] not in after
    assert after[0] == shown[1]


def test_the_catalogue_form_is_written_when_asked_for(client, plan_id):
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert 'data-fetch-into="add-from-catalogue"' in page
    assert "Choose from the catalogue</option>" not in page
    asked = client.get(f"/plans/{plan_id}?add=catalogue").get_data(as_text=True)
    assert "Choose from the catalogue</option>" in asked
    assert asked.count("(technique)</option>") > 10  # every technique of the catalogue


def test_the_rest_of_a_problems_proposals_are_one_link_away(client, plan_id):
    """The page lists three proposals a problem; ``more=N`` lists all of problem N (the link the
    page gives), and only of that problem."""
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    link = re.search(r'href="([^"]*more=(\d+)[^"]*)">(\d+) more for this problem', page)
    assert link is not None
    url, problem, hidden = html.unescape(link[1]), int(link[2]), int(link[3])
    fuller = client.get(url).get_data(as_text=True)

    def cards(text: str, number: int) -> int:
        section = text.split(f'id="problem-{number}"', 1)[1].split(
            '<section class="proposal-group', 1
        )[0]
        return section.count('<article class="card mb-2 proposal"')

    assert cards(page, problem) == 3
    assert cards(fuller, problem) == 3 + hidden
    assert f'data-fetch-into="proposals-{problem}"' not in fuller
    others = [n for n in range(1, page.count('<section class="proposal-group') + 1) if n != problem]
    assert all(cards(fuller, n) == cards(page, n) for n in others)


def test_contraindicated_item_is_blocked_until_a_clinical_reason_is_written(app, client, plan_id):
    placement = {"electrode_placement": "Vastus medialis and lateralis, right thigh"}
    response = _add(client, app, plan_id, "nmes", "thigh", "right", **placement)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "NMES contraindicated" in page
    assert "can be added only with a written clinical reason" in page
    assert _items(app, plan_id) == []

    reason = "Cardiology agreed; electrodes on the thigh, far from the chest"
    added = _add(
        client, app, plan_id, "nmes", "thigh", "right", override_reason=reason, **placement
    )
    assert added.status_code == 302
    ((key, verdict, override, _),) = _items(app, plan_id)
    assert (key, verdict, override) == ("nmes", "contraindicated", reason)
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "Added despite the contraindication" in page
    assert reason in page
    with app.app_context():
        details = db.session.scalars(
            select(PlanEvent.detail).where(PlanEvent.action == "contraindication_overridden")
        ).all()
    assert len(details) == 1
    assert details[0].endswith(f"at thigh, right: {reason}")


def test_precaution_needs_an_acknowledgement(app, client, plan_id):
    response = _add(client, app, plan_id, "soft-tissue-massage", "thigh", "right")
    assert response.status_code == 400
    assert "Acknowledge the precaution" in response.get_data(as_text=True)
    assert (
        _add(
            client,
            app,
            plan_id,
            "soft-tissue-massage",
            "thigh",
            "right",
            acknowledge_precaution="y",
        ).status_code
        == 302
    )
    ((_, verdict, _, acknowledged_at),) = _items(app, plan_id)
    assert verdict == "precaution"
    assert acknowledged_at is not None
    assert "Precaution acknowledged by" in client.get(f"/plans/{plan_id}").get_data(as_text=True)


def test_the_same_flag_blocks_at_its_site_and_not_elsewhere(app, client, plan_id):
    blocked = _add(client, app, plan_id, "superficial-heat", "lower_leg", "left")
    assert blocked.status_code == 400
    assert "contraindicated" in blocked.get_data(as_text=True)
    assert _add(client, app, plan_id, "superficial-heat", "lower_leg", "right").status_code == 302
    assert _items(app, plan_id)[0][:2] == ("superficial-heat", "allowed")


def test_unknown_and_retired_items_are_refused(app, client, plan_id):
    response = _post(
        client,
        app,
        plan_id,
        "/items",
        {"item_id": "999999", "site_region": "knee", "site_side": "left"},
    )
    assert response.status_code == 400
    assert "There is no such technique or exercise" in response.get_data(as_text=True)
    with app.app_context():
        db.session.get(CatalogueItem, _item_id("strengthening")).retired_at = db.session.get(
            TreatmentPlan, plan_id
        ).created_at
        db.session.commit()
    response = _add(client, app, plan_id, "strengthening", "hip", "right")
    assert response.status_code == 400
    assert "has been retired" in response.get_data(as_text=True)


def _entry_id(app, plan_id, position=0):
    with app.app_context():
        return db.session.get(TreatmentPlan, plan_id).current.items[position].id


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("dosage-hold_seconds", "0", "Hold"),
        ("dosage-reps", "-3", "Repetitions"),
        ("dosage-sets", "5000", "Sets"),
        ("dosage-sets", "lots", "Enter a number."),
        ("dosage-side", "upside_down", "Choose the side."),
    ],
)
def test_bad_dosage_is_explained_and_nothing_changes(app, client, plan_id, field, value, message):
    _add(client, app, plan_id, "clam-shell", "hip", "right", item_type="exercise")
    entry_id = _entry_id(app, plan_id)
    with app.app_context():
        before = dict(db.session.get(PlanItem, entry_id).dosage)
    data = {f"dosage-{name}": "" if value is None else str(value) for name, value in before.items()}
    response = _post(client, app, plan_id, f"/items/{entry_id}", DOSAGE | data | {field: value})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    if field != "dosage-side":  # a select cannot show a side it does not offer
        assert f'value="{value}"' in page  # the typed value is kept
    with app.app_context():
        assert dict(db.session.get(PlanItem, entry_id).dosage) == before


def test_dosage_is_adjusted(app, client, plan_id):
    _add(client, app, plan_id, "clam-shell", "hip", "right", item_type="exercise")
    entry_id = _entry_id(app, plan_id)
    with app.app_context():
        before = dict(db.session.get(PlanItem, entry_id).dosage)
    data = {f"dosage-{name}": "" if value is None else str(value) for name, value in before.items()}
    response = _post(
        client,
        app,
        plan_id,
        f"/items/{entry_id}",
        DOSAGE | data | {"dosage-sets": "3", "dosage-reps": "12"},
    )
    assert response.status_code == 302
    with app.app_context():
        dosage = db.session.get(PlanItem, entry_id).dosage
    assert (dosage["sets"], dosage["reps"]) == (3, 12)


def test_items_are_reordered_and_removed(app, client, plan_id):
    _add(client, app, plan_id, "clam-shell", "hip", "right", item_type="exercise")
    _add(client, app, plan_id, "superficial-heat", "thigh", "right")
    second = _entry_id(app, plan_id, 1)
    assert _post(client, app, plan_id, f"/items/{second}", {"action": "up"}).status_code == 302
    assert [key for key, *_ in _items(app, plan_id)] == ["superficial-heat", "clam-shell"]
    assert _post(client, app, plan_id, f"/items/{second}", {"action": "remove"}).status_code == 302
    assert [key for key, *_ in _items(app, plan_id)] == ["clam-shell"]


@pytest.mark.parametrize("action", ["", "sideways", "UP"])
def test_an_unknown_item_action_is_refused_and_changes_nothing(app, client, plan_id, action):
    _add(client, app, plan_id, "clam-shell", "hip", "right", item_type="exercise")
    _add(client, app, plan_id, "superficial-heat", "thigh", "right")
    before = _items(app, plan_id)
    second = _entry_id(app, plan_id, 1)
    response = _post(client, app, plan_id, f"/items/{second}", {"action": action})
    assert response.status_code == 400
    assert _items(app, plan_id) == before


def test_measurable_goals(app, client, plan_id):
    target_on = (date.today() + timedelta(weeks=6)).isoformat()
    good = {"measure": "nprs_now", "comparator": "<=", "target": "2", "target_on": target_on}
    assert _post(client, app, plan_id, "/goals", good).status_code == 302
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "Pain now (NPRS) ≤ 2 by" in page

    wrong_way = good | {"comparator": ">="}
    response = _post(client, app, plan_id, "/goals", wrong_way)
    assert response.status_code == 400
    unknown = good | {"measure": "rom:astral_projection:left"}
    response = _post(client, app, plan_id, "/goals", unknown)
    assert response.status_code == 400
    assert "Choose a measure recorded in the assessment." in response.get_data(as_text=True)
    with app.app_context():
        assert len(db.session.get(TreatmentPlan, plan_id).current.goals) == 1


def test_the_goal_picker_says_each_measures_current_value_once(client, plan_id):
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    picker = re.search(r'<select[^>]* name="measure">(.*?)</select>', page, re.S).group(1)
    options = [html.unescape(text) for text in re.findall(r"<option[^>]*>([^<]*)</option>", picker)]
    assert "Gluteus medius Oxford grade (right) (now 3/5)" in options
    assert not [text for text in options if ", now " in text]  # the value said twice


def _ready_to_issue(client, app, plan_id):
    _add(client, app, plan_id, "clam-shell", "hip", "right", item_type="exercise")
    target_on = (date.today() + timedelta(weeks=6)).isoformat()
    _post(
        client,
        app,
        plan_id,
        "/goals",
        {"measure": "nprs_now", "comparator": "<=", "target": "2", "target_on": target_on},
    )
    _post(
        client,
        app,
        plan_id,
        "/schedule",
        {"sessions_per_week": "2", "duration_weeks": "6", "review_on": target_on},
    )


def test_issuing_needs_items_goals_and_a_review_date(app, client, plan_id):
    response = _post(client, app, plan_id, "/issue", {})
    assert response.status_code == 400
    assert (
        "Before issuing, add at least one item, at least one measurable goal, the review date."
        in response.get_data(as_text=True)
    )


def test_an_issued_plan_is_never_edited_and_a_revision_makes_a_new_version(app, client, plan_id):
    _ready_to_issue(client, app, plan_id)
    assert _post(client, app, plan_id, "/issue", {}).status_code == 302
    refused = _add(client, app, plan_id, "superficial-heat", "thigh", "right")
    assert refused.status_code == 409
    assert "has been issued and is kept as it was" in refused.get_data(as_text=True)

    assert _post(client, app, plan_id, "/revise", {}).status_code == 302
    assert _add(client, app, plan_id, "superficial-heat", "thigh", "right").status_code == 302
    with app.app_context():
        versions = db.session.get(TreatmentPlan, plan_id).versions
        summary = [(v.number, v.status, [i.catalogue_item.key for i in v.items]) for v in versions]
    assert summary == [
        (1, "issued", ["clam-shell"]),
        (2, "draft", ["clam-shell", "superficial-heat"]),
    ]
    old = client.get(f"/plans/{plan_id}?version=1").get_data(as_text=True)
    assert "version 1" in old
    assert "Superficial heat" not in old.split("Plan items")[1].split("Goals")[0]
    assert _post(client, app, plan_id, "/issue", {}).status_code == 302
    with app.app_context():
        statuses = [v.status for v in db.session.get(TreatmentPlan, plan_id).versions]
    assert statuses == ["superseded", "issued"]


def test_a_stale_page_cannot_overwrite_a_colleagues_change(app, client, plan_id):
    stale_lock = _lock(app, plan_id)
    assert (
        _add(client, app, plan_id, "clam-shell", "hip", "right", item_type="exercise").status_code
        == 302
    )
    target_on = (date.today() + timedelta(weeks=6)).isoformat()
    goal = {"measure": "nprs_now", "comparator": "<=", "target": "3", "target_on": target_on}
    response = _post(client, app, plan_id, "/goals", goal, lock=stale_lock)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Someone else changed this plan after you opened it" in page
    assert 'value="3"' in page  # the clinician's entry is kept
    with app.app_context():
        assert db.session.get(TreatmentPlan, plan_id).current.goals == []


@pytest.fixture
def other_clinics_plan(app):
    with app.app_context():
        patient = make_patient()
        assessment = make_assessment(patient, record=PLAN_RECORD, finalised=True)
        from practice.plans.services import add_goal, add_item, start_plan

        plan = start_plan(assessment, author=patient.created_by)
        db.session.flush()
        item = db.session.get(CatalogueItem, _item_id("clam-shell", "exercise"))
        from practice.clinical.screening import TreatmentSite

        entry = add_item(
            plan,
            item,
            site=TreatmentSite(BodyRegion.HIP, Side.RIGHT),
            dosage=item.dosage,
            reason="",
            author=patient.created_by,
            lock=plan.current.lock_version,
        )
        db.session.flush()
        goal = add_goal(
            plan,
            measure_code="nprs_now",
            comparator="<=",
            target=Decimal(2),
            target_on=date.today() + timedelta(weeks=4),
            author=patient.created_by,
            lock=plan.current.lock_version,
        )
        db.session.commit()
        return {"plan": plan.id, "assessment": assessment.id, "item": entry.id, "goal": goal.id}


@pytest.mark.parametrize(
    ("method", "route"),
    [
        ("post", "/assessments/{assessment}/plans"),
        ("get", "/plans/{plan}"),
        ("post", "/plans/{plan}/items"),
        ("post", "/plans/{plan}/items/{item}"),
        ("post", "/plans/{plan}/goals"),
        ("post", "/plans/{plan}/goals/{goal}/remove"),
        ("post", "/plans/{plan}/schedule"),
        ("post", "/plans/{plan}/issue"),
        ("post", "/plans/{plan}/revise"),
    ],
)
def test_another_clinics_plan_is_404(client, me, other_clinics_plan, method, route):
    token = csrf_token_from(client.get("/patients/new").get_data(as_text=True))
    url = route.format(**other_clinics_plan)
    kwargs = {"data": {"csrf_token": token, "lock": "1"}} if method == "post" else {}
    assert getattr(client, method)(url, **kwargs).status_code == 404


def test_plan_pages_need_sign_in(client):
    assert "/login" in client.get("/plans/1").headers["Location"]


def test_the_patient_timeline_lists_plan_versions(app, client, plan_id):
    with app.app_context():
        patient_id = db.session.get(TreatmentPlan, plan_id).patient_id
    page = client.get(f"/patients/{patient_id}").get_data(as_text=True)
    assert "Treatment plan, version 1 (draft)" in page


def test_electrotherapy_needs_its_electrode_placement(app, client, plan_id):
    response = _add(
        client,
        app,
        plan_id,
        "tens-conventional",
        "thigh",
        "right",
        override_reason="Cardiology agreed",
    )
    assert response.status_code == 400
    assert "Describe where the electrodes go" in response.get_data(as_text=True)
    assert _items(app, plan_id) == []


def test_a_retired_item_stays_on_the_plans_that_used_it(app, client, plan_id):
    _add(client, app, plan_id, "clam-shell", "hip", "right", item_type="exercise")
    with app.app_context():
        item = db.session.get(CatalogueItem, _item_id("clam-shell", "exercise"))
        item.retired_at = db.session.get(TreatmentPlan, plan_id).created_at
        db.session.commit()
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "Clam" in page
    assert "retired from catalogue" in page


def test_the_assessment_lists_the_plans_built_from_it(app, client, plan_id):
    with app.app_context():
        assessment_id = db.session.get(TreatmentPlan, plan_id).assessment_id
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Plan 1, version 1 (draft)" in page
    assert "Build another plan" in page


def test_dry_needling_needs_a_current_consent(app, client, plan_id):
    response = _add(
        client,
        app,
        plan_id,
        "dry-needling",
        "thigh",
        "right",
        acknowledge_precaution="y",
        override_reason="Agreed with the patient",
    )
    assert response.status_code == 400
    assert "Dry needling needs the patient&#39;s explicit consent" in response.get_data(
        as_text=True
    )
    with app.app_context():
        from practice.patients.services import add_consent

        patient = db.session.get(TreatmentPlan, plan_id).patient
        add_consent(
            patient,
            {
                "subject": "dry_needling",
                "consent_type": "written",
                "scope": "course",
                "given_by": "patient",
                "capacity_confirmed": True,
                "risks_discussed": "Bruising",
                "given_on": date.today(),
            },
            author=patient.created_by,
        )
        db.session.commit()
    response = _add(
        client,
        app,
        plan_id,
        "dry-needling",
        "thigh",
        "right",
        acknowledge_precaution="y",
        override_reason="Agreed with the patient",
    )
    assert response.status_code == 302


def test_goals_are_checked_against_the_next_assessment(app, client, plan_id):
    target_on = (date.today() + timedelta(weeks=6)).isoformat()
    for measure in ("nprs_now", "nprs_worst"):
        goal = {"measure": measure, "comparator": "<=", "target": "3", "target_on": target_on}
        assert _post(client, app, plan_id, "/goals", goal).status_code == 302
    with app.app_context():
        plan = db.session.get(TreatmentPlan, plan_id)
        later = AssessmentData(subjective=Subjective(nprs_now=2), strength=PLAN_RECORD.strength)
        make_assessment(
            plan.patient,
            record=later,
            finalised=True,
            seen_on=plan.assessment.seen_on + timedelta(weeks=4),
        )
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "Met</span>" in page  # pain now 2 against a target of at most 3
    assert "Not measured at the assessment of" in page  # worst pain was not scored again


# A dosage the steps cannot express is refused (bad input) ------------------------------------

# (exercise, site, field, value, message): the rule comes from the exercise's own defaults.
INEXPRESSIBLE = [
    ("clam-shell", ("hip", "right"), "hold_seconds", "30", "has no hold in its steps"),
    ("clam-shell", ("hip", "right"), "duration_minutes", "10", "counted, not timed"),
    ("clam-shell", ("hip", "right"), "side", "not_applicable", "left, right, both or alternate"),
    ("clam-shell", ("hip", "right"), "load", "5", "This exercise takes no load"),
    ("glute-bridge", ("pelvis", "bilateral"), "side", "left", "not done one side at a time"),
    ("band-row", ("shoulder", "right"), "load", "purple", "Choose the band colour."),
    ("band-row", ("shoulder", "right"), "load", "3", "Choose the band colour."),
    ("straight-leg-raise", ("thigh", "right"), "load", "80", "between 0.5 and 50 kg"),
    ("straight-leg-raise", ("thigh", "right"), "load", "heavy", "Enter a number."),
]


def _exercise_entry(app, client, plan_id, key, site):
    response = _add(client, app, plan_id, key, *site, item_type="exercise")
    assert response.status_code == 302
    entry_id = _entry_id(app, plan_id)
    with app.app_context():
        dosage = db.session.get(PlanItem, entry_id).dosage
    typed = {f"dosage-{name}": "" if dosage[name] is None else str(dosage[name]) for name in dosage}
    return entry_id, dosage, typed | {"dosage-load": ""}


@pytest.mark.parametrize(
    ("key", "site", "field", "value", "message"),
    INEXPRESSIBLE,
    ids=[f"{key}-{field}-{value}" for key, _, field, value, _ in INEXPRESSIBLE],
)
def test_a_dosage_its_steps_cannot_express_is_refused_by_the_field(
    app, client, plan_id, key, site, field, value, message
):
    entry_id, before, typed = _exercise_entry(app, client, plan_id, key, site)
    response = _post(
        client, app, plan_id, f"/items/{entry_id}", DOSAGE | typed | {f"dosage-{field}": value}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert invalid_fields(page) == {f"dosage-{field}"}  # the message is by the field
    if field != "side" and value != "purple":  # a select shows only what it offers
        assert f'value="{value}"' in page
    with app.app_context():
        assert db.session.get(PlanItem, entry_id).dosage == before


def test_a_sided_exercise_offers_the_four_sides_and_one_that_is_not_offers_none(
    app, client, plan_id
):
    _exercise_entry(app, client, plan_id, "clam-shell", ("hip", "right"))
    _exercise_entry(app, client, plan_id, "glute-bridge", ("pelvis", "bilateral"))
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    with app.app_context():
        clam, bridge = (item.id for item in db.session.get(TreatmentPlan, plan_id).current.items)
    assert _side_options(page, clam) == ["left", "right", "both", "alternate"]
    assert _side_options(page, bridge) == ["not_applicable"]


def _side_options(page, entry_id):
    select = page[page.index(f'id="dosage-{entry_id}-side"') :]
    return re.findall(r'<option value="([^"]+)"', select[: select.index("</select>")])


@pytest.mark.parametrize(
    ("key", "site", "value", "expected", "printed"),
    [
        ("band-row", ("shoulder", "right"), "red", ("band", None, "red"), "Use the red band."),
        (
            "straight-leg-raise",
            ("thigh", "right"),
            "2.5",
            ("kilograms", 2.5, None),
            "Hold a 2.5 kg weight.",
        ),
    ],
)
def test_a_load_is_set_on_the_plan_and_printed_on_the_dosage_line(
    app, client, plan_id, key, site, value, expected, printed
):
    entry_id, _, typed = _exercise_entry(app, client, plan_id, key, site)
    response = _post(
        client, app, plan_id, f"/items/{entry_id}", DOSAGE | typed | {"dosage-load": value}
    )
    assert response.status_code == 302
    with app.app_context():
        dosage = db.session.get(PlanItem, entry_id).dosage
    assert (dosage.load.kind, dosage.load.amount, dosage.load.band) == expected
    assert printed in dosage_sentences(dosage)
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    load_input = page[page.index(f'id="dosage-{entry_id}-load"') :]
    shown = load_input.split("</div>")[0]
    assert (f'value="{value}" selected' if key == "band-row" else f'value="{value}"') in shown


def test_an_exercise_added_at_a_left_site_is_prescribed_for_the_left(app, client, plan_id):
    """The handout's side words follow the dosage, so the dosage starts on the site's side."""
    response = _add(
        client,
        app,
        plan_id,
        "wrist-flexor-stretch",
        "wrist_hand",
        "left",
        "exercise",
        acknowledge_precaution="y",  # the patient takes anticoagulants (7.1)
    )
    assert response.status_code == 302
    with app.app_context():
        entry = db.session.get(TreatmentPlan, plan_id).current.items[-1]
        assert (entry.catalogue_item.key, entry.dosage["side"]) == ("wrist-flexor-stretch", "left")


def test_a_positive_vascular_neck_answer_blocks_neck_massage_with_its_reason(app, client, me):
    """1.2 "Stop; medical referral", 7.3 "avoid neck": the recorded referral is not a clearance."""
    vascular = RedFlagScreen(
        "vascular_neck",
        RedFlagAnswer.YES,
        detail="dizziness and diplopia on rotation",
        action_taken="Stopped treatment; letter to GP",
        referral_to="GP",
        urgency=Urgency.URGENT,
    )
    record = AssessmentData(
        subjective=Subjective(presenting_complaint="Neck pain", nprs_now=4, red_flags=(vascular,))
    )
    with app.app_context():
        patient = make_patient(author=signed_in_user())
        assessment_id = make_assessment(patient, record=record, finalised=True).id
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    started = client.post(
        f"/assessments/{assessment_id}/plans", data={"csrf_token": csrf_token_from(page)}
    )
    assert started.status_code == 302
    plan_id = int(started.headers["Location"].rsplit("/", 1)[1])

    blocked = _add(client, app, plan_id, "soft-tissue-massage", "neck", "not_applicable")

    assert blocked.status_code == 400
    shown = html.unescape(blocked.get_data(as_text=True))
    assert (
        "Massage contraindicated: positive red flag 'vascular signs (5 Ds and 3 Ns)' "
        "(dizziness and diplopia on rotation), referred to GP (urgent)"
    ) in shown
    assert "until a medical assessment clears the neck" in shown
    assert "can be added only with a written clinical reason" in shown
    assert _items(app, plan_id) == []
    thigh = _add(client, app, plan_id, "soft-tissue-massage", "thigh", "right")
    assert thigh.status_code == 302
    assert [(key, verdict) for key, verdict, _, _ in _items(app, plan_id)] == [
        ("soft-tissue-massage", "allowed")
    ]


# Proposals led by the main problem, precautions acknowledged once (issue 11, point 6) --------


def _cards(page):
    return re.findall(r'<article class="card mb-2 proposal" [^>]*data-key="([^"]+)"', page)


def test_proposals_are_grouped_by_problem_each_item_once_with_its_sites(app, client, plan_id):
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    groups = page.count('<section class="proposal-group')
    assert groups >= 2
    assert page.count("Main problem</span>") == 1
    cards = _cards(page)
    assert cards
    assert len(cards) == len(set(cards))
    # a clinician technique applied at the finding: one card, a form per site it fits
    card = page[page.index('data-key="technique:static-stretch"') :].split("</article>")[0]
    regions = re.findall(r'name="site_region" value="(\w+)"', card)
    assert len(regions) >= 2
    assert len(regions) == len(set(regions))


def test_a_flag_precaution_is_acknowledged_once_per_plan(app, client, plan_id):
    """Anticoagulants (no site) make massage and stretching precautions (7.1, 7.3): the first
    item's tick covers the second, and the plan lists the acknowledgement with both items."""
    first = _add(
        client, app, plan_id, "soft-tissue-massage", "thigh", "right", acknowledge_precaution="y"
    )
    assert first.status_code == 302
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "Precautions acknowledged</h2>" in page

    second = _add(client, app, plan_id, "wrist-flexor-stretch", "wrist_hand", "left", "exercise")
    assert second.status_code == 302  # no second tick

    with app.app_context():
        plan = db.session.get(TreatmentPlan, plan_id)
        massage, stretch = plan.current.items
        assert (massage.verdict, stretch.verdict) == ("precaution", "precaution")
        assert stretch.acknowledged_at == massage.acknowledged_at
        assert stretch.acknowledged_by_id == massage.acknowledged_by_id
        actions = [event.action for event in plan.events]
        assert actions.count("precaution_acknowledged") == 1
        assert actions.count("precaution_covered") == 1
        names = [entry.catalogue_item.name for entry in (massage, stretch)]
    listed = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    acknowledgements = listed[listed.index('id="acknowledgements"') :].split("</section>")[0]
    assert acknowledgements.count('<li class="acknowledgement') == 1
    for name in names:
        assert html.escape(name) in acknowledgements


def test_a_proposal_under_an_acknowledged_flag_shows_it_is_covered(app, client, me):
    """With anticoagulants alone, stretching the calf is a precaution (7.1): once massage's
    precaution is acknowledged, the calf stretch proposal offers no second tick."""
    plan_id = _start_plan(app, client, {"kind": "anticoagulants"})
    card = 'data-key="exercise:calf-stretch-wall"'

    def calf_card():
        page = _with_every_proposal(client, plan_id)
        return page[page.index(card) :].split("</article>")[0]

    assert "I have considered the precaution" in calf_card()
    _add(client, app, plan_id, "soft-tissue-massage", "thigh", "right", acknowledge_precaution="y")
    covered = calf_card()
    anticoagulants = label(FlagKind.ANTICOAGULANTS)
    assert f"Covered by the precaution already acknowledged for {anticoagulants}" in covered
    assert "I have considered the precaution" not in covered


def _discard(client, plan_id: int, reason: str = "Started by mistake"):
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    lock = re.search(r'name="discard-lock" value="(\d+)"', page).group(1)
    data = {"discard-csrf_token": csrf_token_from(page), "discard-lock": lock}
    if reason:
        data["discard-reason"] = reason
    return client.post(f"/plans/{plan_id}/discard", data=data)


def test_a_discarded_revision_hands_the_plan_back_to_its_issued_version(app, client, me):
    from practice.models import TreatmentPlan

    with app.app_context():
        author = signed_in_user()
        plan = make_plan(author)
        plan_services.revise(plan, author=author, lock=plan.current.lock_version)
        db.session.commit()
        plan_id = plan.id
    refused = _discard(client, plan_id, reason="")
    assert refused.status_code == 400
    assert "Say why the draft is discarded" in refused.get_data(as_text=True)

    assert _discard(client, plan_id).status_code == 302
    with app.app_context():
        plan = db.session.get(TreatmentPlan, plan_id)
        assert [(v.number, v.status) for v in plan.versions] == [(1, "issued"), (2, "discarded")]
        assert plan.current.number == 1
        assert [v.number for v in plan.given] == [1]
        plan_services.revise(plan, author=signed_in_user(), lock=plan.current.lock_version)
        db.session.commit()
        assert [v.number for v in plan.versions] == [1, 2, 3]  # a new draft after the kept one
    shown = client.get(f"/plans/{plan_id}?version=2").get_data(as_text=True)
    assert "was discarded on" in shown
    assert "Started by mistake" in shown
    assert "Give PDF handout" not in shown


def test_a_plan_discarded_before_it_was_issued_cannot_be_revised_or_changed(app, client, me):
    with app.app_context():
        plan_id = make_plan(signed_in_user(), issue=False).id
    assert _discard(client, plan_id).status_code == 302
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "It was never given to the patient." in page
    assert "Start a new version" not in page
    assert "Issue plan to the patient" not in page
    with app.app_context():
        from practice.models import TreatmentPlan

        lock = str(db.session.get(TreatmentPlan, plan_id).current.lock_version)
    token = csrf_token_from(page)
    response = client.post(f"/plans/{plan_id}/revise", data={"csrf_token": token, "lock": lock})
    assert response.status_code >= 400
    assert "discarded before it was issued" in html.unescape(response.get_data(as_text=True))
