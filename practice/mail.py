"""E-mail through the SMTP server the clinic configured (``MAIL_SERVER``), if any.

The standard library's ``smtplib`` and ``email.message`` do everything one plain message needs;
without ``MAIL_SERVER`` nothing is sent and the caller shows the link for the admin to copy.
"""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app


def can_send() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def send(*, to: str, subject: str, body: str) -> None:
    """Send one plain-text message; raises ``OSError`` or ``smtplib.SMTPException`` on failure."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as server:
        if config["MAIL_USE_TLS"]:
            server.starttls()
        if config.get("MAIL_USERNAME"):
            server.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        server.send_message(message)
