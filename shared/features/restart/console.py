"""Restart in the agent's console: Customer > Restart the computer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QStyle

from shared.features.restart.part import RestartPart
from shared.features.restart.protocol import NAME
from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleView,
    Group,
    part_of,
    standard_icon,
)

translate = QCoreApplication.translate


def _register_actions(console: ConsoleHost) -> None:
    def restart() -> None:
        part = part_of(console, NAME, RestartPart)
        if part is None:
            return
        answer = QMessageBox.question(
            console.window(),
            translate("Restart", "Restart the computer"),
            translate(
                "Restart",
                "Ask the customer to restart their computer? Their client starts again after "
                "the restart and rejoins this session by itself.",
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            part.ask()

    console.register(
        ActionSpec(
            "restart",
            translate("Restart", "Restart the computer"),
            translate(
                "Restart", "Restart the customer's computer; they rejoin the session after it"
            ),
            Group.CUSTOMER,
            lambda state: state.customer_linked,
            standard_icon(QStyle.StandardPixmap.SP_BrowserReload),
            feature=NAME,
            order=80,
            primary_only=True,
        ),
        restart,
    )


CONSOLE_VIEW = ConsoleView(name=NAME, session_part=RestartPart, register_actions=_register_actions)
