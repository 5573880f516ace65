"""Roles as the console shows them: who is in charge of a session, whom control may be handed
to, whether we may take over, and the sentences saying so. The center decides every role
(docs/architecture.md, "Roles"); these only read the engine's copy of them."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from csr_console.services.agent_session import AgentSession
from shared.protocol.messages import Role
from shared.qt.i18n import fill
from shared.session.events import RolesChanged

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


def role_fields(session: AgentSession | None) -> dict[str, Any]:
    """The ConsoleState fields about roles, read from ``session``'s engine."""
    if session is None:
        return {
            "is_primary": False,
            "is_assistant": False,
            "primary_name": "",
            "assistants": (),
            "can_take_over": False,
        }
    engine = session.engine
    primary = engine.primary_id
    found = engine.participant(primary) if primary is not None else None
    assistants = tuple(
        (p.id, p.name) for p in engine.present() if p.info.role == Role.ASSISTANT_AGENT and p.linked
    )
    return {
        "is_primary": engine.is_primary_agent,
        "is_assistant": session.is_assistant,
        "primary_name": found.name if found is not None else "",
        "assistants": assistants,
        "can_take_over": session.can_take_over,
    }


class TakeOverClock:
    """When each agent in charge who dropped stops being waited for (the center's reconnect
    window, counted from when we heard they dropped)."""

    def __init__(self) -> None:
        self._until: dict[str, float] = {}

    def seen(self, pid: str, back_within_s: float | None) -> None:
        if back_within_s is None:
            self._until.pop(pid, None)
        elif pid not in self._until:
            self._until[pid] = time.time() + back_within_s

    def until(self, pid: str | None) -> float | None:
        return self._until.get(pid) if pid is not None else None


def take_over_text(primary: str, until: float | None) -> str:
    """An assistant's status line while the agent in charge is cut off."""
    if until is None:
        return fill(
            translate(
                "Roles", "{name}'s console lost its connection; you can take over the session."
            ),
            name=primary,
        )
    return fill(
        translate(
            "Roles",
            "{name}'s console lost its connection; you can take over the session until {time}.",
        ),
        name=primary,
        time=datetime.fromtimestamp(until).strftime("%H:%M"),
    )


def assisting_text(primary: str) -> str:
    """An assistant's status line: who is in charge."""
    if not primary:
        return translate("Roles", "You are assisting in this session.")
    return translate("Roles", "You are assisting {name}, who is in charge of this session.").format(
        name=primary
    )


def control_changed_text(event: RolesChanged, me: str, names: dict[str, str]) -> str:
    """What a change of control means for us, as a sentence for the status line and the
    session's transcript; sharing ended with it (the engine ends it on every side)."""
    previous = names.get(event.previous, "")
    primary = names.get(event.primary, "")
    if event.primary == me:
        if event.reason == "taken_over":
            text = translate("Roles", "You took over the session from {previous}.")
        else:
            text = translate("Roles", "{previous} handed control to you: you are in charge now.")
    elif event.previous == me:
        if event.reason == "transferred":
            text = translate("Roles", "You handed control to {primary}; you assist now.")
        else:
            text = translate(
                "Roles", "{primary} took over the session while you were away; you assist now."
            )
    elif event.reason == "taken_over":
        text = translate("Roles", "{primary} took over the session from {previous}.")
    else:
        text = translate("Roles", "{previous} handed control to {primary}.")
    ended = translate("Roles", "Any sharing running has ended.")
    return fill(text, previous=previous, primary=primary) + " " + ended
