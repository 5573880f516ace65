"""Desktop sharing's views for one session, on either side: the commands the views send, the
frames and pointer arriving from the engine, the viewer windows and the indicator, and (in the
console) which customer the Desktop actions address and this session's picture options."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, Signal, Slot

from shared.features.desktop.activities import Activity, ActivityState
from shared.features.desktop.commands import SharingCommands
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.events import ActivityChanged, ClipboardArrived
from shared.features.desktop.forwarding import ForwardedView
from shared.features.desktop.frames import LatestFrames
from shared.features.desktop.protocol import NAME, ColourMode, Quality
from shared.features.desktop.remote_viewer import ViewDefaults
from shared.features.desktop.windows import SharingWindows, Side
from shared.qt.feature_views import SessionHost
from shared.session.live import LiveSession


@dataclass(frozen=True)
class DesktopState:
    """Desktop sharing's slice of the console's state: an activity waits for the customer's
    answer (``asked``), an activity is on (``shared``)."""

    asked: bool = False
    shared: bool = False

    @property
    def live(self) -> bool:
        """Something is asked or on."""
        return self.asked or self.shared


@runtime_checkable
class ViewPreferences(Protocol):
    """The console's preferences, as far as viewers go (csr_console.ui.preferences)."""

    def view_defaults(self) -> ViewDefaults: ...


class DesktopPart(QObject):
    activity_changed = Signal(object)  # Activity
    clipboard_arrived = Signal(object)  # ClipboardArrived
    # (activity id, x, y, visible): emitted on the asyncio thread, delivered on the Qt thread.
    cursor_moved = Signal(str, int, int, bool)
    # An assistant's side: the agent in charge's view forwarded to us starts or ends.
    forwarded = Signal(object)  # ForwardedView

    def __init__(self, host: SessionHost, preferences: ViewPreferences | None = None) -> None:
        super().__init__()
        self.host = host
        self.preferences = preferences
        self.feature: SharingFeature | None = None
        self.commands = SharingCommands(host.bridge, host.report_error)
        # Decoded frames, handed over from the decoder's thread; only the newest is kept.
        self.frames = LatestFrames(self)
        # This session's own picture options (the Session options); None: the preferences'.
        self.quality: Quality | None = None
        self.colour: ColourMode | None = None
        self._live: dict[str, ActivityState] = {}  # activity id -> requested or active
        self.windows = SharingWindows(self, Side.AGENT if host.side == "console" else Side.CUSTOMER)
        self.windows.view_defaults = self.view_defaults
        host.feature_event.connect(self._event)

    @property
    def available(self) -> bool:
        return self.feature is not None

    def adopt(self, session: LiveSession) -> None:
        self.feature = session.part(NAME, SharingFeature)
        self.commands.feature = self.feature
        if self.feature is not None:
            self.feature.on_frame = self.frames.put
            self.feature.on_cursor = self.cursor_moved.emit
        self._live.clear()
        self.quality = self.colour = None
        self.host.set_slice(NAME, DesktopState())

    def close(self) -> None:
        self.windows.close_all()

    def view_defaults(self) -> ViewDefaults:
        """How this session's next viewer opens: the preferences, then the session's options,
        beside the window the person is using."""
        preferences = self.preferences or self.host.preferences
        view = (
            preferences.view_defaults()
            if isinstance(preferences, ViewPreferences)
            else ViewDefaults()
        )
        return replace(
            view,
            quality=self.quality or view.quality,
            colour=self.colour or view.colour,
            near=self.host.near(),
        )

    def set_stream_defaults(self, quality: Quality, colour: ColourMode) -> None:
        self.quality, self.colour = quality, colour

    @Slot(object)
    def _event(self, event: object) -> None:
        if isinstance(event, ActivityChanged):
            self._activity(event.activity)
            self.activity_changed.emit(event.activity)
        elif isinstance(event, ClipboardArrived):
            self.clipboard_arrived.emit(event)
        elif isinstance(event, ForwardedView):
            self.forwarded.emit(event)

    def _activity(self, activity: Activity) -> None:
        was = self._state()
        if activity.live:
            self._live[activity.id] = activity.state
        else:
            self._live.pop(activity.id, None)
        now = self._state()
        if was != now:
            self.host.set_slice(NAME, now)

    def _state(self) -> DesktopState:
        states = set(self._live.values())
        return DesktopState(
            asked=ActivityState.REQUESTED in states, shared=ActivityState.ACTIVE in states
        )
