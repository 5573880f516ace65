"""Recording a session with real peers on loopback and a real window on the test Xvfb: what the
agent's screen showed is in the file (PSNR of a decoded frame against the known picture), with
the chat beside it; the customer's no leaves no file; a transfer of control ends the recording
with a complete file; every start and stop is in the center's record (name, duration, size,
SHA-256)."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QApplication, QLabel

from shared.features.recording.engine import RecordingChanged, RecordingFeature, RecordingStatus
from shared.features.recording.protocol import StopReason
from shared.features.recording.recorder import PART_SUFFIX, Area, whole_screen
from shared.media.capture import Monitor, ScreenGrabber
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.live import LiveSession
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import chat_of, connected_session
from tests.roles.support import me, three_peers
from tests.video.support import psnr

# Where the known picture is shown, and its size (inside the test Xvfb's 1920×1080).
LEFT, TOP, WIDTH, HEIGHT = 200, 120, 640, 360
# H.264 at the recorder's quality keeps a picture this close (a black screen scores ~6 dB).
MIN_PSNR_DB = 30.0
# Frames recorded before stopping: enough that the picture is in a settled frame.
FRAMES_BEFORE_STOP = 5
# Recording waits longer than the default: 1080p encoding on a loaded test machine.
RECORD_TIMEOUT_S = 30.0


def known_picture() -> np.ndarray:
    """Large coloured blocks over gradients (BGR): easy to recognise, fair to H.264."""
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH]
    picture = np.empty((HEIGHT, WIDTH, 3), np.uint8)
    picture[..., 0] = (x * 255 // WIDTH).astype(np.uint8)
    picture[..., 1] = (y * 255 // HEIGHT).astype(np.uint8)
    picture[..., 2] = np.where(((x // 80) + (y // 80)) % 2 == 0, 220, 30).astype(np.uint8)
    return picture


def screen_shows(picture: np.ndarray) -> bool:
    grabber = ScreenGrabber(Monitor(1, LEFT, TOP, WIDTH, HEIGHT))
    try:
        shot = np.frombuffer(grabber.grab(), np.uint8).reshape(HEIGHT, WIDTH, 4)[..., :3]
    finally:
        grabber.close()
    return bool(np.array_equal(shot, picture))


@pytest.fixture
def picture_on_screen(qapp: QApplication) -> Iterator[np.ndarray]:
    """A real window on the agent's display (the test Xvfb) showing the known picture."""
    picture = known_picture()
    rgb = np.ascontiguousarray(picture[..., ::-1])
    image = QImage(rgb.data, WIDTH, HEIGHT, WIDTH * 3, QImage.Format.Format_RGB888).copy()
    window = QLabel()
    window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
    window.setPixmap(QPixmap.fromImage(image))
    window.setGeometry(LEFT, TOP, WIDTH, HEIGHT)
    window.show()
    window.raise_()
    yield picture
    window.close()


async def shown(picture: np.ndarray) -> None:
    def painted() -> bool:
        QApplication.processEvents()
        return screen_shows(picture)

    await wait_for(painted, what="the known picture on the agent's screen")


async def yes(_request: ConsentRequest) -> ConsentAnswer:
    return ConsentAnswer(granted=True)


async def no(_request: ConsentRequest) -> ConsentAnswer:
    return ConsentAnswer(granted=False)


def statuses(session: LiveSession) -> list[RecordingStatus]:
    seen: list[RecordingStatus] = []
    session.engine.subscribe(
        lambda e: seen.append(e.status) if isinstance(e, RecordingChanged) else None
    )
    return seen


def decoded(path: Path) -> list[np.ndarray]:
    """Every frame of the file (BGR), read with PyAV: the file is complete and plays."""
    with av.open(str(path)) as container:
        return [frame.to_ndarray(format="bgr24") for frame in container.decode(video=0)]


def center_audit(center: CenterFixture, number: int, kind: str) -> list[dict[str, object]]:
    return [e for e in center.running.store.audit_events(number) if e["kind"] == f"peer.{kind}"]


def the_file(folder: Path) -> Path:
    videos = sorted(folder.glob("*.mp4"))
    assert len(videos) == 1, videos
    assert not list(folder.glob(f".*{PART_SUFFIX}")), "the temporary file is gone"
    return videos[0]


def assert_audited(center: CenterFixture, number: int, path: Path, reason: StopReason) -> None:
    started = center_audit(center, number, "recording.started")
    stopped = center_audit(center, number, "recording.stopped")
    assert [e["detail"]["file"] for e in started] == [path.name]  # type: ignore[index]
    assert len(stopped) == 1
    detail = stopped[0]["detail"]
    assert isinstance(detail, dict)
    data = path.read_bytes()
    assert detail["file"] == path.name and detail["reason"] == reason.value
    assert detail["size"] == str(len(data))
    assert detail["digest"] == "sha256:" + hashlib.sha256(data).hexdigest()
    assert float(detail["duration_s"]) > 0


