"""A bigger UDP receive buffer for a peer link's sockets.

aioice asks the kernel for 256 KiB a socket. A file transfer arrives at about 30 MiB/s, so that
is 8 ms of it, and the receiving program's event loop now and then pauses longer (a batch of
files being written holds the interpreter, a garbage collection): the kernel then drops
datagrams, and SCTP waits for its retransmission timer (at least a second in aiortc) before
sending them again. ``bench/files.py`` counted 900 to 24,000 drops a run (``RcvbufErrors`` in
``/proc/net/snmp``), and a run with many spent a second more on 2,000 small files. 4 MiB holds
about 130 ms. Linux caps the request at ``net.core.rmem_max`` (208 KiB by default; an
administrator raises it); Windows and macOS grant it.

The sockets of one connection only, after aioice opened them: a bare aiortc connection in the
same process (``bench/files.py``'s reference) keeps aioice's size.
"""

from __future__ import annotations

import logging
import socket
from typing import Any

log = logging.getLogger(__name__)

UDP_RECEIVE_BUFFER = 4 * 1024 * 1024  # aioice: 256 KiB


def link_sockets(pc: Any) -> list[socket.socket]:
    """The UDP sockets ``pc`` (an aiortc RTCPeerConnection) gathered for its data channels;
    none if aiortc or aioice keep them elsewhere than in 1.16 / 0.10."""
    sctp = getattr(pc, "sctp", None)
    ice = getattr(getattr(getattr(sctp, "transport", None), "transport", None), "_connection", None)
    found: list[socket.socket] = []
    for protocol in getattr(ice, "_protocols", None) or []:
        transport = getattr(protocol, "transport", None)
        sock = transport.get_extra_info("socket") if transport is not None else None
        if sock is not None:
            found.append(sock)
    return found


def enlarge_receive_buffers(pc: Any) -> int:
    """Ask for ``UDP_RECEIVE_BUFFER`` on each of ``pc``'s gathered sockets; how many took it."""
    done = 0
    for sock in link_sockets(pc):
        try:
            if sock.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) < UDP_RECEIVE_BUFFER:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, UDP_RECEIVE_BUFFER)
            done += 1
        except OSError as exc:  # a closed socket, a system that refuses: aioice's size stays
            log.debug("receive buffer left as it was: %r", exc)
    return done
