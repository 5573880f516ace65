"""Application sharing: one application (or a few) instead of the whole desktop, the
customer's to the agent (view, control) or the agent's to the customer (show, give control),
with the customer's consent. Its parts: the share's lifecycle and the sharing side's checks
(engine.py), the shared windows' picture and input region (area.py), this machine's media,
input and applications (machine.py); its views in the console (console.py) and the client
(customer.py), the picker both use (picker.py).

The screen pipeline is desktop sharing's and co-browsing's, through the layers under all three:
``shared.media`` (capture of a moving area), ``shared.input`` (injection) and
``shared.windows`` (applications, stacking order, hatch)."""

from shared.features.appshare.protocol import APPSHARE_MESSAGES, NAME
from shared.kit.registry import declare
from shared.session.consent import PermissionKind

FEATURE = declare(
    __name__,
    NAME,
    APPSHARE_MESSAGES,
    engine="machine:make_appshare",
    permissions=(
        PermissionKind.VIEW_APPLICATION,
        PermissionKind.CONTROL_APPLICATION,
        PermissionKind.SHOW_DESKTOP,
        PermissionKind.GIVE_CONTROL,
    ),
)
