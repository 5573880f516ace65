"""One customer session of the console, with everything that belongs to it alone.

The console holds several of these (the multisession window shows one tab each; the dashboard
and the icon bar show the current one). A slot is independent of the faces: its engine, its
desktop sharing, its viewer windows and its chat history live here, so switching faces never
touches a running session.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from csr_console.services.agent_session import (
    AgentAccount,
    AgentSession,
    OpenSession,
    StartedSession,
)
from csr_console.ui.actions import ConsoleState
from csr_console.ui.desktop_sharing import DesktopSharing
from shared.protocol.messages import EVERYONE
from shared.protocol.sharing import ColourMode, Quality
from shared.qt.bridge import AsyncBridge
from shared.qt.remote_viewer import ViewDefaults
from shared.qt.session_controller import SessionController, error_text
from shared.qt.sharing_windows import SharingWindows, Side
from shared.qt.texts import participant_gone_text, session_closed_text
from shared.session.activities import Activity
from shared.session.consent import Asker
from shared.session.events import ChatReceived, SessionClosed
from shared.session.join_link import format_session_number
from shared.session.live import LiveSession
from shared.session.participants import Participant
from shared.session.sharing import SharingFeature
from shared.session.state import SessionState
from shared.transport.center_link import CenterLink

MakeSharing = Callable[[LiveSession, Asker | None], SharingFeature | None]


@dataclass(frozen=True)
class ChatEntry:
    """One line of a session's chat transcript, as every face shows it."""

    text: str
    stamp: str
    sender: str = ""  # empty: a notice (someone joined, the session ended…)
    outgoing: bool = False
    private_to: str | None = None

    @property
    def is_notice(self) -> bool:
        return not self.sender


class ChatLog(QObject):
    """A session's transcript, kept so a face opened later (or the dashboard coming back to
    this session) shows it whole."""

    added = Signal(object)  # ChatEntry
    cleared = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[ChatEntry] = []

    def notice(self, text: str) -> None:
        self._add(ChatEntry(text, time.strftime("%H:%M")))

    def line(self, sender: str, text: str, outgoing: bool, private_to: str | None) -> None:
        self._add(ChatEntry(text, time.strftime("%H:%M"), sender, outgoing, private_to))

    def clear(self) -> None:
        self.entries.clear()
        self.cleared.emit()

    def _add(self, entry: ChatEntry) -> None:
        self.entries.append(entry)
        self.added.emit(entry)


@dataclass
class SessionOptions:
    """This session's own choices for its viewers (the Session tab's Session options); None
    keeps the preferences' default."""

    quality: Quality | None = None
    colour: ColourMode | None = None


