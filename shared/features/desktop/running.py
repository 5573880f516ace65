"""What the parts of desktop sharing share: one activity's live parts on this side, and the
few things of the feature (``SharingFeature``) that the parts use."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from shared.features.desktop.activities import Activity
from shared.features.desktop.ports import FrameReceiver, FrameSender, InputSink
from shared.features.desktop.protocol import MonitorInfo, StopReason
from shared.protocol.messages import ParticipantInfo
from shared.session.live import LiveSession


@dataclass
class Running:
    """The live parts of one activity on this side."""

    activity: Activity
    sender: FrameSender | None = None
    receiver: FrameReceiver | None = None
    sink: InputSink | None = None
    refused_inputs: int = 0
    refused_clipboard: int = 0  # clipboard texts dropped: not a way the activity allows
    monitors: dict[int, MonitorInfo] = field(default_factory=dict)
    # Pauses of remote input by the sharer's own user so far (``ControlState.pauses``): counted
    # on the sharer's side, as last heard on the viewer's.
    pauses: int = 0
    # The sharer's own user is using their mouse or keyboard now (the input sink says so).
    local_paused: bool = False


@dataclass(frozen=True)
class Host:
    """What the parts (screen, input, pointer, clipboard) use of the feature that holds them:
    the activities' lifecycle stays the feature's own."""

    session: LiveSession
    # This side's participant (raises when not in a session).
    me: Callable[[], ParticipantInfo]
    # The activity of that id on this side, ended or not, if still listed.
    find: Callable[[str], Running | None]
    # That activity if it is active and this side views it.
    viewing: Callable[[str], Running | None]
    # The activity's other participant, seen from this side.
    other: Callable[[Activity], str]
    # The activity changed: keep and publish it.
    update: Callable[[Running, Activity], None]
    # End the activity for that reason (audited, its parts closed).
    end: Callable[[Running, StopReason], Awaitable[None]]
