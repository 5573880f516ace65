"""Application sharing as one feature of a live session: one application (or a few) instead of
the whole desktop, in either direction.

- View / control (the customer's applications): the agent asks; the customer's engine asks the
  customer through the session's gate, then the customer picks the application on their own
  computer (one open, or "New application…", which it starts). Nothing the console sends names
  a window or a program.
- Show / give control (the agent's application): the agent picks one of theirs; the customer is
  asked; the agent's engine sends it, and takes the customer's input (give control) on it only.

On the sharing side only the shared applications' windows leave the computer (``area.py``:
everything else black, covered parts hatched) and the viewer's input lands only where a shared
window shows, looked up again for each event (keys: while a shared window has the keyboard);
everything else is dropped and audited. The sharer may add or remove applications while it
runs; once every shared application's windows are closed the share ends on both sides.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any, Final, Protocol

from shared.features.appshare.area import AppArea
from shared.features.appshare.protocol import (
    APPSHARE_MESSAGES,
    MAX_APP_NAME_CHARS,
    MAX_SHARED_APPS,
    NAME,
    ShareAnswer,
    ShareApps,
    ShareEnd,
    ShareInput,
    ShareKind,
    ShareMediaAnswer,
    ShareOffer,
    SharePaused,
    ShareRequest,
    ShareStop,
)
from shared.media.capture import CaptureArea
from shared.protocol.messages import IceServer, PeerMessage, Role
from shared.protocol.screen import KeyAction, KeyInput, PointerInput, TextInput
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
from shared.windows.apps import Application, ApplicationSystem, SharedApplications
from shared.windows.installed import Installed

log = logging.getLogger(__name__)

InputMessage = PointerInput | KeyInput | TextInput

# How long a started application has to show its first window before the start counts as
# failed (a large program takes a few seconds on a slow computer).
START_TIMEOUT_S: Final = 20.0

PERMISSION: dict[ShareKind, PermissionKind] = {
    ShareKind.VIEW: PermissionKind.VIEW_APPLICATION,
    ShareKind.CONTROL: PermissionKind.CONTROL_APPLICATION,
    ShareKind.SHOW: PermissionKind.SHOW_DESKTOP,
    ShareKind.GIVE_CONTROL: PermissionKind.GIVE_CONTROL,
}


@dataclass(frozen=True)
class AppShare:
    id: str
    kind: ShareKind
    agent_id: str
    customer_id: str
    state: ShareState = ShareState.REQUESTED
    apps: tuple[str, ...] = ()  # the shared applications' names, once granted
    end: ShareEnd | None = None
    # Why the sharer's side drops the viewer's input now ("": it does not; ``shared_screens.
    # DRAWING``).
    paused_for: str = ""

    @property
    def live(self) -> bool:
        return self.state in (ShareState.REQUESTED, ShareState.ACTIVE)

    @property
    def sharer_id(self) -> str:
        return self.agent_id if self.kind.agent_shares else self.customer_id

    @property
    def viewer_id(self) -> str:
        return self.customer_id if self.kind.agent_shares else self.agent_id


@dataclass(frozen=True)
class AppShareChanged:
    """Published to the views whenever a share changes."""

    share: AppShare


@dataclass(frozen=True)
class Choice:
    """What the sharer picked: an application open now, or one to start."""

    app: Application | None = None
    start: Installed | None = None


@dataclass(frozen=True)
class ChoiceAsked:
    """The picker's question: which application, for whom."""

    share_id: str
    kind: ShareKind
    agent_name: str
    open: list[Application]
    installed: list[Installed]
    adding: bool = False  # another application for a share running already


Chooser = Callable[[ChoiceAsked], Awaitable[Choice | None]]


class ShareSender(Protocol):
    async def create_offer(self) -> str: ...

    async def accept_answer(self, sdp: str) -> None: ...

    async def close(self) -> None: ...

    def refresh(self) -> None:
        """Send a fresh picture now (what is shared changed, the screen did not)."""


class ShareReceiver(Protocol):
    async def accept_offer(self, sdp: str) -> str: ...

    async def close(self) -> None: ...


class ShareMedia(Protocol):
    """The media layer (the real one: ``shared.media.area_media``, in ``machine.py``)."""

    def sender(self, area: CaptureArea, ice_servers: list[IceServer]) -> ShareSender: ...

    def receiver(
        self, ice_servers: list[IceServer], on_frame: Callable[[Any], None]
    ) -> ShareReceiver: ...


