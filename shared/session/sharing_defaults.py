"""Builds the sharing feature with this machine's real screen, video and input parts."""

from __future__ import annotations

import logging

from shared.session.consent import Asker, ConsentGate
from shared.session.live import LiveSession
from shared.session.sharing import SharingFeature

log = logging.getLogger(__name__)


def make_sharing(session: LiveSession, ask_consent: Asker | None = None) -> SharingFeature:
    """Attach desktop sharing to ``session``. ``ask_consent`` puts requests to the local user
    (the customer client passes its dialog; the console passes its own for show/give control)."""
    from shared.input.pointer import pointer_position
    from shared.input.sinks import make_input_sink  # imported late: pynput loads X11 bindings
    from shared.media.backend import ScreenMediaBackend
    from shared.media.memory import give_back_memory

    return SharingFeature(
        session,
        ScreenMediaBackend(),
        input_sinks=make_input_sink,
        consent=ConsentGate(ask_consent),
        pointer=pointer_position,
        release=give_back_memory,
    )
