"""Print to my printer in the agent's console: the action under Desktop (the manual's
"Imprimer des documents à partir de l'ordinateur d'un client"; also on the icon bar and the
multisession toolbar), enabled while the agent controls the customer's desktop, opening the
session's Print to my printer window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStyle

from shared.features.printing.part import PrintingPart, PrintingState
from shared.features.printing.protocol import NAME
from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleState,
    ConsoleView,
    Group,
    on_part,
    standard_icon,
)

ACTION = "print_to_my_printer"
translate = QCoreApplication.translate


def can_print(state: ConsoleState) -> bool:
    found = state.slice(NAME, PrintingState())
    return found.controlling or found.on


def _register_actions(console: ConsoleHost) -> None:
    console.register(
        ActionSpec(
            ACTION,
            translate("Actions", "Print to my printer"),
            translate(
                "Actions",
                "Print what the customer prints on your own printer, while you control their "
                "desktop (they are asked first)",
            ),
            Group.DESKTOP,
            can_print,
            standard_icon(QStyle.StandardPixmap.SP_DialogSaveButton),
            feature=NAME,
            # In the bar's Desktop menu, not on the bar itself: the bar must fit a 1024-pixel
            # screen, and this is not an everyday action.
            on_toolbar=True,
            order=30,
            primary_only=True,
        ),
        on_part(console, NAME, PrintingPart, PrintingPart.open_dialog),
    )


CONSOLE_VIEW = ConsoleView(name=NAME, session_part=PrintingPart, register_actions=_register_actions)
