"""Peer messages of desktop sharing: asking, consenting, media negotiation, input, clipboard.

They travel on the peers' control data channel. The screen itself travels on a separate
WebRTC connection per sharing activity, negotiated with ``media.offer``/``media.answer`` here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from shared.protocol.limits import MAX_CLIPBOARD_CHARS, MAX_SHARING_SDP_CHARS
from shared.protocol.messages import PeerMessage, Reason

# The screen's and remote input's wire types live under both sharing features (co-browsing
# carries the same input); re-exported here under their old names.
from shared.protocol.screen import (
    NAMED_KEYS,
    ActivityId,
    ColourMode,
    Coordinate,
    KeyAction,
    KeyInput,
    MonitorIndex,
    MonitorInfo,
    PauseCount,
    PointerAction,
    PointerButton,
    PointerInput,
    Quality,
    Size,
    TextInput,
)

__all__ = [
    "NAMED_KEYS",
    "ActivityId",
    "ColourMode",
    "Coordinate",
    "KeyAction",
    "KeyInput",
    "MonitorIndex",
    "MonitorInfo",
    "PauseCount",
    "PointerAction",
    "PointerButton",
    "PointerInput",
    "Quality",
    "Size",
    "TextInput",
]


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
