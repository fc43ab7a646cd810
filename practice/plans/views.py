from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm.exc import StaleDataError
from wtforms.fields.choices import SelectChoice

from practice.catalogue.services import clinic_catalogue_outline, visible_item
from practice.clinical.dosage import BandColour
from practice.clinical.goals import format_value
from practice.clinical.labels import label
from practice.clinical.screening import TreatmentSite
from practice.clinical.vocabulary import BodyRegion, Side
from practice.extensions import db
from practice.models import Assessment, PlanGoal, PlanItem, TreatmentPlan
from practice.plans import bp, services
from practice.plans.forms import (
    AddItemForm,
    DiscardDraftForm,
    GoalForm,
    IssueForm,
    PlanItemForm,
    RemoveGoalForm,
    ReviseForm,
    ScheduleForm,
    StartPlanForm,
    read_dosage,
    read_note,
)
from practice.scoping import get_owned_or_404


@bp.post("/assessments/<int:assessment_id>/plans")
@login_required
def start(assessment_id: int):
    assessment = get_owned_or_404(Assessment, assessment_id)
    if not StartPlanForm().validate_on_submit():
        abort(400)
    try:
        plan = services.start_plan(assessment, author=current_user)
    except services.PlanError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for("assessments.show", assessment_id=assessment.id))
    db.session.commit()
    return redirect(url_for("plans.show", plan_id=plan.id))


def _owned_plan(plan_id: int) -> TreatmentPlan:
    return get_owned_or_404(TreatmentPlan, plan_id, loading=services.WITH_VERSIONS)


@bp.get("/plans/<int:plan_id>")
@login_required
def show(plan_id: int):
    plan = _owned_plan(plan_id)
    return _render(plan)


def _render(plan: TreatmentPlan, *, status: int = 200, forms: dict | None = None, errors=None):
    number = request.args.get("version", type=int)
    version = next((item for item in plan.versions if item.number == number), plan.current)
    forms = forms or {}
    editable = version is plan.current and version.is_draft
    # An issued version shows no add form and no proposals, so its page reads no catalogue; a
    # draft reads its outline once for both. The form to add from the whole catalogue is written
    # only when asked for (?add=catalogue, which forms.js fetches in place) or when a post of it
    # needs its messages: its lists hold every item and region, the larger part of the page.
    catalogue = clinic_catalogue_outline(plan.clinic_id) if editable else ()
    latest = services.latest_finalised_since(plan)
    acknowledged = services.acknowledgements(version, plan.assessment)
    prevention = None if version.is_draft else services.handout_advice_of(latest)
    # Only the forms the version shows: a draft's, or the one that revises an issued version.
    shown_forms = (
        _draft_forms(plan, version, forms, catalogue)
        if editable
        else {"add_form": None, "revise_form": ReviseForm(formdata=None)}
    )
    return render_template(
        "plans/show.html",
        plan=plan,
        version=version,
        patient=plan.patient,
        editable=editable,
        proposal_groups=services.proposal_groups(services.proposals(plan, catalogue, acknowledged))
        if editable
        else [],
        acknowledgements=acknowledged,
        goal_progress=services.goal_progress(plan, version, latest),
        history=services.plan_history(plan, whole=request.args.get("history") == "all"),
        more=request.args.get("more", type=int),  # the problem whose proposals are all shown
        dosage_errors=errors or {},
        band_colours=list(BandColour),  # the load input of a band exercise
        withheld=() if prevention is None else prevention.withheld,
        **shown_forms,
    ), status


