"""The customer waiting in a queue with their ticket (``shared/protocol/queues.py``): the
signaling socket, ``queue.wait``, where they stand (``queue.status``) until an agent accepts
them (``queue.accepted``); back with the same ticket after a drop; ``queue.leave`` on the way
out. No Qt: the client's window drives it through the bridge."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from customer_client.services.system_identity import describe_os, machine_name
from shared.protocol.messages import (
    ErrorCode,
    ErrorMessage,
    FromCenter,
    QueueAccepted,
    QueueLeave,
    QueueStatus,
    QueueWait,
)
from shared.protocol.queues import PRESENCE_GRACE_S
from shared.transport.center_link import CenterError, CenterLink, ConnectionFailure
from shared.transport.clock import REAL_CLOCK, Clock

log = logging.getLogger(__name__)

# After a drop the center keeps our place for PRESENCE_GRACE_S: the pauses between tries stay
# well under it (0.5 s doubling to a quarter of it), so several tries fall within the grace.
RETRY_FIRST_PAUSE_S = 0.5
RETRY_MAX_PAUSE_S = PRESENCE_GRACE_S / 4
# A center away longer than this (a restart takes seconds) is given up on, said to the customer.
RETRY_WINDOW_S = 120.0
# The center's answers to ``queue.wait`` that no retry changes: the ticket itself is refused,
# or the message is (a client the center does not understand).
TICKET_REFUSALS = frozenset(
    {ErrorCode.TICKET_UNKNOWN, ErrorCode.TICKET_USED, ErrorCode.TICKET_EXPIRED}
)
FINAL_CODES = TICKET_REFUSALS | {
    ErrorCode.INVALID,
    ErrorCode.MALFORMED,
    ErrorCode.UNKNOWN_TYPE,
    ErrorCode.UNSUPPORTED_VERSION,
    ErrorCode.NOT_ALLOWED,
}
# Failures to reach the center that trying again cannot mend: another certificate than the one
# pinned, or no TLS at all there.
FINAL_FAILURES = frozenset({ConnectionFailure.CERTIFICATE_MISMATCH, ConnectionFailure.NOT_SECURE})

_CLOSED = object()  # the socket closed (put on the events of one connection)


class QueueRefused(CenterError):
    """The center will not have us wait with this ticket (forged, used, expired…): final."""


class QueueWaiter:
    """One ticket's wait. ``on_status`` hears every ``queue.status``; ``on_lost`` that the
    connection dropped after we stood in line and is being tried again (the place is kept
    meanwhile)."""

    def __init__(
        self,
        center: CenterLink,
        ticket: str,
        *,
        on_status: Callable[[QueueStatus], None] | None = None,
        on_lost: Callable[[], None] | None = None,
        clock: Clock = REAL_CLOCK,
    ) -> None:
        self.center = center
        self.ticket = ticket
        self.on_status = on_status
        self.on_lost = on_lost
        self.clock = clock
        self.status: QueueStatus | None = None  # the last one
        self._leaving = False

    @property
    def name(self) -> str | None:
        """The name the customer gave when asking for help, as the center tells it."""
        return self.status.name if self.status is not None else None

    async def wait(self) -> QueueAccepted | None:
        """Wait until an agent accepts us (their ``queue.accepted``), or None once we left.
        Raises ``QueueRefused`` for a refused ticket, ``CenterError`` when the center stays out
        of reach for ``RETRY_WINDOW_S``."""
        pause = RETRY_FIRST_PAUSE_S
        deadline = self.clock.now() + RETRY_WINDOW_S
        stood = False  # in line at least once: a drop now is a lost connection
        while not self._leaving:
            try:
                outcome = await self._one_connection()
            except QueueRefused:
                raise
            except CenterError as exc:
                if exc.code in FINAL_FAILURES or self.clock.now() >= deadline:
                    raise
                outcome = exc
            if isinstance(outcome, QueueAccepted):
                return outcome
            if outcome is True:  # we stood in the queue: a new drop gets a new window
                stood = True
                pause = RETRY_FIRST_PAUSE_S
                deadline = self.clock.now() + RETRY_WINDOW_S
            if self._leaving:
                break
            if self.clock.now() >= deadline:
                raise CenterError(
                    ConnectionFailure.UNREACHABLE.value, "The support center could not be reached."
                )
            if stood and self.on_lost is not None:  # (before, the view says it is connecting)
                self.on_lost()
            wait = pause
            if isinstance(outcome, CenterError) and outcome.retry_after_s is not None:
                wait = max(pause, outcome.retry_after_s)
            await self.clock.sleep(wait)
            pause = min(pause * 2, RETRY_MAX_PAUSE_S)
        return None

    async def _one_connection(self) -> QueueAccepted | bool | CenterError:
        """One socket: ``queue.wait``, then the center's answers until it closes. The accepted
        message; True if we stood in the queue on it (a status came), else False or the
        center's passing refusal (to try again after its pause)."""
        events: asyncio.Queue[object] = asyncio.Queue()
        await self.center.open_socket(events.put_nowait, lambda: events.put_nowait(_CLOSED))
        stood = False
        try:
            if self._leaving:  # left while the socket opened: never stand in the queue
                return False
            await self.center.send(
                QueueWait(ticket=self.ticket, os=describe_os(), machine=machine_name())
            )
            while True:
                event = await events.get()
                if event is _CLOSED:
                    return stood
                outcome = self._handle(event)  # type: ignore[arg-type]
                if isinstance(outcome, QueueAccepted | CenterError):
                    return outcome
                stood = stood or outcome
        except CenterError as exc:  # the socket closed under the send
            if exc.code != "not_connected":
                raise
            return stood
        finally:
            await self.center.close()

    def _handle(self, message: FromCenter) -> QueueAccepted | CenterError | bool:
        match message:
            case QueueStatus():
                self.status = message
                if self.on_status is not None:
                    self.on_status(message)
                return True
            case QueueAccepted():
                return message
            case ErrorMessage():
                code = str(message.code)
                if code in FINAL_CODES:
                    raise QueueRefused(code, message.reason)
                log.info("the center refused queue.wait for now: %s", code)
                return CenterError(code, message.reason, message.retry_after_s)
            case _:
                return False

    async def leave(self) -> None:
        """Leave the queue: ``queue.leave`` before the socket closes (``wait`` then returns
        None). Safe to call at any time, twice, or after the wait is over."""
        self._leaving = True
        if self.center.socket_open:
            with contextlib.suppress(CenterError, ConnectionError):
                await self.center.send(QueueLeave())
        await self.center.close()
