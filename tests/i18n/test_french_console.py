"""The console and the client in French, through a whole session against a real support center:
sign-in, each of the console's three faces, preferences, session options, the customer joining,
the end. No text shown in them may be English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.preferences import FaceName
from customer_client.main import create_client
from customer_client.services.system_identity import describe_os, machine_name
from customer_client.ui.window import ClientWindow
from shared.features.chat.panel import ChatPanel
from shared.qt.pins import remember_pin
from shared.session.join_link import format_session_number
from tests.e2e.conftest import CenterProcess
from tests.faces.conftest import sign_in, start_session
from tests.helpers import AGENT_NAME, AGENT_USER
from tests.i18n.catalogue import FrenchCheck
from tests.i18n.walk import assert_french, shown_texts

WAIT_MS = 15_000
CUSTOMER = "Grace Hopper"
# Language names are written in their own language in the picker.
ENDONYMS = {"Français"}


@pytest.fixture
def console(qtbot: QtBot, tmp_path: Path, french: FrenchCheck) -> Iterator[Console]:
    # Built after the French translators are in, as main() does.
    console = Console(QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(console.login)
    yield console
    console.faces.quit()


@pytest.fixture
def client(
    qtbot: QtBot, french: FrenchCheck, center_process: CenterProcess
) -> Iterator[ClientWindow]:
    remember_pin(center_process.url, center_process.fingerprint)
    window = create_client(center_process.url)
    qtbot.addWidget(window)
    yield window
    window.controller.shutdown()


def _visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_console_and_client_through_a_session_in_french(
    qtbot: QtBot,
    french: FrenchCheck,
    console: Console,
    client: ClientWindow,
    center_process: CenterProcess,
) -> None:
    check = french
    check.data |= {
        AGENT_NAME,
        AGENT_USER,
        CUSTOMER,
        center_process.url,
        center_process.fingerprint,
        describe_os(),
        machine_name(),
        *ENDONYMS,
    }

    # Sign-in, with a mistake first.
    console.login.show()
    qtbot.waitExposed(console.login)
    console.login.buttons.accepted.emit()
    assert "64" in console.login.error.text()
    assert_french(check, console.login)
    sign_in(qtbot, console, center_process)
    console.faces.show_preferred()
    dashboard = console.faces.face(FaceName.DASHBOARD)
    qtbot.waitExposed(dashboard)
    assert_french(check, dashboard)

    # A session, and the customer in the real client window.
    number = start_session(qtbot, console)
    started = console.controller.current.started
    assert started is not None
    check.data |= {format_session_number(number), str(number), started.join_link}
    client.show()
    qtbot.waitExposed(client)
    assert_french(check, client)
    client.prefill(number, CUSTOMER, None)
    client.submit_join()
    qtbot.waitUntil(
        lambda: client.helper_label.text() == f"{AGENT_NAME} vous aide.", timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: console.controller.current.state.customer_linked, timeout=WAIT_MS)
    assert_french(check, client)
    assert_french(check, *_visible_windows())

    # Every face, and the dialogs they open.
    for face in (FaceName.ICON_BAR, FaceName.MULTISESSION, FaceName.DASHBOARD):
        console.faces.switch(face)
        window = console.faces.face(face)
        qtbot.waitExposed(window)
        assert_french(check, window)
        console.actions.open_preferences()
        console.actions.registry.action("session_options").trigger()
        assert_french(check, *_visible_windows())
        for dialog in _visible_windows():
            if dialog not in (window, client):
                dialog.close()

    # The end, with its question.
    console.actions.registry.action("end_session").trigger()

    def question() -> QMessageBox | None:
        shown = [w for w in _visible_windows() if isinstance(w, QMessageBox)]
        return shown[0] if shown else None

    qtbot.waitUntil(lambda: question() is not None, timeout=WAIT_MS)
    box = question()
    assert box is not None
    assert {b.text() for b in box.buttons()} == {"Mettre fin à la session", "Annuler"}
    assert_french(check, box)
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: client.pages.currentWidget() is client.ended_page, timeout=WAIT_MS)
    assert client.ended_label.text() == f"{AGENT_NAME} a mis fin à la session."
    qtbot.waitUntil(
        lambda: any(re.search("Vous avez mis fin", text) for _, text in shown_texts(dashboard)),
        timeout=WAIT_MS,
    )
    assert_french(check, dashboard, client, *_visible_windows())


def test_a_chat_line_puts_a_no_break_space_before_the_colon_in_french(
    qtbot: QtBot, french: FrenchCheck
) -> None:
    panel = ChatPanel()
    qtbot.addWidget(panel)
    panel.add_line("Grace", "Bonjour, c'est l'équipe ?", outgoing=False, stamp="10:02")
    # (toPlainText would show every no-break space as a plain one.)
    shown = panel.transcript.document().toRawText()
    assert "10:02 Grace\u00a0: Bonjour, c'est l'équipe ?" in shown
