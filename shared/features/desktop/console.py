"""Desktop sharing in the agent's console: its actions (the manual's Desktop tab, plus this
session's picture options), the Desktop tab itself, and its part of each session."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QStyle, QToolButton

from shared.features.desktop.console_options import SessionOptionsDialog
from shared.features.desktop.console_status import DesktopSharing
from shared.features.desktop.console_tab import DesktopTab
from shared.features.desktop.part import DesktopPart, DesktopState
from shared.features.desktop.protocol import NAME, ActivityKind
from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleState,
    ConsoleView,
    Group,
    PanelSpec,
    Place,
    Report,
    SessionHost,
    Several,
    on_part,
    standard_icon,
)

# Registry keys, for the faces' tests.
REQUEST_KEYS: dict[ActivityKind, str] = {
    ActivityKind.VIEW: "request_view",
    ActivityKind.CONTROL: "request_control",
    ActivityKind.SHOW: "show_desktop",
    ActivityKind.GIVE_CONTROL: "give_control",
}
STOP_KEY = "stop_sharing"
# Beside Stop sharing while the customer is asked (Stop is off until something is shared).
CANCEL_KEY = "cancel_sharing_request"

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


class ConsoleDesktopPart(DesktopPart):
    """The console's part: also which customer the Desktop actions address, and a sentence
    on what is going on (the Desktop tab shows both)."""

    def __init__(self, host: SessionHost) -> None:
        super().__init__(host)  # the console's preferences: the host's, read when a viewer opens
        self.status = DesktopSharing(self, self)

    # The kit's CustomerBound: helping another customer ends this session's sharing with one.
    def running_with(self, customer_id: str) -> list[str]:
        return self.status.running_with(customer_id)

    def end_with(self, customer_id: str, next_name: str) -> None:
        self.status.end_with(customer_id, next_name)


def can_request(state: ConsoleState) -> bool:
    return state.customer_linked


def can_stop(state: ConsoleState) -> bool:
    """Something is shared (it stops, and any request still asked is taken back with it)."""
    return state.slice(NAME, DesktopState()).shared


def can_cancel(state: ConsoleState) -> bool:
    """A request waits for the customer's answer: it can be taken back."""
    return state.slice(NAME, DesktopState()).asked


def _register_actions(console: ConsoleHost) -> None:
    pixmap = QStyle.StandardPixmap

    def on_desktop(act: Callable[[ConsoleDesktopPart], object]) -> Callable[[], None]:
        return on_part(console, NAME, ConsoleDesktopPart, act)

    def request(kind: ActivityKind) -> Callable[[], None]:
        return on_desktop(lambda found: found.status.request(kind))

    def options(found: ConsoleDesktopPart) -> None:
        dialog = SessionOptionsDialog(found, console.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    requests = (
        (
            ActivityKind.VIEW,
            translate("Actions", "Request view"),
            translate("Actions", "Ask the customer to let you see their desktop"),
            pixmap.SP_DesktopIcon,
            "Ctrl+Shift+V",
            True,
        ),
        (
            ActivityKind.CONTROL,
            translate("Actions", "Request control"),
            translate("Actions", "Ask the customer to let you see and control their desktop"),
            pixmap.SP_ComputerIcon,
            "Ctrl+Shift+K",
            True,
        ),
        (
            ActivityKind.SHOW,
            translate("Actions", "Show my desktop"),
            translate("Actions", "Show your own desktop to the customer (they are asked first)"),
            pixmap.SP_DriveNetIcon,
            "Ctrl+Shift+D",
            False,
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
            False,
        ),
    )

    def view_in_several(found: ConsoleDesktopPart, text: str, report: Report) -> None:
        found.status.request_view_in_several(text, report)

    several = {
        ActivityKind.VIEW: Several(
            translate("Actions", "Ask to view the desktop"), view_in_several
        ),
    }
    for order, (kind, text, tooltip, pix, shortcut, on_toolbar) in enumerate(requests):
        console.register(
            ActionSpec(
                REQUEST_KEYS[kind],
                text,
                tooltip,
                Group.DESKTOP,
                can_request,
                standard_icon(pix),
                shortcut,
                feature=NAME,
                on_bar=True,
                on_toolbar=on_toolbar,
                order=10 + order,
                several=several.get(kind),
                primary_only=True,
            ),
            request(kind),
        )
    console.register(
        ActionSpec(
            STOP_KEY,
            translate("Actions", "Stop sharing"),
            translate("Actions", "Stop every desktop sharing of this session"),
            Group.DESKTOP,
            can_stop,
            standard_icon(pixmap.SP_MediaStop),
            "Ctrl+Shift+X",
            feature=NAME,
            on_bar=True,
            on_toolbar=True,
            order=20,
        ),
        on_desktop(lambda found: found.status.stop()),
    )
    # Shown beside Stop sharing while the customer has not answered yet (shown only then, and
    # enabled whenever shown): the engine's stop of a requested activity takes the request back
    # (the customer's question closes, and an answer arriving after that starts nothing).
    console.register(
        ActionSpec(
            CANCEL_KEY,
            translate("Actions", "Cancel request"),
            translate(
                "Actions",
                "Take back what you asked before the customer answers: their question closes",
            ),
            Group.DESKTOP,
            can_cancel,
            standard_icon(pixmap.SP_DialogCancelButton),
            "Ctrl+Shift+W",
            feature=NAME,
            on_bar=True,
            on_toolbar=True,
            order=21,
            shown_when=can_cancel,
        ),
        on_desktop(lambda found: found.status.cancel()),
    )
    console.register(
        ActionSpec(
            "session_options",
            translate("Actions", "Session options"),
            translate("Actions", "Picture quality and colours of this session's viewers"),
            Group.SESSION,
            lambda state: state.in_session,
            standard_icon(pixmap.SP_FileDialogInfoView),
            feature=NAME,
            order=20,
        ),
        on_desktop(options),
    )


def _tab(buttons: list[QToolButton]) -> DesktopTab:
    # Cancel request comes and goes beside Stop sharing: the row keeps its place.
    return DesktopTab(buttons, beside={f"button_{CANCEL_KEY}"})


CONSOLE_VIEW = ConsoleView(
    name=NAME,
    session_part=ConsoleDesktopPart,
    register_actions=_register_actions,
    panels=(
        PanelSpec(
            NAME, Place.GROUP_PAGE, lambda: translate("Actions", "Desktop"), _tab, Group.DESKTOP
        ),
    ),
)
