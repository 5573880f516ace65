"""Sign-in: which support center, and the agent's user name and password."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shared.qt.plain_text import plain
from shared.security.certificates import normalise_fingerprint
from shared.session.join_link import BadJoinLink, center_origin


class LoginDialog(QDialog):
    # (server url, fingerprint, username, password)
    submitted = Signal(str, str, str, str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Sign in to Tandem"))
        self.setMinimumWidth(480)  # the fingerprint's hint shows whole (in French too)
        self.settings = settings
        self.server = QLineEdit(str(settings.value("center/url", "https://127.0.0.1:8443")))
        self.server.setObjectName("serverField")
        self.fingerprint = QLineEdit(str(settings.value("center/fingerprint", "")))
        self.fingerprint.setObjectName("fingerprintField")
        self.fingerprint.setPlaceholderText(self.tr("SHA-256 shown by tandem-center fingerprint"))
        self.username = QLineEdit(str(settings.value("agent/username", "")))
        self.username.setObjectName("usernameField")
        self.password = QLineEdit()
        self.password.setObjectName("passwordField")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = plain(QLabel())
        self.error.setObjectName("loginError")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Support center:"), self.server)
        form.addRow(self.tr("Certificate fingerprint:"), self.fingerprint)
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.password if self.username.text() else self.username).setFocus()

    @Slot()
    def _submit(self) -> None:
        try:
            fingerprint = normalise_fingerprint(self.fingerprint.text())
        except ValueError:
            self.show_error(self.tr("The fingerprint is 64 hexadecimal characters."))
            return
        if not self.server.text().strip().startswith("https://"):
            self.show_error(self.tr("The support center's address starts with https://."))
            return
        try:
            server = center_origin(self.server.text())  # its one spelling, as kept and shown
        except BadJoinLink:
            self.show_error(
                self.tr(
                    "The support center's address is https:// and its host name, with a port "
                    "if it needs one: nothing else."
                )
            )
            return
        if not self.username.text().strip() or not self.password.text():
            self.show_error(self.tr("Enter your user name and password."))
            return
        self.error.clear()
        self.buttons.setEnabled(False)
        self.settings.setValue("center/url", server)
        self.settings.setValue("center/fingerprint", fingerprint)
        self.settings.setValue("agent/username", self.username.text().strip())
        self.submitted.emit(
            server,
            fingerprint,
            self.username.text().strip(),
            self.password.text(),
        )

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.buttons.setEnabled(True)
