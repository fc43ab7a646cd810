import dataclasses
import json
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select

from practice.clinical.assessment_data import (
    AssessmentData,
    Circulation,
    Claudication,
    OxfordModifier,
    Posture,
    RangeOfMotion,
    RedFlagAnswer,
    RedFlagScreen,
    ReportedAbi,
    SpasmPattern,
    SpecialTest,
    Strength,
    Subjective,
)
from practice.clinical.vocabulary import BodyRegion, PostureDeviation, Severity, Side
from practice.extensions import db
from practice.models import Addendum, Assessment, AssessmentEvent
from tests.conftest import csrf_token_from
from tests.factories import make_assessment, make_patient, make_plan, signed_in_user
from tests.html_forms import form_values, invalid_fields
from tests.sections import assert_refused_with_input_kept, post_section

RECORD = AssessmentData(
    subjective=Subjective(presenting_complaint="Right hip pain walking", nprs_now=6, nprs_worst=8),
    strength=(
        Strength("gluteus_medius", Side.LEFT, 5, force_newtons=Decimal("200")),
        Strength("gluteus_medius", Side.RIGHT, 3, force_newtons=Decimal("120")),
    ),
    range_of_motion=(RangeOfMotion("ankle_dorsiflexion", Side.LEFT, 10),),
)


@pytest.fixture
def patient_id(app, me):
    with app.app_context():
        return make_patient(author=signed_in_user(), given_names="Ada", family_name="Lovelace").id


def _assessment(app, patient_id, **kwargs):
    with app.app_context():
        from practice.models import Patient

        return make_assessment(db.session.get(Patient, patient_id), **kwargs).id


def _record(app, assessment_id) -> AssessmentData:
    with app.app_context():
        return db.session.get(Assessment, assessment_id).data


def _post(client, url, data, page_url=None):
    token = csrf_token_from(client.get(page_url or url).get_data(as_text=True))
    return client.post(url, data=data | {"csrf_token": token})


def test_start_an_assessment_from_the_patient_page(app, client, patient_id):
    response = _post(
        client,
        f"/patients/{patient_id}/assessments",
        {"seen_on": "2026-03-02"},
        page_url=f"/patients/{patient_id}",
    )
    assert response.status_code == 302
    assert "/sections/subjective" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Assessment of 02 Mar 2026" in page
    assert "Draft" in page


