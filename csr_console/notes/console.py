"""Notes in the agent's console: the Notes action (the icon bar and the toolbars open the
panel), the panel beside the session in every face, and, at sign-in, the offer of notes
never sent (the console crashed, or the center could not be reached)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QStyle, QToolButton

from csr_console.notes import NAME
from csr_console.notes.journal import JournalEntry, NotesJournal
from csr_console.notes.panel import NotesPanel
from csr_console.notes.part import NotesPart
from csr_console.notes.review import NotesReview
from csr_console.ui.controller import ConsoleController
from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleView,
    Group,
    PanelSpec,
    Place,
    standard_icon,
)

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


def _register_actions(console: ConsoleHost) -> None:
    console.register(
        ActionSpec(
            NAME,
            translate("Actions", "Notes"),
            translate("Actions", "Write notes about this session, kept with its record"),
            Group.TOOLS,
            lambda state: state.in_session,
            standard_icon(QStyle.StandardPixmap.SP_FileDialogContentsView),
            "Ctrl+Shift+N",
            feature=NAME,
            on_bar=True,
            on_toolbar=True,
            order=60,
        ),
        lambda: console.show_panel(NAME),
    )


def _panel(_buttons: list[QToolButton]) -> NotesPanel:
    panel = NotesPanel()
    panel.setObjectName("notesPanel")
    return panel


class PendingNotes(QObject):
    """At each sign-in, the agent's notes the center never got, offered one at a time."""

    def __init__(self, console: ConsoleHost) -> None:
        super().__init__()
        self.console = console
        self.journal = NotesJournal()
        self.review: NotesReview | None = None
        self._waiting: list[JournalEntry] = []
        controller = getattr(console, "controller", None)
        self.controller = controller if isinstance(controller, ConsoleController) else None
        if self.controller is not None:
            self.controller.signed_in.connect(self.offer)

    def offer(self, *_: object) -> None:
        controller = self.controller
        if controller is None or controller.center is None or controller.account is None:
            return
        running = {s.started.number for s in controller.slots if s.started is not None}
        pending = self.journal.pending(controller.center.server_url, controller.account.username)
        self._waiting = [entry for entry in pending if entry.number not in running]
        self._next()

    def _next(self, *_: object) -> None:
        controller = self.controller
        self.review = None
        if not self._waiting or controller is None or controller.center is None:
            return
        if controller.account is None or controller.stopped:
            return
        entry = self._waiting.pop(0)
        self.review = NotesReview(
            entry,
            self.journal,
            controller.bridge,
            controller.center.fingerprint,
            controller.account.token,
            self.console.window(),
            crashed=True,
        )
        self.review.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.review.finished.connect(self._next)
        self.review.open()


CONSOLE_VIEW = ConsoleView(
    name=NAME,
    session_part=NotesPart,
    register_actions=_register_actions,
    panels=(PanelSpec(NAME, Place.CONVERSATION, lambda: translate("Actions", "Notes"), _panel),),
    attach=PendingNotes,
)
