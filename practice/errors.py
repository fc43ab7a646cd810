"""Error pages in the app's own style; nothing a visitor sees carries a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from practice.extensions import db

log = logging.getLogger(__name__)

EXPLANATIONS = {
    400: "The request could not be understood. Go back, check what you entered and try again.",
    403: "You do not have permission to see this page.",
    404: "There is no page here. It may have been moved, or the address may be mistyped.",
    405: "This page cannot be used that way.",
    413: "What you sent is too large.",
    429: "Too many attempts in a short time. Wait a minute and try again.",
    500: "Something went wrong on our side. Nothing you entered was saved; please try again.",
}

CSRF_EXPLANATION = (
    "This form has expired or was sent from somewhere else, so it was not accepted. "
    "Go back, reload the page and try again."
)


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and not request.accept_mimetypes["text/html"]


def render_error(status: int, title: str, explanation: str):
    if _wants_json():
        return {"error": title, "message": explanation}, status
    return render_template(
        "errors/error.html", status=status, title=title, explanation=explanation
    ), status


def handle_http_exception(error: HTTPException):
    status = error.code or 500
    return render_error(status, error.name, EXPLANATIONS.get(status, error.description or ""))


def handle_csrf_error(error: CSRFError):
    log.info("CSRF rejection on %s: %s", request.path, error.description)
    return render_error(400, "Form expired", CSRF_EXPLANATION)


def handle_internal_error(error: InternalServerError):
    """Flask calls this for any unhandled exception (tests let those propagate instead)."""
    db.session.rollback()
    log.error("unhandled error on %s", request.path, exc_info=error.original_exception)
    return render_error(500, "Internal Server Error", EXPLANATIONS[500])


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(InternalServerError, handle_internal_error)
    app.register_error_handler(HTTPException, handle_http_exception)
