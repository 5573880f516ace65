"""The security code: a short code, made of the DTLS fingerprints of the agent's and the
customer's peer link, that both people read to each other; when it matches, no one (the support
center included) sits between their two apps. The agent can then mark the session verified; the
customer can say it does not match.

Only the protocol is imported here; the engine part and the views load when asked."""

from shared.features.verify.protocol import NAME, VERIFY_MESSAGES
from shared.kit.registry import declare

FEATURE = declare(__name__, NAME, VERIFY_MESSAGES, engine="engine:VerifyFeature")
