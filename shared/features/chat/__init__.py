"""Chat: text between the agents and the customers of a session, to one or to everyone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.features.chat.protocol import CHAT_MESSAGES, NAME
from shared.kit.feature import Feature
from shared.kit.registry import register

if TYPE_CHECKING:
    from shared.session.live import LiveSession
    from shared.session.routing import SessionFeature


def _engine(session: LiveSession) -> SessionFeature:
    from shared.features.chat.engine import ChatFeature

    return ChatFeature(session)


def _console() -> object:
    from shared.features.chat.console import CONSOLE_VIEW

    return CONSOLE_VIEW


def _customer() -> object:
    from shared.features.chat.customer import CUSTOMER_VIEW

    return CUSTOMER_VIEW


FEATURE = Feature(
    name=NAME, messages=CHAT_MESSAGES, engine=_engine, console=_console, customer=_customer
)
register(FEATURE)
