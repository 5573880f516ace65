"""Restart's part of one session, on either side: the agent's request and the news of it, told
in the session's transcript ("Grace is restarting their computer.")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Slot

from shared.features.restart.engine import RestartFeature, RestartNews
from shared.features.restart.protocol import NAME
from shared.qt.feature_views import SessionHost
from shared.qt.i18n import fill
from shared.session.live import LiveSession

translate = QCoreApplication.translate


def news_text(news: RestartNews) -> str:
    name = news.customer_name
    match news.outcome:
        case "asked":
            return translate(
                "Restart", "{name} was asked to restart their computer; they must agree first."
            ).format(name=name)
        case "restarting":
            return fill(
                translate(
                    "Restart",
                    "{name}'s computer is restarting; they will rejoin this session by themselves.",
                ),
                name=name,
            )
        case "refused":
            return translate("Restart", "{name} did not agree to restart their computer.").format(
                name=name
            )
        case _:
            return fill(
                translate("Restart", "{name}'s computer could not be restarted: {reason}"),
                name=name,
                reason=news.reason or translate("Restart", "no reason given"),
            )


class RestartPart(QObject):
    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        host.feature_event.connect(self._event)

    def adopt(self, session: LiveSession) -> None:
        pass

    def close(self) -> None:
        pass

    def ask(self) -> None:
        """Ask the customer the agent helps now to restart their computer."""
        session, customer = self.host.session, self.host.current_customer()
        feature = session.part(NAME, RestartFeature) if session is not None else None
        if feature is None or customer is None:
            return

        async def run() -> None:
            feature.ask(customer)

        self.host.bridge.run(run(), self.host.report_error)

    @Slot(object)
    def _event(self, event: object) -> None:
        if isinstance(event, RestartNews):
            self.host.notice.emit(news_text(event))
