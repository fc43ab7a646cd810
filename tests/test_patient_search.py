"""Finding a patient: by the start of any word of the name, phone or reference, by date of birth;
a page at a time by keyset, from indexes on both databases."""

from __future__ import annotations

import re
from datetime import date
from itertools import chain

import pytest
from sqlalchemy import select, text

from practice.extensions import db
from practice.models import Patient, PatientSearchToken
from practice.patients import search
from practice.patients.search_keys import query_words, search_keys
from practice.patients.services import patient_values, update_patient
from tests.factories import make_patient, signed_in_user
from tests.test_statement_counts import counted

NAME_IN_LIST = re.compile(r'href="/patients/\d+">([^<]+)</a>')


def _mine(app, **overrides) -> int:
    with app.app_context():
        return make_patient(author=signed_in_user(), **overrides).id


def _names(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return NAME_IN_LIST.findall(response.get_data(as_text=True))


@pytest.fixture
def people(app, me):
    for given, family, born, phone, reference in (
        ("Ann", "Smith", date(1950, 1, 2), "020 7946 0001", ""),
        ("Bob", "Smithson", date(1960, 5, 6), "", "AB-1234"),
        ("Cara", "Jones", date(1950, 1, 2), "+44 7700 900123", ""),
        ("Zoë", "Ångström", date(1990, 3, 4), "", ""),
        ("Seán", "O'Brien-Murphy", date(1980, 7, 8), "", ""),
        ("Дмитрий", "Иванов", date(1975, 9, 10), "", ""),
        ("小明", "王", date(2001, 11, 12), "", ""),
    ):
        _mine(
            app,
            given_names=given,
            family_name=family,
            date_of_birth=born,
            phone=phone,
            reference=reference,
        )


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("smith", ["Smith, Ann", "Smithson, Bob"]),
        ("SMI", ["Smith, Ann", "Smithson, Bob"]),
        ("smith ann", ["Smith, Ann"]),
        ("ann smith", ["Smith, Ann"]),
        # Any word, one letter, in the order of the word matched: AB-1234, Ångström, Ann.
        ("a", ["Smithson, Bob", "Ångström, Zoë", "Smith, Ann"]),
        ("ith", []),  # the start of a word, not its middle
        ("zoe angstrom", ["Ångström, Zoë"]),  # accents do not matter
        ("ÅNGSTRÖM", ["Ångström, Zoë"]),
        ("obrien", ["O&#39;Brien-Murphy, Seán"]),
        ("murphy sean", ["O&#39;Brien-Murphy, Seán"]),
        ("o'brien", ["O&#39;Brien-Murphy, Seán"]),
        ("иван", ["Иванов, Дмитрий"]),
        ("ДМИТ", ["Иванов, Дмитрий"]),
        ("王", ["王, 小明"]),
        ("020 7946 0001", ["Smith, Ann"]),
        ("7700 900123", ["Jones, Cara"]),
        ("900123", ["Jones, Cara"]),
        ("ab-1234", ["Smithson, Bob"]),
        ("AB1234", ["Smithson, Bob"]),
        ("1234", ["Smithson, Bob"]),
        ("nobody", []),
    ],
)
def test_search_by_the_start_of_any_word(client, people, query, found):
    assert _names(client, f"/patients/?q={query}") == found


def test_search_by_date_of_birth_alone_and_with_a_name(client, people):
    assert _names(client, "/patients/?dob=1950-01-02") == ["Jones, Cara", "Smith, Ann"]
    assert _names(client, "/patients/?dob=1950-01-02&q=sm") == ["Smith, Ann"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("%", "Search by letters or digits"),
        ("_", "Search by letters or digits"),
        ("*", "Search by letters or digits"),
        ("%%__**", "Search by letters or digits"),
        ("x" * 1000, "Keep this to 100 characters or fewer."),
        ("a b c d e f g", "at most 6 words"),
    ],
)
def test_a_search_that_cannot_be_read_says_why_and_lists_nobody(client, people, query, message):
    response = client.get("/patients/", query_string={"q": query})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert NAME_IN_LIST.findall(page) == []
    assert f'value="{query}"' in page  # what was typed is kept


def test_a_blank_search_is_the_list(client, people):
    assert len(_names(client, "/patients/?q=+++")) == 7


