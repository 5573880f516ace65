"""The remote-screen viewer: viewer positions map to the shared screen's pixels in fit and
actual-size modes, keys become the protocol's names, view modes and stream choices work."""

from __future__ import annotations

import subprocess
import threading
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shared.features.desktop.activities import Activity, ActivityState
from shared.features.desktop.frames import LatestFrames, RgbFrame, frame_image
from shared.features.desktop.input_mapping import key_name
from shared.features.desktop.protocol import (
    ActivityKind,
    ColourMode,
    KeyAction,
    KeyInput,
    PointerAction,
    PointerInput,
    Quality,
    TextInput,
)
from shared.features.desktop.remote_view import RemoteScreenView
from shared.features.desktop.remote_viewer import RemoteViewer
from shared.qt.i18n import install_translations, remove_translations
from shared.qt.screen_geometry import ScaleMode
from tests.ui.fakes import MONITORS, RecordedCommands, synthetic_frame
from tests.xserver import type_text

LEFT = Qt.MouseButton.LeftButton


def _view(
    qtbot: QtBot, width: int, height: int, control: bool = True
) -> tuple[RemoteScreenView, RecordedCommands]:
    commands = RecordedCommands()
    view = RemoteScreenView("a1", commands.send_input)
    qtbot.addWidget(view)
    frame = frame_image(RgbFrame(1000, 500, bytes(1000 * 500 * 3)))
    assert frame is not None
    view.show_frame(frame)
    view.set_control(control)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view, commands


def _pointer(commands: RecordedCommands) -> list[tuple[PointerAction, int, int, str | None]]:
    return [
        (m.action, m.x, m.y, m.button)
        for m in commands.inputs
        if isinstance(m, PointerInput) and m.action != PointerAction.MOVE
    ]


def test_fit_mode_maps_clicks_to_remote_pixels(qtbot: QtBot) -> None:
    view, commands = _view(qtbot, 500, 500)  # 1000×500 shown at half size, 125 px bands
    assert view.viewport().size().width() == 500
    QTest.mouseClick(view.viewport(), LEFT, pos=QPoint(250, 250))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=QPoint(100, 150))
    QTest.mouseClick(view.viewport(), LEFT, pos=QPoint(10, 10))  # in the band: clamped
    QTest.mouseClick(view.viewport(), LEFT, pos=QPoint(499, 499))
    assert _pointer(commands) == [
        (PointerAction.DOWN, 500, 250, "left"),
        (PointerAction.UP, 500, 250, "left"),
        (PointerAction.DOWN, 200, 50, "right"),
        (PointerAction.UP, 200, 50, "right"),
        (PointerAction.DOWN, 20, 0, "left"),
        (PointerAction.UP, 20, 0, "left"),
        (PointerAction.DOWN, 998, 499, "left"),
        (PointerAction.UP, 998, 499, "left"),
    ]


def test_actual_size_mode_adds_the_scroll_offset(qtbot: QtBot) -> None:
    view, commands = _view(qtbot, 400, 300)
    view.set_mode(ScaleMode.ACTUAL)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() > 0)
    view.horizontalScrollBar().setValue(300)
    view.verticalScrollBar().setValue(100)
    QTest.mouseClick(view.viewport(), LEFT, pos=QPoint(10, 20))
    assert _pointer(commands)[0] == (PointerAction.DOWN, 310, 120, "left")
    # Scrolled to the end, the last pixel is reachable and nothing goes beyond it.
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    corner = view.viewport().rect().bottomRight()
    QTest.mouseClick(view.viewport(), LEFT, pos=corner)
    assert _pointer(commands)[-1] == (PointerAction.UP, 999, 499, "left")


def test_sampled_pictures_map_to_the_screens_own_pixels(qtbot: QtBot) -> None:
    """Screen sampling sends a half-size picture; input still uses the monitor's pixels."""
    view, commands = _view(qtbot, 500, 500)
    view.set_screen_size(QSize(2000, 1000))  # the 1000×500 picture is half the monitor
    QTest.mouseClick(view.viewport(), LEFT, pos=QPoint(250, 250))
    assert _pointer(commands)[0] == (PointerAction.DOWN, 1000, 500, "left")
    view.set_mode(ScaleMode.ACTUAL)  # actual size is the monitor's: the picture is doubled
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() > 0)
    assert view.image_rect().width() == 2000
    view.horizontalScrollBar().setValue(700)
    QTest.mouseClick(view.viewport(), LEFT, pos=QPoint(10, 10))
    assert _pointer(commands)[-1] == (PointerAction.UP, 710, 10, "left")


