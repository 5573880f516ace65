"""Co-browsing as one feature of a live session: the agent asks to view or control the window
the customer launched the client from; the customer's engine decides, sends that window only,
and is the one that decides where the agent's input may land.

The same code runs in the console and in the client. On the customer's side:

- consent is asked through the session's gate, naming the window's title (view: an
  application view, which "allow everything" covers; control: asked each time, as desktop
  control is);
- the picture is the window's visible part only (``area.py``: covered parts hatched);
- input lands only on that visible part, looked up again for each event, keys only while the
  window has the keyboard; everything else is dropped and audited once;
- the window is watched: once closed, the share ends and both sides are told.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from shared.features.cobrowse.area import WindowArea
from shared.features.cobrowse.ports import (
    CobrowseMedia,
    InputMessage,
    InputSink,
    InputSinkFactory,
    LaunchingWindow,
    WindowReceiver,
    WindowSender,
    WindowsFactory,
)
from shared.features.cobrowse.protocol import (
    COBROWSE_MESSAGES,
    MAX_TITLE_CHARS,
    NAME,
    CobrowseAnswer,
    CobrowseEnd,
    CobrowseInput,
    CobrowseKind,
    CobrowseMediaAnswer,
    CobrowseOffer,
    CobrowsePaused,
    CobrowseRequest,
    CobrowseStop,
)
from shared.protocol.messages import PeerMessage, Role
from shared.protocol.screen import KeyAction, KeyInput, PointerInput
from shared.session.consent import PermissionKind
from shared.session.live import LiveSession
from shared.session.participants import Participant
from shared.session.stream_share import (
    WATCH_INTERVAL_S,
    ShareMessages,
    ShareState,
    StreamParts,
    StreamShares,
)
from shared.windows import WindowRef, WindowSystem

log = logging.getLogger(__name__)

PERMISSION: dict[CobrowseKind, PermissionKind] = {
    CobrowseKind.VIEW: PermissionKind.VIEW_APPLICATION,
    CobrowseKind.CONTROL: PermissionKind.CONTROL_APPLICATION,
}


CobrowseState = ShareState  # as every stream share's


@dataclass(frozen=True)
class Cobrowse:
    id: str
    kind: CobrowseKind
    agent_id: str
    customer_id: str
    state: CobrowseState = CobrowseState.REQUESTED
    title: str = ""  # the shared window's, once granted
    # Refused because there was no launching window to share.
    no_window: bool = False
    end: CobrowseEnd | None = None
    # Why the customer's side drops our input now ("": it does not; ``shared_screens.DRAWING``).
    paused_for: str = ""

    @property
    def live(self) -> bool:
        return self.state in (CobrowseState.REQUESTED, CobrowseState.ACTIVE)

    @property
    def sharer_id(self) -> str:
        return self.customer_id

    @property
    def viewer_id(self) -> str:
        return self.agent_id


@dataclass(frozen=True)
class CobrowseChanged:
    """Published to the views whenever a co-browse changes."""

    cobrowse: Cobrowse


@dataclass
class Running(StreamParts):
    """One co-browse's live parts on this side."""

    cobrowse: Cobrowse = field(kw_only=True)
    windows: WindowSystem | None = None
    area: WindowArea | None = None
    sender: WindowSender | None = None
    receiver: WindowReceiver | None = None
    sink: InputSink | None = None


