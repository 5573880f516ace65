"""Sending an invitation through the site's mail server (SMTP), blocking: the routes run it in
a worker thread, off the event loop."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

# Each network step (connect, each command, the message itself) gives up after this long. Under
# the console's 15 s wait for any answer of the center, so that a mail server that does not
# answer is reported as such rather than as the center not answering.
SMTP_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class MailServer:
    """The site's mail server, from ``tandem-center serve --smtp-…``."""

    host: str
    sender: str  # the From address of every invitation
    port: int = 25
    starttls: bool = False
    username: str | None = None
    # Read from a file or the environment, never the command line (where `ps` shows it).
    password: str | None = field(default=None, repr=False)


class MailFailure(Exception):
    """The invitation did not go; ``code`` for the apps to translate, ``reason`` in English."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def build_message(server: MailServer, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()  # its policy refuses a header holding a line break
    message["From"] = server.sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=server.sender.rpartition("@")[2])
    message["Auto-Submitted"] = "auto-generated"  # no out-of-office replies to the center
    message.set_content(body)
    return message


def send(server: MailServer, message: EmailMessage) -> None:
    """Hand ``message`` to the mail server; ``MailFailure`` saying why not."""
    if server.username and not server.starttls:
        # AUTH over plain text gives the site's mail password to anyone on the way.
        raise MailFailure(
            "mail_not_secure",
            "The support center signs in to its mail server only over a secure connection "
            "(STARTTLS).",
        )
    try:
        with smtplib.SMTP(server.host, server.port, timeout=SMTP_TIMEOUT_S) as smtp:
            if server.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if server.username:
                smtp.login(server.username, server.password or "")
            smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = ", ".join(str(code) for code, _ in exc.recipients.values())
        raise MailFailure(
            "mail_address_refused", f"The mail server refused this address ({codes})."
        ) from None
    except smtplib.SMTPAuthenticationError:
        raise MailFailure(
            "mail_login_failed", "The support center could not sign in to its mail server."
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise MailFailure(
            "mail_not_secure", "The mail server does not offer a secure connection (STARTTLS)."
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise MailFailure(
            "mail_refused", f"The mail server refused the invitation ({exc.smtp_code})."
        ) from None
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError):
        raise MailFailure(
            "mail_server_unreachable", "The support center cannot reach its mail server."
        ) from None
    except TimeoutError:
        raise MailFailure(
            "mail_server_no_answer", "The support center's mail server did not answer in time."
        ) from None
    except ssl.SSLError:
        raise MailFailure(
            "mail_not_secure", "No secure connection to the mail server could be set up."
        ) from None
    except (smtplib.SMTPException, OSError):  # a name that does not resolve, no route…
        raise MailFailure(
            "mail_server_unreachable", "The support center cannot reach its mail server."
        ) from None
