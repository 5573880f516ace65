"""Restart the customer's computer: with their consent, the client arranges to start again after
the reboot (an autostart entry holding a single-use ticket from the center), restarts the
computer, and rejoins the same session by itself; the agent sees the customer restarting, then
back.

Only the protocol is imported here; the engine part and the views load when asked."""

from shared.features.restart.protocol import NAME, RESTART_MESSAGES
from shared.kit.registry import declare
from shared.session.consent import PermissionKind

FEATURE = declare(
    __name__,
    NAME,
    RESTART_MESSAGES,
    engine="engine:RestartFeature",
    permissions=(PermissionKind.RESTART,),
)
