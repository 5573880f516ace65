"""The customer's consent, enforced in the customer's own engine: one gate per session.

Every privileged request names a ``PermissionKind`` and is put to the customer (through whatever
asks them: a dialog in the client) unless their "allow everything in this session without asking
again" covers that kind. Without someone to ask, the answer is no.

What "everything" covers (the manual's "Obtenir automatiquement l'autorisation d'un client":
view or control applications and the desktop, transfer files, record the session), decided here:

- ``COVERED``: given silently once the customer allows everything: seeing (the desktop, one
  application), files both ways, system information, recording the session.
- ``TAKEOVER``: what takes over the customer's screen or input (control of their desktop or of
  one application, the agent's screen opened over theirs, the customer driving the agent's
  computer) still asks, unless the customer also ticked that explicitly.
- everything else (scripts, restart, running as another user, voice, video: things that act on
  the whole machine or turn on a microphone or camera) always asks.

The customer reads these groups in ``shared.qt.texts.allow_all_explained``: change both together.

Withdrawing (the customer's Withdraw, or any Stop they press) only makes later requests ask
again; what runs goes on unless the customer stopped it. At most one request per kind waits
for an answer at a time: a flood of requests opens one question, the rest are refused at once.
Every request, grant, refusal and withdrawal is audited under participant ids.

Only the agent in charge asks: a request from anyone the center did not name primary agent (an
assistant agent, or a modified console calling itself an agent) is refused here, before any
question or standing grant, and audited (``why=not_primary_agent``). Every feature's request
passes through ``decide``, so this one check covers them all.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum

from shared.session.audit import AuditLog

log = logging.getLogger(__name__)


class PermissionKind(StrEnum):
    """What a feature asks the customer for; features declare the kinds they ask."""

    VIEW_DESKTOP = "view_desktop"
    CONTROL_DESKTOP = "control_desktop"
    VIEW_APPLICATION = "view_application"
    CONTROL_APPLICATION = "control_application"
    SHOW_DESKTOP = "show_desktop"  # the agent's screen opens on the customer's
    GIVE_CONTROL = "give_control"  # ... and the customer drives the agent's computer
    READ_FILES = "read_files"
    WRITE_FILES = "write_files"
    SYSTEM_INFO = "system_info"
    SCRIPTS = "scripts"
    RESTART = "restart"
    RUN_AS = "run_as"  # run as another user
    RECORDING = "recording"
    VOICE = "voice"
    VIDEO = "video"
    PRINTING = "printing"  # a temporary printer that sends print jobs to the agent


COVERED = frozenset(
    {
        PermissionKind.VIEW_DESKTOP,
        PermissionKind.VIEW_APPLICATION,
        PermissionKind.READ_FILES,
        PermissionKind.WRITE_FILES,
        PermissionKind.SYSTEM_INFO,
        PermissionKind.RECORDING,
    }
)
TAKEOVER = frozenset(
    {
        PermissionKind.CONTROL_DESKTOP,
        PermissionKind.CONTROL_APPLICATION,
        PermissionKind.SHOW_DESKTOP,
        PermissionKind.GIVE_CONTROL,
    }
)
ALWAYS_ASKS = frozenset(PermissionKind) - COVERED - TAKEOVER


def everything(takeover: bool) -> frozenset[PermissionKind]:
    """The kinds "allow everything" covers; ``takeover``: the customer included those too."""
    return COVERED | TAKEOVER if takeover else COVERED


@dataclass(frozen=True)
class ConsentRequest:
    """What is asked, and by whom: shown to the customer as it is."""

    what: str  # the feature's own word for it, for the question's text: "view", "control"…
    agent_name: str
    activity_id: str
    kind: PermissionKind
    agent_id: str = ""
    customer_id: str = ""
    # The feature asking (its registered name): its views word the question.
    feature: str = ""
    # Granted without a question while the customer shares their screen with this agent (the
    # manual: file operations then go unasked, the agent acting in plain sight).
    unasked_while_shared: bool = False
    # Others who will see what is granted besides the agent asking (the assistant agents a
    # customer's screen is forwarded to): the question names them.
    also_seen_by: tuple[str, ...] = ()
    # What exactly is asked about, named in the question (co-browsing: the window's title).
    # Shown to the customer only: not audited, a title may say more than the session needs.
    subject: str = ""


# Why a request was refused without asking: its sender is not the agent in charge.
NOT_PRIMARY_AGENT = "not_primary_agent"


@dataclass(frozen=True)
class ConsentAnswer:
    granted: bool
    allow_all: bool = False
    # With ``allow_all``: the customer also let screen and input takeover go unasked.
    takeover: bool = False
    # Set when refused without asking the customer (``NOT_PRIMARY_AGENT``).
    why: str = ""


Asker = Callable[[ConsentRequest], Awaitable[ConsentAnswer]]
# Told what "everything" covers now (empty: withdrawn); called on the engine's loop.
AllowedListener = Callable[[frozenset[PermissionKind]], None]
# Told that the question for an activity is moot (the agent took the request back).
CancelListener = Callable[[str], None]
# Whether a participant (by id) may make privileged requests: the agent in charge only.
RequesterCheck = Callable[[str], bool]


class ConsentGate:
    """The session's one consent: asks, remembers "allow everything", withdraws it."""

    def __init__(self, ask: Asker | None = None, audit: AuditLog | None = None) -> None:
        self.ask = ask
        self.audit = audit
        self.listeners: list[AllowedListener] = []
        self.cancel_listeners: list[CancelListener] = []
        self._allowed: frozenset[PermissionKind] = frozenset()
        self._pending: set[PermissionKind] = set()
        # The agents the customer's screen is shown to now, by participant id: kept by the
        # feature that shares it, read by the requests that go unasked then.
        self.screen_shared_with: set[str] = set()
        # Set by the live session: whether the center named the requester primary agent.
        self.may_request: RequesterCheck | None = None

    @property
    def allowed(self) -> frozenset[PermissionKind]:
        """What is given without asking now."""
        return self._allowed

    @property
    def allow_all(self) -> bool:
        return bool(self._allowed)

    @property
    def asking(self) -> bool:
        """A question is before the customer: remote input must not reach their desktop."""
        return bool(self._pending)

    async def decide(self, request: ConsentRequest) -> ConsentAnswer:
        kind = request.kind
        self._record("consent.requested", request.agent_id, request)
        if self.may_request is not None and not self.may_request(request.agent_id):
            log.warning("refused %s from %s: not the agent in charge", kind, request.agent_id)
            self._record("consent.refused", request.customer_id, request, why=NOT_PRIMARY_AGENT)
            return ConsentAnswer(granted=False, why=NOT_PRIMARY_AGENT)
        if kind in self._allowed:
            self._record("consent.granted", request.customer_id, request, by="allow_all")
            return ConsentAnswer(granted=True, allow_all=True)
        if request.unasked_while_shared and request.agent_id in self.screen_shared_with:
            self._record("consent.granted", request.customer_id, request, by="screen_shared")
            return ConsentAnswer(granted=True)
        if kind in self._pending:
            self._record("consent.refused", request.customer_id, request, why="already_asking")
            return ConsentAnswer(granted=False)
        answer = await self._ask(request)
        if self.may_request is not None and not self.may_request(request.agent_id):
            # Control changed hands while the customer was deciding: the yes was not for this.
            self._record("consent.refused", request.customer_id, request, why=NOT_PRIMARY_AGENT)
            return ConsentAnswer(granted=False, why=NOT_PRIMARY_AGENT)
        allow_all = answer.granted and answer.allow_all
        takeover = allow_all and answer.takeover
        self._record(
            "consent.granted" if answer.granted else "consent.refused",
            request.customer_id,
            request,
            allow_all=str(allow_all),
            takeover=str(takeover),
        )
        if allow_all:
            self._set_allowed(everything(takeover))
        return ConsentAnswer(granted=answer.granted, allow_all=allow_all, takeover=takeover)

    def withdraw(self, by: str, why: str = "withdrawn") -> None:
        """Later requests ask again; ``by``: the customer's participant id."""
        if not self._allowed:
            return
        if self.audit is not None:
            self.audit.record("consent.withdrawn", by, why=why)
        self._set_allowed(frozenset())

    def cancel(self, activity_id: str) -> None:
        """The request for ``activity_id`` is over before the customer answered (the agent
        stopped it, the link dropped): whoever asks takes its question away."""
        for listener in list(self.cancel_listeners):
            try:
                listener(activity_id)
            except Exception:
                log.exception("consent cancel listener failed")

    async def _ask(self, request: ConsentRequest) -> ConsentAnswer:
        if self.ask is None:
            log.warning("no one to ask for consent to %s: refused", request.kind)
            return ConsentAnswer(granted=False)
        self._pending.add(request.kind)
        try:
            return await self.ask(request)
        except Exception:  # a broken dialog must never mean yes
            log.exception("asking for consent failed: refused")
            return ConsentAnswer(granted=False)
        finally:
            self._pending.discard(request.kind)

    def _set_allowed(self, allowed: frozenset[PermissionKind]) -> None:
        self._allowed = allowed
        for listener in list(self.listeners):
            try:
                listener(allowed)
            except Exception:
                log.exception("consent listener failed")

    def _record(self, event: str, actor: str, request: ConsentRequest, **detail: str) -> None:
        if self.audit is not None:
            self.audit.record(
                event,
                actor,
                permission=request.kind.value,
                agent=request.agent_id,
                customer=request.customer_id,
                activity=request.activity_id,
                **detail,
            )
