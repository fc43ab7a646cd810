from flask import render_template
from flask_login import current_user, login_required

from practice.dashboard import bp
from practice.patients.services import newest_patients

RECENT_PATIENTS = 8


@bp.get("/")
@login_required
def index():
    recent = newest_patients(current_user.clinic_id, RECENT_PATIENTS)
    return render_template(
        "dashboard/index.html", clinic=current_user.clinic, recent_patients=recent
    )
