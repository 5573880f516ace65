"""The console's three faces, and switching between them without a restart.

The faces are views only: the controller (and its sessions), the actions and the viewer windows
live outside them. Switching shows the chosen face and hides the other; nothing is torn down, so
a running session, its viewers and its chat carry on. A face is built the first time it is shown
and kept; a face built mid-session shows the chat so far from the session's own log.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from csr_console.ui.console_actions import ConsoleActions
from csr_console.ui.controller import ConsoleController
from csr_console.ui.dashboard import Dashboard
from csr_console.ui.icon_bar import IconBar
from csr_console.ui.leaving import ask_how_to_leave
from csr_console.ui.multisession import MultisessionWindow
from csr_console.ui.preferences import FaceName
from shared.qt.window_place import WindowPlace


class FaceHost(QObject):
    # The console is closing (the agent closed the face on screen, or chose Quit).
    quit_requested = Signal()
    switched = Signal(object)  # FaceName
    # The agent signed out: the faces are hidden, the sign-in screen is for whoever shows it.
    signed_out = Signal()

    def __init__(self, controller: ConsoleController, actions: ConsoleActions) -> None:
        super().__init__()
        self.controller = controller
        self.actions = actions
        self.faces: dict[FaceName, QWidget] = {}
        # Where each face was left (kept in the preferences' settings), put back when first shown.
        self.places: dict[FaceName, WindowPlace] = {}
        self.active: FaceName | None = None
        self._quitting = False
        # False when the support center runs inside this console (the demo): it stops with
        # the console, so sessions cannot be kept for a return.
        self.center_outlives_console = True
        self._placed: set[FaceName] = set()
        # The question asked before quitting or signing out with customers connected.
        self.question: QMessageBox | None = None
        self._builders: dict[FaceName, Callable[[], QWidget]] = {
            FaceName.DASHBOARD: lambda: Dashboard(controller, actions),
            FaceName.ICON_BAR: lambda: IconBar(controller, actions),
            FaceName.MULTISESSION: lambda: MultisessionWindow(controller, actions),
        }
        actions.switch_face = self.switch
        actions.quit = self.request_quit
        actions.sign_out = self.request_sign_out
        controller.signed_out.connect(self._signed_out)
        actions.face_closed = self._face_closed
        actions.preferences_applied = self.preferences_applied
        # The dashboard exists from the start: it is the face most agents use.
        self.face(FaceName.DASHBOARD)

    def face(self, name: FaceName) -> QWidget:
        if name not in self.faces:
            self.faces[name] = self._builders[name]()
            self.places[name] = WindowPlace(
                self.faces[name],
                self.actions.preferences.settings,
                name.value,
                keep_size=name != FaceName.ICON_BAR,  # the bar's size follows its content
            )
            # Closing a face asks first, like Quit, when customers are connected.
            self.faces[name].installEventFilter(self)
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
        if not new.isVisible() and name not in self._placed:
            self._placed.add(name)
            place = self.places[name]
            if isinstance(new, IconBar) and place.saved is None:
                new.place(old)
            else:
                place.restore(old)  # where it was left, else beside the face on screen
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The face on screen being closed with customers connected: ask first (the face stays
        until the answer)."""
        if (
            event.type() == QEvent.Type.Close
            and watched is self.actions.face
            and not self._quitting
            and self.controller.slots_with_customers()
        ):
            event.ignore()
            self.request_quit()
            return True
        return super().eventFilter(watched, event)

    @property
    def quitting(self) -> bool:
        return self._quitting

    def request_quit(self) -> None:
        """Quit, asking first whether to end or keep the sessions with customers connected."""
        if not self._quitting and self.question is None:
            self.question = ask_how_to_leave(
                self.actions.face,
                self.controller,
                False,
                self.quit,
                can_keep=self.center_outlives_console,
            )
            self._forget_question()

    def request_sign_out(self) -> None:
        """Sign out (the same question as quitting), then back to the sign-in screen."""
        if not self._quitting and self.question is None:
            self.question = ask_how_to_leave(
                self.actions.face, self.controller, True, self.controller.sign_out
            )
            self._forget_question()

    def _forget_question(self) -> None:
        if self.question is not None:
            self.question.finished.connect(lambda _: setattr(self, "question", None))

    def _signed_out(self) -> None:
        for face in self.faces.values():
            face.hide()
        self.signed_out.emit()

    def quit(self, keep: bool = True) -> None:
        """Close the console now: its sessions are kept open for the reconnect window, or
        ended for everyone (``keep`` False)."""
        if self._quitting:
            return
        self._quitting = True
        for face in self.faces.values():
            face.close()
        self.controller.shutdown(keep)
        self.quit_requested.emit()
