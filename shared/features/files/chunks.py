"""File data on the bulk channel: one binary frame per chunk, a small fixed header in front.

    transfer id (8 bytes) | offset (u64) | payload length (u32) | CRC32 of the payload (u32)

Big-endian. The id is the transfer's own (16 hex digits in the control messages, its 8 bytes
here), so a frame names the transfer it belongs to without a lookup table per link.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from shared.transport.channels import MAX_CHANNEL_MESSAGE_BYTES

HEADER = struct.Struct(">8sQII")
HEADER_BYTES = HEADER.size
# A frame fills one channel message at most (every WebRTC peer takes 64 KiB).
MAX_PAYLOAD_BYTES = MAX_CHANNEL_MESSAGE_BYTES - HEADER_BYTES
# Transfer ids: 8 random bytes, written as 16 lowercase hex digits in control messages.
ID_BYTES = 8


class FrameError(ValueError):
    """Not a frame of ours (too short, a length that does not match): dropped."""


@dataclass(frozen=True)
class Frame:
    transfer: str  # 16 hex digits
    offset: int
    # A view into the message as it arrived: no copy of 64 KiB per chunk on the receiving side.
    payload: memoryview
    # The payload's CRC32 matches the header's: False means it was damaged on the way.
    intact: bool


def encode(transfer: str, offset: int, payload: bytes | memoryview) -> bytes:
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise ValueError(f"a chunk holds at most {MAX_PAYLOAD_BYTES} bytes")
    raw_id = bytes.fromhex(transfer)
    if len(raw_id) != ID_BYTES:
        raise ValueError(f"a transfer id is {ID_BYTES} bytes")
    header = HEADER.pack(raw_id, offset, len(payload), zlib.crc32(payload))
    return header + payload


def decode(data: bytes | str) -> Frame:
    if isinstance(data, str):
        raise FrameError("file data comes in binary frames")
    if len(data) < HEADER_BYTES:
        raise FrameError("shorter than a frame's header")
    raw_id, offset, length, crc = HEADER.unpack_from(data)
    payload = memoryview(data)[HEADER_BYTES:]
    if length != len(payload) or length > MAX_PAYLOAD_BYTES:
        raise FrameError("the payload's length does not match its header")
    return Frame(raw_id.hex(), offset, payload, zlib.crc32(payload) == crc)
