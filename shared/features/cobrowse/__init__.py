"""Co-browsing: the agent views or controls the one window the customer launched the client
from (their browser), with the customer's consent. Its parts: the activity's lifecycle and the
customer's side's checks (engine.py), the window's visible part (area.py), this machine's
media, input and windows (machine.py); its views in the console (console.py) and the client
(customer.py).

The screen pipeline is desktop sharing's, through the layers under both features:
``shared.media`` (capture of a moving area, x264 over WebRTC), ``shared.input`` (injection)
and ``shared.windows`` (which window, where, what covers it)."""

from shared.features.cobrowse.protocol import COBROWSE_MESSAGES, NAME
from shared.kit.registry import declare
from shared.session.consent import PermissionKind

FEATURE = declare(
    __name__,
    NAME,
    COBROWSE_MESSAGES,
    engine="machine:make_cobrowse",
    permissions=(PermissionKind.VIEW_APPLICATION, PermissionKind.CONTROL_APPLICATION),
)
