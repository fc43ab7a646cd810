from datetime import UTC, datetime

from flask import render_template
from flask_login import current_user, login_required

from practice.dashboard import bp, services
from practice.patients.services import newest_patients
from practice.permissions import may

RECENT_PATIENTS = 8


@bp.get("/")
@login_required
def index():
    """The clinician's day; front desk and admins see the patients added lately and today's
    handouts, never a clinical record."""
    today = datetime.now(UTC).date()
    clinical = may("assessments.show")
    return render_template(
        "dashboard/index.html",
        clinic=current_user.clinic,
        today=today,
        drafts=services.open_drafts(current_user) if clinical else [],
        due=services.plans_due_for_review(current_user, today) if clinical else [],
        seen=services.patients_seen_recently(current_user, today) if clinical else [],
        handouts=services.handouts_given_today(current_user.clinic_id, today)
        if may("handouts.download")
        else [],
        recent_patients=newest_patients(current_user.clinic_id, RECENT_PATIENTS),
        clinical=clinical,
    )