def _draft_forms(plan: TreatmentPlan, version, forms: dict, catalogue) -> dict:
    """A draft's forms, each as posted when the post of it failed. The goal form lists the
    measures of the assessment and of the plan's outcome measures."""
    add_form = forms.get("add")
    if add_form is None and request.args.get("add") == "catalogue":
        add_form = AddItemForm(formdata=None)
    if add_form is not None:
        add_form.item_id.choices = [SelectChoice("", "Choose from the catalogue")] + [
            SelectChoice(str(item.id), f"{item.name} ({label(item.item_type).lower()})")
            for item in catalogue
        ]
    goal_form = forms.get("goal") or GoalForm(formdata=None)
    goal_form.measure.choices = [SelectChoice("", "Choose a measure")] + [
        SelectChoice(measure.code, f"{measure.label} (now {_current(measure)})")
        for measure in services.available_goal_measures(plan)
    ]
    schedule_form = forms.get("schedule") or ScheduleForm(
        formdata=None,
        data={
            "sessions_per_week": version.sessions_per_week,
            "duration_weeks": version.duration_weeks,
            "review_on": version.review_on,
        },
    )
    return {
        "add_form": add_form,
        "goal_form": goal_form,
        "schedule_form": schedule_form,
        "issue_form": IssueForm(formdata=None),
        "discard_form": forms.get("discard") or DiscardDraftForm(formdata=None, prefix="discard"),
    }


def _current(measure) -> str:
    if measure.current is None:
        return "not measured"
    return measure.now_text or format_value(measure.current, measure.unit)


def _fail(plan: TreatmentPlan, message: str, *, status: int = 400, forms=None, errors=None):
    db.session.rollback()
    flash(message, "danger")
    return _render(plan, status=status, forms=forms, errors=errors)


def _status_of(error: Exception) -> int:
    return 409 if isinstance(error, services.StalePlan | services.PlanNotEditable) else 400


def _change(plan: TreatmentPlan, change, *, anchor: str = "", forms=None, field=None):
    """Run one change to the plan: commit and redirect, or show why nothing changed.

    A save that lost a race at the database (StaleDataError) reads like any stale page.
    """
    try:
        message = change()
        db.session.flush()
    except (services.PlanError, StaleDataError) as error:
        if isinstance(error, StaleDataError):
            error = services.StalePlan()
        if field is not None:
            field.errors.append(str(error))
        return _fail(plan, str(error), status=_status_of(error), forms=forms)
    plan_id = plan.id  # read before the commit expires the plan: no query to reload it
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("plans.show", plan_id=plan_id, _anchor=anchor or None))


@bp.post("/plans/<int:plan_id>/items")
@login_required
def add_item(plan_id: int):
    plan = _owned_plan(plan_id)
    form = AddItemForm()
    if not form.validate_on_submit():
        return _fail(plan, "The item was not added: see the messages below.", forms={"add": form})
    item = visible_item(plan.clinic_id, int(form.item_id.data))
    if item is None:
        form.item_id.errors.append("There is no such technique or exercise in this catalogue.")
        return _fail(plan, "The item was not added.", forms={"add": form})

    def change() -> str:
        services.add_item(
            plan,
            item,
            site=TreatmentSite(BodyRegion(form.site_region.data), Side(form.site_side.data)),
            dosage=item.dosage,
            reason=form.reason.data or "",
            author=current_user,
            lock=form.lock_version,
            override_reason=form.override_reason.data or "",
            acknowledge_precaution=form.acknowledge_precaution.data,
            electrode_placement=form.electrode_placement.data or "",
        )
        return f"{item.name} added to the plan."

    return _change(plan, change, anchor="items", forms={"add": form})


def _plan_item(plan: TreatmentPlan, item_id: int) -> PlanItem:
    entry = get_owned_or_404(PlanItem, item_id)
    if entry.version.plan_id != plan.id:
        abort(404)
    return entry


