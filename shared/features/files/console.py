"""File transfer in the agent's console: the File transfer action (the manual's Tools tab), its
window for the current session, and the same panel as the Files tab of a multisession
session."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QSettings, Slot
from PySide6.QtWidgets import QStyle, QToolButton

from shared.features.files.console_panel import FilesWindow, TransfersPanel
from shared.features.files.model import Stage
from shared.features.files.part import FilesPart, TransferRow
from shared.features.files.protocol import NAME
from shared.features.files.trees import GroupAllowed, GroupEnded, GroupStarted
from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleView,
    Group,
    PanelSpec,
    Place,
    SessionHost,
    on_part,
    standard_icon,
)
from shared.qt.window_place import WindowPlace

# Registry key (the faces' tests name it).
ACTION = "file_transfer"
# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


class ConsoleFilesPart(FilesPart):
    """The console's part: also the session's File transfer window, once opened."""

    def __init__(self, host: SessionHost) -> None:
        super().__init__(host)
        self.window: FilesWindow | None = None
        # Transfers stopped because the agent helps another customer: transfer id -> whom.
        self._switching: dict[str, str] = {}

    def open_window(self) -> FilesWindow:
        """Show this session's File transfer window (made the first time), in front."""
        if self.window is None:
            self.window = FilesWindow()
            self.window.panel.bind(self)
            # Where the agent left it last time, else beside the face: always on a screen.
            settings = getattr(self.host.preferences, "settings", None)
            place = WindowPlace(
                self.window,
                settings if isinstance(settings, QSettings) else None,
                "file_transfer",
            )
            place.restore(near=self.host.near())
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        return self.window

    @Slot(object)
    def _event(self, event: object) -> None:
        """A folder, or several files at once, has a line of its own while the customer is
        asked (Abort takes the request back); once allowed, its files' lines follow."""
        if isinstance(event, GroupStarted):
            name = event.name or translate("Files", "Several files")
            self._put(TransferRow(event.id, name, event.direction, event.size, event.remote_id))
        elif isinstance(event, GroupAllowed):
            self._remove(event.id)
        elif isinstance(event, GroupEnded):
            row = self.rows.get(event.id)
            if row is None or row.final:
                return
            if event.stage == Stage.DONE:
                self._remove(event.id)
                return
            # The folder pane says how it ended (the group's own sentence): no second one.
            self._put(replace(row, stage=event.stage, reason=event.reason, by=event.by))
        else:
            super()._event(event)

    # The kit's CustomerBound: helping another customer stops the transfers with this one.
    def running_with(self, customer_id: str) -> list[str]:
        count = sum(1 for row in self.running if row.peer == customer_id)
        if count == 1:
            return [translate("Files", "a file transfer")]
        return [translate("Files", "{n} file transfers").format(n=count)] if count else []

    def end_with(self, customer_id: str, next_name: str) -> None:
        for row in self.running:
            if row.peer == customer_id:
                self._switching[row.id] = next_name
                self.abort(row.id)

    def outcome_text(self, row: TransferRow) -> str:
        next_name = self._switching.pop(row.id, None)
        if next_name is not None and row.stage == Stage.ABORTED:
            return translate("Files", "{name}: stopped, you are now helping {next}.").format(
                name=row.name, next=next_name
            )
        return super().outcome_text(row)

    def close(self) -> None:
        super().close()
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None


def _register_actions(console: ConsoleHost) -> None:
    console.register(
        ActionSpec(
            ACTION,
            translate("Actions", "File transfer"),
            translate("Actions", "Send files to the customer or fetch theirs"),
            Group.TOOLS,
            lambda state: state.customer_linked,
            standard_icon(QStyle.StandardPixmap.SP_DialogOpenButton),
            feature=NAME,
            order=40,
            primary_only=True,
        ),
        on_part(console, NAME, ConsoleFilesPart, ConsoleFilesPart.open_window),
    )


def _panel(_buttons: list[QToolButton]) -> TransfersPanel:
    return TransfersPanel()


CONSOLE_VIEW = ConsoleView(
    name=NAME,
    session_part=ConsoleFilesPart,
    register_actions=_register_actions,
    panels=(PanelSpec(NAME, Place.SESSION_PAGE, lambda: translate("Files", "Files"), _panel),),
)
