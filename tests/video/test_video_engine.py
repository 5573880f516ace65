"""Video end to end: real center, real peers, the real OpenCV camera path reading a video file
of moving patterns, real aiortc on loopback; each picture checked by content (PSNR) against
the picture the other side sent (``shared/features/video/engine.py``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from csr_console.services.agent_session import AgentSession
from customer_client.services.customer_session import CustomerSession
from shared.features.video.camera import OpenCvCameras, VideoOptions, VideoQuality
from shared.features.video.engine import VideoFeature
from shared.features.video.machine import make_video
from shared.features.video.protocol import (
    StopReason,
    Stream,
    VideoAnswer,
    VideoForward,
    VideoOffer,
    VideoStop,
)
from shared.features.video.track import CameraSender, CameraTrack
from shared.session.state import SessionState
from shared.transport.link import LinkState
from tests.helpers import CenterFixture, wait_for
from tests.video.support import CountingCameras, CountingPyAvCameras, Seen, best_match
from tests.video.support import make_video as write_video

pytestmark = pytest.mark.e2e

# What the medium quality gives back at 640×360 on these patterns is ~38 dB; a wrong or stale
# picture scores under 20.
MIN_PSNR = 30.0


@dataclass
class Pair:
    agent: AgentSession
    customer: CustomerSession
    agent_video: VideoFeature
    customer_video: VideoFeature
    agent_seen: Seen
    customer_seen: Seen
    agent_cameras: CountingCameras
    customer_cameras: CountingCameras | CountingPyAvCameras

    @property
    def customer_id(self) -> str:
        me = self.customer.engine.me
        assert me is not None
        return me.id

    @property
    def agent_id(self) -> str:
        me = self.agent.engine.me
        assert me is not None
        return me.id

    def audit(self, session: AgentSession | CustomerSession, kind: str) -> list[object]:
        return [e for e in session.engine.audit.events if e.kind == kind]


@asynccontextmanager
async def pair(
    center: CenterFixture,
    agent_camera: Path | None,
    customer_camera: Path | None,
    customer_kind: Callable[
        [dict[int, str]], CountingCameras | CountingPyAvCameras
    ] = CountingCameras,
) -> AsyncIterator[Pair]:
    agent, _ = await center.agent()
    customer = center.customer()
    agent_cameras = CountingCameras({0: str(agent_camera or "/nonexistent/camera.avi")})
    customer_cameras = customer_kind({0: str(customer_camera or "/nonexistent/camera.avi")})
    agent_video = make_video(agent, agent_cameras)
    customer_video = make_video(customer, customer_cameras)
    agent_seen, customer_seen = Seen(), Seen()
    agent_video.on_frame = agent_seen
    customer_video.on_frame = customer_seen
    try:
        started = await agent.start()
        await customer.join(started.number, "Grace")
        await customer.wait_connected()
        await wait_for(
            lambda: bool(agent.engine.present()) and agent.engine.present()[0].linked,
            what="the agent's link to the customer",
        )
        yield Pair(agent, customer, agent_video, customer_video, agent_seen, customer_seen,
                   agent_cameras, customer_cameras)  # fmt: skip
    finally:
        await customer.leave()
        await agent.end()


@pytest.fixture
def long_video(tmp_path: Path) -> Path:
    return write_video(tmp_path / "camera.avi", frames=600)  # 20 s at 30 fps


@pytest.fixture
def other_video(tmp_path: Path) -> Path:
    return write_video(tmp_path / "other.avi", frames=600)


def session_unaffected(setup: Pair) -> bool:
    link = setup.customer.links.get(setup.agent_id)
    return (
        setup.agent.engine.state == SessionState.ACTIVE
        and setup.customer.engine.state == SessionState.ACTIVE
        and link is not None
        and link.state == LinkState.OPEN
    )


async def test_agent_then_customer_video_arrive_intact(
    center: CenterFixture, long_video: Path, other_video: Path
) -> None:
    async with pair(center, long_video, other_video) as setup:
        # The customer may not start before the agent did.
        assert not setup.customer_video.may_start()
        assert await setup.agent_video.start_mine(setup.customer_id)
        frame = await setup.customer_seen.frames(10)
        assert (frame.width, frame.height) == (640, 360)
        # Exactly the picture the agent's camera gave for that instant (pts), not another.
        sent = setup.agent_seen.mine
        assert frame.pts in sent, "the picture has the pts of one the agent sent"
        pts, quality = best_match(frame, sent)
        assert pts == frame.pts and quality >= MIN_PSNR, f"{quality:.1f} dB at {pts}"
        await wait_for(lambda: setup.customer_video.status.may_start, what="customer may start")
        assert setup.customer_cameras.opened == 0  # only their own click opens it

        assert await setup.customer_video.start_mine()
        frame = await setup.agent_seen.frames(10)
        pts, quality = best_match(frame, setup.customer_seen.mine)
        assert pts == frame.pts and quality >= MIN_PSNR, f"{quality:.1f} dB at {pts}"
        assert setup.agent_video.status.sending and setup.agent_video.status.receiving

        # The agent stops: the customer's video ends with it, the session goes on.
        await setup.agent_video.stop_mine()
        await wait_for(
            lambda: (
                not setup.customer_video.status.sending
                and not setup.customer_video.status.receiving
            ),
            what="the customer's video ends with the agent's",
        )
        assert not setup.customer_video.may_start()
        assert not setup.agent_video.status.receiving
        assert session_unaffected(setup)


async def test_the_one_file_clients_camera_arrives_intact(
    center: CenterFixture, long_video: Path, other_video: Path
) -> None:
    """The customer's camera as the one-file client has it, without OpenCV: FFmpeg's input
    through PyAV, on the same path to the agent's display."""
    async with pair(center, long_video, other_video, CountingPyAvCameras) as setup:
        assert await setup.agent_video.start_mine(setup.customer_id)
        await setup.customer_seen.frames(3)
        await wait_for(lambda: setup.customer_video.status.may_start, what="customer may start")
        assert await setup.customer_video.start_mine()
        assert setup.customer_cameras.opened == 1
        frame = await setup.agent_seen.frames(10)
        assert (frame.width, frame.height) == (640, 360)
        pts, quality = best_match(frame, setup.customer_seen.mine)
        assert pts == frame.pts and quality >= MIN_PSNR, f"{quality:.1f} dB at {pts}"
        assert session_unaffected(setup)


