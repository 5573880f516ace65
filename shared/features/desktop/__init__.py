"""Desktop sharing, both ways: the agent views or controls the customer's desktop, or shows
theirs and gives control of it. Its parts: the activities' lifecycle and consent (engine.py),
the screen stream (screen.py), remote input (input.py), the pointer (pointer.py) and the
clipboard (clipboard.py); its views in the console (console.py) and the client (customer.py).

Only the protocol is imported here: the media and input layers use its types, and the rest
loads when a session or an app asks for it."""

from shared.features.desktop.forward_protocol import FORWARD_MESSAGES
from shared.features.desktop.protocol import NAME, SHARING_MESSAGES
from shared.kit.registry import declare
from shared.session.consent import PermissionKind

FEATURE = declare(
    __name__,
    NAME,
    SHARING_MESSAGES + FORWARD_MESSAGES,  # the second: a view forwarded to assistants
    # With this machine's real screen, video and input parts.
    engine="machine:make_sharing",
    permissions=(
        PermissionKind.VIEW_DESKTOP,
        PermissionKind.CONTROL_DESKTOP,
        PermissionKind.SHOW_DESKTOP,
        PermissionKind.GIVE_CONTROL,
    ),
)
