"""Production settings for gunicorn: ``gunicorn -c gunicorn.conf.py --bind HOST:PORT``.

The app reads ``DATABASE_URL``, ``SECRET_KEY``, ``RATELIMIT_STORAGE_URI`` and the rest from the
environment (practice/config.py). Measured on a 2-core machine with ``make bench`` and
``make load`` (bench/pages.py, bench/load.py); the figures are in the README's deployment section.
"""

import os

wsgi_app = "practice:create_app()"

# A PDF render holds its worker for about 0.6 s of CPU. Sync workers, two per core and one more,
# keep every other request answered while renders run; measured on 2 cores (bench/pages.py,
# bench/load.py), gthread (2 workers of 4 threads) answered no faster and had the longer tail
# (/healthz p95 during renders 12.5 against 10.9 ms; p99 under load 9.9 against 6.8 s): a
# render holds its process's interpreter lock. WEB_CONCURRENCY overrides the count.
_cores = len(os.sched_getaffinity(0))
workers = int(os.environ.get("WEB_CONCURRENCY", 0)) or 2 * _cores + 1
worker_class = "sync"

# The app is built once in the master and forked: a worker starts in under 0.01 CPU-s instead
# of about 1 CPU-s importing and building the app (measured by bench/pages.py).
preload_app = True

# WeasyPrint's memory creeps about 0.25 MiB per render in a long-lived process: recycle workers
# now and then, at different times so they never all restart together.
max_requests = 1000
max_requests_jitter = 100


def when_ready(server):
    """Before the first fork, do in the master what every worker would otherwise do on its first
    requests after each start: compile the templates (about 1 CPU-s for all of them) and import
    WeasyPrint (about 0.5 s; the app imports it only when a PDF is made, practice/handouts)."""
    import practice.pdf  # noqa: F401

    app = server.app.callable
    if app is not None:
        for name in app.jinja_env.list_templates():
            app.jinja_env.get_template(name)


def post_fork(server, worker):
    """Each worker opens its own database connections: none made in the master may be shared
    across the fork (SQLAlchemy's advice for forking servers)."""
    app = server.app.callable  # the app the master loaded (preload_app)
    if app is None:
        return
    from practice.extensions import db

    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)
