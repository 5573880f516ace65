"""Chat in the agent's console: the Chat action (with the unread count), the chat panel beside
the session in every face, and notifications while the agent works elsewhere."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStyle, QToolButton

from shared.features.chat.alerts import ChatAlerts
from shared.features.chat.console_panel import SessionChat
from shared.features.chat.engine import ChatFeature
from shared.features.chat.part import ChatPart, ChatState
from shared.features.chat.protocol import NAME
from shared.protocol.limits import MAX_CHAT_CHARS
from shared.protocol.messages import EVERYONE
from shared.qt.feature_views import (
    ActionSpec,
    CannotRun,
    ConsoleHost,
    ConsoleState,
    ConsoleView,
    Group,
    PanelSpec,
    Place,
    Report,
    Several,
    part_of,
    standard_icon,
)
from shared.session.state import SessionState

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


def _unread(state: ConsoleState) -> int:
    return state.slice(NAME, ChatState()).unseen


def say_in_several(part: ChatPart, text: str, report: Report) -> None:
    """Run on several sessions: ``text`` to everyone in this session."""
    session = part.host.session
    feature = session.part(NAME, ChatFeature) if session is not None else None
    if session is None or feature is None:
        raise CannotRun(translate("Chat", "Chat is not available in this session."))
    if not any(
        not p.is_agent and p.linked and p.gone_reason is None for p in part.host.participants
    ):
        raise CannotRun(translate("Chat", "No customer is connected."))

    async def send() -> None:
        feature.send(EVERYONE, text)

    def done(_: object, error: BaseException | None) -> None:
        if error is None:
            report(True, translate("Chat", "Message sent."))
        elif session.engine.state == SessionState.ENDED:  # it ended while the line went out
            report(False, translate("Chat", "The session is over; the message was not sent."))
        else:
            report(False, str(error))

    part.host.bridge.run(send(), done)


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
            several=Several(
                translate("Actions", "Send a chat message"),
                say_in_several,
                needs=translate("Actions", "Message:"),
                max_chars=MAX_CHAT_CHARS,
            ),
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
