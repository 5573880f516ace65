"""Leaving and coming back: what the console asks before it quits or signs out with customers
connected, and the list of sessions left open that it offers to resume or end at sign-in.

"Keep" leaves each session open at the support center for its reconnect window (two minutes by
default): the customers are told at once that their agent left and may come back, and the agent
resumes the sessions by signing in again within that window, from this computer or another.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csr_console.services.agent_session import OpenSession
from csr_console.ui.controller import ConsoleController
from shared.session.join_link import format_session_number

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


def ask_how_to_leave(
    parent: QWidget | None,
    controller: ConsoleController,
    signing_out: bool,
    then: Callable[[bool], None],
    can_keep: bool = True,
) -> QMessageBox | None:
    """Ask whether to end or keep the sessions that have customers, then call ``then(keep)``;
    with no customer connected, nothing is asked and the sessions are kept. Cancel does
    nothing. ``can_keep`` False (the support center quits with the console, as the demo's
    embedded one does) offers only to end them. Returns the open question, if one was asked."""
    busy = controller.slots_with_customers()
    if not busy or parent is None:
        then(True)
        return None
    account = controller.account
    minutes = max(1, math.ceil((account.keep_window_s if account else 120.0) / 60))
    title = translate("Leaving", "Sign out") if signing_out else translate("Leaving", "Quit")
    if len(busy) == 1:
        text = translate("Leaving", "You have a session with a customer connected.")
    else:
        text = translate("Leaving", "You have {n} sessions with customers connected.").format(
            n=len(busy)
        )
    detail = translate(
        "Leaving",
        "End them now, or keep them: your customers are told you left and may come back, and "
        "their sessions stay open for {minutes} minutes. Sign in again within that time to "
        "resume them, here or on another computer.",
    ).format(minutes=minutes)
    if not can_keep:
        detail = translate(
            "Leaving",
            "The support center runs inside this console and stops with it, so quitting ends "
            "them: your customers are told the session ended.",
        )
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent, box.windowFlags())
    box.setObjectName("confirmLeave")
    box.setInformativeText(detail)
    end = box.addButton(
        translate("Leaving", "End sessions"), QMessageBox.ButtonRole.DestructiveRole
    )
    end.setObjectName("endSessionsButton")
    keep = box.addButton(translate("Leaving", "Keep sessions"), QMessageBox.ButtonRole.AcceptRole)
    keep.setObjectName("keepSessionsButton")
    keep.setVisible(can_keep)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setObjectName("cancelButton")
    box.setDefaultButton(cancel)  # Enter does not end or leave anything by accident
    box.setEscapeButton(cancel)
    box.setWindowModality(Qt.WindowModality.WindowModal)

    def answered(_: int) -> None:
        chosen = box.clickedButton()
        if chosen is end:
            then(False)
        elif chosen is keep:
            then(True)

    box.finished.connect(answered)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


class KeptSessionsDialog(QDialog):
    """The agent's sessions left open at the center, each to resume or end."""

    def __init__(
        self, controller: ConsoleController, kept: list[OpenSession], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("keptSessions")
        self.setWindowTitle(self.tr("Your open sessions"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "These sessions of yours are still open. Resume them to help their customers "
                "again, or end them."
            )
            if kept
            else self.tr("You have no other sessions open at the support center.")
        )
        intro.setObjectName("keptIntro")
        intro.setWordWrap(True)
        self.rows: dict[int, QWidget] = {}
        self.status = QLabel()
        self.status.setObjectName("keptStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # the center's reason, as written
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.list_layout = QVBoxLayout()
        layout.addLayout(self.list_layout)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for session in kept:
            self._add_row(session)
        controller.kept_ended.connect(self._ended)
        controller.kept_end_failed.connect(self._end_failed)

    def _add_row(self, session: OpenSession) -> None:
        number = session.started.number
        row = QWidget(self)
        row.setObjectName(f"kept_{number}")
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self._describe(session), row)
        label.setObjectName("keptLabel")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # customer names are theirs to choose
        line.addWidget(label, 1)
        resume = QPushButton(self.tr("Resume"), row)
        resume.setObjectName("resumeButton")
        resume.setEnabled(not session.in_use)
        resume.clicked.connect(lambda: self._resume(session))
        line.addWidget(resume)
        end = QPushButton(self.tr("End"), row)
        end.setObjectName("endButton")
        end.clicked.connect(lambda: self._end(number))
        line.addWidget(end)
        self.list_layout.addWidget(row)
        self.rows[number] = row

    def _describe(self, session: OpenSession) -> str:
        number = format_session_number(session.started.number)
        here = [name for name, connected in session.customers if connected]
        if here:
            who = self.tr("waiting: {names}").format(names=", ".join(here))
        else:
            who = self.tr("no customer connected")
        text = self.tr("Session {number} — {who}").format(number=number, who=who)
        if session.in_use:
            text += "\n" + self.tr("Open in another console right now.")
        return text

    def _resume(self, session: OpenSession) -> None:
        self._remove(session.started.number)
        self.controller.resume(session)

    def _end(self, number: int) -> None:
        row = self.rows.get(number)
        if row is not None:
            row.setEnabled(False)
        self.controller.end_kept(number)

    @Slot(int)
    def _ended(self, number: int) -> None:
        self._remove(number)

    @Slot(int, str)
    def _end_failed(self, number: int, why: str) -> None:
        row = self.rows.get(number)
        if row is not None:
            row.setEnabled(True)
        self.status.setText(
            self.tr("Session {number} could not be ended: {why}").format(
                number=format_session_number(number), why=why
            )
        )

    def _remove(self, number: int) -> None:
        row = self.rows.pop(number, None)
        if row is not None:
            row.hide()
            row.deleteLater()
            if not self.rows:
                self.accept()
