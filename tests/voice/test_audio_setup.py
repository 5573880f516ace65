"""The audio setup and the Volume dialog on Xvfb, on real devices (PulseAudio null sinks): the
setup lists the machine's microphones and speakers, its meter moves when the chosen microphone
hears something, and its test sound comes out of the chosen speakers."""

from __future__ import annotations

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from shared.features.voice.pyaudio_devices import PyAudioSystem
from shared.features.voice.widgets import TEST_TONE_HZ, AudioSetup, VolumeDialog
from tests.faces.conftest import WAIT_MS
from tests.voice.pulse import Side, strength, tone

# Half a second of the test sound at the speakers.
WINDOW_CHUNKS = 25


def test_the_setup_lists_meters_and_plays_through_the_chosen_devices(
    qtbot: QtBot, pulse: dict[str, Side]
) -> None:
    side = pulse["customer"]
    dialog = AudioSetup(PyAudioSystem(), (side.microphone, side.speakers))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.choice() == (side.microphone, side.speakers)
    inputs = [dialog.inputs.itemText(i) for i in range(dialog.inputs.count())]
    assert pulse["agent"].microphone in inputs  # every microphone is offered

    assert dialog.meter.value() <= 0  # nothing heard yet (-1: not shown yet)
    mouth = side.play(tone(300.0))
    ear = side.record()
    try:
        qtbot.waitUntil(lambda: dialog.meter.value() > 20, timeout=WAIT_MS)

        dialog.play.click()
        qtbot.waitUntil(
            lambda: (
                ear.count >= WINDOW_CHUNKS
                and strength(ear.since(ear.count - WINDOW_CHUNKS), TEST_TONE_HZ) > 0.5
            ),
            timeout=WAIT_MS,
        )
    finally:
        mouth.close()
        ear.close()
        dialog.reject()


class _Volumes(QObject):
    """What the Volume dialog drives: a session's voice part, as far as it goes."""

    def __init__(self) -> None:
        super().__init__()
        self.set: list[tuple[float, float]] = []

    def volumes(self) -> tuple[float, float]:
        return (1.0, 0.5)

    def set_volumes(self, speaker: float, microphone: float) -> None:
        self.set.append((speaker, microphone))


def test_the_volume_dialog_sets_both_volumes(qtbot: QtBot) -> None:
    part = _Volumes()
    dialog = VolumeDialog(part)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    assert (dialog.speaker.value(), dialog.microphone.value()) == (100, 50)
    dialog.speaker.setValue(150)
    dialog.microphone.setValue(0)
    assert part.set[-1] == (1.5, 0.0)
