"""An assistant agent sees the customer's video through the primary's forwarding: the customer
uploads one stream, the primary sends it on as it came (``shared/media/relay.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.features.video.engine import VideoFeature
from shared.features.video.machine import make_video
from shared.session.live import LiveSession
from tests.helpers import CenterFixture, wait_for
from tests.roles.support import me, three_peers
from tests.video.support import CountingCameras, Seen, best_match
from tests.video.support import make_video as write_video

pytestmark = pytest.mark.e2e


async def test_an_assistant_sees_the_customers_video_forwarded(
    center: CenterFixture, tmp_path: Path
) -> None:
    camera = write_video(tmp_path / "camera.avi", frames=600)
    videos: dict[str, VideoFeature] = {}
    seen: dict[str, Seen] = {}
    cameras: dict[str, CountingCameras] = {}

    def attach(session: LiveSession, name: str) -> None:
        cameras[name] = CountingCameras({0: str(camera)})
        videos[name] = make_video(session, cameras[name])
        seen[name] = Seen()
        videos[name].on_frame = seen[name]

    three = await three_peers(center, attach)
    try:
        customer_id = me(three.customer).id
        # An assistant may not send video: only the agent in charge and the customer do.
        with pytest.raises(PermissionError):
            await videos["assistant"].start_mine(customer_id)
        assert await videos["primary"].start_mine(customer_id)
        await wait_for(lambda: videos["customer"].may_start(), what="the customer may start")
        assert await videos["customer"].start_mine()
        frame = await seen["assistant"].frames(10)
        _, quality = best_match(frame, seen["customer"].mine)
        assert quality >= 30.0, f"{quality:.1f} dB"
        assert videos["assistant"].status.forwarded
        assert cameras["assistant"].opened == 0
        # The customer sends one stream, to the primary only.
        assert seen["primary"].theirs

        # The customer stops: the assistant's picture ends too.
        await videos["customer"].stop_mine()
        await wait_for(lambda: not videos["assistant"].status.receiving, what="the forwarding ends")
        assert videos["primary"].status.sending  # the agent's own video goes on
    finally:
        await three.close()
