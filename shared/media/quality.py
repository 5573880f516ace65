"""Quality modes and the encoder settings they map to.

* ``standard`` — best image: full resolution, x264 CRF 21 (text stays crisp: the test picture
  comes back at ≥ 35 dB PSNR), up to 60 fps, bursts up to 25 Mbit/s.
* ``sampling`` — "screen sampling", speed first: the picture is scaled to half its width and
  height before encoding (a quarter of the pixels: about 4× less conversion, encoding, decoding
  and bandwidth), CRF 25, the same 60 fps cap, bursts up to 6 Mbit/s. Frames arrive sooner and
  survive a slow link; small text gets soft. The viewer scales the picture back up; input
  coordinates are always in the shared monitor's own pixels, never in the frame's.

Both use x264's ``ultrafast`` preset with ``zerolatency`` (no lookahead, no B-frames, sliced
threads): screen content at 1080p needs the speed, and the quality comes from the CRF.

The modes themselves are the protocol's ``Quality`` (what the viewer asks for on the wire).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from shared.media.colour import CRF_OFFSET
from shared.protocol.screen import ColourMode, Quality

DEFAULT_FPS_CAP = 60.0


@dataclass(frozen=True, slots=True)
class EncoderSettings:
    """Everything the screen encoder needs to know; equal settings never rebuild the encoder."""

    quality: Quality
    colour: ColourMode
    scale: float  # output size = source size × scale (rounded down to even numbers)
    crf: int  # x264 constant rate factor (lower = better); the VP8 fallback maps it to its CQ
    max_bitrate: int  # bit/s: the VBV ceiling of bursts (x264 maxrate)
    min_bitrate: int  # bit/s: never throttle below this for a bandwidth estimate
    preset: str = "ultrafast"

    def output_size(self, width: int, height: int) -> tuple[int, int]:
        # yuv420p needs even sizes.
        return max(2, int(width * self.scale) // 2 * 2), max(2, int(height * self.scale) // 2 * 2)


_BASE: dict[Quality, EncoderSettings] = {
    Quality.STANDARD: EncoderSettings(
        quality=Quality.STANDARD,
        colour=ColourMode.FULL,
        scale=1.0,
        crf=21,
        max_bitrate=25_000_000,
        min_bitrate=2_000_000,
    ),
    Quality.SAMPLING: EncoderSettings(
        quality=Quality.SAMPLING,
        colour=ColourMode.FULL,
        scale=0.5,
        crf=25,
        max_bitrate=6_000_000,
        min_bitrate=500_000,
    ),
}


def settings_for(quality: Quality, colour: ColourMode = ColourMode.FULL) -> EncoderSettings:
    base = _BASE[Quality(quality)]
    colour = ColourMode(colour)
    return replace(base, colour=colour, crf=min(51, base.crf + CRF_OFFSET[colour]))
