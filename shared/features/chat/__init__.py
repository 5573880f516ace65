"""Chat: text between the agents and the customers of a session, to one or to everyone."""

from shared.features.chat.protocol import CHAT_MESSAGES, NAME
from shared.kit.feature import Feature
from shared.kit.registry import register

FEATURE = Feature(
    name=NAME,
    messages=CHAT_MESSAGES,
    engine="shared.features.chat.engine:ChatFeature",
    console="shared.features.chat.console:CONSOLE_VIEW",
    customer="shared.features.chat.customer:CUSTOMER_VIEW",
)
register(FEATURE)
