"""The voice call in the customer's window: a line with the call's state and who may speak,
their own Mute and Leave (Join again once left), and the consent question in the feature's
words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from shared.features.voice.part import VoicePart
from shared.features.voice.protocol import NAME
from shared.features.voice.widgets import CallPanel
from shared.qt.feature_views import CustomerView, PanelSpec, Place
from shared.session.consent import ConsentRequest

translate = QCoreApplication.translate


class CustomerCall(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = CallPanel()
        self.mute = QPushButton(translate("Voice", "&Mute"))
        self.leave = QPushButton(translate("Voice", "&Leave call"))
        self.join = QPushButton(translate("Voice", "&Join call"))
        buttons = QHBoxLayout()
        for button in (self.mute, self.leave, self.join):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        layout.addLayout(buttons)
        self.part: VoicePart | None = None
        self.mute.clicked.connect(lambda: self.part.toggle_mute() if self.part else None)
        self.leave.clicked.connect(lambda: self.part.leave() if self.part else None)
        self.join.clicked.connect(lambda: self.part.rejoin() if self.part else None)
        self._show()

    def bind(self, part: Any) -> None:
        if isinstance(part, VoicePart) and part is not self.part:
            self.part = part
            self.panel.bind(part)
            part.changed.connect(self._show)
            self._show()

    @Slot()
    def _show(self) -> None:
        state = self.part.state if self.part is not None else None
        joined = state is not None and state.joined
        self.mute.setVisible(joined)
        self.leave.setVisible(joined)
        self.join.setVisible(
            state is not None and bool(state.call) and not joined and state.invited
        )
        if state is not None:
            self.mute.setText(
                translate("Voice", "Un&mute") if state.muted else translate("Voice", "&Mute")
            )
        self.setVisible(
            state is not None and (bool(state.call) or bool(self.part and self.part.notice))
        )


def _status(_buttons: list[QToolButton]) -> CustomerCall:
    return CustomerCall()


def _question(request: ConsentRequest) -> tuple[str, str]:
    return (
        translate("Voice", "{agent} invites you to a voice call").format(agent=request.agent_name),
        translate(
            "Voice",
            "Your microphone and speakers are used for the call. You speak when the agent "
            "passes you the microphone; you can mute yourself or leave the call at any time.",
        ),
    )


CUSTOMER_VIEW = CustomerView(
    name=NAME,
    session_part=VoicePart,
    panels=(PanelSpec(NAME, Place.STATUS, lambda: translate("Voice", "Voice call"), _status),),
    question=_question,
)
