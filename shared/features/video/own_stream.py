"""The primary agent's own camera stream, for assistants: the frames its encoder makes for the
customer, sent on to each assistant as they are (``shared/media/relay.py``), never encoded twice.

``OwnFrames`` taps the camera sender's encoder: each encoded picture (H.264 Annex-B or a VP8
frame, before packetising) goes to the relay's taps, as a receiver's jitter buffer would hand it
over. An assistant's keyframe request becomes a keyframe of that one encoder (the customer gets it
too: it is one stream).

Threads: aiortc runs the encoder on its executor; the frames are handed to the taps on the loop.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

from aiortc import RTCRtpSender
from aiortc.rtp import RtpPacket

from shared.media.relay import ForwardSender, StreamRelay
from shared.protocol.messages import IceServer

# The payload type our made-up answer names the codec with (any dynamic one would do).
_PAYLOAD_TYPE = 96

Tap = Callable[[RtpPacket, bytes], None]


class OwnFrames:
    """The encoded pictures of one camera sender, as a ``relay.EncodedSource``."""

    def __init__(self, sender: RTCRtpSender, codec_name: str) -> None:
        self._sender = sender
        self._loop = asyncio.get_running_loop()
        self._taps: list[Tap] = []
        # What the relay reads the codec from: an answer's video section naming it.
        self.answer: str | None = (
            f"m=video 9 UDP/TLS/RTP/SAVPF {_PAYLOAD_TYPE}\r\n"
            f"a=rtpmap:{_PAYLOAD_TYPE} {codec_name.upper()}/90000\r\n"
        )
        self._wrap(getattr(sender, "_RTCRtpSender__encoder", None))

    @property
    def jitter_buffer(self) -> OwnFrames:
        return self  # the relay looks for its taps there

    @property
    def taps(self) -> list[Tap]:
        return self._taps

    def _wrap(self, encoder: Any) -> None:
        """Hear each picture ``encoder`` makes (``tuning._ScreenEncoding``: ``encode`` calls
        ``_payloads`` with the whole encoded picture, on aiortc's encoder thread)."""
        if encoder is None or not hasattr(encoder, "_payloads"):
            raise RuntimeError("no screen encoder on this sender: its frames cannot be shared")
        payloads, encode = encoder._payloads, encoder.encode
        latest = threading.local()

        def tapped_payloads(data: bytes) -> Any:
            latest.data = data
            return payloads(data)

        def tapped_encode(frame: Any, force_keyframe: bool = False) -> Any:
            latest.data = b""
            result = encode(frame, force_keyframe)
            data: bytes = latest.data
            if data and self._taps:
                self._loop.call_soon_threadsafe(self._deliver, data, result[1])
            return result

        encoder._payloads = tapped_payloads
        encoder.encode = tapped_encode

    def _deliver(self, data: bytes, timestamp: int) -> None:
        first = RtpPacket(payload_type=_PAYLOAD_TYPE, timestamp=timestamp & 0xFFFFFFFF)
        for tap in list(self._taps):
            tap(first, data)

    async def request_keyframe(self) -> None:
        self._sender._send_keyframe()  # tuning's hook: the encoder's next picture is a keyframe


class OwnForwarding:
    """The primary's own stream sent on to assistants (``ports.Relay``)."""

    def __init__(self, frames: OwnFrames) -> None:
        self.relay = StreamRelay(frames)

    def link(self, ice_servers: list[IceServer]) -> ForwardSender:
        return ForwardSender(self.relay, ice_servers)

    async def close(self) -> None:
        await self.relay.close()
