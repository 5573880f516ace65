"""Restart in the customer's window: the consent question, in the feature's words (the news
goes to the session's transcript through the part)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from shared.features.restart.part import RestartPart
from shared.features.restart.protocol import NAME
from shared.qt.feature_views import CustomerView
from shared.session.consent import ConsentRequest

translate = QCoreApplication.translate


def _question(request: ConsentRequest) -> tuple[str, str]:
    return (
        translate("Restart", "{agent} wants to restart your computer").format(
            agent=request.agent_name
        ),
        translate(
            "Restart",
            "Save your work and close your programs first: the computer restarts as soon as "
            "you agree. Once you log on again, this program starts by itself and takes you "
            "back to this session.",
        ),
    )


CUSTOMER_VIEW = CustomerView(name=NAME, session_part=RestartPart, question=_question)
