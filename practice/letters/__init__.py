from flask import Blueprint

bp = Blueprint("letters", __name__)

from practice.letters import views  # noqa: E402, F401  (registers the routes on bp)
