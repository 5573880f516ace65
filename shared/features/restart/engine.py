"""Restart in one session.

The agent's side asks (``ask``) and hears the answer. The customer's side asks the customer
(restart always asks), then asks the center for a single-use ticket for its seat, writes it to
its private resume file, installs the autostart entry that starts the client again with that
file, tells the agent, and restarts the computer. If any step fails, what was installed is
removed and the agent is told why. The entry and the file also go when the session ends any
other way than this program being stopped (the reboot stops it)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from dataclasses import dataclass

from shared.features.restart.protocol import (
    NAME,
    RESTART_MESSAGES,
    RestartAnswer,
    RestartAsk,
)
from shared.protocol.messages import (
    ErrorCode,
    FromCenter,
    PeerMessage,
    RestartAgreed,
    RestartTicket,
    Role,
)
from shared.resume.ports import (
    RESUME_FILE,
    RestartPorts,
    ResumeTicket,
    resume_command,
    write_ticket,
)
from shared.session.consent import ConsentRequest, PermissionKind
from shared.session.events import Problem, SessionClosed
from shared.session.live import LiveSession

log = logging.getLogger(__name__)

# How long the center has to hand out the ticket before the restart is called off.
TICKET_TIMEOUT_S = 15.0
# The answer to the agent leaves before the computer goes down: the time it gets on the link.
ANSWER_FLUSH_S = 0.5


@dataclass(frozen=True)
class RestartNews:
    """Agent side, for the views: what became of a request to ``customer_id``."""

    customer_id: str
    customer_name: str
    outcome: str  # "asked", "restarting", "refused", "failed"
    reason: str = ""


# The center's error codes (its refusals come to the engine as problems with these codes).
_CENTER_REFUSALS = frozenset(code.value for code in ErrorCode)


class RestartFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = RESTART_MESSAGES

    def __init__(self, session: LiveSession, ports: RestartPorts | None = None) -> None:
        self.session = session
        self._ports = ports
        self._asked: dict[str, str] = {}  # agent side: request id -> customer id
        self._busy = False  # customer side: one restart at a time
        self._ticket: asyncio.Future[str] | None = None
        self.prepared = False  # customer side: the entry and the file are in place
        session.center_listeners.append(self._from_center)
        session.engine.subscribe(self._engine_event)
        session.add_feature(self)

    @property
    def ports(self) -> RestartPorts:
        if self._ports is None:
            from shared.resume.system import system_ports

            self._ports = system_ports()
        return self._ports

    # --- agent side ---------------------------------------------------------------------------

    def ask(self, customer_id: str) -> str:
        """Ask ``customer_id`` to restart their computer; the request's id."""
        request_id = uuid.uuid4().hex
        self.session.send_to(customer_id, RestartAsk(id=request_id))
        self._asked[request_id] = customer_id
        self.session.engine.audit.record("restart.asked", customer_id)
        self._publish(customer_id, "asked")
        return request_id

    def _answered(self, remote_id: str, answer: RestartAnswer) -> None:
        if self._asked.get(answer.id) != remote_id:
            return  # not ours to hear, or not from whom we asked
        del self._asked[answer.id]
        self.session.engine.audit.record(
            "restart.answered", remote_id, outcome=answer.outcome, reason=answer.reason[:200]
        )
        self._publish(remote_id, answer.outcome, answer.reason)

    def _publish(self, customer_id: str, outcome: str, reason: str = "") -> None:
        person = self.session.engine.participant(customer_id)
        name = person.name if person is not None else customer_id
        self.session.engine.publish(RestartNews(customer_id, name, outcome, reason))

    # --- customer side ------------------------------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        if isinstance(message, RestartAnswer):
            self._answered(remote_id, message)
        elif isinstance(message, RestartAsk):
            me = self.session.engine.me
            if me is not None and me.role == Role.CUSTOMER:
                self.session.spawn(self._asked_to_restart(remote_id, message))

    async def _asked_to_restart(self, remote_id: str, ask: RestartAsk) -> None:
        engine = self.session.engine
        me, asker = engine.me, engine.participant(remote_id)
        if me is None or asker is None or not asker.is_agent:
            return
        if self._busy:
            self._answer(remote_id, ask.id, "failed", "A restart is already being arranged.")
            return
        self._busy = True
        try:
            answer = await self.session.consent.decide(
                ConsentRequest(
                    "restart",
                    asker.name,
                    ask.id,
                    PermissionKind.RESTART,
                    agent_id=remote_id,
                    customer_id=me.id,
                    feature=NAME,
                )
            )
            if not answer.granted:
                self._answer(remote_id, ask.id, "refused")
                return
            try:
                await self._prepare(me.id)
            except (OSError, TimeoutError, ConnectionError) as exc:
                self._undo()
                engine.audit.record("restart.failed", me.id, error=type(exc).__name__)
                self._answer(remote_id, ask.id, "failed", str(exc)[:200])
                return
            self._answer(remote_id, ask.id, "restarting")
            await asyncio.sleep(ANSWER_FLUSH_S)
            try:
                await asyncio.to_thread(self.ports.reboot.reboot)
            except OSError as exc:
                self._undo()
                engine.audit.record("restart.failed", me.id, error="reboot_refused")
                engine.problem("restart_failed", str(exc)[:200])
                self._answer(remote_id, ask.id, "failed", str(exc)[:200])
                return
            engine.audit.record("restart.rebooting", me.id)
        finally:
            self._busy = False

    async def _prepare(self, my_id: str) -> None:
        """The ticket from the center, into the private file; the entry that starts us again."""
        loop = asyncio.get_running_loop()
        self._ticket = loop.create_future()
        try:
            await self.session.send_center(RestartAgreed())
            ticket = await asyncio.wait_for(self._ticket, TICKET_TIMEOUT_S)
        finally:
            self._ticket = None
        number = self.session.engine.number
        if number is None:
            raise ConnectionError("the session has no number")
        center = self.session.center
        ports = self.ports
        path = write_ticket(
            ports.folder,
            ResumeTicket(center.server_url, center.fingerprint, number, my_id, ticket),
        )
        self.prepared = True
        ports.autostart.install(resume_command(path))
        self.session.engine.audit.record("restart.prepared", my_id)

    def _answer(self, remote_id: str, request_id: str, outcome: str, reason: str = "") -> None:
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                remote_id,
                RestartAnswer(id=request_id, outcome=outcome, reason=reason),
            )

    def _from_center(self, message: FromCenter) -> None:
        waiting = self._ticket
        if waiting is None or waiting.done():
            return
        if isinstance(message, RestartTicket):
            waiting.set_result(message.ticket)

    def _undo(self) -> None:
        """Remove the entry and the resume file: nothing is left to start us by itself."""
        if not self.prepared:
            return
        self.prepared = False
        ports = self.ports
        with contextlib.suppress(OSError):
            ports.autostart.remove()
        with contextlib.suppress(OSError):
            (ports.folder / RESUME_FILE).unlink(missing_ok=True)

    def _engine_event(self, event: object) -> None:
        # The center refused while we wait for the ticket (its error reaches us as a problem).
        waiting = self._ticket
        refused = isinstance(event, Problem) and event.code in _CENTER_REFUSALS
        if refused and waiting is not None and not waiting.done():
            assert isinstance(event, Problem)
            waiting.set_exception(ConnectionError(event.reason))
        # The session ended (ended, left, lost): nothing is to rejoin. Only this program being
        # stopped ("disconnected": the reboot itself) keeps the entry for the next log-on.
        if isinstance(event, SessionClosed) and event.code != "disconnected":
            self._undo()

    # --- the session's hooks ------------------------------------------------------------------

    def on_link_down(self, remote_id: str) -> None:
        for request_id, customer_id in list(self._asked.items()):
            if customer_id == remote_id:
                del self._asked[request_id]

    async def on_close(self) -> None:
        with contextlib.suppress(ValueError):
            self.session.center_listeners.remove(self._from_center)

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        self._busy = False
