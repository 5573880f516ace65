"""Turning one person's mouse into strokes: the tool they picked, the points of the stroke
being drawn, the eraser's touches. Shared by the sharer's overlay and a viewer's layer, which
say where the shared screen lies in them (``rect``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QPointF, QRectF

from shared.features.annotation.drawing import WIDTHS, to_grid
from shared.features.annotation.protocol import MAX_POINTS_PER_STROKE, Stroke, Tool

# A new point only once the pointer moved this far (widget pixels): a slow hand does not fill
# the stroke's points with the same spot.
MIN_STEP_PX = 2.0
DEFAULT_COLOUR = "#e53935"


class Pick(StrEnum):
    """What the pointer does: one of the drawing tools, or the eraser."""

    PEN = "pen"
    HIGHLIGHTER = "highlighter"
    ARROW = "arrow"
    TEXT = "text"
    ERASER = "eraser"


@dataclass
class Choice:
    pick: Pick = Pick.HIGHLIGHTER  # the manual: annotation starts with a highlighter
    colour: str = DEFAULT_COLOUR


# (tool, colour, width, points, text) of a finished stroke
Finished = Callable[[Tool, str, int, list[tuple[int, int]], str], None]


class Sketch:
    def __init__(
        self,
        choice: Choice,
        finished: Finished,
        erase_at: Callable[[QPointF, QRectF], None],
        ask_text: Callable[[], str],
    ) -> None:
        self.choice = choice
        self._finished = finished
        self._erase_at = erase_at
        self._ask_text = ask_text
        self._points: list[tuple[int, int]] = []
        self._last: QPointF | None = None
        self._erasing = False

    @property
    def drawing(self) -> bool:
        return bool(self._points)

    def press(self, pos: QPointF, rect: QRectF) -> None:
        pick = self.choice.pick
        if pick == Pick.ERASER:
            self._erasing = True
            self._erase_at(pos, rect)
        elif pick == Pick.TEXT:
            point = to_grid(pos, rect)
            text = self._ask_text().strip()
            if text:
                self._finished(Tool.TEXT, self.choice.colour, WIDTHS[Tool.TEXT], [point], text)
        else:
            self._points = [to_grid(pos, rect)]
            self._last = pos

    def move(self, pos: QPointF, rect: QRectF) -> bool:
        """The pointer moved with the button down; True when the preview changed."""
        if self._erasing:
            self._erase_at(pos, rect)
            return False
        if not self._points or self._last is None:
            return False
        if (pos - self._last).manhattanLength() < MIN_STEP_PX:
            return False
        if self.choice.pick == Pick.ARROW:
            self._points[1:] = [to_grid(pos, rect)]  # an arrow: its tail and its tip
        elif len(self._points) < MAX_POINTS_PER_STROKE:
            self._points.append(to_grid(pos, rect))
        self._last = pos
        return True

    def release(self, pos: QPointF, rect: QRectF) -> None:
        self._erasing = False
        if not self._points:
            return
        self.move(pos, rect)
        points, self._points, self._last = self._points, [], None
        tool = Tool(self.choice.pick.value)
        if tool == Tool.ARROW and len(points) < 2:
            return  # a click is not an arrow
        self._finished(tool, self.choice.colour, WIDTHS[tool], points, "")

    def preview(self) -> Stroke | None:
        """The stroke being drawn, to paint before it is sent (not validated: not sent)."""
        if not self._points or self.choice.pick in (Pick.ERASER, Pick.TEXT):
            return None
        tool = Tool(self.choice.pick.value)
        return Stroke.model_construct(
            id="preview",
            surface="preview",
            author="preview",
            tool=tool,
            colour=self.choice.colour,
            width=WIDTHS[tool],
            points=list(self._points)
            if len(self._points) > 1 or tool != Tool.ARROW
            else [self._points[0], self._points[0]],
            text="",
        )
