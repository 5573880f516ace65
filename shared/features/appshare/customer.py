"""Application sharing in the customer's client: the consent question, the picker (which
application), the indicator with Add an application…, Remove and Stop while their applications
are shared, and the viewer when the agent shows one of theirs."""

from __future__ import annotations

from PySide6.QtCore import Slot

from shared.features.appshare.engine import AppShare
from shared.features.appshare.part import AppSharePart
from shared.features.appshare.protocol import NAME
from shared.features.appshare.texts import consent_detail, consent_title, ended_text, listed
from shared.features.appshare.texts import running_text as running_words
from shared.qt.feature_views import CustomerView, SessionHost
from shared.session.consent import ConsentRequest
from shared.session.stream_share import ShareState


class CustomerAppSharePart(AppSharePart):
    def __init__(self, host: SessionHost) -> None:
        super().__init__(host)
        self.changed.connect(self._notice)

    def running_text(self, share: AppShare) -> str:
        session = self.host.session
        agent = session.engine.participant(share.agent_id) if session is not None else None
        return running_words(share.kind.value, agent.name if agent else "", listed(share.apps))

    @Slot(object)
    def _notice(self, share: AppShare) -> None:
        if self.me() == share.customer_id and share.state == ShareState.STOPPED:
            self.host.notice.emit(ended_text(share.end, agent_side=False))


def _question(request: ConsentRequest) -> tuple[str, str]:
    return (
        consent_title(request.what, request.agent_name, request.subject),
        consent_detail(request.what),
    )


CUSTOMER_VIEW = CustomerView(name=NAME, session_part=CustomerAppSharePart, question=_question)
