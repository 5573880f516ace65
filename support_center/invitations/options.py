"""``tandem-center serve``'s mail server options, for the center to send invitations itself."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from shared.protocol.invitations import ADDRESS_REASONS, address_problem
from support_center.invitations.mail import MailServer

# Where the mail server's password is read from when no --smtp-password-file is given: never the
# command line, which every local user sees with `ps`.
PASSWORD_ENV = "TANDEM_SMTP_PASSWORD"
SMTP_PORT = 25
SUBMISSION_PORT = 587  # the usual port of a server that wants STARTTLS and a sign-in


def sender_address(text: str) -> str:
    wrong = address_problem(text)
    if wrong is not None:
        raise argparse.ArgumentTypeError(f"{text!r}: {ADDRESS_REASONS[wrong]}")
    return text


def add_mail_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "invitations by email",
        "a mail server the center sends invitations through (without one, agents send them "
        "from their own mail program)",
    )
    group.add_argument("--smtp-host", metavar="HOST", help="the mail server's address")
    group.add_argument(
        "--smtp-port",
        type=int,
        metavar="PORT",
        help=f"its port (default: {SUBMISSION_PORT} with --smtp-starttls, else {SMTP_PORT})",
    )
    group.add_argument(
        "--smtp-from",
        type=sender_address,
        metavar="ADDRESS",
        help="the From address of invitations (needed with --smtp-host)",
    )
    group.add_argument(
        "--smtp-starttls", action="store_true", help="secure the connection with STARTTLS"
    )
    group.add_argument("--smtp-user", metavar="NAME", help="user name to sign in to the server")
    group.add_argument(
        "--smtp-password-file",
        metavar="FILE",
        help=f"file holding the password (default: the {PASSWORD_ENV} environment variable)",
    )


def mail_server(args: argparse.Namespace) -> MailServer | None:
    """The mail server the options name; None when there is none. SystemExit, saying what is
    missing, for a half-set one."""
    host = getattr(args, "smtp_host", None)
    if not host:
        return None
    if not args.smtp_from:
        raise SystemExit("--smtp-host needs --smtp-from: the address invitations come from.")
    password = None
    if args.smtp_user:
        if not args.smtp_starttls:
            raise SystemExit(
                "--smtp-user needs --smtp-starttls: the mail server's password must not cross "
                "the network in clear."
            )
        password = _password(args.smtp_password_file)
    port = args.smtp_port or (SUBMISSION_PORT if args.smtp_starttls else SMTP_PORT)
    return MailServer(
        host=host,
        sender=args.smtp_from,
        port=port,
        starttls=args.smtp_starttls,
        username=args.smtp_user,
        password=password,
    )


def _password(file: str | None) -> str:
    if file:
        try:
            return Path(file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise SystemExit(f"Cannot read the mail server's password: {exc}") from None
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        raise SystemExit(
            f"--smtp-user needs a password: in a file (--smtp-password-file) or in {PASSWORD_ENV}."
        )
    return password
