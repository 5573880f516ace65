"""``tandem-console``: the support agent's console."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from csr_console.demo import DEMO_QUEUE, DEMO_USER, start_demo_center
from csr_console.services.agent_session import OpenSession
from csr_console.ui.console_actions import ConsoleActions
from csr_console.ui.controller import ConsoleController
from csr_console.ui.dashboard import Dashboard
from csr_console.ui.faces import FaceHost
from csr_console.ui.leaving import KeptSessionsDialog
from csr_console.ui.login_dialog import LoginDialog
from csr_console.ui.preferences import Preferences
from shared.media.memory import one_heap
from shared.qt.bridge import AsyncBridge
from shared.qt.collector import GuiThreadCollector
from shared.qt.i18n import install_translations
from shared.qt.pins import ORGANIZATION, remember_pin
from shared.transport.ice import apply_environment

DEMO_DATA_DIR = Path(os.environ.get("TANDEM_DEMO_DATA", Path.home() / ".local/share/tandem-demo"))


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tandem-console", description="Tandem support console")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run an embedded support center and sign in as a demo agent",
    )
    parser.add_argument(
        "--demo-port", type=int, default=8443, help="port of the embedded center (0: any)"
    )
    parser.add_argument("--language", help="en or fr (default: the system's)")
    return parser.parse_args(argv)


class Console:
    """The console's parts, wired together: what ``main`` runs and what the UI tests drive."""

    def __init__(self, settings: QSettings) -> None:
        self.bridge = AsyncBridge()
        self.controller = ConsoleController(self.bridge)
        self.preferences = Preferences(settings)
        self.actions = ConsoleActions(self.controller, self.preferences)
        # The three faces over the one set of actions; the chosen one shows after sign-in.
        self.faces = FaceHost(self.controller, self.actions)
        self.login = LoginDialog(settings)
        self.login.submitted.connect(self.controller.sign_in)
        self.controller.sign_in_failed.connect(self.login.show_error)
        self.controller.signed_in.connect(self._signed_in)
        self.controller.kept_sessions.connect(self._kept_sessions)
        self.faces.signed_out.connect(self._signed_out)
        # The open-sessions list belongs to the signed-in agent: it goes when they leave.
        self.faces.signed_out.connect(self._close_kept)
        self.faces.quit_requested.connect(self._close_kept)
        self.kept: KeptSessionsDialog | None = None
        # The embedded center's address and the demo agent's sign-in, in demo mode.
        self._demo: tuple[str, str, str, str] | None = None

    @property
    def window(self) -> Dashboard:
        """The dashboard (always built; the face most agents use)."""
        return self.faces.dashboard

    @property
    def face(self) -> QWidget:
        """The face on screen (the dashboard until another is chosen)."""
        return self.faces.window

    def _signed_in(self, _: object) -> None:
        self.login.accept()
        self.faces.show_preferred()

    def _close_kept(self) -> None:
        if self.kept is not None:
            self.kept.close()

    def _kept_sessions(self, kept: list[OpenSession]) -> None:
        """Sessions this agent left open (a console that quit keeping them): resume or end."""
        self._close_kept()
        if self.faces.quitting:
            return  # the list arrived as the console was closing
        self.kept = KeptSessionsDialog(self.controller, kept, self.face)
        self.kept.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.kept.finished.connect(lambda _: setattr(self, "kept", None))
        self.kept.open()

    def _signed_out(self) -> None:
        """Back to the sign-in screen (filled in for the demo agent, whose password is drawn
        at start-up)."""
        self.login.password.clear()
        if self._demo is not None:
            url, fingerprint, user, password = self._demo
            for field, value in (
                (self.login.server, url),
                (self.login.fingerprint, fingerprint),
                (self.login.username, user),
                (self.login.password, password),
            ):
                field.setText(value)
        self.login.show_error("")
        self.login.show()

    def start_demo(self, port: int) -> None:
        center, password = self.bridge.submit(start_demo_center(DEMO_DATA_DIR, port)).result(30)
        print(f"Demo support center on {center.url} (certificate {center.fingerprint})", flush=True)
        print(f"Customers ask for help on {center.url}/help/{DEMO_QUEUE}", flush=True)
        # Let a client on this machine trust the embedded center without a join link.
        remember_pin(center.url, center.fingerprint)
        self._demo = (center.url, center.fingerprint, DEMO_USER, password)
        self.faces.center_outlives_console = False
        self.controller.sign_in(center.url, center.fingerprint, DEMO_USER, password)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    apply_environment()
    one_heap()  # before any thread: the memory of ended views can then go back
    app = QApplication(sys.argv[:1])
    collector = GuiThreadCollector(app)  # noqa: F841  (it lives as long as the app)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName("Tandem Console")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    settings = QSettings()
    install_translations(app, args.language or str(settings.value("ui/language", "")))

    console = Console(settings)
    console.faces.quit_requested.connect(app.quit)
    if args.demo:
        console.start_demo(args.demo_port)
    else:
        console.login.rejected.connect(app.quit)
        console.login.show()
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
