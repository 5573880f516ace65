"""The Invite… dialog: invite a customer or another agent to the session, by the agent's own
mail program (the default), by the support center's mail server, by a link to paste in a chat,
or by reading the number on the phone.

The invitation's text is the site's template in the invitee's language, rendered by the
support center: the agent's mail program and the center's mail server carry the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol
from urllib.parse import quote, urlencode

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from csr_console.services.agent_session import AgentAccount
from csr_console.services.invitations import invitation_text, send_invitation
from csr_console.ui.controller import ConsoleController
from shared.protocol.invitations import (
    LANGUAGES,
    MAX_ADDRESS_CHARS,
    AddressProblem,
    InvitationRequest,
    InvitationSent,
    InvitationText,
    Invitee,
    Language,
    address_problem,
)
from shared.qt.bridge import AsyncBridge
from shared.qt.i18n import installed_language
from shared.qt.session_controller import error_text
from shared.session.join_link import format_session_number
from shared.transport.center_link import CenterError, CenterLink

translate = QCoreApplication.translate

Done = Callable[[object | None, BaseException | None], None]
# How much bigger than the dialog's text the session number is: read aloud over the phone.
NUMBER_SCALE = 2.5


class Invitations(Protocol):
    """What the dialog asks of the support center (the session is fixed)."""

    def text(self, language: Language, invitee: Invitee, done: Done) -> None: ...

    def send(self, request: InvitationRequest, done: Done) -> None: ...


class CenterInvitations:
    """``Invitations`` of one session, through the console's link to its center."""

    def __init__(
        self, bridge: AsyncBridge, center: CenterLink, account: AgentAccount, number: int
    ) -> None:
        self._bridge, self._center, self._account, self._number = bridge, center, account, number

    def text(self, language: Language, invitee: Invitee, done: Done) -> None:
        coro = invitation_text(self._center, self._account, self._number, language, invitee)
        self._bridge.run(coro, done)

    def send(self, request: InvitationRequest, done: Done) -> None:
        self._bridge.run(send_invitation(self._center, self._account, self._number, request), done)


def mailto_url(to: str, subject: str, body: str) -> QUrl:
    """A ``mailto:`` URL (RFC 6068) with the subject and body, lines ending in CRLF."""
    query = urlencode(
        {"subject": subject, "body": body.replace("\r\n", "\n").replace("\n", "\r\n")},
        quote_via=quote,
    )
    return QUrl.fromEncoded(f"mailto:{quote(to, safe='@')}?{query}".encode("ascii"))


def address_text(problem: AddressProblem) -> str:
    texts = {
        AddressProblem.EMPTY: translate(
            "InviteDialog", "Type the email address to send the invitation to."
        ),
        AddressProblem.LINE_BREAK: translate(
            "InviteDialog", "An email address is one line: it cannot hold a line break."
        ),
        AddressProblem.CONTROL: translate(
            "InviteDialog", "The email address holds an invisible or control character."
        ),
        AddressProblem.SPACE: translate("InviteDialog", "An email address cannot hold spaces."),
        AddressProblem.NO_AT: translate(
            "InviteDialog",
            "An email address has an @ between the name and the domain, as in name@example.com.",
        ),
        AddressProblem.SEVERAL_AT: translate("InviteDialog", "An email address has only one @."),
        AddressProblem.TOO_LONG: translate(
            "InviteDialog", "This email address is too long: at most {n} characters."
        ).format(n=MAX_ADDRESS_CHARS),
        AddressProblem.BAD_NAME: translate(
            "InviteDialog",
            "The part before the @ holds a character an email address cannot have.",
        ),
        AddressProblem.BAD_DOMAIN: translate(
            "InviteDialog", "The part after the @ is not a domain name, such as example.com."
        ),
    }
    return texts[problem]


def failure_text(error: BaseException | None) -> str:
    """Why the center did not send (or give) the invitation, in the agent's words."""
    code = error.code if isinstance(error, CenterError) else ""
    if code.startswith("bad_address."):
        try:
            return address_text(AddressProblem(code.removeprefix("bad_address.")))
        except ValueError:
            pass
    if code in ("mail_server_unreachable", "mail_server_no_answer"):
        return translate(
            "InviteDialog",
            "The support center cannot reach its mail server right now. Nothing is lost: "
            "send again in a moment, or open the invitation in your mail program.",
        )
    if code == "mail_address_refused":
        return translate(
            "InviteDialog",
            "The support center's mail server refused this address. Check it, then send again.",
        )
    if code in ("mail_refused", "mail_login_failed", "mail_not_secure"):
        return translate(
            "InviteDialog",
            "The support center's mail server did not take the invitation (its administrator "
            "can see why in the center's log). Open it in your mail program instead.",
        )
    if code == "no_mail_server":
        return translate(
            "InviteDialog",
            "Your support center has no mail server: open the invitation in your mail program.",
        )
    if code == "too_many_invitations" and isinstance(error, CenterError):
        minutes = int((error.retry_after_s or 0) // 60) + 1
        return translate(
            "InviteDialog",
            "You have sent as many invitations as your support center allows for now; "
            "try again in {n} min, or open this one in your mail program.",
        ).format(n=minutes)
    if code == "session_ended":
        return translate("InviteDialog", "This session has ended: nobody can join it any more.")
    return error_text(error)


class InviteDialog(QDialog):
    def __init__(
        self,
        invitations: Invitations,
        number: int,
        join_link: str,
        language: Language = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("inviteDialog")
        self.number = number
        self.join_link = join_link
        self._invitations = invitations
        # The rendered texts, by (language, invitee); the action waiting for the current one.
        self._texts: dict[tuple[Language, Invitee], InvitationText] = {}
        self._waiting: Callable[[InvitationText], None] | None = None
        self._asked: set[tuple[Language, Invitee]] = set()
        self._sending = False
        self._failed = False
        self.setWindowTitle(
            self.tr("Invite to session {number}").format(number=format_session_number(number))
        )

        self.number_label = QLabel(format_session_number(number))
        self.number_label.setObjectName("inviteNumber")
        font = QFont(self.number_label.font())
        font.setPointSizeF(font.pointSizeF() * NUMBER_SCALE)
        font.setBold(True)
        self.number_label.setFont(font)
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number_label.setAccessibleName(self.tr("Session number"))
        number_hint = QLabel(self.tr("Session number, to read out on the phone"))
        number_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.customer_button = QRadioButton(self.tr("A &customer"))
        self.customer_button.setObjectName("inviteCustomer")
        self.agent_button = QRadioButton(self.tr("Another &agent (as assistant)"))
        self.agent_button.setObjectName("inviteAgent")
        self.customer_button.setChecked(True)
        whom = QButtonGroup(self)
        whom.addButton(self.customer_button)
        whom.addButton(self.agent_button)
        whom_row = QHBoxLayout()
        whom_row.addWidget(self.customer_button)
        whom_row.addWidget(self.agent_button)
        whom_row.addStretch()

        self.language_box = QComboBox()
        self.language_box.setObjectName("inviteLanguage")
        # Each language under its own name: the invitee's, not necessarily the agent's.
        self.language_box.addItem("English", "en")
        self.language_box.addItem("Français", "fr")
        self.language_box.setCurrentIndex(LANGUAGES.index(language))

        self.address_edit = QLineEdit()
        self.address_edit.setObjectName("inviteAddress")
        self.address_edit.setPlaceholderText(self.tr("name@example.com"))
        # Room for an address over the limit, so that it is refused saying why, not cut short.
        self.address_edit.setMaxLength(4 * MAX_ADDRESS_CHARS)

        form = QFormLayout()
        form.addRow(self.tr("Invite:"), whom_row)
        form.addRow(self.tr("Their &language:"), self.language_box)
        form.addRow(self.tr("Their &email address:"), self.address_edit)

        self.preview = QPlainTextEdit()
        self.preview.setObjectName("invitePreview")
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("The invitation's text"))
        self.preview.setMinimumHeight(160)

        self.mail_button = QPushButton(self.tr("&Open in my mail program"))
        self.mail_button.setObjectName("inviteMailProgram")
        self.mail_button.setDefault(True)
        self.send_button = QPushButton()
        self.send_button.setObjectName("inviteSend")
        self.send_button.setEnabled(False)
        self.copy_button = QPushButton(self.tr("Copy l&ink"))
        self.copy_button.setObjectName("inviteCopyLink")
        self.copy_button.setToolTip(self.tr("Copy the join link, to paste in a chat message"))
        buttons = QHBoxLayout()
        for button in (self.mail_button, self.send_button, self.copy_button):
            buttons.addWidget(button)

        self.status = QLabel()
        self.status.setObjectName("inviteStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setAccessibleName(self.tr("What happened"))

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.number_label)
        layout.addWidget(number_hint)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(close)

        self.mail_button.clicked.connect(self.open_in_mail_program)
        self.send_button.clicked.connect(self.send_from_center)
        self.copy_button.clicked.connect(self.copy_link)
        whom.buttonToggled.connect(lambda *_: self._choice_changed())
        self.language_box.currentIndexChanged.connect(lambda _: self._choice_changed())
        self._update_buttons()
        self._choice_changed()

    # --- what is chosen -----------------------------------------------------------------------

    @property
    def language(self) -> Language:
        return "fr" if self.language_box.currentData() == "fr" else "en"

    @property
    def invitee(self) -> Invitee:
        return "agent" if self.agent_button.isChecked() else "customer"

    @property
    def address(self) -> str:
        return self.address_edit.text()

    def _key(self) -> tuple[Language, Invitee]:
        return self.language, self.invitee

    def _choice_changed(self) -> None:
        text = self._texts.get(self._key())
        self.preview.setPlainText(f"{text.subject}\n\n{text.body}" if text else "")
        self._update_buttons()
        if text is None:
            self._with_text(None)

    def _can_send(self) -> bool:
        return any(text.can_send for text in self._texts.values())

    def _update_buttons(self) -> None:
        can_send = self._can_send()
        self.send_button.setEnabled(can_send and not self._sending)
        self.send_button.setText(
            self.tr("Send a&gain") if self._failed else self.tr("&Send from the support center")
        )
        self.send_button.setToolTip(
            self.tr("The support center mails the invitation to this address")
            if can_send or not self._texts
            else self.tr("Your support center has no mail server set up")
        )
        # A customer's link would seat an agent as a customer: an agent joins by number.
        customer = self.invitee == "customer"
        self.copy_button.setEnabled(customer)
        if not customer:
            self.copy_button.setToolTip(
                self.tr("An agent joins by the session number, from their console")
            )
        else:
            self.copy_button.setToolTip(self.tr("Copy the join link, to paste in a chat message"))

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # --- the site's text, from the center -----------------------------------------------------

    def _with_text(self, then: Callable[[InvitationText], None] | None) -> None:
        """``then`` with the current choice's text, asked of the center if need be."""
        key = self._key()
        text = self._texts.get(key)
        if text is not None:
            if then is not None:
                then(text)
            return
        self._waiting = then
        if key in self._asked:
            return
        self._asked.add(key)
        if then is not None:
            self._say(self.tr("Getting the invitation from the support center…"))

        def done(result: object | None, error: BaseException | None) -> None:
            self._asked.discard(key)
            if error is not None or not isinstance(result, InvitationText):
                if key == self._key():
                    self._waiting = None
                    self._say(
                        self.tr("The invitation's text could not be had: {why}").format(
                            why=failure_text(error)
                        )
                    )
                return
            self._texts[key] = result
            if key != self._key():
                return
            self._choice_changed()
            waiting, self._waiting = self._waiting, None
            if waiting is not None:
                waiting(result)

        self._invitations.text(key[0], key[1], done)

    # --- the ways to send ---------------------------------------------------------------------

    def _address_refused(self, allow_empty: bool) -> bool:
        address = self.address
        if allow_empty and not address:
            return False
        problem = address_problem(address)
        if problem is None:
            return False
        self._say(address_text(problem))
        self.address_edit.setFocus()
        return True

    def open_in_mail_program(self) -> None:
        # No address is fine: the agent picks the recipient in their mail program.
        if self._address_refused(allow_empty=True):
            return
        self._with_text(self._open_mail)

    def _open_mail(self, text: InvitationText) -> None:
        address = self.address
        if QDesktopServices.openUrl(mailto_url(address, text.subject, text.body)):
            self._say(
                self.tr("Your mail program has the invitation: check it and send it from there.")
            )
        else:
            self._say(
                self.tr(
                    "No mail program opened on this computer. Copy the link instead, or send "
                    "the invitation from the support center."
                )
            )

    def send_from_center(self) -> None:
        if self._sending or self._address_refused(allow_empty=False):
            return
        address = self.address
        request = InvitationRequest(to=address, language=self.language, invitee=self.invitee)
        self._sending = True
        self._update_buttons()
        self._say(self.tr("Sending the invitation to {address}…").format(address=address))

        def done(result: object | None, error: BaseException | None) -> None:
            self._sending = False
            if error is not None or not isinstance(result, InvitationSent):
                self._failed = True
                self._say(failure_text(error))
            else:
                self._failed = False
                self._say(
                    self.tr("The support center sent the invitation to {address}.").format(
                        address=result.to
                    )
                )
            self._update_buttons()

        self._invitations.send(request, done)

    def copy_link(self) -> None:
        QGuiApplication.clipboard().setText(self.join_link)
        self._say(self.tr("Join link copied: paste it in a chat message to the customer."))


def console_language() -> Language:
    """The invitee's language unless the agent picks another: the one the console speaks."""
    return "fr" if installed_language() == "fr" else "en"


def open_invite_dialog(
    controller: ConsoleController, shown: InviteDialog | None, parent: QWidget | None
) -> InviteDialog | None:
    """Show the Invite… dialog of the controller's current session: ``shown`` brought to the
    front if it is that session's and still open, a new one otherwise."""
    started, center, account = controller.started, controller.center, controller.account
    if started is None or center is None or account is None:
        return shown
    if shown is not None and shown.isVisible() and shown.number == started.number:
        shown.raise_()
        shown.activateWindow()
        return shown
    if shown is not None:
        shown.close()
    invitations = CenterInvitations(controller.bridge, center, account, started.number)
    dialog = InviteDialog(
        invitations,
        started.number,
        started.join_link,
        console_language(),
        parent,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
