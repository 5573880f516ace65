"""An assistant agent sees the customer's video and the primary agent's own through the
primary's forwarding: each is uploaded once, the primary sends it on as it came
(``shared/media/relay.py``, ``shared/features/video/own_stream.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from csr_console.services.agent_session import AgentSession, sign_in
from shared.features.video.engine import VideoFeature
from shared.features.video.machine import make_video
from shared.media.decoded_frame import DecodedFrame
from shared.security.passwords import hash_password
from shared.session.live import LiveSession
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import with_chat
from tests.roles.support import Three, linked, me, three_peers
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


class Eyes:
    """One side's video as its panel gets it: ``seen`` its own and the other side's pictures,
    ``agent`` the primary agent's (an assistant's small picture)."""

    def __init__(self) -> None:
        self.seen = Seen()
        self.agent = Seen()

    def __call__(self, who: str, frame: object) -> None:
        if who == "agent":
            self.agent("theirs", frame)
        else:
            self.seen(who, frame)


class Video:
    def __init__(self, camera: Path) -> None:
        self.camera = camera
        self.features: dict[str, VideoFeature] = {}
        self.eyes: dict[str, Eyes] = {}

    def attach(self, session: LiveSession, name: str) -> None:
        self.features[name] = make_video(session, CountingCameras({0: str(self.camera)}))
        self.eyes[name] = Eyes()
        self.features[name].on_frame = self.eyes[name]

    async def sees_agent(self, name: str) -> None:
        """``name`` shows the primary's own pictures, as the primary sent them."""
        frame = await self.eyes[name].agent.frames(10)
        self.assert_like(frame, "primary")

    def assert_like(self, frame: DecodedFrame, sender: str) -> None:
        _, quality = best_match(frame, self.eyes[sender].seen.mine)
        assert quality >= 30.0, f"{quality:.1f} dB"


async def late_assistant(center: CenterFixture, three: Three, video: Video) -> AgentSession:
    """A second assistant (Carol) who joins the session now, with video on her session."""
    store = center.running.store
    store.add_agent("carol", "Carol Assistant", hash_password("carol's long password"))
    link = center.link()
    account = await sign_in(link, "carol", "carol's long password")
    carol = with_chat(AgentSession(link, account))
    video.attach(carol, "carol")
    await carol.assist(three.number)
    await wait_for(lambda: linked(carol, three.primary), what="Carol linked to the primary")
    return carol


async def test_assistants_see_the_agents_own_video_with_the_customers(
    center: CenterFixture, tmp_path: Path
) -> None:
    video = Video(write_video(tmp_path / "camera.avi", frames=900))
    three = await three_peers(center, video.attach)
    carol: AgentSession | None = None
    features, eyes = video.features, video.eyes
    try:
        customer_id = me(three.customer).id
        assert await features["primary"].start_mine(customer_id)
        # The assistant sees the agent's video as the customer does, before the customer sends.
        await video.sees_agent("assistant")
        assert features["assistant"].status.agent_forwarded
        assert not features["assistant"].status.receiving
        video.assert_like(await eyes["customer"].seen.frames(5), "primary")

        # The customer sends theirs: the assistant sees both, the customer's as the large one.
        await wait_for(lambda: features["customer"].may_start(), what="the customer may start")
        assert await features["customer"].start_mine()
        video.assert_like(await eyes["assistant"].seen.frames(10), "customer")
        await video.sees_agent("assistant")
        assert features["assistant"].status.forwarded

        # An assistant who arrives now gets both at once.
        carol = await late_assistant(center, three, video)
        await video.sees_agent("carol")
        video.assert_like(await eyes["carol"].seen.frames(10), "customer")

        # The agent stops: no assistant sees the agent's video any more (nor the customer's,
        # which ends with it, as for the agent).
        await features["primary"].stop_mine()
        for name in ("assistant", "carol"):
            await wait_for(
                lambda n=name: not features[n].status.agent_forwarded,  # type: ignore[misc]
                what=f"the agent's video ends for {name}",
            )
        await wait_for(
            lambda: not features["assistant"].status.receiving, what="the customer's ends too"
        )
        count = len(eyes["assistant"].agent.theirs)
        with pytest.raises(TimeoutError):
            await eyes["assistant"].agent.frames(1, timeout=1.0)
        assert len(eyes["assistant"].agent.theirs) == count
    finally:
        if carol is not None:
            await carol.close()
        await three.close()


async def test_a_transfer_of_control_ends_the_agents_video_for_assistants(
    center: CenterFixture, tmp_path: Path
) -> None:
    video = Video(write_video(tmp_path / "camera.avi", frames=600))
    three = await three_peers(center, video.attach)
    features = video.features
    try:
        assert await features["primary"].start_mine(me(three.customer).id)
        await video.sees_agent("assistant")

        await three.primary.transfer_control(me(three.assistant).id)

        await wait_for(lambda: not features["primary"].status.sending, what="the agent's ends")
        await wait_for(
            lambda: not features["assistant"].status.agent_forwarded,
            what="the former assistant no longer sees it",
        )
        assert not features["customer"].status.receiving
    finally:
        await three.close()
