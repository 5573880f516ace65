"""Run-as in the agent's console: Customer > Log on as a different user… (the account and its
password, then a shell window, whose Log off button ends it; closing the window does too)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QStyle,
    QWidget,
)

from shared.features.runas.part import RunAsPart
from shared.features.runas.protocol import MAX_PASSWORD_CHARS, NAME
from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleView,
    Group,
    part_of,
    standard_icon,
)

translate = QCoreApplication.translate


class CredentialsDialog(QDialog):
    """The account on the customer's computer and its password (never kept: the field is
    cleared once read)."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("RunAs", "Log on to the customer's computer"))
        self.account = QLineEdit()
        self.account.setObjectName("runAsAccount")
        self.account.setMaxLength(104)
        self.password = QLineEdit()
        self.password.setObjectName("runAsPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(MAX_PASSWORD_CHARS)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(translate("RunAs", "&Account:"), self.account)
        form.addRow(translate("RunAs", "&Password:"), self.password)
        form.addRow(buttons)


def _register_actions(console: ConsoleHost) -> None:
    def log_on() -> None:
        part = part_of(console, NAME, RunAsPart)
        if part is None:
            return
        dialog = CredentialsDialog(console.window())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.account.text().strip():
            part.log_on(dialog.account.text().strip(), dialog.password.text())
        dialog.password.clear()
        dialog.deleteLater()

    console.register(
        ActionSpec(
            "run_as",
            translate("RunAs", "Log on as a different user…"),
            translate(
                "RunAs",
                "Log on to the customer's computer with another account (an administrator's) "
                "and get a command shell as that account",
            ),
            Group.CUSTOMER,
            lambda state: state.customer_linked,
            standard_icon(QStyle.StandardPixmap.SP_DialogYesButton),
            feature=NAME,
            order=70,
            primary_only=True,
        ),
        log_on,
    )


CONSOLE_VIEW = ConsoleView(name=NAME, session_part=RunAsPart, register_actions=_register_actions)