async def test_the_recording_holds_what_the_agents_screen_showed_and_the_chat(
    center: CenterFixture, tmp_path: Path, picture_on_screen: np.ndarray
) -> None:
    await shown(picture_on_screen)
    pair = await connected_session(center)
    agent = RecordingFeature(pair.agent)  # the whole screen, as in the console
    RecordingFeature(pair.customer)
    asked: list[ConsentRequest] = []

    async def grant(request: ConsentRequest) -> ConsentAnswer:
        asked.append(request)
        return ConsentAnswer(granted=True)

    pair.customer.consent.ask = grant
    seen = statuses(pair.agent)
    folder = tmp_path / "Recordings"
    try:
        agent.start(pair.customer_id, folder)
        await wait_for(lambda: agent.status.recording, what="the recording running")
        assert [r.kind.value for r in asked] == ["recording"]
        chat_of(pair.agent).send(pair.customer_id, "Let's look at your settings.")
        running = agent._running
        assert running is not None and running.recorder is not None
        recorder = running.recorder
        await wait_for(
            lambda: recorder.frames >= FRAMES_BEFORE_STOP and bool(recorder.chat),
            RECORD_TIMEOUT_S,
            "frames recorded",
        )
        await agent.stop()
        path = the_file(folder)
        assert seen[-1].news == StopReason.STOPPED and seen[-1].path == str(path)
        frames = decoded(path)
        screen = whole_screen()
        assert frames[-1].shape == (screen.height & ~1, screen.width & ~1, 3)
        region = frames[-1][TOP : TOP + HEIGHT, LEFT : LEFT + WIDTH]
        assert psnr(region, picture_on_screen) > MIN_PSNR_DB
        chat = path.with_suffix(".chat.txt").read_text(encoding="utf-8")
        assert "Let's look at your settings." in chat
        await wait_for(
            lambda: bool(center_audit(center, pair.started.number, "recording.stopped")),
            what="the stop in the center's record",
        )
        assert_audited(center, pair.started.number, path, StopReason.STOPPED)
    finally:
        await pair.close()


async def test_the_customers_no_records_nothing(center: CenterFixture, tmp_path: Path) -> None:
    pair = await connected_session(center)
    agent = RecordingFeature(pair.agent, lambda: Area(0, 0, 64, 64))
    customer = RecordingFeature(pair.customer)
    pair.customer.consent.ask = no
    folder = tmp_path / "Recordings"
    try:
        agent.start(pair.customer_id, folder)
        await wait_for(lambda: agent.status.news == "refused", what="the refusal")
        assert not agent.status.recording and not customer.status.recording
        assert not folder.exists() or not any(folder.iterdir())
        await wait_for(
            lambda: bool(center_audit(center, pair.started.number, "recording.refused")),
            what="the refusal in the center's record",
        )
        assert not center_audit(center, pair.started.number, "recording.started")
    finally:
        await pair.close()


async def test_the_customers_stop_ends_the_recording_with_a_complete_file(
    center: CenterFixture, tmp_path: Path
) -> None:
    pair = await connected_session(center)
    agent = RecordingFeature(pair.agent, lambda: Area(0, 0, 320, 240))
    customer = RecordingFeature(pair.customer)
    pair.customer.consent.ask = yes
    folder = tmp_path / "Recordings"
    try:
        agent.start(pair.customer_id, folder)
        await wait_for(lambda: customer.status.recording, what="the customer told")
        await wait_for(lambda: agent.status.recording, what="the recording running")
        customer.stop_mine()
        await wait_for(
            lambda: agent.status.news == StopReason.CUSTOMER_STOPPED and bool(agent.status.path),
            what="the agent's recording stopped by the customer",
        )
        assert not customer.status.recording
        path = the_file(folder)
        assert decoded(path)
        await wait_for(
            lambda: bool(center_audit(center, pair.started.number, "recording.stopped")),
            what="the stop in the center's record",
        )
        assert_audited(center, pair.started.number, path, StopReason.CUSTOMER_STOPPED)
    finally:
        await pair.close()


async def test_a_nearly_full_disk_stops_the_recording_and_keeps_the_file(
    center: CenterFixture, tmp_path: Path
) -> None:
    folder = tmp_path / "Recordings"
    folder.mkdir()
    # This disk's free space, give or take what other programs write meanwhile: the recording
    # must stop at once, its file whole, rather than fill it.
    nearly_full = shutil.disk_usage(folder).free + 1024**3
    pair = await connected_session(center)
    agent = RecordingFeature(pair.agent, lambda: Area(0, 0, 320, 240), nearly_full)
    customer = RecordingFeature(pair.customer)
    pair.customer.consent.ask = yes
    try:
        agent.start(pair.customer_id, folder)
        await wait_for(
            lambda: agent.status.news == StopReason.DISK_LOW and bool(agent.status.path),
            RECORD_TIMEOUT_S,
            "the recording stopped for the disk",
        )
        await wait_for(lambda: not customer.status.recording, what="the customer told")
        path = the_file(folder)
        assert decoded(path)
        await wait_for(
            lambda: bool(center_audit(center, pair.started.number, "recording.stopped")),
            what="the stop in the center's record",
        )
        assert_audited(center, pair.started.number, path, StopReason.DISK_LOW)
    finally:
        await pair.close()


async def test_a_transfer_of_control_ends_the_recording(
    center: CenterFixture, tmp_path: Path
) -> None:
    parts: dict[str, RecordingFeature] = {}

    def attach(session: LiveSession, name: str) -> None:
        parts[name] = RecordingFeature(session, lambda: Area(0, 0, 320, 240))

    three = await three_peers(center, attach)
    three.customer.consent.ask = yes
    folder = tmp_path / "Recordings"
    try:
        parts["primary"].start(me(three.customer).id, folder)
        await wait_for(lambda: parts["primary"].status.recording, what="the recording running")
        await wait_for(lambda: parts["customer"].status.recording, what="the customer told")

        await three.primary.transfer_control(me(three.assistant).id)

        await wait_for(
            lambda: (
                parts["primary"].status.news == StopReason.CONTROL_CHANGED
                and bool(parts["primary"].status.path)
            ),
            what="the recording ended by the transfer",
        )
        await wait_for(lambda: not parts["customer"].status.recording, what="indicator off")
        assert decoded(the_file(folder))
        await wait_for(
            lambda: bool(center_audit(center, three.number, "recording.stopped")),
            what="the stop in the center's record",
        )
        assert_audited(center, three.number, the_file(folder), StopReason.CONTROL_CHANGED)
    finally:
        await three.close()
