"""Configuration: built-in defaults, then ``instance/config.py``, then the environment.

``create_app(test_config)`` applies ``test_config`` last. The secret key is never hard-coded: when
no layer sets one, a random key is generated once and kept in the instance folder.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any, ClassVar

from flask import Flask

SECRET_KEY_FILE = "secret_key"  # noqa: S105 (the file name, not a secret)
SQLITE_FILE = "practice.sqlite3"
SESSION_IDLE_MINUTES_RANGE = range(5, 241)  # what a clinic may choose in its settings
SESSION_LIFETIME_HOURS_RANGE = range(1, 25)
PRIVATE_FOLDER = 0o700  # the instance folder holds the database, the key and the sign-in file


class Defaults:
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, Any]] = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # also set per request when it arrives over HTTPS
    SESSION_IDLE_MINUTES = 30
    SESSION_LIFETIME_HOURS = 12  # however busy: a session ends this long after sign-in
    WTF_CSRF_TIME_LIMIT = 8 * 3600  # a long assessment form must survive a working session
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    BOOTSTRAP_SERVE_LOCAL = True  # clinics may be offline; patient pages call no third party
    PREFERRED_URL_SCHEME = "http"
    # Reached over TLS (directly or through TRUSTED_PROXIES reverse proxies): redirect plain HTTP,
    # send HSTS, mark cookies Secure. TRUSTED_PROXIES is how many proxies' X-Forwarded-* to trust.
    HTTPS = False
    TRUSTED_PROXIES = 0
    # Failed sign-ins allowed per account whatever the address, and per client address over all
    # accounts. Counted in the app's database, which every worker shares (practice.rate_limits),
    # or in Redis when RATELIMIT_STORAGE_URI says redis://…
    RATELIMIT_STORAGE_URI = "practice-database://"
    SIGN_IN_LIMIT_PER_ACCOUNT = "10 per minute; 50 per day"
    # Invitations and password resets are e-mailed through this SMTP server when it is set;
    # without one the admin copies the link.
    MAIL_SERVER = ""
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_FROM = "practice@localhost"
    SIGN_IN_LIMIT_PER_ADDRESS = "30 per minute"
    SERVER_TIMING = False  # a Server-Timing header with the password check's time (the bench's)


# Environment variable -> config key, with the type it is read as.
ENVIRONMENT_SETTINGS: dict[str, tuple[str, type]] = {
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "SECRET_KEY": ("SECRET_KEY", str),
    "SESSION_IDLE_MINUTES": ("SESSION_IDLE_MINUTES", int),
    "SESSION_LIFETIME_HOURS": ("SESSION_LIFETIME_HOURS", int),
    "SESSION_COOKIE_SECURE": ("SESSION_COOKIE_SECURE", bool),
    "RATELIMIT_STORAGE_URI": ("RATELIMIT_STORAGE_URI", str),
    "MAIL_SERVER": ("MAIL_SERVER", str),
    "MAIL_PORT": ("MAIL_PORT", int),
    "MAIL_USE_TLS": ("MAIL_USE_TLS", bool),
    "MAIL_USERNAME": ("MAIL_USERNAME", str),
    "MAIL_PASSWORD": ("MAIL_PASSWORD", str),
    "MAIL_FROM": ("MAIL_FROM", str),
    "HTTPS": ("HTTPS", bool),
    "TRUSTED_PROXIES": ("TRUSTED_PROXIES", int),
    "SERVER_TIMING": ("SERVER_TIMING", bool),
}

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def _parse(name: str, raw: str, kind: type) -> Any:
    if kind is bool:
        word = raw.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(f"{name} must be true or false, not {raw!r}")
    if kind is int:
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{name} must be a whole number, not {raw!r}") from None
    return raw


def environment_overrides(environ: os._Environ[str] | dict[str, str]) -> dict[str, Any]:
    return {
        key: _parse(name, environ[name], kind)
        for name, (key, kind) in ENVIRONMENT_SETTINGS.items()
        if name in environ
    }


def load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    instance = Path(app.instance_path)
    private_folder(instance)
    app.config.from_object(Defaults)
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / SQLITE_FILE}"
    app.config.from_pyfile(instance / "config.py", silent=True)
    app.config.update(environment_overrides(os.environ))
    if test_config:
        app.config.update(test_config)
    # The browser keeps the cookie as long as the longest idle limit any clinic may choose; the
    # server ends the session at the user's own clinic's limit (practice.sessions).
    longest_idle = max(app.config["SESSION_IDLE_MINUTES"], SESSION_IDLE_MINUTES_RANGE[-1])
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(minutes=longest_idle)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(instance)


def private_folder(folder: Path) -> None:
    """Create the folder for its owner alone, or take group and other access off an existing
    one: whatever the umask, no other local user may list or read the instance folder."""
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    mode = folder.stat().st_mode & 0o777
    if mode & ~PRIVATE_FOLDER:
        folder.chmod(mode & PRIVATE_FOLDER)


def instance_secret_key(instance: Path) -> str:
    """The key kept in ``instance/secret_key``, written with a new random key on first start."""
    path = instance / SECRET_KEY_FILE
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    fd, temporary = tempfile.mkstemp(dir=instance, prefix=".secret_key.")
    with os.fdopen(fd, "w") as handle:  # mkstemp creates the file readable by its owner only
        handle.write(secrets.token_hex(32) + "\n")
    try:
        # A hard link appears whole or not at all: two workers starting together agree on one key.
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)
    return path.read_text().strip()
