"""Peer messages of desktop sharing: asking, consenting, media negotiation, input, clipboard.

They travel on the peers' control data channel. The screen itself travels on a separate
WebRTC connection per sharing activity, negotiated with ``media.offer``/``media.answer`` here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from shared.protocol.limits import MAX_CLIPBOARD_CHARS, MAX_SHARING_SDP_CHARS
from shared.protocol.messages import MessageId, PeerMessage, Reason

ActivityId = MessageId
# Screen coordinates and sizes: X11 and Windows both stop at 32767.
Coordinate = Annotated[int, Field(ge=0, le=32767, strict=True)]
Size = Annotated[int, Field(ge=1, le=32767, strict=True)]
MonitorIndex = Annotated[int, Field(ge=0, le=16, strict=True)]  # 0: all monitors as one
# How many times the sharer's own user has paused remote input in an activity (ControlState);
# input carries the count its sender had heard of, and input sent before the latest pause was
# heard of is dropped: nothing typed during a pause arrives once it is over.
PauseCount = Annotated[int, Field(ge=0, le=2**31 - 1, strict=True)]


# The feature's name: its message family, its slice of the console's state.
NAME = "desktop"


class ActivityKind(StrEnum):
    """Who shares and who may act, named from the agent's side as the manual does."""

    VIEW = "view"  # the agent views the customer's desktop
    CONTROL = "control"  # the agent views and controls the customer's desktop
    SHOW = "show"  # the agent shows their own desktop to the customer
    GIVE_CONTROL = "give_control"  # the customer views and controls the agent's desktop


class StopReason(StrEnum):
    STOPPED_BY_CUSTOMER = "stopped_by_customer"
    STOPPED_BY_AGENT = "stopped_by_agent"
    CONNECTION_LOST = "connection_lost"
    CAPTURE_FAILED = "capture_failed"
    SESSION_ENDED = "session_ended"
    # This side could not handle a message about the activity (a fault of ours, logged).
    FAILED = "failed"
    # Control of the session changed hands: what ran for the agent in charge ends.
    CONTROL_CHANGED = "control_changed"


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


class ClipboardWay(StrEnum):
    """Which way clipboard text goes in an activity (the rule: ``clipboard.py``)."""

    TO_AGENT = "to_agent"  # the customer's clipboard text goes to the agent
    TO_CUSTOMER = "to_customer"  # the agent's goes to the customer


class ActivityRequest(PeerMessage):
    """Asks the customer's consent for one sharing activity."""

    type: Literal["activity.request"] = "activity.request"
    id: ActivityId
    kind: ActivityKind
    monitor: MonitorIndex = 0
    # Asks to raise the live view ``id`` to control in place: same stream, same viewer window.
    # The customer is asked again; refusing leaves the view as it was.
    upgrade: bool = False


class ActivityAnswer(PeerMessage):
    type: Literal["activity.answer"] = "activity.answer"
    id: ActivityId
    granted: bool
    # The customer ticked "allow everything in this session without asking again".
    allow_all: bool = False
    # Which ways the clipboard goes, as the customer's engine decided (``clipboard.py``).
    clipboard: list[ClipboardWay] = Field(default_factory=list, max_length=len(ClipboardWay))


class ActivityStop(PeerMessage):
    type: Literal["activity.stop"] = "activity.stop"
    id: ActivityId
    reason: StopReason


class MediaOffer(PeerMessage):
    type: Literal["media.offer"] = "media.offer"
    activity: ActivityId
    sdp: Annotated[str, StringConstraints(min_length=1, max_length=MAX_SHARING_SDP_CHARS)]


class MediaAnswer(PeerMessage):
    type: Literal["media.answer"] = "media.answer"
    activity: ActivityId
    sdp: Annotated[str, StringConstraints(min_length=1, max_length=MAX_SHARING_SDP_CHARS)]


class ScreenInfo(PeerMessage):
    """The sharer's monitors and which one is shared; input coordinates refer to it."""

    type: Literal["screen.info"] = "screen.info"
    activity: ActivityId
    monitors: list[MonitorInfo] = Field(min_length=1, max_length=17)
    selected: MonitorIndex


class ScreenSelect(PeerMessage):
    type: Literal["screen.select"] = "screen.select"
    activity: ActivityId
    monitor: MonitorIndex


class StreamSettings(PeerMessage):
    """The viewer's choice of quality and colour mode; the sharer applies it before encoding."""

    type: Literal["stream.settings"] = "stream.settings"
    activity: ActivityId
    quality: Quality = Quality.STANDARD
    colour: ColourMode = ColourMode.FULL


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


class CursorPosition(PeerMessage):
    """Where the sharer's pointer is, in the shared screen's pixels (the picture carries no
    cursor); ``visible`` is false while it is off the shared monitor."""

    type: Literal["cursor.position"] = "cursor.position"
    activity: ActivityId
    x: Coordinate
    y: Coordinate
    visible: bool = True


class ClipboardText(PeerMessage):
    type: Literal["clipboard.text"] = "clipboard.text"
    activity: ActivityId
    text: Annotated[str, StringConstraints(max_length=MAX_CLIPBOARD_CHARS)]


class ControlState(PeerMessage):
    """The sharer tells the controller that remote input is paused while the local user is
    active (they took control back simply by using their own mouse or keyboard)."""

    type: Literal["control.state"] = "control.state"
    activity: ActivityId
    paused: bool
    reason: Reason = ""
    pauses: PauseCount = 0  # this pause's number (or the last one's, on resuming)


# The family every sharing feature handles, in one place for the catalogue and the engine.
SHARING_MESSAGES: tuple[type[PeerMessage], ...] = (
    ActivityRequest,
    ActivityAnswer,
    ActivityStop,
    MediaOffer,
    MediaAnswer,
    ScreenInfo,
    ScreenSelect,
    StreamSettings,
    PointerInput,
    KeyInput,
    TextInput,
    ClipboardText,
    ControlState,
    CursorPosition,
)
