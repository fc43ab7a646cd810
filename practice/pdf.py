"""HTML to PDF for handouts and letters: the only module of the project that imports WeasyPrint.

Why the restricted fetcher: WeasyPrint's default URL fetcher fetches http(s) and reads any
``file://`` URL, and a ``<link rel="attachment" href="file:///…">`` in the HTML embeds that local
file inside the PDF (advisory GHSA-35jj-wx47-4w8r). Handout HTML carries text typed by
clinicians, so every resource the renderer asks for goes through ``StaticOnlyFetcher``:

* allowed: files whose real path (symlinks and ``..`` resolved) lies inside ``static_folder``,
  addressed as the app's own static URLs (``/static/css/print.css`` resolved against
  ``base_url``) or as ``file://`` URLs inside the folder;
* allowed: the in-memory ``resources`` the caller names by URL (the clinic's logo, kept in the
  database), served only at exactly those URLs;
* refused, logged as a warning, and rendered without: everything else — http(s) to any host
  (no request is ever made: static URLs are mapped to files), ``file://`` outside the folder,
  ``data:`` URLs (inline ``<svg>`` needs no fetch), any other scheme.

Attachments are switched off outright, whatever the fetcher would serve: ``<link
rel="attachment">`` and ``<a rel="attachment">`` are dropped after layout, before the PDF is
written. WeasyPrint executes no ``<script>``.

The page size is the caller's decision: ``paper`` adds a user stylesheet ``@page { size: …
!important }``, which wins over any ``size`` in the HTML's own CSS. Templates set margins only.
"""

from __future__ import annotations

import logging
import mimetypes
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML, Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

#: Tagged PDF/UA-1: a structure tree in reading order (headings, lists, tables, figures with
#: their alt text), the document's title shown as its name and its language (``<title>`` and
#: ``<html lang>``), so a screen reader reads the handout as the patient sees it.
PDF_VARIANT = "pdf/ua-1"

#: Base URL used when the caller gives none. ``.invalid`` never resolves (RFC 2606), and the
#: fetcher never goes to the network anyway: it only names the origin of ``/static/…`` URLs.
DEFAULT_BASE_URL = "http://practice.invalid/"


class Paper(StrEnum):
    """Paper sizes, valued as CSS ``@page { size }`` keywords."""

    A4 = "A4"
    LETTER = "letter"


class ResourceRefusedError(ValueError):
    """A resource outside the static folder was asked for; WeasyPrint renders without it."""


class StaticOnlyFetcher(URLFetcher):
    """Serves files inside ``static_folder`` and refuses every other URL (see module doc).

    ``base_url`` names the origin whose ``static_url_path`` maps onto ``static_folder``
    (Flask's ``app.static_url_path``); no request is made to it. ``resources`` maps URLs
    (resolved against ``base_url``) to ``(body, media type)`` served from memory.
    """

    def __init__(
        self,
        static_folder: Path,
        *,
        base_url: str = DEFAULT_BASE_URL,
        static_url_path: str = "/static",
        resources: Mapping[str, tuple[bytes, str]] | None = None,
    ) -> None:
        # fail_on_errors=False: a refusal becomes a logged, skipped resource, not a failed PDF.
        super().__init__(fail_on_errors=False)
        self._root = os.path.realpath(static_folder)
        self._static_prefix = urljoin(base_url, static_url_path.rstrip("/") + "/")
        self._resources = {urljoin(base_url, url): item for url, item in (resources or {}).items()}

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url in self._resources:
            body, content_type = self._resources[url]
            return URLFetcherResponse(url, body, {"Content-Type": content_type})
        try:
            path = self._resolve(url)
        except ResourceRefusedError as refusal:
            logger.warning("Refused resource %.200s: %s", url, refusal)
            raise
        with open(path, "rb") as file:
            body = file.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})

    def _resolve(self, url: str) -> str:
        """The real path of the file ``url`` names inside the static folder, or refuse."""
        try:
            parts = urlsplit(url)
        except ValueError:
            raise ResourceRefusedError("malformed URL") from None
        if parts.scheme == "file":
            if parts.netloc not in ("", "localhost"):
                raise ResourceRefusedError("file URL on another host")
            candidate = url2pathname(parts.path)
        elif url.startswith(self._static_prefix):
            relative = unquote(urlsplit(url[len(self._static_prefix) :]).path)
            candidate = os.path.join(self._root, relative.lstrip("/"))
        else:
            scheme = parts.scheme or "relative"
            raise ResourceRefusedError(f"{scheme} URL not under {self._static_prefix}")
        try:
            real = os.path.realpath(candidate, strict=True)
        except (OSError, ValueError):  # missing, a symlink loop, a NUL byte
            raise ResourceRefusedError("no such file") from None
        if os.path.commonpath([real, self._root]) != self._root:
            raise ResourceRefusedError("outside the static folder")
        if not os.path.isfile(real):
            raise ResourceRefusedError("not a file")
        return real


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    page_count: int
    anchor_pages: Mapping[str, int] = field(default_factory=dict)  # element id -> page, from 1


def html_to_pdf(
    html: str,
    *,
    base_url: str | None = None,
    paper: Paper = Paper.A4,
    static_folder: Path,
    static_url_path: str = "/static",
    resources: Mapping[str, tuple[bytes, str]] | None = None,
) -> bytes:
    """Render ``html`` to PDF bytes, reading only files inside ``static_folder``.

    ``base_url`` resolves relative links (pass ``request.url_root`` so links in the PDF are
    absolute); it defaults to ``DEFAULT_BASE_URL``. Either way ``/static/…`` is read from disk.
    """
    return render_pdf(
        html,
        base_url=base_url,
        paper=paper,
        static_folder=static_folder,
        static_url_path=static_url_path,
        resources=resources,
    ).data


def render_pdf(
    html: str,
    *,
    base_url: str | None = None,
    paper: Paper = Paper.A4,
    static_folder: Path,
    static_url_path: str = "/static",
    resources: Mapping[str, tuple[bytes, str]] | None = None,
) -> RenderedPdf:
    """As ``html_to_pdf``, with the number of pages laid out."""
    base_url = base_url or DEFAULT_BASE_URL
    fetcher = StaticOnlyFetcher(
        static_folder, base_url=base_url, static_url_path=static_url_path, resources=resources
    )
    page_size = CSS(string=f"@page {{ size: {paper.value} !important }}", url_fetcher=fetcher)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        stylesheets=[page_size], pdf_variant=PDF_VARIANT
    )
    _drop_attachments(document)
    anchor_pages = {
        anchor: number
        for number, page in reversed(list(enumerate(document.pages, 1)))
        for anchor in page.anchors
    }
    return RenderedPdf(
        document.write_pdf(pdf_variant=PDF_VARIANT), len(document.pages), anchor_pages
    )


def _drop_attachments(document: Document) -> None:
    """Remove ``<link rel=attachment>`` and ``<a rel=attachment>`` before the PDF is written.

    Their files are only fetched while the PDF is written, so nothing was read yet.
    """
    for attachment in document.metadata.attachments:
        logger.warning("Refused <link rel=attachment> %r", attachment.description or "")
    document.metadata.attachments = []
    for page in document.pages:
        for link_type, target, *_ in page.links:
            if link_type == "attachment":
                logger.warning("Refused <a rel=attachment> %.200s", target)
        page.links = [link for link in page.links if link[0] != "attachment"]
