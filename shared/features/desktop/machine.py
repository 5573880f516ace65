"""Builds desktop sharing with this machine's real screen, video and input parts."""

from __future__ import annotations

from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.forwarding import SharingForwarding
from shared.session.live import LiveSession


def make_sharing(session: LiveSession) -> SharingFeature:
    """Attach desktop sharing to ``session``; an ImportError when this computer lacks its
    media or input parts (the session then runs without it, and the actions say so)."""
    from shared.input.pointer import pointer_position
    from shared.input.sinks import make_input_sink  # imported late: pynput loads X11 bindings
    from shared.media.backend import ScreenMediaBackend
    from shared.media.memory import give_back_memory

    sharing = SharingFeature(
        session,
        ScreenMediaBackend(),
        input_sinks=make_input_sink,
        pointer=pointer_position,
        release=give_back_memory,
    )
    SharingForwarding(sharing)  # rides the session beside it: views forwarded to assistants
    return sharing
