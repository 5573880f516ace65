"""Whom the agent helps in a session of several customers: one choice per session, that every
feature's actions address (through the kit's ``SessionHost.current_customer``).

The agent picks in the Participants panel (or the Desktop tab's list, which mirrors it). Helping
another customer ends what runs with the one before (sharing, file transfers), after the agent
confirms when something does. A customer who leaves while chosen hands the choice to the first
one still here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from shared.qt.confirm import ask_to_confirm
from shared.qt.feature_views import CustomerBound
from shared.session.participants import Participant


class CustomerChoice(QObject):
    chosen = Signal(object)  # the customer's id, or None: no customer here
    told = Signal(str)  # a sentence for the session's transcript

    def __init__(
        self,
        parts: Callable[[], Iterable[object]],
        near: Callable[[], QWidget | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._parts = parts
        self._near = near
        self.customer_id: str | None = None
        # Customers here (not gone), in joining order: id -> name.
        self.present: dict[str, str] = {}
        self._linked: list[str] = []
        self.question: QMessageBox | None = None

    @property
    def name(self) -> str:
        return self.present.get(self.customer_id or "", "")

    def reset(self) -> None:
        """A new session in the slot: nobody chosen."""
        self._close_question()
        self.present, self._linked = {}, []
        if self.customer_id is not None:
            self.customer_id = None
            self.chosen.emit(None)

    def participants(self, participants: tuple[Participant, ...]) -> None:
        """Who is here now: a chosen customer who left hands the choice on."""
        before_name = self.name
        self.present = {
            p.id: p.name for p in participants if not p.is_agent and p.gone_reason is None
        }
        self._linked = [p.id for p in participants if p.id in self.present and p.linked]
        if self.customer_id in self.present:
            return
        self._close_question()  # it asked about a switch the departure made moot
        gone = self.customer_id is not None
        # The first linked customer, else the first one here (still linking).
        self.customer_id = next(iter(self._linked or list(self.present)), None)
        if gone and self.customer_id is not None:
            self.told.emit(
                self.tr("{gone} left; you are now helping {name}.").format(
                    gone=before_name, name=self.name
                )
            )
        self.chosen.emit(self.customer_id)

    def choose(self, customer_id: str) -> None:
        """Help ``customer_id``: at once when nothing runs with the customer before, else once
        the agent confirms ending it. The views show the choice as it stands either way."""
        if customer_id == self.customer_id or customer_id not in self.present:
            self.chosen.emit(self.customer_id)
            return
        before = self.customer_id
        running = self.running_with(before) if before is not None else []
        parent = self._near()
        if not running or parent is None:
            self._switch(customer_id)
            return
        self._close_question()
        name, before_name = self.present[customer_id], self.name
        box = ask_to_confirm(
            parent,
            "confirmSwitchCustomer",
            self.tr("Help another customer"),
            self.tr("Help {name} now?\n\nWhat runs with {before} will end: {what}.").format(
                name=name, before=before_name, what=", ".join(running)
            ),
            self.tr("Help {name}").format(name=name),
            lambda: self._confirmed(before, customer_id),
        )
        box.rejected.connect(lambda: self.chosen.emit(self.customer_id))
        box.finished.connect(lambda _result: self._forget(box))
        self.question = box

    def _forget(self, box: QMessageBox) -> None:
        if self.question is box:
            self.question = None

    def running_with(self, customer_id: str) -> list[str]:
        found: list[str] = []
        for part in self._parts():
            if isinstance(part, CustomerBound):
                found.extend(part.running_with(customer_id))
        return found

    def _confirmed(self, before: str | None, customer_id: str) -> None:
        self.question = None
        # Asked about a choice that has moved on since (the customer left meanwhile).
        if self.customer_id != before or customer_id not in self.present:
            self.chosen.emit(self.customer_id)
            return
        self._switch(customer_id)

    def _switch(self, customer_id: str) -> None:
        before, before_name = self.customer_id, self.name
        name = self.present[customer_id]
        ended = bool(before is not None and self.running_with(before))
        if before is not None:
            for part in self._parts():
                if isinstance(part, CustomerBound):
                    part.end_with(before, name)
        self.customer_id = customer_id
        self.chosen.emit(customer_id)
        if ended:
            text = self.tr("You are now helping {name}; what ran with {before} has ended.")
        else:
            text = self.tr("You are now helping {name}.")
        self.told.emit(text.format(name=name, before=before_name))

    def _close_question(self) -> None:
        if self.question is not None:
            box, self.question = self.question, None
            box.reject()
