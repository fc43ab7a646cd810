"""Every route of the URL map sends the headers that keep patient data in the browser that asked
for it (issue 12 point 6): walked as a signed-in clinician with real records, and anonymously."""

from __future__ import annotations

import pytest
from flask import Flask
from werkzeug.routing import Rule

from practice.models import Role
from practice.permissions import may
from practice.routing import LARGEST_ROW_ID
from practice.security import CACHEABLE_ENDPOINTS
from tests.conftest import AuthActions, csrf_token_from
from tests.factories import make_records_of_every_kind, make_user, signed_in_user, url_of

PLAIN_HTTP = "http://localhost"  # an HTTPS app's test client would otherwise default to https


@pytest.fixture
def records(app, me) -> dict[str, object]:
    with app.app_context():
        return make_records_of_every_kind(signed_in_user())


def _rules(app: Flask) -> list[Rule]:
    return sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule)


def _assert_protected(response, endpoint: str) -> None:
    policy = response.headers["Content-Security-Policy"]
    directives = dict((*part.split(maxsplit=1), "")[:2] for part in policy.split(";"))
    assert directives["frame-ancestors"] == "'none'", policy
    if endpoint == "clinic.logo":  # an SVG opened on its own: nothing runs, its styles only
        assert directives["default-src"] == "'none'", policy
        assert "sandbox" in directives, policy
    else:
        assert directives["script-src"] == "'self'", policy
        assert "unsafe-inline" not in directives["style-src"], policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    if endpoint not in CACHEABLE_ENDPOINTS:
        assert response.headers["Cache-Control"] == "no-store", endpoint
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP: no HSTS


def test_every_route_signed_in_sends_the_headers(app, client, records):
    seen = set()
    for rule in _rules(app):
        url = url_of(app, rule, records)
        method = "GET" if "GET" in rule.methods else "POST"
        # A POST without its CSRF token: a 400 page.
        with client.open(url, method=method) as response:
            assert response.status_code < 500, (rule.endpoint, response.status_code)
            _assert_protected(response, rule.endpoint)
        seen.add(rule.endpoint)
    assert seen == {rule.endpoint for rule in app.url_map.iter_rules()}


def test_every_route_anonymous_sends_the_headers(app, records):
    anonymous = app.test_client()
    for rule in _rules(app):
        method = "GET" if "GET" in rule.methods else "POST"
        with anonymous.open(url_of(app, rule, records), method=method) as response:
            _assert_protected(response, rule.endpoint)


def test_patient_pdfs_and_exports_are_never_stored(client, records):
    for url in (
        f"/handouts/{records['record_id']}.pdf",
        f"/patients/{records['patient_id']}/export.json",
        f"/patients/{records['patient_id']}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url


def test_behind_a_tls_proxy_the_app_sends_hsts_and_secure_cookies(make_app):
    served = make_app(HTTPS=True, TRUSTED_PROXIES=1)
    client = served.test_client()
    plain = client.get("/login", base_url=PLAIN_HTTP)
    assert plain.status_code == 308
    assert plain.headers["Location"] == "https://localhost/login"
    proxied = client.get("/login", base_url=PLAIN_HTTP, headers={"X-Forwarded-Proto": "https"})
    assert proxied.status_code == 200
    assert "max-age=" in proxied.headers["Strict-Transport-Security"]
    cookies = proxied.headers.getlist("Set-Cookie")
    assert cookies
    assert all("Secure" in cookie for cookie in cookies)


def test_without_trusted_proxies_a_forwarded_scheme_is_ignored(make_app):
    client = make_app(HTTPS=True).test_client()
    response = client.get("/login", base_url=PLAIN_HTTP, headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 308  # a client cannot claim TLS it did not use


def test_the_environment_turns_https_on(monkeypatch, make_app):
    monkeypatch.setenv("HTTPS", "true")
    monkeypatch.setenv("TRUSTED_PROXIES", "2")
    served = make_app()
    assert served.config["HTTPS"] is True
    assert served.config["TRUSTED_PROXIES"] == 2
    assert served.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize("row_id", [LARGEST_ROW_ID + 1, 2**63, 2**64, 10**40])
def test_an_id_beyond_what_a_row_can_have_is_a_404_on_every_id_route(
    app, client, auth, records, row_id
):
    """Each route is asked by a role that may use it: the clinician, or an admin of the clinic
    for the admin pages."""
    with app.app_context():
        make_user(email="admin@ours.example", role=Role.ADMIN, clinic=signed_in_user().clinic)
    admin = app.test_client()
    AuthActions(admin).login("admin@ours.example")
    id_rules = [
        rule for rule in _rules(app) if any(name.endswith("_id") for name in rule.arguments)
    ]
    assert len(id_rules) >= 18
    for rule in id_rules:
        asking = client if may(rule.endpoint, Role.CLINICIAN) else admin
        token = csrf_token_from(asking.get("/").get_data(as_text=True))
        url = url_of(app, rule, records)
        for name in rule.arguments:
            if name.endswith("_id"):
                url = url.replace(f"/{_id_value(rule, name, records)}", f"/{row_id}", 1)
        assert str(row_id) in url, url
        if "GET" in rule.methods:
            assert asking.get(url).status_code == 404, url
        else:
            assert asking.post(url, data={"csrf_token": token}).status_code == 404, url


def test_the_largest_row_id_still_reaches_the_view(client, records):
    assert client.get(f"/patients/{LARGEST_ROW_ID}").status_code == 404  # no such row, no error


def _id_value(rule: Rule, name: str, records: dict[str, object]) -> object:
    if rule.endpoint.startswith("catalogue.") and name == "item_id":
        return records["catalogue_item_id"]
    return records[name]
