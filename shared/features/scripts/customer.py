"""Scripts in the customer's window: the consent question naming each script with its SHA-256,
and what runs told in the conversation (the part's notices)."""

from __future__ import annotations

import weakref

from shared.features.scripts.engine import ScriptsFeature
from shared.features.scripts.part import ScriptsPart
from shared.features.scripts.protocol import NAME
from shared.features.scripts.texts import question
from shared.qt.feature_views import CustomerView, SessionHost
from shared.session.consent import ConsentRequest

# The client's parts, for the consent question (asked by request, without the session).
_PARTS: weakref.WeakSet[ScriptsPart] = weakref.WeakSet()


def _part(host: SessionHost) -> ScriptsPart:
    part = ScriptsPart(host)
    _PARTS.add(part)
    return part


def _question(request: ConsentRequest) -> tuple[str, str]:
    for part in _PARTS:
        session = part.host.session
        feature = session.part(NAME, ScriptsFeature) if session is not None else None
        if feature is not None and request.activity_id in feature.asking:
            return question(
                request.agent_name,
                feature.asking[request.activity_id],
                feature.asking_as.get(request.activity_id, ""),
            )
    return question(request.agent_name, None)


CUSTOMER_VIEW = CustomerView(name=NAME, session_part=_part, question=_question)
