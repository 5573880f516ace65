"""What screens and remote input are on the wire, whichever feature carries them: the stream's
quality and colour modes, a monitor's rectangle, and one pointer, key or text input.

Desktop sharing registers the input messages in its family; co-browsing carries the same input
inside its own envelope (``cobrowse.input``). The media and input layers use these types, so
they live here, under both, and neither feature imports the other.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from shared.protocol.messages import MessageId, PeerMessage

ActivityId = MessageId
# Screen coordinates and sizes: X11 and Windows both stop at 32767.
Coordinate = Annotated[int, Field(ge=0, le=32767, strict=True)]
Size = Annotated[int, Field(ge=1, le=32767, strict=True)]
MonitorIndex = Annotated[int, Field(ge=0, le=16, strict=True)]  # 0: all monitors as one
# How many times the sharer's own user has paused remote input in an activity (ControlState);
# input carries the count its sender had heard of, and input sent before the latest pause was
# heard of is dropped: nothing typed during a pause arrives once it is over.
PauseCount = Annotated[int, Field(ge=0, le=2**31 - 1, strict=True)]


class Quality(StrEnum):
    STANDARD = "standard"  # best image
    SAMPLING = "sampling"  # "screen sampling": speed first


class ColourMode(StrEnum):
    FULL = "full"
    HIGH16 = "high16"  # 16-bit colour
    PALETTE256 = "palette256"  # 256 colours


class MonitorInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    index: MonitorIndex
    left: Annotated[int, Field(ge=-32768, le=32767, strict=True)]
    top: Annotated[int, Field(ge=-32768, le=32767, strict=True)]
    width: Size
    height: Size


class PointerAction(StrEnum):
    MOVE = "move"
    DOWN = "down"
    UP = "up"
    WHEEL = "wheel"


class PointerButton(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    MIDDLE = "middle"
    BACK = "back"
    FORWARD = "forward"


class PointerInput(PeerMessage):
    """A pointer event at (x, y) in the shared screen's own pixels."""

    type: Literal["input.pointer"] = "input.pointer"
    activity: ActivityId
    action: PointerAction
    x: Coordinate
    y: Coordinate
    button: PointerButton | None = None
    # Wheel steps (120 = one notch, as Qt and Windows count); positive is up / right.
    dx: Annotated[int, Field(ge=-12000, le=12000, strict=True)] = 0
    dy: Annotated[int, Field(ge=-12000, le=12000, strict=True)] = 0
    pauses: PauseCount = 0


# Keys with a name; any other key is sent as the one character it types.
NAMED_KEYS = frozenset(
    {
        "alt", "alt_gr", "backspace", "caps_lock", "cmd", "ctrl", "delete", "down", "end",
        "enter", "esc", "home", "insert", "left", "menu", "num_lock", "page_down", "page_up",
        "pause", "print_screen", "right", "scroll_lock", "shift", "space", "tab", "up",
        *(f"f{n}" for n in range(1, 25)),
    }
)  # fmt: skip


class KeyAction(StrEnum):
    DOWN = "down"
    UP = "up"


class KeyInput(PeerMessage):
    type: Literal["input.key"] = "input.key"
    activity: ActivityId
    action: KeyAction
    key: Annotated[str, StringConstraints(min_length=1, max_length=16)]
    pauses: PauseCount = 0

    @field_validator("key")
    @classmethod
    def _known_key(cls, key: str) -> str:
        if len(key) == 1 and key.isprintable():
            return key
        if key in NAMED_KEYS:
            return key
        raise ValueError(f"unknown key {key[:16]!r}")


class TextInput(PeerMessage):
    """Text typed as a whole (an input method's result, or a paste typed out)."""

    type: Literal["input.text"] = "input.text"
    activity: ActivityId
    text: Annotated[str, StringConstraints(min_length=1, max_length=256)]
    pauses: PauseCount = 0