def test_drag_double_click_and_wheel(qtbot: QtBot) -> None:
    view, commands = _view(qtbot, 500, 500)
    port = view.viewport()
    QTest.mousePress(port, LEFT, pos=QPoint(50, 150))
    QTest.mouseMove(port, QPoint(150, 200))
    QTest.mouseRelease(port, LEFT, pos=QPoint(150, 200))
    moves = [m for m in commands.inputs if isinstance(m, PointerInput)]
    assert [(m.action, m.x, m.y) for m in moves][-2:] == [
        (PointerAction.MOVE, 300, 150),
        (PointerAction.UP, 300, 150),
    ]
    commands.inputs.clear()
    # As a window system delivers a double click: press, release, double click, release.
    QTest.mouseClick(port, LEFT, pos=QPoint(250, 250))
    QTest.mouseDClick(port, LEFT, pos=QPoint(250, 250))
    QTest.mouseRelease(port, LEFT, pos=QPoint(250, 250))
    assert (
        _pointer(commands)
        == [
            (PointerAction.DOWN, 500, 250, "left"),
            (PointerAction.UP, 500, 250, "left"),
        ]
        * 2
    )
    commands.inputs.clear()
    wheel = QWheelEvent(
        QPointF(250, 250),
        QPointF(port.mapToGlobal(QPoint(250, 250))),
        QPoint(0, 0),
        QPoint(0, -240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(port, wheel)
    assert commands.inputs == [
        PointerInput(activity="a1", action=PointerAction.WHEEL, x=500, y=250, dy=-240)
    ]


def test_no_input_is_sent_when_only_viewing(qtbot: QtBot) -> None:
    view, commands = _view(qtbot, 500, 500, control=False)
    QTest.mouseClick(view.viewport(), LEFT, pos=QPoint(250, 250))
    QTest.keyClick(view, Qt.Key.Key_A)
    assert commands.inputs == []
    assert view.viewport().cursor().shape() == Qt.CursorShape.ArrowCursor


def test_control_hides_the_local_cursor(qtbot: QtBot) -> None:
    view, _ = _view(qtbot, 500, 500)
    assert view.viewport().cursor().shape() == Qt.CursorShape.BlankCursor


def _keys(commands: RecordedCommands) -> list[tuple[KeyAction, str]]:
    return [(m.action, m.key) for m in commands.inputs if isinstance(m, KeyInput)]


def test_keys_become_protocol_names(qtbot: QtBot) -> None:
    view, commands = _view(qtbot, 500, 500)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    QTest.keyClick(view, Qt.Key.Key_F5)
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # presses Ctrl too
    QTest.keyClick(view, Qt.Key.Key_Tab)  # stays in the view: it is the remote's Tab
    for key, text in ((Qt.Key.Key_Eacute, "é"), (Qt.Key.Key_ssharp, "ß"), (Qt.Key.Key_E, "€")):
        # QTest types ASCII only: send what a European keyboard layout delivers.
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(view, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))
    assert _keys(commands) == [
        (KeyAction.DOWN, "f5"),
        (KeyAction.UP, "f5"),
        (KeyAction.DOWN, "ctrl"),
        (KeyAction.DOWN, "c"),
        (KeyAction.UP, "c"),
        (KeyAction.UP, "ctrl"),
        (KeyAction.DOWN, "tab"),
        (KeyAction.UP, "tab"),
        (KeyAction.DOWN, "é"),
        (KeyAction.UP, "é"),
        (KeyAction.DOWN, "ß"),
        (KeyAction.UP, "ß"),
        (KeyAction.DOWN, "€"),
        (KeyAction.UP, "€"),
    ]
    assert view.hasFocus()


def _focus(qtbot: QtBot, view: RemoteScreenView) -> None:
    view.window().activateWindow()
    qtbot.waitUntil(view.window().isActiveWindow)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)


def test_a_key_goes_up_as_it_went_down_though_shift_went_up_first(qtbot: QtBot) -> None:
    view, commands = _view(qtbot, 500, 500)
    _focus(qtbot, view)
    type_text("$")  # real X input: Shift+4, and Shift is let go before the 4 key
    qtbot.waitUntil(lambda: len(_keys(commands)) == 4)
    assert _keys(commands) == [
        (KeyAction.DOWN, "shift"),
        (KeyAction.DOWN, "$"),
        (KeyAction.UP, "shift"),
        (KeyAction.UP, "$"),
    ]


def test_key_names_for_text_and_codes() -> None:
    assert key_name(Qt.Key.Key_Eacute.value, "é") == "é"
    assert key_name(Qt.Key.Key_ssharp.value, "ß") == "ß"
    assert key_name(Qt.Key.Key_E.value, "€") == "€"  # AltGr+E on a European layout
    assert key_name(Qt.Key.Key_Eacute.value, "") == "é"  # a release without text
    assert key_name(Qt.Key.Key_C.value, "\x03") == "c"  # Ctrl+C
    assert key_name(Qt.Key.Key_PageDown.value, "") == "page_down"
    assert key_name(Qt.Key.Key_F24.value, "") == "f24"
    assert key_name(Qt.Key.Key_Return.value, "\r") == "enter"
    assert key_name(Qt.Key.Key_Meta.value, "") == "cmd"
    assert key_name(Qt.Key.Key_unknown.value, "") is None


