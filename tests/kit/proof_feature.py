"""A feature that lives in the tests only: the proof that a new activity plugs in through the
kit alone (docs/adding-a-feature.md walks through it).

The agent asks the customer to see a note (an action in every face of the console); the
customer is asked for consent (reading system information, one of the session's typed kinds);
once allowed, the note opens in a window on the customer's side and the customer's client
answers with the note's length. A note reading ``BOOM`` makes the customer's handler raise: the
activity ends with a reason and the session goes on.
"""

from __future__ import annotations

import contextlib
import itertools
from dataclasses import dataclass
from typing import Literal

from pydantic import Field
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from shared.kit.feature import Feature
from shared.protocol.messages import MessageId, PeerMessage
from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleView,
    CustomerView,
    Group,
    SessionHost,
    on_part,
)
from shared.session.consent import ConsentRequest, PermissionKind
from shared.session.live import LiveSession

NAME = "proof"
ACTION = "proof_note"
# What makes the customer's handler raise.
BOOM = "BOOM"


# --- its messages ---------------------------------------------------------------------------------


class ProofNote(PeerMessage):
    """Agent to customer: show this note."""

    type: Literal["proof.note"] = "proof.note"
    id: MessageId
    text: str = Field(min_length=1, max_length=200)


class ProofReply(PeerMessage):
    """Customer to agent: shown (with the note's length), refused, or failed with a reason."""

    type: Literal["proof.reply"] = "proof.reply"
    id: MessageId
    outcome: Literal["shown", "refused", "failed"]
    length: int = Field(default=0, ge=0)


# --- its engine part ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoteChanged:
    """A note was sent, shown, refused or failed (``outcome`` empty while it is asked)."""

    id: str
    text: str
    outcome: str = ""
    length: int = 0


class ProofFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = (ProofNote, ProofReply)

    def __init__(self, session: LiveSession) -> None:
        self.session = session
        self.notes: dict[str, NoteChanged] = {}
        self._ids = itertools.count(1)
        session.add_feature(self)

    def send_note(self, customer_id: str, text: str) -> None:
        me = self.session.engine.me
        assert me is not None
        note = NoteChanged(f"{me.id}-p{next(self._ids)}", text)
        self._keep(note)
        self.session.engine.audit.record("proof.asked", me.id, note=note.id)
        self.session.send_to(customer_id, ProofNote(id=note.id, text=text))

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        if isinstance(message, ProofNote):
            if message.text == BOOM:
                self._keep(NoteChanged(message.id, message.text))
                raise RuntimeError("the note went off")
            self.session.spawn(self._asked(remote_id, message))
        elif isinstance(message, ProofReply) and message.id in self.notes:
            note = self.notes[message.id]
            self._keep(NoteChanged(note.id, note.text, message.outcome, message.length))
            self.session.engine.audit.record(
                "proof.replied", remote_id, note=note.id, outcome=message.outcome
            )

    async def _asked(self, remote_id: str, note: ProofNote) -> None:
        """Customer side: the customer decides, whatever the console says."""
        me, asker = self.session.engine.me, self.session.engine.participant(remote_id)
        if me is None or asker is None or not asker.is_agent:
            return
        self._keep(NoteChanged(note.id, note.text))
        answer = await self.session.consent.decide(
            ConsentRequest(
                "note",
                asker.name,
                note.id,
                PermissionKind.SYSTEM_INFO,
                agent_id=remote_id,
                customer_id=me.id,
                feature=NAME,
            )
        )
        outcome = "shown" if answer.granted else "refused"
        self._keep(NoteChanged(note.id, note.text, outcome, len(note.text)))
        reply = ProofReply(id=note.id, outcome=outcome, length=len(note.text))
        with contextlib.suppress(ConnectionError):
            self.session.send_to(remote_id, reply)

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        note_id = getattr(message, "id", "")
        if note_id in self.notes:
            note = self.notes[note_id]
            self._keep(NoteChanged(note.id, note.text, "failed"))
            with contextlib.suppress(ConnectionError):
                self.session.send_to(remote_id, ProofReply(id=note.id, outcome="failed"))

    def on_link_down(self, remote_id: str) -> None:
        pass

    async def on_close(self) -> None:
        pass

    def _keep(self, note: NoteChanged) -> None:
        self.notes[note.id] = note
        self.session.engine.publish(note)


# --- its views ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProofState:
    """Its slice of the console's state: notes sent in this session."""

    sent: int = 0


class ProofPart(QObject):
    """Either side's views of one session: the notes as they change."""

    changed = Signal(object)  # NoteChanged

    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        self.notes: dict[str, NoteChanged] = {}
        self.windows: dict[str, QWidget] = {}
        self.sent = 0
        host.feature_event.connect(self._event)

    def adopt(self, session: LiveSession) -> None:
        self.notes.clear()

    def close(self) -> None:
        for window in self.windows.values():
            window.close()

    def send_note(self, text: str) -> None:
        session = self.host.session
        customers = [p for p in self.host.participants if not p.is_agent and p.linked]
        feature = session.parts.get(NAME) if session is not None else None
        if not isinstance(feature, ProofFeature) or not customers:
            return

        async def send() -> None:
            feature.send_note(customers[0].id, text)

        self.host.bridge.run(send(), self.host.report_error)
        self.sent += 1
        self.host.set_slice(NAME, ProofState(self.sent))

    @Slot(object)
    def _event(self, event: object) -> None:
        if not isinstance(event, NoteChanged):
            return
        self.notes[event.id] = event
        if self.host.side == "customer" and event.outcome == "shown":
            self._open_window(event)
        self.changed.emit(event)

    def _open_window(self, note: NoteChanged) -> None:
        """The customer's side: the note, in a window of its own."""
        window = QWidget()
        window.setObjectName("proofWindow")
        window.setWindowTitle("Note from your agent")
        label = QLabel(note.text, window)
        label.setObjectName("proofText")
        QVBoxLayout(window).addWidget(label)
        self.windows[note.id] = window
        window.show()


def _register_actions(console: ConsoleHost) -> None:
    console.register(
        ActionSpec(
            ACTION,
            "Show a note",
            "Show the customer a note (they are asked first)",
            Group.TOOLS,
            lambda state: state.customer_linked,
            feature=NAME,
            on_bar=True,
            on_toolbar=True,
        ),
        on_part(console, NAME, ProofPart, lambda part: part.send_note(NOTE_TEXT)),
    )


def _question(request: ConsentRequest) -> tuple[str, str]:
    return f"{request.agent_name} wants to show you a note", "It opens in a window of its own."


NOTE_TEXT = "Your printer driver is out of date."

CONSOLE_VIEW = ConsoleView(name=NAME, session_part=ProofPart, register_actions=_register_actions)
CUSTOMER_VIEW = CustomerView(name=NAME, session_part=ProofPart, question=_question)


def _engine(session: LiveSession) -> ProofFeature:
    return ProofFeature(session)


FEATURE = Feature(
    name=NAME,
    messages=(ProofNote, ProofReply),
    permissions=(PermissionKind.SYSTEM_INFO,),
    engine=_engine,
    console=CONSOLE_VIEW,
    customer=CUSTOMER_VIEW,
)
