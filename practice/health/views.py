import logging

from sqlalchemy import literal, select
from sqlalchemy.exc import SQLAlchemyError

from practice.extensions import db
from practice.health import bp

log = logging.getLogger(__name__)


@bp.get("/healthz")
def healthz():
    """For load balancers and monitoring: 200 when the database answers, 503 when not."""
    try:
        db.session.execute(select(literal(1)))  # a select, so the request ends as a read
    except SQLAlchemyError:
        log.exception("health check: the database did not answer")
        db.session.rollback()
        return {"status": "unavailable", "reason": "the database is not answering"}, 503
    return {"status": "ok"}
