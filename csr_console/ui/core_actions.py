"""The console's own actions (starting, ending and handing out a session), registered once for
every face, and the manual's actions whose features are not built yet (shown disabled, saying
so) until each feature's package registers its own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QStyle

from shared.qt.feature_views import ActionSpec, CannotRun, ConsoleState, Group, Report, Several
from shared.qt.session_controller import error_text

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


Register = Callable[[ActionSpec, Callable[[], None] | None], object]


@dataclass(frozen=True)
class RoleHandlers:
    """What the actions about roles do: join a session as an assistant, hand control over,
    take over from an agent in charge who is cut off, leave as an assistant."""

    assist: Callable[[], None]
    transfer: Callable[[], None]
    take_over: Callable[[], None]
    leave: Callable[[], None]


def register_core_actions(
    register: Register,
    start: Callable[[], None],
    end: Callable[[], None],
    copy_number: Callable[[], None],
    copy_link: Callable[[], None],
    invite: Callable[[], None] | None = None,
    roles: RoleHandlers | None = None,
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

    def can_transfer(s: ConsoleState) -> bool:
        return primary(s) and bool(s.assistants)

    def transfer_why_not(s: ConsoleState) -> str:
        if primary(s) and not s.assistants:
            return translate("Actions", "no other agent has joined this session as assistant.")
        return ""

    def assisting(s: ConsoleState) -> bool:
        return s.in_session and s.is_assistant

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
        order: int = 500,
        bar: bool = False,
        toolbar: bool = False,
        several: Several | None = None,
        primary_only: bool = False,
        shown_when: Callable[[ConsoleState], bool] | None = None,
    ) -> None:
        built = handler is not None
        register(
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
                on_bar=bar,
                on_toolbar=toolbar,
                order=order,
                several=several,
                primary_only=primary_only,
                shown_when=shown_when,
            ),
            handler,
        )

    # Tools (the manual's order), then the two ways to hand out the session.
    reg(
        "invite",
        translate("Actions", "Invite…"),
        translate(
            "Actions", "Invite a customer or another agent: by email, by a link or by the number"
        ),
        Group.TOOLS,
        in_session,
        pixmap.SP_CommandLink,
        handler=invite,
        order=10,
        bar=True,  # the manual: "Dans la barre d'icônes, ou dans la fenêtre multisession"
        toolbar=True,
        primary_only=True,
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
        order=70,
        bar=True,
        toolbar=True,
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
        order=80,
        toolbar=True,
        primary_only=True,  # the join link is the agent in charge's to hand out
    )

    # Application: its actions are registered by their features (shared/features/appshare,
    # shared/features/cobrowse).

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
        order=10,
        bar=True,
        toolbar=True,
    )
    reg(
        "join_assist",
        # The invitation template's words (support_center/invitations/templates/agent-*.txt).
        translate("Actions", "Join as assistant…"),
        translate("Actions", "Join another agent's session by its number, as an assistant"),
        Group.SESSION,
        can_start,
        pixmap.SP_ArrowLeft,
        handler=roles.assist if roles else None,
        why_not=start_why_not,
        order=15,
    )
    # Record (order 30): registered by its feature (shared/features/recording).
    reg(
        "transfer_control",
        translate("Actions", "Transfer control"),
        translate("Actions", "Hand control of the session to an agent who joined it as assistant"),
        Group.SESSION,
        can_transfer,
        pixmap.SP_ArrowRight,
        "Ctrl+Shift+T",
        handler=roles.transfer if roles else None,
        why_not=transfer_why_not,
        order=40,
        # The manual: in the icon bar and the multisession window, from the Session menu.
        primary_only=True,
    )
    reg(
        "take_over",
        translate("Actions", "Take over session"),
        translate(
            "Actions",
            "Take control of the session: the agent in charge lost their connection",
        ),
        Group.SESSION,
        lambda s: s.in_session and s.can_take_over,
        pixmap.SP_BrowserReload,
        handler=roles.take_over if roles else None,
        order=45,
        bar=True,
        toolbar=True,
        shown_when=lambda s: s.can_take_over,
    )
    # Transfer session…: registered by the inbound package (csr_console/inbound).
    reg(
        "end_session",
        translate("Actions", "End session"),
        translate("Actions", "End the session for everyone (asks first)"),
        Group.SESSION,
        primary,
        pixmap.SP_DialogCloseButton,
        "Ctrl+Shift+E",
        end,
        order=90,
        bar=True,
        toolbar=True,
        several=Several(
            translate("Actions", "End the session"),
            end_in_several,
            confirm=translate(
                "Actions",
                "End the {n} ticked sessions for everyone? Their customers will be disconnected.",
            ),
            ends_session=True,
        ),
        primary_only=True,
        shown_when=lambda s: not s.is_assistant,  # an assistant leaves instead
    )
    reg(
        "leave_session",
        translate("Actions", "Leave session"),
        translate(
            "Actions",
            "Leave this session; it goes on for the others (only the agent in charge ends it)",
        ),
        Group.SESSION,
        assisting,
        pixmap.SP_DialogCloseButton,
        handler=roles.leave if roles else None,
        order=91,
        bar=True,
        toolbar=True,
        shown_when=lambda s: s.is_assistant,
    )

    # The customer-information panel.
    # System information: registered by its package (shared/features/sysinfo).
    # Log on as a different user and Restart: registered by their packages
    # (shared/features/runas, shared/features/restart).


def end_in_several(slot: Any, _text: str, report: Report) -> None:
    """Run on several sessions: end ``slot``'s session for everyone."""
    session = slot.agent_session
    if session is None:
        raise CannotRun(translate("Actions", "This session is over; nothing was done."))

    def done(_: object, error: BaseException | None) -> None:
        if error is None:
            report(True, translate("Actions", "Session ended."))
        else:
            report(False, error_text(error))

    slot.bridge.run(session.end(), done)


def cap_text(cap: int) -> str:
    return translate(
        "Actions",
        "you already have {n} sessions open, the most your support center allows; "
        "end one to start another.",
    ).format(n=cap)
