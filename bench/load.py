"""make load: 50 clinicians using the app at once, each pausing 1 to 3 s between actions as
people do, for 60 s, against gunicorn with the production settings on loopback.

Each simulated clinician signs in through the form (an account of their own in the largest
clinic) and then, at random, lists patients, searches by name or date of birth, opens a
patient, an assessment, a plan or a print page, and now and then gives a PDF handout. Reports
throughput and the median, p95 and p99 of each action; exits 1 on any error (a status other
than the one expected, or no answer).

    .venv/bin/python -m bench.load [--database FILE.db] [--clinicians 50] [--seconds 60]
    BENCH_DATABASE_URL=postgresql+psycopg://… .venv/bin/python -m bench.load
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import func, select

from bench import dataset, server
from bench.client import Client, UnexpectedStatus, forms_of, sign_in
from bench.timing import Summary
from practice.extensions import db
from practice.models import Assessment, Patient, PlanVersion, TreatmentPlan, User
from tests.factories import make_user

RESULTS = Path(__file__).resolve().parent / "results" / "load-latest.json"
SAMPLE = 500  # patients, assessments and plans the clinicians open, drawn at random
ACTIONS = {  # how often each action comes, out of 100: a handout every few minutes per person
    "dashboard": 5,
    "patient list": 10,
    "search by name": 22,
    "search by date of birth": 5,
    "patient page": 20,
    "assessment page": 15,
    "plan page": 12.5,
    "print page": 10,
    "PDF handout": 0.5,
}
ARRIVALS = 5  # seconds over which the clinicians sign in


@dataclass(frozen=True)
class Records:
    """What the clinicians open: a random sample of the clinic's records."""

    patients: list[tuple[int, str, str]]  # id, family name, date of birth
    assessments: list[int]
    plans: list[int]
    issued_plans: list[int]
    handout_plan: int  # the bench's eight-exercise plan, whose handout can always be given


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    ends: list[tuple[str, float, float]] = field(default_factory=list)  # action, end, seconds
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, action: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times[action].append(seconds)
            self.ends.append((action, time.monotonic(), seconds))
            if error:
                self.errors.append(f"{action}: {error}")

    def after_sign_in(self) -> Summary | None:
        """The requests made once every clinician had signed in (the sign-in burst, 50
        password checks within seconds, queues the first requests behind it)."""
        signed_in = max((end for action, end, _ in self.ends if action == "sign-in"), default=0)
        later = [seconds for _, end, seconds in self.ends if end > signed_in]
        return Summary.of(later) if later else None


def sample(fixtures: dataset.Fixtures) -> Records:
    clinic = fixtures.clinic_id

    def ids(statement) -> list[int]:
        return list(db.session.scalars(statement.order_by(func.random()).limit(SAMPLE)))

    patients = db.session.execute(
        select(Patient.id, Patient.family_name, Patient.date_of_birth)
        .where(Patient.clinic_id == clinic)
        .order_by(func.random())
        .limit(SAMPLE)
    ).all()
    return Records(
        patients=[(id_, name, born.isoformat()) for id_, name, born in patients],
        assessments=ids(select(Assessment.id).where(Assessment.clinic_id == clinic)),
        plans=ids(select(TreatmentPlan.id).where(TreatmentPlan.clinic_id == clinic)),
        issued_plans=ids(
            select(TreatmentPlan.id)
            .join(PlanVersion, PlanVersion.plan_id == TreatmentPlan.id)
            .where(TreatmentPlan.clinic_id == clinic, PlanVersion.status == "issued")
        )
        or [fixtures.issued_plan_id],
        handout_plan=fixtures.issued_plan_id,
    )


def clinicians(fixtures: dataset.Fixtures, count: int) -> list[str]:
    """E-mail addresses of ``count`` accounts in the clinic, made once, all given this run's
    password (the bench's own, never kept)."""
    emails = [f"load-{number:03d}@bench.example" for number in range(1, count + 1)]
    existing = {
        user.email: user for user in db.session.scalars(select(User).where(User.email.in_(emails)))
    }
    clinic = db.session.get(User, fixtures.user_id).clinic
    for number, email in enumerate(emails, 1):
        if email in existing:
            existing[email].set_password(fixtures.password)
        else:
            make_user(
                email=email,
                display_name=f"Load Clinician {number}",
                password=fixtures.password,
                clinic=clinic,
            )
    db.session.commit()
    return emails


def actions(client: Client, records: Records, rng: random.Random) -> dict[str, Callable]:
    def pdf() -> None:
        page = f"/plans/{records.handout_plan}/handout"
        forms = forms_of(client.get(page).expect(200).text, page)
        action = next(path for path in forms if path.startswith(f"{page}?version="))
        response = client.post(action, forms[action]).expect(302)
        if "/handouts/" not in response.headers.get("Location", ""):
            raise UnexpectedStatus(f"no handout given: {response.headers.get('Location')}")

    def patient() -> tuple[int, str, str]:
        return rng.choice(records.patients)

    return {
        "dashboard": lambda: client.get("/").expect(200),
        "patient list": lambda: client.get("/patients/").expect(200),
        "search by name": lambda: client.get(
            f"/patients/?q={quote(patient()[1][: rng.randint(3, 6)].lower())}"
        ).expect(200),
        "search by date of birth": lambda: client.get(f"/patients/?dob={patient()[2]}").expect(200),
        "patient page": lambda: client.get(f"/patients/{patient()[0]}").expect(200),
        "assessment page": lambda: client.get(
            f"/assessments/{rng.choice(records.assessments)}"
        ).expect(200),
        "plan page": lambda: client.get(f"/plans/{rng.choice(records.plans)}").expect(200),
        "print page": lambda: client.get(
            f"/plans/{rng.choice(records.issued_plans)}/handout"
        ).expect(200),
        "PDF handout": pdf,
    }


