"""Sharing activities as explicit state machines: asked, then granted or refused, then stopped.

An activity joins two participants: the *sharer*, whose screen is sent, and the *viewer*; for
the control kinds the viewer also drives the sharer's mouse and keyboard.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from shared.features.desktop.protocol import ActivityKind, ClipboardWay, MonitorInfo, StopReason
from shared.session.consent import PermissionKind


class ActivityState(StrEnum):
    REQUESTED = "requested"
    ACTIVE = "active"
    REFUSED = "refused"
    STOPPED = "stopped"


# Which state may follow which; anything else is refused (and logged by the caller).
ACTIVITY_TRANSITIONS: dict[ActivityState, frozenset[ActivityState]] = {
    ActivityState.REQUESTED: frozenset(
        {ActivityState.ACTIVE, ActivityState.REFUSED, ActivityState.STOPPED}
    ),
    ActivityState.ACTIVE: frozenset({ActivityState.STOPPED}),
    ActivityState.REFUSED: frozenset(),
    ActivityState.STOPPED: frozenset(),
}

# The customer's screen is shared for these; the agent's for the others.
CUSTOMER_SHARES = frozenset({ActivityKind.VIEW, ActivityKind.CONTROL})
WITH_CONTROL = frozenset({ActivityKind.CONTROL, ActivityKind.GIVE_CONTROL})
# What the customer's consent to each kind is asked as (a view raised to control: control).
PERMISSION: dict[ActivityKind, PermissionKind] = {
    ActivityKind.VIEW: PermissionKind.VIEW_DESKTOP,
    ActivityKind.CONTROL: PermissionKind.CONTROL_DESKTOP,
    ActivityKind.SHOW: PermissionKind.SHOW_DESKTOP,
    ActivityKind.GIVE_CONTROL: PermissionKind.GIVE_CONTROL,
}
# Which ways the clipboard goes in each kind once the customer agreed in the words of its
# question, which name these ways; otherwise none (the rule and why: ``clipboard.py``).
CLIPBOARD: dict[ActivityKind, frozenset[ClipboardWay]] = {
    ActivityKind.VIEW: frozenset(),
    ActivityKind.CONTROL: frozenset({ClipboardWay.TO_AGENT, ClipboardWay.TO_CUSTOMER}),
    ActivityKind.SHOW: frozenset(),
    ActivityKind.GIVE_CONTROL: frozenset({ClipboardWay.TO_CUSTOMER}),
}


class InvalidActivityTransition(RuntimeError):
    pass


@dataclass(frozen=True)
class Activity:
    id: str
    kind: ActivityKind
    agent_id: str
    customer_id: str
    state: ActivityState = ActivityState.REQUESTED
    stop_reason: StopReason | None = None
    monitors: tuple[MonitorInfo, ...] = ()
    selected_monitor: int = 0
    # Remote input is paused because the sharer's own user is using their mouse or keyboard,
    # or draws over the shared screen (``pause_reason``: ``shared_screens.DRAWING``).
    control_paused: bool = False
    pause_reason: str = ""
    # A view whose agent asked to raise it to control; the customer has not answered yet.
    asking_control: bool = False
    # Which ways the clipboard goes while it is active: what the customer's engine decided
    # when it was granted (``clipboard.py``); none before.
    clipboard: frozenset[ClipboardWay] = frozenset()

    @property
    def sharer_id(self) -> str:
        return self.customer_id if self.kind in CUSTOMER_SHARES else self.agent_id

    @property
    def viewer_id(self) -> str:
        return self.agent_id if self.kind in CUSTOMER_SHARES else self.customer_id

    @property
    def with_control(self) -> bool:
        return self.kind in WITH_CONTROL

    @property
    def live(self) -> bool:
        return self.state in (ActivityState.REQUESTED, ActivityState.ACTIVE)

    def involves(self, participant_id: str) -> bool:
        return participant_id in (self.agent_id, self.customer_id)

    def moved(self, state: ActivityState, reason: StopReason | None = None) -> Activity:
        if state not in ACTIVITY_TRANSITIONS[self.state]:
            raise InvalidActivityTransition(f"{self.id}: {self.state} -> {state}")
        return replace(self, state=state, stop_reason=reason)

    def with_screen(self, monitors: tuple[MonitorInfo, ...], selected: int) -> Activity:
        return replace(self, monitors=monitors, selected_monitor=selected)

    def paused(self, paused: bool, reason: str = "") -> Activity:
        return replace(self, control_paused=paused, pause_reason=reason if paused else "")

    def control_asked(self, asking: bool) -> Activity:
        return replace(self, asking_control=asking)

    def with_clipboard(self, ways: frozenset[ClipboardWay]) -> Activity:
        """The clipboard goes ``ways`` from now on, never beyond what the kind allows."""
        return replace(self, clipboard=ways & CLIPBOARD[self.kind])

    def upgraded(self) -> Activity:
        """The customer let the viewer of this view take control: the same activity, stream
        and window, now with input."""
        if self.kind != ActivityKind.VIEW or self.state != ActivityState.ACTIVE:
            raise InvalidActivityTransition(f"{self.id}: {self.kind} cannot become control")
        return replace(self, kind=ActivityKind.CONTROL, asking_control=False)
