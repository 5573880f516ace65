"""The one error type raised for anything wrong with a message on the wire."""

from __future__ import annotations

from shared.protocol.limits import MAX_REASON_CHARS


class ProtocolError(Exception):
    """A message could not be accepted.

    ``code`` is a short stable token (sent back to the peer in an ``error`` message);
    ``reason`` is a sentence a person can read in a log.
    """

    def __init__(self, code: str, reason: str) -> None:
        # Reasons quote the offending input (a type name, a version); cut them to what an
        # ``error`` message may carry, so refusing a message never fails in turn.
        if len(reason) > MAX_REASON_CHARS:
            reason = reason[: MAX_REASON_CHARS - 1] + "…"
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason
