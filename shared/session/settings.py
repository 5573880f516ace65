"""The support center's settings for our session, as this side takes them: a value out of the
range a setting may have (a hostile or broken center: a negative, zero or huge limit) is
dropped with a warning, and the setting keeps this side's default."""

from __future__ import annotations

import logging

from shared.protocol.limits import HIGHEST_MAX_FILE_BYTES, LOWEST_MAX_FILE_BYTES
from shared.protocol.messages import SessionSettings

log = logging.getLogger(__name__)


def checked_settings(settings: SessionSettings) -> SessionSettings:
    """``settings`` with every value out of its range replaced by None (the default)."""
    limit = settings.max_file_bytes
    if limit is not None and not LOWEST_MAX_FILE_BYTES <= limit <= HIGHEST_MAX_FILE_BYTES:
        log.warning(
            "the support center's limit per file (%d bytes) is out of range (%d to %d): "
            "the default is kept",
            limit,
            LOWEST_MAX_FILE_BYTES,
            HIGHEST_MAX_FILE_BYTES,
        )
        return settings.model_copy(update={"max_file_bytes": None})
    return settings
