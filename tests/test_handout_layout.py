"""The handout's layout read back from the real PDF: page counts, cards kept whole, headings kept
with what follows, the log on one page, and the tags a screen reader reads (PDF/UA-1).

The handout is the one ``make bench`` times: its eight exercises, built with ``make_plan``.
Each paper and print size is rendered once per module (half a second to two seconds each).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject

from bench.handouts import EXERCISES
from practice.extensions import db
from practice.handouts import services
from practice.handouts.content import HandoutContent
from practice.models import Paper, TreatmentPlan
from tests.factories import make_plan, make_user

# Page limits for the eight-exercise handout, the exercise log included as its last page: issue
# 10's at most 3 + 1 (14 pt) and 6 + 1 (18 pt, large print). The trigger advice is the prevention
# handout's, and in normal print "When to get help" shares the log's page.
MAX_PAGES = {
    (Paper.A4, False): 4,
    (Paper.LETTER, False): 4,
    (Paper.A4, True): 7,
    (Paper.LETTER, True): 7,
}
VARIANTS = list(MAX_PAGES)
IDS = [f"{paper.value}-{'large' if large else 'normal'}" for paper, large in VARIANTS]


@dataclass(frozen=True)
class Rendered:
    content: HandoutContent
    reader: PdfReader
    pages: list[str]  # each page's text, whitespace collapsed

    def pages_holding(self, text: str) -> list[int]:
        snippet = " ".join(text.split())
        return [number for number, page in enumerate(self.pages, 1) if snippet in page]


@pytest.fixture(scope="module")
def rendered(_session_app) -> dict[tuple[Paper, bool], Rendered]:
    """The handout on every paper and print size, from a plan made (and removed) once."""
    from tests.conftest import inside_one_transaction

    results = {}
    with inside_one_transaction(_session_app), _session_app.test_request_context():
        plan_id = make_plan(make_user(), exercises=EXERCISES).id
        version = db.session.get(TreatmentPlan, plan_id).current
        for paper, large in VARIANTS:
            content = services.home_exercise_content(version, therapist=None, large_print=large)
            pdf = services.render_pdf(content, paper=paper)
            reader = PdfReader(io.BytesIO(pdf.data))
            assert pdf.page_count == len(reader.pages)
            pages = [" ".join(page.extract_text().split()) for page in reader.pages]
            results[paper, large] = Rendered(content, reader, pages)
    return results


@pytest.mark.parametrize("variant", VARIANTS, ids=IDS)
def test_the_bench_handout_fits_its_pages(rendered, variant):
    handout = rendered[variant]
    assert len(handout.content.exercises) == len(EXERCISES)
    assert len(handout.pages) <= MAX_PAGES[variant]
    card_pages = {
        handout.pages_holding(f"{n}. {card.name}")[0]
        for n, card in enumerate(handout.content.exercises, 1)
    }
    if not variant[1]:
        assert len(card_pages) <= math.ceil(len(EXERCISES) / 2), "fewer than two cards a page"


@pytest.mark.parametrize("variant", VARIANTS, ids=IDS)
def test_no_card_is_split_across_pages(rendered, variant):
    handout = rendered[variant]
    log_page = len(handout.pages)
    for number, card in enumerate(handout.content.exercises, 1):
        first = handout.pages_holding(f"{number}. {card.name}")
        assert first, card.name
        assert first[0] < log_page, card.name
        last_line = f"Too easy? {card.harder}"
        assert handout.pages_holding(last_line)[:1] == first[:1], f"{card.name} is split"


@pytest.mark.parametrize("variant", VARIANTS, ids=IDS)
def test_the_log_is_one_page_of_its_own(rendered, variant):
    handout = rendered[variant]
    log = handout.pages[-1]
    assert handout.pages_holding("Your exercise log") == [len(handout.pages)]
    assert f"of {handout.content.adherence_weeks}" in log
    for number, card in enumerate(handout.content.exercises, 1):
        assert f"{number}. {card.name}" in log
    assert "Pain today, 0 to 10" in log
    assert "Mon Tue Wed Thu Fri Sat Sun" in log


@pytest.mark.parametrize("variant", VARIANTS, ids=IDS)
def test_headings_stay_with_what_follows(rendered, variant):
    """ "When to get help" is on the page of its first line and shares its page with what comes
    before it: the log in normal print, the last cards in large print."""
    handout = rendered[variant]
    assert not handout.content.advice  # the trigger advice is the prevention handout's
    help_page = handout.pages_holding("When to get help")
    log_page = handout.pages_holding("Your exercise log")
    assert (help_page == log_page) is not handout.content.large_print
    assert help_page == handout.pages_holding(handout.content.seek_help[0])
    before_help = handout.pages[help_page[0] - 1].split("When to get help")[0]
    assert len(before_help.split()) > 20, "When to get help stands alone on its page"


def _structure(reader: PdfReader) -> tuple[DictionaryObject, list[DictionaryObject]]:
    """The structure tree's root and its elements in document (reading) order."""
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    elements = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject) and "/S" in node:
            elements.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(root["/K"])
    return root, elements