def test_archived_patients_are_found_only_when_asked(app, client, people):
    with app.app_context():
        patient = db.session.scalar(select(Patient).where(Patient.family_name == "Smith"))
        patient.archived_at = patient.created_at
        db.session.commit()
    assert _names(client, "/patients/?q=smith") == ["Smithson, Bob"]
    assert _names(client, "/patients/?q=smith&archived=y") == ["Smith, Ann", "Smithson, Bob"]
    assert "Smith, Ann" not in _names(client, "/patients/")


def test_another_clinics_patients_are_never_found(app, client, people):
    with app.app_context():
        make_patient(given_names="Ann", family_name="Smith")  # another clinic's
    assert _names(client, "/patients/?q=smith") == ["Smith, Ann", "Smithson, Bob"]
    assert _names(client, "/patients/?dob=1970-01-01") == []
    assert len(_names(client, "/patients/")) == 7


def test_a_patient_with_two_matching_words_is_listed_once(client, app, me):
    _mine(app, given_names="Ann Annabel", family_name="Annan")
    assert _names(client, "/patients/?q=ann") == ["Annan, Ann Annabel"]


def test_a_changed_name_is_found_by_its_new_words_only(app, client, me):
    patient_id = _mine(app, given_names="Ann", family_name="Smith")
    with app.app_context():
        patient = db.session.get(Patient, patient_id)
        update_patient(patient, patient_values(patient) | {"family_name": "Jones"})
        db.session.commit()
        tokens = db.session.scalars(
            select(PatientSearchToken.token).where(PatientSearchToken.patient_id == patient_id)
        ).all()
    assert sorted(tokens) == ["ann", "jones"]
    assert _names(client, "/patients/?q=smith") == []
    assert _names(client, "/patients/?q=jon") == ["Jones, Ann"]


def _pages(client, url: str, link: str) -> list[list[str]]:
    """Every page from ``url`` on, following the ``link`` ("next" or "prev")."""
    pages = []
    while url:
        page = client.get(url.replace("&amp;", "&"))
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        pages.append(NAME_IN_LIST.findall(html))
        found = re.search(rf'href="([^"]+)" rel="{link}"', html)
        url = found and found.group(1)
    return pages


def _many(app, count: int, **overrides) -> list[str]:
    with app.app_context():
        me = signed_in_user()
        for number in range(count):
            make_patient(
                author=me, given_names=f"Pat {number:02d}", family_name="Walker", **overrides
            )
    return [f"Walker, Pat {number:02d}" for number in range(count)]


@pytest.mark.parametrize(
    "url",
    ["/patients/", "/patients/?q=walk", "/patients/?q=pat+walker", "/patients/?dob=1970-01-01"],
)
def test_every_page_forward_and_back_holds_each_patient_once_in_name_order(app, client, me, url):
    expected = _many(app, 60)
    forward = _pages(client, url, "next")
    assert [len(page) for page in forward] == [25, 25, 10]
    assert list(chain(*forward)) == expected
    last = url + ("&" if "?" in url else "?") + "page=last"
    backward = _pages(client, last, "prev")
    assert [len(page) for page in backward] == [25, 25, 10]
    assert list(chain(*reversed(backward))) == expected


def test_a_single_page_has_no_page_links(app, client, me):
    _many(app, 3)
    page = client.get("/patients/").get_data(as_text=True)
    assert "3 patients" in page
    assert 'rel="next"' not in page
    assert "Pages of patients" not in page


@pytest.mark.parametrize(
    "cursor",
    ["garbage", "WyJhZnRlciIsWyJ4IiwxXV0", "last.x", "WyJhZnRlciIsWyJ4IiwxXV0.tampered"],
)
def test_a_page_link_that_was_changed_is_a_400(app, client, me, cursor):
    _many(app, 30)
    response = client.get("/patients/", query_string={"page": cursor})
    assert response.status_code == 400
    assert "This page link is not valid" in response.get_data(as_text=True)


def test_a_page_link_of_another_search_shape_is_a_400(app, client, me):
    _many(app, 30)
    html = client.get("/patients/").get_data(as_text=True)
    link = re.search(r'href="/patients/\?page=([^"]+)" rel="next"', html).group(1)
    response = client.get(f"/patients/?q=walk&page={link}")
    assert response.status_code == 400
    assert "belongs to another search" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/patients/", "/patients/?q=walk", "/patients/?dob=1970-01-01"])
