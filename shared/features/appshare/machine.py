"""Builds application sharing with this machine's real parts: the moving-area stream of
``shared.media`` (desktop sharing's screen track, x264 over WebRTC), whole-screen input
injection (``shared.input``; the engine checks each event first) and this desktop's
applications and installed programs (``shared.windows``)."""

from __future__ import annotations

from shared.features.appshare.engine import AppShareFeature
from shared.input.whole_screen import whole_screen_sink
from shared.media.area_media import AreaMedia
from shared.session.live import LiveSession
from shared.windows.apps import application_system
from shared.windows.installed import installed_applications, start


def make_appshare(session: LiveSession) -> AppShareFeature:
    """Attach application sharing to ``session``; an ImportError when this computer lacks its
    media or input parts (the session runs without it, and the actions say so)."""
    import shared.media.media_link  # noqa: F401  (fail here, not at the first request)
    from shared.input.pointer import pointer_position

    return AppShareFeature(
        session,
        AreaMedia(),
        application_system,
        input_sinks=whole_screen_sink,
        pointer=pointer_position,
        installed=installed_applications,
        start_app=start,
    )
