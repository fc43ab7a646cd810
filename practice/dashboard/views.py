from flask import render_template
from flask_login import current_user, login_required
from sqlalchemy import select

from practice.dashboard import bp
from practice.extensions import db
from practice.models import Patient
from practice.scoping import clinic_scoped

RECENT_PATIENTS = 8


@bp.get("/")
@login_required
def index():
    recent = db.session.scalars(
        clinic_scoped(select(Patient), Patient)
        .order_by(Patient.created_at.desc(), Patient.id.desc())
        .limit(RECENT_PATIENTS)
    ).all()
    return render_template(
        "dashboard/index.html", clinic=current_user.clinic, recent_patients=recent
    )
