"""The agent's console as ``tandem-console`` runs it, signed in to a center from the command
line instead of its sign-in window, for the test that kills it (SIGKILL) and starts it again.

    python -m tests.notes.console_process SERVER_URL FINGERPRINT SETTINGS_FILE

The console keeps its notes under $TANDEM_CONSOLE_DATA, as the installed one does.
"""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from csr_console.main import Console
from shared.qt.i18n import install_translations
from shared.qt.pins import ORGANIZATION
from shared.transport.ice import apply_environment
from tests.helpers import AGENT_PASSWORD, AGENT_USER


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("server")
    parser.add_argument("fingerprint")
    parser.add_argument("settings")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    apply_environment()
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName("Tandem Console")
    install_translations(app, "en")
    console = Console(QSettings(args.settings, QSettings.Format.IniFormat))
    console.faces.quit_requested.connect(app.quit)
    console.controller.sign_in(args.server, args.fingerprint, AGENT_USER, AGENT_PASSWORD)
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
