"""Screen media: capture with mss, colour and quality modes, an aiortc video track tuned for
screen content, and one sender/receiver pair per sharing activity.

No Qt here: the pipeline is asyncio, numpy and PyAV, so it runs headless and under tests. What
runs where:

* capture runs on the track's own capture thread: it sleeps until the screen is drawn on
  (``damage.py``: X DAMAGE, DXGI, ScreenCaptureKit, else polling), then reads what was drawn,
  checks it changed and quantises its colours;
* BGRA→YUV conversion (of what changed only, ``yuv_picture.py``) and encoding run in aiortc's
  encoder executor (the loop's default executor), never on the loop itself;
* aiortc decodes on its own decoder thread; the conversion of a decoded picture into a
  paintable BGRX buffer runs on the receiver's own converter thread; ``on_frame`` is then called
  on the asyncio loop.
"""

# The quality and colour modes are the protocol's own enums (one definition, re-exported here
# for convenience).
from shared.media.capture import Monitor, ScreenGrabber, list_monitors
from shared.media.decoded_frame import DecodedFrame
from shared.media.media_link import MediaReceiver, MediaSender, SenderStats
from shared.media.quality import EncoderSettings
from shared.media.screen_track import ScreenTrack
from shared.media.tuning import apply_screen_tuning
from shared.protocol.screen import ColourMode, Quality

__all__ = [
    "ColourMode",
    "DecodedFrame",
    "EncoderSettings",
    "MediaReceiver",
    "MediaSender",
    "Monitor",
    "Quality",
    "ScreenGrabber",
    "ScreenTrack",
    "SenderStats",
    "apply_screen_tuning",
    "list_monitors",
]
