"""Which agents control this customer's desktop (or an application of theirs) right now, read
from desktop sharing's events on the session's engine.

Features do not import each other, so this reads the event by its shape: an event with an
``activity`` whose ``kind``, ``state``, ``agent_id`` and ``customer_id`` are desktop sharing's
(``shared/features/desktop/activities.py``, ``ActivityChanged``). The tests publish the real
desktop events, so a change of shape there fails them."""

from __future__ import annotations

from collections.abc import Callable

# The activity kinds in which the agent drives the customer's computer.
CONTROL_KINDS = frozenset({"control", "control_application"})
ACTIVE = "active"

# (agent id, customer id) of a control that ended
Ended = Callable[[str, str], None]


class ControlWatch:
    def __init__(self, on_ended: Ended) -> None:
        self.on_ended = on_ended
        # activity id -> (agent id, customer id), while active
        self._active: dict[str, tuple[str, str]] = {}

    def controlling(self, agent_id: str, customer_id: str) -> bool:
        return (agent_id, customer_id) in self._active.values()

    def event(self, event: object) -> None:
        activity = getattr(event, "activity", None)
        if activity is None:
            return
        activity_id = str(getattr(activity, "id", ""))
        pair = (str(getattr(activity, "agent_id", "")), str(getattr(activity, "customer_id", "")))
        kind, state = str(getattr(activity, "kind", "")), str(getattr(activity, "state", ""))
        if kind in CONTROL_KINDS and state == ACTIVE:
            self._active[activity_id] = pair
        elif self._active.pop(activity_id, None) is not None and not self.controlling(*pair):
            # Stopped, refused, or lowered to a view: the agent no longer drives.
            self.on_ended(*pair)
