"""How often aiortc and aioice speak on a connection that carries nothing: the one place.

An idle shared screen used to cost ~12 kbit/s on loopback (``bench/idle_apps.py``), most of it
keep-alives sent far more often than anything needs: RTCP reports on every RTP stream about
once a second, and an RFC 7675 consent check every 5 s from both ends of every connection.
Failure detection does not rest on them: the session's own heartbeat (``link.py``) says within
seconds that a peer is gone, and a media connection ends with its activity. So, when a
connection is idle, they are sent only as often as their own purpose needs:

* **RTCP sender and receiver reports** carry statistics (packets sent, lost, round-trip time)
  that only mean something while media flows. While RTP flows each report goes out as aiortc
  schedules it (0.5–1.5 s); when no RTP was sent (sender) or received (receiver) since the last
  report, the next one waits for ``IDLE_REPORT_INTERVAL_S``. aiortc has no setting for this: its
  ``_run_rtcp`` loops call ``_send_rtcp``, which ``apply_keepalive`` wraps on the two classes.
  NACK, PLI, REMB and BYE go through untouched (they are not the periodic reports).
* **ICE consent** (aioice ``query_consent``): one check every ``CONSENT_INTERVAL_S`` (was 5 s)
  also keeps a NAT's UDP mapping open; ``CONSENT_FAILURES`` missed in a row close the
  connection. aioice reads the module constants ``CONSENT_INTERVAL`` and ``CONSENT_FAILURES``
  at run time, so setting them is enough.

Pinned to aiortc 1.16 / aioice 0.13: ``tests/unit/test_keepalive.py`` fails if a patch point
moves. Applied process-wide, once, by ``rtc_configuration`` (every peer connection of ours is
made with it).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

import aioice.ice
from aiortc.rtcrtpreceiver import RTCRtpReceiver
from aiortc.rtcrtpsender import RTCRtpSender
from aiortc.rtp import RtcpRrPacket, RtcpSrPacket

# A NAT forgets an idle UDP mapping after 30 s at the least (RFC 4787 asks for 2 min; common
# home routers use 30 s); a check every 15 s ± 20 % keeps every mapping of ours open.
CONSENT_INTERVAL_S = 15.0
# aioice's own count, kept: a check is one packet with no retransmission, so on a lossy network
# a few in a row fail now and then, and a false expiry would cut a working link. Six in a row
# are as unlikely as before. A dead path is then given up after about 90 s: a backstop only,
# the session's heartbeat shows the peer gone in 8 s (``link.HEARTBEAT_TIMEOUT_S``) and a
# share's connection closes with its activity, so nothing streams that long to a silent peer.
CONSENT_FAILURES = 6
# An idle stream's reports: they keep the statistics from going stale, nothing waits on them.
IDLE_REPORT_INTERVAL_S = 20.0

SendRtcp = Callable[..., Awaitable[None]]

_applied = False


def _sender_report_due(sender: Any, clock: Callable[[], float]) -> bool:
    """A sender report goes out if RTP was sent since the last one, or the idle interval ran."""
    sent = sender._RTCRtpSender__packet_count
    now = clock()
    last = getattr(sender, "_tandem_report", None)
    if last is not None and last[0] == sent and now - last[1] < IDLE_REPORT_INTERVAL_S:
        return False
    sender._tandem_report = (sent, now)
    return True


def _receiver_report_due(receiver: Any, clock: Callable[[], float]) -> bool:
    """A receiver report goes out if RTP arrived since the last one, or the idle interval ran."""
    streams = receiver._RTCRtpReceiver__remote_streams.values()
    received = sum(stream.packets_received for stream in streams)
    now = clock()
    last = getattr(receiver, "_tandem_report", None)
    if last is not None and last[0] == received and now - last[1] < IDLE_REPORT_INTERVAL_S:
        return False
    receiver._tandem_report = (received, now)
    return True


def thin_sender_reports(
    original: SendRtcp, clock: Callable[[], float] = time.monotonic
) -> SendRtcp:
    async def send_rtcp(self: RTCRtpSender, packets: list[Any]) -> None:
        periodic = bool(packets) and isinstance(packets[0], RtcpSrPacket)
        if periodic and not _sender_report_due(self, clock):
            return
        await original(self, packets)

    send_rtcp.__wrapped__ = original  # type: ignore[attr-defined]
    return send_rtcp


def thin_receiver_reports(
    original: SendRtcp, clock: Callable[[], float] = time.monotonic
) -> SendRtcp:
    async def send_rtcp(self: RTCRtpReceiver, packet: Any) -> None:
        if isinstance(packet, RtcpRrPacket) and not _receiver_report_due(self, clock):
            return
        await original(self, packet)

    send_rtcp.__wrapped__ = original  # type: ignore[attr-defined]
    return send_rtcp


def apply_keepalive() -> None:
    """Idle keep-alives at the pace above, for every peer connection of this process."""
    global _applied
    if _applied:
        return
    _applied = True
    aioice.ice.CONSENT_INTERVAL = CONSENT_INTERVAL_S  # type: ignore[assignment]
    aioice.ice.CONSENT_FAILURES = CONSENT_FAILURES
    RTCRtpSender._send_rtcp = thin_sender_reports(RTCRtpSender._send_rtcp)  # type: ignore[method-assign,assignment]
    RTCRtpReceiver._send_rtcp = thin_receiver_reports(RTCRtpReceiver._send_rtcp)  # type: ignore[method-assign,assignment]
