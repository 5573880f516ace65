"""Who is in a session, and whether we can reach them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from shared.protocol.messages import ParticipantInfo, Role


@dataclass(frozen=True)
class Participant:
    info: ParticipantInfo
    # Whether a direct peer link to this participant is open right now.
    linked: bool = False
    # Set once they left or dropped; kept in the list so the agent sees what happened.
    gone_reason: str | None = None
    # For an agent in charge who is gone with their seat kept: how long (seconds, from when
    # they left) the center waits for them to come back.
    back_within_s: float | None = None

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def is_agent(self) -> bool:
        return self.info.role in (Role.PRIMARY_AGENT, Role.ASSISTANT_AGENT)

    @property
    def is_assistant(self) -> bool:
        return self.info.role == Role.ASSISTANT_AGENT

    def with_link(self, linked: bool) -> Participant:
        return replace(self, linked=linked)

    def gone(self, reason: str, back_within_s: float | None = None) -> Participant:
        return replace(self, linked=False, gone_reason=reason, back_within_s=back_within_s)


def should_link(me: ParticipantInfo, other: ParticipantInfo) -> bool:
    """Peer links join an agent to everyone; customers are not linked to each other, so no
    customer learns another customer's network address."""
    agents = (Role.PRIMARY_AGENT, Role.ASSISTANT_AGENT)
    return me.id != other.id and (me.role in agents or other.role in agents)


def assistants_here(participants: Iterable[Participant]) -> list[Participant]:
    """The assistant agents still in the session (the gone stay in lists, to show what
    happened, but not here)."""
    return [p for p in participants if p.is_assistant and p.gone_reason is None]
