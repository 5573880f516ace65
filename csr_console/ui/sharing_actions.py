"""Desktop sharing's actions, registered once for every face of the console (manual: Desktop)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QStyle

from csr_console.ui.actions import ActionRegistry, ActionSpec, ConsoleState, Group
from shared.protocol.sharing import ActivityKind

# Registry keys, for the faces and the tests.
REQUEST_KEYS: dict[ActivityKind, str] = {
    ActivityKind.VIEW: "request_view",
    ActivityKind.CONTROL: "request_control",
    ActivityKind.SHOW: "show_desktop",
    ActivityKind.GIVE_CONTROL: "give_control",
}
STOP_KEY = "stop_sharing"


# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


def can_request(state: ConsoleState) -> bool:
    return state.customer_linked


def can_stop(state: ConsoleState) -> bool:
    return state.sharing_live


def sharing_loaded(state: ConsoleState) -> bool:
    return not state.sharing_unavailable


def _bound(request: Callable[[ActivityKind], None], kind: ActivityKind) -> Callable[[], None]:
    return lambda: request(kind)


def register_sharing_actions(
    registry: ActionRegistry,
    request: Callable[[ActivityKind], None],
    stop: Callable[[], None],
) -> None:
    style = QApplication.style()
    icon = style.standardIcon
    pixmap = QStyle.StandardPixmap
    requests = (
        (
            ActivityKind.VIEW,
            translate("Actions", "Request view"),
            translate("Actions", "Ask the customer to let you see their desktop"),
            pixmap.SP_DesktopIcon,
            "Ctrl+Shift+V",
        ),
        (
            ActivityKind.CONTROL,
            translate("Actions", "Request control"),
            translate("Actions", "Ask the customer to let you see and control their desktop"),
            pixmap.SP_ComputerIcon,
            "Ctrl+Shift+K",
        ),
        (
            ActivityKind.SHOW,
            translate("Actions", "Show my desktop"),
            translate("Actions", "Show your own desktop to the customer (they are asked first)"),
            pixmap.SP_DriveNetIcon,
            "Ctrl+Shift+D",
        ),
        (
            ActivityKind.GIVE_CONTROL,
            translate("Actions", "Give control of my desktop"),
            translate(
                "Actions",
                "Let the customer see and control your desktop (they are asked first); "
                "use your own mouse to take control back",
            ),
            pixmap.SP_DirLinkIcon,
            "Ctrl+Shift+G",
        ),
    )
    for kind, text, tooltip, pix, shortcut in requests:
        registry.register(
            ActionSpec(
                REQUEST_KEYS[kind],
                text,
                tooltip,
                Group.DESKTOP,
                can_request,
                icon(pix),
                shortcut,
                available_when=sharing_loaded,
            ),
            _bound(request, kind),
        )
    registry.register(
        ActionSpec(
            STOP_KEY,
            translate("Actions", "Stop sharing"),
            translate("Actions", "Stop every desktop sharing of this session"),
            Group.DESKTOP,
            can_stop,
            icon(pixmap.SP_MediaStop),
            "Ctrl+Shift+X",
            available_when=sharing_loaded,
        ),
        stop,
    )
