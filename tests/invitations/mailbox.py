"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, and what a test
reads in a received invitation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from support_center.invitations.mail import MailServer

SENDER = "support@tandem.example"
# The join link (the center's web join page), as it sits in the body on a line of its own.
LINK = re.compile(r"https://\S+/j/[0-9]+")


@dataclass
class Mailbox:
    """What the server received, in order; refuses every recipient while ``refusing``."""

    port: int
    received: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    refusing: bool = False

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if self.refusing:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append(message)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"

    def server(self) -> MailServer:
        return MailServer(host="127.0.0.1", port=self.port, sender=SENDER)


@contextmanager
def mailbox_on(port: int) -> Iterator[Mailbox]:
    box = Mailbox(port)
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


def body_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    text = part.get_content()
    assert isinstance(text, str)
    return text.replace("\r\n", "\n")  # as sent: SMTP carries lines ending in CRLF


def link_in(message: EmailMessage) -> str:
    found = LINK.search(body_of(message))
    assert found is not None, f"no join link in {body_of(message)!r}"
    return found.group(0)
