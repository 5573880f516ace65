"""The security code in the customer's window: a quiet line under who helps them, and a way
to say the code the agent reads is not the same (then: leave)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from shared.features.verify.code import spoken
from shared.features.verify.engine import Status, Verification
from shared.features.verify.part import VerifyPart
from shared.features.verify.protocol import NAME
from shared.qt.feature_views import CustomerView, PanelSpec, Place
from shared.qt.plain_text import plain

translate = QCoreApplication.translate


def status_text(found: Verification) -> str:
    code = spoken(found.code)
    match found.status:
        case Status.READY:
            return translate("Verify", "Security code: {code}").format(code=code)
        case Status.VERIFIED:
            return translate("Verify", "Verified with {agent} (security code {code})").format(
                agent=found.remote_name, code=code
            )
        case Status.MISMATCH:
            return translate(
                "Verify",
                "The codes differ: someone may be listening in. Leave the session and call "
                "your support center on a number you know.",
            )
        case Status.FAILED:
            return translate(
                "Verify", "No security code could be made: share nothing secret in this session."
            )
        case _:
            return ""


class CodeStatus(QWidget):
    """The code with the agent, and "Not the same code" while there is one to compare."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyStatus")
        self.label = plain(QLabel())
        self.label.setObjectName("verifyStatusLabel")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setToolTip(
            translate(
                "Verify",
                "Your agent may read you this code: if theirs is the same, no one sits between "
                "your computer and theirs.",
            )
        )
        self.differ = QPushButton(translate("Verify", "Not the same code"))
        self.differ.setObjectName("verifyDifferButton")
        self.differ.setToolTip(translate("Verify", "The code your agent reads is not this one"))
        self.differ.clicked.connect(self._differ)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.differ, 0, Qt.AlignmentFlag.AlignTop)
        self.part: VerifyPart | None = None
        self.hide()

    def bind(self, part: Any) -> None:
        if isinstance(part, VerifyPart) and part is not self.part:
            self.part = part
            part.changed.connect(self._show)
            self._show()

    def _shown(self) -> Verification | None:
        """The agent whose code is shown: one the customer can still say differs, first."""
        if self.part is None:
            return None
        found = [v for v in self.part.verifications.values() if v.status != Status.EXCHANGING]
        found.sort(key=lambda v: v.status not in (Status.MISMATCH, Status.READY))
        return found[0] if found else None

    @Slot()
    def _show(self) -> None:
        found = self._shown()
        self.label.setText(status_text(found) if found is not None else "")
        mismatch = found is not None and found.status in (Status.MISMATCH, Status.FAILED)
        self.label.setStyleSheet("color: #b00020; font-weight: bold" if mismatch else "color: #555")
        self.differ.setVisible(
            found is not None and found.status in (Status.READY, Status.VERIFIED)
        )
        self.setVisible(found is not None)

    @Slot()
    def _differ(self) -> None:
        found = self._shown()
        if self.part is not None and found is not None:
            self.part.mismatch(found.remote_id)


def _status(_buttons: list[QToolButton]) -> CodeStatus:
    return CodeStatus()


CUSTOMER_VIEW = CustomerView(
    name=NAME,
    session_part=VerifyPart,
    panels=(PanelSpec(NAME, Place.STATUS, lambda: translate("Verify", "Security code"), _status),),
)
