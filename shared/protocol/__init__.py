"""Layer 1: typed, versioned, validated messages (see DESIGN.md).

The session's own peer messages register in the catalogue here (messages.py); each feature's
family registers when the feature does (shared/kit/registry.py)."""

from shared.protocol.codec import FROM_CENTER, PEER, TO_CENTER, Codec
from shared.protocol.errors import ProtocolError

__all__ = ["FROM_CENTER", "PEER", "TO_CENTER", "Codec", "ProtocolError"]