async def test_customer_cannot_start_before_the_agent(
    center: CenterFixture, long_video: Path
) -> None:
    async with pair(center, long_video, long_video) as setup:
        with pytest.raises(PermissionError):
            await setup.customer_video.start_mine()
        assert setup.customer_cameras.opened == 0


async def test_a_modified_console_cannot_start_the_customers_camera(
    center: CenterFixture, long_video: Path, tmp_path: Path
) -> None:
    """The console sends whatever it likes: offers for the customer's own stream, answers,
    forwards, stops, as well as its real video. The customer's camera never opens."""
    async with pair(center, long_video, long_video) as setup:
        assert await setup.agent_video.start_mine(setup.customer_id)
        await setup.customer_seen.frames(3)
        # A real SDP offer for the hostile messages to carry.
        camera = OpenCvCameras({0: str(long_video)}).open(0, 640, 360)
        probe = CameraSender(CameraTrack(camera, setup.agent_video.options), [])
        sdp = await probe.create_offer()
        await probe.close()
        send = setup.agent.send_to
        cid = setup.customer_id
        send(cid, VideoAnswer(stream=Stream.CUSTOMER, sdp=sdp))
        send(cid, VideoForward(customer=cid, sdp=sdp))
        send(cid, VideoStop(stream=Stream.CUSTOMER, reason=StopReason.STOPPED))
        send(cid, VideoOffer(stream=Stream.CUSTOMER, sdp=sdp))
        await wait_for(
            lambda: bool(setup.audit(setup.customer, "video.refused")),
            what="the customer's engine refuses the offer for its own stream",
        )
        assert setup.customer_cameras.opened == 0
        assert not setup.customer_video.status.sending
        assert setup.customer_video.status.receiving  # the agent's real video goes on
        assert session_unaffected(setup)


