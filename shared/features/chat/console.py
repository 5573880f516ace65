"""Chat in the agent's console: the Chat action (with the unread count), the chat panel beside
the session in every face, and notifications while the agent works elsewhere."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStyle, QToolButton

from shared.features.chat.alerts import ChatAlerts
from shared.features.chat.console_panel import SessionChat
from shared.features.chat.part import ChatPart, ChatState
from shared.features.chat.protocol import NAME
from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleState,
    ConsoleView,
    Group,
    PanelSpec,
    Place,
    part_of,
    standard_icon,
)

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


def _unread(state: ConsoleState) -> int:
    return state.slice(NAME, ChatState()).unseen


def _register_actions(console: ConsoleHost) -> None:
    def open_chat() -> None:
        console.show_panel(NAME)
        if (part := part_of(console, NAME, ChatPart)) is not None:
            part.mark_read()  # the chat is open in front of the agent

    console.register(
        ActionSpec(
            "chat",
            translate("Actions", "Chat"),
            translate("Actions", "Write to the customer or to everyone in the session"),
            Group.TOOLS,
            lambda state: state.in_session,
            standard_icon(QStyle.StandardPixmap.SP_MessageBoxInformation),
            "Ctrl+T",
            feature=NAME,
            badge=_unread,
            on_bar=True,
            on_toolbar=True,
            order=20,
        ),
        open_chat,
    )


def _panel(_buttons: list[QToolButton]) -> SessionChat:
    panel = SessionChat()
    panel.setObjectName("chatPanel")
    return panel


CONSOLE_VIEW = ConsoleView(
    name=NAME,
    session_part=ChatPart,
    register_actions=_register_actions,
    panels=(PanelSpec(NAME, Place.CONVERSATION, lambda: translate("Actions", "Chat"), _panel),),
    attach=ChatAlerts,
)
