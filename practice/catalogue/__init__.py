"""The catalogue area: browse techniques and home exercises; clinic admins add, edit and retire."""

from flask import Blueprint

bp = Blueprint("catalogue", __name__, url_prefix="/catalogue")

from practice.catalogue import views  # noqa: E402, F401  (registers the routes on bp)
