"""What a feature declares, once, in its package's ``__init__``."""

from __future__ import annotations

import importlib
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


def load(where: str) -> object:
    """The object ``where`` names, "package.module:name", importing its module now: a feature
    names its engine part and its views so, and they load only when a session or an app asks
    (the engine and the center never pay for Qt, the media layer for the engine)."""
    module, _, name = where.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Feature:
    # Also the name of its message family and of its slice of the console's state.
    name: str
    # Its peer messages: the codec decodes them once the feature is registered.
    messages: tuple[type[PeerMessage], ...] = ()
    # What it asks the customer for, from the session's one typed list (consent.py).
    permissions: tuple[PermissionKind, ...] = ()
    # Its engine part's factory, or where it is ("shared.features.chat.engine:ChatFeature").
    engine: EngineFactory | str | None = None
    # Its views in the agent's console and in the customer's client (shared.qt.feature_views),
    # or where they are ("shared.features.chat.console:CONSOLE_VIEW").
    console: object | None = None
    customer: object | None = None

    def engine_factory(self) -> EngineFactory | None:
        if isinstance(self.engine, str):
            factory = load(self.engine)
            if not callable(factory):
                raise TypeError(f"{self.engine} is not an engine factory")
            return factory
        return self.engine

    def view(self, side: str) -> object | None:
        """Its views for ``side`` ("console" or "customer"), loaded now."""
        found = self.console if side == "console" else self.customer
        return load(found) if isinstance(found, str) else found