def test_input_method_text_is_sent_as_text(qtbot: QtBot) -> None:
    view, commands = _view(qtbot, 500, 500)
    event = QInputMethodEvent()
    event.setCommitString("日本語")
    QApplication.sendEvent(view, event)
    assert commands.inputs == [TextInput(activity="a1", text="日本語")]


def _activity(**changes: Any) -> Activity:
    base = Activity(
        id="a1",
        kind=ActivityKind.CONTROL,
        agent_id="agent",
        customer_id="grace",
        state=ActivityState.ACTIVE,
        monitors=tuple(MONITORS),
    )
    return replace(base, **changes)


def test_viewer_opens_full_screen_and_switches_modes(qtbot: QtBot) -> None:
    commands = RecordedCommands()
    viewer = RemoteViewer(_activity(), commands, "Grace", sharer_is_customer=True)
    qtbot.addWidget(viewer)
    viewer.open()
    qtbot.waitUntil(viewer.isFullScreen)
    assert viewer.full_screen_action.isChecked()
    modes = []
    for action in (viewer.actual_action, viewer.fit_action):
        modes.append(viewer.view.mode)
        action.trigger()
    modes.append(viewer.view.mode)
    assert modes == [ScaleMode.FIT, ScaleMode.ACTUAL, ScaleMode.FIT]
    viewer.view.setFocus()
    QTest.keyClick(viewer.view, Qt.Key.Key_Escape)  # Esc leaves full screen, is not sent
    qtbot.waitUntil(lambda: not viewer.isFullScreen())
    assert not viewer.full_screen_action.isChecked()
    assert commands.inputs == []
    viewer.full_screen_action.trigger()
    qtbot.waitUntil(viewer.isFullScreen)


def test_viewer_monitor_quality_colour_and_pause(qtbot: QtBot) -> None:
    commands = RecordedCommands()
    viewer = RemoteViewer(_activity(), commands, "Grace", sharer_is_customer=True)
    qtbot.addWidget(viewer)
    viewer.show()
    box = viewer.monitor_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "All monitors",
        "Monitor 1",
        "Monitor 2",
    ]
    assert box.toolTip() == "All monitors (3840×1080)"  # the size, on hovering
    assert viewer.view.remote_size == QSize(3840, 1080)  # input maps to the chosen monitor
    box.setCurrentIndex(2)
    box.activated.emit(2)
    assert commands.monitors == [("a1", 2)]
    assert box.toolTip() == "Monitor 2 (1920×1080)"
    viewer.quality_box.setCurrentIndex(1)
    viewer.quality_box.activated.emit(1)
    viewer.colour_box.setCurrentIndex(2)
    viewer.colour_box.activated.emit(2)
    assert commands.streams[-1] == ("a1", Quality.SAMPLING, ColourMode.PALETTE256)

    assert not viewer.paused_label.isVisible()
    viewer.update_activity(_activity(control_paused=True))
    assert viewer.paused_label.isVisible()
    assert viewer.paused_label.text() == (
        "The customer is using their mouse — your input is paused"
    )
    viewer.stop_button.click()
    assert commands.stopped == ["a1"]


def _text_is_whole(box: QComboBox) -> bool:
    """The combo's current text fits in the field it is drawn in (not cut short)."""
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    field = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
    )
    return box.fontMetrics().horizontalAdvance(box.currentText()) <= field.width()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_bar_fits_1024_px_once_the_monitors_arrive(qtbot: QtBot, language: str) -> None:
    """Stop sharing stays on the bar (not in its overflow menu) and no choice is cut short,
    in English and in (longer) French, after the sharer's monitor list comes in."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_translations(app, language) == language
    try:
        viewer = RemoteViewer(
            _activity(monitors=()), RecordedCommands(), "Grace", sharer_is_customer=True
        )
        qtbot.addWidget(viewer)
        viewer.resize(1024, 700)
        viewer.show()
        qtbot.waitExposed(viewer)
        viewer.update_activity(_activity())  # the sharer's three monitors come in
        QApplication.sendPostedEvents()  # the bar lays itself out again
        assert viewer.width() == 1024
        overflow = viewer.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        assert overflow is None or not overflow.isVisible()
        assert viewer.stop_button.isVisible()
        bar = viewer.toolbar.rect()
        assert bar.contains(viewer.stop_button.geometry())
        for box in (viewer.monitor_box, viewer.quality_box, viewer.colour_box):
            for row in range(box.count()):
                box.setCurrentIndex(row)
                assert box.isVisible() and _text_is_whole(box), box.currentText()
    finally:
        remove_translations(app)


class KeyPresses(QObject):
    """Counts the key presses ``widget`` gets."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.count += event.type() == QEvent.Type.KeyPress
        return False


