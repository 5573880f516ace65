"""Tells the customer, in a line of their window under who helps them, when another customer
joins their session and when one leaves: several customers may share a session (the agent helps
one at a time). They learn only the other's name; the center never tells a customer another's
system."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QLabel

from shared.qt.plain_text import plain
from shared.qt.session_controller import SessionController
from shared.session.participants import Participant

STYLE = "background: #eef3fb; color: #1d2a3d; border: 1px solid #b9c9e3; padding: 6px"


class OtherCustomers(QObject):
    def __init__(self, controller: SessionController) -> None:
        super().__init__(controller)
        self.controller = controller
        # The latest news about the others, shown until the session ends (hidden before any).
        self.label = plain(QLabel())
        self.label.setObjectName("otherCustomers")
        self.label.setWordWrap(True)
        self.label.setStyleSheet(STYLE)
        self.label.hide()
        # The other customers here now (id -> name), for the session seen last.
        self._here: dict[str, str] = {}
        self._session: object | None = None
        controller.participants_changed.connect(self._participants)

    @Slot(object)
    def _participants(self, participants: tuple[Participant, ...]) -> None:
        session = self.controller.session
        me = session.engine.me if session is not None else None
        if session is None or me is None:
            return
        others = {
            p.id: p.name
            for p in participants
            if not p.is_agent and p.id != me.id and p.gone_reason is None
        }
        first = session is not self._session
        self._session = session
        before, self._here = self._here, others
        if first:
            self.label.hide()
            # Who was already here when we joined: said once, as company rather than news.
            if others:
                self._say(
                    self.tr("Also in this session: {names}.").format(
                        names=", ".join(others.values())
                    )
                )
            return
        news = [
            self.tr("Another customer, {name}, joined this session.").format(name=name)
            for person_id, name in others.items()
            if person_id not in before
        ]
        news += [
            self.tr("{name} left this session.").format(name=name)
            for person_id, name in before.items()
            if person_id not in others
        ]
        if news:
            self._say(" ".join(news))

    def _say(self, text: str) -> None:
        self.label.setText(text)
        self.label.show()
