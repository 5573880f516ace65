"""The idle keep-alive pace (shared/transport/keepalive.py): its patch points in aiortc 1.16 /
aioice 0.13 are still there, it is in effect on every connection we make, and an idle stream's
RTCP reports are thinned while a flowing one's are not."""

from __future__ import annotations

import inspect
from typing import Any

import aioice
import aioice.ice
import aiortc
from aiortc.rtcrtpreceiver import RTCRtpReceiver
from aiortc.rtcrtpsender import RTCRtpSender
from aiortc.rtp import RtcpPsfbPacket, RtcpRrPacket, RtcpSenderInfo, RtcpSrPacket

from shared.transport import keepalive
from shared.transport.keepalive import (
    CONSENT_FAILURES,
    CONSENT_INTERVAL_S,
    IDLE_REPORT_INTERVAL_S,
    thin_receiver_reports,
    thin_sender_reports,
)
from shared.transport.peer_link import rtc_configuration


def test_the_patched_versions_are_the_installed_ones() -> None:
    # Another aiortc/aioice: read keepalive.py's patch points again, then update this pin.
    assert aiortc.__version__.startswith("1.16."), aiortc.__version__
    assert aioice.__version__.startswith("0.13."), aioice.__version__


def test_aioice_reads_the_consent_constants_at_run_time() -> None:
    names = aioice.ice.Connection.query_consent.__code__.co_names
    assert "CONSENT_INTERVAL" in names and "CONSENT_FAILURES" in names


def test_aiortc_sends_its_periodic_reports_through_send_rtcp() -> None:
    sender = inspect.getsource(RTCRtpSender._run_rtcp)
    receiver = inspect.getsource(RTCRtpReceiver._run_rtcp)
    assert "RtcpSrPacket(" in sender and "self._send_rtcp(packets)" in sender
    assert "RtcpRrPacket(" in receiver and "self._send_rtcp(packet)" in receiver
    # The counters the thinning reads.
    assert "self.__packet_count += 1" in inspect.getsource(RTCRtpSender._run_rtp)
    assert "self.__remote_streams: dict[int, StreamStatistics]" in inspect.getsource(
        RTCRtpReceiver.__init__
    )


def test_every_connection_of_ours_gets_the_idle_pace() -> None:
    rtc_configuration([])
    assert aioice.ice.CONSENT_INTERVAL == CONSENT_INTERVAL_S
    assert aioice.ice.CONSENT_FAILURES == CONSENT_FAILURES
    assert hasattr(RTCRtpSender._send_rtcp, "__wrapped__")
    assert hasattr(RTCRtpReceiver._send_rtcp, "__wrapped__")
    keepalive.apply_keepalive()  # idempotent: not wrapped twice
    assert not hasattr(RTCRtpSender._send_rtcp.__wrapped__, "__wrapped__")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Stats:
    def __init__(self) -> None:
        self.packets_received = 0


def _report(kind: type[Any]) -> Any:
    if kind is RtcpSrPacket:
        info = RtcpSenderInfo(ntp_timestamp=0, rtp_timestamp=0, packet_count=0, octet_count=0)
        return [RtcpSrPacket(ssrc=1, sender_info=info)]
    return RtcpRrPacket(ssrc=1)


async def test_an_idle_sender_reports_once_per_idle_interval_a_busy_one_each_time() -> None:
    clock, sent = Clock(), []

    async def original(self: Any, packets: Any) -> None:
        sent.append(packets)

    send = thin_sender_reports(original, clock)
    fake = type("Sender", (), {})()
    fake._RTCRtpSender__packet_count = 0
    for _ in range(60):  # a minute of aiortc's ~1 s ticks, nothing sent
        clock.now += 1.0
        await send(fake, _report(RtcpSrPacket))
    assert 1 <= len(sent) <= 60 / IDLE_REPORT_INTERVAL_S + 1  # was 60
    sent.clear()
    for _ in range(10):  # RTP flowing: every report goes
        clock.now += 1.0
        fake._RTCRtpSender__packet_count += 30
        await send(fake, _report(RtcpSrPacket))
    assert len(sent) == 10


async def test_an_idle_receiver_reports_rarely_but_a_picture_loss_goes_at_once() -> None:
    clock, sent = Clock(), []

    async def original(self: Any, packet: Any) -> None:
        sent.append(packet)

    send = thin_receiver_reports(original, clock)
    stream = Stats()
    fake = type("Receiver", (), {})()
    fake._RTCRtpReceiver__remote_streams = {1: stream}
    for _ in range(60):
        clock.now += 1.0
        await send(fake, _report(RtcpRrPacket))
    assert 1 <= len(sent) <= 60 / IDLE_REPORT_INTERVAL_S + 1
    sent.clear()
    await send(fake, RtcpPsfbPacket(fmt=1, ssrc=1, media_ssrc=2))  # PLI: never held back
    assert len(sent) == 1
    for _ in range(5):
        clock.now += 1.0
        stream.packets_received += 10
        await send(fake, _report(RtcpRrPacket))
    assert len(sent) == 6
