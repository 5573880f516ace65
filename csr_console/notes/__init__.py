"""Session notes: what the agent writes during a session, kept on this computer as they type
(a crash loses nothing), reviewed when the session ends and stored with its record at the
center. A console-only part: it registers through the feature kit as a panel and an action,
with no engine part and no messages."""

from shared.kit.feature import Feature
from shared.kit.registry import register

NAME = "notes"

FEATURE = Feature(name=NAME, console="csr_console.notes.console:CONSOLE_VIEW")
register(FEATURE)
