"""The handout PDF renderer reads files inside static/ and nothing else (GHSA-35jj-wx47-4w8r).

No Flask app: ``html_to_pdf`` is called directly with a fake static folder in ``tmp_path``, with
a file outside it that must never reach the PDF, and with a local HTTP server that records hits
(there must be none).
"""

from __future__ import annotations

import builtins
import io
import logging
import mimetypes
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, IndirectObject, StreamObject

from practice.pdf import (
    Paper,
    ResourceRefusedError,
    StaticOnlyFetcher,
    html_to_pdf,
)

PDF_LOGGER = "practice.pdf"
CANARY = "root:x:0:0:practice-canary-7f3a"
REPO_STATIC = Path(__file__).resolve().parent.parent / "static"


@dataclass
class Site:
    """A fake static folder, a secret file beside it, and a link inside pointing at the secret."""

    static: Path
    outside: Path

    def render(self, body: str, **kwargs: object) -> bytes:
        html = f"<!doctype html><html><body><p>Visible body</p>{body}</body></html>"
        return html_to_pdf(html, static_folder=self.static, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def site(tmp_path: Path) -> Site:
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "img").mkdir()
    (static / "css" / "print.css").write_text('h1::after { content: " STYLE-APPLIED"; }\n')
    Image.new("RGB", (8, 8), "red").save(static / "img" / "dot.png")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(CANARY + "\n")
    Image.new("RGB", (8, 8), "blue").save(outside / "secret.png")
    (outside / "secret.css").write_text('h1::after { content: " SECRET-CSS"; }\n')
    (static / "img" / "link-out.png").symlink_to(outside / "secret.png")
    (static / "css" / "link-out.css").symlink_to(outside / "secret.css")
    (static / "link-dir").symlink_to(outside, target_is_directory=True)
    return Site(static=static, outside=outside)


@dataclass
class Server:
    port: int
    hits: list[str]


