"""Run-as in the customer's window: the consent question names the account."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from shared.features.runas.part import RunAsPart
from shared.features.runas.protocol import NAME
from shared.qt.feature_views import CustomerView
from shared.qt.i18n import fill
from shared.session.consent import ConsentRequest

translate = QCoreApplication.translate


def _question(request: ConsentRequest) -> tuple[str, str]:
    return (
        fill(
            translate("RunAs", "{agent} wants to log on to your computer as {account}"),
            agent=request.agent_name,
            account=request.what,
        ),
        translate(
            "RunAs",
            "They have that account's password. They get a command window running as that "
            "account, with its rights, until they log off or the session ends. The password "
            "is not kept.",
        ),
    )


CUSTOMER_VIEW = CustomerView(name=NAME, session_part=RunAsPart, question=_question)
