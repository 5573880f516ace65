"""Layer 1: typed, versioned, validated messages (see DESIGN.md)."""

# The built-in peer families register themselves in the catalogue on import (chat and the
# session's own in messages.py, sharing in sharing.py). Imported here so that every user of the
# protocol knows them, whichever of its modules it imports first.
import shared.protocol.sharing  # noqa: F401
from shared.protocol.codec import FROM_CENTER, PEER, TO_CENTER, Codec
from shared.protocol.errors import ProtocolError

__all__ = ["FROM_CENTER", "PEER", "TO_CENTER", "Codec", "ProtocolError"]
