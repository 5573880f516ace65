"""Quality modes and the encoder settings they map to.

* ``standard`` — best image: full resolution, x264 at a constant QP of 22 (text stays crisp:
  the test picture comes back at ≥ 35 dB PSNR), up to 60 fps.
* ``sampling`` — "screen sampling", speed first: the picture is scaled to half its width and
  height before encoding (a quarter of the pixels: about 4× less conversion, encoding, decoding
  and bandwidth), QP 26, the same 60 fps cap. Frames arrive sooner and
  survive a slow link; small text gets soft. The viewer scales the picture back up; input
  coordinates are always in the shared monitor's own pixels, never in the frame's.

Both use x264's ``ultrafast`` preset with ``zerolatency`` (no lookahead, no B-frames, sliced
threads): screen content at 1080p needs the speed.

Why a constant QP on screens, not a constant rate factor (CRF) as the camera has: x264's CRF
sizes each frame's quantiser from a half-size copy of every picture, made and motion-searched
before the frame is coded. On the desktop bench's workload that is 0.8–1 ms of a 4.7–5 ms frame,
6% of a core at 60 fps. A constant QP skips it, and measured on that workload QP 22 is as good
as CRF 21 or better (mean PSNR 48.9 against 48.4 dB, worst frame 48.3 against 45.8, a small
typed change 45–52 against 44–48 dB) for 17% more bits while the screen is busy. After a burst it
spends far less: CRF re-coded the whole quieter screen at a finer quantiser (10–24 kB a frame
for a few changed characters, against under 1 kB). The bitrate still follows the content; the
link is followed by the frame rate (``bandwidth.py``).

The modes themselves are the protocol's ``Quality`` (what the viewer asks for on the wire).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from shared.media.colour import QUANTISER_OFFSET
from shared.protocol.screen import ColourMode, Quality

DEFAULT_FPS_CAP = 60.0


@dataclass(frozen=True, slots=True)
class EncoderSettings:
    """Everything the screen encoder needs to know; equal settings never rebuild the encoder."""

    quality: Quality
    colour: ColourMode
    scale: float  # output size = source size × scale (rounded down to even numbers)
    # x264's quantiser, lower = better: its constant QP (``constant_qp``) or else its rate
    # factor (CRF); the VP8 fallback uses it as its CQ level
    quantiser: int
    max_bitrate: int  # bit/s: the ceiling of bursts (x264's VBV maxrate with a CRF; VP8's rate)
    min_bitrate: int  # bit/s: never throttle below this for a bandwidth estimate
    preset: str = "ultrafast"
    constant_qp: bool = False

    def output_size(self, width: int, height: int) -> tuple[int, int]:
        # yuv420p needs even sizes.
        return max(2, int(width * self.scale) // 2 * 2), max(2, int(height * self.scale) // 2 * 2)


_BASE: dict[Quality, EncoderSettings] = {
    Quality.STANDARD: EncoderSettings(
        quality=Quality.STANDARD,
        colour=ColourMode.FULL,
        scale=1.0,
        quantiser=22,
        max_bitrate=25_000_000,
        min_bitrate=2_000_000,
        constant_qp=True,
    ),
    Quality.SAMPLING: EncoderSettings(
        quality=Quality.SAMPLING,
        colour=ColourMode.FULL,
        scale=0.5,
        quantiser=26,
        max_bitrate=6_000_000,
        min_bitrate=500_000,
        constant_qp=True,
    ),
}


def settings_for(quality: Quality, colour: ColourMode = ColourMode.FULL) -> EncoderSettings:
    base = _BASE[Quality(quality)]
    colour = ColourMode(colour)
    return replace(
        base, colour=colour, quantiser=min(51, base.quantiser + QUANTISER_OFFSET[colour])
    )
