from flask import Blueprint

bp = Blueprint("patients", __name__, url_prefix="/patients")

from practice.patients import views  # noqa: E402, F401  (registers the routes on bp)
