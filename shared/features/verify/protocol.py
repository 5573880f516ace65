"""The security code's peer messages.

The code is made of both links' fingerprints and one random nonce from each side. The agent's
side commits to its nonce before it sees the customer's, and reveals it after: so whoever
answers in either side's name (a center in the middle) must choose its nonce before it can know
the code the other side will see, and cannot search for certificates that make two codes match.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import StringConstraints

from shared.protocol.messages import PeerMessage

# The feature's name: its message family, its slice of the console's state.
NAME = "verify"

# 32 random bytes, and SHA-256 digests, as lower-case hex.
Hex32 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
# The code as both sides compute it: six digits, no spaces.
Code = Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]


class VerifyCommit(PeerMessage):
    """Agent to customer, once per link: the digest of the agent's nonce."""

    type: Literal["verify.commit"] = "verify.commit"
    commitment: Hex32


class VerifyNonce(PeerMessage):
    """Customer to agent, once the commitment is in: the customer's nonce."""

    type: Literal["verify.nonce"] = "verify.nonce"
    nonce: Hex32


class VerifyReveal(PeerMessage):
    """Agent to customer: the nonce committed to; both sides now have the code."""

    type: Literal["verify.reveal"] = "verify.reveal"
    nonce: Hex32


class VerifyConfirmed(PeerMessage):
    """Agent to customer: the agent says they heard the same code. Only a claim: whoever holds
    the other end of the link knows the code, so the customer's side audits it and shows
    nothing of it."""

    type: Literal["verify.confirmed"] = "verify.confirmed"
    code: Code


class VerifyMismatch(PeerMessage):
    """Customer to agent: the codes read aloud differ."""

    type: Literal["verify.mismatch"] = "verify.mismatch"
    code: Code


VERIFY_MESSAGES: tuple[type[PeerMessage], ...] = (
    VerifyCommit,
    VerifyNonce,
    VerifyReveal,
    VerifyConfirmed,
    VerifyMismatch,
)
