from flask import Blueprint

bp = Blueprint("clinic", __name__, url_prefix="/clinic")

from practice.clinic import user_views, views  # noqa: E402, F401  (register the routes on bp)
from practice.clinic.services import handout_readiness  # noqa: E402

bp.add_app_template_global(handout_readiness, "clinic_handout_readiness")