@pytest.fixture
def server() -> Iterator[Server]:
    """An HTTP server on a random loopback port that records every request it gets."""
    hits: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            body = b"h1::after { content: ' FROM-NETWORK'; }"
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Server(port=httpd.server_address[1], hits=hits)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every outgoing connection or name lookup made while rendering; each one also fails.

    Recorded rather than raised as a test failure, because WeasyPrint catches and logs the
    exceptions of its fetcher.
    """
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.fixture
def file_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every path opened through Python's ``open`` while the test runs (urllib's reads too)."""
    mimetypes.init()  # reads /etc/mime.types once, before recording starts
    opened: list[str] = []
    real_open = builtins.open

    def spy(file: object, *args: object, **kwargs: object) -> object:
        if isinstance(file, str | bytes | os.PathLike):
            opened.append(os.fsdecode(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", spy)
    return opened


def _objects(reader: PdfReader) -> Iterator[object]:
    for generation, entries in reader.xref.items():
        for number in entries:
            yield reader.get_object(IndirectObject(number, generation, reader))
    for number in reader.xref_objStm:
        yield reader.get_object(IndirectObject(number, 0, reader))


def _decoded_streams(pdf: bytes) -> bytes:
    """Every stream of the PDF, decompressed, so a leaked file shows up as plain bytes."""
    reader = PdfReader(io.BytesIO(pdf))
    return b"\n".join(o.get_data() for o in _objects(reader) if isinstance(o, StreamObject))


def _embedded_files(pdf: bytes) -> list[object]:
    """What ``pdfdetach -list`` would find, plus file-attachment annotations."""
    reader = PdfReader(io.BytesIO(pdf))
    found: list[object] = list(reader.attachments)
    for obj in _objects(reader):
        if isinstance(obj, DictionaryObject) and (
            obj.get("/Type") in ("/EmbeddedFile", "/Filespec")
            or obj.get("/Subtype") == "/FileAttachment"
        ):
            found.append(obj)
    return found


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _refusals(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == PDF_LOGGER and r.levelno == logging.WARNING
    ]


def test_leak_detectors_find_an_embedded_file() -> None:
    """The helpers below would see a leak: a PDF that does embed a file is caught."""
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.add_attachment("passwd", CANARY.encode())
    leaky = io.BytesIO()
    writer.write(leaky)
    assert _embedded_files(leaky.getvalue())
    assert CANARY.encode() in _decoded_streams(leaky.getvalue())


@pytest.mark.parametrize(
    ("paper", "size"), [(Paper.A4, (595.28, 841.89)), (Paper.LETTER, (612.0, 792.0))]
)
def test_page_size_follows_paper_over_the_html_own_css(
    site: Site, paper: Paper, size: tuple[float, float]
) -> None:
    pdf = site.render("<style>@page { size: A5 }</style>", paper=paper)

    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert float(box.width) == pytest.approx(size[0], abs=1)
    assert float(box.height) == pytest.approx(size[1], abs=1)


def test_paper_defaults_to_a4(site: Site) -> None:
    box = PdfReader(io.BytesIO(site.render(""))).pages[0].mediabox

    assert (float(box.width), float(box.height)) == pytest.approx((595.28, 841.89), abs=1)


def test_static_stylesheet_and_image_are_embedded(
    site: Site, caplog: pytest.LogCaptureFixture, network_attempts: list[object]
) -> None:
    pdf = site.render(
        '<link rel="stylesheet" href="/static/css/print.css">'
        '<h1>Title</h1><img src="/static/img/dot.png" style="width: 2cm">'
    )

    assert "Title STYLE-APPLIED" in _text(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1
    assert _refusals(caplog) == []
    assert network_attempts == []


def test_file_urls_inside_static_are_served(site: Site, caplog: pytest.LogCaptureFixture) -> None:
    pdf = site.render(
        f'<link rel="stylesheet" href="{(site.static / "css" / "print.css").as_uri()}">'
        f'<h1>Title</h1><img src="{(site.static / "img" / "dot.png").as_uri()}">'
    )

    assert "Title STYLE-APPLIED" in _text(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1
    assert _refusals(caplog) == []


def test_static_urls_are_read_from_disk_even_with_a_live_base_url(
    site: Site, server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    pdf = site.render(
        '<link rel="stylesheet" href="/static/css/print.css"><h1>Title</h1>',
        base_url=f"http://127.0.0.1:{server.port}/",
    )

    assert "Title STYLE-APPLIED" in _text(pdf)
    assert server.hits == []
    assert _refusals(caplog) == []


def test_an_exercise_svg_from_the_real_static_folder_renders(
    caplog: pytest.LogCaptureFixture,
) -> None:
    svg = sorted((REPO_STATIC / "img" / "exercises").glob("*.svg"))[0]
    # A tagged PDF (PDF/UA-1) logs an error for a page without a language or an image without alt.
    html = (
        f'<html lang="en"><p>Exercise</p><img src="/static/img/exercises/{svg.name}"'
        ' alt="Drawing" style="width: 4cm"></html>'
    )

    pdf = html_to_pdf(html, static_folder=REPO_STATIC)

    assert "Exercise" in _text(pdf)
    assert _refusals(caplog) == []
    assert not [r for r in caplog.records if r.name == "weasyprint" and r.levelno >= logging.ERROR]


HOSTILE = {
    "img on loopback server": '<img src="http://127.0.0.1:{port}/x.png">',
    "img on localhost server": '<img src="http://localhost:{port}/x.png">',
    "img on port 9": '<img src="http://127.0.0.1:9/x">',
    "https img": '<img src="https://127.0.0.1:{port}/x.png">',
    "stylesheet on server": '<link rel="stylesheet" href="http://127.0.0.1:{port}/s.css"><h1>T</h1>',
    "stylesheet /etc/passwd": '<link rel="stylesheet" href="file:///etc/passwd">',
    "img /etc/hostname": '<img src="file:///etc/hostname">',
    "img /etc/passwd": '<img src="file:///etc/passwd">',
    "stylesheet outside static": (
        '<link rel="stylesheet" href="{outside_uri}/secret.css"><h1>T</h1>'
    ),
    "@import file": "<style>@import url(file:///etc/passwd);</style>",
    "@import server": "<style>@import url(http://127.0.0.1:{port}/i.css);</style>",
    "css background on server": (
        '<div style="background: url(http://127.0.0.1:{port}/bg.png); height: 1cm"></div>'
    ),
    "font-face on server": (
        "<style>@font-face { font-family: X; src: url(http://127.0.0.1:{port}/f.woff) }"
        " p { font-family: X }</style>"
    ),
    "font-face outside file": (
        "<style>@font-face { font-family: Y; src: url({outside_uri}/secret.txt) }"
        " p { font-family: Y }</style>"
    ),
    "dot-dot in static url": '<img src="/static/../outside/secret.png">',
    "encoded dot-dot in static url": '<img src="/static/%2e%2e/%2e%2e/outside/secret.png">',
    "dot-dot in file url": '<img src="{static_uri}/../outside/secret.png">',
    "symlinked file out of static": '<img src="/static/img/link-out.png">',
    "symlinked stylesheet out of static": (
        '<link rel="stylesheet" href="/static/css/link-out.css"><h1>T</h1>'
    ),
    "symlinked directory out of static": '<img src="/static/link-dir/secret.png">',
    "file url on another host": '<img src="file://example.org/etc/passwd">',
    "data url": (
        '<img src="data:image/png;base64,'
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==">'
    ),
    "inline svg image outside": (
        '<svg width="20" height="20">'
        '<image href="{outside_uri}/secret.png" width="20" height="20"/></svg>'
    ),
    "inline svg image on server": (
        '<svg width="20" height="20"><image href="http://127.0.0.1:{port}/s.png" width="20"'
        ' height="20"/></svg>'
    ),
    "base element moves the origin": (
        '<base href="http://127.0.0.1:{port}/"><img src="/static/img/dot.png">'
    ),
    "object element": '<object data="{outside_uri}/secret.png" type="image/png"></object>',
    "embed element": '<embed src="http://127.0.0.1:{port}/e.png" type="image/png">',
}


@pytest.mark.parametrize("snippet", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_resources_are_refused_logged_and_skipped(
    site: Site,
    server: Server,
    network_attempts: list[object],
    file_reads: list[str],
    caplog: pytest.LogCaptureFixture,
    snippet: str,
) -> None:
    body = (
        snippet.replace("{port}", str(server.port))
        .replace("{static_uri}", site.static.as_uri())
        .replace("{outside_uri}", site.outside.as_uri())
    )

    pdf = site.render(body)

    assert "Visible body" in _text(pdf)
    assert any(message.startswith("Refused resource") for message in _refusals(caplog))
    assert server.hits == []
    assert network_attempts == []
    assert file_reads == []
    decoded = _decoded_streams(pdf)
    assert CANARY.encode() not in decoded
    assert b"root:x:0:0" not in decoded
    assert "SECRET-CSS" not in _text(pdf)
    assert "FROM-NETWORK" not in _text(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 0


def test_svg_inside_static_cannot_reach_outside(
    site: Site,
    server: Server,
    network_attempts: list[object],
    caplog: pytest.LogCaptureFixture,
) -> None:
    (site.static / "img" / "evil.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        f'<image href="{site.outside.as_uri()}/secret.png" width="20" height="20"/>'
        f'<image x="20" href="http://127.0.0.1:{server.port}/s.png" width="20" height="20"/>'
        "</svg>"
    )

    pdf = site.render('<img src="/static/img/evil.svg">')

    assert "Visible body" in _text(pdf)
    refused = _refusals(caplog)
    assert any("secret.png" in message for message in refused)
    assert any(f"127.0.0.1:{server.port}" in message for message in refused)
    assert server.hits == []
    assert network_attempts == []


@pytest.mark.parametrize(
    "href",
    [
        "file:///etc/passwd",
        "{outside_uri}/secret.txt",
        "/static/css/print.css",
        "http://127.0.0.1:{port}/a.txt",
    ],
)
def test_attachments_are_never_embedded(
    site: Site,
    server: Server,
    network_attempts: list[object],
    caplog: pytest.LogCaptureFixture,
    href: str,
) -> None:
    href = href.format(outside_uri=site.outside.as_uri(), port=server.port)

    pdf = site.render(
        f'<link rel="attachment" href="{href}" title="notes">'
        f'<a rel="attachment" href="{href}">download</a>'
    )

    assert "Visible body" in _text(pdf)
    assert _embedded_files(pdf) == []
    decoded = _decoded_streams(pdf)
    assert CANARY.encode() not in decoded
    assert b"root:x:0:0" not in decoded
    assert b"STYLE-APPLIED" not in decoded
    refused = _refusals(caplog)
    assert sum(message.startswith("Refused <") for message in refused) == 2
    assert server.hits == []
    assert network_attempts == []


def test_script_tags_are_inert(site: Site, server: Server, network_attempts: list[object]) -> None:
    pdf = site.render(
        f'<script src="http://127.0.0.1:{server.port}/x.js"></script>'
        "<script>document.body.innerHTML = 'REPLACED'</script>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )

    text = _text(pdf)
    assert "Visible body" in text
    assert "REPLACED" not in text
    assert "<script>alert(1)</script>" in text
    assert server.hits == []
    assert network_attempts == []


def test_fetcher_serves_static_files_with_their_content_type(site: Site) -> None:
    fetcher = StaticOnlyFetcher(site.static)

    response = fetcher.fetch("http://practice.invalid/static/css/print.css")

    assert response.content_type == "text/css"
    assert b"STYLE-APPLIED" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "http://practice.invalid/static/",
        "http://practice.invalid/static/css",
        "http://practice.invalid/static/missing.css",
        "http://practice.invalid/statics/css/print.css",
        "http://practice.invalid.evil/static/css/print.css",
        "ftp://practice.invalid/static/css/print.css",
        "http://practice.invalid/static/css/print.css%00.png",
        "http://practice.invalid/static/loop.css",
    ],
)
def test_fetcher_refuses_what_is_not_a_file_inside_static(
    site: Site, caplog: pytest.LogCaptureFixture, url: str
) -> None:
    (site.static / "loop.css").symlink_to(site.static / "loop.css")

    with pytest.raises(ResourceRefusedError):
        StaticOnlyFetcher(site.static).fetch(url)

    assert _refusals(caplog)


def test_only_the_named_in_memory_resource_is_served(
    site: Site,
    server: Server,
    network_attempts: list[object],
    file_reads: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The caller's in-memory resources (the clinic's logo) are served at exactly their URL:
    a neighbouring path, another query or another host stays refused, and nothing is read."""
    logo = io.BytesIO()
    Image.new("RGB", (12, 6), "green").save(logo, "PNG")
    resources = {"/clinic/logo?v=1": (logo.getvalue(), "image/png")}
    asked = [
        "/clinic/logo?v=1",
        "/clinic/logo?v=2",
        "/clinic/logo",
        "/clinic/logo2?v=1",
        f"http://127.0.0.1:{server.port}/clinic/logo?v=1",
    ]

    pdf = site.render("".join(f'<img src="{url}">' for url in asked), resources=resources)

    images = PdfReader(io.BytesIO(pdf)).pages[0].images
    assert [image.image.size for image in images] == [(12, 6)]
    refused = [message for message in _refusals(caplog) if message.startswith("Refused resource")]
    assert len(refused) == len(asked) - 1
    assert server.hits == []
    assert network_attempts == []
    assert file_reads == []
