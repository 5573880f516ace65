"""Recording in the customer's window: the consent question, and while the agent records, a
line under who helps them ("This session is being recorded.") with Stop."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from shared.features.recording.engine import RecordingStatus
from shared.features.recording.part import RecordingPart
from shared.features.recording.protocol import NAME
from shared.qt.feature_views import CustomerView, PanelSpec, Place
from shared.session.consent import ConsentRequest

translate = QCoreApplication.translate


class RecordingIndicator(QWidget):
    """Shown while the session is being recorded; Stop ends the recording at once."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("recording_indicator")
        self.label = QLabel()
        self.label.setObjectName("recording_indicator_text")
        self.stop_button = QPushButton(translate("Recording", "Stop"))
        self.stop_button.setObjectName("recording_stop")
        self.stop_button.setToolTip(translate("Recording", "Stop the recording of this session"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.stop_button)
        self.hide()

    def bind(self, part: object) -> None:
        if isinstance(part, RecordingPart):
            part.status_changed.connect(self._status)
            self.stop_button.clicked.connect(part.stop)
            self._status(part.status)

    def _status(self, status: RecordingStatus) -> None:
        self.label.setText(translate("Recording", "This session is being recorded."))
        who = translate("Recording", "{agent} records this session on their computer.")
        self.label.setToolTip(who.format(agent=status.agent_name) if status.recording else "")
        self.setVisible(status.recording)


def _indicator(_buttons: list[QToolButton]) -> QWidget:
    return RecordingIndicator()


def _question(request: ConsentRequest) -> tuple[str, str]:
    return (
        translate("Recording", "{agent} wants to record this session").format(
            agent=request.agent_name
        ),
        translate(
            "Recording",
            "The recording is a video of the agent's screen, which shows what you share with "
            "them, and the chat. It is saved on the agent's computer. You will see while it "
            "runs and can stop it at any time.",
        ),
    )


CUSTOMER_VIEW = CustomerView(
    name=NAME,
    session_part=RecordingPart,
    panels=(
        PanelSpec(
            "recording_indicator",
            Place.STATUS,
            lambda: translate("Recording", "Recording"),
            _indicator,
        ),
    ),
    question=_question,
)
