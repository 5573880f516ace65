"""System information on the customer's side: the consent question in the feature's words.
Nothing shows in the window otherwise (the collection runs in the engine)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from shared.features.sysinfo.protocol import NAME
from shared.qt.feature_views import CustomerView, SessionHost
from shared.session.consent import ConsentRequest
from shared.session.live import LiveSession

translate = QCoreApplication.translate


class CustomerSysinfoPart(QObject):
    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host

    def adopt(self, session: LiveSession) -> None:
        pass

    def close(self) -> None:
        pass


def _question(request: ConsentRequest) -> tuple[str, str]:
    return (
        translate("Sysinfo", "{agent} wants to see your computer's system information").format(
            agent=request.agent_name
        ),
        translate(
            "Sysinfo",
            "Your agent will see your operating system, hardware, disks, network adapters, "
            "running programs, services, startup programs, installed software, displays and "
            "printers. Nothing on your computer is changed.",
        ),
    )


CUSTOMER_VIEW = CustomerView(name=NAME, session_part=CustomerSysinfoPart, question=_question)
