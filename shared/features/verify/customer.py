"""The security code in the customer's window: a quiet line under who helps them, and a way
to say the code the agent reads is not the same (then: leave).

It never says "verified": the agent's "the codes match" comes over the link being checked, so a
man in the middle could send it too. The customer's own comparison is what counts; the line
keeps showing the code to compare, and says so plainly when a new connection brought a new one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from shared.features.verify.code import spoken
from shared.features.verify.engine import Status, Verification
from shared.features.verify.part import VerifyPart
from shared.features.verify.protocol import NAME
from shared.qt.feature_views import CustomerView, PanelSpec, Place
from shared.qt.plain_text import plain

translate = QCoreApplication.translate

QUIET_STYLE = "color: #555"
ALARM_STYLE = "color: #b00020; font-weight: bold"
# A new code after a new connection: it stands out until the customer clicks it away (a timer
# could run out while they look elsewhere, and this one asks them to do something).
NEW_CODE_STYLE = "background: #fff3cd; color: #5c3c00; font-weight: bold; padding: 2px"


def status_text(found: Verification) -> str:
    code = spoken(found.code)
    match found.status:
        # VERIFIED is the agent's mark and never reaches this side; shown as the plain code if
        # it ever did, since nothing the other end says makes the link trustworthy here.
        case Status.READY | Status.VERIFIED if found.renewed:
            return translate(
                "Verify",
                "New security code: {code} — the connection was made again; compare it with "
                "your agent again",
            ).format(code=code)
        case Status.READY | Status.VERIFIED:
            return translate("Verify", "Security code: {code}").format(code=code)
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
        self.label.installEventFilter(self)
        self.differ = QPushButton(translate("Verify", "Not the same code"))
        self.differ.setObjectName("verifyDifferButton")
        self.differ.setToolTip(translate("Verify", "The code your agent reads is not this one"))
        self.differ.clicked.connect(self._differ)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.differ, 0, Qt.AlignmentFlag.AlignTop)
        self.part: VerifyPart | None = None
        # The new code the customer clicked away the highlight of ("" while none).
        self.acknowledged = ""
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.label and event.type() == QEvent.Type.MouseButtonRelease:
            found = self._shown()
            if found is not None and found.renewed and found.code != self.acknowledged:
                self.acknowledged = found.code
                self._show()
        return super().eventFilter(watched, event)

    def highlighted(self) -> bool:
        """True while a new code stands out, waiting for the customer to click it away."""
        found = self._shown()
        return (
            found is not None
            and found.renewed
            and found.status == Status.READY
            and found.code != self.acknowledged
        )

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
        if mismatch:
            self.label.setStyleSheet(ALARM_STYLE)
        elif self.highlighted():
            self.label.setStyleSheet(NEW_CODE_STYLE)
        else:
            self.label.setStyleSheet(QUIET_STYLE)
        self.label.setToolTip(
            translate("Verify", "Click to stop highlighting it.")
            if self.highlighted()
            else translate(
                "Verify",
                "Your agent may read you this code: if theirs is the same, no one sits between "
                "your computer and theirs.",
            )
        )
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