class InputSink(Protocol):
    """Injects input on this desktop, in screen pixels (placed and checked by the engine)."""

    def apply(self, message: InputMessage) -> bool: ...

    def stop(self) -> None: ...


@dataclass
class Running(StreamParts):
    """One share's live parts on this side."""

    share: AppShare = field(kw_only=True)
    windows: ApplicationSystem | None = None
    shared: SharedApplications | None = None  # the sharer's
    area: AppArea | None = None
    sender: ShareSender | None = None
    receiver: ShareReceiver | None = None
    sink: InputSink | None = None


def names(apps: list[Application]) -> list[str]:
    return [app.name[:MAX_APP_NAME_CHARS] for app in apps][:MAX_SHARED_APPS]


class AppShareFeature(StreamShares[Running]):
    name = NAME
    handles: tuple[type[PeerMessage], ...] = APPSHARE_MESSAGES
    ends = ShareEnd
    messages = ShareMessages(
        stop=ShareStop,
        input=ShareInput,
        offer=ShareOffer,
        media_answer=ShareMediaAnswer,
        answer=ShareAnswer,
        paused=SharePaused,
    )

    def __init__(
        self,
        session: LiveSession,
        media: ShareMedia,
        systems: Callable[[], ApplicationSystem] | None,
        input_sinks: Callable[[], InputSink] | None = None,
        pointer: Callable[[], tuple[int, int]] | None = None,
        installed: Callable[[], list[Installed]] = list,
        start_app: Callable[[Installed], int] | None = None,
    ) -> None:
        super().__init__(session, media)
        self.media: ShareMedia = media
        self.systems = systems
        self.input_sinks = input_sinks
        self.pointer = pointer
        self.installed = installed
        self.start_app = start_app
        # Set by the sharer's view: asks which application to share (None: nothing picked).
        self.chooser: Chooser | None = None
        self._ids = itertools.count(1)
        session.add_feature(self)

    @property
    def shares(self) -> list[AppShare]:
        return [r.share for r in self._running.values()]

    def shared_apps(self, share_id: str) -> list[Application]:
        """The sharer's applications in ``share_id`` now (for its Stop window's list)."""
        running = self._running.get(share_id)
        return running.shared.apps() if running is not None and running.shared else []

    def open_applications(self) -> list[Application]:
        """This computer's applications with windows open (the agent's picker)."""
        if self.systems is None:
            return []
        system = self.systems()
        try:
            return system.applications()
        finally:
            system.close()

    # --- the agent's commands -----------------------------------------------------------------

    def request(
        self, kind: ShareKind, customer_id: str, app: Application | None = None
    ) -> AppShare:
        """The agent asks to view or control the customer's applications (``app``: None), or
        to show or give control of ``app``, one of their own."""
        me = self._me()
        if me.role != Role.PRIMARY_AGENT:
            raise PermissionError("only the agent in charge shares applications")
        customer = self.session.engine.participant(customer_id)
        if customer is None or customer.is_agent or customer.gone_reason is not None:
            raise ValueError("that participant is not a customer in this session")
        if kind.agent_shares and (app is None or self.systems is None):
            raise ValueError("pick one of your applications to show")
        for running in list(self._running.values()):
            if running.share.customer_id == customer_id and running.share.live:
                # One share per customer: a new one replaces it (asked afresh).
                self._tell(
                    running.share, ShareStop(id=running.share.id, reason=ShareEnd.STOPPED_BY_AGENT)
                )
                self.session.spawn(self._end(running, ShareEnd.STOPPED_BY_AGENT))
        share = AppShare(
            id=f"{me.id}-a{next(self._ids)}", kind=kind, agent_id=me.id, customer_id=customer_id
        )
        running = Running(share=share)
        apps: list[str] = []
        if app is not None and kind.agent_shares and self.systems is not None:
            running.windows = self.systems()
            running.shared = SharedApplications([app])
            apps = names([app])
        self._running[share.id] = running
        self.session.engine.audit.record(
            "appshare.requested", me.id, what=kind.value, activity=share.id
        )
        self.session.engine.publish(AppShareChanged(share))
        self.session.send_to(customer_id, ShareRequest(id=share.id, kind=kind, apps=apps))
        return share

    async def show(self, kind: ShareKind, customer_id: str, choice: Choice) -> AppShare | None:
        """The agent shows (or gives control of) the application they picked: one open, or
        one they start for it."""
        if self.systems is None:
            return None
        system = self.systems()
        try:
            app = await self._resolve(system, choice)
        finally:
            system.close()
        return self.request(kind, customer_id, app) if app is not None else None

    async def add(self, share_id: str, choice: Choice) -> Application | None:
        """The sharer adds an application to a running share."""
        running = self._running.get(share_id)
        if (
            running is None
            or running.share.state != ShareState.ACTIVE
            or running.share.sharer_id != self._me().id
            or running.shared is None
            or running.windows is None
        ):
            return None
        if len(running.shared.apps()) >= MAX_SHARED_APPS:
            return None
        app = await self._resolve(running.windows, choice)
        if app is None or not running.share.live:
            return None
        running.shared.add(app)
        self.session.engine.audit.record("appshare.added", self._me().id, activity=share_id)
        self._apps_changed(running)
        return app

    async def remove(self, share_id: str, key: str) -> None:
        """The sharer takes one application out of the share; the last one out ends it."""
        running = self._running.get(share_id)
        if (
            running is None
            or not running.share.live
            or running.share.sharer_id != self._me().id
            or running.shared is None
        ):
            return
        if running.shared.remove(key) is None:
            return
        self.session.engine.audit.record("appshare.removed", self._me().id, activity=share_id)
        if not running.shared.apps():
            await self.stop(share_id)
        else:
            self._apps_changed(running)

    # --- messages from the peer ---------------------------------------------------------------

    def on_own(self, running: Running, remote_id: str, message: PeerMessage) -> None:
        if isinstance(message, ShareAnswer):
            self._answered(running, remote_id, message)
        elif isinstance(message, ShareApps):
            self._apps_heard(running, remote_id, message)

    # --- the customer's side: asked -----------------------------------------------------------

    async def _requested(self, asker: Participant, request: ShareRequest) -> None:
        remote_id = asker.id
        me = self._me()
        share = AppShare(id=request.id, kind=request.kind, agent_id=remote_id, customer_id=me.id)
        running = Running(share=share)
        self._running[request.id] = running
        self.session.engine.publish(AppShareChanged(running.share))
        what, subject = (
            request.kind.value,
            ", ".join(request.apps) if request.kind.agent_shares else "",
        )
        if not await self._consented(running, asker, what, PERMISSION[request.kind], subject):
            return
        if request.kind.agent_shares:  # the agent's application: they send it once told yes
            self._grant(running, list(request.apps))
            return
        app = await self._pick(running, asker.name)
        if running.share.state != ShareState.REQUESTED:
            return
        if app is None:
            self._refuse(running)
            return
        running.shared = SharedApplications([app])
        self._grant(running, names([app]))
        await self._start_sending(running)

    async def _pick(self, running: Running, agent_name: str) -> Application | None:
        """The customer picks the application to share, here; None: they did not."""
        if self.systems is None or self.chooser is None:
            return None
        try:
            running.windows = system = self.systems()
        except Exception:
            log.warning("the desktop's applications cannot be read here", exc_info=True)
            return None
        asked = ChoiceAsked(
            running.share.id,
            running.share.kind,
            agent_name,
            system.applications(),
            self._installed(),
        )
        choice = await self.chooser(asked)
        if choice is None:
            return None
        return await self._resolve(system, choice)

    def _installed(self) -> list[Installed]:
        try:
            return self.installed()
        except Exception:
            log.warning("the installed applications cannot be read", exc_info=True)
            return []

    async def _resolve(self, system: ApplicationSystem, choice: Choice) -> Application | None:
        """The application picked: one open now (looked up again here, by its key: nothing
        but what this computer lists can be shared), or the one started for it."""
        if choice.app is not None:
            return next((a for a in system.applications() if a.key == choice.app.key), None)
        if choice.start is None or self.start_app is None:
            return None
        try:
            pid = self.start_app(choice.start)
        except OSError:
            log.warning("could not start %s", choice.start.id, exc_info=True)
            return None
        self.session.engine.audit.record("appshare.started_app", self._me().id, app=choice.start.id)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + START_TIMEOUT_S
        while loop.time() < deadline:
            for app in system.applications():
                wm_class = choice.start.wm_class
                if app.key == f"pid:{pid}" or (wm_class and app.name == wm_class):
                    return app
            await asyncio.sleep(WATCH_INTERVAL_S)  # its first window is not up yet
        return None

    def _grant(self, running: Running, apps: list[str]) -> None:
        share = running.share
        with contextlib.suppress(ConnectionError):
            self.session.send_to(share.agent_id, ShareAnswer(id=share.id, granted=True, apps=apps))
        self._update(running, replace(share, state=ShareState.ACTIVE, apps=tuple(apps)))

    def _refuse(self, running: Running) -> None:
        share = running.share
        with contextlib.suppress(ConnectionError):
            self.session.send_to(share.agent_id, ShareAnswer(id=share.id, granted=False))
        running.close_windows()
        self._update(running, replace(share, state=ShareState.REFUSED))

    # --- the sharing side ---------------------------------------------------------------------

    async def _start_sending(self, running: Running) -> None:
        if running.windows is None or running.shared is None:
            return
        area = AppArea(running.windows, running.shared)
        if not await self._send_stream(running, area, self.input_sinks):
            return
        running.watch = asyncio.ensure_future(self._watch(running))

    async def _watch(self, running: Running) -> None:
        """Follow the shared applications' windows: new ones join, and once the last is
        closed the share ends, both sides told."""
        system, shared = running.windows, running.shared
        assert system is not None and shared is not None
        while running.share.live:
            await asyncio.sleep(WATCH_INTERVAL_S)
            self._follow(running)  # annotations over the windows follow them
            try:
                gone = shared.refresh(system.applications())
            except Exception:  # the display itself went: so did the windows
                log.warning("the shared applications cannot be read", exc_info=True)
                gone = shared.apps()
                for app in gone:
                    shared.remove(app.key)
            if not running.share.live or not gone:
                continue
            self.session.engine.audit.record(
                "appshare.app_closed", self._me().id, activity=running.share.id
            )
            if shared.apps():
                self._apps_changed(running)
                continue
            share = running.share
            self._tell(share, ShareStop(id=share.id, reason=ShareEnd.APP_CLOSED))
            await self._end(running, ShareEnd.APP_CLOSED, watching=True)
            return

    def _apps_changed(self, running: Running) -> None:
        assert running.shared is not None
        apps = names(running.shared.apps())
        if running.sender is not None:
            running.sender.refresh()
        self._tell(running.share, ShareApps(id=running.share.id, apps=apps))
        self._update(running, replace(running.share, apps=tuple(apps)))

    # --- the agent's side ---------------------------------------------------------------------

    def _answered(self, running: Running, remote_id: str, answer: ShareAnswer) -> None:
        share = running.share
        if remote_id != share.customer_id or share.state != ShareState.REQUESTED:
            return
        if share.agent_id != self._me().id:
            return
        self.session.engine.audit.record(
            "appshare.answer", remote_id, granted=str(answer.granted), activity=share.id
        )
        if not answer.granted:
            running.close_windows()
            self._update(running, replace(share, state=ShareState.REFUSED))
            return
        if share.kind.agent_shares and running.shared is not None:
            apps = names(running.shared.apps())
            self._update(running, replace(share, state=ShareState.ACTIVE, apps=tuple(apps)))
            self.session.spawn(self._start_sending(running))
        else:
            self._update(running, replace(share, state=ShareState.ACTIVE, apps=tuple(answer.apps)))

    def _apps_heard(self, running: Running, remote_id: str, message: ShareApps) -> None:
        share = running.share
        if remote_id == share.sharer_id and share.viewer_id == self._me().id and share.live:
            self._update(running, replace(share, apps=tuple(message.apps)))

    # --- the viewing side ---------------------------------------------------------------------

    # --- both sides ---------------------------------------------------------------------------

    # --- StreamShares' hooks -------------------------------------------------------------------

    def record(self, running: Running) -> AppShare:
        return running.share

    def _update(self, running: Running, share: AppShare) -> None:
        running.share = share
        self.session.engine.publish(AppShareChanged(share))
        self._ended_now(share)

    def controlled(self, share: AppShare) -> bool:
        return share.kind.controlled

    def placed(self, running: Running, event: InputMessage) -> InputMessage | None:
        """Pointer: where a shared window shows now. Keys and text: while a shared window has
        the keyboard (a key let go always passes: it types nothing, and a key left held would
        reach other windows)."""
        area = running.area
        if area is None:
            return None
        if isinstance(event, PointerInput):
            spot = area.place(event.x, event.y)
            if spot is None:
                return None
            return event.model_copy(
                update={"x": spot[0], "y": spot[1], "activity": running.share.id}
            )
        if isinstance(event, KeyInput) and event.action == KeyAction.UP:
            return event
        pointer = self.pointer() if self.pointer is not None else None
        return event if area.has_keyboard(pointer) else None
