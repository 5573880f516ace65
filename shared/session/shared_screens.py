"""What is shown of whose screen, and whether its sharer is drawing over it: the neutral meeting
point, at the session's level, between the features that share a screen (desktop sharing,
co-browsing, application sharing) and the one that works over it (annotation). No feature
imports another; ``shared.kit.shares`` gathers the shares of a session's parts.

While the sharer draws on their own screen (annotation's overlay takes their mouse over what is
shared), remote input to this side is dropped by every sharing feature: it would land on the
overlay and draw in the sharer's name; each tells its controllers their input is paused, and
why (``DRAWING``), when drawing starts and ends (``SharerDrawing``). No Qt.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from shared.session.live import LiveSession


@dataclass(frozen=True)
class Share:
    """``sharer_id``'s screen is shown to ``viewer_ids`` now (an active share only)."""

    sharer_id: str
    viewer_ids: frozenset[str]
    # Where the shared picture lies on the sharer's screen, in its pixels (left, top, width,
    # height): what is drawn over it goes there. None: the sharer's whole primary screen.
    area: tuple[int, int, int, int] | None = None


@dataclass(frozen=True)
class ShareMoved:
    """Published when a shared area moved or changed size on the sharer's screen (a shared
    window moved): who draws over it reads the shares again."""

    share_id: str


@dataclass(frozen=True)
class SharerDrawing:
    """Published on the session's loop when this side's user starts or stops drawing over
    their own shared screen: the sharing features tell their controllers."""

    drawing: bool


# Why remote input is paused, as the sharing features' pause notices say it on the wire.
DRAWING: Final = "drawing"

_lock = threading.Lock()
# The sessions whose sharer draws over their own shared screen now (set from the views' thread,
# read on the session's loop).
_drawing: weakref.WeakSet[LiveSession] = weakref.WeakSet()


def set_sharer_drawing(session: LiveSession, drawing: bool) -> None:
    """This side's user draws over their own shared screen (True), or stopped (False)."""
    with _lock:
        if drawing == (session in _drawing):
            return
        if drawing:
            _drawing.add(session)
        else:
            _drawing.discard(session)
    # Called from the views' thread: told on the session's loop, where the features run.
    session.call_soon_threadsafe(lambda: session.engine.publish(SharerDrawing(drawing)))


def sharer_drawing(session: LiveSession) -> bool:
    """This side's user draws over their own shared screen now: remote input is dropped."""
    with _lock:
        return session in _drawing
