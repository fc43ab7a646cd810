from flask import render_template
from flask_login import current_user, login_required

from practice.dashboard import bp


@bp.get("/")
@login_required
def index():
    return render_template("dashboard/index.html", clinic=current_user.clinic)
