"""Putting the registered features' engine parts on a session."""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping

from shared.kit.feature import EngineFactory
from shared.kit.registry import features, load_builtin
from shared.session.live import LiveSession

log = logging.getLogger(__name__)


def attach_features(
    session: LiveSession,
    replace: Mapping[str, EngineFactory | None] | None = None,
    only: Collection[str] | None = None,
) -> None:
    """Give ``session`` every registered feature's engine part (``only`` those named).

    ``replace`` swaps a feature's factory (tests plug in a desktop sharing with a stand-in
    screen), or leaves the feature out (None). A feature that cannot run here is listed in
    ``session.unavailable`` with why, and the session goes on without it.
    """
    load_builtin()
    replace = replace or {}
    for feature in features():
        if only is not None and feature.name not in only:
            continue
        if feature.name in session.parts:
            continue
        try:
            factory = replace[feature.name] if feature.name in replace else feature.engine_factory()
            if factory is None:
                continue
            part = factory(session)
        except ImportError as exc:  # its media or input parts are missing on this computer
            log.warning("%s is not available on this computer: %s", feature.name, exc)
            session.unavailable[feature.name] = str(exc)
            continue
        except Exception as exc:
            log.exception("%s could not be set up", feature.name)
            session.unavailable[feature.name] = f"{type(exc).__name__}: {exc}"
            continue
        if part is None:
            session.unavailable[feature.name] = "not available on this computer"
        elif feature.name not in session.parts:  # a factory may attach itself
            session.add_feature(part)
