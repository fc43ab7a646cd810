"""Who may use which page: the one table every request is checked against.

Each endpoint names the roles that may use it; an endpoint missing from the table is refused
to everyone (a new page is closed until someone decides who may see it, and a test fails until
they do). Records of another clinic are a separate check (``practice.scoping``): the role says
which kind of page, the clinic says which records. Templates ask ``may(endpoint)`` so that what
a page offers matches what its links allow. The matrix in the README is generated from this
table (``matrix_markdown``) and a test keeps the two the same.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from types import MappingProxyType

from flask import Flask, abort, request
from flask_login import current_user

from practice.extensions import login_manager
from practice.models import Role

log = logging.getLogger(__name__)

ADMIN, CLINICIAN, FRONT_DESK = Role.ADMIN, Role.CLINICIAN, Role.FRONT_DESK
EVERY_ROLE = frozenset(Role)
CLINICAL = frozenset({CLINICIAN})
ADMINISTRATION = frozenset({ADMIN})
DEMOGRAPHICS = EVERY_ROLE  # names, contact details, consents, reprints of given handouts
CATALOGUE = frozenset({ADMIN, CLINICIAN})
RECORDS = frozenset({ADMIN, CLINICIAN})  # archiving a patient: who keeps the records

PUBLIC = frozenset(
    {"auth.login", "auth.set_password", "health.healthz", "static", "bootstrap.static"}
)
"""Reached without signing in."""

PERMISSIONS: Mapping[str, frozenset[Role]] = MappingProxyType(
    {
        # Everyone signed in.
        "dashboard.index": EVERY_ROLE,
        "auth.logout": EVERY_ROLE,
        "auth.change_password": EVERY_ROLE,
        "clinic.logo": EVERY_ROLE,
        # Demographics, consents and reprints: front desk too.
        "patients.index": DEMOGRAPHICS,
        "patients.create": DEMOGRAPHICS,
        "patients.edit": DEMOGRAPHICS,
        "patients.show": DEMOGRAPHICS,  # clinical parts shown only where may() allows
        "patients.add_consent": DEMOGRAPHICS,
        "patients.withdraw_consent": DEMOGRAPHICS,
        "handouts.download": DEMOGRAPHICS,
        # Clinical records: clinicians.
        "patients.add_flag": CLINICAL,
        "patients.resolve_flag": CLINICAL,
        "patients.export": CLINICAL,
        "patients.archive": RECORDS,
        "patients.restore": RECORDS,
        "assessments.start": CLINICAL,
        "assessments.show": CLINICAL,
        "assessments.edit_section": CLINICAL,
        "assessments.finalise": CLINICAL,
        "assessments.discard": CLINICAL,
        "assessments.add_addendum": CLINICAL,
        "assessments.compare": CLINICAL,
        "plans.start": CLINICAL,
        "plans.show": CLINICAL,
        "plans.add_item": CLINICAL,
        "plans.item_action": CLINICAL,
        "plans.add_goal": CLINICAL,
        "plans.remove_goal": CLINICAL,
        "plans.schedule": CLINICAL,
        "plans.issue": CLINICAL,
        "plans.revise": CLINICAL,
        "plans.discard": CLINICAL,
        "visits.new": CLINICAL,
        "visits.create": CLINICAL,
        "visits.show": CLINICAL,
        "visits.edit": CLINICAL,
        "visits.sign": CLINICAL,
        "visits.discard": CLINICAL,
        "visits.add_addendum": CLINICAL,
        "handouts.plan_print_page": CLINICAL,
        "handouts.issue_plan_handout": CLINICAL,
        "handouts.prevention_print_page": CLINICAL,
        "handouts.issue_prevention_handout": CLINICAL,
        # Letters to the referrer carry findings: clinicians write, issue and reprint them.
        "letters.new": CLINICAL,
        "letters.preview": CLINICAL,
        "letters.issue": CLINICAL,
        "letters.download": CLINICAL,
        # Outcome measures: clinicians record them.
        "outcomes.record": CLINICAL,
        # The catalogue: clinicians read it, admins keep it.
        "catalogue.index": CATALOGUE,
        "catalogue.show": CATALOGUE,
        "catalogue.create": ADMINISTRATION,
        "catalogue.edit": ADMINISTRATION,
        "catalogue.retire": ADMINISTRATION,
        "catalogue.restore": ADMINISTRATION,
        # Running the clinic: admins.
        "clinic.settings": ADMINISTRATION,
        "clinic.update_therapist": ADMINISTRATION,
        "clinic.users": ADMINISTRATION,
        "clinic.invite": ADMINISTRATION,
        "clinic.change_role": ADMINISTRATION,
        "clinic.deactivate": ADMINISTRATION,
        "clinic.reactivate": ADMINISTRATION,
        "clinic.reset_password": ADMINISTRATION,
        "clinic.end_sessions": ADMINISTRATION,
        "clinic.audit_trail": ADMINISTRATION,
    }
)


def may(endpoint: str, role: Role | str | None = None) -> bool:
    """Whether ``role`` (the signed-in user's by default) may use ``endpoint``."""
    if endpoint in PUBLIC:
        return True
    if role is None:
        if not current_user.is_authenticated:
            return False
        role = current_user.role
    return Role(role) in PERMISSIONS.get(endpoint, frozenset())


def enforce():
    endpoint = request.endpoint
    if endpoint is None or endpoint in PUBLIC:
        return None  # no route (the 404 follows) or a public one
    if endpoint not in PERMISSIONS:
        log.error("endpoint %s has no row in practice.permissions: refused", endpoint)
        abort(403)
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not may(endpoint):
        abort(403)
    return None


def matrix_markdown() -> str:
    """The README's table: one row per endpoint, a column per role."""
    roles = list(Role)
    header = "| Page (endpoint) | " + " | ".join(role.replace("_", " ") for role in roles) + " |"
    rule = "|---|" + "---|" * len(roles)
    rows = [
        f"| `{endpoint}` | "
        + " | ".join("yes" if role in allowed else "—" for role in roles)
        + " |"
        for endpoint, allowed in PERMISSIONS.items()
    ]
    return "\n".join([header, rule, *rows])


def init_app(app: Flask) -> None:
    app.before_request(enforce)
    app.jinja_env.globals["may"] = may