class CobrowseFeature(StreamShares[Running]):
    name = NAME
    handles: tuple[type[PeerMessage], ...] = COBROWSE_MESSAGES
    ends = CobrowseEnd
    messages = ShareMessages(
        stop=CobrowseStop,
        input=CobrowseInput,
        offer=CobrowseOffer,
        media_answer=CobrowseMediaAnswer,
        answer=CobrowseAnswer,
        paused=CobrowsePaused,
    )

    def __init__(
        self,
        session: LiveSession,
        media: CobrowseMedia,
        windows: WindowsFactory | None,
        launching: LaunchingWindow,
        input_sinks: InputSinkFactory | None = None,
        pointer: Callable[[], tuple[int, int]] | None = None,
    ) -> None:
        super().__init__(session, media)
        self.media: CobrowseMedia = media
        self.windows = windows
        self.launching = launching
        self.input_sinks = input_sinks
        self.pointer = pointer
        self._ids = itertools.count(1)
        session.add_feature(self)

    @property
    def cobrowses(self) -> list[Cobrowse]:
        return [r.cobrowse for r in self._running.values()]

    # --- the agent's commands -----------------------------------------------------------------

    def request(self, kind: CobrowseKind, customer_id: str) -> Cobrowse:
        """The agent asks to view or control the customer's launching window."""
        me = self._me()
        if me.role != Role.PRIMARY_AGENT:
            raise PermissionError("only the agent in charge asks to co-browse")
        customer = self.session.engine.participant(customer_id)
        if customer is None or customer.is_agent or customer.gone_reason is not None:
            raise ValueError("that participant is not a customer in this session")
        for running in list(self._running.values()):
            live = running.cobrowse
            if live.customer_id == customer_id and live.live:
                if live.kind == kind:
                    return live
                # One co-browse per customer: the other kind replaces it (asked afresh).
                self._tell(live, CobrowseStop(id=live.id, reason=CobrowseEnd.STOPPED_BY_AGENT))
                self.session.spawn(self._end(running, CobrowseEnd.STOPPED_BY_AGENT))
        cobrowse = Cobrowse(
            id=f"{me.id}-c{next(self._ids)}", kind=kind, agent_id=me.id, customer_id=customer_id
        )
        self._running[cobrowse.id] = Running(cobrowse=cobrowse)
        self.session.engine.audit.record(
            "cobrowse.requested", me.id, what=kind.value, activity=cobrowse.id
        )
        self._publish(cobrowse)
        self.session.send_to(customer_id, CobrowseRequest(id=cobrowse.id, kind=kind))
        return cobrowse

    # --- messages from the peer ---------------------------------------------------------------

    def on_own(self, running: Running, remote_id: str, message: PeerMessage) -> None:
        if isinstance(message, CobrowseAnswer):
            self._answered(running, remote_id, message)

    # --- the customer's side ------------------------------------------------------------------

    async def _requested(self, asker: Participant, request: CobrowseRequest) -> None:
        remote_id = asker.id
        me = self._me()
        running = Running(
            cobrowse=Cobrowse(
                id=request.id, kind=request.kind, agent_id=remote_id, customer_id=me.id
            )
        )
        self._running[request.id] = running
        window, windows = self._launching_window()
        if window is None or windows is None:
            self.session.engine.audit.record("cobrowse.no_window", me.id, activity=request.id)
            self._refuse(running, no_window=True)
            return
        running.windows = windows
        self._publish(running.cobrowse)
        title = windows.title(window)[:MAX_TITLE_CHARS]
        if not await self._consented(
            running, asker, request.kind.value, PERMISSION[request.kind], title
        ):
            return
        if not windows.exists(window):  # closed while the customer was deciding
            self._refuse(running, no_window=True)
            return
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                remote_id, CobrowseAnswer(id=request.id, granted=True, title=title)
            )
        self._update(running, replace(running.cobrowse, state=CobrowseState.ACTIVE, title=title))
        await self._start_sending(running, windows, window)

    def _launching_window(self) -> tuple[WindowRef | None, WindowSystem | None]:
        """The window to share and the desktop's windows, if both are there."""
        window = self.launching()
        if window is None or self.windows is None:
            return None, None
        try:
            windows = self.windows()
        except Exception:
            log.warning("the desktop's windows cannot be read here", exc_info=True)
            return None, None
        if not windows.exists(window):
            windows.close()
            return None, None
        return window, windows

    def _refuse(self, running: Running, no_window: bool = False) -> None:
        cobrowse = running.cobrowse
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                cobrowse.agent_id,
                CobrowseAnswer(id=cobrowse.id, granted=False, no_window=no_window),
            )
        running.close_windows()
        self._update(running, replace(cobrowse, state=CobrowseState.REFUSED, no_window=no_window))

    async def _start_sending(
        self, running: Running, windows: WindowSystem, window: WindowRef
    ) -> None:
        if not await self._send_stream(running, WindowArea(windows, window), self.input_sinks):
            return
        running.watch = asyncio.ensure_future(self._watch(running, windows, window))

    async def _watch(self, running: Running, windows: WindowSystem, window: WindowRef) -> None:
        """End the share, telling the agent, once the window is closed."""
        while running.cobrowse.live:
            await asyncio.sleep(WATCH_INTERVAL_S)
            self._follow(running)  # annotations over the window follow it
            try:
                gone = not windows.exists(window)
            except Exception:  # the display itself went: so did the window
                log.warning("the shared window cannot be checked", exc_info=True)
                gone = True
            if running.cobrowse.live and gone:
                cobrowse = running.cobrowse
                self._tell(cobrowse, CobrowseStop(id=cobrowse.id, reason=CobrowseEnd.WINDOW_CLOSED))
                await self._end(running, CobrowseEnd.WINDOW_CLOSED, watching=True)
                return

    def _placed(
        self, running: Running, area: WindowArea, event: InputMessage
    ) -> InputMessage | None:
        """``event`` in screen pixels if it may land, else None. Pointer: on the window's
        visible part now. Keys and text: while the window has the keyboard (a key let go
        always passes: it types nothing, and a key left held would reach other windows)."""
        if isinstance(event, PointerInput):
            spot = area.place(event.x, event.y)
            if spot is None:
                return None
            return event.model_copy(
                update={"x": spot[0], "y": spot[1], "activity": running.cobrowse.id}
            )
        if isinstance(event, KeyInput) and event.action == KeyAction.UP:
            return event
        inside = self.pointer is not None and area.shows(*self.pointer())
        windows = running.windows
        if windows is None or not windows.has_focus(area.window, inside):
            return None
        return event

    # --- the agent's side ---------------------------------------------------------------------

    def _answered(self, running: Running, remote_id: str, answer: CobrowseAnswer) -> None:
        cobrowse = running.cobrowse
        if remote_id != cobrowse.customer_id or cobrowse.state != CobrowseState.REQUESTED:
            return
        if cobrowse.agent_id != self._me().id:
            return
        self.session.engine.audit.record(
            "cobrowse.answer", remote_id, granted=str(answer.granted), activity=cobrowse.id
        )
        if answer.granted:
            self._update(running, replace(cobrowse, state=CobrowseState.ACTIVE, title=answer.title))
        else:
            self._update(
                running,
                replace(cobrowse, state=CobrowseState.REFUSED, no_window=answer.no_window),
            )

    # --- both sides ---------------------------------------------------------------------------

    # --- StreamShares' hooks -------------------------------------------------------------------

    def record(self, running: Running) -> Cobrowse:
        return running.cobrowse

    def _update(self, running: Running, cobrowse: Cobrowse) -> None:
        running.cobrowse = cobrowse
        self._publish(cobrowse)
        self._ended_now(cobrowse)

    def controlled(self, cobrowse: Cobrowse) -> bool:
        return cobrowse.kind == CobrowseKind.CONTROL

    def placed(self, running: Running, event: InputMessage) -> InputMessage | None:
        return None if running.area is None else self._placed(running, running.area, event)

    def _publish(self, cobrowse: Cobrowse) -> None:
        self.session.engine.publish(CobrowseChanged(cobrowse))
