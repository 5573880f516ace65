"""Application sharing's views for one session, on either side: the commands sent to the
engine, the picker (opened on the Qt thread when the engine asks which application), the
frames arriving for the viewer."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from shared.features.appshare.engine import (
    AppShare,
    AppShareChanged,
    AppShareFeature,
    Choice,
    ChoiceAsked,
    InputMessage,
)
from shared.features.appshare.picker import AppPicker
from shared.features.appshare.protocol import NAME, ShareKind
from shared.features.appshare.texts import listed, picker_question
from shared.features.appshare.windows import SharerWindow, ShareViewer
from shared.qt.feature_views import SessionHost
from shared.qt.frame_mailbox import FrameMailbox
from shared.session.live import LiveSession
from shared.session.stream_share import ShareState
from shared.windows.apps import Application

Reply = Callable[[Choice | None], None]


class AppSharePart(QObject):
    changed = Signal(object)  # AppShare
    picker_opened = Signal(object)  # AppPicker, for the tests and screenshots
    _ask = Signal(object, object)  # (ChoiceAsked, Reply): open the picker on the Qt thread

    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        self.feature: AppShareFeature | None = None
        self.frames = FrameMailbox()
        # The shares going on, as the engine last told this (Qt) thread.
        self.live: dict[str, AppShare] = {}
        self.picker: AppPicker | None = None
        self.viewers: dict[str, ShareViewer] = {}
        self.sharer_window: SharerWindow | None = None
        self.sharing: AppShare | None = None  # what this side shares now
        host.feature_event.connect(self._event)
        self._ask.connect(self._open_picker)
        self.frames.ready.connect(self._frame_ready)
        self.changed.connect(self._windows)

    @property
    def available(self) -> bool:
        return self.feature is not None

    def me(self) -> str | None:
        session = self.host.session
        me = session.engine.me if session is not None else None
        return me.id if me is not None else None

    def name_of(self, participant_id: str) -> str:
        """A participant's name as this side knows it ("" if it does not)."""
        session = self.host.session
        who = session.engine.participant(participant_id) if session is not None else None
        return who.name if who is not None else ""

    def adopt(self, session: LiveSession) -> None:
        self.live.clear()
        self.feature = session.part(NAME, AppShareFeature)
        if self.feature is not None:
            self.feature.on_frame = self.frames.put
            self.feature.chooser = self.choose

    def close(self) -> None:
        self.frames.clear()
        if self.picker is not None:
            self.picker.reject()
        for viewer in list(self.viewers.values()):
            viewer.ended()
        self.viewers.clear()
        if self.sharer_window is not None:
            self.sharer_window.ended()

    # --- the windows: the viewer's picture, the sharer's indicator ----------------------------

    @Slot(object)
    def _windows(self, share: AppShare) -> None:
        me = self.me()
        viewer = self.viewers.get(share.id)
        if me == share.viewer_id:
            if share.state == ShareState.ACTIVE and viewer is None:
                self.viewers[share.id] = viewer = ShareViewer(
                    share,
                    lambda event: self.send_input(share.id, event),
                    lambda: self.stop(share.id),
                    self.name_of(share.sharer_id),
                )
                viewer.show()
            elif viewer is not None and share.live:
                viewer.retitle(share)
            elif viewer is not None:
                del self.viewers[share.id]
                viewer.ended()
        elif me == share.sharer_id:
            if share.state == ShareState.ACTIVE:
                self.sharing = share
                self._sharer_window().running(self.running_text(share))
            elif self.sharing is not None and self.sharing.id == share.id and not share.live:
                self.sharing = None
                self._sharer_window().ended()

    def running_text(self, share: AppShare) -> str:
        """What the sharer's indicator says (each side words it)."""
        return listed(share.apps)

    def _sharer_window(self) -> SharerWindow:
        if self.sharer_window is None:
            self.sharer_window = SharerWindow(
                self._stop_sharing,
                self._add_to_sharing,
                self._remove_from_sharing,
                self._shared,
                self.host.near(),
            )
        return self.sharer_window

    def _add_to_sharing(self) -> None:
        if self.sharing is not None:
            self.add(self.sharing.id)

    def _remove_from_sharing(self, key: str) -> None:
        if self.sharing is not None:
            self.remove(self.sharing.id, key)

    def _stop_sharing(self) -> None:
        if self.sharing is not None:
            self.stop(self.sharing.id)

    def _shared(self) -> list[Application]:
        if self.feature is None or self.sharing is None:
            return []
        return self.feature.shared_apps(self.sharing.id)

    @Slot(str)
    def _frame_ready(self, share_id: str) -> None:
        frame = self.frames.take(share_id)
        viewer = self.viewers.get(share_id)
        if frame is not None and viewer is not None:
            viewer.show_frame(frame)

    # --- the picker ---------------------------------------------------------------------------

    async def choose(self, asked: ChoiceAsked) -> Choice | None:
        """The engine asks which application (on its loop): the picker answers (Qt thread)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Choice | None] = loop.create_future()

        def settle(choice: Choice | None) -> None:
            if not future.done():
                future.set_result(choice)

        def reply(choice: Choice | None) -> None:  # on the Qt thread
            loop.call_soon_threadsafe(settle, choice)

        self._ask.emit(asked, reply)
        return await future

    @Slot(object, object)
    def _open_picker(self, asked: ChoiceAsked, reply: Reply) -> None:
        if self.picker is not None:
            self.picker.reject()  # one picker at a time
        question = picker_question(asked.kind, asked.agent_name, asked.adding)
        picker = self.picker = AppPicker(question, asked.open, asked.installed, self.host.near())

        def finished(_: int) -> None:
            if self.picker is picker:
                self.picker = None
            reply(picker.chosen)
            picker.deleteLater()

        picker.finished.connect(finished)
        picker.show()
        picker.raise_()
        picker.activateWindow()
        self.picker_opened.emit(picker)

    def pick_here(self, kind: ShareKind, adding: bool, then: Callable[[Choice], None]) -> None:
        """This side picks one of its own applications (the agent's show, an added one), then
        ``then`` runs with it."""
        feature = self.feature
        if feature is None:
            return
        try:
            apps, installed = feature.open_applications(), feature.installed()
        except Exception as error:  # no display, no application listing here
            self.host.report_error(None, error)
            return
        asked = ChoiceAsked("", kind, "", apps, installed, adding=adding)

        def chosen(choice: Choice | None) -> None:
            if choice is not None:
                then(choice)

        self._open_picker(asked, chosen)

    # --- commands, run on the engine's loop ---------------------------------------------------

    def request(self, kind: ShareKind) -> None:
        feature, customer = self.feature, self.host.current_customer()
        if feature is None or customer is None:
            return
        if not kind.agent_shares:

            async def ask() -> AppShare:
                return feature.request(kind, customer)

            self.host.bridge.run(ask(), self.host.report_error)
            return
        self.pick_here(
            kind,
            False,
            lambda choice: self.host.bridge.run(
                feature.show(kind, customer, choice), self.host.report_error
            ),
        )

    def add(self, share_id: str) -> None:
        feature = self.feature
        share = self.live.get(share_id)
        if feature is None or share is None:
            return
        self.pick_here(
            share.kind,
            True,
            lambda choice: self.host.bridge.run(
                feature.add(share_id, choice), self.host.report_error
            ),
        )

    def remove(self, share_id: str, key: str) -> None:
        if self.feature is not None:
            self.host.bridge.run(self.feature.remove(share_id, key), self.host.report_error)

    def stop(self, share_id: str) -> None:
        if self.feature is not None:
            self.host.bridge.run(self.feature.stop(share_id), self.host.report_error)

    def send_input(self, share_id: str, event: InputMessage) -> None:
        feature = self.feature
        if feature is None:
            return

        async def send() -> None:
            feature.send_input(share_id, event)

        self.host.bridge.run(send(), self.host.report_error)

    # --- from the engine ----------------------------------------------------------------------

    @Slot(object)
    def _event(self, event: object) -> None:
        if isinstance(event, AppShareChanged):
            if event.share.live:
                self.live[event.share.id] = event.share
            else:
                self.live.pop(event.share.id, None)
                self.frames.forget(event.share.id)
            self.changed.emit(event.share)
