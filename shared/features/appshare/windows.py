"""The windows of a share on either side: the viewer's (the picture, and for control its mouse
and keyboard) and the sharer's indicator (what is shared, Add an application…, Remove, Stop)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from shared.features.appshare.engine import AppShare
from shared.features.appshare.texts import (
    add_text,
    listed,
    remove_text,
    stop_tip,
    stop_window_title,
    viewer_label,
    viewer_title,
    waiting_text,
)
from shared.qt.area_viewer import AreaViewer, InputMessage, drawing_paused_text
from shared.qt.stop_window import StopWindow
from shared.windows.apps import Application


class ShareViewer(AreaViewer):
    def __init__(
        self,
        share: AppShare,
        send: Callable[[InputMessage], None],
        stop: Callable[[], None],
        sharer_name: str = "",
    ) -> None:
        super().__init__(
            share.id,
            share.kind.controlled,
            send,
            stop,
            waiting_text(),
            sharer_id=share.sharer_id,
        )
        self.setObjectName("appShareViewer")
        self.sharer_name = sharer_name
        self.retitle(share)

    def retitle(self, share: AppShare) -> None:
        self.setWindowTitle(viewer_title(listed(share.apps)))
        self.describe(viewer_label(share.kind.controlled, self.sharer_name, share.apps))
        # The sharer draws over their screen: their side drops our input meanwhile.
        sharer_is_customer = not share.kind.agent_shares
        self.set_paused(drawing_paused_text(sharer_is_customer) if share.paused_for else "")


class SharerWindow(StopWindow):
    """Always on top while this side shares: what, and Stop; Add an application… and Remove
    for "several applications at once"."""

    def __init__(
        self,
        stop: Callable[[], None],
        add: Callable[[], None],
        remove: Callable[[str], None],
        shared: Callable[[], list[Application]],
        parent: QWidget | None,
    ) -> None:
        super().__init__("appShareStop", stop_window_title(), stop_tip(), stop, parent)
        self._remove, self._shared = remove, shared
        self.add_button = QPushButton(add_text())
        self.add_button.setObjectName("appShareAdd")
        self.add_button.clicked.connect(add)
        self.remove_button = QPushButton(remove_text())
        self.remove_button.setObjectName("appShareRemove")
        self.menu = QMenu(self)
        self.menu.aboutToShow.connect(self._fill)
        self.remove_button.setMenu(self.menu)
        # The Stop row: Add and Remove before the stretch that pushes Stop to the right.
        self.buttons_row.insertWidget(0, self.add_button)
        self.buttons_row.insertWidget(1, self.remove_button)

    def _fill(self) -> None:
        self.menu.clear()
        for app in self._shared():
            action = self.menu.addAction(app.name)
            action.triggered.connect(lambda _checked=False, key=app.key: self._remove(key))
