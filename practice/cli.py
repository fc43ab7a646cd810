"""Command-line entry points (``flask --app practice …``): thin wrappers around services."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade
from sqlalchemy import select

from practice import audit, backup, demo
from practice.assessments.services import patient_assessments, record_export
from practice.auth.services import AccountError, create_user, get_or_create_clinic
from practice.catalogue.services import sync_seed_catalogue
from practice.demo import bulk
from practice.extensions import db
from practice.handouts.services import (
    HandoutError,
    check_contact_details,
    home_exercise_content,
    issue_handout,
    prevention_content,
)
from practice.models import AuditEntry, AuditHead, Paper, Patient, Role, TreatmentPlan
from practice.patients.export import patient_record
from practice.seed import load_seed_catalogue


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Migrate to the newest schema and load the seed catalogue. Safe to run again."""
    upgrade()
    report = sync_seed_catalogue(load_seed_catalogue())
    db.session.commit()
    click.echo("Database is up to date.")
    click.echo(f"Seed catalogue: {report}.")


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.option("--name", "display_name", required=True, help="Name shown to colleagues.")
@click.option(
    "--role", type=click.Choice([role.value for role in Role]), default=Role.CLINICIAN.value
)
@click.option("--clinic", "clinic_name", required=True, help="Created if no clinic has this name.")
@click.option("--registration-number", default=None, help="Professional registration number.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user_command(
    email: str,
    display_name: str,
    role: str,
    clinic_name: str,
    registration_number: str | None,
    password_stdin: bool,
) -> None:
    """Create a user who can sign in to CLINIC."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        clinic, created = get_or_create_clinic(clinic_name)
        user = create_user(
            email=email,
            display_name=display_name,
            password=password,
            clinic=clinic,
            role=Role(role),
            registration_number=registration_number,
        )
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    if created:
        click.echo(f"Created clinic {clinic.name!r}.")
    click.echo(f"Created {user.role} {user.email} in {clinic.name!r}.")


@click.command("demo-data")
@with_appcontext
@click.option("--patients", default=0, show_default=True, type=click.IntRange(min=0))
@click.option("--clinics", default=1, show_default=True, type=click.IntRange(min=1, max=500))
@click.option(
    "--one-clinic",
    is_flag=True,
    help="Every patient in the demo clinic; the other clinics get their staff only.",
)
@click.option(
    "--handouts",
    default=2,
    show_default=True,
    type=click.IntRange(min=0),
    help="Issued plans given a handout (about 0.6 s each).",
)
@click.option("--seed", default=1, show_default=True, type=int, help="Same seed, same data.")
def demo_data_command(
    patients: int, clinics: int, one_clinic: bool, handouts: int, seed: int
) -> None:
    """Create the demo clinics, their users and PATIENTS demo patients if absent (a rerun tops
    up, an interrupted run keeps what it made); print the sign-in."""
    result = demo.ensure_demo_clinic(Path(current_app.instance_path))
    db.session.commit()
    sites = bulk.ensure_sites(result, clinics)
    existing = bulk.generated_count()
    with click.progressbar(
        length=max(0, patients - existing), label="Demo patients", file=sys.stderr
    ) as bar:
        created = bulk.top_up_patients(
            sites, patients, seed=seed, today=date.today(), one_clinic=one_clinic,
            progress=bar.update,
        )  # fmt: skip
    given = bulk.top_up_handouts(sites, handouts) if patients else 0
    click.echo(demo.describe(result))
    colleagues = [bulk.staff_email(0, Role.CLINICIAN, 2)]
    if len(sites) > 1:
        colleagues.append(bulk.staff_email(1, Role.CLINICIAN, 1))
    click.echo(f"  ({', '.join(colleagues)}… too, with the same password)")
    if patients:
        where = f"the demo's {len(sites)} clinics"
        if one_clinic or len(sites) == 1:
            where = "the demo clinic" + (f", one of {len(sites)}" if len(sites) > 1 else "")
        click.echo(f"Demo patients: {created} created, {patients} in {where} (seed {seed}).")
    if given:
        click.echo(f"Handouts given: {given}.")


@click.command("export-patient")
@with_appcontext
@click.argument("patient_id", type=int)
@click.option(
    "--output", type=click.Path(dir_okay=False, writable=True), required=True, help="FILE.json"
)
def export_patient_command(patient_id: int, output: str) -> None:
    """Write a patient's whole record as JSON (the patient's right of access)."""
    patient = db.session.get(Patient, patient_id)
    if patient is None:
        raise click.ClickException(f"There is no patient with id {patient_id}.")
    record = patient_record(patient)
    record_export(patient_assessments(patient), None)
    Path(output).write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    db.session.commit()
    click.echo(f"Wrote the record of {patient.full_name} to {output}.")


def _write_handout(content_of, *, patient, version, output: str, paper: str, large_print: bool):
    try:
        check_contact_details(patient)
        content = content_of(large_print)
    except HandoutError as error:
        raise click.ClickException(str(error)) from None
    record = issue_handout(
        content, patient=patient, version=version, paper=Paper(paper), author=None
    )
    Path(output).write_bytes(record.pdf)
    db.session.commit()
    click.echo(
        f"Wrote {output}: {record.page_count} pages, SHA-256 {record.sha256} (handout {record.id})."
    )


PAPER_OPTION = click.option(
    "--paper", type=click.Choice([paper.value for paper in Paper]), default=Paper.A4.value
)
LARGE_PRINT_OPTION = click.option("--large-print", is_flag=True, help="Body text 18 pt.")
OUTPUT_OPTION = click.option(
    "--output", type=click.Path(dir_okay=False, writable=True), required=True, help="FILE.pdf"
)


@click.command("handout")
@with_appcontext
@click.argument("plan_id", type=int)
@OUTPUT_OPTION
@PAPER_OPTION
@LARGE_PRINT_OPTION
def handout_command(plan_id: int, output: str, paper: str, large_print: bool) -> None:
    """Write and record the home-exercise handout of a plan's issued version."""
    plan = db.session.get(TreatmentPlan, plan_id)
    if plan is None:
        raise click.ClickException(f"There is no plan with id {plan_id}.")
    version = plan.given[-1] if plan.given else plan.current
    _write_handout(
        lambda large: home_exercise_content(version, therapist=None, large_print=large),
        patient=plan.patient,
        version=version,
        output=output,
        paper=paper,
        large_print=large_print,
    )


