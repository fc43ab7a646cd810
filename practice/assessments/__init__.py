from flask import Blueprint

bp = Blueprint("assessments", __name__)

from practice.assessments import views  # noqa: E402, F401  (registers the routes on bp)
