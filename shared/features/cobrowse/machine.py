"""Builds co-browsing with this machine's real parts: desktop sharing's screen pipeline
(``shared.media``: the screen track, here following one window, x264 over WebRTC), its input
injection (``shared.input``) and this desktop's windows (``shared.windows``)."""

from __future__ import annotations

from shared.features.cobrowse.engine import CobrowseFeature
from shared.input.whole_screen import whole_screen_sink
from shared.media.area_media import AreaMedia
from shared.session.live import LiveSession
from shared.windows import window_system
from shared.windows.launch import launching_window

# One window's stream: the screen track of ``shared.media`` grabbing the window's visible part
# (``WindowArea``) in place of a monitor.
WindowMedia = AreaMedia


def make_cobrowse(session: LiveSession) -> CobrowseFeature:
    """Attach co-browsing to ``session``; an ImportError when this computer lacks its media,
    input or window parts (the session runs without it, and the actions say so)."""
    import shared.media.media_link  # noqa: F401  (fail here, not at the first request)
    from shared.input.pointer import pointer_position

    return CobrowseFeature(  # whole_screen_sink: the engine places and checks each event
        session,
        WindowMedia(),
        window_system,
        launching_window,
        input_sinks=whole_screen_sink,
        pointer=pointer_position,
    )