def test_save_strength_section_and_see_findings(app, client, patient_id):
    assessment_id = _assessment(app, patient_id)
    url = f"/assessments/{assessment_id}/sections/strength"
    page = client.get(url).get_data(as_text=True)
    data = {
        "csrf_token": csrf_token_from(page),
        "version": "1",
        "rows-0-muscle_group": "gluteus_medius",
        "rows-0-left_grade": "5",
        "rows-0-left_force": "200",
        "rows-0-right_grade": "3",
        "rows-0-right_force": "120",
    }
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    record = _record(app, assessment_id)
    assert {(item.side, item.grade) for item in record.strength} == {
        (Side.LEFT, 5),
        (Side.RIGHT, 3),
    }
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Gluteus medius right 3/5 against 5/5 left" in overview
    assert "40 % lower on the right" in overview


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"rows-0-left_grade": "7"}, "Not a valid choice."),
        ({"rows-0-left_force": "-5"}, "Left force must be between 0 and 2000 N."),
        ({"rows-0-left_force": "abc"}, "Not a valid decimal value."),
        ({"rows-0-muscle_group": "", "rows-0-left_grade": "4"}, "Choose the muscle group"),
        ({"rows-0-left_grade": "", "rows-0-left_force": "100"}, "Enter the Oxford grade"),
        ({"rows-0-left_grade": "5", "rows-0-left_modifier": "+"}, "does not exist"),
    ],
)
def test_bad_strength_input_is_explained_and_nothing_is_saved(
    app, client, patient_id, row, message
):
    assessment_id = _assessment(app, patient_id)
    url = f"/assessments/{assessment_id}/sections/strength"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    data = {
        "csrf_token": token,
        "version": "1",
        "rows-0-muscle_group": "gluteus_medius",
        "rows-0-right_grade": "4",
        "rows-0-right_force": "151",
    } | row
    response = client.post(url, data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert 'value="151"' in page  # what was typed is still there
    assert _record(app, assessment_id).strength == ()


def test_a_muscle_and_side_in_two_rows_is_refused_on_the_row_with_the_input_kept(
    app, client, patient_id
):
    assessment_id = _assessment(app, patient_id)
    url = f"/assessments/{assessment_id}/sections/strength"
    sent = {
        "rows-0-muscle_group": "gluteus_medius",
        "rows-0-left_grade": "4",
        "rows-0-left_modifier": "+",
        "rows-1-muscle_group": "gluteus_medius",
        "rows-1-left_grade": "3",
        "rows-1-left_force": "95",
        "rows-1-right_grade": "5",  # the right side is in one row only
    }
    response = post_section(client, url, sent)
    page = assert_refused_with_input_kept(
        response, sent, "rows-1-left_grade", "Gluteus medius (left) is already in another row."
    )
    assert invalid_fields(page) == {"rows-1-left_grade"}
    assert _record(app, assessment_id).strength == ()


def test_subjective_pain_out_of_range_is_explained(app, client, patient_id):
    assessment_id = _assessment(app, patient_id)
    url = f"/assessments/{assessment_id}/sections/subjective"
    page = client.get(url).get_data(as_text=True)
    form = form_values(page) | {"nprs_now": "11", "presenting_complaint": "Neck pain"}
    response = client.post(url, data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Pain scores must be a whole number from 0 to 10." in page
    assert "Neck pain" in page


def test_a_stale_draft_is_refused_and_the_input_kept(app, client, patient_id):
    assessment_id = _assessment(app, patient_id)
    url = f"/assessments/{assessment_id}/sections/subjective"
    form = form_values(client.get(url).get_data(as_text=True))
    first = client.post(url, data=form | {"presenting_complaint": "First save"})
    assert first.status_code == 302
    second = client.post(url, data=form | {"presenting_complaint": "Second, from an old tab"})
    assert second.status_code == 409
    page = second.get_data(as_text=True)
    assert "Someone else saved this assessment after you opened it" in page
    assert "Second, from an old tab" in page
    assert _record(app, assessment_id).subjective.presenting_complaint == "First save"


def test_positive_red_flag_blocks_finalising_until_the_action_is_recorded(app, client, patient_id):
    record = AssessmentData(
        subjective=Subjective(
            red_flags=(RedFlagScreen("cauda_equina", RedFlagAnswer.YES, detail="saddle numbness"),)
        )
    )
    assessment_id = _assessment(app, patient_id, record=record)
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Red flag: suspected cauda equina syndrome." in page
    assert "Emergency, same day" in page
    response = _post(
        client,
        f"/assessments/{assessment_id}/finalise",
        {"confirm": "y"},
        page_url=f"/assessments/{assessment_id}",
    )
    assert response.status_code == 400
    assert "record the action taken, where the patient was referred and the urgency" in (
        response.get_data(as_text=True)
    )
    with app.app_context():
        assert db.session.get(Assessment, assessment_id).status == "draft"


def test_finalising_asks_for_confirmation_first(app, client, patient_id):
    assessment_id = _assessment(app, patient_id, record=RECORD)
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Once finalised it cannot be changed" in page
    response = _post(
        client,
        f"/assessments/{assessment_id}/finalise",
        {},
        page_url=f"/assessments/{assessment_id}",
    )
    assert response.status_code == 400
    assert "Tick to confirm that you have checked the record." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Assessment, assessment_id).status == "draft"


def test_finalise_then_every_change_is_refused(app, client, patient_id):
    assessment_id = _assessment(app, patient_id, record=RECORD)
    response = _post(
        client,
        f"/assessments/{assessment_id}/finalise",
        {"confirm": "y"},
        page_url=f"/assessments/{assessment_id}",
    )
    assert response.status_code == 302
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Finalised" in page
    before = _record(app, assessment_id)

    url = f"/assessments/{assessment_id}/sections/subjective"
    assert client.get(url).status_code == 302  # the form is not offered
    token = csrf_token_from(page)
    crafted = client.post(
        url, data={"csrf_token": token, "version": "2", "presenting_complaint": "rewritten"}
    )
    assert crafted.status_code == 409
    assert "can no longer be changed. Add a dated addendum instead." in crafted.get_data(
        as_text=True
    )
    again = client.post(f"/assessments/{assessment_id}/finalise", data={"csrf_token": token})
    assert again.status_code == 409
    assert _record(app, assessment_id) == before


def test_addendum_on_a_finalised_assessment(app, client, patient_id):
    assessment_id = _assessment(app, patient_id, record=RECORD, finalised=True)
    data = {
        "reason": "Late entry",
        "refers_to_on": "2026-03-02",
        "text": "Patient also reported calf cramps at night.",
    }
    response = _post(
        client,
        f"/assessments/{assessment_id}/addenda",
        data,
        page_url=f"/assessments/{assessment_id}",
    )
    assert response.status_code == 302
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Patient also reported calf cramps at night." in page
    assert "Addendum added" in page
    assert "Finalised" in page
    assert "Right hip pain walking" in page  # the original stays as it was


def test_addendum_needs_a_reason_and_text(app, client, patient_id):
    assessment_id = _assessment(app, patient_id, record=RECORD, finalised=True)
    response = _post(
        client,
        f"/assessments/{assessment_id}/addenda",
        {"reason": "", "text": ""},
        page_url=f"/assessments/{assessment_id}",
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Give the reason for the addendum." in page
    assert "Write the addendum." in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Addendum)) == 0


