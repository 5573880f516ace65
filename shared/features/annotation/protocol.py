"""Annotation's peer messages: a finished stroke, strokes erased, all cleared.

Every message names its ``surface`` (the participant whose screen is shared and drawn on) and
its author; points are in that shared screen's own coordinates, normalised to 0..COORD_SCALE
on both axes, so a stroke lands on the same pixels whatever size each side shows the picture.
The agent in charge is the hub: everyone else sends to it, and it sends each accepted message
on to the others who see the surface (the author named as it came).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from shared.protocol.messages import MessageId, ParticipantId, PeerMessage, printable_line

NAME = "annotation"

# Points are integers on a 0..COORD_SCALE grid of the shared screen: 1/10000 of a 4K screen's
# width is under half a pixel, and integers keep a message short.
COORD_SCALE: Final = 10_000
# Points in one stroke: a long scribble sampled at pointer speed; 1000 points as JSON is about
# 12 KB, well under a control channel message (64 KB).
MAX_POINTS_PER_STROKE: Final = 1000
# Characters of one text annotation: a label on the screen, not a document.
MAX_TEXT_CHARS: Final = 200
# Strokes erased by one message: the eraser's one drag rarely touches more.
MAX_ERASED_PER_MESSAGE: Final = 64
# Line width, in thousandths of the shared screen's width (a highlighter is wide).
MAX_WIDTH: Final = 100


class Tool(StrEnum):
    PEN = "pen"
    HIGHLIGHTER = "highlighter"  # wide and translucent
    ARROW = "arrow"  # from the first point to the last
    TEXT = "text"  # ``text`` written at the first point


Coord = Annotated[int, Field(ge=0, le=COORD_SCALE, strict=True)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-f]{6}$")]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS), AfterValidator(printable_line)]


class Stroke(PeerMessage):
    """One finished annotation by ``author`` on ``surface``'s shared screen."""

    type: Literal["annotation.stroke"] = "annotation.stroke"
    id: MessageId
    surface: ParticipantId
    author: ParticipantId
    tool: Tool
    colour: Colour
    width: int = Field(ge=1, le=MAX_WIDTH, strict=True)
    points: list[tuple[Coord, Coord]] = Field(min_length=1, max_length=MAX_POINTS_PER_STROKE)
    text: Text = ""

    @model_validator(mode="after")
    def _fits_its_tool(self) -> Stroke:
        if self.tool == Tool.TEXT and not self.text.strip():
            raise ValueError("a text annotation needs its text")
        if self.tool != Tool.TEXT and self.text:
            raise ValueError(f"a {self.tool.value} stroke carries no text")
        if self.tool == Tool.ARROW and len(self.points) < 2:
            raise ValueError("an arrow needs two points")
        return self


class Erase(PeerMessage):
    """``by`` erased these strokes of ``surface`` (the eraser touched them)."""

    type: Literal["annotation.erase"] = "annotation.erase"
    surface: ParticipantId
    by: ParticipantId
    ids: list[MessageId] = Field(min_length=1, max_length=MAX_ERASED_PER_MESSAGE)


class Clear(PeerMessage):
    """``by`` cleared every annotation of ``surface``."""

    type: Literal["annotation.clear"] = "annotation.clear"
    surface: ParticipantId
    by: ParticipantId


ANNOTATION_MESSAGES: tuple[type[PeerMessage], ...] = (Stroke, Erase, Clear)
