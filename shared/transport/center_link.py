"""The HTTPS and WebSocket connection from a console or client to the support center.

Every connection pins the center's certificate by its SHA-256 fingerprint: there is no
certificate authority between Tandem peers and their center, and no plain-text fallback.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import aiohttp

from shared.protocol import FROM_CENTER, TO_CENTER, ProtocolError
from shared.protocol.limits import MAX_SIGNALING_MESSAGE_BYTES
from shared.protocol.messages import FromCenter, ToCenter
from shared.security.certificates import normalise_fingerprint

log = logging.getLogger(__name__)

# A center that does not answer a sign-in or a join in this time is treated as unreachable.
REQUEST_TIMEOUT_S = 15.0
# The API's answers are a few fields or a short list; more is read no further (a hostile or
# broken center must not fill the app's memory).
MAX_RESPONSE_BYTES = 256 * 1024
# The center pings each socket every 15 s (support_center/hub.py, SOCKET_PING_INTERVAL_S) and
# any frame from it counts as life, so our own pings never leave while it is there. With none
# from it for this long we ping, and close the socket if no pong comes within half of it: a
# silently dead center is noticed within 30 s (and the second or two aiohttp rounds its timers
# up by), about half of the 60 s the session gives itself to get back to the center
# (shared.session.live.RECONNECT_WINDOW_S). Meanwhile the peers go on without it, and their
# own heartbeat says if a peer is gone (link.HEARTBEAT_TIMEOUT_S).
WS_HEARTBEAT_S = 20.0


class CenterError(Exception):
    """The center refused a request, or could not be reached; ``reason`` is for the user."""

    def __init__(self, code: str, reason: str, retry_after_s: float | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.retry_after_s = retry_after_s


class ConnectionFailure(StrEnum):
    """Why the center could not be reached: each kind has its own advice for the user (the apps
    translate it by this code; ``CenterError.reason`` keeps the English for logs)."""

    REFUSED = "refused"  # nothing listens there: the center is stopped or the port is wrong
    NOT_FOUND = "not_found"  # the host name does not resolve, or cannot be one
    NO_ANSWER = "no_answer"  # connected or trying, but no answer in time
    CERTIFICATE_MISMATCH = "certificate_mismatch"  # another certificate than the pinned one
    NOT_SECURE = "not_secure"  # no TLS handshake possible (e.g. plain HTTP on that port)
    UNREACHABLE = "unreachable"  # any other network failure


_FAILURE_REASONS = {
    ConnectionFailure.REFUSED: "The support center is not accepting connections.",
    ConnectionFailure.NOT_FOUND: "The support center's address could not be found.",
    ConnectionFailure.NO_ANSWER: "The support center did not answer in time.",
    ConnectionFailure.CERTIFICATE_MISMATCH: (
        "The support center's certificate is not the one this program trusts."
    ),
    ConnectionFailure.NOT_SECURE: "No secure connection to the support center could be set up.",
    ConnectionFailure.UNREACHABLE: "The support center could not be reached.",
}


def connection_failure(exc: BaseException) -> CenterError:
    """The typed error for a failure of aiohttp, ssl or the socket layer to reach the center."""
    if isinstance(exc, aiohttp.ServerFingerprintMismatch):
        kind = ConnectionFailure.CERTIFICATE_MISMATCH
    elif isinstance(exc, aiohttp.ClientConnectorDNSError):
        kind = ConnectionFailure.NOT_FOUND
    elif isinstance(exc, aiohttp.ClientSSLError):
        kind = ConnectionFailure.NOT_SECURE
    elif isinstance(exc, aiohttp.ClientConnectorError) and isinstance(
        exc.os_error, ConnectionRefusedError
    ):
        kind = ConnectionFailure.REFUSED
    elif isinstance(exc, TimeoutError | aiohttp.ServerTimeoutError):
        kind = ConnectionFailure.NO_ANSWER
    elif isinstance(exc, ValueError):  # an address that cannot name a host (aiohttp.InvalidURL…)
        kind = ConnectionFailure.NOT_FOUND
    else:
        kind = ConnectionFailure.UNREACHABLE
    log.info("cannot reach the support center: %s (%r)", kind.value, exc)
    return CenterError(kind.value, _FAILURE_REASONS[kind])


async def _read_at_most(response: aiohttp.ClientResponse, limit: int) -> bytes:
    """The response's body up to ``limit`` bytes (``read(n)`` alone may stop at a chunk)."""
    body = bytearray()
    while len(body) < limit:
        chunk = await response.content.read(limit - len(body))
        if not chunk:
            break
        body += chunk
    return bytes(body)


