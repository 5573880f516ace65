"""The session and chat features' actions, registered once for every face of the console."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QStyle

from csr_console.ui.actions import ActionRegistry, ActionSpec, ConsoleState, Group


def _t(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def register_core_actions(
    registry: ActionRegistry,
    start: Callable[[], None],
    end: Callable[[], None],
    copy_number: Callable[[], None],
    copy_link: Callable[[], None],
    focus_chat: Callable[[], None],
) -> None:
    style = QApplication.style()
    icon = style.standardIcon
    pixmap = QStyle.StandardPixmap

    def can_start(s: ConsoleState) -> bool:
        return s.signed_in and not s.in_session

    def in_session(s: ConsoleState) -> bool:
        return s.in_session

    def can_end(s: ConsoleState) -> bool:
        return s.in_session and s.is_primary

    registry.register(
        ActionSpec(
            "start_session",
            _t("Start session"),
            _t("Start a new support session and get its number"),
            Group.SESSION,
            can_start,
            icon(pixmap.SP_MediaPlay),
            "Ctrl+N",
        ),
        start,
    )
    registry.register(
        ActionSpec(
            "copy_number",
            _t("Copy number"),
            _t("Copy the session number to the clipboard"),
            Group.TOOLS,
            in_session,
            icon(pixmap.SP_FileDialogDetailedView),
            "Ctrl+Shift+C",
        ),
        copy_number,
    )
    registry.register(
        ActionSpec(
            "copy_link",
            _t("Copy join link"),
            _t("Copy the link that lets the customer join in one click"),
            Group.TOOLS,
            in_session,
            icon(pixmap.SP_FileLinkIcon),
            "Ctrl+Shift+L",
        ),
        copy_link,
    )
    registry.register(
        ActionSpec(
            "chat",
            _t("Chat"),
            _t("Write to the customer or to everyone in the session"),
            Group.TOOLS,
            in_session,
            icon(pixmap.SP_MessageBoxInformation),
            "Ctrl+T",
        ),
        focus_chat,
    )
    registry.register(
        ActionSpec(
            "end_session",
            _t("End session"),
            _t("End the session for everyone (asks first)"),
            Group.SESSION,
            can_end,
            icon(pixmap.SP_DialogCloseButton),
            None,
        ),
        end,
    )
