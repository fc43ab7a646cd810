from flask import Blueprint

bp = Blueprint("plans", __name__)

from practice.clinical.goals import format_value  # noqa: E402
from practice.clinical.labels import label  # noqa: E402
from practice.clinical.vocabulary import ExerciseSide  # noqa: E402
from practice.plans import views  # noqa: E402, F401  (registers the routes on bp)
from practice.plans.forms import dosage_fields  # noqa: E402

bp.add_app_template_global(dosage_fields)
# The side choices of an exercise's dosage form, for a sided exercise (True) and one that is not.
bp.add_app_template_global(
    {
        sided: [
            (side.value, label(side))
            for side in ExerciseSide
            if (side is not ExerciseSide.NOT_APPLICABLE) == sided
        ]
        for sided in (True, False)
    },
    "exercise_sides",
)
bp.add_app_template_filter(format_value, "goal_value")
