"""The voice call in the customer's window: a line with the call's state and who may speak,
their own Mute and Leave (Join again once left), Volume and Audio setup (their own microphone
and speakers, as the agent has), and the consent question in the feature's words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shared.features.voice.part import VoicePart
from shared.features.voice.protocol import NAME
from shared.features.voice.widgets import AudioSetup, CallPanel, VolumeDialog
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
        self.volume = QPushButton(translate("Voice", "&Volume…"))
        self.setup = QPushButton(translate("Voice", "Audio &setup…"))
        self.dialog: QDialog | None = None  # Volume or Audio setup, while open
        buttons = QHBoxLayout()
        for button in (self.mute, self.leave, self.join, self.volume, self.setup):
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
        self.volume.clicked.connect(self._volume)
        self.setup.clicked.connect(self._setup)
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
        self.volume.setVisible(joined)
        self.setup.setVisible(state is not None and bool(state.call))
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

    @Slot()
    def _volume(self) -> None:
        if self.part is not None:
            self._open(VolumeDialog(self.part, self.window()))

    @Slot()
    def _setup(self) -> None:
        part = self.part
        feature = part.feature if part is not None else None
        if part is None or feature is None:
            return
        dialog = AudioSetup(
            feature.system, (feature.microphone, feature.speakers_device), self.window()
        )
        dialog.accepted.connect(lambda: part.use_devices(*dialog.choice()))
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        """Window-modal, without blocking (the session goes on meanwhile)."""
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = dialog
        dialog.finished.connect(lambda _: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()


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
