"""The site's chat quick phrases, as the agent's console reads them from the center."""

from __future__ import annotations

import logging

from pydantic import ValidationError

from shared.protocol.center_records import QuickPhrase, QuickPhrases
from shared.transport.center_link import CenterError, CenterLink

log = logging.getLogger(__name__)


async def fetch_quick_phrases(center: CenterLink, token: str) -> list[QuickPhrase]:
    """The site's phrases; none when the center has none, cannot be reached or answers what
    is not a list of phrases (chat works the same without them)."""
    try:
        data = await center.call("GET", "/api/quick-phrases", token=token)
        return QuickPhrases.model_validate(data).phrases
    except (CenterError, ValidationError) as exc:
        log.warning("no quick phrases from the support center: %s", exc)
        return []
