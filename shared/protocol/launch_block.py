"""The launch block at the end of a downloaded client (``LaunchBlock``, shared/protocol/queues.py).

The support center appends it to the one-file client it serves; the client, started with nothing
typed, reads it back from its own file. Byte layout, at the very end of the file::

    <JSON of LaunchBlock> <its length: 4 bytes, big-endian> LAUNCH_BLOCK_MARKER

The executable before it is untouched: PyInstaller's bootloader finds its archive by its own
cookie, searched backwards from the end, so bytes appended after it do not hide it
(tests/installers/test_one_file_client.py runs such a file).

Everything read here comes from a file anyone may have edited: a block that is damaged, too
long or not a valid ``LaunchBlock`` is no block at all (logged), never an exception.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pydantic import ValidationError

from shared.protocol.queues import LAUNCH_BLOCK_MARKER, MAX_LAUNCH_BLOCK_BYTES, LaunchBlock

log = logging.getLogger(__name__)

# The length field: 4 bytes, big-endian (the format's, not a limit).
LENGTH_BYTES = 4
# The longest tail read: what a block can take at most; a file is never read whole.
MAX_TAIL_BYTES = MAX_LAUNCH_BLOCK_BYTES + LENGTH_BYTES + len(LAUNCH_BLOCK_MARKER)


class LaunchBlockTooLarge(ValueError):
    """A block whose JSON would pass ``MAX_LAUNCH_BLOCK_BYTES``: the center must not serve it."""


def launch_block_bytes(block: LaunchBlock) -> bytes:
    """The bytes to append to the client's executable so that it starts with ``block``."""
    body = block.model_dump_json(exclude_none=True).encode("utf-8")
    if len(body) > MAX_LAUNCH_BLOCK_BYTES:
        raise LaunchBlockTooLarge(
            f"launch block of {len(body)} bytes (at most {MAX_LAUNCH_BLOCK_BYTES})"
        )
    return body + len(body).to_bytes(LENGTH_BYTES, "big") + LAUNCH_BLOCK_MARKER


def read_launch_block(path: Path) -> LaunchBlock | None:
    """The block at the end of ``path``; None when it has none, or one that cannot be trusted to
    be what the center wrote (logged). Reads only the file's last ``MAX_TAIL_BYTES``."""
    try:
        with path.open("rb") as file:
            size = file.seek(0, 2)
            file.seek(max(0, size - MAX_TAIL_BYTES))
            tail = file.read(MAX_TAIL_BYTES)
    except OSError as exc:
        log.warning("launch block: cannot read %s: %s", path, exc)
        return None
    return parse_launch_block_tail(tail)


def parse_launch_block_tail(tail: bytes) -> LaunchBlock | None:
    """The block that ``tail`` (the end of a file) ends with, or None (see read_launch_block)."""
    if not tail.endswith(LAUNCH_BLOCK_MARKER):
        return None  # an ordinary file: no block, nothing to say
    before = tail[: -len(LAUNCH_BLOCK_MARKER)]
    if len(before) < LENGTH_BYTES:
        log.warning("launch block: marker without a length (file cut short)")
        return None
    length = int.from_bytes(before[-LENGTH_BYTES:], "big")
    if length > MAX_LAUNCH_BLOCK_BYTES:
        log.warning("launch block: %d bytes claimed, at most %d", length, MAX_LAUNCH_BLOCK_BYTES)
        return None
    body = before[:-LENGTH_BYTES]
    if length == 0 or length > len(body):
        log.warning("launch block: %d bytes claimed, %d there", length, len(body))
        return None
    try:
        return LaunchBlock.model_validate_json(body[-length:])
    except ValidationError as exc:
        log.warning("launch block: not a valid block (%d errors)", exc.error_count())
        return None
