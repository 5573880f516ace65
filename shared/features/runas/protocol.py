"""Run-as's peer messages. The password travels once, in ``RunAsLogon``, and its value shows
nowhere a message is printed (``repr``, logs): only on the wire."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, SecretStr, StringConstraints, field_serializer

from shared.protocol.messages import MessageId, PeerMessage, Reason

NAME = "runas"

# An account: a local name, DOMAIN\name or name@domain (what Windows and Unix accept).
Account = Annotated[
    str, StringConstraints(min_length=1, max_length=104, pattern=r"^[A-Za-z0-9._@\\$-]+$")
]
# Passwords longer than this are not typed by people; PAM and Windows cap theirs near it.
MAX_PASSWORD_CHARS = 256
# One message of the shell's output or input: a terminal's worth, small enough never to hold
# the control channel up behind it (the chat shares that channel).
MAX_SHELL_CHUNK_CHARS = 8192


class RunAsLogon(PeerMessage):
    """Agent to customer: log on as ``account`` with ``password`` and open a shell."""

    type: Literal["runas.logon"] = "runas.logon"
    id: MessageId
    account: Account
    password: SecretStr = Field(max_length=MAX_PASSWORD_CHARS)

    @field_serializer("password", when_used="json")
    def _reveal(self, value: SecretStr) -> str:
        return value.get_secret_value()


class RunAsOpened(PeerMessage):
    """Customer to agent: the shell runs as ``account``."""

    type: Literal["runas.opened"] = "runas.opened"
    id: MessageId
    account: Account


class RunAsRefused(PeerMessage):
    """Customer to agent: nothing runs. ``why``: the customer said no, the credentials were
    wrong, this computer cannot, one is open already, or it failed (``reason``)."""

    type: Literal["runas.refused"] = "runas.refused"
    id: MessageId
    why: Literal["refused", "credentials", "unsupported", "busy", "failed"]
    reason: Reason = ""


class RunAsInput(PeerMessage):
    """Agent to customer: what the agent typed, for the shell."""

    type: Literal["runas.input"] = "runas.input"
    id: MessageId
    text: str = Field(min_length=1, max_length=MAX_SHELL_CHUNK_CHARS)


class RunAsOutput(PeerMessage):
    """Customer to agent: what the shell printed."""

    type: Literal["runas.output"] = "runas.output"
    id: MessageId
    text: str = Field(min_length=1, max_length=MAX_SHELL_CHUNK_CHARS)


class RunAsLogoff(PeerMessage):
    """Agent to customer: log off (the shell and what it started end)."""

    type: Literal["runas.logoff"] = "runas.logoff"
    id: MessageId


class RunAsClosed(PeerMessage):
    """Customer to agent: the shell is gone (logged off, exited, the customer stopped it)."""

    type: Literal["runas.closed"] = "runas.closed"
    id: MessageId
    reason: Reason = ""


RUNAS_MESSAGES: tuple[type[PeerMessage], ...] = (
    RunAsLogon,
    RunAsOpened,
    RunAsRefused,
    RunAsInput,
    RunAsOutput,
    RunAsLogoff,
    RunAsClosed,
)
