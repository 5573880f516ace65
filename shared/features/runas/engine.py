"""Run-as in one session.

Agent side: ``log_on`` sends the account and password (kept nowhere here once sent), ``type``
sends a line to the shell, ``log_off`` ends it; what happens is published as ``RunAsNews`` and
the shell's output as ``RunAsText``.

Customer side: the customer is asked, naming the account (run-as always asks); on yes the
system logs on (``ShellPort``); a wrong password is a refusal and nothing runs. The shell's
output streams to the agent in bounded messages at a bounded rate (a shell printing megabytes
slows to the rate instead of flooding the link). The shell ends on log off, when the agent's
link goes, when control changes hands, and when the session ends. Only the account name is
audited: the password is never written, logged or kept after the logon."""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import logging
import time
import uuid
from dataclasses import dataclass

from shared.features.runas.protocol import (
    MAX_SHELL_CHUNK_CHARS,
    NAME,
    RUNAS_MESSAGES,
    RunAsClosed,
    RunAsInput,
    RunAsLogoff,
    RunAsLogon,
    RunAsOpened,
    RunAsOutput,
    RunAsRefused,
)
from shared.features.runas.shells import LogonRefused, Shell, ShellPort, system_shells
from shared.protocol.messages import PeerMessage, Role
from shared.session.consent import ConsentRequest, PermissionKind
from shared.session.live import LiveSession

log = logging.getLogger(__name__)

# The shell's output goes to the agent at most this fast: a terminal's worth for a person to
# read, far under what would crowd the chat and the desktop's control messages on the link.
MAX_OUTPUT_BYTES_PER_S = 64 * 1024


@dataclass(frozen=True)
class RunAsNews:
    """For the views: ``state`` is "asked", "opened", "refused" or "closed" (agent side),
    "running" or "ended" (customer side, where ``customer_id`` is the agent's id)."""

    id: str
    customer_id: str
    account: str
    state: str
    reason: str = ""


@dataclass(frozen=True)
class RunAsText:
    """For the views (agent side): output of shell ``id``."""

    id: str
    text: str


@dataclass
class _Running:
    id: str
    agent_id: str
    account: str
    shell: Shell
    pump: asyncio.Task[None] | None = None


class RunAsFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = RUNAS_MESSAGES

    def __init__(self, session: LiveSession, shells: ShellPort | None = None) -> None:
        self.session = session
        self._shells = shells
        self._asked: dict[str, tuple[str, str]] = {}  # agent side: id -> (customer, account)
        self._running: _Running | None = None  # customer side: one shell at a time
        self._opening = False
        session.add_feature(self)

    @property
    def shells(self) -> ShellPort:
        if self._shells is None:
            self._shells = system_shells()
        return self._shells

    # --- agent side ---------------------------------------------------------------------------

    def log_on(self, customer_id: str, account: str, password: str) -> str:
        """Ask to log on to ``customer_id``'s computer as ``account``; the request's id."""
        request_id = uuid.uuid4().hex
        self.session.send_to(
            customer_id,
            RunAsLogon(id=request_id, account=account, password=password),
        )
        self._asked[request_id] = (customer_id, account)
        self.session.engine.audit.record("runas.asked", customer_id, account=account)
        self._news(request_id, "asked")
        return request_id

    def send_line(self, request_id: str, text: str) -> None:
        customer = self._asked.get(request_id)
        if customer is None:
            return
        for start in range(0, len(text), MAX_SHELL_CHUNK_CHARS):
            chunk = text[start : start + MAX_SHELL_CHUNK_CHARS]
            self.session.send_to(customer[0], RunAsInput(id=request_id, text=chunk))

    def log_off(self, request_id: str) -> None:
        customer = self._asked.get(request_id)
        if customer is not None:
            with contextlib.suppress(ConnectionError):
                self.session.send_to(customer[0], RunAsLogoff(id=request_id))

    def _news(self, request_id: str, state: str, reason: str = "") -> None:
        customer, account = self._asked.get(request_id, ("", ""))
        self.session.engine.publish(RunAsNews(request_id, customer, account, state, reason))

    def _heard(self, remote_id: str, message: PeerMessage) -> None:
        request_id = getattr(message, "id", "")
        asked = self._asked.get(request_id)
        if asked is None or asked[0] != remote_id:
            return  # not ours, or not from whom we asked
        if isinstance(message, RunAsOutput):
            self.session.engine.publish(RunAsText(request_id, message.text))
        elif isinstance(message, RunAsOpened):
            self.session.engine.audit.record("runas.opened", remote_id, account=asked[1])
            self._news(request_id, "opened")
        elif isinstance(message, RunAsRefused):
            self.session.engine.audit.record(
                "runas.refused", remote_id, account=asked[1], why=message.why
            )
            self._news(request_id, "refused", message.reason or message.why)
            del self._asked[request_id]
        elif isinstance(message, RunAsClosed):
            self._news(request_id, "closed", message.reason)
            del self._asked[request_id]

    # --- customer side ------------------------------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        if isinstance(message, RunAsOutput | RunAsOpened | RunAsRefused | RunAsClosed):
            self._heard(remote_id, message)
            return
        me = self.session.engine.me
        if me is None or me.role != Role.CUSTOMER:
            return
        if isinstance(message, RunAsLogon):
            self.session.spawn(self._log_on(remote_id, message))
        elif isinstance(message, RunAsInput):
            running = self._running
            if running is not None and running.id == message.id and running.agent_id == remote_id:
                running.shell.write(message.text.encode())
        elif isinstance(message, RunAsLogoff):
            running = self._running
            if running is not None and running.id == message.id and running.agent_id == remote_id:
                self.session.spawn(self._end("logged_off"))

    async def _log_on(self, remote_id: str, logon: RunAsLogon) -> None:
        engine = self.session.engine
        me, asker = engine.me, engine.participant(remote_id)
        if me is None or asker is None or not asker.is_agent:
            return
        if self._running is not None or self._opening:
            self._refuse(remote_id, logon.id, "busy", "A shell as another user is open already.")
            return
        self._opening = True
        try:
            answer = await self.session.consent.decide(
                ConsentRequest(
                    logon.account,  # the question names the account
                    asker.name,
                    logon.id,
                    PermissionKind.RUN_AS,
                    agent_id=remote_id,
                    customer_id=me.id,
                    feature=NAME,
                )
            )
            if not answer.granted:
                self._refuse(remote_id, logon.id, "refused", "The customer said no.")
                return
            try:
                shell = await self.shells.open(logon.account, logon.password.get_secret_value())
            except LogonRefused as refused:
                engine.audit.record("runas.logon_refused", me.id, account=logon.account)
                self._refuse(remote_id, logon.id, "credentials", str(refused))
                return
            except (OSError, NotImplementedError) as exc:
                engine.audit.record("runas.failed", me.id, account=logon.account)
                self._refuse(remote_id, logon.id, "unsupported", str(exc)[:200])
                return
        finally:
            self._opening = False
        running = _Running(logon.id, remote_id, logon.account, shell)
        self._running = running
        # The session's script runs go on as the account while it is logged on.
        self.session.launcher = shell.launcher
        # The customer's window shows it runs, with Stop.
        engine.publish(RunAsNews(logon.id, remote_id, logon.account, "running"))
        engine.audit.record("runas.logged_on", me.id, account=logon.account, agent=remote_id)
        self._send(remote_id, RunAsOpened(id=logon.id, account=logon.account))
        running.pump = asyncio.ensure_future(self._pump(running))

    async def _pump(self, running: _Running) -> None:
        """The shell's output to the agent, in bounded messages at a bounded rate."""
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        window_start, sent = time.monotonic(), 0
        while True:
            data = await running.shell.read()
            if not data:
                break
            text = decoder.decode(data)
            for start in range(0, len(text), MAX_SHELL_CHUNK_CHARS):
                chunk = text[start : start + MAX_SHELL_CHUNK_CHARS]
                self._send(running.agent_id, RunAsOutput(id=running.id, text=chunk))
            sent += len(data)
            if sent >= MAX_OUTPUT_BYTES_PER_S:
                # The shell waits (its pseudo-terminal fills) rather than the link flooding.
                await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - window_start)))
                window_start, sent = time.monotonic(), 0
        if self._running is running:
            await self._end("exited")

    async def _end(self, why: str) -> None:
        running, self._running = self._running, None
        if running is None:
            return
        if self.session.launcher is running.shell.launcher:
            self.session.launcher = None  # scripts run as the customer's user again
        if running.pump is not None and running.pump is not asyncio.current_task():
            running.pump.cancel()
        await running.shell.close()
        me = self.session.engine.me
        self.session.engine.audit.record(
            "runas.logged_off", me.id if me else "", account=running.account, why=why
        )
        self.session.engine.publish(
            RunAsNews(running.id, running.agent_id, running.account, "ended", why)
        )
        self._send(running.agent_id, RunAsClosed(id=running.id, reason=why))

    def _refuse(self, remote_id: str, request_id: str, why: str, reason: str) -> None:
        self._send(remote_id, RunAsRefused(id=request_id, why=why, reason=reason[:200]))

    def _send(self, remote_id: str, message: PeerMessage) -> None:
        with contextlib.suppress(ConnectionError):
            self.session.send_to(remote_id, message)

    # --- the session's hooks ------------------------------------------------------------------

    def on_link_down(self, remote_id: str) -> None:
        if self._running is not None and self._running.agent_id == remote_id:
            self.session.spawn(self._end("agent_gone"))
        for request_id, (customer, _) in list(self._asked.items()):
            if customer == remote_id:
                self._news(request_id, "closed", "link_lost")
                del self._asked[request_id]

    def on_roles_changed(self, previous: str, primary: str, reason: str) -> None:
        # Logged on for the agent who was in charge: not for whoever is now.
        if self._running is not None:
            self.session.spawn(self._end("control_changed"))

    async def on_close(self) -> None:
        await self._end("session_ended")

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        if self._running is not None and self._running.agent_id == remote_id:
            self.session.spawn(self._end("failed"))

    def stop(self) -> None:
        """The customer's Stop: log the agent off now."""
        if self._running is not None:
            self.session.spawn(self._end("stopped_by_customer"))
