"""One WebRTC connection between this peer and one other participant, with the three named
channels of ``shared.transport.channels`` as aiortc data channels.

Both sides create every channel as pre-negotiated (fixed ids), so each opens as soon as SCTP is
up, without waiting for an in-band announcement. The heartbeat and message handling are the
``Link``'s, shared with the in-memory link of the engine tests.
"""

from __future__ import annotations

from collections.abc import Callable

from aiortc import (
    RTCConfiguration,
    RTCDataChannel,
    RTCIceServer,
    RTCPeerConnection,
    RTCSessionDescription,
)
from aiortc.exceptions import InvalidStateError
from aiortc.rtcdtlstransport import certificate_digest

from shared.protocol.messages import IceServer
from shared.transport.channels import BULK_LOW_MARK, BaseChannel, ChannelName
from shared.transport.clock import REAL_CLOCK, Clock
from shared.transport.keepalive import apply_keepalive
from shared.transport.link import (
    HEARTBEAT_INTERVAL_S,
    HEARTBEAT_TIMEOUT_S,
    MAX_PROTOCOL_ERRORS,
    Link,
    LinkState,
    MessageCallback,
)
from shared.transport.sctp_tuning import tune_sctp
from shared.transport.udp_buffers import enlarge_receive_buffers

__all__ = [
    "HEARTBEAT_INTERVAL_S",
    "HEARTBEAT_TIMEOUT_S",
    "MAX_PROTOCOL_ERRORS",
    "LinkState",
    "PeerLink",
    "rtc_configuration",
]

# Stream ids of the pre-negotiated channels (control keeps 0, as before there were three).
CHANNEL_IDS = {ChannelName.CONTROL: 0, ChannelName.BULK: 1, ChannelName.UNORDERED: 2}


def rtc_configuration(ice_servers: list[IceServer]) -> RTCConfiguration:
    """Every peer connection of ours is made with this: it also sets aiortc's idle keep-alives
    to our pace (``keepalive.py``) before the first connection exists."""
    apply_keepalive()
    # Always pass the configured list, even when empty: with None aiortc would reach out to a
    # public STUN server on its own.
    return RTCConfiguration(
        iceServers=[
            RTCIceServer(urls=s.urls, username=s.username, credential=s.credential)
            for s in ice_servers
        ]
    )


class RtcChannel(BaseChannel):
    """One named channel over an aiortc data channel."""

    def __init__(self, name: ChannelName, data: RTCDataChannel) -> None:
        super().__init__(name)
        self.data = data
        # aiortc tells when the queue falls to this; ``drain`` waits for that news.
        data.bufferedAmountLowThreshold = BULK_LOW_MARK
        data.on("bufferedamountlow", self._wake)
        data.on("message", self._deliver)
        data.on("close", self._closed)

    @property
    def buffered_amount(self) -> int:
        return int(self.data.bufferedAmount)

    def _transmit(self, data: bytes | str) -> None:
        try:
            self.data.send(data)
        except InvalidStateError:
            raise ConnectionError(f"the {self.name} channel is not open") from None


class PeerLink(Link):
    def __init__(
        self,
        remote_id: str,
        ice_servers: list[IceServer],
        on_message: MessageCallback,
        on_state: Callable[[Link, LinkState], None],
        clock: Clock = REAL_CLOCK,
    ) -> None:
        super().__init__(remote_id, on_message, on_state, clock)
        self._pc = RTCPeerConnection(rtc_configuration(ice_servers))
        unordered = ChannelName.UNORDERED
        self._channels = {
            name: RtcChannel(
                name,
                self._pc.createDataChannel(
                    name.value,
                    ordered=name != unordered,
                    maxRetransmits=0 if name == unordered else None,
                    negotiated=True,
                    id=CHANNEL_IDS[name],
                ),
            )
            for name in ChannelName
        }
        # aiortc made the SCTP transport with the first channel.
        if self._pc.sctp is not None:
            tune_sctp(self._pc.sctp)
        # The raw control channel (tests write garbage straight onto it).
        self._channel: RTCDataChannel = self._channels[ChannelName.CONTROL].data
        self._listen()
        self._channel.on("open", self._control_open)
        self._channel.on("close", lambda: self._set_state(LinkState.CLOSED))
        self._pc.on("connectionstatechange", self._connection_state_changed)

    def channel(self, name: ChannelName) -> RtcChannel:
        return self._channels[name]

    # --- negotiation ------------------------------------------------------------------------

    async def create_offer(self) -> str:
        self._set_state(LinkState.CONNECTING)
        self.leads_heartbeat = True
        await self._pc.setLocalDescription(await self._pc.createOffer())
        enlarge_receive_buffers(self._pc)  # aioice opened the sockets just now
        return str(self._pc.localDescription.sdp)

    async def accept_offer(self, sdp: str) -> str:
        self._set_state(LinkState.CONNECTING)
        await self._pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="offer"))
        await self._pc.setLocalDescription(await self._pc.createAnswer())
        enlarge_receive_buffers(self._pc)
        return str(self._pc.localDescription.sdp)

    async def accept_answer(self, sdp: str) -> None:
        await self._pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="answer"))

    def fingerprints(self) -> tuple[str, str] | None:
        """Ours from our certificate; theirs from the certificate the DTLS handshake actually
        received (aiortc has checked it against every fingerprint of the remote description)."""
        sctp = self._pc.sctp
        if sctp is None:
            return None
        dtls = sctp.transport
        ours = next(
            (
                f.value.upper()
                for f in dtls.getLocalParameters().fingerprints
                if f.algorithm.lower() == "sha-256"
            ),
            None,
        )
        ssl = getattr(dtls, "_ssl", None)  # aiortc keeps the handshake's connection there
        peer = ssl.get_peer_certificate(as_cryptography=True) if ssl is not None else None
        if ours is None or peer is None:
            return None
        return ours, certificate_digest(peer, "sha-256")

    # --- lifecycle --------------------------------------------------------------------------

    async def _connection_state_changed(self) -> None:
        if self._pc.connectionState == "failed":
            self._set_state(LinkState.LOST)
            await self.close()

    async def _close_transport(self) -> None:
        await self._pc.close()