def test_a_draft_takes_no_addendum(app, client, patient_id):
    assessment_id = _assessment(app, patient_id)
    response = _post(
        client,
        f"/assessments/{assessment_id}/addenda",
        {"reason": "x", "text": "y"},
        page_url=f"/assessments/{assessment_id}",
    )
    assert response.status_code == 400
    assert "addenda amend finalised assessments" in response.get_data(as_text=True)


def test_history_shows_everything(app, client, patient_id):
    assessment_id = _assessment(app, patient_id, record=RECORD, finalised=True)
    _post(
        client,
        f"/assessments/{assessment_id}/addenda",
        {"reason": "Correction", "text": "t"},
        page_url=f"/assessments/{assessment_id}",
    )
    with app.app_context():
        actions = db.session.scalars(
            select(AssessmentEvent.action)
            .where(AssessmentEvent.assessment_id == assessment_id)
            .order_by(AssessmentEvent.id)
        ).all()
    assert actions == ["created", "finalised", "addendum_added"]
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Addendum added: Correction" in page


def test_reassessment_is_prefilled_and_compared(app, client, patient_id):
    first = _assessment(app, patient_id, record=RECORD, finalised=True, seen_on=date(2026, 3, 2))
    response = _post(
        client,
        f"/patients/{patient_id}/assessments",
        {"seen_on": "2026-04-13"},
        page_url=f"/patients/{patient_id}",
    )
    with app.app_context():
        second = db.session.scalar(select(Assessment.id).where(Assessment.id != first))
    assert _record(app, second) == RECORD
    assert "pre-filled" in client.get(response.headers["Location"]).get_data(as_text=True)

    url = f"/assessments/{second}/sections/subjective"
    form = form_values(client.get(url).get_data(as_text=True))
    assert client.post(url, data=form | {"nprs_now": "2"}).status_code == 302
    page = client.get(f"/assessments/{second}/compare").get_data(as_text=True)
    assert "What changed: 02 Mar 2026 → 13 Apr 2026" in page
    assert "Pain now" in page
    assert "-4/10" in page
    assert "<svg" in page
    assert "Ankle dorsiflexion (left)" in page


