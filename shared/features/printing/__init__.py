"""Print to my printer: while the agent controls the customer's desktop, the customer's
computer gets a temporary printer (with their consent) whose jobs travel as PDF to the agent's
console, which prints them on a printer the agent picked. Removed when control or the session
ends, when the customer takes it away, and after a crash on the next start.

Only the protocol is imported here; the engine, the system's printers and the views load when
asked."""

from shared.features.printing.protocol import NAME, PRINT_MESSAGES
from shared.kit.registry import declare
from shared.session.consent import PermissionKind

FEATURE = declare(
    __name__,
    NAME,
    PRINT_MESSAGES,
    engine="engine:PrintingFeature",
    permissions=(PermissionKind.PRINTING,),
)
