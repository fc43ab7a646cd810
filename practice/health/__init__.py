from flask import Blueprint

bp = Blueprint("health", __name__)

from practice.health import views  # noqa: E402, F401  (registers the routes on bp)
