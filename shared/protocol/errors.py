"""The one error type raised for anything wrong with a message on the wire."""

from __future__ import annotations


class ProtocolError(Exception):
    """A message could not be accepted.

    ``code`` is a short stable token (sent back to the peer in an ``error`` message);
    ``reason`` is a sentence a person can read in a log.
    """

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason
