"""What both apps' controllers share: one live session driven through the bridge, its engine's
events turned into Qt signals for the views, and every registered feature's part of it.

The controller names no feature: it puts the registered features' engine parts on each new
session (shared.kit.attach), builds each feature's views for its side once (``parts``), and
hands them the session and the events the features publish (``feature_event``)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from shared.kit.attach import attach_features
from shared.kit.feature import EngineFactory
from shared.qt.bridge import AsyncBridge
from shared.qt.feature_views import SessionPart, console_views, customer_views
from shared.qt.texts import center_error_text
from shared.session.consent import Asker
from shared.session.engine import SessionEngine
from shared.session.events import (
    ConsentCancelled,
    ConsentChanged,
    ParticipantsChanged,
    Problem,
    SessionClosed,
    StateChanged,
)
from shared.session.live import LiveSession
from shared.session.participants import Participant
from shared.session.state import SessionState
from shared.transport.center_link import CenterError

log = logging.getLogger(__name__)


class SessionController(QObject):
    session_state = Signal(object)  # SessionState
    participants_changed = Signal(object)  # tuple[Participant, ...]
    session_closed = Signal(object)  # SessionClosed
    problem = Signal(str)
    consent_changed = Signal(object)  # frozenset[PermissionKind]: what "allow everything" covers
    consent_cancelled = Signal(str)  # activity id whose question is moot
    # An event a feature published; that feature's views know it.
    feature_event = Signal(object)
    # The agent's session started (the console's slot emits it; never on the client).
    session_started = Signal(object)
    # A line for the session's transcript ("Grace joined."), told by the app's controller.
    notice = Signal(str)
    # Someone wants the user's eye (who, what): windows covering the screen show it.
    attention = Signal(str, str)
    # The customer the session's actions address changed (the console's slot): str | None.
    customer_chosen = Signal(object)
    # Whose app this is: failures to reach the center come with advice for that person.
    for_customer = False

    def __init__(self, bridge: AsyncBridge, preferences: object | None = None) -> None:
        super().__init__()
        self.bridge = bridge
        self.session: LiveSession | None = None
        self.participants: tuple[Participant, ...] = ()
        # The console's preferences, for the features' parts that read them; None elsewhere.
        self.preferences = preferences
        # Features' engine factories to use instead of the registered ones (tests plug in a
        # desktop sharing with a stand-in screen; None leaves a feature out).
        self.engine_factories: dict[str, EngineFactory | None] = {}
        # The window new windows of this session open beside.
        self.near_window: QWidget | None = None
        views = console_views() if self.side == "console" else customer_views()
        # Every feature's views of this session, by feature name.
        self.parts: dict[str, SessionPart] = {view.name: view.session_part(self) for view in views}
        bridge.engine_event.connect(self._engine_event)

    @property
    def side(self) -> str:
        return "customer" if self.for_customer else "console"

    def part(self, name: str) -> Any:
        """This host's part of feature ``name`` (None if no such feature is registered)."""
        return self.parts.get(name)

    def _adopt(self, session: LiveSession, ask_consent: Asker | None = None) -> None:
        self.session = session
        session.consent.ask = ask_consent
        attach_features(session, self.engine_factories)
        for name, part in self.parts.items():
            try:
                part.adopt(session)
            except Exception:
                log.exception("the %s views could not take the new session", name)
        self.bridge.watch(session.engine)

    @property
    def unavailable(self) -> frozenset[str]:
        """Features whose parts did not load on this computer (their actions say so)."""
        return frozenset(self.session.unavailable) if self.session is not None else frozenset()

    @property
    def session_state_now(self) -> SessionState:
        return self.session.engine.state if self.session else SessionState.IDLE

    def set_slice(self, name: str, value: object) -> None:
        """A feature's slice of the console's state; the client has no such state."""

    def near(self) -> QWidget | None:
        return self.near_window

    def current_customer(self) -> str | None:
        """The customer the session's actions address: the console's slot picks one."""
        return None

    def choose_customer(self, customer_id: str) -> None:
        """Only the console chooses whom to help."""

    def close_parts(self) -> None:
        """Close every feature's windows of this session (the app quits or forgets it)."""
        for name, part in self.parts.items():
            try:
                part.close()
            except Exception:
                log.exception("the %s views failed to close", name)

    def closing_tasks(self) -> list[Any]:
        if self.session is not None and self.session.engine.state != SessionState.ENDED:
            return [self.session.close()]
        return []

    @Slot(object, object)
    def _engine_event(self, engine: SessionEngine, event: object) -> None:
        if self.session is None or engine is not self.session.engine:
            return
        if isinstance(event, StateChanged):
            self.session_state.emit(event.state)
        elif isinstance(event, ParticipantsChanged):
            self.participants = event.participants
            self.participants_changed.emit(event.participants)
        elif isinstance(event, SessionClosed):
            self.session_closed.emit(event)
        elif isinstance(event, Problem):
            self.problem.emit(center_error_text(event.code, event.reason))
        elif isinstance(event, ConsentChanged):
            self.consent_changed.emit(event.allowed)
        elif isinstance(event, ConsentCancelled):
            self.consent_cancelled.emit(event.activity_id)
        else:
            self.feature_event.emit(event)

    def report_error(self, _: object, error: BaseException | None) -> None:
        if error is not None:
            self.problem.emit(error_text(error, self.for_customer))


def error_text(error: BaseException | None, customer: bool = False) -> str:
    """``error`` for the user; ``customer``: with the advice that suits the customer's client."""
    if isinstance(error, CenterError):
        return center_error_text(error.code, error.reason, error.retry_after_s, customer)
    return str(error) if error else ""
