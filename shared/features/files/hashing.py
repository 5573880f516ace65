"""The SHA-256 of a file to send: one place for the engine, the groups and the published list."""

from __future__ import annotations

import asyncio
import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

# Hashing a file before offering it: a large block, off the event loop.
HASH_BLOCK_BYTES = 1024 * 1024
# Up to this size a file is hashed on the loop (well under a millisecond): handing it to a
# thread and back costs more than the hashing, and counts when thousands of small files go.
INLINE_HASH_BYTES = 256 * 1024


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(HASH_BLOCK_BYTES):
            digest.update(block)
    return digest.hexdigest()


async def hash_file(path: Path, size: int) -> str:
    """The file's SHA-256: small files at once, larger ones in a thread."""
    if size <= INLINE_HASH_BYTES:
        return _hash_file(path)
    return await asyncio.to_thread(_hash_file, path)