@bp.post("/plans/<int:plan_id>/items/<int:item_id>")
@login_required
def item_action(plan_id: int, item_id: int):
    plan = _owned_plan(plan_id)
    entry = _plan_item(plan, item_id)
    form = PlanItemForm()
    if not form.validate_on_submit():
        abort(400)
    action = form.action.data
    name = entry.catalogue_item.name
    lock = form.lock_version
    if action == "dosage":
        dosage, errors = read_dosage(entry.catalogue_item, request.form)
        note, note_errors = read_note(request.form)
        errors |= note_errors
        if errors:
            return _fail(plan, f"The dosage of {name} was not changed.", errors={entry.id: errors})

    def change() -> str:
        if action == "remove":
            services.remove_item(plan, entry, author=current_user, lock=lock)
            return f"{name} removed."
        if action == "dosage":
            services.set_dosage(plan, entry, dosage, notes=note, author=current_user, lock=lock)
            return f"Dosage of {name} saved."
        services.move_item(plan, entry, up=action == "up", author=current_user, lock=lock)
        return "Order changed."

    return _change(plan, change, anchor="items")


@bp.post("/plans/<int:plan_id>/goals")
@login_required
def add_goal(plan_id: int):
    plan = _owned_plan(plan_id)
    form = GoalForm()
    if not form.validate_on_submit():
        return _fail(plan, "The goal was not added: see the messages below.", forms={"goal": form})

    def change() -> str:
        services.add_goal(
            plan,
            measure_code=form.measure.data,
            comparator=form.comparator.data,
            target=form.target.data,
            target_on=form.target_on.data,
            author=current_user,
            lock=form.lock_version,
        )
        return "Goal added."

    return _change(plan, change, anchor="goals", forms={"goal": form}, field=form.target)


@bp.post("/plans/<int:plan_id>/goals/<int:goal_id>/remove")
@login_required
def remove_goal(plan_id: int, goal_id: int):
    plan = _owned_plan(plan_id)
    goal = get_owned_or_404(PlanGoal, goal_id)
    if goal.version.plan_id != plan.id:
        abort(404)
    form = RemoveGoalForm()
    if not form.validate_on_submit():
        abort(400)

    def change() -> str:
        services.remove_goal(plan, goal, author=current_user, lock=form.lock_version)
        return "Goal removed."

    return _change(plan, change, anchor="goals")


@bp.post("/plans/<int:plan_id>/schedule")
@login_required
def schedule(plan_id: int):
    plan = _owned_plan(plan_id)
    form = ScheduleForm()
    if not form.validate_on_submit():
        return _fail(plan, "The schedule was not saved.", forms={"schedule": form})

    def change() -> str:
        services.set_schedule(
            plan,
            sessions_per_week=form.sessions_per_week.data,
            duration_weeks=form.duration_weeks.data,
            review_on=form.review_on.data,
            author=current_user,
            lock=form.lock_version,
        )
        return "Schedule saved."

    return _change(plan, change, anchor="schedule", forms={"schedule": form})


@bp.post("/plans/<int:plan_id>/issue")
@login_required
def issue(plan_id: int):
    plan = _owned_plan(plan_id)
    form = IssueForm()
    if not form.validate_on_submit():
        abort(400)

    def change() -> str:
        services.issue(plan, author=current_user, lock=form.lock_version)
        return f"Version {plan.current.number} issued to the patient."

    return _change(plan, change)


@bp.post("/plans/<int:plan_id>/discard")
@login_required
def discard(plan_id: int):
    plan = _owned_plan(plan_id)
    form = DiscardDraftForm(prefix="discard")
    if not form.validate_on_submit():
        return _fail(plan, "The draft was not discarded: say why.", forms={"discard": form})

    def change() -> str:
        number = plan.current.number
        services.discard_draft(
            plan, author=current_user, reason=form.reason.data, lock=form.lock_version
        )
        return f"Draft version {number} discarded. It stays on the record with the reason."

    return _change(plan, change)


@bp.post("/plans/<int:plan_id>/revise")
@login_required
def revise(plan_id: int):
    plan = _owned_plan(plan_id)
    form = ReviseForm()
    if not form.validate_on_submit():
        abort(400)

    def change() -> str:
        draft = services.revise(plan, author=current_user, lock=form.lock_version)
        return f"Version {draft.number} started; version {draft.number - 1} stays as issued."

    return _change(plan, change)
