"""The call's widgets: the members with a speaker indicator beside each name, whom to pass
the microphone to, the Volume dialog and the audio setup (pick the microphone and speakers,
test their levels)."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from shared.features.voice.audio import MAX_GAIN
from shared.features.voice.devices import (
    CHUNK_SAMPLES,
    RATE,
    AudioSystem,
    Microphone,
    NoAudioDevice,
    level,
)
from shared.features.voice.part import VoicePart

translate = QCoreApplication.translate

# The level meter's refresh: smooth enough to watch, cheap on the Qt thread.
METER_INTERVAL_MS = 50
# The speakers' test: a 440 Hz tone this long.
TEST_TONE_S = 1.0
TEST_TONE_HZ = 440.0


def indicator(may_speak: bool, speaking: bool) -> str:
    if speaking:
        return translate("Voice", "speaking")
    if may_speak:
        return translate("Voice", "may speak")
    return translate("Voice", "listening")


class CallPanel(QWidget):
    """Who is in the call, with what each may do, and the call's sentence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.members = QListWidget()
        self.members.setObjectName("voiceMembers")
        self.members.setMaximumHeight(90)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.members)
        self.part: VoicePart | None = None
        self._show()

    def bind(self, part: Any) -> None:
        if isinstance(part, VoicePart) and part is not self.part:
            if self.part is not None:
                self.part.changed.disconnect(self._show)
            self.part = part
            part.changed.connect(self._show)
            self._show()

    @Slot()
    def _show(self) -> None:
        part = self.part
        self.status.setText(part.status_text() if part is not None else "")
        self.members.clear()
        for name, may_speak, speaking in part.rows() if part is not None else []:
            mark = "🔊" if speaking else ("🎤" if may_speak else "·")
            self.members.addItem(f"{mark} {name} ({indicator(may_speak, speaking)})")
        self.members.setVisible(self.members.count() > 0)


class PassMicrophone(QDialog):
    """The call's members by name, each with what they may do now, and "only me": the agent
    picks who speaks beside them (the manual's "Passer le micro à")."""

    def __init__(self, part: VoicePart, chosen: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passMicrophone")
        self.setWindowTitle(translate("Voice", "Pass the microphone"))
        self.part = part
        self.people = QListWidget()
        self.people.setObjectName("passTo")
        alone = QListWidgetItem(translate("Voice", "Only me (take the microphone back)"))
        alone.setData(Qt.ItemDataRole.UserRole, "")
        self.people.addItem(alone)
        state = part.state
        for pid, name in part.pass_choices():
            speaking = pid in state.talking
            item = QListWidgetItem(f"{name} ({indicator(pid in state.speakers, speaking)})")
            item.setData(Qt.ItemDataRole.UserRole, pid)
            self.people.addItem(item)
            if pid == chosen or (chosen is None and self.people.currentRow() < 0):
                self.people.setCurrentItem(item)
        if self.people.currentRow() < 0:
            self.people.setCurrentRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.pass_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.pass_button.setText(translate("Voice", "&Pass"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.people.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("Voice", "Who may speak beside you:")))
        layout.addWidget(self.people)
        layout.addWidget(buttons)
        self.accepted.connect(self._pass)

    def choose(self, pid: str | None) -> None:
        for row in range(self.people.count()):
            if self.people.item(row).data(Qt.ItemDataRole.UserRole) == (pid or ""):
                self.people.setCurrentRow(row)

    def names(self) -> list[str]:
        return [self.people.item(row).text() for row in range(self.people.count())]

    @Slot()
    def _pass(self) -> None:
        item = self.people.currentItem()
        if item is not None:
            self.part.pass_microphone(str(item.data(Qt.ItemDataRole.UserRole)) or None)


def _slider(value: float) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, int(MAX_GAIN * 100))
    slider.setValue(int(value * 100))
    return slider


class VolumeDialog(QDialog):
    """Speaker and microphone volume, applied as the sliders move."""

    def __init__(self, part: VoicePart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Voice", "Volume"))
        self.part = part
        speaker, microphone = part.volumes()
        self.speaker = _slider(speaker)
        self.microphone = _slider(microphone)
        form = QFormLayout(self)
        form.addRow(translate("Voice", "&Speakers:"), self.speaker)
        form.addRow(translate("Voice", "&Microphone:"), self.microphone)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.speaker.valueChanged.connect(self._apply)
        self.microphone.valueChanged.connect(self._apply)

    @Slot()
    def _apply(self) -> None:
        self.part.set_volumes(self.speaker.value() / 100, self.microphone.value() / 100)


class _MicrophoneTest:
    """Reads a microphone on a thread for the setup's meter."""

    def __init__(self, microphone: Microphone) -> None:
        self._microphone = microphone
        self.level = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="voice-meter", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.level = level(self._microphone.read())
            except OSError:
                return

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._microphone.close()


class AudioSetup(QDialog):
    """Pick the microphone and speakers; watch the microphone's level, play a test tone."""

    def __init__(
        self,
        system: AudioSystem,
        chosen: tuple[str | None, str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Voice", "Audio setup"))
        self.system = system
        self.inputs = QComboBox()
        self.outputs = QComboBox()
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.play = QPushButton(translate("Voice", "&Play a test sound"))
        self.play.clicked.connect(self._play)
        form = QFormLayout()
        form.addRow(translate("Voice", "&Microphone:"), self.inputs)
        form.addRow(translate("Voice", "Level (speak now):"), self.meter)
        speakers = QHBoxLayout()
        speakers.addWidget(self.outputs, 1)
        speakers.addWidget(self.play)
        form.addRow(translate("Voice", "&Speakers:"), speakers)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self._test: _MicrophoneTest | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(METER_INTERVAL_MS)
        self._timer.timeout.connect(self._show_level)
        self._fill(chosen)
        self.inputs.currentIndexChanged.connect(self._listen)
        self._listen()
        self._timer.start()

    def _fill(self, chosen: tuple[str | None, str | None]) -> None:
        inputs, outputs = self.system.inputs(), self.system.outputs()
        self.inputs.addItems(inputs)
        self.outputs.addItems(outputs)
        if chosen[0] in inputs:
            self.inputs.setCurrentText(chosen[0] or "")
        if chosen[1] in outputs:
            self.outputs.setCurrentText(chosen[1] or "")
        if not inputs or not outputs:
            self.note.setText(translate("Voice", "This computer has no microphone or speakers."))

    def choice(self) -> tuple[str | None, str | None]:
        return (self.inputs.currentText() or None, self.outputs.currentText() or None)

    @Slot()
    def _listen(self) -> None:
        if self._test is not None:
            self._test.close()
            self._test = None
        name = self.inputs.currentText()
        if not name:
            return
        try:
            self._test = _MicrophoneTest(self.system.open_microphone(name))
        except NoAudioDevice:
            self.note.setText(translate("Voice", "This microphone cannot be opened."))

    @Slot()
    def _show_level(self) -> None:
        value = self._test.level if self._test is not None else 0.0
        # Speech sits around -30 dBFS: scale so that it fills about half the bar.
        self.meter.setValue(min(100, int(value * 1500)))

    @Slot()
    def _play(self) -> None:
        name = self.outputs.currentText() or None
        samples = np.arange(int(RATE * TEST_TONE_S))
        tone = (np.sin(2 * np.pi * TEST_TONE_HZ * samples / RATE) * 0.3 * 32767).astype(np.int16)

        def play() -> None:
            try:
                speakers = self.system.open_speakers(name)
            except NoAudioDevice:
                return
            try:
                for start in range(0, tone.size, CHUNK_SAMPLES):
                    speakers.write(tone[start : start + CHUNK_SAMPLES])
            except OSError:
                pass  # the device went away mid-sound: nothing to test with
            finally:
                speakers.close()

        threading.Thread(target=play, name="voice-test-tone", daemon=True).start()

    def done(self, result: int) -> None:
        self._timer.stop()
        if self._test is not None:
            self._test.close()
            self._test = None
        super().done(result)
