"""The customer's answers after a session that came from a ticket, sent with that ticket
(``POST /api/tickets/survey``); the center keeps them in the session's record."""

from __future__ import annotations

from shared.protocol.queues import SurveyAnswers
from shared.transport.center_link import CenterLink

SURVEY_PATH = "/api/tickets/survey"


async def send_survey(center: CenterLink, answers: SurveyAnswers) -> None:
    """Post ``answers``; a refusal or an unreachable center raises ``CenterError``."""
    try:
        await center.call("POST", SURVEY_PATH, answers.model_dump(mode="json"))
    finally:
        await center.close()
