"""An assistant agent's window on a customer's screen that the agent in charge views and
forwards (``forwarding.py``): the picture only, read-only. No Stop, no monitor or quality
choices: those are the agent in charge's, whose view this is."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar, QVBoxLayout, QWidget

from shared.features.desktop.frames import PaintableFrame
from shared.features.desktop.full_screen import show_full_screen
from shared.features.desktop.remote_view import InputMessage, RemoteScreenView
from shared.qt.i18n import fill
from shared.qt.plain_text import plain
from shared.qt.screen_geometry import ScaleMode
from shared.qt.window_place import WindowPlace

NOTE_STYLE = "background: #e8f0fe; color: #174ea6; padding: 6px 10px;"


def _no_input(_: InputMessage) -> None:
    """A forwarded view takes no input: only the agent in charge's view may control."""


class ForwardedViewer(QWidget):
    def __init__(self, activity_id: str, customer: str, primary: str) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("forwardedViewer")
        self.activity_id = activity_id
        self.setWindowTitle(
            fill(
                self.tr("{customer}'s desktop — viewed by {agent}"),
                customer=customer,
                agent=primary,
            )
        )
        self.resize(1024, 700)
        self.view = RemoteScreenView(activity_id, _no_input)
        self.view.set_control(False)
        self.note = plain(
            QLabel(
                fill(
                    self.tr(
                        "You see what {agent} sees of {customer}'s screen. Only the agent "
                        "in charge controls it; this window closes when their view ends."
                    ),
                    agent=primary,
                    customer=customer,
                )
            )
        )
        self.note.setObjectName("forwardedNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("forwardedToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        scale = QActionGroup(self)
        self.fit_action = self._action("fitAction", self.tr("Fit to window"))
        self.actual_action = self._action("actualAction", self.tr("Actual size"))
        for action, mode in (
            (self.fit_action, ScaleMode.FIT),
            (self.actual_action, ScaleMode.ACTUAL),
        ):
            action.setCheckable(True)
            scale.addAction(action)
            action.triggered.connect(lambda _=False, m=mode: self.view.set_mode(m))
        self.fit_action.setChecked(True)
        self.full_screen_action = self._action("fullScreenAction", self.tr("Full screen"))
        self.full_screen_action.setCheckable(True)
        self.full_screen_action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.full_screen_action.toggled.connect(self.set_full_screen)
        self.view.leave_full_screen.connect(lambda: self.set_full_screen(False))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)

    def _action(self, name: str, text: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    def open(self, near: QWidget | None) -> None:
        """Beside the window in use (not full screen: the assistant keeps their console)."""
        WindowPlace(self, None, "forwarded_viewer").restore(near)
        self.show()

    def show_frame(self, frame: PaintableFrame) -> None:
        self.view.show_frame(frame)

    @Slot(bool)
    def set_full_screen(self, on: bool) -> None:
        show_full_screen(self, self.full_screen_action, on)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.set_full_screen(False)
            return
        super().keyPressEvent(event)
