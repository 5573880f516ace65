"""The one-click client: the configured one-file client with a launch block appended, streamed
(a 45 MB binary is never held whole in memory, whatever the number of downloads at once)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from aiohttp import web

from shared.protocol.launch_block import launch_block_bytes
from shared.protocol.queues import LaunchBlock

# Read and sent this much at a time: few thread hops per download, little memory per download.
CHUNK_BYTES = 256 * 1024


def client_binary(path: Path | None) -> Path | None:
    """The client to hand out, if one is configured and there."""
    return path if path is not None and path.is_file() else None


async def stream_client(
    request: web.Request, binary: Path, block: LaunchBlock, filename: str
) -> web.StreamResponse:
    """Send ``binary`` then ``block``'s bytes as one file named ``filename``. Its length is
    fixed when the file is opened: a client rebuilt meanwhile ends the download short (the
    browser says it failed) rather than mixing two builds."""
    tail = launch_block_bytes(block)
    handle = await asyncio.to_thread(binary.open, "rb")
    try:
        size = os.fstat(handle.fileno()).st_size
        response = web.StreamResponse(
            headers={
                "Content-Type": "application/octet-stream",
                "Content-Disposition": f'attachment; filename="{filename}"',
                # It carries a ticket or a session: kept by no cache on the way.
                "Cache-Control": "no-store",
            }
        )
        response.content_length = size + len(tail)
        await response.prepare(request)
        left = size
        while left > 0:
            chunk = await asyncio.to_thread(handle.read, min(CHUNK_BYTES, left))
            if not chunk:
                break
            await response.write(chunk)
            left -= len(chunk)
        if left == 0:
            await response.write(tail)
        await response.write_eof()
        return response
    finally:
        handle.close()
