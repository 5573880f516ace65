"""Record the session (the manual's local recorder): with the customer's consent, the agent's
console records a video of the agent's screen and the session's chat into a file on the agent's
computer; the customer sees that it runs and may stop it.

Only the protocol is imported here; the recorder (PyAV, mss) loads with the engine part."""

from shared.features.recording.protocol import NAME, RECORDING_MESSAGES
from shared.kit.registry import declare
from shared.session.consent import PermissionKind

FEATURE = declare(
    __name__,
    NAME,
    RECORDING_MESSAGES,
    engine="engine:RecordingFeature",
    permissions=(PermissionKind.RECORDING,),
)
