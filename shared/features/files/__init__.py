"""File transfer: the agent sends files to the customer's machine or fetches files from it,
each asked on the customer's side, chunked over the bulk channel, verified and resumable.

Only the protocol is imported here; the engine loads when a session asks for it."""

from shared.features.files.protocol import FILE_MESSAGES, NAME
from shared.kit.feature import Feature
from shared.kit.registry import register
from shared.session.consent import PermissionKind

FEATURE = Feature(
    name=NAME,
    messages=FILE_MESSAGES,
    permissions=(PermissionKind.READ_FILES, PermissionKind.WRITE_FILES),
    engine="shared.features.files.engine:FilesFeature",
    console="shared.features.files.console:CONSOLE_VIEW",
    customer="shared.features.files.customer:CUSTOMER_VIEW",
)
register(FEATURE)
