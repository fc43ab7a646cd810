from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from practice.catalogue import bp, services
from practice.catalogue.forms import (
    EXERCISE_DOSAGE_UNITS,
    FORMS,
    CatalogueSearchForm,
    dosage_label,
)
from practice.clinical.dosage import EXERCISE_DOSAGE_FIELDS
from practice.clinical.handout_text import card_texts
from practice.extensions import db
from practice.models import CatalogueItem
from practice.seed import DOSAGE_PARAMETER_UNITS


def _visible_or_404(item_id: int) -> CatalogueItem:
    """A shipped item or one of the signed-in clinic's; another clinic's own item is a 404."""
    item = services.visible_item(current_user.clinic_id, item_id)
    if item is None:
        abort(404)
    return item


def _dosage_rows(item: CatalogueItem) -> list[tuple[str, str]]:
    """(label, value with unit) for each default the item gives, in a stable order."""
    if item.is_exercise:
        names, units = EXERCISE_DOSAGE_FIELDS, EXERCISE_DOSAGE_UNITS
    else:
        names = tuple(DOSAGE_PARAMETER_UNITS)
        units = DOSAGE_PARAMETER_UNITS | item.details.dosage_units
    return [
        (dosage_label(name, with_unit=False), f"{item.dosage[name]:g} {units[name]}")
        for name in names
        if item.dosage.get(name) is not None
    ]


@bp.get("/")
@login_required
def index():
    form = CatalogueSearchForm(request.args)
    valid = form.validate()
    show_retired = valid and form.retired.data
    items = db.session.scalars(
        services.clinic_catalogue(current_user.clinic_id, include_retired=show_retired)
    ).all()
    if valid:
        wanted = services.CatalogueFilter(
            words=form.q.data or "",
            item_type=form.type.data,
            category=form.category.data,
            body_region=form.region.data,
            indication=form.indication.data,
        )
        items = services.filter_items(items, wanted)
    shipped = services.shipped_items()
    rows = [(item, services.provenance(item, shipped)) for item in items]
    status = 200 if valid else 400
    return render_template("catalogue/index.html", form=form, rows=rows), status


@bp.get("/<int:item_id>")
@login_required
def show(item_id: int):
    item = _visible_or_404(item_id)
    version = services.clinic_version(item, current_user.clinic_id)
    return render_template(
        "catalogue/show.html",
        item=item,
        provenance=services.provenance(item, services.shipped_items()),
        clinic_version=version if version is not item else None,
        dosage_rows=_dosage_rows(item),
        printed=card_texts(item.details, item.dosage) if item.is_exercise else None,
        action_form=FlaskForm(),
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    item_type = request.args.get("type", "")
    if item_type not in FORMS:
        abort(400)
    form = FORMS[item_type]()
    if form.validate_on_submit() and not form.wants_preview:
        item = services.create_item(
            form.values(), clinic_id=current_user.clinic_id, author=current_user
        )
        db.session.commit()
        flash(f"{item.name} added to the catalogue.", "success")
        return redirect(url_for("catalogue.show", item_id=item.id))
    return _form_page(form, item=None)


@bp.route("/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit(item_id: int):
    item = _visible_or_404(item_id)
    version = services.clinic_version(item, current_user.clinic_id)
    if version is not item:  # the clinic edits its own copy, never the shipped original again
        return redirect(url_for("catalogue.edit", item_id=version.id))
    form = FORMS[item.item_type](data=FORMS[item.item_type].data_of(item))
    if form.validate_on_submit() and not form.wants_preview:
        saved = services.update_item(
            item, form.values(item), clinic_id=current_user.clinic_id, author=current_user
        )
        db.session.commit()
        if saved is item:
            flash("Item saved.", "success")
        else:
            flash("Saved as this clinic's version; the shipped item is kept unchanged.", "success")
        return redirect(url_for("catalogue.show", item_id=saved.id))
    return _form_page(form, item=item)


def _form_page(form, *, item: CatalogueItem | None):
    """The item form again: with its messages (400), or with the preview of what a handout
    would print when the Preview button was pressed on a valid form."""
    previews = form.previews() if form.wants_preview and not form.errors else []
    status = 400 if form.errors else 200
    return render_template("catalogue/form.html", form=form, item=item, previews=previews), status


@bp.post("/<int:item_id>/retire")
@login_required
def retire(item_id: int):
    item = _visible_or_404(item_id)
    if services.clinic_version(item, current_user.clinic_id).is_retired:
        flash("This item is already retired.", "info")
        return redirect(url_for("catalogue.show", item_id=item.id))
    retired = services.retire_item(item, clinic_id=current_user.clinic_id, author=current_user)
    db.session.commit()
    flash(
        f"{retired.name} retired: it is no longer offered for new plans; "
        "plans that already use it keep it.",
        "success",
    )
    return redirect(url_for("catalogue.show", item_id=retired.id))


@bp.post("/<int:item_id>/restore")
@login_required
def restore(item_id: int):
    item = _visible_or_404(item_id)
    version = services.clinic_version(item, current_user.clinic_id)
    if version.is_shipped:
        # Nothing of the clinic's to restore: a shipped row is retired only by the seed.
        flash(
            "This item was withdrawn from the shipped catalogue and cannot be restored here; "
            "add your own item instead."
            if version.is_retired
            else "This item is not retired.",
            "info",
        )
        return redirect(url_for("catalogue.show", item_id=item.id))
    if not version.is_retired:
        flash("This item is not retired.", "info")
    else:
        services.restore_item(version, author=current_user)
        db.session.commit()
        flash(f"{version.name} is back in the catalogue.", "success")
    return redirect(url_for("catalogue.show", item_id=version.id))