class CenterLink:
    def __init__(self, server_url: str, fingerprint: str) -> None:
        self.server_url = server_url.rstrip("/")
        self.fingerprint = normalise_fingerprint(fingerprint)
        self._pin = aiohttp.Fingerprint(bytes.fromhex(self.fingerprint))
        self._http: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None

    async def _session(self) -> aiohttp.ClientSession:
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S),
                connector=aiohttp.TCPConnector(ssl=self._pin),
            )
        return self._http

    # --- HTTPS API ----------------------------------------------------------------------------

    async def call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        token: str | None = None,
        timeout_s: float | None = None,
    ) -> dict[str, Any]:
        """One request of the API; ``timeout_s`` in place of ``REQUEST_TIMEOUT_S`` for a request
        the center may hold open on purpose (a long poll)."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        http = await self._session()
        extra: dict[str, Any] = {}
        if timeout_s is not None:
            extra["timeout"] = aiohttp.ClientTimeout(total=timeout_s)
        try:
            async with http.request(
                method, self.server_url + path, json=body, headers=headers, **extra
            ) as r:
                raw = await _read_at_most(r, MAX_RESPONSE_BYTES + 1)
                try:
                    data = json.loads(raw) if len(raw) <= MAX_RESPONSE_BYTES else None
                except (ValueError, RecursionError):  # not JSON, or nested past any use
                    data = None
        except (aiohttp.ClientError, OSError, ValueError) as exc:  # (TimeoutError is an OSError)
            raise connection_failure(exc) from None
        if not isinstance(data, dict):
            raise CenterError("malformed", "The support center sent an unexpected answer.")
        if r.status >= 400:
            raise CenterError(
                str(data.get("code", "error")),
                str(data.get("reason", f"HTTP {r.status}")),
                data.get("retry_after_s"),
            )
        return data

    # --- signaling socket ---------------------------------------------------------------------

    async def open_socket(
        self, on_message: Callable[[FromCenter], None], on_closed: Callable[[], None]
    ) -> None:
        http = await self._session()
        try:
            self._ws = await http.ws_connect(
                self.server_url + "/ws",
                heartbeat=WS_HEARTBEAT_S,
                max_msg_size=MAX_SIGNALING_MESSAGE_BYTES,
                timeout=aiohttp.ClientWSTimeout(ws_close=REQUEST_TIMEOUT_S),
            )
        except (aiohttp.ClientError, OSError, ValueError) as exc:
            raise connection_failure(exc) from None
        self._reader = asyncio.ensure_future(self._read(self._ws, on_message, on_closed))

    async def _read(
        self,
        ws: aiohttp.ClientWebSocketResponse,
        on_message: Callable[[FromCenter], None],
        on_closed: Callable[[], None],
    ) -> None:
        try:
            async for frame in ws:
                if frame.type != aiohttp.WSMsgType.TEXT:
                    log.warning("ignored a non-text frame from the center: %s", frame.type)
                    continue
                try:
                    message = FROM_CENTER.decode(frame.data)
                except ProtocolError as exc:
                    log.warning("refused a message from the center: %s", exc)
                    continue
                on_message(message)
        finally:
            on_closed()

    @property
    def socket_open(self) -> bool:
        return self._ws is not None and not self._ws.closed

    async def send(self, message: ToCenter) -> None:
        if self._ws is None or self._ws.closed:
            raise CenterError("not_connected", "Not connected to the support center.")
        await self._ws.send_str(TO_CENTER.encode(message))

    async def close(self) -> None:
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._reader is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        if self._http is not None:
            await self._http.close()
