"""A text annotation on the sharer's shaped overlay (X11 without a compositor): the window is
cut to the strokes' pixels, so a mark of the text left out of that shape is not on the screen,
nor in the picture the viewers get. Seen in use: "It's" arrived as "It s"."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from shared.features.annotation.drawing import WIDTHS
from shared.features.annotation.overlay import ScreenOverlay, window_system_blends
from shared.features.annotation.protocol import COORD_SCALE, Stroke, Tool
from shared.features.annotation.sketch import Choice, Sketch

# A small shared area (an application's window): the text's font is at its smallest there.
AREA = QRect(40, 40, 500, 200)
# Where the text starts, stepping through fractions of a pixel of that area.
STARTS = range(1000, 1040, 3)


def _overlay(qtbot: QtBot) -> ScreenOverlay:
    sketch = Sketch(Choice(), lambda *_: None, lambda *_: None, lambda: "")
    overlay = ScreenOverlay(sketch)
    qtbot.addWidget(overlay)
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    overlay.place_on(screen, AREA)
    return overlay


def _text(x: int, text: str) -> Stroke:
    return Stroke(
        id="t" * 16,
        surface="p1",
        author="p2",
        tool=Tool.TEXT,
        colour="#e53935",
        width=WIDTHS[Tool.TEXT],
        points=[(x, COORD_SCALE // 2)],
        text=text,
    )


def test_a_word_keeps_its_apostrophe(qtbot: QtBot) -> None:
    assert not window_system_blends()  # the tests' Xvfb: the overlay is shaped
    overlay = _overlay(qtbot)
    for x in STARTS:
        # The same letters, and the apostrophe's own pixels on top when it is kept.
        assert _shape_area(overlay, x, "it's") > _shape_area(overlay, x, "its"), x


def _shape_area(overlay: ScreenOverlay, x: int, text: str) -> int:
    """How many pixels of the screen the overlay covers with ``text`` written at ``x``."""
    overlay.set_strokes([_text(x, text)])
    rects = cast("Iterable[QRect]", overlay.mask())  # iterable at run time; not in the stubs
    return sum(r.width() * r.height() for r in rects)
