"""A recorded PDF (a handout, a letter) served exactly as it was given: the stored bytes, never
rendered again, and only while they still have the SHA-256 recorded when it was given."""

from __future__ import annotations

import hashlib
import logging
from io import BytesIO
from typing import Protocol

from flask import Response, request, send_file

from practice.errors import render_error

log = logging.getLogger(__name__)


class StoredPdf(Protocol):
    id: int
    pdf: bytes
    sha256: str

    @property
    def filename(self) -> str: ...


def send_stored_pdf(record: StoredPdf, *, kind: str, given: str) -> Response | tuple:
    """``kind`` names the record ("handout"), ``given`` what was done with it ("given")."""
    if hashlib.sha256(record.pdf).hexdigest() != record.sha256:
        log.error("%s %s: stored PDF does not match its SHA-256; not served", kind, record.id)
        return render_error(
            409,
            f"This {kind}'s file has been altered",
            f"The stored PDF no longer matches the fingerprint recorded when it was {given}, so "
            "it is not shown. Tell your clinic's admin: the record may have been tampered with.",
        )
    return send_file(
        BytesIO(record.pdf),
        mimetype="application/pdf",
        download_name=record.filename,
        as_attachment=request.args.get("download") == "1",
        etag=record.sha256,
        max_age=0,
    )
