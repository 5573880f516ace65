"""Layer 1: typed, versioned, validated messages (see DESIGN.md)."""

from shared.protocol.codec import FROM_CENTER, PEER, TO_CENTER, Codec
from shared.protocol.errors import ProtocolError

__all__ = ["FROM_CENTER", "PEER", "TO_CENTER", "Codec", "ProtocolError"]
