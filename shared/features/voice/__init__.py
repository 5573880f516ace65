"""The voice call: the agent starts it, customers join with their consent and assistant agents
by their own Join, the agent passes the microphone to a member by name (two people speak at
once at most), anyone leaves and rejoins, the agent ends it and the session goes on; when
control changes hands the new agent in charge holds it. Audio through PyAudio, Opus on
aiortc links (link.py).

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
