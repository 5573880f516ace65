"""Chat: text between the agents and the customers of a session, to one or to everyone."""

from shared.features.chat.protocol import CHAT_MESSAGES, NAME
from shared.kit.registry import declare

FEATURE = declare(__name__, NAME, CHAT_MESSAGES, engine="engine:ChatFeature")
