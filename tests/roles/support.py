"""Three peers on a real center: the primary agent, an assistant agent (another signed-in agent)
and a customer, their peer links open, every session with chat on it as in the apps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from csr_console.services.agent_session import AgentAccount, AgentSession, sign_in
from customer_client.services.customer_session import CustomerSession
from shared.protocol.messages import ParticipantInfo, Role
from shared.security.passwords import hash_password
from shared.session.events import Problem, RolesChanged
from shared.session.live import LiveSession
from shared.session.state import SessionState
from shared.transport.link import LinkState
from support_center.store import Store
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import agent_of, customer_of, with_chat

ASSISTANT_USER, ASSISTANT_PASSWORD, ASSISTANT_NAME = "bob", "bob's long password", "Bob Assistant"


async def assistant_of(center: CenterFixture) -> tuple[AgentSession, AgentAccount]:
    """Another agent of the same center, signed in, with chat (not yet in a session)."""
    store = center.running.store
    if store.agent_by_username(ASSISTANT_USER) is None:
        store.add_agent(ASSISTANT_USER, ASSISTANT_NAME, hash_password(ASSISTANT_PASSWORD))
    link = center.link()
    account = await sign_in(link, ASSISTANT_USER, ASSISTANT_PASSWORD)
    return with_chat(AgentSession(link, account)), account


def me(session: LiveSession) -> ParticipantInfo:
    found = session.engine.me
    assert found is not None
    return found


def role_of(session: LiveSession, pid: str) -> Role | None:
    return session.engine.role_of(pid)


def linked(session: LiveSession, *others: LiveSession) -> bool:
    for other in others:
        link = session.links.get(me(other).id)
        if link is None or link.state != LinkState.OPEN:
            return False
    return True


@dataclass
class Three:
    primary: AgentSession
    assistant: AgentSession
    customer: CustomerSession
    number: int
    store: Store
    # What each engine told its views, by name ("primary", "assistant", "customer").
    events: dict[str, list[object]] = field(default_factory=dict)

    @property
    def sessions(self) -> dict[str, LiveSession]:
        return {"primary": self.primary, "assistant": self.assistant, "customer": self.customer}

    @property
    def assistant_account_id(self) -> int:
        account = self.store.agent_by_username(ASSISTANT_USER)
        assert account is not None
        return account.id

    def roles_changed(self, name: str) -> list[RolesChanged]:
        return [e for e in self.events[name] if isinstance(e, RolesChanged)]

    def problems(self, name: str) -> list[Problem]:
        return [e for e in self.events[name] if isinstance(e, Problem)]

    def audit(self, kind: str) -> list[dict[str, Any]]:
        """The center's audit entries of ``kind`` for this session."""
        return [e for e in self.store.audit_events(self.number) if e["kind"] == kind]

    async def close(self) -> None:
        for session in (self.customer, self.assistant, self.primary):
            await session.close()


# Puts a feature's engine parts on a session before it enters: (session, "primary" etc.).
Attach = Callable[[LiveSession, str], None]


async def three_peers(center: CenterFixture, attach: Attach | None = None) -> Three:
    """A primary agent's session with a customer, and an assistant agent who joined it by its
    number; every peer linked to the others that it links to (agents to everyone)."""
    primary, _ = await agent_of(center)
    customer = customer_of(center)
    assistant, _ = await assistant_of(center)
    named: dict[str, LiveSession] = {
        "primary": primary,
        "assistant": assistant,
        "customer": customer,
    }
    events: dict[str, list[object]] = {}
    for name, session in named.items():
        events[name] = []
        session.engine.subscribe(events[name].append)
        if attach is not None:
            attach(session, name)
    started = await primary.start()
    await customer.join(started.number, "Grace")
    await customer.wait_connected()
    three = Three(primary, assistant, customer, started.number, center.running.store, events)
    await assistant.assist(three.number)
    await wait_for(
        lambda: (
            linked(assistant, primary, customer)
            and linked(primary, assistant, customer)
            and linked(customer, assistant, primary)
        ),
        what="every agent's links to everyone",
    )
    assert assistant.engine.state == SessionState.ACTIVE
    return three
