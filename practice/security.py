"""Response headers that keep patient pages in the browser that asked for them.

Written here rather than taken from Flask-Talisman: Talisman keeps each app's settings on its one
module-level object and writes them into view options on the first request, so two apps in one
process (the test suite builds several) would get each other's settings. What is needed is a
fixed set of headers, an HTTPS redirect and the trusted-proxy fix, which Werkzeug provides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, Response, current_app, redirect, request
from werkzeug.middleware.proxy_fix import ProxyFix

View = TypeVar("View", bound=Callable[..., object])

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",  # no inline script anywhere: behaviour lives in static/js
        "style-src 'self'",
        "img-src 'self' data:",  # Bootstrap's stylesheet draws its icons as data: URLs
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "X-Frame-Options": "DENY",  # for browsers that do not read frame-ancestors
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # a patient URL never leaves the page
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"
NO_STORE = "no-store"
CACHEABLE_ENDPOINTS = {"static", "bootstrap.static"}
"""Stylesheets, scripts and drawings hold no patient data; every other response may."""
POLICY_ATTRIBUTE = "content_security_policy"


def content_security_policy(policy: str) -> Callable[[View], View]:
    """Give one view its own policy (a stored SVG, which must run nothing)."""

    def decorate(view: View) -> View:
        setattr(view, POLICY_ATTRIBUTE, policy)
        return view

    return decorate


def init_app(app: Flask) -> None:
    """``HTTPS`` says the app is reached over TLS, directly or through ``TRUSTED_PROXIES``
    reverse proxies, whose X-Forwarded-* headers are then believed; plain HTTP is redirected,
    HSTS is sent and the session cookie is Secure."""
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )
    if app.config["HTTPS"]:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["PREFERRED_URL_SCHEME"] = "https"
        app.before_request(_redirect_to_https)
    app.after_request(_protect)


def _redirect_to_https():
    if not request.is_secure:
        return redirect(request.url.replace("http://", "https://", 1), code=308)
    return None


def _protect(response: Response) -> Response:
    view = current_app.view_functions.get(request.endpoint or "")
    policy = getattr(view, POLICY_ATTRIBUTE, CONTENT_SECURITY_POLICY)
    response.headers["Content-Security-Policy"] = policy
    response.headers.update(HEADERS)
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = HSTS
    if request.endpoint not in CACHEABLE_ENDPOINTS:
        response.headers["Cache-Control"] = NO_STORE
        response.headers.pop("Expires", None)
        response.headers.pop("Pragma", None)
    return response
