"""What a feature declares, once, in its package's ``__init__``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from shared.protocol.messages import PeerMessage
from shared.session.consent import PermissionKind
from shared.session.routing import SessionFeature

if TYPE_CHECKING:
    from shared.session.live import LiveSession

# Builds the feature's part of one session (its message handlers and state); None, or an
# ImportError, when it cannot run on this computer (its media or input parts did not load).
EngineFactory = Callable[["LiveSession"], SessionFeature | None]
# Loads the feature's views for one app, importing its Qt modules only when called: the engine
# and the center never pay for them. What it returns is read by shared.qt.feature_views.
ViewLoader = Callable[[], object]


@dataclass(frozen=True)
class Feature:
    # Also the name of its message family and of its slice of the console's state.
    name: str
    # Its peer messages: the codec decodes them once the feature is registered.
    messages: tuple[type[PeerMessage], ...] = ()
    # What it asks the customer for, from the session's one typed list (consent.py).
    permissions: tuple[PermissionKind, ...] = ()
    engine: EngineFactory | None = None
    # Its views in the agent's console and in the customer's client (shared.qt.feature_views).
    console: ViewLoader | None = None
    customer: ViewLoader | None = None