def test_a_page_costs_the_same_statements_for_ten_patients_or_sixty(app, client, me, url):
    counts = []
    for count in (10, 50):
        _many(app, count)
        client.get(url)
        with counted(app) as statements:
            assert client.get(url).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]


def _plan(app, statement) -> str:
    """The query plan the database chooses for ``statement``."""
    with app.app_context():
        compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
        if db.engine.dialect.name == "sqlite":
            rows = db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
            return "\n".join(str(row[-1]) for row in rows)
        # On a test table of a few rows any plan costs nothing, and the planner may pick an index
        # on other columns and sort the few rows it finds: with scans and sorts priced out, it
        # shows whether an index reads the rows in the order asked (one still Sorts if none does).
        db.session.execute(text("SET LOCAL enable_seqscan = off"))
        db.session.execute(text("SET LOCAL enable_sort = off"))
        rows = db.session.execute(text(f"EXPLAIN {compiled}")).all()
        return "\n".join(row[0] for row in rows)


@pytest.mark.parametrize(
    "query",
    [
        search.PatientQuery(clinic_id=1),
        search.PatientQuery(clinic_id=1, words=("smi",)),
        search.PatientQuery(clinic_id=1, words=("smi", "ann")),
        search.PatientQuery(clinic_id=1, born_on=date(1950, 1, 2)),
    ],
    ids=["list", "word", "two words", "date of birth"],
)
@pytest.mark.parametrize("where", ["first", "after", "before", "last"])
def test_every_search_shape_reads_an_index_in_page_order(app, query, where):
    key = ("smith", "smith\x01ann", 7)[-query.key_length :]
    position = {
        "first": search.FIRST_PAGE,
        "after": search.Position(search.Direction.AFTER, key),
        "before": search.Position(search.Direction.BEFORE, key),
        "last": search.LAST_PAGE,
    }[where]
    statement, parameters = search.page_statement(query, position, 25)
    _assert_served_by_an_index(app, statement.params(parameters))


def test_a_page_statement_is_built_once_for_each_shape():
    """Built once and its values bound: building a search statement was a tenth of the page."""
    first = search.page_statement(search.PatientQuery(1, ("smi",)), search.FIRST_PAGE, 25)
    again = search.page_statement(search.PatientQuery(2, ("ann",)), search.FIRST_PAGE, 25)
    assert first[0] is again[0]
    assert (first[1]["driving"], again[1]["clinic_id"]) == ("smi", 2)


def test_the_dashboards_newest_patients_are_read_from_an_index(app):
    _assert_served_by_an_index(app, search.newest_patients_statement(1, 8))


def _assert_served_by_an_index(app, statement) -> None:
    plan = _plan(app, statement)
    if "sqlite" in str(app.config["SQLALCHEMY_DATABASE_URI"]):
        assert "SCAN" not in plan.replace("SCAN CONSTANT", ""), plan
        assert "TEMP B-TREE" not in plan, plan  # no sort: the index gives the order
    else:
        assert "Seq Scan" not in plan, plan
        assert "Sort" not in plan, plan


def test_query_words_join_a_number_and_ignore_repeats():
    assert query_words("07700 900 123") == ["07700900123"]
    assert query_words("Ann ann ANN smith") == ["ann", "smith"]
    assert query_words("%_*") == []


def test_search_keys_hold_every_word_folded():
    keys = search_keys(
        given_names="Zoë Anne",
        family_name="O'Brien-Smith",
        phone="+44 7700 900123",
        reference="AB-1",
    )
    assert keys.sort_key == "o brien smith\x01zoe anne"
    assert keys.tokens == {
        "zoe", "anne", "o", "brien", "smith", "obriensmith",
        "447700900123", "7700900123", "900123", "ab1",
    }  # fmt: skip


def test_the_list_shows_each_patients_current_flags_only(app, client, me):
    from tests.factories import make_flag

    with app.app_context():
        patient = make_patient(author=signed_in_user(), given_names="Ivy", family_name="Stone")
        make_flag(patient, kind="diabetes")
        resolved = make_flag(patient, kind="dvt")
        resolved.resolved_on = date(2026, 2, 1)
        make_patient(author=signed_in_user(), family_name="Unflagged")
        db.session.commit()
    row = client.get("/patients/").get_data(as_text=True).split("Stone, Ivy")[1].split("</tr>")[0]
    assert "Diabetes" in row
    assert "DVT" not in row
