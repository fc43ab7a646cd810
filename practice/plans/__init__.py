from flask import Blueprint

bp = Blueprint("plans", __name__)

from practice.clinical.goals import format_value  # noqa: E402
from practice.clinical.vocabulary import ExerciseSide  # noqa: E402
from practice.plans import views  # noqa: E402, F401  (registers the routes on bp)
from practice.plans.forms import dosage_fields  # noqa: E402

bp.add_app_template_global(dosage_fields)
bp.add_app_template_global(list(ExerciseSide), "exercise_sides")
bp.add_app_template_filter(format_value, "goal_value")
