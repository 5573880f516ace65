"""The customer's consent, enforced in the customer's own engine.

Every privileged request is put to the customer (through whatever asks them: a dialog in the
client) unless they granted "allow everything in this session without asking again". Without
someone to ask, the answer is no.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConsentRequest:
    """What is asked, and by whom: shown to the customer as it is."""

    what: str  # the activity kind, e.g. "view", "control", "show", "give_control"
    agent_name: str
    activity_id: str


@dataclass(frozen=True)
class ConsentAnswer:
    granted: bool
    allow_all: bool = False


Asker = Callable[[ConsentRequest], Awaitable[ConsentAnswer]]


class ConsentGate:
    def __init__(self, ask: Asker | None = None) -> None:
        self.ask = ask
        self.allow_all = False

    async def decide(self, request: ConsentRequest) -> ConsentAnswer:
        if self.allow_all:
            return ConsentAnswer(granted=True, allow_all=True)
        if self.ask is None:
            log.warning("no one to ask for consent to %s: refused", request.what)
            return ConsentAnswer(granted=False)
        try:
            answer = await self.ask(request)
        except Exception:  # a broken dialog must never mean yes
            log.exception("asking for consent failed: refused")
            return ConsentAnswer(granted=False)
        if answer.granted and answer.allow_all:
            self.allow_all = True
        return ConsentAnswer(granted=answer.granted, allow_all=answer.granted and answer.allow_all)

    def revoke_all(self) -> None:
        self.allow_all = False