@click.command("prevention-handout")
@with_appcontext
@click.argument("patient_id", type=int)
@OUTPUT_OPTION
@PAPER_OPTION
@LARGE_PRINT_OPTION
def prevention_handout_command(patient_id: int, output: str, paper: str, large_print: bool) -> None:
    """Write and record a prevention-advice handout for a patient."""
    patient = db.session.get(Patient, patient_id)
    if patient is None:
        raise click.ClickException(f"There is no patient with id {patient_id}.")
    _write_handout(
        lambda large: prevention_content(patient, therapist=None, large_print=large),
        patient=patient,
        version=None,
        output=output,
        paper=paper,
        large_print=large_print,
    )


@click.command("backup")
@with_appcontext
@click.option("--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def backup_command(output: Path) -> None:
    """Write a consistent copy of the whole database while the app keeps serving."""
    try:
        backup.backup(db.engine, output)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backed up to {output} (readable by you alone).")


@click.command("restore")
@with_appcontext
@click.option("--input", "source", required=True, type=click.Path(dir_okay=False, path_type=Path))
def restore_command(source: Path) -> None:
    """Bring a backup back into an empty database (refused if it holds any table)."""
    try:
        backup.restore(db.engine, source)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored {source}.")


@click.command("audit-verify")
@with_appcontext
def audit_verify_command() -> None:
    """Check the audit trail's hash chain: every row unchanged, none missing, added or moved."""
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.sequence))
    head = db.session.get(AuditHead, audit.HEAD_ID)
    breaks = audit.verify(entries, head)
    if breaks:
        for found in breaks:
            click.echo(f"row {found.sequence}: {found.problem}", err=True)
        raise click.ClickException(f"The audit trail is broken in {len(breaks)} places.")
    click.echo(f"The audit trail holds: {head.sequence} rows, each unchanged and in order.")


def init_app(app: Flask) -> None:
    for command in (
        audit_verify_command,
        backup_command,
        restore_command,
        init_db_command,
        create_user_command,
        demo_data_command,
        export_patient_command,
        handout_command,
        prevention_handout_command,
    ):
        app.cli.add_command(command)
