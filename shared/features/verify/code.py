"""Making the security code: pure functions, no I/O."""

from __future__ import annotations

import hashlib
import secrets

# Domain separation: these digests mean nothing elsewhere, and a version to change them by.
CODE_DOMAIN = b"tandem/verify/code/v1"
COMMIT_DOMAIN = b"tandem/verify/commit/v1"
NONCE_BYTES = 32
# Six digits (about 20 bits): read aloud in a breath in English or French; a man in the middle
# who cannot aim (the commitment sees to that) matches both codes once in a million tries.
CODE_DIGITS = 6


def new_nonce() -> str:
    return secrets.token_hex(NONCE_BYTES)


def commitment(nonce: str) -> str:
    return hashlib.sha256(COMMIT_DOMAIN + b"\0" + bytes.fromhex(nonce)).hexdigest()


def _fingerprint(value: str) -> bytes:
    """One spelling of a fingerprint: upper-case hex pairs joined by colons."""
    digits = value.replace(":", "").strip().upper()
    if not digits or len(digits) % 2 or any(c not in "0123456789ABCDEF" for c in digits):
        raise ValueError(f"not a fingerprint: {value!r}")
    return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2)).encode()


def short_code(fingerprints: tuple[str, str], agent_nonce: str, customer_nonce: str) -> str:
    """The code: SHA-256 over the domain, the two fingerprints sorted (each side holds them the
    other way round) and the agent's then the customer's nonce, reduced to six digits."""
    first, second = sorted(_fingerprint(f) for f in fingerprints)
    parts = (CODE_DOMAIN, first, second, bytes.fromhex(agent_nonce), bytes.fromhex(customer_nonce))
    # Every part but the nonces (fixed length, last) is free of NUL: the join is unambiguous.
    digest = hashlib.sha256(b"\0".join(parts)).digest()
    # 64 bits reduced modulo 10^6: the bias is below 1e-13.
    return f"{int.from_bytes(digest[:8], 'big') % 10**CODE_DIGITS:0{CODE_DIGITS}d}"


def spoken(code: str) -> str:
    """The code as shown, in two groups of three digits ("482 913"), kept on one line."""
    return f"{code[:3]}\u00a0{code[3:]}" if len(code) == CODE_DIGITS else code
