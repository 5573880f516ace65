"""The site's mail password never crosses the network in clear: a mail server that takes a
sign-in without TLS (anyone on the way between the center and it reads AUTH PLAIN) is never
given it, and the center does not start with a sign-in but no STARTTLS."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from csr_console.services.invitations import send_invitation
from shared.protocol.invitations import InvitationRequest
from shared.transport.center_link import CenterError
from support_center.invitations.mail import MailServer
from support_center.invitations.options import add_mail_options, mail_server
from tests.helpers import free_port, running_center
from tests.invitations.mailbox import SENDER, Mailbox
from tests.invitations.test_center_invitations import ADDRESS, audited, started_session

PASSWORD = "the site's mail password"


class Eavesdropped:
    """A mail server offering AUTH over plain text: what it was told, anyone on the way reads."""

    def __init__(self) -> None:
        self.passwords: list[str] = []

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            self.passwords.append(auth_data.password.decode())
        return AuthResult(success=True)


@contextmanager
def clear_text_server(port: int) -> Iterator[tuple[Mailbox, Eavesdropped]]:
    box, heard = Mailbox(port), Eavesdropped()
    controller = Controller(
        box, hostname="127.0.0.1", port=port, authenticator=heard, auth_require_tls=False
    )
    controller.start()
    try:
        yield box, heard
    finally:
        controller.stop()


async def test_the_password_is_not_given_to_a_mail_server_without_tls(tmp_path: Path) -> None:
    port = free_port()
    mail = MailServer(
        host="127.0.0.1", port=port, sender=SENDER, username="tandem", password=PASSWORD
    )
    with clear_text_server(port) as (box, heard):
        async with running_center(tmp_path / "center", mail=mail) as center:
            agent, account, number = await started_session(center)
            try:
                with pytest.raises(CenterError) as failed:
                    await send_invitation(
                        agent.center, account, number, InvitationRequest(to=ADDRESS)
                    )
                assert failed.value.code == "mail_not_secure"
                assert [d["why"] for d in audited(center, number, "invitation.failed")] == [
                    "mail_not_secure"
                ]
            finally:
                await agent.close()
        assert heard.passwords == []
        assert box.received == []


def test_the_center_does_not_start_with_a_mail_sign_in_but_no_starttls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TANDEM_SMTP_PASSWORD", PASSWORD)
    parser = argparse.ArgumentParser()
    add_mail_options(parser)
    base = ["--smtp-host", "mail.example.com", "--smtp-from", SENDER, "--smtp-user", "tandem"]
    with pytest.raises(SystemExit) as refused:
        mail_server(parser.parse_args(base))
    assert "--smtp-starttls" in str(refused.value)
    secured = mail_server(parser.parse_args([*base, "--smtp-starttls"]))
    assert secured is not None and secured.starttls and secured.password == PASSWORD
