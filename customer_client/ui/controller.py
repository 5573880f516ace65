"""The client's Qt-side controller: join through the bridge, leave, and report back."""

from __future__ import annotations

from PySide6.QtCore import Signal

from customer_client.services.customer_session import CustomerSession
from shared.protocol.messages import Welcome
from shared.qt.bridge import AsyncBridge
from shared.qt.session_controller import SessionController, error_text
from shared.session.consent import Asker
from shared.transport.center_link import CenterLink


class ClientController(SessionController):
    joined = Signal(object)  # Welcome
    join_failed = Signal(str)

    def __init__(self, bridge: AsyncBridge) -> None:
        super().__init__(bridge)
        self.customer: CustomerSession | None = None
        # Puts sharing requests to the customer (the window sets its dialog); none: refused.
        self.ask_consent: Asker | None = None

    def join(
        self, server_url: str, fingerprint: str, number: int, name: str, password: str
    ) -> None:
        customer = CustomerSession(CenterLink(server_url, fingerprint))
        self.customer = customer
        self._adopt(customer, self.ask_consent)

        def done(welcome: Welcome | None, error: BaseException | None) -> None:
            if error is not None or welcome is None:
                self.join_failed.emit(error_text(error))
                return
            self.joined.emit(welcome)

        self.bridge.run(customer.join(number, name, password), done)

    def leave(self) -> None:
        if self.customer is not None:
            self.bridge.run(self.customer.leave(), self.report_error)

    def shutdown(self) -> None:
        self.bridge.stop(self.closing_tasks())
