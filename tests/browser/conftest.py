"""Real headless Chromium (Debian's package) driven by Playwright; never a downloaded browser."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from flask import Flask

from practice import audit
from practice.extensions import db
from practice.models import AuditHead, CatalogueItem
from tests.conftest import append_only_lifted

CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",  # the machine has no network: stop Chromium trying
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("browser tests need Debian's chromium package (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    """One thread a request; closing the server waits for every request thread to end."""

    block_on_close = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *_args) -> None:
        pass


@contextmanager
def serving(app) -> Iterator[str]:
    """``app`` on a free loopback port, through the standard library's WSGI server.

    Not werkzeug's development server: when a client drops a connection, werkzeug can fail while
    draining the socket before it closes the response, so a file being sent (``favicon.svg``)
    stays open and its ResourceWarning fails the suite under load. ``wsgiref`` closes the response
    on every path (PEP 3333), and closing the server joins the request threads, so nothing a
    request opened outlives the test.
    """
    server = make_server(
        "127.0.0.1", 0, app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def _delete_all_but_the_seed_catalogue() -> None:
    with append_only_lifted():
        for table in reversed(db.metadata.sorted_tables):
            if table.name == AuditHead.__tablename__:
                db.session.execute(table.update().values(sequence=0, last_hash=audit.GENESIS_HASH))
                continue
            statement = table.delete()
            if table.name == CatalogueItem.__tablename__:
                statement = statement.where(table.c.clinic_id.is_not(None))
            db.session.execute(statement)
    db.session.commit()


@pytest.fixture
def app(_session_app: Flask) -> Iterator[Flask]:
    """The session's app with data that is really committed: the server's threads each use their
    own connection, so a test's rolled-back transaction would be invisible to them."""
    yield _session_app
    with _session_app.app_context():
        db.session.remove()
        _delete_all_but_the_seed_catalogue()


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The test app served on a free loopback port for the length of one test."""
    with serving(app) as url:
        yield url


@pytest.fixture
def page(browser, live_server):
    """A page of the live app; the test fails if the Content-Security-Policy blocked anything
    on any page it visited (an inline script or style slipped into a template).

    Reduced motion turns Bootstrap's colour transitions off: the accessibility checks then read
    each control's final colours, not a button's hover colour half-way (a contrast check once
    failed so under load, on a page just reloaded beneath the pointer)."""
    context = browser.new_context(base_url=live_server, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(10_000)
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert not blocked, blocked