async def test_a_modified_client_cannot_send_video_unasked(
    center: CenterFixture, long_video: Path
) -> None:
    """A customer's client that offers its camera while the agent's video is off is refused
    by the agent's engine: no picture is shown."""
    async with pair(center, long_video, long_video) as setup:
        camera = OpenCvCameras({0: str(long_video)}).open(0, 640, 360)
        probe = CameraSender(CameraTrack(camera, setup.customer_video.options), [])
        sdp = await probe.create_offer()
        await probe.close()
        setup.customer.send_to(setup.agent_id, VideoOffer(stream=Stream.CUSTOMER, sdp=sdp))
        await wait_for(
            lambda: bool(setup.audit(setup.agent, "video.refused")),
            what="the agent's engine refuses the customer's unasked video",
        )
        assert not setup.agent_video.status.receiving
        assert setup.agent_seen.theirs == []


async def test_no_camera_says_so_and_the_session_goes_on(center: CenterFixture) -> None:
    async with pair(center, None, None) as setup:
        assert not await setup.agent_video.start_mine(setup.customer_id)
        assert setup.agent_video.status.news == "no_camera"
        assert not setup.agent_video.status.sending
        assert not setup.customer_video.status.receiving
        assert session_unaffected(setup)


async def test_a_camera_unplugged_mid_call_ends_video_cleanly(
    center: CenterFixture, tmp_path: Path
) -> None:
    # This camera gives 2 s of pictures, then no more: as a webcam pulled out of its socket.
    short = write_video(tmp_path / "short.avi", frames=60)
    async with pair(center, short, None) as setup:
        assert await setup.agent_video.start_mine(setup.customer_id)
        await setup.customer_seen.frames(5)
        await wait_for(
            lambda: setup.agent_video.status.news == "camera_gone",
            what="the agent is told their camera is gone",
        )
        assert not setup.agent_video.status.sending
        await wait_for(
            lambda: not setup.customer_video.status.receiving,
            what="the customer's picture ends",
        )
        assert setup.customer_video.status.news == "camera_gone"
        assert setup.audit(setup.agent, "video.stopped")
        assert session_unaffected(setup)
        # And the agent can start again once a camera is back.
        setup.agent_cameras._sources[0] = str(write_video(tmp_path / "back.avi", frames=300))
        assert await setup.agent_video.start_mine(setup.customer_id)
        await setup.customer_seen.frames(3)


async def test_options_change_the_picture_while_it_goes(
    center: CenterFixture, long_video: Path
) -> None:
    """Resolution, brightness and contrast apply from the next picture on, without a restart."""
    async with pair(center, long_video, None) as setup:
        assert await setup.agent_video.start_mine(setup.customer_id)
        plain = await setup.customer_seen.frames(5)
        assert (plain.width, plain.height) == (640, 360)
        setup.agent_video.set_options(
            VideoOptions(width=320, height=180, quality=VideoQuality.HIGH, brightness=40)
        )
        await wait_for(
            lambda: setup.customer_seen.theirs[-1].width == 320, what="the smaller picture"
        )
        frame = await setup.customer_seen.frames(3)
        assert (frame.width, frame.height) == (320, 180)
        _, quality = best_match(frame, setup.agent_seen.mine)
        assert quality >= MIN_PSNR, f"{quality:.1f} dB"
        # Brighter than the same source scaled down, as sent: brightness was applied.
        sent = setup.agent_seen.mine[frame.pts].astype(float)
        assert sent.shape == (180, 320, 3)
        source = frame.data[:, :, :3].astype(float)
        assert source.mean() > plain.data[:, :, :3].astype(float).mean() + 20
        assert setup.agent_video.status.sending  # the same stream went on
