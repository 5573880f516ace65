"""The Qt side of a queue wait and of the survey after it: the waiter runs on the bridge's
loop, what it hears comes back as signals for the window."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from customer_client.services.queue_wait import TICKET_REFUSALS, QueueWaiter
from customer_client.services.survey import send_survey
from shared.protocol.messages import QueueAccepted
from shared.protocol.queues import TICKET_START_WINDOW_S, SurveyAnswers
from shared.qt.bridge import SHUTDOWN_TIMEOUT_S, AsyncBridge
from shared.qt.session_controller import error_text
from shared.transport.center_link import CenterError, CenterLink

log = logging.getLogger(__name__)
# lupdate collects the strings of translate("Context", "text") calls.
translate = QCoreApplication.translate


class QueueController(QObject):
    status = Signal(object)  # QueueStatus
    lost = Signal()  # the connection dropped: trying again, the place kept
    accepted = Signal(object)  # QueueAccepted
    refused = Signal(str)  # why the wait is over, for the customer
    left = Signal()  # the customer left the queue

    def __init__(self, bridge: AsyncBridge) -> None:
        super().__init__()
        self.bridge = bridge
        self.waiter: QueueWaiter | None = None
        # Where the ticket was brought (server, fingerprint, ticket): the survey goes there.
        self.ticket: tuple[str, str, str] | None = None
        # The name the customer gave when asking for help, as the center told it.
        self.name: str | None = None

    @property
    def waiting(self) -> bool:
        return self.waiter is not None

    def wait(self, server_url: str, fingerprint: str, ticket: str) -> None:
        self.ticket = (server_url, fingerprint, ticket)
        waiter = QueueWaiter(
            CenterLink(server_url, fingerprint),
            ticket,
            on_status=self.status.emit,  # (from the loop's thread: Qt queues it to ours)
            on_lost=self.lost.emit,
        )
        self.waiter = waiter
        self.bridge.run(waiter.wait(), self._over)

    def _over(self, accepted: QueueAccepted | None, error: BaseException | None) -> None:
        if self.waiter is not None:
            self.name = self.waiter.name
        self.waiter = None
        if error is not None:
            self.refused.emit(refusal_text(error))
        elif accepted is None:
            self.left.emit()
        else:
            self.accepted.emit(accepted)

    def leave(self) -> None:
        """The customer pressed Leave: ``queue.leave``, then ``left``."""
        if self.waiter is not None:
            self.bridge.run(self.waiter.leave())

    def leave_now(self) -> None:
        """The window closes: say ``queue.leave`` before the loop stops (bounded in time)."""
        waiter, self.waiter = self.waiter, None
        if waiter is None:
            return
        try:
            self.bridge.submit(waiter.leave()).result(SHUTDOWN_TIMEOUT_S)
        except Exception as exc:  # closing anyway; the center's grace takes us out
            log.warning("could not say queue.leave: %r", exc)

    def send_survey(
        self, answers: SurveyAnswers, done: Callable[[BaseException | None], None]
    ) -> None:
        assert self.ticket is not None
        server_url, fingerprint, _ = self.ticket
        self.bridge.run(
            send_survey(CenterLink(server_url, fingerprint), answers),
            lambda _, error: done(error),
        )


def refusal_text(error: BaseException) -> str:
    """Why the wait ended, and what to do, for the customer."""
    if isinstance(error, CenterError) and error.code in TICKET_REFUSALS:
        again = translate("QueueTexts", "Ask for help again on the support page.")
        what = {
            "ticket_unknown": translate(
                "QueueTexts",
                "The support center does not know this help request, so you cannot wait for an "
                "agent with it.",
            ),
            "ticket_used": translate(
                "QueueTexts", "This help request was already used, so it cannot be used again."
            ),
            "ticket_expired": translate(
                "QueueTexts",
                "This help request has expired: the program must be started within {n} minutes "
                "of asking for help.",
            ).format(n=TICKET_START_WINDOW_S // 60),
        }[error.code]
        return f"{what} {again}"
    return error_text(error, customer=True)
