"""Webcam video: the primary agent starts theirs, then the main customer may start their own;
each camera stream goes on its own WebRTC connection, the customer's forwarded by the primary
to assistant agents. Its parts: the camera behind a small interface (camera.py, OpenCV), the
camera as an aiortc track (track.py), the streams' lifecycle (engine.py), its views in the
console (console.py) and the client (customer.py).

Only the protocol is imported here; OpenCV loads only when a camera is opened or listed."""

from shared.features.video.protocol import NAME, VIDEO_MESSAGES
from shared.kit.registry import declare

FEATURE = declare(__name__, NAME, VIDEO_MESSAGES, engine="machine:make_video")
