"""The body chart through the browser's eyes, CSRF on: marking areas of the subjective section
and what 1.1 records there, what is refused and how, the chart on the assessment page, a record
saved before the chart, and two charts on the comparison page."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

from practice.clinical.assessment_data import (
    AbnormalSensation,
    AssessmentData,
    BodySite,
    ChartView,
    PainQuality,
    Subjective,
    SymptomDepth,
    SymptomPattern,
)
from practice.clinical.vocabulary import BodyRegion, Side
from tests.factories import make_assessment, make_patient, signed_in_user
from tests.html_forms import form_values
from tests.sections import section_url, stored_record

FRONT, BACK = ChartView.FRONT, ChartView.BACK


class _Chart(HTMLParser):
    """The drawn areas of a page: area code -> "symptoms", "cleared" or "" (not marked), per
    chart in the order they appear; and the checked chart boxes."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: list[dict[str, str]] = []
        self.checked: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "path" and "area" in classes:
            code = attributes["data-area"]
            if not self.charts or code in self.charts[-1]:
                self.charts.append({})
            status = next((name[3:] for name in classes if name.startswith("is-")), "")
            self.charts[-1][code] = status
        if tag == "input" and attributes.get("name") == "body_chart" and "checked" in attributes:
            self.checked.append(attributes["value"])


def _read(page: str) -> _Chart:
    chart = _Chart()
    chart.feed(page)
    return chart


def _marked(chart: dict[str, str]) -> dict[str, str]:
    return {code: status for code, status in chart.items() if status}


def _details_index(page: str, site: str) -> int | None:
    """The index of a place's details row in the form (its hidden ``site`` field), if any."""
    values = form_values(page)
    return next(
        (
            int(name.split("-")[1])
            for name, value in values.items()
            if name.startswith("site_details-") and name.endswith("-site") and value == site
        ),
        None,
    )


def _post(client, assessment_id: int, changes: dict):
    """Post the section as a browser with body_chart.js does: a place's details row is the
    page's own where the place was marked already, else a new one the script added."""
    url = section_url(assessment_id, "subjective")
    page = client.get(url).get_data(as_text=True)
    values = form_values(page) | {"body_chart": _read(page).checked}
    rows = {}
    for placeholder, site in (("KNEE", "knee.left"), ("SHOULDER", "shoulder.right")):
        index = _details_index(page, site)
        if index is None:
            index = 100 + len(rows)  # any index not in use, as the script picks
            values[f"site_details-{index}-site"] = site
        rows[placeholder] = str(index)
    for key, value in changes.items():
        for placeholder, index in rows.items():
            key = key.replace(placeholder, index)
        values[key] = value
    return client.post(url, data=values)


MARKED = {
    "presenting_complaint": "Left knee pain going up stairs",
    "nprs_now": "4",
    "body_chart": ["front.knee.left", "back.knee.left", "back.lower_back", "front.shoulder.right"],
    "site_details-KNEE-depth": "deep",
    "site_details-KNEE-pattern": "intermittent",
    "site_details-KNEE-qualities": ["sharp", "dull_ache"],
    "site_details-KNEE-sensations": "pins_and_needles",
    "site_details-SHOULDER-status": "cleared",
}


