"""The Tools, Session and customer-information actions, registered once for every face of the
console (built features with their handler; announced ones shown disabled)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QStyle

from csr_console.ui.actions import ActionRegistry, ActionSpec, ConsoleState, Group

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


def register_core_actions(
    registry: ActionRegistry,
    start: Callable[[], None],
    end: Callable[[], None],
    copy_number: Callable[[], None],
    copy_link: Callable[[], None],
    focus_chat: Callable[[], None],
    session_options: Callable[[], None] | None = None,
) -> None:
    """The Tools, Session and customer-information actions, in the dashboard's order. Those
    whose feature is not built yet are registered all the same (shown disabled, saying so)."""
    style = QApplication.style()
    icon = style.standardIcon
    pixmap = QStyle.StandardPixmap

    def can_start(s: ConsoleState) -> bool:
        # A free current session, or room for one more beside the running ones.
        return s.signed_in and (not s.busy or not s.at_cap)

    def start_why_not(s: ConsoleState) -> str:
        if s.signed_in and s.busy and s.at_cap:
            return cap_text(s.max_sessions)
        return ""

    def in_session(s: ConsoleState) -> bool:
        return s.in_session

    def linked(s: ConsoleState) -> bool:
        return s.customer_linked

    def primary(s: ConsoleState) -> bool:
        return s.in_session and s.is_primary

    def unread(s: ConsoleState) -> int:
        return s.unread

    def reg(
        key: str,
        text: str,
        tip: str,
        group: Group,
        rule: Callable[[ConsoleState], bool],
        pix: QStyle.StandardPixmap,
        shortcut: str | None = None,
        handler: Callable[[], None] | None = None,
        why_not: Callable[[ConsoleState], str] | None = None,
        badge: Callable[[ConsoleState], int] | None = None,
    ) -> None:
        built = handler is not None
        registry.register(
            ActionSpec(
                key,
                text,
                tip,
                group,
                rule,
                icon(pix),
                shortcut,
                built=built,
                why_not=why_not,
                badge=badge,
            ),
            handler,
        )

    # Tools (the manual's order), then the two ways to hand out the session.
    reg(
        "invite",
        translate("Actions", "Invite"),
        translate("Actions", "Invite a customer by email"),
        Group.TOOLS,
        in_session,
        pixmap.SP_CommandLink,
    )
    reg(
        "chat",
        translate("Actions", "Chat"),
        translate("Actions", "Write to the customer or to everyone in the session"),
        Group.TOOLS,
        in_session,
        pixmap.SP_MessageBoxInformation,
        "Ctrl+T",
        focus_chat,
        badge=unread,
    )
    reg(
        "video",
        translate("Actions", "Video"),
        translate("Actions", "Show your webcam to the customer"),
        Group.TOOLS,
        linked,
        pixmap.SP_MediaSeekForward,
    )
    reg(
        "file_transfer",
        translate("Actions", "File transfer"),
        translate("Actions", "Send files to the customer or fetch theirs"),
        Group.TOOLS,
        linked,
        pixmap.SP_DialogOpenButton,
    )
    reg(
        "audio",
        translate("Actions", "Audio"),
        translate("Actions", "Talk with the customer"),
        Group.TOOLS,
        linked,
        pixmap.SP_MediaVolume,
    )
    reg(
        "notes",
        translate("Actions", "Notes"),
        translate("Actions", "Write notes kept with the session's report"),
        Group.TOOLS,
        in_session,
        pixmap.SP_FileDialogContentsView,
    )
    reg(
        "copy_number",
        translate("Actions", "Copy number"),
        translate("Actions", "Copy the session number to the clipboard"),
        Group.TOOLS,
        in_session,
        pixmap.SP_FileDialogDetailedView,
        "Ctrl+Shift+C",
        copy_number,
    )
    reg(
        "copy_link",
        translate("Actions", "Copy join link"),
        translate("Actions", "Copy the link that lets the customer join in one click"),
        Group.TOOLS,
        in_session,
        pixmap.SP_FileLinkIcon,
        "Ctrl+Shift+L",
        copy_link,
    )

    # Application: the Desktop activities for one application, and co-browsing.
    for key, text, tip, pix in (
        (
            "app_view",
            translate("Actions", "View application"),
            translate("Actions", "Ask to see one of the customer's applications"),
            pixmap.SP_FileIcon,
        ),
        (
            "app_control",
            translate("Actions", "Control application"),
            translate("Actions", "Ask to see and control one of the customer's applications"),
            pixmap.SP_FileDialogListView,
        ),
        (
            "app_show",
            translate("Actions", "Show my application"),
            translate("Actions", "Show one of your applications to the customer"),
            pixmap.SP_DirOpenIcon,
        ),
        (
            "app_give_control",
            translate("Actions", "Give control of my application"),
            translate("Actions", "Let the customer control one of your applications"),
            pixmap.SP_DirClosedIcon,
        ),
        (
            "cobrowse_view",
            translate("Actions", "Co-browse view"),
            translate("Actions", "See the web page the customer's browser shows"),
            pixmap.SP_ArrowUp,
        ),
        (
            "cobrowse_control",
            translate("Actions", "Co-browse control"),
            translate("Actions", "See and drive the customer's web browser"),
            pixmap.SP_ArrowDown,
        ),
    ):
        reg(key, text, tip, Group.APPLICATION, linked, pix)

    # Session.
    reg(
        "start_session",
        translate("Actions", "Start session"),
        translate("Actions", "Start a new support session and get its number"),
        Group.SESSION,
        can_start,
        pixmap.SP_MediaPlay,
        "Ctrl+N",
        start,
        start_why_not,
    )
    reg(
        "session_options",
        translate("Actions", "Session options"),
        translate("Actions", "Picture quality and colours of this session's viewers"),
        Group.SESSION,
        in_session,
        pixmap.SP_FileDialogInfoView,
        None,
        session_options,
    )
    reg(
        "record",
        translate("Actions", "Record"),
        translate("Actions", "Record the session's screens"),
        Group.SESSION,
        linked,
        pixmap.SP_DialogSaveButton,
    )
    reg(
        "transfer_control",
        translate("Actions", "Transfer control"),
        translate("Actions", "Hand the session's lead to another agent in it"),
        Group.SESSION,
        primary,
        pixmap.SP_ArrowRight,
    )
    reg(
        "transfer_session",
        translate("Actions", "Transfer session"),
        translate("Actions", "Hand the session to another agent or queue"),
        Group.SESSION,
        primary,
        pixmap.SP_ArrowForward,
    )
    reg(
        "end_session",
        translate("Actions", "End session"),
        translate("Actions", "End the session for everyone (asks first)"),
        Group.SESSION,
        primary,
        pixmap.SP_DialogCloseButton,
        "Ctrl+Shift+E",
        end,
    )

    # The customer-information panel.
    reg(
        "system_info",
        translate("Actions", "System information"),
        translate("Actions", "See the customer's system: hardware, programs, services"),
        Group.CUSTOMER,
        linked,
        pixmap.SP_DriveHDIcon,
    )
    reg(
        "run_as",
        translate("Actions", "Log on as different user"),
        translate("Actions", "Restart the customer's client under another account"),
        Group.CUSTOMER,
        linked,
        pixmap.SP_DirHomeIcon,
    )
    reg(
        "restart",
        translate("Actions", "Restart computer"),
        translate("Actions", "Restart the customer's computer and come back into the session"),
        Group.CUSTOMER,
        linked,
        pixmap.SP_BrowserReload,
    )


def cap_text(cap: int) -> str:
    return translate(
        "Actions",
        "you already have {n} sessions open, the most your support center allows; "
        "end one to start another.",
    ).format(n=cap)
