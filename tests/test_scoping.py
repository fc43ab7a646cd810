import pytest
from flask_login import login_user
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from practice.extensions import db
from practice.models import Clinic, User
from practice.scoping import NoClinicError, clinic_scoped, get_owned_or_404
from tests.factories import make_clinic, make_user


@pytest.fixture
def two_clinics(app):
    with app.app_context():
        ours, theirs = make_clinic(name="Ours"), make_clinic(name="Theirs")
        me = make_user(clinic=ours, email="me@ours.example")
        make_user(clinic=ours, email="colleague@ours.example")
        stranger = make_user(clinic=theirs, email="stranger@theirs.example")
        return me.id, stranger.id


def test_clinic_scoped_returns_only_the_signed_in_users_clinic(app, two_clinics):
    me_id, _ = two_clinics
    with app.test_request_context():
        login_user(db.session.get(User, me_id))
        emails = db.session.scalars(clinic_scoped(select(User.email), User)).all()
    assert sorted(emails) == ["colleague@ours.example", "me@ours.example"]


def test_get_owned_or_404_finds_own_clinic_rows(app, two_clinics):
    me_id, _ = two_clinics
    with app.test_request_context():
        login_user(db.session.get(User, me_id))
        assert get_owned_or_404(User, me_id).email == "me@ours.example"


def test_another_clinics_row_is_a_404(app, two_clinics):
    me_id, stranger_id = two_clinics
    with app.test_request_context():
        login_user(db.session.get(User, me_id))
        with pytest.raises(NotFound):
            get_owned_or_404(User, stranger_id)


def test_a_missing_row_is_the_same_404(app, two_clinics):
    me_id, _ = two_clinics
    with app.test_request_context():
        login_user(db.session.get(User, me_id))
        with pytest.raises(NotFound):
            get_owned_or_404(User, 999_999)


def test_scoping_without_a_signed_in_user_is_refused(app, two_clinics):
    with app.test_request_context(), pytest.raises(NoClinicError):
        clinic_scoped(select(User), User)


def test_a_model_without_a_clinic_cannot_be_scoped(app, two_clinics):
    me_id, _ = two_clinics
    with app.test_request_context():
        login_user(db.session.get(User, me_id))
        with pytest.raises(TypeError, match="Clinic has no clinic_id"):
            clinic_scoped(select(Clinic), Clinic)
