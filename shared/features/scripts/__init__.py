"""Running scripts from the center's library on the customer's computer: the agent picks and
orders them, the customer is asked (always) and sees each one's SHA-256, the client checks the
bytes against the center's library and runs them one after another in temporary folders, with
a time limit, their output going to the agent's chat and the session's record.

Only the protocol is imported here; the engine part and the views load when asked."""

from shared.features.scripts.protocol import NAME, SCRIPT_MESSAGES
from shared.kit.registry import declare
from shared.session.consent import PermissionKind

FEATURE = declare(
    __name__,
    NAME,
    SCRIPT_MESSAGES,
    engine="engine:ScriptsFeature",
    permissions=(PermissionKind.SCRIPTS,),
)
