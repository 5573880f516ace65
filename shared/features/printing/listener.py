"""Where the temporary printer's jobs arrive on the customer's computer: a TCP server on the
loopback interface (CUPS's socket backend connects and writes one job, then closes its side).
A job is read whole into memory up to ``MAX_JOB_BYTES``; past it the connection is closed and
the job refused, so a runaway job cannot fill the customer's memory."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from shared.features.printing.protocol import MAX_JOB_BYTES

log = logging.getLogger(__name__)

READ_BYTES = 64 * 1024
# A job that stops sending for this long is dropped (CUPS writes a job at once).
IDLE_TIMEOUT_S = 120.0

# (the job's bytes, or None when it was too big)
JobReceived = Callable[[bytes | None], None]


class JobListener:
    def __init__(self, on_job: JobReceived, max_bytes: int = MAX_JOB_BYTES) -> None:
        self.on_job = on_job
        self.max_bytes = max_bytes
        self.server: asyncio.Server | None = None
        self._connections: set[asyncio.StreamWriter] = set()

    @property
    def port(self) -> int:
        assert self.server is not None
        return int(self.server.sockets[0].getsockname()[1])

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._job, "127.0.0.1", 0)
        return self.port

    async def close(self) -> None:
        server, self.server = self.server, None
        if server is not None:
            server.close()
        for writer in list(self._connections):
            writer.close()
        if server is not None:
            with contextlib.suppress(Exception):
                await server.wait_closed()

    async def _job(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._connections.add(writer)
        data = bytearray()
        too_big = False
        try:
            while block := await asyncio.wait_for(reader.read(READ_BYTES), IDLE_TIMEOUT_S):
                data += block
                if len(data) > self.max_bytes:
                    too_big = True
                    break
        except (TimeoutError, ConnectionError) as exc:
            log.warning("a print job was cut: %s", exc)
            return
        finally:
            # Closing tells the socket backend the job is delivered (it waits for it).
            self._connections.discard(writer)
            writer.close()
        self.on_job(None if too_big else bytes(data))
