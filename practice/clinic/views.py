import hashlib
from io import BytesIO

from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from practice.clinic import bp, services
from practice.clinic.forms import ClinicForm, TherapistForm
from practice.clinic.logo import MAX_BYTES
from practice.extensions import db
from practice.models import Role, User
from practice.scoping import get_owned_or_404
from practice.security import content_security_policy

#: An SVG opened on its own is a document the browser runs: allow it nothing but its own styles.
LOGO_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"


def _therapist_form(user: User, form: TherapistForm | None = None) -> TherapistForm:
    if form is not None:
        return form
    return TherapistForm(
        prefix=f"user-{user.id}",
        data={
            "display_name": user.display_name,
            "registration_number": user.registration_number or "",
        },
    )


def _render_settings(form: ClinicForm, *, therapist: tuple | None = None, status: int = 200):
    """The settings page; ``therapist`` is (user, its form with errors) after a refused save."""
    clinic = current_user.clinic
    errored_user, errored_form = therapist or (None, None)
    rows = [
        (user, _therapist_form(user, errored_form if user is errored_user else None))
        for user in services.clinic_users(clinic)
        if user.role == Role.CLINICIAN  # only clinicians give handouts
    ]
    return render_template(
        "clinic/settings.html",
        form=form,
        clinic=clinic,
        logo_url=services.logo_url(clinic),
        therapists=rows,
    ), status


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    clinic = current_user.clinic
    form = ClinicForm(
        data=services.clinic_values(clinic),
        taken=lambda name: services.name_taken(name, clinic),
    )
    if form.validate_on_submit():
        services.update_clinic(
            clinic, form.values(), logo=form.chosen_logo, remove_logo=form.remove_logo.data
        )
        db.session.commit()
        flash("Clinic details saved. Handouts print them from now on.", "success")
        return redirect(url_for("clinic.settings"))
    return _render_settings(form, status=400 if form.errors else 200)


@bp.post("/users/<int:user_id>")
@login_required
def update_therapist(user_id: int):
    user = get_owned_or_404(User, user_id)
    form = TherapistForm(prefix=f"user-{user.id}")
    if not form.validate_on_submit():
        flash(f"{user.display_name}'s details were not saved: see the messages.", "danger")
        clinic_form = ClinicForm(data=services.clinic_values(current_user.clinic))
        return _render_settings(clinic_form, therapist=(user, form), status=400)
    services.update_therapist(
        user,
        display_name=form.display_name.data,
        registration_number=form.registration_number.data,
    )
    db.session.commit()
    flash(f"{user.display_name}'s details saved.", "success")
    return redirect(url_for("clinic.settings", _anchor="therapists"))


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(_error):
    """Above the app's request limit nothing of the form can be read, so nothing is kept."""
    flash(
        f"The file sent was far too large, so nothing was saved. A logo may be up to "
        f"{MAX_BYTES // 1024} KB: save it smaller and fill in the form again.",
        "danger",
    )
    return redirect(url_for("clinic.settings"))


@bp.get("/logo")
@login_required
@content_security_policy(LOGO_POLICY)
def logo():
    """The signed-in user's own clinic's logo: there is no way to name another clinic's."""
    found = services.logo_of(current_user.clinic)
    if found is None:
        abort(404)
    return send_file(
        BytesIO(found.data),
        mimetype=found.media_type,
        max_age=0,
        etag=hashlib.sha256(found.data).hexdigest(),
    )