def test_marked_areas_are_saved_with_what_is_recorded_there_and_shown(app, client, assessment_id):
    response = _post(client, assessment_id, MARKED)
    assert response.status_code == 302, response.get_data(as_text=True)
    subjective = stored_record(app, assessment_id).subjective
    assert subjective.pain_sites == (
        BodySite(BodyRegion.LOWER_BACK, Side.NOT_APPLICABLE, (BACK,)),
        BodySite(
            BodyRegion.KNEE,
            Side.LEFT,
            (FRONT, BACK),
            SymptomDepth.DEEP,
            SymptomPattern.INTERMITTENT,
            (PainQuality.SHARP, PainQuality.DULL_ACHE),
            (AbnormalSensation.PINS_AND_NEEDLES,),
        ),
    )
    assert subjective.cleared_sites == (BodySite(BodyRegion.SHOULDER, Side.RIGHT, (FRONT,)),)

    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    (drawn,) = _read(page).charts
    assert _marked(drawn) == {
        "front.knee.left": "symptoms",
        "back.knee.left": "symptoms",
        "back.lower_back": "symptoms",
        "front.shoulder.right": "cleared",
    }
    sites = page[page.index('id="body-chart-sites"') :]
    assert (
        "Left knee (front and back): deep, intermittent; sharp, dull ache; pins and needles"
        in (sites[: sites.index("</ul>")])
    )
    cleared = page[page.index('id="body-chart-cleared"') :]
    assert "Right shoulder (front)" in cleared[: cleared.index("</ul>")]
    findings = page.split('class="list-group findings"')[1]
    assert "knee (left)" in findings  # screening's pain sites
    assert "lower back" in findings
    assert "shoulder" not in findings.split("</ul>")[0]  # a cleared area is no pain site

    form = client.get(section_url(assessment_id, "subjective")).get_data(as_text=True)
    assert sorted(_read(form).checked) == sorted(MARKED["body_chart"])
    values = form_values(form)
    knee = _details_index(form, "knee.left")
    assert values[f"site_details-{knee}-depth"] == "deep"
    assert values[f"site_details-{_details_index(form, 'shoulder.right')}-status"] == "cleared"
    assert 'data-site-details="knee.left" hidden' not in form
    # An unmarked place has no row: the page's template gives one when it is marked.
    assert 'data-site-details="knee.right"' not in form
    template = form.split("<template data-site-template>")[1].split("</template>")[0]
    assert 'data-site-details="__SITE__"' in template
    assert 'name="site_details-__INDEX__-status"' in template  # the script fills in the index


def _refused(client, assessment_id, changes, message):
    response = _post(client, assessment_id, changes)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Nothing was saved" in page
    typed = form_values(page)
    assert (typed["presenting_complaint"], typed["nprs_now"]) == (
        changes["presenting_complaint"],
        changes["nprs_now"],
    )
    chart = page[page.index('id="body-chart"') :]
    assert message in chart[: chart.index("Region</th>")]
    return page


def test_an_unknown_area_is_refused_in_words_with_everything_typed_kept(app, client, assessment_id):
    changes = MARKED | {"body_chart": [*MARKED["body_chart"], "front.elbows.left"]}
    page = _refused(
        client,
        assessment_id,
        changes,
        "&#39;front.elbows.left&#39; is not an area of the body chart; nothing was marked there.",
    )
    assert sorted(_read(page).checked) == sorted(MARKED["body_chart"])
    values = form_values(page)
    assert values[f"site_details-{_details_index(page, 'knee.left')}-pattern"] == "intermittent"
    assert stored_record(app, assessment_id) == AssessmentData()


def test_a_side_on_a_midline_region_is_refused(app, client, assessment_id):
    changes = MARKED | {"body_chart": ["front.chest.left", "front.knee.left"]}
    page = _refused(
        client,
        assessment_id,
        changes,
        "The chest is midline: it has no left or right side; nothing was marked there.",
    )
    assert _read(page).checked == ["front.knee.left"]
    assert stored_record(app, assessment_id) == AssessmentData()


def test_a_limb_region_without_its_side_is_refused(app, client, assessment_id):
    _refused(
        client,
        assessment_id,
        MARKED | {"body_chart": ["front.knee"]},
        "Mark the left or the right knee; nothing was marked there.",
    )
    assert stored_record(app, assessment_id) == AssessmentData()


def test_a_cleared_area_with_symptoms_described_is_refused(app, client, assessment_id):
    changes = MARKED | {"site_details-KNEE-status": "cleared"}
    response = _post(client, assessment_id, changes)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    knee = page[page.index('data-site-details="knee.left"') :]
    assert "A cleared area is symptom-free" in knee[: knee.index("</fieldset>")]
    assert stored_record(app, assessment_id) == AssessmentData()


def test_an_altered_list_of_places_is_refused(app, client, assessment_id):
    changes = MARKED | {"site_details-KNEE-site": "elbow.middle"}
    response = _post(client, assessment_id, changes)
    assert response.status_code == 400
    assert "The body chart was altered; reload the page." in response.get_data(as_text=True)
    assert stored_record(app, assessment_id) == AssessmentData()


def test_details_of_a_place_that_is_not_marked_are_not_kept(app, client, assessment_id):
    changes = MARKED | {"body_chart": ["back.lower_back"]}
    assert _post(client, assessment_id, changes).status_code == 302
    subjective = stored_record(app, assessment_id).subjective
    assert subjective.pain_sites == (BodySite(BodyRegion.LOWER_BACK, views=(BACK,)),)
    assert subjective.cleared_sites == ()


