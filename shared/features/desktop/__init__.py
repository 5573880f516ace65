"""Desktop sharing, both ways: the agent views or controls the customer's desktop, or shows
theirs and gives control of it. Its parts: the activities' lifecycle and consent (engine.py),
the screen stream (screen.py), remote input (input.py), the pointer (pointer.py) and the
clipboard (clipboard.py); its views in the console (console.py) and the client (customer.py).

Only the protocol is imported here: the media and input layers use its types, and the rest
loads when a session or an app asks for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.features.desktop.protocol import NAME, SHARING_MESSAGES
from shared.kit.feature import Feature
from shared.kit.registry import register
from shared.session.consent import PermissionKind

if TYPE_CHECKING:
    from shared.session.live import LiveSession
    from shared.session.routing import SessionFeature


def _engine(session: LiveSession) -> SessionFeature:
    from shared.features.desktop.machine import make_sharing

    return make_sharing(session)


def _console() -> object:
    from shared.features.desktop.console import CONSOLE_VIEW

    return CONSOLE_VIEW


def _customer() -> object:
    from shared.features.desktop.customer import CUSTOMER_VIEW

    return CUSTOMER_VIEW


FEATURE = Feature(
    name=NAME,
    messages=SHARING_MESSAGES,
    permissions=(
        PermissionKind.VIEW_DESKTOP,
        PermissionKind.CONTROL_DESKTOP,
        PermissionKind.SHOW_DESKTOP,
        PermissionKind.GIVE_CONTROL,
    ),
    engine=_engine,
    console=_console,
    customer=_customer,
)
register(FEATURE)
