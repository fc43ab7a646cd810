"""practice: assessments, treatment plans and patient handouts for physiotherapy clinics."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the application; ``test_config`` overrides every other configuration layer."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("PRACTICE_INSTANCE_PATH", str(PROJECT_ROOT / "instance")),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    from practice import logs, passwords
    from practice.config import load_config

    logs.init_app()
    load_config(app, test_config)
    passwords.init_app(app, test_config)
    register_clinical_reference(app)
    register_extensions(app)
    register_url_converters(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_commands(app)
    return app


def register_clinical_reference(app: Flask) -> None:
    from practice import reference

    reference.init_app(app)


def register_extensions(app: Flask) -> None:
    from practice import (  # noqa: F401 (rate_limits registers its store)
        audit,
        permissions,
        rate_limits,
        security,
        sessions,
        templating,
    )
    from practice.db import end_a_read_with_commit, render_migration_item
    from practice.extensions import bootstrap, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    # Registered after Flask-SQLAlchemy's teardown, so it runs before the session is removed.
    app.teardown_appcontext(lambda error: end_a_read_with_commit(db.session, error))
    migrate.init_app(
        app,
        db,
        directory=str(PROJECT_ROOT / "migrations"),
        render_as_batch=True,  # SQLite can only alter tables by copying them
        render_item=render_migration_item,
    )
    csrf.init_app(app)
    bootstrap.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    sessions.init_app(app)
    permissions.init_app(app)
    audit.init_app(app)
    templating.init_app(app)
    security.init_app(app)


def register_url_converters(app: Flask) -> None:
    from practice import routing

    routing.init_app(app)


def register_blueprints(app: Flask) -> None:
    from practice import (
        assessments,
        auth,
        catalogue,
        clinic,
        dashboard,
        handouts,
        health,
        letters,
        outcomes,
        patients,
        plans,
        visits,
    )

    for blueprint in (
        assessments.bp,
        auth.bp,
        catalogue.bp,
        clinic.bp,
        dashboard.bp,
        handouts.bp,
        health.bp,
        letters.bp,
        outcomes.bp,
        patients.bp,
        plans.bp,
        visits.bp,
    ):
        app.register_blueprint(blueprint)


def register_error_handlers(app: Flask) -> None:
    from practice import errors

    errors.init_app(app)


def register_commands(app: Flask) -> None:
    from practice import cli

    cli.init_app(app)