def test_nothing_is_sent_while_the_sharer_has_control_and_typing_resumes_clean(
    qtbot: QtBot,
) -> None:
    commands = RecordedCommands()
    viewer = RemoteViewer(_activity(), commands, "Grace", sharer_is_customer=True)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    _focus(qtbot, viewer.view)

    # The customer uses their own mouse: the agent's typing is dropped, not kept. The customer
    # is done while the agent is still typing: the rest of that word is not sent either.
    viewer.update_activity(_activity(control_paused=True))
    assert viewer.paused_label.isVisible()
    presses = KeyPresses(viewer.view)
    typing = subprocess.Popen(["xdotool", "type", "--delay", "100", "--", "typed on and on"])
    try:
        qtbot.waitUntil(lambda: presses.count >= 3)
        viewer.update_activity(_activity())
        qtbot.waitUntil(lambda: typing.poll() is not None)
    finally:
        typing.kill()
    qtbot.waitUntil(viewer.resumed_label.isVisible)
    assert not viewer.paused_label.isVisible()
    assert viewer.resumed_label.text() == (
        "Your typing was paused while the customer used their computer; "
        "nothing you typed meanwhile was sent."
    )
    assert commands.inputs == []

    # What the agent types once told arrives whole.
    type_text("ok")
    qtbot.waitUntil(lambda: len(_keys(commands)) == 4)
    assert _keys(commands) == [
        (KeyAction.DOWN, "o"),
        (KeyAction.UP, "o"),
        (KeyAction.DOWN, "k"),
        (KeyAction.UP, "k"),
    ]


def test_typing_goes_at_once_when_the_agent_did_not_type_during_the_pause(
    qtbot: QtBot,
) -> None:
    commands = RecordedCommands()
    viewer = RemoteViewer(_activity(), commands, "Grace", sharer_is_customer=False)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    _focus(qtbot, viewer.view)
    viewer.update_activity(_activity(control_paused=True))
    viewer.update_activity(_activity())
    assert viewer.resumed_label.isVisible() and not viewer.paused_label.isVisible()
    assert viewer.resumed_label.text() == (
        "Your typing was paused while Grace used their computer; "
        "nothing you typed meanwhile was sent."
    )
    type_text("ok")
    qtbot.waitUntil(lambda: len(_keys(commands)) == 4)


def test_closing_the_viewer_stops_the_activity_unless_the_engine_did(qtbot: QtBot) -> None:
    commands = RecordedCommands()
    viewer = RemoteViewer(_activity(), commands, "Grace", sharer_is_customer=True)
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.close()
    assert commands.stopped == ["a1"]
    other = RemoteViewer(_activity(id="a2"), commands, "Grace", sharer_is_customer=True)
    qtbot.addWidget(other)
    other.show()
    other.close_for_engine()
    assert commands.stopped == ["a1"]


def test_only_the_newest_frame_is_kept_and_painted(qtbot: QtBot) -> None:
    frames = LatestFrames()
    received: list[str] = []
    frames.arrived.connect(received.append)
    pictures = [synthetic_frame(200 + n, 100) for n in range(3)]

    def decoder() -> None:  # as the media layer does, off the Qt thread
        for picture in pictures:
            frames.put("a1", picture)

    thread = threading.Thread(target=decoder)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: received == ["a1"])
    newest = frames.take("a1")
    assert newest is not None and newest.image.width() == 202
    assert frames.dropped == 2 and frames.take("a1") is None
    frames.put("a1", object())  # not a frame: ignored
    assert frames.take("a1") is None


def test_the_sharers_pointer_is_drawn_where_it_is(qtbot: QtBot) -> None:
    """The picture carries no cursor: the view paints the one the sharer reports."""
    view, _ = _view(qtbot, 1000, 500, control=False)  # actual pixels: remote == view here
    view.set_mode(ScaleMode.ACTUAL)

    def pixel(x: int, y: int) -> tuple[int, int, int]:
        colour = view.viewport().grab().toImage().pixelColor(x, y)
        return colour.red(), colour.green(), colour.blue()

    assert pixel(302, 206) == (0, 0, 0)  # the black synthetic frame, no cursor yet
    view.set_remote_cursor((300, 200))
    qtbot.waitUntil(lambda: pixel(302, 206) != (0, 0, 0))
    view.set_remote_cursor(None)  # the pointer left the shared screen
    qtbot.waitUntil(lambda: pixel(302, 206) == (0, 0, 0))
