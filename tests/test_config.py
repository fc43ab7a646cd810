import pytest

from practice import create_app
from practice.config import SECRET_KEY_FILE


@pytest.fixture
def instance(tmp_path, monkeypatch):
    monkeypatch.setenv("PRACTICE_INSTANCE_PATH", str(tmp_path))
    for name in ("DATABASE_URL", "SECRET_KEY", "SESSION_IDLE_MINUTES", "SESSION_COOKIE_SECURE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_defaults_use_sqlite_in_the_instance_folder(instance):
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{instance / 'practice.sqlite3'}"
    assert app.config["SESSION_IDLE_MINUTES"] == 30
    assert app.config["SESSION_LIFETIME_HOURS"] == 12
    # The browser keeps the cookie for the longest idle limit a clinic may choose; the server
    # ends the session at the clinic's own limit (tests/test_sessions.py).
    assert app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 240 * 60
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_instance_config_overrides_defaults(instance):
    (instance / "config.py").write_text("SESSION_IDLE_MINUTES = 10\n")
    assert create_app().config["SESSION_IDLE_MINUTES"] == 10


def test_environment_overrides_instance_config(instance, monkeypatch):
    (instance / "config.py").write_text(
        "SESSION_IDLE_MINUTES = 10\nSQLALCHEMY_DATABASE_URI = 'sqlite:///from-instance'\n"
    )
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "15")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@127.0.0.1:5432/practice")
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "true")
    config = create_app().config
    assert config["SESSION_IDLE_MINUTES"] == 15
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@127.0.0.1:5432/practice"
    assert config["SESSION_COOKIE_SECURE"] is True


def test_test_config_overrides_everything(instance, monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "15")
    assert create_app({"SESSION_IDLE_MINUTES": 5}).config["SESSION_IDLE_MINUTES"] == 5


def test_a_malformed_environment_value_is_explained(instance, monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "half an hour")
    with pytest.raises(ValueError, match="SESSION_IDLE_MINUTES must be a whole number"):
        create_app()


def test_secret_key_is_generated_once_and_kept_private(instance):
    first = create_app().config["SECRET_KEY"]
    key_file = instance / SECRET_KEY_FILE
    assert len(first) == 64
    assert key_file.read_text().strip() == first
    assert key_file.stat().st_mode & 0o077 == 0
    assert create_app().config["SECRET_KEY"] == first
    assert [path.name for path in instance.iterdir()] == [SECRET_KEY_FILE]


def test_secret_key_from_the_environment_wins_and_writes_nothing(instance, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert create_app().config["SECRET_KEY"] == "from-the-environment"
    assert not (instance / SECRET_KEY_FILE).exists()


def test_sqlite_connections_have_foreign_keys_wal_and_busy_timeout(instance):
    from practice.extensions import db

    app = create_app()
    with app.app_context():
        connection = db.engine.raw_connection()
        try:
            pragma = {
                name: connection.execute(f"PRAGMA {name}").fetchone()[0]
                for name in ("foreign_keys", "journal_mode", "busy_timeout")
            }
        finally:
            connection.close()
    assert pragma == {"foreign_keys": 1, "journal_mode": "wal", "busy_timeout": 5000}


def test_clinical_reference_values_can_be_overridden_in_config(instance):
    overrides = {"asymmetry_flag_above_percent": 15, "rom_normal.hip_flexion": 110}
    reference = create_app({"CLINICAL_REFERENCE_OVERRIDES": overrides}).extensions[
        "clinical_reference"
    ]
    assert reference.asymmetry_flag_above_percent == 15
    assert reference.rom_normals["hip_flexion"].degrees == 110


def test_an_unknown_clinical_reference_override_stops_start_up(instance):
    with pytest.raises(ValueError, match="asymmetry_threshold"):
        create_app({"CLINICAL_REFERENCE_OVERRIDES": {"asymmetry_threshold": 15}})


def _hash_made_by(app) -> str:
    from practice.models import User

    with app.app_context():
        user = User()
        user.set_password("a long enough password")
        assert user.check_password("a long enough password")
        assert not user.check_password("another long password")
        return user.password_hash


def test_passwords_are_hashed_with_scrypt_whatever_the_settings_say(instance, monkeypatch):
    """The cheap test-suite hash cannot be switched on by configuration or the environment."""
    (instance / "config.py").write_text(
        "TESTING = True\nPASSWORD_HASH_METHOD = 'pbkdf2:sha256:1'\n"
        "password_hash_method = 'pbkdf2:sha256:1'\n"
    )
    monkeypatch.setenv("TESTING", "1")
    monkeypatch.setenv("FLASK_TESTING", "1")
    app = create_app()
    assert app.config["TESTING"] is True  # the instance file did set it ...
    assert _hash_made_by(app).startswith("scrypt:")  # ... and hashing is unchanged
    assert _hash_made_by(create_app({"SESSION_IDLE_MINUTES": 5})).startswith("scrypt:")


def test_only_the_test_suites_app_hashes_cheaply(instance):
    assert _hash_made_by(create_app({"TESTING": True})).startswith("pbkdf2:sha256:1$")
