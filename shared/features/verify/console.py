"""The security code in the agent's console: the code beside the customer's details, and the
action saying the customer read the same one ("Codes match")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shared.features.verify.code import spoken
from shared.features.verify.engine import Status, Verification
from shared.features.verify.part import VerifyPart, VerifyState
from shared.features.verify.protocol import NAME
from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleState,
    ConsoleView,
    Group,
    PanelSpec,
    Place,
    on_part,
    standard_icon,
)
from shared.qt.plain_text import plain

translate = QCoreApplication.translate
CONFIRM_KEY = "verify_confirm"


def line(found: Verification, several: bool) -> str:
    """One customer's code, as the agent sees it."""
    code = spoken(found.code)
    match found.status:
        case Status.READY if found.renewed:
            text = translate(
                "Verify", "New security code: {code} (the connection was made again): compare again"
            ).format(code=code)
        case Status.READY:
            text = translate("Verify", "Security code: {code}").format(code=code)
        case Status.VERIFIED:
            text = translate("Verify", "Security code: {code} ✓ verified").format(code=code)
        case Status.MISMATCH:
            text = translate(
                "Verify", "The customer says the codes differ: someone may be in between"
            )
        case Status.FAILED:
            text = translate("Verify", "No security code: this link broke its rules")
        case _:
            text = translate("Verify", "Security code: …")
    if not several:
        return text
    return translate("Verify", "{name}: {code_line}").format(name=found.remote_name, code_line=text)


class CodeLine(QWidget):
    """The code with each customer of the session, under their details."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyCode")
        self.label = plain(QLabel())
        self.label.setObjectName("verifyCodeLabel")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setToolTip(
            translate(
                "Verify",
                "Read this code to the customer (on the phone, say): when theirs is the same, "
                "no one sits between your two computers.",
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        self.part: VerifyPart | None = None
        self.hide()

    def bind(self, part: Any) -> None:
        if not isinstance(part, VerifyPart) or part is self.part:
            return
        if self.part is not None:
            self.part.changed.disconnect(self._show)
        self.part = part
        part.changed.connect(self._show)
        self._show()

    @Slot()
    def _show(self) -> None:
        found = list(self.part.verifications.values()) if self.part is not None else []
        self.label.setText("\n".join(line(v, len(found) > 1) for v in found))
        if any(v.status == Status.MISMATCH for v in found):
            self.label.setStyleSheet("color: #b00020")
        elif any(v.status == Status.READY and v.renewed for v in found):
            self.label.setStyleSheet("font-weight: bold")  # a new code, not compared yet
        else:
            self.label.setStyleSheet("")
        self.setVisible(bool(found))


def _ready(state: ConsoleState) -> bool:
    return state.slice(NAME, VerifyState()).ready > 0


def _register_actions(console: ConsoleHost) -> None:
    def confirm(part: VerifyPart) -> None:
        ready = part.with_status(Status.READY)
        if len(ready) > 1:  # several customers: which one read the same code
            names = [f"{v.remote_name} — {spoken(v.code)}" for v in ready]
            chosen, ok = QInputDialog.getItem(
                console.window(),
                translate("Verify", "Codes match"),
                translate("Verify", "Which customer read you the same code?"),
                names,
                0,
                False,
            )
            if not ok:
                return
            ready = [ready[names.index(chosen)]]
        if ready:
            part.confirm(ready[0].remote_id)

    console.register(
        ActionSpec(
            CONFIRM_KEY,
            translate("Verify", "Codes match"),
            translate(
                "Verify",
                "The customer read you the same security code: mark the session verified",
            ),
            Group.CUSTOMER,
            _ready,
            standard_icon(QStyle.StandardPixmap.SP_DialogApplyButton),
            feature=NAME,
            order=50,
        ),
        on_part(console, NAME, VerifyPart, confirm),
    )


def _panel(_buttons: list[QToolButton]) -> CodeLine:
    return CodeLine()


CONSOLE_VIEW = ConsoleView(
    name=NAME,
    session_part=VerifyPart,
    register_actions=_register_actions,
    panels=(PanelSpec(NAME, Place.CUSTOMER, lambda: translate("Verify", "Security code"), _panel),),
)
