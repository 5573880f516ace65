"""The voice call: the agent starts it, customers join with their consent, the agent passes
the microphone (two people speak at once at most), anyone leaves and rejoins, the agent ends it
and the session goes on. Audio through PyAudio, Opus on aiortc links (link.py).

Only the protocol is imported here; the engine part, the devices and the views load when
asked."""

from shared.features.voice.protocol import NAME, VOICE_MESSAGES
from shared.kit.registry import declare
from shared.session.consent import PermissionKind

FEATURE = declare(
    __name__,
    NAME,
    VOICE_MESSAGES,
    engine="machine:make_voice",
    permissions=(PermissionKind.VOICE,),
)
