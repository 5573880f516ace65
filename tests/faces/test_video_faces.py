"""Video in the real apps on Xvfb, with a real center and real peers, each side's camera the
real OpenCV path reading a video file of moving patterns: the agent starts their video from
the console's action, the customer is offered to start theirs in the client's Video panel and
does by their own click; each panel shows the other side large and itself small; minimising
the panel keeps sending and a blinking indicator says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from shared.features.video.camera import OpenCvCameras
from shared.features.video.customer import VideoStatusLine
from shared.features.video.engine import VideoFeature
from shared.features.video.machine import make_video
from shared.features.video.part import VideoPart
from shared.features.video.window import VideoWindow
from shared.session.live import LiveSession
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import client_beside, client_joins
from tests.faces.conftest import WAIT_MS
from tests.video.support import make_video as write_video


def cameras_from(path: Path) -> Callable[[LiveSession], VideoFeature]:
    def make(session: LiveSession) -> VideoFeature:
        return make_video(session, OpenCvCameras({0: str(path)}))

    return make


def moving(image: QImage | None) -> bool:
    """A real picture, not the empty panel: many distinct colours (the patterns')."""
    if image is None:
        return False
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    pixels = np.frombuffer(rgb.constBits(), np.uint8, rgb.sizeInBytes())
    return len(np.unique(pixels[::97])) > 50


def test_agent_then_customer_video_in_the_apps(
    qtbot: QtBot, console_at_center: tuple[Console, CenterProcess], tmp_path: Path
) -> None:
    console, center = console_at_center
    camera = write_video(tmp_path / "camera.avi", frames=900)
    console.controller.engine_factories["video"] = cameras_from(camera)
    registry = console.actions.registry
    with client_beside(qtbot, console, center) as (number, client):
        client.controller.engine_factories["video"] = cameras_from(camera)
        client_joins(qtbot, console, client, number)
        agent_part = console.controller.current.part("video")
        customer_part = client.controller.part("video")
        assert isinstance(agent_part, VideoPart) and isinstance(customer_part, VideoPart)

        # Tools > Start my video (the same action in every face).
        qtbot.waitUntil(lambda: registry.action("video_start").isEnabled(), timeout=WAIT_MS)
        assert not registry.action("video_stop").isEnabled()
        registry.action("video_start").trigger()
        qtbot.waitUntil(lambda: isinstance(agent_part.window, VideoWindow), timeout=WAIT_MS)
        agent_window = agent_part.window
        assert isinstance(agent_window, VideoWindow)
        qtbot.waitUntil(lambda: moving(agent_window.small.image), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: registry.action("video_stop").isEnabled(), timeout=WAIT_MS)

        # The customer's Video panel opens with the agent large; their own Start is offered.
        qtbot.waitUntil(lambda: isinstance(customer_part.window, VideoWindow), timeout=WAIT_MS)
        customer_window = customer_part.window
        assert isinstance(customer_window, VideoWindow)
        qtbot.waitUntil(lambda: moving(customer_window.large.image), timeout=WAIT_MS)
        qtbot.waitUntil(customer_window.start_button.isEnabled, timeout=WAIT_MS)
        assert not customer_window.small.isVisible()  # their camera is not on by itself
        customer_window.start_button.click()  # the customer's own click
        qtbot.waitUntil(lambda: moving(customer_window.small.image), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: moving(agent_window.large.image), timeout=WAIT_MS)
        assert customer_window.stop_button.isEnabled()

        # Minimise the agent's panel: the video goes on, and the indicator blinks.
        agent_window.minimise_button.click()
        assert not agent_window.isVisible()
        indicator = agent_window.indicator
        qtbot.waitUntil(indicator.isVisible, timeout=WAIT_MS)
        blinks = indicator.blinks
        qtbot.waitUntil(lambda: indicator.blinks >= blinks + 2, timeout=WAIT_MS)
        frames = customer_part.status
        assert frames.receiving and agent_part.status.sending
        before = customer_window.large.image
        qtbot.waitUntil(lambda: customer_window.large.image is not before, timeout=WAIT_MS)

        # The customer minimises theirs: their indicator blinks; their window's video line
        # says their video goes out, and its Show brings the panel back.
        customer_window.minimise_button.click()
        qtbot.waitUntil(customer_window.indicator.isVisible, timeout=WAIT_MS)
        line = client.panels["video_status"]
        assert isinstance(line, VideoStatusLine) and line.isVisible()
        assert line.label.text() == "Your video is being sent to the agent."
        line.show_button.click()
        qtbot.waitUntil(customer_window.isVisible, timeout=WAIT_MS)
        assert not customer_window.indicator.isVisible()

        # Stop my video: both videos end, the indicator goes.
        registry.action("video_stop").trigger()
        qtbot.waitUntil(lambda: not indicator.isVisible(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not customer_part.status.sending, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not customer_window.start_button.isEnabled(), timeout=WAIT_MS)
        agent_window.close_all()
        customer_window.close_all()
