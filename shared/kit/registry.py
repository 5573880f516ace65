"""The registered features, and finding the built-in ones.

Every package under ``shared/features`` registers its ``Feature`` when it is imported;
``load_builtin`` imports them all, so an app (or a test) that calls it knows every feature
without a list to keep. A test registers a feature of its own with ``register`` and takes it
away again with ``unregister``.
"""

from __future__ import annotations

import importlib
import pkgutil

from shared.kit.feature import Feature
from shared.protocol.catalogue import PEER_CATALOGUE
from shared.protocol.messages import PeerMessage
from shared.session.consent import PermissionKind

_FEATURES: dict[str, Feature] = {}
# The package the built-in features live in, one sub-package each.
BUILTIN_PACKAGE = "shared.features"


class FeatureError(ValueError):
    """A feature that cannot be registered as declared (a programming error, said at once)."""


def register(feature: Feature) -> None:
    """Register ``feature``: its messages join the peer catalogue. Registering the very same
    feature again does nothing; another feature under a taken name is refused."""
    known = _FEATURES.get(feature.name)
    if known is feature:
        return
    if known is not None:
        raise FeatureError(f"a feature named {feature.name!r} is already registered")
    if not feature.name.isidentifier():
        raise FeatureError(f"{feature.name!r} is not a feature name (letters, digits, _)")
    strays = [kind for kind in feature.permissions if not isinstance(kind, PermissionKind)]
    if strays:
        raise FeatureError(f"{feature.name}: {strays!r} are not permission kinds")
    if feature.messages:
        PEER_CATALOGUE.register_family(feature.name, feature.messages)
    _FEATURES[feature.name] = feature


def declare(
    package: str,
    name: str,
    messages: tuple[type[PeerMessage], ...],
    engine: str,
    permissions: tuple[PermissionKind, ...] = (),
) -> Feature:
    """Declare and register the feature of ``package`` (its ``__init__``'s ``__name__``), laid
    out as docs/adding-a-feature.md says: its engine part at ``engine``, "module:name" within the
    package, its views ``CONSOLE_VIEW`` in console.py and ``CUSTOMER_VIEW`` in customer.py (all
    loaded only when asked)."""
    feature = Feature(
        name=name,
        messages=messages,
        permissions=permissions,
        engine=f"{package}.{engine}",
        console=f"{package}.console:CONSOLE_VIEW",
        customer=f"{package}.customer:CUSTOMER_VIEW",
    )
    register(feature)
    return feature


def unregister(name: str) -> None:
    """Forget feature ``name`` and its messages (a test's own feature, once the test is over)."""
    if _FEATURES.pop(name, None) is not None:
        PEER_CATALOGUE.unregister_family(name)


def features() -> tuple[Feature, ...]:
    """The registered features, by name (the same order whichever was imported first)."""
    return tuple(_FEATURES[name] for name in sorted(_FEATURES))


def feature(name: str) -> Feature | None:
    return _FEATURES.get(name)


def load_builtin() -> tuple[Feature, ...]:
    """Import every built-in feature package (each registers itself); idempotent."""
    package = importlib.import_module(BUILTIN_PACKAGE)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.ispkg:
            importlib.import_module(f"{BUILTIN_PACKAGE}.{info.name}")
    return features()
