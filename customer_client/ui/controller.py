"""The client's Qt-side controller: join through the bridge, leave, and report back."""

from __future__ import annotations

from PySide6.QtCore import Signal

from customer_client.services.customer_session import CustomerSession
from shared.protocol.messages import FromCenter, QueueStatus, Welcome
from shared.qt.bridge import AsyncBridge
from shared.qt.session_controller import SessionController, error_text
from shared.session.consent import Asker
from shared.session.state import SessionState
from shared.transport.center_link import CenterLink


class ClientController(SessionController):
    joined = Signal(object)  # Welcome
    join_failed = Signal(str)
    # The session was transferred to a queue: where the customer now stands (QueueStatus).
    transfer_status = Signal(object)
    for_customer = True

    def __init__(self, bridge: AsyncBridge) -> None:
        super().__init__(bridge)
        self.customer: CustomerSession | None = None
        # Puts the agents' requests to the customer (the window sets its dialog); none: refused.
        self.ask_consent: Asker | None = None

    def join(
        self, server_url: str, fingerprint: str, number: int, name: str, password: str
    ) -> None:
        customer = self._new_customer(server_url, fingerprint)
        self.bridge.run(customer.join(number, name, password), self._entered)

    def rejoin(
        self, server_url: str, fingerprint: str, number: int, participant: str, ticket: str
    ) -> None:
        """Take our seat back after the computer restarted (the resume file's ticket)."""
        customer = self._new_customer(server_url, fingerprint)
        self.bridge.run(customer.rejoin(number, participant, ticket), self._entered)

    def _new_customer(self, server_url: str, fingerprint: str) -> CustomerSession:
        """A customer session with the center, adopted by this controller before it enters."""
        customer = CustomerSession(CenterLink(server_url, fingerprint))
        self.customer = customer
        self._adopt(customer, self.ask_consent)
        customer.center_listeners.append(self._from_center)
        return customer

    def _from_center(self, message: FromCenter) -> None:
        """(On the loop's thread: Qt queues the signal to the window's.)"""
        if isinstance(message, QueueStatus):
            self.transfer_status.emit(message)

    def _entered(self, welcome: Welcome | None, error: BaseException | None) -> None:
        """A join or rejoin is over: joined with the center's welcome, or failed, saying why."""
        if error is not None or welcome is None:
            self.join_failed.emit(error_text(error, customer=True))
            return
        self.joined.emit(welcome)

    def withdraw_consent(self) -> None:
        """The customer withdraws "allow everything": later requests ask again."""
        customer = self.customer
        if customer is None:
            return

        async def withdraw() -> None:
            me = customer.engine.me
            customer.consent.withdraw(me.id if me is not None else "", "withdrawn")

        self.bridge.run(withdraw(), self.report_error)

    def leave(self) -> None:
        if self.customer is not None:
            self.bridge.run(self.customer.leave(), self.report_error)

    def shutdown(self, leave: bool = False) -> None:
        """Stop the loop; ``leave``: first tell the session the customer left (the agent then
        reads "left", not a dropped connection)."""
        customer = self.customer
        if leave and customer is not None and customer.engine.state != SessionState.ENDED:
            self.bridge.stop([customer.leave()])
        else:
            self.bridge.stop(self.closing_tasks())
