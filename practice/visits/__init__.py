from flask import Blueprint

bp = Blueprint("visits", __name__)

from practice.visits import views  # noqa: E402, F401  (registers the routes on bp)
