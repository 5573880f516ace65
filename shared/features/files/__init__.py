"""File transfer: the agent sends files to the customer's machine or fetches files from it,
each asked on the customer's side, chunked over the bulk channel, verified and resumable.

Only the protocol is imported here; the engine loads when a session asks for it."""

from shared.features.files.protocol import FILE_MESSAGES, NAME
from shared.kit.registry import declare
from shared.session.consent import PermissionKind

FEATURE = declare(
    __name__,
    NAME,
    FILE_MESSAGES,
    engine="engine:FilesFeature",
    permissions=(PermissionKind.READ_FILES, PermissionKind.WRITE_FILES),
)
