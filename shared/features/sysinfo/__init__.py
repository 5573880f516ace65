"""System information: with the customer's consent, the agent reads their computer's details
(operating system, hardware, disks, network, processes, services, startup programs, installed
software, displays, printers), refreshes, saves them to a text file and prints them.

Only the protocol is imported here; the engine part, the providers and the views load when
asked."""

from shared.features.sysinfo.protocol import NAME, SYSINFO_MESSAGES
from shared.kit.registry import declare
from shared.session.consent import PermissionKind

FEATURE = declare(
    __name__,
    NAME,
    SYSINFO_MESSAGES,
    engine="engine:SysinfoFeature",
    permissions=(PermissionKind.SYSTEM_INFO,),
)
