"""Chat's views for one session, on either side: the transcript kept whole (so a face built
later, or the dashboard coming back to this session, shows it all), what is unread, sending."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from shared.features.chat.engine import ChatFeature, ChatReceived
from shared.features.chat.phrases import fetch_quick_phrases
from shared.features.chat.protocol import NAME
from shared.protocol.center_records import QuickPhrase, phrases_for
from shared.protocol.messages import EVERYONE
from shared.qt.feature_views import SessionHost
from shared.qt.i18n import pick_language
from shared.session.live import LiveSession
from shared.session.participants import Participant
from shared.session.state import SessionState


@dataclass(frozen=True)
class ChatState:
    """Chat's slice of the console's state: lines from others the agent has not seen yet."""

    unseen: int = 0


@dataclass(frozen=True)
class ChatEntry:
    """One line of a session's chat transcript, as every panel shows it."""

    text: str
    stamp: str
    sender: str = ""  # empty: a notice (someone joined, the session ended…)
    outgoing: bool = False
    private_to: str | None = None

    @property
    def is_notice(self) -> bool:
        return not self.sender


class ChatPart(QObject):
    added = Signal(object)  # ChatEntry
    cleared = Signal()
    # Someone to write to, or not (the session is active and another participant is linked).
    live_changed = Signal(bool)
    people_changed = Signal(list)  # [(participant id, name)] one can write to
    # A line arrived from someone else (sender's name, text): for notifications.
    line_arrived = Signal(str, str)
    # The site's quick phrases, in the console's language first (the console's side only).
    phrases_changed = Signal(list)  # [QuickPhrase]

    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        self.entries: list[ChatEntry] = []
        self.unread = 0
        self.live = False
        self.people: list[tuple[str, str]] = []
        self._names: dict[str, str] = {}
        self._state = SessionState.IDLE
        self._linked = False
        self.phrases: list[QuickPhrase] = []
        host.feature_event.connect(self._event)
        host.notice.connect(self.notice)
        host.participants_changed.connect(self._participants)
        host.session_state.connect(self._session_state)

    def adopt(self, session: LiveSession) -> None:
        """A new session in this host: a fresh transcript."""
        self.clear()
        self._set_unread(0)
        if self.host.side == "console":
            self._load_phrases(session)

    def close(self) -> None:
        pass

    def _load_phrases(self, session: LiveSession) -> None:
        """Ask the center for the site's quick phrases, for this session's chat panel."""
        # The agent's sign-in (AgentSession.account): the console's sessions carry it.
        token = getattr(getattr(session, "account", None), "token", None)
        if not isinstance(token, str):
            return
        language = pick_language(getattr(self.host.preferences, "language", ""))

        def done(phrases: list[QuickPhrase] | None, error: BaseException | None) -> None:
            self.phrases = phrases_for(phrases or [], language)
            self.phrases_changed.emit(self.phrases)

        self.host.bridge.run(fetch_quick_phrases(session.center, token), done)

    def send(self, to: str, text: str) -> None:
        session = self.host.session
        feature = session.part(NAME, ChatFeature) if session is not None else None
        if feature is None:
            return

        async def send() -> None:
            feature.send(to, text)

        self.host.bridge.run(send(), self.host.report_error)

    def mark_read(self) -> None:
        """The user has this session's chat in front of them: nothing is unread."""
        self._set_unread(0)

    def notice(self, text: str) -> None:
        self._add(ChatEntry(text, time.strftime("%H:%M")))

    def clear(self) -> None:
        self.entries.clear()
        self.cleared.emit()

    @Slot(object)
    def _event(self, event: object) -> None:
        if not isinstance(event, ChatReceived):
            return
        line = event.line
        you = QCoreApplication.translate("ChatPart", "you")
        private_to = None
        if line.to != EVERYONE:
            private_to = self._names.get(line.to, you) if event.outgoing else you
        if not event.outgoing:
            # Counted first: a panel in front, adding the line, marks it read at once.
            self._set_unread(self.unread + 1)
        entry = ChatEntry(line.text, time.strftime("%H:%M"), event.sender_name, event.outgoing)
        self._add(ChatEntry(entry.text, entry.stamp, entry.sender, entry.outgoing, private_to))
        if not event.outgoing:
            self.line_arrived.emit(event.sender_name, line.text)
            self.host.attention.emit(event.sender_name, line.text)

    @Slot(object)
    def _participants(self, participants: tuple[Participant, ...]) -> None:
        self._names = {p.id: p.name for p in participants}
        me_agent = self.host.side == "console"
        # An agent writes to anyone in the session; a customer to the agents.
        self.people = [
            (p.id, p.name)
            for p in participants
            if p.gone_reason is None and (me_agent or p.is_agent)
        ]
        self.people_changed.emit(self.people)
        self._update_live(participants)

    @Slot(object)
    def _session_state(self, state: SessionState) -> None:
        self._state = state
        self._update_live(None)

    def _update_live(self, participants: tuple[Participant, ...] | None) -> None:
        if participants is not None:
            self._linked = any(p.linked and p.gone_reason is None for p in participants)
        live = self._state == SessionState.ACTIVE and self._linked
        if live != self.live:
            self.live = live
            self.live_changed.emit(live)

    def _set_unread(self, count: int) -> None:
        if count != self.unread:
            self.unread = count
            self.host.set_slice(NAME, ChatState(count))

    def _add(self, entry: ChatEntry) -> None:
        self.entries.append(entry)
        self.added.emit(entry)
