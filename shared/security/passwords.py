"""Password hashing with Argon2id, a memory-hard KDF."""

from __future__ import annotations

import functools
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# Argon2id with 64 MiB and 3 passes (RFC 9106's "low memory" profile): about 0.1 s and 64 MiB
# per check here, ruinous for a guesser, unnoticed in a sign-in. Callers on an event loop run it
# in a worker thread.
_HASHER = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=1)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def dummy_hash() -> str:
    """A hash of a password nobody knows, with the same parameters as real ones: checking
    against it costs what checking a real one costs."""
    return _HASHER.hash(secrets.token_urlsafe(24))


def check_password(stored_hash: str | None, password: str) -> bool:
    """``verify_password``, where None (no such user) is checked against ``dummy_hash`` and
    fails: the time taken does not tell known user names from unknown ones."""
    if stored_hash is None:
        verify_password(dummy_hash(), password)
        return False
    return verify_password(stored_hash, password)
