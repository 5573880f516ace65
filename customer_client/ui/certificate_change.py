"""The question when a join link names another certificate for a center this computer already
trusts: it may be the center's new certificate, or someone in the middle. Only the customer's
yes replaces the pin; Enter, Escape and closing the question do not."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class CertificateChangeQuestion(QMessageBox):
    """Keep the old certificate (the default) and join with it, trust the link's and join, or
    cancel: nothing of the link is used. Window-modal, not blocking."""

    def __init__(
        self,
        parent: QWidget,
        server_url: str,
        on_keep: Callable[[], None],
        on_trust: Callable[[], None],
        on_cancel: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("certificateChangedQuestion")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setTextFormat(Qt.TextFormat.PlainText)  # the address is the link's, not ours
        self.setWindowTitle(self.tr("Certificate changed"))
        self.setText(self.tr("The support center's certificate has changed."))
        self.setInformativeText(
            self.tr(
                "The join link gives another certificate for {url} than the one this computer "
                "trusts. This can mean that someone is intercepting the connection. Trust the "
                "new certificate only if your agent or your IT department told you it changed."
            ).format(url=server_url)
        )
        self.keep_button = self.addButton(
            self.tr("&Keep the old certificate"), QMessageBox.ButtonRole.AcceptRole
        )
        self.trust_button = self.addButton(
            self.tr("&Trust the new certificate"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.cancel_button = self.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.keep_button)  # Enter never trusts
        self.setEscapeButton(self.cancel_button)  # nor Escape, nor closing the question
        self._on_keep, self._on_trust, self._on_cancel = on_keep, on_trust, on_cancel
        self.finished.connect(self._answered)

    def _answered(self) -> None:
        clicked = self.clickedButton()
        if clicked is self.trust_button:
            self._on_trust()
        elif clicked is self.keep_button:
            self._on_keep()
        else:  # Cancel, Escape, or closed by the window's close box
            self._on_cancel()
        self.deleteLater()
