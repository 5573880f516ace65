"""A print job's bytes on the bulk channel: one binary frame per chunk,

    tag (8 bytes) | job id (8 bytes) | offset (u64) | payload

big-endian. The tag routes the frame to this feature on a channel that file transfer also
uses (``Channel.on_tagged``); the job's SHA-256, announced first, checks the whole."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from shared.transport.channels import MAX_CHANNEL_MESSAGE_BYTES

TAG = b"TDM\x00PRN\x01"
HEADER = struct.Struct(">8s8sQ")
MAX_PAYLOAD_BYTES = MAX_CHANNEL_MESSAGE_BYTES - HEADER.size
ID_BYTES = 8


class FrameError(ValueError):
    """Not a print frame: dropped."""


@dataclass(frozen=True)
class Frame:
    job: str  # 16 hex digits
    offset: int
    payload: memoryview


def encode(job: str, offset: int, payload: bytes | memoryview) -> bytes:
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise ValueError(f"a frame holds at most {MAX_PAYLOAD_BYTES} bytes")
    raw = bytes.fromhex(job)
    if len(raw) != ID_BYTES:
        raise ValueError(f"a job id is {ID_BYTES} bytes")
    return HEADER.pack(TAG, raw, offset) + bytes(payload)


def decode(data: bytes | str) -> Frame:
    if isinstance(data, str) or len(data) < HEADER.size:
        raise FrameError("not a print frame")
    tag, raw, offset = HEADER.unpack_from(data)
    if tag != TAG:
        raise FrameError("not a print frame")
    return Frame(raw.hex(), offset, memoryview(data)[HEADER.size :])
