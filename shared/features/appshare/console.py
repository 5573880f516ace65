"""Application sharing in the agent's console: "View application", "Control application",
"Show my application" and "Give control of my application", registered once so that every
face shows them (the dashboard's Application tab, the icon bar's Application menu, the
multisession window's Sharing page); the viewer of each share, and the agent's own indicator
while they show one of theirs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QStyle

from shared.features.appshare.engine import AppShare
from shared.features.appshare.part import AppSharePart
from shared.features.appshare.protocol import NAME, ShareKind
from shared.features.appshare.texts import (
    asked_text,
    ended_text,
    granted_text,
    listed,
    refused_text,
    running_text,
    viewer_title,
)
from shared.qt.application_actions import register_requests
from shared.qt.feature_views import (
    ConsoleHost,
    ConsoleView,
    SessionHost,
)
from shared.session.stream_share import ShareState

# Registry keys (the faces' tests name them).
REQUEST_KEYS: dict[ShareKind, str] = {
    ShareKind.VIEW: "app_view",
    ShareKind.CONTROL: "app_control",
    ShareKind.SHOW: "app_show",
    ShareKind.GIVE_CONTROL: "app_give_control",
}

translate = QCoreApplication.translate


class ConsoleAppSharePart(AppSharePart):
    """The console's part: a line in the session's transcript when a share is granted,
    refused or ends."""

    def __init__(self, host: SessionHost) -> None:
        super().__init__(host)
        self._told: set[str] = set()  # shares whose grant the transcript has said
        self._asked: set[str] = set()  # shares whose request the transcript has said
        self.changed.connect(self._notice)

    # The kit's CustomerBound: helping another customer ends sharing with this one.
    def running_with(self, customer_id: str) -> list[str]:
        return [
            viewer_title(listed(s.apps)) for s in self.live.values() if s.customer_id == customer_id
        ]

    def end_with(self, customer_id: str, next_name: str) -> None:
        for share in list(self.live.values()):
            if share.customer_id == customer_id:
                self.stop(share.id)

    def running_text(self, share: AppShare) -> str:
        customer = (
            self.host.session.engine.participant(share.customer_id) if self.host.session else None
        )
        return running_text(share.kind.value, customer.name if customer else "", listed(share.apps))

    @Slot(object)
    def _notice(self, share: AppShare) -> None:
        if self.me() != share.agent_id:
            return
        if share.state == ShareState.REQUESTED and share.id not in self._asked:
            self._asked.add(share.id)
            self.host.notice.emit(asked_text(share.kind, self.name_of(share.customer_id)))
        elif share.state == ShareState.ACTIVE and share.id not in self._told:
            self._told.add(share.id)
            self.host.notice.emit(granted_text(listed(share.apps)))
        elif share.state == ShareState.REFUSED:
            self.host.notice.emit(refused_text())
        elif share.state == ShareState.STOPPED:
            self.host.notice.emit(ended_text(share.end, agent_side=True))


def _register_actions(console: ConsoleHost) -> None:
    pixmap = QStyle.StandardPixmap
    actions = (
        (
            ShareKind.VIEW,
            REQUEST_KEYS[ShareKind.VIEW],
            translate("Actions", "View application"),
            translate(
                "Actions",
                "Ask to see one of the customer's applications (they choose which), and nothing "
                "else of their screen",
            ),
            pixmap.SP_FileIcon,
        ),
        (
            ShareKind.CONTROL,
            REQUEST_KEYS[ShareKind.CONTROL],
            translate("Actions", "Control application"),
            translate(
                "Actions",
                "Ask to see and control one of the customer's applications (they choose which), "
                "and nothing else of their screen",
            ),
            pixmap.SP_FileDialogListView,
        ),
        (
            ShareKind.SHOW,
            REQUEST_KEYS[ShareKind.SHOW],
            translate("Actions", "Show my application"),
            translate("Actions", "Show one of your applications to the customer"),
            pixmap.SP_DirOpenIcon,
        ),
        (
            ShareKind.GIVE_CONTROL,
            REQUEST_KEYS[ShareKind.GIVE_CONTROL],
            translate("Actions", "Give control of my application"),
            translate("Actions", "Let the customer control one of your applications"),
            pixmap.SP_DirClosedIcon,
        ),
    )
    register_requests(console, NAME, ConsoleAppSharePart, actions, first_order=500)


CONSOLE_VIEW = ConsoleView(
    name=NAME,
    session_part=ConsoleAppSharePart,
    register_actions=_register_actions,
)
