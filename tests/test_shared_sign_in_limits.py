"""Two worker processes on one database hold the sign-in limit exactly (issue 12 point 4).

In one process every app shares Flask-Limiter's one store object, so only separate processes
show what two gunicorn workers do. Each worker here is a real server process on its own port.
"""

from __future__ import annotations

import http.cookiejar
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from practice import create_app
from practice.auth.services import create_user, get_or_create_clinic
from practice.extensions import db
from tests.conftest import csrf_token_from, dispose_engines
from tests.factories import DEFAULT_PASSWORD

WORKER = """
import sys
from werkzeug.serving import make_server
from practice import create_app

app = create_app({
    "SQLALCHEMY_DATABASE_URI": sys.argv[1],
    "SIGN_IN_LIMIT_PER_ACCOUNT": "3 per minute",
    "SIGN_IN_LIMIT_PER_ADDRESS": "50 per minute",
})
server = make_server("127.0.0.1", 0, app)
print(server.server_port, flush=True)
server.serve_forever()
"""


@pytest.fixture
def database(scratch_database, instance_path) -> str:
    url = scratch_database("limits")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    runner = app.test_cli_runner()
    assert runner.invoke(args=["init-db"]).exit_code == 0
    with app.app_context():
        clinic, _ = get_or_create_clinic("Shared Limits Clinic")
        create_user(
            email="alex@example.org", display_name="Alex", password=DEFAULT_PASSWORD, clinic=clinic
        )
        db.session.commit()
    dispose_engines(app)
    return url


@pytest.fixture
def workers(database, instance_path) -> Iterator[list[str]]:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, database],
            stdout=subprocess.PIPE,
            text=True,
            env=os.environ | {"PRACTICE_INSTANCE_PATH": str(instance_path)},
        )
        for _ in range(2)
    ]
    try:
        yield [f"http://127.0.0.1:{process.stdout.readline().strip()}" for process in processes]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
            process.stdout.close()


def _browser():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
        _NoRedirects,
    )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args, **_kwargs):
        return None


def _sign_in(browser, base: str, password: str) -> int:
    with browser.open(f"{base}/login", timeout=30) as page:
        token = csrf_token_from(page.read().decode())
    form = urllib.parse.urlencode(
        {"email": "alex@example.org", "password": password, "csrf_token": token}
    ).encode()
    try:
        with browser.open(f"{base}/login", data=form, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


def test_two_worker_processes_on_one_database_hold_the_limit_exactly(workers):
    browsers = [_browser() for _ in workers]
    answers = [_sign_in(browsers[n % 2], workers[n % 2], "wrong password") for n in range(3)]
    assert answers == [401, 401, 401]
    for browser, worker in zip(browsers, workers, strict=True):
        assert _sign_in(browser, worker, DEFAULT_PASSWORD) == 429
