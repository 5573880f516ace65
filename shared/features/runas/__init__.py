"""Log on as a different user: with the customer's consent, the agent gives the name and
password of another account on the customer's computer and gets a command shell running as that
account, until they log off or the session ends. The password goes from the agent's console to
the customer's engine over the encrypted peer link and from there only to the system's own
logon (``su`` through a pseudo-terminal, ``CreateProcessWithLogonW``); it is never written,
logged or audited (the account name is).

Only the protocol is imported here; the engine part and the views load when asked."""

from shared.features.runas.protocol import NAME, RUNAS_MESSAGES
from shared.kit.registry import declare
from shared.session.consent import PermissionKind

FEATURE = declare(
    __name__,
    NAME,
    RUNAS_MESSAGES,
    engine="engine:RunAsFeature",
    permissions=(PermissionKind.RUN_AS,),
)