def clinician(
    email: str, password: str, port: int, records: Records, tally: Tally, until: float, seed: int
) -> None:
    rng = random.Random(seed)  # noqa: S311 (a reproducible mix of actions, not a secret)
    client = Client(server.HOST, port)
    time.sleep(rng.uniform(0, ARRIVALS))  # people do not all arrive in the same second
    start = time.perf_counter()
    try:
        sign_in(client, email, password)
    except (OSError, UnexpectedStatus) as error:
        tally.record("sign-in", time.perf_counter() - start, str(error))
        return
    tally.record("sign-in", time.perf_counter() - start, None)
    doing = actions(client, records, rng)
    names, weights = list(ACTIONS), list(ACTIONS.values())
    while True:
        time.sleep(rng.uniform(1, 3))
        if time.monotonic() >= until:
            break
        action = rng.choices(names, weights)[0]
        start = time.perf_counter()
        error = None
        try:
            doing[action]()
        except Exception as problem:  # any failure is an error of the run, and reported
            error = f"{type(problem).__name__}: {problem}"
        tally.record(action, time.perf_counter() - start, error)
    client.close()


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    dataset.add_options(parser)
    server.add_options(parser)
    parser.add_argument("--clinicians", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON results")
    return parser.parse_args()


def main() -> int:
    options = arguments()
    data = dataset.open_dataset(options)
    with data.app.app_context():
        records = sample(data.fixtures)
        emails = clinicians(data.fixtures, options.clinicians)
        db.engine.dispose()
    tally = Tally()
    with server.gunicorn(data, options.gunicorn) as running:
        workers = len(running.workers())
        cpu_before, own_before = running.cpu_seconds(), time.process_time()
        started = time.monotonic()
        until = started + options.seconds
        threads = [
            threading.Thread(
                target=clinician,
                args=(
                    email,
                    data.fixtures.password,
                    running.port,
                    records,
                    tally,
                    until,
                    options.seed * 1000 + number,
                ),
            )
            for number, email in enumerate(emails)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        cpu = running.cpu_seconds() - cpu_before
        own = time.process_time() - own_before
    every = [seconds for times in tally.times.values() for seconds in times]
    overall, steady = Summary.of(every), tally.after_sign_in()
    lines = [
        f"{data.database}, {data.fixtures.patients:,} patients in the clinic; gunicorn "
        f"{workers} workers (gunicorn.conf.py {options.gunicorn}); {options.clinicians} "
        f"clinicians, 1-3 s between actions, {elapsed:.0f} s",
        f"{len(every)} requests, {len(every) / elapsed:.1f} per second, "
        f"{len(tally.errors)} errors; median {overall.median * 1000:.1f} ms, "
        f"p95 {overall.p95 * 1000:.1f} ms, p99 {overall.p99 * 1000:.1f} ms",
        "once all had signed in: "
        + (
            f"{steady.count} requests, median {steady.median * 1000:.1f} ms, "
            f"p95 {steady.p95 * 1000:.1f} ms, p99 {steady.p99 * 1000:.1f} ms"
            if steady
            else "no request"
        ),
        f"gunicorn used {cpu:.1f} CPU-s: {cpu / len(every) * 1000:.1f} CPU-ms a request, "
        f"{cpu / elapsed:.2f} of the machine's {server.CORES} cores (the simulated clinicians: "
        f"{own / elapsed:.2f})",
        f"{'action':<26} {'count':>6} {'median':>9} {'p95':>9} {'p99':>9}",
    ]
    for action, times in sorted(tally.times.items()):
        summary = Summary.of(times)
        lines.append(
            f"{action:<26} {len(times):6d} {summary.median * 1000:7.1f}ms "
            f"{summary.p95 * 1000:7.1f}ms {summary.p99 * 1000:7.1f}ms"
        )
    print("\n".join(lines))
    for error in tally.errors[:10]:
        print("  error:", error, file=sys.stderr)
    results = {
        "database": data.database,
        "patients": data.fixtures.patients,
        "gunicorn": {"workers": workers, "options": options.gunicorn},
        "clinicians": options.clinicians,
        "seconds": round(elapsed, 1),
        "requests": len(every),
        "per_second": round(len(every) / elapsed, 2),
        "server_cpu_seconds": round(cpu, 2),
        "server_cpu_ms_per_request": round(cpu / len(every) * 1000, 2),
        "clinicians_cpu_seconds": round(own, 2),
        "errors": tally.errors,
        "overall": overall.as_json(),
        "after_sign_in": steady.as_json() if steady else None,
        "actions": {action: Summary.of(times).as_json() for action, times in tally.times.items()},
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {options.output}")
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
