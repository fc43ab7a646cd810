"""SQLite: the write-ahead log is copied into the database file after a response, not during it.

SQLite checkpoints when a commit finds 1,000 pages in the log (``wal_autocheckpoint``): that
commit then copies the log into the database file and waits for the disk before it returns. On
the bench's machine that held one sign-in in fifty for 0.5-0.8 s (sign-in beyond its password
check: median 10 ms, p95 120 ms), and any save may be the unlucky commit. Here a worker whose
request committed runs a passive checkpoint once the response is sent (WSGI ``close``): the same
copy, on the same worker, with nobody waiting for it. So the log rarely reaches the automatic
threshold; SQLite's own checkpoint stays as the backstop, and the command line (demo-data,
migrations) keeps it as it is.

Passive: it never waits for a reader or a writer, and what it cannot copy now the next one
does. At most one a second per worker, so a burst of saves costs one copy, not one each.
PostgreSQL needs none of this: its checkpointer is a background process.
"""

from __future__ import annotations

import logging
import threading
import time

from flask import Flask, Response
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from practice.extensions import db

log = logging.getLogger(__name__)

INTERVAL_SECONDS = 1.0

_this_thread = threading.local()  # whether the request on this thread committed
_last_checkpoint = [float("-inf")]  # monotonic time, per worker process


def init_app(app: Flask) -> None:
    app.after_request(_checkpoint_after_the_response)


@event.listens_for(Engine, "commit")
def _committed(connection) -> None:
    _this_thread.committed = True


def _checkpoint_after_the_response(response: Response) -> Response:
    engine = db.engine
    if engine.dialect.name == "sqlite":
        response.call_on_close(lambda: checkpoint_if_committed(engine))
    return response


def checkpoint_if_committed(engine: Engine) -> bool:
    """Checkpoint when a commit came since this thread last looked and the worker's last
    checkpoint is over ``INTERVAL_SECONDS`` old; whether it did."""
    committed, _this_thread.committed = getattr(_this_thread, "committed", False), False
    now = time.monotonic()
    if not committed or now - _last_checkpoint[0] < INTERVAL_SECONDS:
        return False
    _last_checkpoint[0] = now
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").all()
    except SQLAlchemyError as error:  # the response is sent; SQLite will checkpoint later
        log.warning("checkpoint after the response failed: %s", error)
        return False
    return True