@pytest.mark.parametrize("variant", [VARIANTS[0], VARIANTS[-1]], ids=[IDS[0], IDS[-1]])
def test_the_pdf_is_tagged_with_title_language_and_headings_in_reading_order(rendered, variant):
    handout = rendered[variant]
    catalog = handout.reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert catalog["/Lang"] == "en"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    content = handout.content
    assert handout.reader.metadata.title == f"{content.title} · {content.patient_name}"
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()

    _, elements = _structure(handout.reader)
    headings = [element["/S"] for element in elements if element["/S"] in ("/H1", "/H2", "/H3")]
    expected = ["/H1", "/H2"]  # the title, the goals
    expected += ["/H2"] * len(content.exercises)
    # when to get help and the exercise log, in the order they print
    expected += ["/H2", "/H2"]
    assert headings == expected
    figures = [element.get("/Alt") for element in elements if element["/S"] == "/Figure"]
    assert figures == [card.illustration_alt for card in content.exercises]  # no logo here
    tables = [element for element in elements if element["/S"] == "/Table"]
    assert len(tables) == 1  # the log, read as a table with its header cells
    assert sum(element["/S"] == "/TH" for element in elements) == 7 + 1 + len(EXERCISES) + 1


@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER], ids=["a4", "letter"])
def test_help_that_would_not_fit_beside_the_log_goes_back_after_the_cards(app, rendered, paper):
    """Eight of the longest exercise names and every warning line there is overfill the log's
    page: "When to get help" then follows the cards, and the log stays one page of its own."""
    from dataclasses import replace

    from practice.seed import load_seed_catalogue

    seed = load_seed_catalogue()
    longest = sorted(seed.exercises, key=lambda exercise: len(exercise.name), reverse=True)
    card = rendered[Paper.A4, False].content.exercises[0]
    content = replace(
        rendered[Paper.A4, False].content,
        exercises=tuple(
            replace(card, name=exercise.name) for exercise in longest[: len(EXERCISES)]
        ),
        seek_help=tuple(item.text for item in seed.red_flags),
    )
    assert content.help_with_log
    with app.test_request_context():
        pdf = services.render_pdf(content, paper=paper)
    pages = [
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf.data)).pages
    ]
    assert [n for n, page in enumerate(pages, 1) if "Your exercise log" in page] == [len(pages)]
    assert "When to get help" not in pages[-1]
    help_page = next(page for page in pages if "When to get help" in page)
    assert "Too easy?" in help_page.split("When to get help")[0]  # after a card, not alone
    for line in content.seek_help:
        assert " ".join(line.split()[-4:]) in help_page, line


def test_the_renderer_understands_every_rule_of_the_handout(app, rendered, caplog):
    """WeasyPrint drops, with a warning, CSS it cannot read (a width media query, for one):
    the handout's stylesheet holds none, so the PDF is laid out as the CSS says."""
    with caplog.at_level("WARNING", logger="weasyprint"), app.test_request_context():
        services.render_pdf(rendered[Paper.A4, False].content, paper=Paper.A4)
    assert [record.getMessage() for record in caplog.records if record.name == "weasyprint"] == []