def test_export_gives_the_whole_record(app, client, patient_id):
    assessment_id = _assessment(app, patient_id, record=RECORD, finalised=True)
    _post(
        client,
        f"/assessments/{assessment_id}/addenda",
        {"reason": "Late entry", "text": "t"},
        page_url=f"/assessments/{assessment_id}",
    )
    response = client.get(f"/patients/{patient_id}/export.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    record = json.loads(response.get_data(as_text=True))
    assert record["patient"]["family_name"] == "Lovelace"
    (assessment,) = record["assessments"]
    assert assessment["status"] == "finalised"
    assert assessment["record"]["subjective"]["presenting_complaint"] == "Right hip pain walking"
    assert any("Gluteus medius right 3/5" in item["summary"] for item in assessment["findings"])
    assert assessment["addenda"][0]["reason"] == "Late entry"
    assert [event["action"] for event in assessment["history"]][-1] == "addendum_added"
    with app.app_context():  # the export itself is audited
        last = db.session.scalar(select(AssessmentEvent).order_by(AssessmentEvent.id.desc()))
        assert (last.action, last.actor.email) == ("exported", "me@ours.example")


@pytest.fixture
def other_clinics_assessment(app):
    with app.app_context():
        patient = make_patient()
        return {"patient": patient.id, "assessment": make_assessment(patient, record=RECORD).id}


@pytest.mark.parametrize(
    ("method", "route"),
    [
        ("post", "/patients/{patient}/assessments"),
        ("get", "/assessments/{assessment}"),
        ("get", "/assessments/{assessment}/sections/subjective"),
        ("post", "/assessments/{assessment}/sections/strength"),
        ("post", "/assessments/{assessment}/finalise"),
        ("post", "/assessments/{assessment}/addenda"),
        ("get", "/assessments/{assessment}/compare"),
        ("get", "/patients/{patient}/export.json"),
    ],
)
def test_another_clinics_assessment_is_404(client, me, other_clinics_assessment, method, route):
    token = csrf_token_from(client.get("/patients/new").get_data(as_text=True))
    url = route.format(**other_clinics_assessment)
    kwargs = {"data": {"csrf_token": token, "seen_on": "2026-01-01"}} if method == "post" else {}
    assert getattr(client, method)(url, **kwargs).status_code == 404


def test_comparing_with_another_patients_assessment_is_404(app, client, patient_id):
    mine = _assessment(app, patient_id, record=RECORD)
    with app.app_context():
        other = make_patient(author=signed_in_user())
        theirs = make_assessment(other, record=RECORD).id
    assert client.get(f"/assessments/{mine}/compare?with={theirs}").status_code == 404


def test_unknown_section_is_404(app, client, patient_id):
    assessment_id = _assessment(app, patient_id)
    assert client.get(f"/assessments/{assessment_id}/sections/astrology").status_code == 404


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-inf"])
def test_not_a_number_is_refused_with_a_message(app, client, patient_id, value):
    assessment_id = _assessment(app, patient_id)
    url = f"/assessments/{assessment_id}/sections/strength"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    data = {
        "csrf_token": token,
        "version": "1",
        "rows-0-muscle_group": "gluteus_medius",
        "rows-0-left_grade": "4",
        "rows-0-left_force": value,
    }
    response = client.post(url, data=data)
    assert response.status_code == 400
    assert "Enter a number." in response.get_data(as_text=True)


def test_every_positive_red_flag_shows_its_referral_advice(app, client, patient_id):
    record = AssessmentData(
        subjective=Subjective(
            red_flags=(
                RedFlagScreen("malignancy", RedFlagAnswer.YES, detail="weight loss"),
                RedFlagScreen(
                    "dvt",
                    RedFlagAnswer.YES,
                    action_taken="Sent to A&E",
                    referral_to="Emergency department",
                    urgency="emergency",
                ),
                RedFlagScreen("infection", RedFlagAnswer.NO),
            )
        )
    )
    page = client.get(f"/assessments/{_assessment(app, patient_id, record=record)}")
    text = page.get_data(as_text=True)
    assert "Red flag: possible malignancy.</strong> Urgent referral." in text
    assert "Red flag: suspected deep vein thrombosis." in text
    assert "Action taken: Sent to A&amp;E · referred to Emergency department (emergency)" in text
    assert text.index("deep vein thrombosis") < text.index("possible malignancy")  # banner first
    assert "Red flag: possible infection" not in text  # answered no


def test_pain_sites_are_recorded_and_name_the_pain_finding(app, client, patient_id):
    assessment_id = _assessment(app, patient_id)
    url = f"/assessments/{assessment_id}/sections/subjective"
    form = form_values(client.get(url).get_data(as_text=True))
    changes = {"nprs_now": "6", "body_chart": "back.lower_back"}
    assert client.post(url, data=form | changes).status_code == 302
    sites = _record(app, assessment_id).subjective.pain_sites
    assert [(site.region, site.side) for site in sites] == [("lower_back", "not_applicable")]
    findings = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "lower back" in findings.split('class="list-group findings"')[1].lower()
    reopened = form_values(client.get(url).get_data(as_text=True))
    assert reopened["body_chart"] == "back.lower_back"


def test_a_side_on_a_midline_region_is_refused(app, client, patient_id):
    assessment_id = _assessment(app, patient_id)
    url = f"/assessments/{assessment_id}/sections/subjective"
    form = form_values(client.get(url).get_data(as_text=True))
    response = client.post(url, data=form | {"body_chart": "back.lower_back.left"})
    assert response.status_code == 400
    assert "The lower back is midline: it has no left or right side" in response.get_data(
        as_text=True
    )
    assert _record(app, assessment_id).subjective.pain_sites == ()


def test_a_force_of_zero_typed_without_its_muscle_is_not_dropped_as_blank(app, client, patient_id):
    assessment_id = _assessment(app, patient_id)
    url = f"/assessments/{assessment_id}/sections/strength"
    form = form_values(client.get(url).get_data(as_text=True))
    response = client.post(url, data=form | {"rows-0-left_force": "0"})
    assert response.status_code == 400
    assert "Choose the muscle group for this row." in response.get_data(as_text=True)
    assert _record(app, assessment_id).strength == ()


EARLIER = AssessmentData(
    subjective=Subjective(nprs_now=5),
    strength=(Strength("quadriceps", Side.RIGHT, 4, OxfordModifier.MINUS),),
    posture=(Posture(PostureDeviation.THORACIC_KYPHOSIS, Severity.MODERATE),),
    special_tests=(SpecialTest("straight_leg_raise", Side.RIGHT, True, Decimal(45)),),
    circulation=Circulation(
        reported_abi=(ReportedAbi(Side.LEFT, Decimal("0.85")),),
        claudication=(Claudication(Side.LEFT, 100, 250),),
    ),
    spasms=(SpasmPattern(BodyRegion.LOWER_LEG, Side.LEFT, muscle_group="calf", frequency=5),),
)
LATER = dataclasses.replace(
    EARLIER,
    subjective=Subjective(nprs_now=2),
    strength=(Strength("quadriceps", Side.RIGHT, 4, OxfordModifier.PLUS),),
    posture=(Posture(PostureDeviation.THORACIC_KYPHOSIS, Severity.MILD),),
    special_tests=(SpecialTest("straight_leg_raise", Side.RIGHT, False, Decimal(70)),),
    circulation=Circulation(
        reported_abi=(ReportedAbi(Side.LEFT, Decimal("0.92")),),
        claudication=(Claudication(Side.LEFT, 180, 400),),
    ),
    spasms=(SpasmPattern(BodyRegion.LOWER_LEG, Side.LEFT, muscle_group="calf", frequency=1),),
)


class _TableReader(HTMLParser):
    """Each table row's cell texts, tags dropped and spaces collapsed."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data + " ")


def _compared_rows(page: str) -> dict[str, list[str]]:
    """The comparison table: measure -> [earlier, later, change, direction]."""
    reader = _TableReader()
    reader.feed(page.split('id="goals-heading"', 1)[0])
    return {row[0]: row[1:] for row in reader.rows if len(row) == 5}


def test_the_comparison_shows_every_recorded_measure_with_grade_modifiers(app, client, patient_id):
    _assessment(app, patient_id, record=EARLIER, finalised=True, seen_on=date(2026, 3, 2))
    later = _assessment(app, patient_id, record=LATER, finalised=True, seen_on=date(2026, 4, 13))
    page = client.get(f"/assessments/{later}/compare").get_data(as_text=True)
    rows = _compared_rows(page)
    assert rows["Quadriceps (right)"] == ["4−/5", "4+/5", "", "better"]
    expected = {
        "Walking distance before pain (left)": ["100 m", "180 m", "+80 m"],
        "Maximum walking distance (left)": ["250 m", "400 m", "+150 m"],
        "Calf cramps (left)": ["5 a week", "1 a week", "-4 a week"],
        "Thoracic kyphosis": ["Moderate", "Mild", ""],
        "Straight leg raise (right)": ["Positive", "Negative", ""],
        "Straight leg raise (right), measured": ["45°", "70°", "+25°"],
        # the note under the measure says where the values come from
        "ABI (left) Earlier and later value reported, not measured here": [
            "0.85",
            "0.92",
            "+0.07",
        ],
    }
    assert {measure: rows[measure] for measure in expected} == {
        measure: [*cells, "better"] for measure, cells in expected.items()
    }


def test_the_comparison_shows_the_goals_of_the_earlier_plan_at_the_later_assessment(
    app, client, me
):
    with app.app_context():
        plan = make_plan(signed_in_user())  # goal: pain now at most 2; pain now is 5
        patient, goal = plan.patient, plan.current.goals[0].text
        later = make_assessment(
            patient, record=LATER, seen_on=date(2026, 4, 13)
        ).id  # a draft: compared with the finalised assessment of the plan
    page = client.get(f"/assessments/{later}/compare").get_data(as_text=True)
    assert "Goals set after 02 Mar 2026, at 13 Apr 2026" in page
    goals = page.split('id="goals-heading"', 1)[1]
    assert goal in goals
    assert ">met</span>" in goals
    assert "the later assessment is still a draft" in page.lower()


def test_goals_of_a_plan_never_issued_are_not_shown(app, client, me):
    with app.app_context():
        plan = make_plan(signed_in_user(), issue=False)
        later = make_assessment(plan.patient, record=LATER, seen_on=date(2026, 4, 13)).id
    page = client.get(f"/assessments/{later}/compare").get_data(as_text=True)
    assert "No issued plan from the assessment of 02 Mar 2026 set goals." in page


def test_only_finalised_assessments_are_offered_and_accepted_for_comparison(
    app, client, patient_id
):
    first = _assessment(app, patient_id, record=EARLIER, finalised=True, seen_on=date(2026, 3, 2))
    draft = _assessment(app, patient_id, record=EARLIER, seen_on=date(2026, 3, 20))
    second = _assessment(app, patient_id, record=LATER, finalised=True, seen_on=date(2026, 4, 1))
    current = _assessment(app, patient_id, record=LATER, seen_on=date(2026, 4, 13))

    page = client.get(f"/assessments/{current}/compare").get_data(as_text=True)
    offered = [
        int(option.split('"', 1)[0])
        for option in page.split('id="with"', 1)[1].split("</select>")[0].split('value="')[1:]
    ]
    assert offered == [second, first]  # newest first, no draft, not itself

    for tampered, what in ((draft, "a draft"), (current, "itself")):
        response = client.get(f"/assessments/{current}/compare?with={tampered}")
        assert response.status_code == 302
        assert response.headers["Location"].endswith(f"/assessments/{current}")
        shown = client.get(response.headers["Location"]).get_data(as_text=True)
        assert f"compared only with another, finalised assessment, not with {what}." in shown
    assert client.get(f"/assessments/{current}/compare?with=999999").status_code == 404
    assert client.get(f"/assessments/{current}/compare?with={second}").status_code == 200


def test_a_draft_is_discarded_with_its_reason_and_kept_read_only(app, client, assessment_id):
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Discard this draft" in page
    token = csrf_token_from(page)
    refused = client.post(
        f"/assessments/{assessment_id}/discard", data={"discard-csrf_token": token}
    )
    assert refused.status_code == 400
    assert "Say why the draft is discarded" in refused.get_data(as_text=True)

    reason = "Started for the wrong patient"
    done = client.post(
        f"/assessments/{assessment_id}/discard",
        data={"discard-csrf_token": token, "discard-reason": reason},
    )
    assert done.status_code == 302
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        assert (assessment.status, assessment.discard_reason) == ("discarded", reason)
        events = db.session.scalars(
            select(AssessmentEvent.action).where(AssessmentEvent.assessment_id == assessment_id)
        ).all()
        assert "discarded" in events
    shown = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Discarded" in shown
    assert reason in shown
    assert "Finalise" not in shown
    assert f"/assessments/{assessment_id}/sections/" not in shown  # nothing to edit
    section = client.get(f"/assessments/{assessment_id}/sections/subjective")
    assert section.status_code == 302  # back to the overview, with the reason it is locked
    again = client.post(
        f"/assessments/{assessment_id}/discard",
        data={"discard-csrf_token": token, "discard-reason": reason},
    )
    assert again.status_code == 409
    assert "was discarded on" in again.get_data(as_text=True)


def test_a_finalised_assessment_cannot_be_discarded(app, client, me):
    from tests.factories import PLAN_RECORD

    with app.app_context():
        patient = make_patient(author=signed_in_user())
        finalised = make_assessment(patient, record=PLAN_RECORD, finalised=True).id
    token = csrf_token_from(client.get(f"/assessments/{finalised}").get_data(as_text=True))
    response = client.post(
        f"/assessments/{finalised}/discard",
        data={"discard-csrf_token": token, "discard-reason": "Oops"},
    )
    assert response.status_code == 409
    with app.app_context():
        assert db.session.get(Assessment, finalised).status == "finalised"


@pytest.mark.parametrize(
    ("key", "then", "goes_to"),
    [
        ("subjective", "next", "/sections/posture"),
        ("circulation", "next", "/sections/spasms"),
        ("lifestyle", "next", ""),  # after the last section, the overview
        ("posture", None, "/sections/posture"),  # Save draft stays
    ],
)
def test_a_section_saves_and_moves_on_in_order(app, client, patient_id, key, then, goes_to):
    from tests.html_forms import form_values

    assessment_id = _assessment(app, patient_id, record=RECORD)
    url = f"/assessments/{assessment_id}/sections/{key}"
    page = client.get(url).get_data(as_text=True)
    following = {"next": "Save and continue to", None: "Save draft"}[then]
    assert following in page
    values = form_values(page, "section-form") | ({"then": then} if then else {})
    response = client.post(url, data=values)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/assessments/{assessment_id}{goes_to}"
