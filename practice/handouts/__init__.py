from flask import Blueprint

bp = Blueprint("handouts", __name__)

from practice.handouts import views  # noqa: E402, F401  (registers the routes on bp)
from practice.handouts.content import WEEKDAYS  # noqa: E402

bp.add_app_template_global(WEEKDAYS, "weekdays")
