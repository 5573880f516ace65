"""The Invite… dialog in a real console signed in to a real center process that mails through a
real SMTP server on loopback; the mail program is caught with Qt's own mailto: handler hook."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.invite_dialog import InviteDialog, console_language
from customer_client.services.customer_session import CustomerSession
from shared.qt.i18n import install_translations
from shared.session.join_link import format_session_number, parse_join_link
from shared.transport.center_link import CenterLink
from tests.e2e.conftest import CenterProcess
from tests.faces.conftest import WAIT_MS, join_on, sign_in, start_session
from tests.helpers import AGENT_NAME, free_port
from tests.invitations.mailbox import SENDER, body_of, link_in, mailbox_on
from tests.web.site import tandem_join_link_behind_now

ADDRESS = "grace@customer.example"


class MailProgram(QObject):
    """Stands where the desktop's mail program is: Qt hands it every mailto: URL opened."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


@pytest.fixture
def mail_program() -> Iterator[MailProgram]:
    program = MailProgram()
    QDesktopServices.setUrlHandler("mailto", program, "open")  # type: ignore[arg-type]
    yield program
    QDesktopServices.unsetUrlHandler("mailto")


def mailto_parts(url: QUrl) -> tuple[str, str, str]:
    """The address, subject and body a mail program reads from ``url``."""
    parts = urlsplit(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query, keep_blank_values=True)
    return unquote(parts.path), query["subject"][0], query["body"][0]


def open_dialog(qtbot: QtBot, console: Console) -> InviteDialog:
    console.actions.registry.action("invite").trigger()
    dialog = console.actions.invite_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.preview.toPlainText() != "", timeout=WAIT_MS)
    return dialog


def click(qtbot: QtBot, button: QWidget) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_mail_program_gets_the_sites_invitation_in_the_invitees_language(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    mail_program: MailProgram,
) -> None:
    center = start_center_with()  # no mail server: the mail program is the way
    console = make_console()
    sign_in(qtbot, console, center)
    number = start_session(qtbot, console)
    dialog = open_dialog(qtbot, console)
    started = console.controller.started
    assert started is not None

    # The number, large, to read out on the phone.
    assert dialog.number_label.text() == format_session_number(number)
    assert dialog.number_label.font().pointSizeF() >= 2 * dialog.font().pointSizeF()
    # The center has no mail server: its button says so rather than failing later.
    assert not dialog.send_button.isEnabled()
    assert "no mail server" in dialog.send_button.toolTip()

    # A malformed address is refused before anything opens.
    QTest.keyClicks(dialog.address_edit, "grace@home@customer.example")
    click(qtbot, dialog.mail_button)
    assert "only one @" in dialog.status.text() and mail_program.opened == []

    dialog.address_edit.setText(ADDRESS)
    click(qtbot, dialog.mail_button)
    qtbot.waitUntil(lambda: len(mail_program.opened) == 1, timeout=WAIT_MS)
    to, subject, body = mailto_parts(mail_program.opened[0])
    assert to == ADDRESS
    assert subject == f"{AGENT_NAME} invites you to a support session"
    assert started.join_link in body and format_session_number(number) in body
    assert "\r\n" in body  # mailto: bodies end lines in CRLF (RFC 6068)
    assert "mail program has the invitation" in dialog.status.text()

    # In French for a French customer.
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("fr"))
    qtbot.waitUntil(lambda: "Bonjour" in dialog.preview.toPlainText(), timeout=WAIT_MS)
    click(qtbot, dialog.mail_button)
    qtbot.waitUntil(lambda: len(mail_program.opened) == 2, timeout=WAIT_MS)
    _, subject, body = mailto_parts(mail_program.opened[1])
    assert subject == f"{AGENT_NAME} vous invite à une session d'assistance"
    assert "numéro de session\u00a0:" in body and started.join_link in body

    # Copy link: what "Copy join link" copies; an agent invitee joins by number instead.
    click(qtbot, dialog.copy_button)
    assert QGuiApplication.clipboard().text() == started.join_link
    dialog.agent_button.setChecked(True)
    assert not dialog.copy_button.isEnabled()
    qtbot.waitUntil(lambda: "assistant" in dialog.preview.toPlainText(), timeout=WAIT_MS)
    assert started.join_link not in dialog.preview.toPlainText()


def test_center_sends_again_once_its_mail_server_is_back_and_the_link_joins(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> None:
    port = free_port()  # the site's mail server, down for now
    center = start_center_with(
        "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-from", SENDER
    )
    console = make_console()
    sign_in(qtbot, console, center)
    number = start_session(qtbot, console)
    dialog = open_dialog(qtbot, console)
    qtbot.waitUntil(dialog.send_button.isEnabled, timeout=WAIT_MS)

    # The console refuses a header injection before asking the center.
    dialog.address_edit.setText(ADDRESS + "\r\nBcc: everyone@victims.example")
    click(qtbot, dialog.send_button)
    assert "line break" in dialog.status.text()

    dialog.address_edit.setText(ADDRESS)
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("fr"))
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: "cannot reach its mail server" in dialog.status.text(), timeout=WAIT_MS)
    # Nothing lost: what was typed and chosen is there, ready to send again.
    assert dialog.address_edit.text() == ADDRESS and dialog.language == "fr"
    assert dialog.send_button.text().replace("&", "") == "Send again"
    assert dialog.send_button.isEnabled()

    customer: CustomerSession | None = None
    with mailbox_on(port) as mailbox:  # the mail server is back
        click(qtbot, dialog.send_button)
        qtbot.waitUntil(lambda: "sent the invitation to" in dialog.status.text(), timeout=WAIT_MS)
        (mail,) = mailbox.received
    assert mail["To"] == ADDRESS and "Bonjour" in body_of(mail)
    assert dialog.send_button.text().replace("&", "") == "Send from the support center"

    # The customer follows the mailed link (the center's join page) into this very session.
    link = parse_join_link(tandem_join_link_behind_now(link_in(mail)))
    assert link.session == number
    customer = CustomerSession(CenterLink(link.server, link.fingerprint))
    try:
        join_on(console.bridge, qtbot, console, customer, link.session, "Grace")
    finally:
        console.bridge.submit(customer.close()).result(10)


def test_the_invitees_language_starts_as_the_one_the_console_speaks(qapp: QApplication) -> None:
    """A console started in French (``--language fr``, whatever the system's locale) offers a
    French invitation first."""
    try:
        install_translations(qapp, "fr")
        assert console_language() == "fr"
    finally:
        install_translations(qapp, "en")
    assert console_language() == "en"
