from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from practice import audit
from practice.extensions import db
from practice.letters import bp, services
from practice.letters.forms import LetterForm
from practice.models import LetterKind, LetterRecord, Paper, Patient
from practice.scoping import get_owned_or_404
from practice.stored_pdfs import send_stored_pdf

TYPED_FIELDS = ("kind", "addressee", "urgency", "reason", "extra", "paper")
"""What the preview page posts back, to issue the letter or to change it."""


def _form(patient: Patient, **kwargs) -> LetterForm:
    return LetterForm(has_referrer=bool(patient.referrer.strip()), **kwargs)


def _render_form(patient, form, sources, *, problem: str = "", status: int = 200):
    """The form page; what a referral lacks is said before anything is typed, and
    ``problem`` is why the letter posted was refused."""
    missing = services.missing_for(LetterKind.REFERRAL, sources)
    return render_template(
        "letters/form.html",
        patient=patient,
        form=form,
        missing=missing,
        problem="" if problem == missing else problem,
        refused=status == 400,
    ), status


@bp.route("/patients/<int:patient_id>/letters/new", methods=["GET", "POST"])
@login_required
def new(patient_id: int):
    """The form: blank (the addressee from the patient's referrer, the urgency from the red
    flags), or, posted from the preview page, with what was typed, to change it."""
    patient = get_owned_or_404(Patient, patient_id)
    sources = services.sources_of(patient)
    if request.method == "POST":
        form = _form(patient)
        return _render_form(patient, form, sources)
    kind = request.args.get("kind", LetterKind.REFERRAL.value)
    suggested = services.suggested_urgency(sources.assessment)
    form = _form(
        patient,
        formdata=None,
        data={
            "kind": kind if kind in {item.value for item in LetterKind} else LetterKind.REFERRAL,
            "addressee": patient.referrer,
            "urgency": suggested.value if suggested else "",
            "paper": current_user.clinic.default_paper,
        },
    )
    return _render_form(patient, form, sources)


def _validated(patient: Patient):
    """The form, its letter's sources and typed values, or the form page to show again (400)."""
    sources = services.sources_of(patient)
    form = _form(patient)
    if not form.validate_on_submit():
        return None, _render_form(patient, form, sources, status=400)
    typed = services.TypedLetter(
        kind=form.letter_kind,
        addressee=form.addressee.data,
        reason=form.reason.data,
        urgency=form.typed_urgency,
        extra=form.extra.data or "",
    )
    try:
        content = services.letter_content(patient, typed, sources, author=current_user)
    except services.LetterError as error:
        return None, _render_form(patient, form, sources, problem=str(error), status=400)
    return (form, sources, typed, content), None


@bp.post("/patients/<int:patient_id>/letters/preview")
@login_required
def preview(patient_id: int):
    """The letter as it will print, with buttons to issue it or change it; nothing is saved."""
    patient = get_owned_or_404(Patient, patient_id)
    made, refused = _validated(patient)
    if refused:
        return refused
    form, _, _, content = made
    return services.render_page(
        content,
        paper=Paper(form.paper.data),
        for_print_page=True,
        hidden={name: form[name].data or "" for name in TYPED_FIELDS},
    )


@bp.post("/patients/<int:patient_id>/letters")
@login_required
def issue(patient_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    made, refused = _validated(patient)
    if refused:
        return refused
    form, sources, typed, content = made
    try:
        record = services.issue_letter(
            content,
            typed,
            sources,
            patient=patient,
            paper=Paper(form.paper.data),
            author=current_user,
        )
    except services.LetterError as error:
        db.session.rollback()
        return _render_form(patient, form, sources, problem=str(error), status=400)
    db.session.commit()
    audit.note(record_type="letter", record_id=record.id, patient_id=patient.id)
    flash("Letter recorded. This is the PDF to print or send.", "success")
    return redirect(url_for("letters.download", letter_id=record.id))


@bp.get("/letters/<int:letter_id>.pdf")
@login_required
def download(letter_id: int):
    """The PDF exactly as it was issued: stored bytes, never rendered again, and only while they
    still have the SHA-256 recorded when the letter was issued."""
    record = get_owned_or_404(LetterRecord, letter_id)
    return send_stored_pdf(record, kind="letter", given="issued")
