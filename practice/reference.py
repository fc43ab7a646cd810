"""The clinical reference values in force: the defaults with this installation's overrides."""

from __future__ import annotations

from flask import Flask, current_app

from practice.clinical.reference import DEFAULT_REFERENCE, ReferenceValues


def init_app(app: Flask) -> None:
    """Apply the overrides once at start-up, so an unknown or invalid one stops the app."""
    overrides = app.config.get("CLINICAL_REFERENCE_OVERRIDES", {})
    app.extensions["clinical_reference"] = DEFAULT_REFERENCE.with_overrides(overrides)


def clinical_reference() -> ReferenceValues:
    return current_app.extensions["clinical_reference"]
