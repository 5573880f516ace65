"""Recording's part of one session, on either side: the agent's Record and Stop recording, the
news in the session's transcript ("Recording saved to …"), and the customer's indicator and
Stop."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal, Slot

from shared.features.recording.engine import RecordingChanged, RecordingFeature, RecordingStatus
from shared.features.recording.protocol import NAME, StopReason
from shared.features.recording.recorder import default_folder
from shared.qt.feature_views import SessionHost
from shared.qt.host_settings import settings_of
from shared.session.live import LiveSession

translate = QCoreApplication.translate

# Where the agent last saved a recording, kept in the console's settings across sessions and runs.
FOLDER_SETTING = "recording/folder"


def remembered_folder(settings: QSettings) -> Path:
    """The folder the agent last chose, while it still exists; else the default one."""
    saved = settings.value(FOLDER_SETTING, "")
    if isinstance(saved, str) and saved and Path(saved).is_dir():
        return Path(saved)
    return default_folder()


@dataclass(frozen=True)
class RecordingState:
    """Recording's slice of the console's state."""

    asking: bool = False
    recording: bool = False


def news_lines(status: RecordingStatus) -> list[str]:
    """The transcript's lines for what just happened on the agent's side."""
    if status.asking:
        return [
            translate("Recording", "The customer was asked whether this session may be recorded.")
        ]
    if status.recording:
        return [translate("Recording", "Recording started.")]
    match status.news:
        case "refused":
            lines = [translate("Recording", "The customer did not agree to the recording.")]
        case StopReason.STOPPED:
            lines = [translate("Recording", "Recording stopped.")]
        case StopReason.CUSTOMER_STOPPED:
            lines = [translate("Recording", "The customer stopped the recording.")]
        case StopReason.CONTROL_CHANGED:
            lines = [translate("Recording", "Recording stopped: control changed hands.")]
        case StopReason.ENDED:
            lines = [translate("Recording", "Recording stopped: the session ended.")]
        case StopReason.FAILED:
            lines = [translate("Recording", "The recording failed and was not saved.")]
        case StopReason.DISK_LOW:
            lines = [translate("Recording", "Recording stopped: the disk is nearly full.")]
        case _:
            lines = []
    if status.path:
        lines.append(
            translate("Recording", "The recording was saved to {path}.").format(path=status.path)
        )
    return lines


class RecordingPart(QObject):
    status_changed = Signal(object)  # RecordingStatus

    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        self.feature: RecordingFeature | None = None
        self.status = RecordingStatus()
        self.folder: Path = remembered_folder(settings_of(host))  # where the agent last saved
        host.feature_event.connect(self._event)

    def adopt(self, session: LiveSession) -> None:
        self.feature = session.part(NAME, RecordingFeature)
        self.status = RecordingStatus()
        self.host.set_slice(NAME, RecordingState())

    def close(self) -> None:
        pass

    # --- commands -----------------------------------------------------------------------------

    def start(self, folder: Path) -> None:
        """Agent: ask the customer they help, then record into ``folder``."""
        feature, customer = self.feature, self.host.current_customer()
        if feature is None or customer is None:
            return
        self.folder = folder
        settings_of(self.host).setValue(FOLDER_SETTING, str(folder))

        async def run() -> None:
            feature.start(customer, folder)

        self.host.bridge.run(run(), self.host.report_error)

    def stop(self) -> None:
        """The agent's Stop recording, or the customer's Stop."""
        feature = self.feature
        if feature is None:
            return
        if self.host.side == "console":
            self.host.bridge.run(feature.stop(), self.host.report_error)
        else:

            async def run() -> None:
                feature.stop_mine()

            self.host.bridge.run(run(), self.host.report_error)

    # --- a customer helped by someone else (the console) ----------------------------------------

    def running_with(self, customer_id: str) -> list[str]:
        active = self.status.recording or self.status.asking
        if active and self.status.customer_id == customer_id:
            return [translate("Recording", "the recording")]
        return []

    def end_with(self, customer_id: str, next_name: str) -> None:
        if self.status.customer_id == customer_id:
            self.stop()

    # --- from the engine ----------------------------------------------------------------------

    @Slot(object)
    def _event(self, event: object) -> None:
        if not isinstance(event, RecordingChanged):
            return
        self.status = event.status
        if self.host.side == "console":
            self.host.set_slice(NAME, RecordingState(event.status.asking, event.status.recording))
            for line in news_lines(event.status):
                self.host.notice.emit(line)
        self.status_changed.emit(event.status)
