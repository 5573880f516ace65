"""The window showing the other side's screen, in both apps and both directions: view options,
monitor, quality and colour mode, the paused notice, and Stop."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSettings, QSignalBlocker, QSize, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shared.features.desktop.activities import Activity, ActivityState
from shared.features.desktop.commands import ViewerCommands
from shared.features.desktop.frames import PaintableFrame
from shared.features.desktop.full_screen import show_full_screen
from shared.features.desktop.protocol import ColourMode, Quality
from shared.features.desktop.remote_view import RemoteScreenView
from shared.features.desktop.texts import control_paused_text, control_resumed_text
from shared.features.desktop.typing_notice import TypingResumedNotice
from shared.qt.area_viewer import drawing_paused_text
from shared.qt.chat_notice import ChatNotice
from shared.qt.i18n import fill
from shared.qt.plain_text import plain
from shared.qt.screen_geometry import ScaleMode
from shared.qt.window_place import WindowPlace
from shared.session.shared_screens import DRAWING

PAUSED_STYLE = "background: #fff4c2; color: #3d3000; padding: 6px 10px; font-weight: bold;"
STOP_STYLE = (
    "QToolButton { background: #d93025; color: white; border: none; border-radius: 4px;"
    " padding: 4px 12px; margin: 2px 4px; font-weight: bold; }"
    " QToolButton:hover { background: #b3261e; }"
)


@dataclass(frozen=True)
class ViewDefaults:
    """How a viewer opens: the manual's default is full screen, fitted; the console's
    preferences (and a session's options) may say otherwise. None keeps the stream's own."""

    full_screen: bool = True
    mode: ScaleMode = ScaleMode.FIT
    quality: Quality | None = None
    colour: ColourMode | None = None
    # Where viewers remember their place (their window out of full screen); None: nowhere.
    settings: QSettings | None = field(default=None, compare=False)
    # The window the person is using: the first viewer opens on its screen, beside it.
    near: QWidget | None = field(default=None, compare=False)


class RemoteViewer(QWidget):
    def __init__(
        self,
        activity: Activity,
        commands: ViewerCommands,
        sharer_name: str,
        sharer_is_customer: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("remoteViewer")
        self.activity = activity
        self.commands = commands
        self.sharer_name = sharer_name
        self.sharer_is_customer = sharer_is_customer
        self._closing_by_engine = False
        self.setWindowTitle(fill(self.tr("{name}'s screen — Tandem"), name=sharer_name))
        self.resize(1024, 700)

        self.view = RemoteScreenView(activity.id, commands.send_input)
        # What the other side writes in the chat, shown briefly over their screen.
        self.chat_notice = ChatNotice(self.view)
        self.view.leave_full_screen.connect(self.leave_full_screen)
        self.view.set_control(activity.with_control)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("viewerToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        scale = QActionGroup(self)
        self.fit_action = self._action(
            "fitAction", self.tr("Fit to window"), self.tr("Scale the screen to fit the window")
        )
        self.actual_action = self._action(
            "actualAction", self.tr("Actual size"), self.tr("One pixel per pixel, with scrolling")
        )
        for action, mode in (
            (self.fit_action, ScaleMode.FIT),
            (self.actual_action, ScaleMode.ACTUAL),
        ):
            action.setCheckable(True)
            scale.addAction(action)
            action.triggered.connect(lambda _=False, m=mode: self.set_mode(m))
        self.fit_action.setChecked(True)
        self.full_screen_action = self._action(
            "fullScreenAction",
            self.tr("Full screen"),
            self.tr("Use the whole screen (Esc leaves full screen)"),
        )
        self.full_screen_action.setCheckable(True)
        self.full_screen_action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.full_screen_action.toggled.connect(self.set_full_screen)

        self.monitor_box = self._combo("monitorBox", self.tr("Monitor"))
        self.monitor_box.activated.connect(self._monitor_chosen)
        self.monitor_box.currentIndexChanged.connect(self._monitor_tooltip)
        self.quality_box = self._combo("qualityBox", self.tr("Quality"))
        self.quality_box.addItem(self.tr("Standard"), Quality.STANDARD)
        self.quality_box.addItem(self.tr("Screen sampling"), Quality.SAMPLING)
        self.quality_box.setToolTip(
            self.tr("Standard: the best picture. Screen sampling: speed first.")
        )
        self.colour_box = self._combo("colourBox", self.tr("Colours"))
        self.colour_box.addItem(self.tr("Full colour"), ColourMode.FULL)
        self.colour_box.addItem(self.tr("High colour (16-bit)"), ColourMode.HIGH16)
        self.colour_box.addItem(self.tr("256 colours"), ColourMode.PALETTE256)
        self.colour_box.setToolTip(self.tr("Fewer colours use less bandwidth on slow links"))
        for box in (self.quality_box, self.colour_box):
            box.activated.connect(self._stream_chosen)

        self.toolbar.addAction(self.fit_action)
        self.toolbar.addAction(self.actual_action)
        self.toolbar.addAction(self.full_screen_action)
        self.toolbar.addSeparator()
        # No captions before the boxes (their names are in their tooltips and accessible names):
        # with them the French bar did not fit 1024 px and Stop sharing went to the » menu.
        for box in (self.monitor_box, self.quality_box, self.colour_box):
            self.toolbar.addWidget(box)
            if box is not self.colour_box:
                self.toolbar.addSeparator()
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.stop_button = QToolButton()
        self.stop_button.setObjectName("viewerStopButton")
        self.stop_button.setText(self.tr("Stop sharing"))
        self.stop_button.setToolTip(self.tr("Stop this sharing for both sides"))
        self.stop_button.setAccessibleName(self.tr("Stop sharing"))
        self.stop_button.setStyleSheet(STOP_STYLE)
        self.stop_button.clicked.connect(self.stop)
        self.toolbar.addWidget(self.stop_button)

        self.paused_label = plain(QLabel(control_paused_text(sharer_is_customer, sharer_name)))
        self.paused_label.setObjectName("pausedLabel")
        self.paused_label.setStyleSheet(PAUSED_STYLE)
        self.paused_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused_label.hide()
        self.resumed_label = TypingResumedNotice(
            self.view, control_resumed_text(sharer_is_customer, sharer_name)
        )
        self.view.input_gate.open_changed.connect(self._input_gate_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.paused_label)
        layout.addWidget(self.view, 1)
        self.update_activity(activity)

    def _action(self, name: str, text: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setToolTip(tip)
        self.addAction(action)
        return action

    def _combo(self, name: str, accessible: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        box.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays with the screen
        return box

    # --- from the engine ----------------------------------------------------------------------

    def update_activity(self, activity: Activity) -> None:
        self.activity = activity
        if self.view.control != activity.with_control:
            self.view.set_control(activity.with_control)  # a view raised to control in place
        self.paused_label.setText(
            drawing_paused_text(self.sharer_is_customer)
            if activity.pause_reason == DRAWING
            else control_paused_text(self.sharer_is_customer, self.sharer_name)
        )
        self.view.input_gate.set_paused(activity.with_control and activity.control_paused)
        with QSignalBlocker(self.monitor_box):
            self.monitor_box.clear()
            for monitor in activity.monitors:
                label = (
                    self.tr("All monitors")
                    if monitor.index == 0
                    else self.tr("Monitor {n}").format(n=monitor.index)
                )
                # The size only in the tooltips: with it the box did not fit a 1024 px bar.
                self.monitor_box.addItem(label, monitor.index)
                self.monitor_box.setItemData(
                    self.monitor_box.count() - 1,
                    f"{label} ({monitor.width}×{monitor.height})",
                    Qt.ItemDataRole.ToolTipRole,
                )
            found = self.monitor_box.findData(activity.selected_monitor)
            self.monitor_box.setCurrentIndex(max(found, 0))
            self._monitor_tooltip()
        self.monitor_box.setEnabled(len(activity.monitors) > 2)  # "all" plus at least two
        for monitor in activity.monitors:
            if monitor.index == activity.selected_monitor:
                self.view.set_screen_size(QSize(monitor.width, monitor.height))

    @Slot()
    def _monitor_tooltip(self) -> None:
        """The chosen monitor's full name, with its size, over the box."""
        box = self.monitor_box
        box.setToolTip(str(box.itemData(box.currentIndex(), Qt.ItemDataRole.ToolTipRole) or ""))

    @Slot(bool)
    def _input_gate_changed(self, is_open: bool) -> None:
        """Paused while the sharer's user has control; told plainly when typing goes again."""
        self.paused_label.setVisible(not is_open)
        if is_open:
            self.resumed_label.show_for_a_while()
        else:
            self.resumed_label.dismiss()

    def show_frame(self, frame: PaintableFrame) -> None:
        self.view.show_frame(frame)

    def close_for_engine(self) -> None:
        """The activity is over: close without asking the engine to stop it again."""
        self._closing_by_engine = True
        self.close()

    # --- the user's choices -------------------------------------------------------------------

    def open(self, defaults: ViewDefaults | None = None) -> None:
        """Show as the manual says (full screen, fitted), unless ``defaults`` say otherwise.
        Out of full screen the window is where the last viewer was left, else beside the
        window the person is using; wholly on one screen either way."""
        defaults = defaults or ViewDefaults()
        near = defaults.near or QApplication.activeWindow()
        WindowPlace(self, defaults.settings, "viewer").restore(near)
        self.set_mode(defaults.mode)
        changed = False
        for box, value in (
            (self.quality_box, defaults.quality),
            (self.colour_box, defaults.colour),
        ):
            found = box.findData(value) if value is not None else -1
            if found >= 0 and found != box.currentIndex():
                with QSignalBlocker(box):
                    box.setCurrentIndex(found)
                changed = True
        if changed:
            self._stream_chosen()
        self.set_full_screen(defaults.full_screen)
        self.view.setFocus()

    @Slot()
    def set_mode(self, mode: ScaleMode) -> None:
        (self.fit_action if mode == ScaleMode.FIT else self.actual_action).setChecked(True)
        self.view.set_mode(mode)

    @Slot(bool)
    def set_full_screen(self, on: bool) -> None:
        show_full_screen(self, self.full_screen_action, on)

    @Slot()
    def leave_full_screen(self) -> None:
        self.set_full_screen(False)

    @Slot()
    def stop(self) -> None:
        self.commands.stop(self.activity.id)

    @Slot(int)
    def _monitor_chosen(self, row: int) -> None:
        index = self.monitor_box.itemData(row)
        if isinstance(index, int) and index != self.activity.selected_monitor:
            self.commands.select_monitor(self.activity.id, index)

    @Slot()
    def _stream_chosen(self) -> None:
        quality = Quality(self.quality_box.currentData())
        colour = ColourMode(self.colour_box.currentData())
        self.commands.set_stream(self.activity.id, quality, colour)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.leave_full_screen()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the window ends the sharing: a hidden live share would surprise both sides.
        live = self.activity.state in (ActivityState.REQUESTED, ActivityState.ACTIVE)
        if not self._closing_by_engine and live:
            self.stop()
        super().closeEvent(event)
