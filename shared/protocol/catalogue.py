"""The catalogue of message types: which model a ``type`` discriminator names.

A feature registers its peer message family here, once (``register_family``), and the peer
codec decodes by looking the ``type`` up: there is no union of every message to edit. Two
families cannot claim the same type, and a type no family registered is refused on the wire.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, get_args, get_origin

if TYPE_CHECKING:
    # Only for annotations: messages.py registers its own families here, so it imports us.
    from shared.protocol.messages import Message, PeerMessage


class CatalogueError(ValueError):
    """A family that cannot be registered as given (a programming error, found at import)."""


def discriminator(model: type[Message]) -> str:
    """The one literal ``type`` a message class is sent with."""
    field = model.model_fields.get("type")
    values = get_args(field.annotation) if field is not None else ()
    if (
        field is None
        or get_origin(field.annotation) is not Literal
        or len(values) != 1
        or not isinstance(values[0], str)
        or field.default != values[0]
    ):
        raise CatalogueError(
            f'{model.__name__} needs a field `type: Literal["…"]` defaulting to its one value'
        )
    return values[0]


class Catalogue:
    """Message classes by their ``type``, grouped in named families."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._by_type: dict[str, type[Message]] = {}
        self._families: dict[str, tuple[str, ...]] = {}

    @classmethod
    def of(cls, name: str, models: Iterable[type[Message]]) -> Catalogue:
        """A closed catalogue of one family (the center's signaling messages)."""
        catalogue = cls(name)
        catalogue.register_family(name, models)
        return catalogue

    def register_family(self, family: str, models: Iterable[type[Message]]) -> None:
        """Register every message class of ``family``; all or nothing."""
        if family in self._families:
            raise CatalogueError(f"{self.name} message family {family!r} is already registered")
        claimed: dict[str, type[Message]] = {}
        for model in models:
            type_name = discriminator(model)
            if type_name in claimed:
                raise CatalogueError(f"{family!r} names message type {type_name!r} twice")
            owner = self.family_of(type_name)
            if owner is not None:
                raise CatalogueError(
                    f"{self.name} message type {type_name!r} of family {family!r}"
                    f" is already registered by family {owner!r}"
                )
            claimed[type_name] = model
        if not claimed:
            raise CatalogueError(f"{self.name} message family {family!r} has no message")
        self._by_type.update(claimed)
        self._families[family] = tuple(claimed)

    def unregister_family(self, family: str) -> None:
        """Forget ``family`` (a feature unloaded, or a test's own family)."""
        for type_name in self._families.pop(family, ()):
            del self._by_type[type_name]

    def get(self, type_name: str) -> type[Message] | None:
        return self._by_type.get(type_name)

    def family_of(self, type_name: str) -> str | None:
        for family, type_names in self._families.items():
            if type_name in type_names:
                return family
        return None

    @property
    def types(self) -> frozenset[str]:
        return frozenset(self._by_type)

    @property
    def families(self) -> dict[str, tuple[str, ...]]:
        """Each registered family and the types it claimed."""
        return dict(self._families)


# What rides the peers' data channels; every feature's family is registered here.
PEER_CATALOGUE = Catalogue("peer")


def register_family(family: str, models: Iterable[type[PeerMessage]]) -> None:
    """Register a feature's peer messages: the peer codec decodes them from then on."""
    PEER_CATALOGUE.register_family(family, models)
