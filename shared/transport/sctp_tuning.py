"""Two changes to aiortc's SCTP on our peer connections, where it spends a bulk transfer's time.

Profiles of a bulk transfer (``bench/files.py --profile``) show both ends' event loops busy
almost only with aiortc's SCTP, and the receiver's loop is what limits the rate. Two costs in it
are more than the protocol asks for:

* **A SACK for every packet.** aiortc acknowledges each packet that carries data on its own:
  7,777 SACKs for 7,873 data packets, each built, encrypted, sent, then decrypted, parsed and
  walked through the sender's queue, all in Python. RFC 9260 (section 6.2) asks for a SACK for
  at least every second packet, within 200 ms, and at once when something is missing or
  repeated; the sockets API (RFC 6458, ``SCTP_DELAYED_SACK``) makes "every how many packets" a
  setting, 2 by default. We acknowledge every ``PACKETS_PER_ACK`` packets, at once on a gap or a
  duplicate (the sender's fast retransmission counts on those), and a lone packet after
  ``ACK_DELAY_S``. The data is delivered as it arrives either way: only the sender's
  bookkeeping waits for a SACK.
* **Reassembly that rescans.** A 64 KiB message arrives as 56 fragments; after each one aiortc
  scans the stream's whole reassembly list for a complete message, about 1,600 steps a message.
  A fragment that arrives in order and is not a message's last cannot complete anything (each
  earlier complete message was delivered when its last fragment came), so the scan is skipped
  for it; any other fragment, and every scan aiortc asks for on its own (a FORWARD TSN), scans.

aiortc has no setting for either. ``tune_sctp`` changes one transport instance (its
``_send_sack`` and the class of the inbound streams it makes), so a bare aiortc connection in
the same process keeps aiortc's behaviour; ``bench/files.py``'s reference is one. Pinned to
aiortc 1.16: ``tests/unit/test_sctp_tuning.py`` fails if a patch point moves, and if aiortc
lacks one of them the transport is left as aiortc made it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from aiortc.rtcsctptransport import (
    SCTP_DATA_LAST_FRAG,
    DataChunk,
    InboundStream,
    RTCSctpTransport,
)
from aiortc.utils import uint32_gt

log = logging.getLogger(__name__)

# Packets that may wait for one SACK: the RFC's "at least every second packet".
PACKETS_PER_ACK = 2
# How long a lone packet's SACK may wait for a second packet: far under the RFC's 200 ms and
# aiortc's smallest retransmission timeout (1 s), so no sender times out on it.
ACK_DELAY_S = 0.01

# What the changes read, call or replace on aiortc's transport; checked before changing it.
_NEEDED = (
    "_send_sack",
    "_sack_needed",
    "_sack_misordered",
    "_sack_duplicates",
    "_get_inbound_stream",
    "_inbound_streams",
)


class _DelayedAcks:
    """The acknowledgement rule of one SCTP transport."""

    def __init__(self, sctp: Any, send_now: Callable[[], Awaitable[None]]) -> None:
        self._sctp = sctp
        self._send_now = send_now
        self._waiting = 0  # packets received since the last SACK
        self._timer: asyncio.TimerHandle | None = None
        self._late: asyncio.Task[None] | None = None

    async def packet_needs_ack(self) -> None:
        """aiortc calls this (as ``_send_sack``) after each packet that carries data."""
        self._waiting += 1
        sctp = self._sctp
        if self._waiting >= PACKETS_PER_ACK or sctp._sack_misordered or sctp._sack_duplicates:
            await self._ack()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(ACK_DELAY_S, self._on_timer)

    async def _ack(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._waiting = 0
        await self._send_now()

    def _on_timer(self) -> None:
        self._timer = None
        if self._sctp._sack_needed and self._late is None:
            self._late = asyncio.ensure_future(self._late_ack())

    async def _late_ack(self) -> None:
        try:
            if self._sctp._sack_needed:
                await self._ack()
        except ConnectionError:
            pass  # the connection closed under the timer: nothing is left to acknowledge
        finally:
            self._late = None


class _InboundStream(InboundStream):
    """aiortc's reassembly, without the scan after a fragment that cannot complete a message."""

    def __init__(self) -> None:
        super().__init__()
        self._skip_next_scan = False

    def add_chunk(self, chunk: DataChunk) -> None:
        in_order = not self.reassembly or uint32_gt(chunk.tsn, self.reassembly[-1].tsn)
        super().add_chunk(chunk)
        self._skip_next_scan = in_order and not chunk.flags & SCTP_DATA_LAST_FRAG

    def pop_messages(self) -> Iterator[tuple[int, int, bytes]]:
        skip, self._skip_next_scan = self._skip_next_scan, False
        if skip:
            return iter(())
        return super().pop_messages()


def tune_sctp(sctp: RTCSctpTransport) -> bool:
    """Give ``sctp`` the two changes above; False (left as aiortc made it) if this aiortc has
    not the parts they need."""
    if not all(hasattr(sctp, name) for name in _NEEDED):
        log.warning("aiortc's SCTP has changed: leaving it as aiortc made it")
        return False
    acks = _DelayedAcks(sctp, sctp._send_sack)
    sctp._send_sack = acks.packet_needs_ack  # type: ignore[method-assign]
    streams: dict[int, InboundStream] = sctp._inbound_streams

    def inbound_stream(stream_id: int) -> InboundStream:
        stream = streams.get(stream_id)
        if stream is None:
            stream = streams[stream_id] = _InboundStream()
        return stream

    sctp._get_inbound_stream = inbound_stream  # type: ignore[method-assign]
    return True
