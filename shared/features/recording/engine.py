"""Recording in one session.

The agent's side (the primary agent's console) asks the customer's client (``start``); only on
its grant does the recorder start, and it stops on the agent's Stop, on the customer's Stop
(``recording.stop`` from the client: the console must stop), when the customer leaves or the
session ends, and when control changes hands (issue 11: running activities end). Every start
and stop is audited, and the audit goes to the session's record at the center: the file's
name, duration, size and SHA-256.

The customer's side asks its user through the session's consent gate (the recording kind:
"allow everything" covers it), shows that the session is being recorded while it is, and its
Stop tells the agent. A console changed to record without asking cannot be stopped from here;
the question, the indicator and the audit are the guarantee (THREAT_MODEL.md)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from shared.features.recording.protocol import (
    NAME,
    RECORDING_MESSAGES,
    RecordingAnswer,
    RecordingAsk,
    RecordingStop,
    StopReason,
)
from shared.features.recording.recorder import (
    MIN_FREE_BYTES,
    Area,
    Recorder,
    file_name,
    whole_screen,
)
from shared.protocol.messages import PeerMessage, Role
from shared.session.consent import ConsentRequest, PermissionKind
from shared.session.live import LiveSession

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RecordingStatus:
    """What the views show. Agent side: ``asking`` / ``recording`` with ``customer_id``;
    ``news``: what last happened ("refused", a ``StopReason`` value, "" for nothing) and
    ``path``: the last finished file. Customer side: ``recording`` while an agent records us,
    ``agent_name`` who."""

    asking: bool = False
    recording: bool = False
    customer_id: str | None = None
    agent_name: str = ""
    news: str = ""
    path: str = ""


@dataclass(frozen=True)
class RecordingChanged:
    status: RecordingStatus


@dataclass
class _Running:
    id: str
    customer_id: str
    folder: Path
    recorder: Recorder | None = None  # None while the customer is being asked


class RecordingFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = RECORDING_MESSAGES

    def __init__(
        self,
        session: LiveSession,
        area: Callable[[], Area] = whole_screen,
        min_free_bytes: int = MIN_FREE_BYTES,
    ) -> None:
        self.session = session
        self.engine = session.engine
        self.area = area  # what is recorded: the agent's whole screen unless told
        self.min_free_bytes = min_free_bytes  # the recording stops, whole, below it
        self._running: _Running | None = None  # agent side
        self._recorded: dict[str, str] = {}  # customer side: recording id -> agent id
        self.status = RecordingStatus()
        self.engine.subscribe(self._event)
        session.add_feature(self)

    def _me(self) -> str:
        me = self.engine.me
        return me.id if me is not None else ""

    # --- agent side ---------------------------------------------------------------------------

    def start(self, customer_id: str, folder: Path) -> str:
        """Ask ``customer_id`` whether we may record; the recording starts on their grant."""
        me = self.engine.me
        if me is None or me.role != Role.PRIMARY_AGENT:
            raise PermissionError("only the agent in charge records the session")
        if self._running is not None:
            raise RuntimeError("a recording is already running")
        person = self.engine.participant(customer_id)
        if person is None or person.info.role != Role.CUSTOMER or not person.linked:
            raise PermissionError("the recording is asked of a customer linked to this session")
        running = _Running(uuid.uuid4().hex, customer_id, folder)
        self.session.send_to(customer_id, RecordingAsk(id=running.id))
        self._running = running
        self.engine.audit.record("recording.asked", me.id, to=customer_id)
        self._publish(RecordingStatus(asking=True, customer_id=customer_id))
        return running.id

    async def stop(self, reason: StopReason = StopReason.STOPPED) -> None:
        """End the recording (or the question) for ``reason``; the customer is told unless
        they stopped it."""
        running, self._running = self._running, None
        if running is None:
            return
        if reason != StopReason.CUSTOMER_STOPPED:
            with contextlib.suppress(ConnectionError):
                self.session.send_to(
                    running.customer_id, RecordingStop(id=running.id, reason=reason)
                )
        recorder = running.recorder
        if recorder is None:
            self.engine.audit.record("recording.cancelled", self._me(), reason=reason.value)
            self._publish(RecordingStatus(news=reason.value))
            return
        try:
            done = await asyncio.to_thread(recorder.finish)
        except (OSError, RuntimeError, ValueError) as exc:  # PyAV's errors derive from these
            log.warning("the recording could not be finished: %s", exc)
            self.engine.audit.record(
                "recording.failed", self._me(), file=recorder.path.name, error=str(exc)[:200]
            )
            self._publish(RecordingStatus(news=StopReason.FAILED.value))
            return
        self.engine.audit.record(
            "recording.stopped",
            self._me(),
            file=done.path.name,
            duration_s=f"{done.duration_s:.1f}",
            size=str(done.size),
            # The center keeps detail keys of letters only: the algorithm goes in the value.
            digest=f"sha256:{done.sha256}",
            reason=reason.value,
        )
        self._publish(RecordingStatus(news=reason.value, path=str(done.path)))

    def _answered(self, remote_id: str, answer: RecordingAnswer) -> None:
        running = self._running
        if running is None or running.id != answer.id or running.customer_id != remote_id:
            return  # not what we asked, or not whom
        if running.recorder is not None:
            return
        if not answer.granted:
            self._running = None
            self.engine.audit.record("recording.refused", remote_id)
            self._publish(RecordingStatus(news="refused"))
            return
        loop = asyncio.get_running_loop()

        def failed(error: BaseException) -> None:  # on the recorder's thread
            log.warning("recording failed: %s", error)
            loop.call_soon_threadsafe(self._failed, running.id)

        def disk_low() -> None:  # on the recorder's thread, the file whole
            loop.call_soon_threadsafe(self._disk_low, running.id)

        started = datetime.now()
        recorder = Recorder(
            running.folder,
            file_name(self.engine.number, started),
            self.area(),
            failed,
            disk_low,
            self.min_free_bytes,
        )
        try:
            recorder.start()
        except OSError as exc:
            self._running = None
            self.engine.audit.record("recording.failed", self._me(), error=str(exc)[:200])
            with contextlib.suppress(ConnectionError):
                self.session.send_to(
                    remote_id, RecordingStop(id=running.id, reason=StopReason.FAILED)
                )
            self._publish(RecordingStatus(news=StopReason.FAILED.value))
            return
        running.recorder = recorder
        self.engine.audit.record(
            "recording.started", self._me(), file=recorder.path.name, customer=remote_id
        )
        self._publish(RecordingStatus(recording=True, customer_id=remote_id))

    def _failed(self, recording_id: str) -> None:
        if self._running is not None and self._running.id == recording_id:
            self.session.spawn(self.stop(StopReason.FAILED))

    def _disk_low(self, recording_id: str) -> None:
        if self._running is not None and self._running.id == recording_id:
            self.session.spawn(self.stop(StopReason.DISK_LOW))

    def _event(self, event: object) -> None:
        """A chat line of this session (the chat feature's event, read by its shape: features
        do not import each other) goes into the recording's sidecar."""
        running = self._running
        if running is None or running.recorder is None:
            return
        line, sender = getattr(event, "line", None), getattr(event, "sender_name", None)
        text = getattr(line, "text", None)
        if isinstance(text, str) and isinstance(sender, str):
            running.recorder.add_chat(datetime.now(), sender, text)

    # --- customer side ------------------------------------------------------------------------

    async def _asked(self, remote_id: str, ask: RecordingAsk) -> None:
        me, asker = self.engine.me, self.engine.participant(remote_id)
        if me is None or asker is None or not asker.is_agent:
            return
        answer = await self.session.consent.decide(
            ConsentRequest(
                "recording",
                asker.name,
                ask.id,
                PermissionKind.RECORDING,
                agent_id=remote_id,
                customer_id=me.id,
                feature=NAME,
            )
        )
        if answer.granted:
            self._recorded[ask.id] = remote_id
            self._publish(RecordingStatus(recording=True, agent_name=asker.name))
        with contextlib.suppress(ConnectionError):
            self.session.send_to(remote_id, RecordingAnswer(id=ask.id, granted=answer.granted))

    def stop_mine(self) -> None:
        """The customer's Stop: every recording of us ends, the agent is told (their console
        must stop), and later requests ask again."""
        me = self._me()
        for recording_id, agent_id in list(self._recorded.items()):
            with contextlib.suppress(ConnectionError):
                self.session.send_to(
                    agent_id,
                    RecordingStop(id=recording_id, reason=StopReason.CUSTOMER_STOPPED),
                )
            self.engine.audit.record("recording.stopped_by_customer", me, agent=agent_id)
        self._recorded.clear()
        self.session.consent.withdraw(me, "stopped")
        self._publish(RecordingStatus(news=StopReason.CUSTOMER_STOPPED.value))

    def _forget(self, recording_id: str | None = None, agent_id: str | None = None) -> None:
        for key, agent in list(self._recorded.items()):
            if key == recording_id or agent == agent_id or (recording_id is agent_id is None):
                del self._recorded[key]
        if self.status.recording and not self._recorded:
            self._publish(RecordingStatus())

    # --- messages and the session's hooks -----------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        if isinstance(message, RecordingAsk):
            me = self.engine.me
            if me is not None and me.role == Role.CUSTOMER:
                self.session.spawn(self._asked(remote_id, message))
        elif isinstance(message, RecordingAnswer):
            self._answered(remote_id, message)
        elif isinstance(message, RecordingStop):
            running = self._running
            if running is not None and running.id == message.id:
                if running.customer_id == remote_id:
                    self.session.spawn(self.stop(StopReason.CUSTOMER_STOPPED))
            elif self._recorded.get(message.id) == remote_id:
                self.session.consent.cancel(message.id)
                self._forget(recording_id=message.id)
            else:
                self.session.consent.cancel(message.id)  # asked, then taken back

    def on_roles_changed(self, previous: str, primary: str, reason: str) -> None:
        """Control changed hands: the recording ends on both sides (each hears it from the
        center; the stop covers one that did not yet)."""
        if self._running is not None:
            self.session.spawn(self.stop(StopReason.CONTROL_CHANGED))
        if self._recorded:
            self._forget()

    def on_link_down(self, remote_id: str) -> None:
        running = self._running
        if running is not None and running.customer_id == remote_id:
            self.session.spawn(self.stop(StopReason.ENDED))
        self._forget(agent_id=remote_id)

    async def on_close(self) -> None:
        await self.stop(StopReason.ENDED)
        self._recorded.clear()

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        if self._running is not None:
            self.session.spawn(self.stop(StopReason.FAILED))

    def _publish(self, status: RecordingStatus) -> None:
        self.status = status
        self.engine.publish(RecordingChanged(status))
