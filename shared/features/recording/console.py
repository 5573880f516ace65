"""Recording in the agent's console: Session > Record (the agent picks the folder; the customer
is asked first) and Stop recording, registered once for every face."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QStyle

from shared.features.recording.part import RecordingPart, RecordingState
from shared.features.recording.protocol import NAME
from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleState,
    ConsoleView,
    Group,
    on_part,
    part_of,
    standard_icon,
)

translate = QCoreApplication.translate
pixmap = QStyle.StandardPixmap


def _recording(state: ConsoleState) -> RecordingState:
    return state.slice(NAME, RecordingState())


def _busy(state: ConsoleState) -> bool:
    recording = _recording(state)
    return recording.asking or recording.recording


def _record(console: ConsoleHost) -> None:
    part = part_of(console, NAME, RecordingPart)
    if part is None:
        return
    folder = QFileDialog.getExistingDirectory(
        console.window(),
        translate("Recording", "Save the recording in"),
        str(part.folder),
    )
    if folder:
        part.start(Path(folder))


def _register_actions(console: ConsoleHost) -> None:
    console.register(
        ActionSpec(
            "record",
            translate("Recording", "Record"),
            translate(
                "Recording",
                "Record your screen and the chat to a video file, once the customer agrees",
            ),
            Group.SESSION,
            lambda s: s.customer_linked and s.is_primary and not _busy(s),
            standard_icon(pixmap.SP_DialogSaveButton),
            feature=NAME,
            order=30,
            on_bar=True,
            on_toolbar=True,
            primary_only=True,
        ),
        lambda: _record(console),
    )
    console.register(
        ActionSpec(
            "record_stop",
            translate("Recording", "Stop recording"),
            translate("Recording", "Stop recording and save the file"),
            Group.SESSION,
            _busy,
            standard_icon(pixmap.SP_MediaStop),
            feature=NAME,
            order=31,
        ),
        on_part(console, NAME, RecordingPart, lambda part: part.stop()),
    )


CONSOLE_VIEW = ConsoleView(
    name=NAME, session_part=RecordingPart, register_actions=_register_actions
)
