from flask import Blueprint

from practice.clinical.outcomes import load_instruments

bp = Blueprint("outcomes", __name__)
# The instruments are read and checked when the app starts: a bad row of the data stops it.
bp.record_once(lambda _state: load_instruments())

from practice.outcomes import views  # noqa: E402, F401  (registers the routes on bp)
