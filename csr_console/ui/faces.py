"""The console's three faces, and switching between them without a restart.

The faces are views only: the controller (and its sessions), the actions and the viewer windows
live outside them. Switching shows the chosen face and hides the other; nothing is torn down, so
a running session, its viewers and its chat carry on. A face is built the first time it is shown
and kept; a face built mid-session shows the chat so far from the session's own log.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from csr_console.ui.console_actions import ConsoleActions
from csr_console.ui.controller import ConsoleController
from csr_console.ui.dashboard import Dashboard
from csr_console.ui.icon_bar import IconBar
from csr_console.ui.multisession import MultisessionWindow
from csr_console.ui.preferences import FaceName


class FaceHost(QObject):
    # The console is closing (the agent closed the face on screen, or chose Quit).
    quit_requested = Signal()
    switched = Signal(object)  # FaceName

    def __init__(self, controller: ConsoleController, actions: ConsoleActions) -> None:
        super().__init__()
        self.controller = controller
        self.actions = actions
        self.faces: dict[FaceName, QWidget] = {}
        self.active: FaceName | None = None
        self._quitting = False
        self._builders: dict[FaceName, Callable[[], QWidget]] = {
            FaceName.DASHBOARD: lambda: Dashboard(controller, actions),
            FaceName.ICON_BAR: lambda: IconBar(controller, actions),
            FaceName.MULTISESSION: lambda: MultisessionWindow(controller, actions),
        }
        actions.switch_face = self.switch
        actions.quit = self.quit
        actions.face_closed = self._face_closed
        actions.preferences_applied = self.preferences_applied
        # The dashboard exists from the start: it is the face most agents use.
        self.face(FaceName.DASHBOARD)

    def face(self, name: FaceName) -> QWidget:
        if name not in self.faces:
            self.faces[name] = self._builders[name]()
        return self.faces[name]

    @property
    def dashboard(self) -> Dashboard:
        face = self.face(FaceName.DASHBOARD)
        assert isinstance(face, Dashboard)
        return face

    @property
    def window(self) -> QWidget:
        return self.faces[self.active or FaceName.DASHBOARD]

    def preferred(self) -> FaceName:
        account = self.controller.account
        return self.actions.preferences.effective_face(account.default_face if account else "")

    def show_preferred(self) -> None:
        self.switch(self.preferred())

    def switch(self, name: FaceName) -> None:
        """Show face ``name`` in place of the one on screen; sessions carry on untouched."""
        new = self.face(name)
        old = self.faces.get(self.active) if self.active is not None else None
        self.active = name
        self.actions.face = new
        self.actions.mark_face(name)
        if isinstance(new, IconBar):
            new.place()
        new.show()
        new.raise_()
        new.activateWindow()
        if old is not None and old is not new:
            old.hide()
        self.switched.emit(name)

    def preferences_applied(self) -> None:
        prefs = self.actions.preferences
        dashboard = self.faces.get(FaceName.DASHBOARD)
        if isinstance(dashboard, Dashboard):
            dashboard.apply_tab_order(prefs.tab_order)
        if self.active is not None and self.preferred() != self.active:
            self.switch(self.preferred())

    def _face_closed(self, face: QWidget) -> None:
        if not self._quitting and face is self.actions.face:
            self.quit()

    def quit(self) -> None:
        if self._quitting:
            return
        self._quitting = True
        for face in self.faces.values():
            face.close()
        self.controller.shutdown()
        self.quit_requested.emit()