def test_a_record_saved_before_the_chart_shows_its_sites_on_every_view_that_draws_them(
    app, client, assessment
):
    record = AssessmentData(
        subjective=Subjective(
            nprs_now=3,
            pain_sites=(
                BodySite(BodyRegion.KNEE, Side.BILATERAL),
                BodySite(BodyRegion.LOWER_BACK, Side.LEFT),
            ),
        )
    )
    assessment_id = assessment(record)
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    (drawn,) = _read(page).charts
    knees = {f"{view}.knee.{side}" for view in ("front", "back") for side in ("left", "right")}
    assert set(_marked(drawn)) == knees | {"back.lower_back"}
    sites = page[page.index('id="body-chart-sites"') :]
    assert "Knee (bilateral)" in sites
    assert "Lower back (left)" in sites
    form = client.get(section_url(assessment_id, "subjective")).get_data(as_text=True)
    assert set(_read(form).checked) == set(_marked(drawn))
    # Saved through the chart, the sides are the chart's.
    assert _post(client, assessment_id, {}).status_code == 302
    saved = stored_record(app, assessment_id).subjective.pain_sites
    assert [(site.region, site.side, site.views) for site in saved] == [
        (BodyRegion.LOWER_BACK, Side.NOT_APPLICABLE, (BACK,)),
        (BodyRegion.KNEE, Side.RIGHT, (FRONT, BACK)),
        (BodyRegion.KNEE, Side.LEFT, (FRONT, BACK)),
    ]


def test_the_comparison_draws_both_charts_and_lists_what_changed(app, client, me):
    with app.app_context():
        patient = make_patient(author=signed_in_user())
        make_assessment(
            patient,
            seen_on=date(2026, 3, 2),
            finalised=True,
            record=AssessmentData(
                subjective=Subjective(
                    pain_sites=(
                        BodySite(BodyRegion.KNEE, Side.LEFT, (FRONT,), SymptomDepth.DEEP),
                        BodySite(BodyRegion.NECK, views=(BACK,)),
                    )
                )
            ),
        )
        later = make_assessment(
            patient,
            seen_on=date(2026, 4, 13),
            finalised=True,
            record=AssessmentData(
                subjective=Subjective(
                    pain_sites=(
                        BodySite(BodyRegion.KNEE, Side.LEFT, (FRONT,), SymptomDepth.SUPERFICIAL),
                        BodySite(BodyRegion.ANKLE_FOOT, Side.RIGHT, (FRONT,)),
                    ),
                    cleared_sites=(BodySite(BodyRegion.NECK, views=(BACK,)),),
                )
            ),
        ).id
    page = client.get(f"/assessments/{later}/compare").get_data(as_text=True)
    section = page[page.index('id="body-chart-comparison"') :]
    section = section[: section.index("</section>")]
    earlier_chart, later_chart = _read(section).charts
    assert _marked(earlier_chart) == {"front.knee.left": "symptoms", "back.neck": "symptoms"}
    assert _marked(later_chart) == {
        "front.knee.left": "symptoms",
        "front.ankle_foot.right": "symptoms",
        "back.neck": "cleared",
    }
    assert section.index("02 Mar 2026") < section.index("13 Apr 2026")

    def listed(name: str) -> list[str]:
        part = section[section.index(f'id="body-chart-{name}"') :]
        part = part[: part.index("</ul>")]
        return [item.split("</li>")[0] for item in part.split("<li>")[1:]]

    assert listed("added") == ["Right ankle and foot"]
    assert listed("cleared") == ["Neck: recorded symptom-free"]
    assert listed("unchanged") == ["Left knee: was deep; now superficial"]


def test_the_comparison_leaves_the_chart_out_when_neither_record_marks_an_area(app, client, me):
    with app.app_context():
        patient = make_patient(author=signed_in_user())
        make_assessment(patient, seen_on=date(2026, 3, 2), finalised=True)
        later = make_assessment(patient, seen_on=date(2026, 4, 13), finalised=True).id
    page = client.get(f"/assessments/{later}/compare").get_data(as_text=True)
    assert 'id="body-chart-comparison"' not in page
