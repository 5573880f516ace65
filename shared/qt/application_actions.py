"""The Application tab's request actions (the manual's one-application activities and
co-browsing), registered the same way by each feature: in the Application group, enabled once
a customer is linked, for the agent in charge only, each running ``request(kind)`` on the
current session's part of the feature."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtWidgets import QStyle

from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleState,
    Group,
    on_part,
    standard_icon,
)

K = TypeVar("K")
# One action: its kind (what ``request`` is called with), registry key, text, tooltip, icon.
Request = tuple[K, str, str, str, QStyle.StandardPixmap]


def can_request(state: ConsoleState) -> bool:
    return state.customer_linked


def register_requests(
    console: ConsoleHost,
    feature: str,
    part: type[Any],
    actions: Sequence[Request[K]],
    first_order: int,
) -> None:
    for order, (kind, key, text, tooltip, pix) in enumerate(actions):

        def request(kind: K = kind) -> Callable[[], None]:
            return on_part(console, feature, part, lambda p: p.request(kind))

        console.register(
            ActionSpec(
                key,
                text,
                tooltip,
                Group.APPLICATION,
                can_request,
                standard_icon(pix),
                feature=feature,
                # On the icon bar in its Application menu (a bar that fits a 1024-px screen has
                # room for the everyday icons only).
                on_bar=False,
                # The multisession window shows it on the session's Sharing page, with the
                # other one-application activities (the manual's Client ▸ Sharing tab).
                on_toolbar=False,
                order=first_order + order,
                primary_only=True,
            ),
            request(),
        )