class SessionSlot(SessionController):
    state_changed = Signal(object)  # ConsoleState (the session's part of it)
    session_started = Signal(object)  # StartedSession
    start_failed = Signal(str)

    def __init__(
        self,
        bridge: AsyncBridge,
        make_sharing: MakeSharing,
        view_defaults: Callable[[], ViewDefaults],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(bridge)
        if parent is not None:
            self.setParent(parent)
        self.make_sharing = make_sharing
        self.account: AgentAccount | None = None
        self.agent_session: AgentSession | None = None
        self.started: StartedSession | None = None
        self.closed: SessionClosed | None = None
        self.state = ConsoleState()
        self.participants: tuple[Participant, ...] = ()
        self.options = SessionOptions()
        self._view_defaults = view_defaults
        self._live_activities: set[str] = set()
        # Participant id -> gone reason ("" while present): to announce arrivals and departures.
        self._seen: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self.log = ChatLog(self)
        self.desktop_sharing = DesktopSharing(self, self)
        # Viewer windows, the indicator while the agent's own desktop is shown, the clipboard.
        self.sharing_windows = SharingWindows(self, Side.AGENT)
        self.sharing_windows.view_defaults = self.view_defaults
        self.session_state.connect(self._session_state)
        self.participants_changed.connect(self._participants)
        self.activity_changed.connect(self._activity)
        self.chat_received.connect(self._chat_received)
        self.session_closed.connect(self._session_closed)

    @property
    def number_text(self) -> str:
        return format_session_number(self.started.number) if self.started else ""

    @property
    def customer_names(self) -> list[str]:
        return [p.name for p in self.participants if not p.is_agent and p.gone_reason is None]

    def adopt(self, session: AgentSession) -> None:
        """Take ``session`` as this slot's (a new one, or one seated without a center)."""
        self.agent_session = session
        self.started = None
        self.closed = None
        self.participants = ()
        self._seen.clear()
        self._live_activities.clear()
        self.options = SessionOptions()
        self._adopt(session)
        self._set_state(
            sharing_unavailable=not self.sharing_available,
            sharing_live=False,
            customers=0,
            unread=0,
        )

    def start(self, account: AgentAccount, center: CenterLink, password: str) -> None:
        self._enter(
            account, center, lambda s: s.start(password), self.tr("Session {number} started.")
        )

    def resume(self, account: AgentAccount, center: CenterLink, kept: OpenSession) -> None:
        """Take this agent's seat back in ``kept`` (left open by a console that quit): the
        customers still waiting link to us again."""
        self._enter(account, center, lambda s: s.resume(kept), self.tr("Session {number} resumed."))

    def _enter(
        self,
        account: AgentAccount,
        center: CenterLink,
        how: Callable[[AgentSession], Coroutine[Any, Any, StartedSession]],
        notice: str,
    ) -> None:
        self.account = account
        # Each session has its own signaling socket, so several can run side by side.
        session = AgentSession(CenterLink(center.server_url, center.fingerprint), account)
        self.log.clear()
        self.adopt(session)
        # Starting shows at once, so a second click cannot start another session in this slot.
        self._set_state(session=SessionState.CONNECTING)

        def done(started: StartedSession | None, error: BaseException | None) -> None:
            if error is not None or started is None:
                self._set_state(session=SessionState.IDLE)
                self.start_failed.emit(error_text(error))
                return
            self.started = started
            self.log.notice(notice.format(number=format_session_number(started.number)))
            self.session_started.emit(started)

        self.bridge.run(how(session), done)

    def finishing_task(self, keep: bool) -> Coroutine[Any, Any, None] | None:
        """What leaves this session as the console quits or signs out (kept or ended)."""
        session = self.agent_session
        if session is None or session.engine.state in (SessionState.IDLE, SessionState.ENDED):
            return None
        return session.finish(keep)

    def end(self) -> None:
        if self.agent_session is not None:
            self.bridge.run(self.agent_session.end(), self.report_error)

    # --- engine events ------------------------------------------------------------------------

    @Slot(object)
    def _session_state(self, state: SessionState) -> None:
        primary = self.agent_session is not None and self.agent_session.engine.is_primary_agent
        self._set_state(session=state, is_primary=primary)

    @Slot(object)
    def _participants(self, participants: tuple[Participant, ...]) -> None:
        self.participants = participants
        for person in participants:
            before = self._seen.get(person.id, "new")
            now = person.gone_reason or ""
            if before != now and not now:
                self.log.notice(self.tr("{name} joined.").format(name=person.name))
            elif before != now and now:
                self.log.notice(
                    self.tr("{name} {what}.").format(
                        name=person.name, what=participant_gone_text(now)
                    )
                )
            self._seen[person.id] = now
        self._names = {p.id: p.name for p in participants}
        linked = sum(
            1 for p in participants if not p.is_agent and p.linked and p.gone_reason is None
        )
        self._set_state(customers=linked)

    @Slot(object)
    def _activity(self, activity: Activity) -> None:
        if activity.live:
            self._live_activities.add(activity.id)
        else:
            self._live_activities.discard(activity.id)
        if self.state.sharing_live != bool(self._live_activities):
            self._set_state(sharing_live=bool(self._live_activities))

    @Slot(object)
    def _chat_received(self, event: ChatReceived) -> None:
        line = event.line
        private_to = None if line.to == EVERYONE else self._names.get(line.to, self.tr("you"))
        if not event.outgoing and line.to != EVERYONE:
            private_to = self.tr("you")
        if not event.outgoing:
            # Counted first: a chat panel in front, adding the line, marks it read at once.
            self._set_state(unread=self.state.unread + 1)
        self.log.line(event.sender_name, line.text, event.outgoing, private_to)

    def mark_read(self) -> None:
        """The agent has this session's chat in front of them: nothing is unread."""
        if self.state.unread:
            self._set_state(unread=0)

    @Slot(object)
    def _session_closed(self, closed: SessionClosed) -> None:
        self.closed = closed
        me = self.account.display_name if self.account else None
        self.log.notice(session_closed_text(closed.code, closed.by, me))

    def view_defaults(self) -> ViewDefaults:
        """How this session's next viewer opens: the preferences, then the session's options."""
        view = self._view_defaults()
        return replace(
            view,
            quality=self.options.quality or view.quality,
            colour=self.options.colour or view.colour,
        )

    def set_stream_defaults(self, quality: Quality, colour: ColourMode) -> None:
        self.options = SessionOptions(quality, colour)

    def _set_state(self, **changes: Any) -> None:
        self.state = replace(self.state, **changes)
        self.state_changed.emit(self.state)
