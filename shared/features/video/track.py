"""A camera as an aiortc video track, and its own send-only WebRTC connection.

``recv()`` (awaited by aiortc's sender after each frame it sent) waits until the next frame is
due at ``FPS``, reads the camera on the track's capture thread (a webcam's read blocks until its
next picture), fits it to the chosen size, applies brightness and contrast, and returns it. The
encoder is the screen's low-latency one (``shared/media/tuning.py``) with the camera's quality
settings, so a change of size or quality rebuilds it (one keyframe) and nothing else.

When the camera gives no more pictures (unplugged), ``recv`` calls ``on_gone`` and ends the
track: aiortc's sender stops, and the engine ends the video cleanly.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import av
import numpy as np
from aiortc import RTCPeerConnection, RTCRtpTransceiver, RTCSessionDescription
from aiortc.mediastreams import (
    VIDEO_CLOCK_RATE,
    VIDEO_TIME_BASE,
    MediaStreamError,
    MediaStreamTrack,
)

from shared.features.video.camera import FPS, Camera, VideoOptions, VideoQuality, adjust, fit
from shared.features.video.own_stream import OwnForwarding, OwnFrames
from shared.media.media_link import CODEC_ORDER, codec_preferences, transport_bytes
from shared.media.quality import EncoderSettings
from shared.media.stream_control import FrameInfo, StreamControl
from shared.media.tuning import apply_screen_tuning, tune_sender
from shared.protocol.messages import IceServer
from shared.protocol.screen import ColourMode, Quality
from shared.transport.peer_link import rtc_configuration

# Encoder settings per quality at up to 640×360, 30 fps: x264's CRF and the burst ceiling.
# Medium comes back at ≥ 30 dB PSNR on the tests' moving patterns at ~1 Mbit/s.
_CRF = {VideoQuality.LOW: 32, VideoQuality.MEDIUM: 26, VideoQuality.HIGH: 21}
_MAX_BITRATE = {
    VideoQuality.LOW: 400_000,
    VideoQuality.MEDIUM: 1_200_000,
    VideoQuality.HIGH: 2_500_000,
}
_MIN_BITRATE = 150_000


def encoder_settings(quality: VideoQuality) -> EncoderSettings:
    return EncoderSettings(
        quality=Quality.STANDARD,
        colour=ColourMode.FULL,
        scale=1.0,
        quantiser=_CRF[quality],
        max_bitrate=_MAX_BITRATE[quality],
        min_bitrate=_MIN_BITRATE,
    )


# Called on the loop with each picture sent (its pts, BGR pixels): the sender's own small view.
PictureCallback = Callable[[int, np.ndarray], None]


class CameraTrack(MediaStreamTrack):
    kind = "video"

    def __init__(
        self,
        camera: Camera,
        options: VideoOptions,
        on_gone: Callable[[], None] = lambda: None,
        fps: float = FPS,
    ) -> None:
        super().__init__()
        self._camera = camera
        self.options = options.checked()
        self.control = StreamControl(encoder_settings(self.options.quality), fps)
        self.on_picture: PictureCallback | None = None
        self._on_gone = on_gone
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="camera-capture")
        self._next_due: float | None = None
        self._last_pts = -1
        self.epoch: float | None = None  # time.monotonic() of pts 0
        self.gone = False

    def set_options(self, options: VideoOptions) -> None:
        """Apply new options from the next picture on (a new camera is the engine's job)."""
        self.options = options.checked()
        self.control.settings = encoder_settings(self.options.quality)

    def capture_time(self, pts: int) -> float | None:
        return self.control.capture_times.get(pts)

    async def recv(self) -> av.VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        await self.control.ready.wait()
        limit = self.control.fps_limit()
        if limit and self._next_due is not None:
            wait = self._next_due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)  # pacing a file source; a webcam's read blocks anyway
        if self.readyState != "live":
            raise MediaStreamError
        options = self.options
        loop = asyncio.get_running_loop()
        try:
            picture = await loop.run_in_executor(self._executor, self._read, options)
        except RuntimeError:  # the executor shut down: we were stopped meanwhile
            raise MediaStreamError from None
        if picture is None:
            if not self.gone:
                self.gone = True
                self._on_gone()
            self.stop()
            raise MediaStreamError
        captured = time.monotonic()
        if limit:
            base = self._next_due if self._next_due is not None else captured
            # Keep to the grid, but never schedule in the past after a slow read.
            self._next_due = max(base + 1 / limit, captured)
        if self.epoch is None:
            self.epoch = captured
        pts = max(round((captured - self.epoch) * VIDEO_CLOCK_RATE), self._last_pts + 1)
        self._last_pts = pts
        frame = av.VideoFrame.from_ndarray(picture, format="bgr24")
        frame.pts = pts
        frame.time_base = VIDEO_TIME_BASE
        frame.opaque = FrameInfo(captured, self.control.settings)
        self.control.record_capture(pts, captured)
        if self.on_picture is not None:
            self.on_picture(pts, picture)
        return frame

    def _read(self, options: VideoOptions) -> np.ndarray | None:
        """On the capture thread."""
        picture = self._camera.read()
        if picture is None:
            return None
        picture = fit(picture, options.width, options.height)
        return np.ascontiguousarray(adjust(picture, options.brightness, options.contrast))

    def stop(self) -> None:
        if self.readyState == "live":
            super().stop()
            self._executor.submit(self._camera.close)  # after a read still running there
            self._executor.shutdown(wait=False)

    def join(self) -> None:
        """Once stopped: wait (off the loop) for the camera to be closed."""
        self._executor.shutdown(wait=True)


class CameraSender:
    """One camera stream on its own send-only connection (H.264 first, VP8 the fallback)."""

    def __init__(self, track: CameraTrack, ice_servers: list[IceServer]) -> None:
        apply_screen_tuning()
        self.track = track
        self._pc = RTCPeerConnection(rtc_configuration(ice_servers))
        self._transceiver: RTCRtpTransceiver | None = None
        self._frames: OwnFrames | None = None  # the encoder's output, for assistants

    async def create_offer(self) -> str:
        self._transceiver = self._pc.addTransceiver(self.track, direction="sendonly")
        self._transceiver.setCodecPreferences(codec_preferences(CODEC_ORDER))
        await self._pc.setLocalDescription(await self._pc.createOffer())
        return str(self._pc.localDescription.sdp)

    async def accept_answer(self, sdp: str) -> None:
        if self._transceiver is None:
            raise RuntimeError("create_offer() first")
        await self._pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="answer"))
        negotiated = self._transceiver._codecs
        if not negotiated:
            raise ConnectionError("the receiver accepts neither H.264 nor VP8")
        tune_sender(self._transceiver.sender, negotiated[0].name, self.track.control)
        self._frames = OwnFrames(self._transceiver.sender, negotiated[0].name)
        self.track.control.ready.set()

    def forwarding(self) -> OwnForwarding:
        """The frames this sends, sent on to assistants too (``ports.Forwardable``)."""
        if self._frames is None:
            raise RuntimeError("not connected yet")
        return OwnForwarding(self._frames)

    async def bytes_sent(self) -> int:
        return await transport_bytes(self._pc, "bytesSent")

    async def close(self) -> None:
        self.track.stop()
        await self._pc.close()
        await asyncio.to_thread(self.track.join)
