from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import MultiDict

from practice import audit
from practice.assessments.forms import AddendumForm, DiscardForm
from practice.clinical.dosage import SIDED_CHOICES, BandColour
from practice.clinical.screening import TreatmentSite
from practice.clinical.visit_rules import (
    PARAMETERS_OF_KIND,
    STIMULATION_PARAMETERS,
    DeliveryKind,
    ExerciseAction,
    load_visit_rules,
)
from practice.clinical.vocabulary import BodyRegion, ExerciseSide, Side
from practice.db import utcnow
from practice.extensions import db
from practice.forms import choices
from practice.models import Patient, PlanVersion
from practice.models.visit import VisitNote
from practice.scoping import get_owned_or_404
from practice.visits import bp, services
from practice.visits.forms import (
    NoteForm,
    SignForm,
    default_values,
    kind_of,
    note_content,
    note_values,
    read_items,
)


def _audited(note: VisitNote) -> VisitNote:
    audit.note(record_type="visit_note", record_id=note.id, patient_id=note.patient_id)
    return note


def _owned_note(note_id: int) -> VisitNote:
    return _audited(get_owned_or_404(VisitNote, note_id))


@bp.get("/patients/<int:patient_id>/visits/new")
@login_required
def new(patient_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    version = services.current_plan_version(patient)
    if version is None:
        return _no_plan(patient)
    now = utcnow()
    form = NoteForm(
        formdata=None,
        version=version,
        data={"occurred_on": now.date(), "occurred_time": now.time().replace(second=0)},
    )
    return _render_form(patient, version, form, default_values(version))


@bp.post("/patients/<int:patient_id>/visits")
@login_required
def create(patient_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    version = services.current_plan_version(patient)
    if version is None:
        return _no_plan(patient, status=409)
    if str(version.id) != request.form.get("plan_version"):
        flash(
            "The plan was changed while you wrote this note: it is now written against the "
            f"version {version.number} shown below. Check the items and save again.",
            "warning",
        )
        form = NoteForm(version=version)
        return _render_form(patient, version, form, request.form, status=409)
    form = NoteForm(version=version)
    content, errors = _read(form, version)
    if content is None:
        return _render_form(patient, version, form, request.form, errors=errors, status=400)
    try:
        note = services.start_note(version, content, author=current_user)
    except services.NoteProblems as error:
        db.session.rollback()
        return _render_form(patient, version, form, request.form, errors=error.problems, status=400)
    note_id = note.id
    _audited(note)
    db.session.commit()
    flash("Visit note saved as a draft. Sign it when it is complete.", "success")
    return redirect(url_for("visits.show", note_id=note_id))


def _no_plan(patient: Patient, *, status: int = 200):
    plan = services.latest_plan(patient)
    return render_template("visits/no_plan.html", patient=patient, plan=plan), status


def _read(form: NoteForm, version: PlanVersion):
    """The note typed in, or None and the messages; nothing is written either way."""
    valid = form.validate_on_submit()
    deliveries, days, errors = read_items(version, request.form)
    if valid and not services.not_in_future(form.occurred_at):
        form.occurred_time.errors = [
            *form.occurred_time.errors,
            "The visit cannot be later than now.",
        ]
        valid = False
    if not valid or errors:
        return None, errors
    return note_content(form, deliveries, days), {}


def _render_form(
    patient: Patient,
    version: PlanVersion,
    form: NoteForm,
    values: MultiDict,
    *,
    note: VisitNote | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
):
    errors = errors or {}
    problem = None
    if status >= 400:
        problem = "Nothing was saved: see the messages next to the fields."
        for name in ("occurred_on", "log_weeks"):
            if name in errors:
                getattr(form, name).errors = [*getattr(form, name).errors, errors.pop(name)]
    day = services.screening_day(version, form.occurred_on.data or utcnow().date())
    rules = load_visit_rules()
    return render_template(
        "visits/form.html",
        patient=patient,
        version=version,
        note=note,
        form=form,
        values=values,
        errors=errors,
        problem=problem,
        rows=[_row(entry, day) for entry in version.items],
        log=services.home_exercises(version),
        regions=_options(choices(BodyRegion)),
        sides=_options(choices(Side)),
        mode_options={
            kind: [(mode.key, mode.label) for mode in rules.modes_of(kind)]
            for kind in PARAMETERS_OF_KIND
        },
        mode_help={kind: _intensity_help(rules.modes_of(kind)) for kind in PARAMETERS_OF_KIND},
        exercise_side_options={
            sided: _options(choices(SIDED_CHOICES if sided else [ExerciseSide.NOT_APPLICABLE]))
            for sided in (True, False)
        },
        band_options=_options(choices(BandColour, blank="—")),
        parameters=STIMULATION_PARAMETERS,
        parameters_of=PARAMETERS_OF_KIND,
        actions=list(ExerciseAction),
        threshold=services.adherence_rule(),
    ), status


def _options(options) -> list[tuple[str, str]]:
    return [(option.value, option.label) for option in options]


def _intensity_help(modes) -> str:
    """The reference's wording of the intensity of each mode that has one (7.6, 7.7)."""
    worded = [f"{mode.label.lower()}: {mode.intensity}" for mode in modes if mode.intensity]
    return ("Reference wording, " + "; ".join(worded) + ".") if worded else ""


def _row(entry, day):
    """One plan item on the form: its delivery kind and its screening on the visit's day at the
    plan's site, so a flag recorded since the plan was issued shows before anything is typed."""
    site = TreatmentSite(BodyRegion(entry.site_region), Side(entry.site_side))
    return {
        "entry": entry,
        "kind": kind_of(entry),
        "screening": services.screen_delivery(entry, site, day),
    }


@bp.get("/visits/<int:note_id>")
@login_required
def show(note_id: int):
    note = _owned_note(note_id)
    return _render_show(note)


def _render_show(
    note: VisitNote, *, sign_form=None, addendum_form=None, discard_form=None, status: int = 200
):
    return render_template(
        "visits/show.html",
        note=note,
        patient=note.patient,
        version=note.plan_version,
        log_rows=services.log_rows(note),
        threshold=services.adherence_rule(),
        modes=load_visit_rules().modes,
        parameters=STIMULATION_PARAMETERS,
        kinds={item.id: kind_of(item.plan_item) for item in note.items},
        DeliveryKind=DeliveryKind,
        is_author=note.clinician_id == current_user.id,
        sign_form=sign_form or SignForm(formdata=None, data={"lock": note.lock_version}),
        addendum_form=addendum_form or AddendumForm(formdata=None),
        discard_form=discard_form or DiscardForm(formdata=None, prefix="discard"),
    ), status


@bp.route("/visits/<int:note_id>/edit", methods=["GET", "POST"])
@login_required
def edit(note_id: int):
    note = _owned_note(note_id)
    try:
        services.ensure_editable(note, current_user)
    except services.NoteError as error:
        flash(str(error), "warning")
        if request.method == "GET":
            return redirect(url_for("visits.show", note_id=note.id))
        return _render_show(note, status=409)
    version = note.plan_version
    if request.method == "GET":
        form = NoteForm(
            formdata=None,
            version=version,
            obj=note,
            data={
                "occurred_on": note.occurred_at.date(),
                "occurred_time": note.occurred_at.time(),
                "lock": note.lock_version,
            },
        )
        return _render_form(note.patient, version, form, note_values(note), note=note)
    form = NoteForm(version=version)
    content, errors = _read(form, version)
    if content is None:
        return _render_form(
            note.patient, version, form, request.form, note=note, errors=errors, status=400
        )
    try:
        services.save_draft(note, content, author=current_user, expected_lock=form.lock_version)
        db.session.commit()
    except (services.NoteError, StaleDataError) as error:
        db.session.rollback()
        problems = error.problems if isinstance(error, services.NoteProblems) else {}
        if not isinstance(error, services.NoteProblems):
            flash(
                str(services.StaleNote() if isinstance(error, StaleDataError) else error), "danger"
            )
        return _render_form(
            note.patient,
            version,
            form,
            request.form,
            note=note,
            errors=problems,
            status=400 if problems else 409,
        )
    flash("Draft saved.", "success")
    return redirect(url_for("visits.show", note_id=note_id))


@bp.post("/visits/<int:note_id>/sign")
@login_required
def sign(note_id: int):
    note = _owned_note(note_id)
    form = SignForm()
    if note.is_draft and not form.validate_on_submit():
        return _render_show(note, sign_form=form, status=400)
    try:
        services.sign(note, author=current_user, expected_lock=form.lock_version)
        db.session.commit()
    except (services.NoteError, StaleDataError) as error:
        db.session.rollback()
        flash(str(services.StaleNote() if isinstance(error, StaleDataError) else error), "danger")
        return _render_show(note, sign_form=form, status=409)
    flash("Note signed. From now on it is amended only by addenda.", "success")
    return redirect(url_for("visits.show", note_id=note_id))


@bp.post("/visits/<int:note_id>/discard")
@login_required
def discard(note_id: int):
    note = _owned_note(note_id)
    form = DiscardForm(prefix="discard")
    if not form.validate_on_submit():
        return _render_show(note, discard_form=form, status=400)
    patient_id = note.patient_id
    try:
        services.discard(note, author=current_user, reason=form.reason.data)
        db.session.commit()
    except services.NoteError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return _render_show(note, status=409)
    flash("Draft discarded. It stays on the record, read-only, with the reason.", "success")
    return redirect(url_for("patients.show", patient_id=patient_id))


@bp.post("/visits/<int:note_id>/addenda")
@login_required
def add_addendum(note_id: int):
    note = _owned_note(note_id)
    form = AddendumForm()
    if not form.validate_on_submit():
        flash("The addendum was not added: see the messages by the fields.", "danger")
        return _render_show(note, addendum_form=form, status=400)
    try:
        services.add_addendum(
            note,
            author=current_user,
            reason=form.reason.data,
            text=form.text.data,
            refers_to_on=form.refers_to_on.data,
        )
    except services.NoteError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return _render_show(note, addendum_form=form, status=400)
    db.session.commit()
    flash("Addendum added.", "success")
    return redirect(url_for("visits.show", note_id=note_id, _anchor="addenda"))
