"""What is shown of whose screen in a session, asked of the features without naming them.

A feature that shares a screen (desktop sharing, an application, co-browsing) implements
``ShareSource``; a feature that works over whatever is shared (annotation) reads
``shares_in(session)`` and hears of changes through the engine's events (a sharing feature
publishes one whenever its activities move). Neither imports the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

# Defined under the engine, where the stream shares (co-browsing, applications) implement
# ``ShareSource`` too (``shared.session.stream_share``).
from shared.session.shared_screens import Share

if TYPE_CHECKING:
    from shared.session.live import LiveSession

__all__ = ["Share", "ShareSource", "shares_in"]


@runtime_checkable
class ShareSource(Protocol):
    """A session part that shares screens: what it shows now, active shares only."""

    def shared_screens(self) -> tuple[Share, ...]: ...


def shares_in(session: LiveSession) -> tuple[Share, ...]:
    """Every active share of ``session``'s parts, one per sharer (their viewers together)."""
    by_sharer: dict[str, Share] = {}
    for part in list(session.parts.values()):
        if not isinstance(part, ShareSource):
            continue
        for share in part.shared_screens():
            known = by_sharer.get(share.sharer_id)
            if known is not None:
                area = known.area if known.area is not None else share.area
                share = Share(share.sharer_id, known.viewer_ids | share.viewer_ids, area)
            by_sharer[share.sharer_id] = share
    return tuple(by_sharer[key] for key in sorted(by_sharer))
