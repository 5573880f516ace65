"""What either app shows of desktop sharing, from the engine's activity events: a viewer window
per screen we watch, the indicator while our screen is shared, the clipboard the ways each
activity allows.

One implementation for both directions: which side shares follows from the activity's kind and
from which side this app is (the agent's console or the customer's client)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from shared.features.desktop.activities import CUSTOMER_SHARES, Activity, ActivityState
from shared.features.desktop.clipboard_sync import ClipboardSync
from shared.features.desktop.events import ClipboardArrived
from shared.features.desktop.forwarded_viewer import ForwardedViewer
from shared.features.desktop.forwarding import ForwardedView
from shared.features.desktop.indicator import SharingIndicator
from shared.features.desktop.protocol import ClipboardWay
from shared.features.desktop.remote_viewer import RemoteViewer, ViewDefaults
from shared.features.desktop.texts import being_asked_text, indicator_text, shared_now_text
from shared.qt.shared_pictures import show_picture
from shared.session.participants import Participant, assistants_here

if TYPE_CHECKING:
    from shared.features.desktop.part import DesktopPart


class Side(StrEnum):
    AGENT = "agent"
    CUSTOMER = "customer"


class SharingWindows(QObject):
    # Sentences about what is shared right now (empty: nothing); for the app's own window.
    shared_now = Signal(list)

    def __init__(self, part: DesktopPart, side: Side) -> None:
        super().__init__(part)
        self.part = part
        self.side = side
        self.commands = part.commands
        self.activities: dict[str, Activity] = {}
        self.viewers: dict[str, RemoteViewer] = {}
        # An assistant's windows on the agent in charge's views, forwarded to us (read-only).
        self.forwarded: dict[str, ForwardedViewer] = {}
        self._names: dict[str, str] = {}
        # The assistant agents present: the agent in charge's console forwards what a customer
        # shares to them, so the customer's reminder names them too.
        self._assistants: list[str] = []
        # How a new viewer opens (the app's preferences); None: the manual's default.
        self.view_defaults: Callable[[], ViewDefaults] | None = None
        self.indicator = SharingIndicator(self.commands.stop)
        self.clipboard = ClipboardSync(self.commands.send_clipboard, parent=self)
        part.activity_changed.connect(self.activity_changed)
        part.clipboard_arrived.connect(self._clipboard_arrived)
        part.frames.arrived.connect(self._frame_arrived)
        part.cursor_moved.connect(self._cursor_moved)
        part.forwarded.connect(self._forwarded)
        part.host.participants_changed.connect(self._participants)
        part.host.session_closed.connect(self._session_closed)
        part.host.attention.connect(self._attention)

    def i_share(self, activity: Activity) -> bool:
        return (self.side == Side.CUSTOMER) == (activity.kind in CUSTOMER_SHARES)

    def _also_seeing(self, activity: Activity) -> list[str]:
        """Who else sees what we share: a customer's screen goes on to the assistants."""
        return self._assistants if self.side == Side.CUSTOMER and self.i_share(activity) else []

    def other_name(self, activity: Activity) -> str:
        other = activity.customer_id if self.side == Side.AGENT else activity.agent_id
        return self._names.get(other, other)

    @Slot(object)
    def activity_changed(self, activity: Activity) -> None:
        self.activities[activity.id] = activity
        viewer = self.viewers.get(activity.id)
        if activity.state == ActivityState.ACTIVE and not self.i_share(activity):
            if viewer is None:
                self._open_viewer(activity)
            else:
                viewer.update_activity(activity)
        elif not activity.live and viewer is not None:
            _dispose(self.viewers.pop(activity.id))
            self.part.frames.forget(activity.id)
        if not activity.live:
            del self.activities[activity.id]  # its end is told by the app's own window
        self._refresh()

    def _open_viewer(self, activity: Activity) -> None:
        viewer = RemoteViewer(
            activity,
            self.commands,
            sharer_name=self.other_name(activity),
            sharer_is_customer=activity.kind in CUSTOMER_SHARES,
        )
        self.viewers[activity.id] = viewer
        # Features that work over a shared screen (annotation) find its picture there.
        show_picture(viewer.view.viewport(), activity.sharer_id, viewer.view.image_rect)
        viewer.open(self.view_defaults() if self.view_defaults is not None else None)

    def _refresh(self) -> None:
        live = list(self.activities.values())
        mine = [a for a in live if a.state == ActivityState.ACTIVE and self.i_share(a)]
        self.indicator.show_shared(
            [
                (a.id, indicator_text(a.kind.value, self.other_name(a), self._also_seeing(a)))
                for a in mine
            ]
        )
        active = [a for a in live if a.state == ActivityState.ACTIVE]
        # Our clipboard's way out, and the way the other side's comes in.
        out, into = ClipboardWay.TO_AGENT, ClipboardWay.TO_CUSTOMER
        if self.side == Side.AGENT:
            out, into = into, out
        self.clipboard.set_activities(
            sending={a.id for a in active if out in a.clipboard},
            receiving={a.id for a in active if into in a.clipboard},
        )
        self.shared_now.emit([self._now_text(a) for a in live])

    def _now_text(self, activity: Activity) -> str:
        other = self.other_name(activity)
        if activity.state == ActivityState.REQUESTED and self.side == Side.CUSTOMER:
            # Consent is asked on the customer's side: the question is open in its own window.
            return being_asked_text(activity.kind.value, other)
        return shared_now_text(
            activity.kind.value, activity.state.value, other, self.i_share(activity)
        )

    @Slot(str)
    def _frame_arrived(self, activity_id: str) -> None:
        frame = self.part.frames.take(activity_id)
        viewer = self.viewers.get(activity_id) or self.forwarded.get(activity_id)
        if frame is not None and viewer is not None:
            viewer.show_frame(frame)

    @Slot(object)
    def _forwarded(self, view: ForwardedView) -> None:
        """The agent in charge's view reaches us (an assistant), or ends: its window follows."""
        window = self.forwarded.pop(view.activity_id, None)
        if window is not None:
            window.view.drop_frame()
            window.close()
            window.deleteLater()
            self.part.frames.forget(view.activity_id)
        if view.live:
            window = ForwardedViewer(
                view.activity_id,
                self._names.get(view.customer_id, view.customer_id),
                self._names.get(view.primary_id, view.primary_id),
            )
            self.forwarded[view.activity_id] = window
            show_picture(window.view.viewport(), view.customer_id, window.view.image_rect)
            window.open(self.part.host.near())

    @Slot(str, int, int, bool)
    def _cursor_moved(self, activity_id: str, x: int, y: int, visible: bool) -> None:
        viewer = self.viewers.get(activity_id)
        if viewer is not None:
            viewer.view.set_remote_cursor((x, y) if visible else None)

    @Slot(object)
    def _clipboard_arrived(self, event: ClipboardArrived) -> None:
        self.clipboard.arrived(event.activity_id, event.text)

    @Slot(str, str)
    def _attention(self, who: str, text: str) -> None:
        # A viewer (full screen by default) covers the app's window: a chat line, say, shows
        # over it.
        for viewer in self.viewers.values():
            viewer.chat_notice.show_line(who, text)

    @Slot(object)
    def _participants(self, participants: tuple[Participant, ...]) -> None:
        self._names = {p.id: p.name for p in participants}
        self._assistants = [p.name for p in assistants_here(participants)]
        self._refresh()

    @Slot(object)
    def _session_closed(self, _: object) -> None:
        for viewer in self.viewers.values():
            _dispose(viewer)
        self.viewers.clear()
        for window in self.forwarded.values():
            window.close()
            window.deleteLater()
        self.forwarded.clear()
        self.activities.clear()
        self._refresh()

    def close_all(self) -> None:
        self._session_closed(None)
        self.indicator.close()


def _dispose(viewer: RemoteViewer) -> None:
    """Close a viewer for good. Its C++ side must go too: its own signal connections keep the
    Python side alive, and with it the last frame and a screen-sized backing store (~17 MB at
    1080p full screen for every view ever opened, before this). Once it is gone, the heap's
    free pages go back to the system."""
    viewer.close_for_engine()
    viewer.view.drop_frame()
    viewer.destroyed.connect(_trim_heap_soon)
    viewer.deleteLater()


def _trim_heap_soon() -> None:
    """A viewer is being destroyed: trim the heap once its deletion has run to its end."""
    # Imported here: the media parts load only with sharing (a viewer means they did).
    from shared.media.memory import trim_heap

    QTimer.singleShot(0, trim_heap)
