"""Annotation in one session: the strokes on each shared screen, kept alike on every side.

The agent in charge is the hub, as for chat and voice: a participant sends what it draws to
it, and it checks the message and sends it on to the others who see that screen. Every side
checks what it receives itself:

- the sender is a participant, and a message that did not come from the hub names its sender
  as author (an assistant cannot draw in the customer's name, nor a customer in an agent's);
- the screen drawn on is shared now, as this side's own sharing features say (``shared.kit.
  shares``): a modified console cannot draw on the customer's screen before they share it or
  after they stopped;
- the limits below; a refused message is audited and dropped, with the reason.

When a share ends, its strokes go with it on every side.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

from shared.features.annotation.protocol import (
    ANNOTATION_MESSAGES,
    NAME,
    Clear,
    Erase,
    Stroke,
    Tool,
)
from shared.kit.shares import Share, shares_in
from shared.protocol.messages import PeerMessage, Role
from shared.session.live import LiveSession

log = logging.getLogger(__name__)

# Strokes kept on one shared screen: past this, a new one is refused until some are erased (a
# flood of strokes would cover the customer's screen and grow every side's memory).
MAX_STROKES_PER_SURFACE: Final = 500
# Messages one participant may send per second, on average, and at once: a person draws a few
# strokes a second at most; more is a runaway or hostile console.
MAX_MESSAGES_PER_S: Final = 20.0
MESSAGE_BURST: Final = 40


class AnnotationRefused(ValueError):
    """What we were asked to draw cannot be: the reason, in plain words."""


@dataclass(frozen=True)
class BoardChanged:
    """The strokes on ``surface``'s shared screen, now (empty: none, or the share ended)."""

    surface: str
    strokes: tuple[Stroke, ...]


@dataclass(frozen=True)
class SharesChanged:
    """What is shared now, as this side sees it (annotation may start while it is not empty)."""

    shares: tuple[Share, ...]


@dataclass(frozen=True)
class MessageRefused:
    """A message from ``sender`` was refused: ``reason`` says why (audited too)."""

    sender: str
    reason: str


@dataclass
class _Rate:
    """A token bucket per sender."""

    clock: Callable[[], float]
    tokens: float = MESSAGE_BURST
    at: float = field(default=0.0)

    def take(self) -> bool:
        now = self.clock()
        self.tokens = min(MESSAGE_BURST, self.tokens + (now - self.at) * MAX_MESSAGES_PER_S)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class AnnotationFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = ANNOTATION_MESSAGES

    def __init__(self, session: LiveSession, clock: Callable[[], float] = time.monotonic) -> None:
        self.session = session
        self._clock = clock
        self.boards: dict[str, dict[str, Stroke]] = {}
        self._shares: tuple[Share, ...] = ()
        self._rates: dict[str, _Rate] = {}
        session.engine.subscribe(self._engine_event)
        session.add_feature(self)

    # --- what is shared -----------------------------------------------------------------------

    @property
    def shares(self) -> tuple[Share, ...]:
        return self._shares

    def share_of(self, surface: str) -> Share | None:
        return next((s for s in self._shares if s.sharer_id == surface), None)

    def strokes(self, surface: str) -> tuple[Stroke, ...]:
        return tuple(self.boards.get(surface, {}).values())

    def _me(self) -> str:
        me = self.session.engine.me
        return me.id if me is not None else ""

    def _engine_event(self, event: object) -> None:
        if isinstance(event, BoardChanged | SharesChanged | MessageRefused):
            return
        self.refresh()

    def refresh(self) -> None:
        """Read what is shared again; strokes of a share that ended go."""
        shares = shares_in(self.session)
        if shares == self._shares:
            return
        self._shares = shares
        live = {s.sharer_id for s in shares}
        for surface in [s for s in self.boards if s not in live]:
            del self.boards[surface]
            self.session.engine.publish(BoardChanged(surface, ()))
        self.session.engine.publish(SharesChanged(shares))

    def _sees(self, participant_id: str, surface: str) -> bool:
        """``participant_id`` sees ``surface``'s shared screen now, as far as we know: its
        sharer, its viewers, and the assistant agents (the agent in charge forwards a
        customer's screen to them)."""
        share = self.share_of(surface)
        if share is None:
            return False
        if participant_id == share.sharer_id or participant_id in share.viewer_ids:
            return True
        role = self.session.engine.role_of(participant_id)
        sharer_role = self.session.engine.role_of(surface)
        return role == Role.ASSISTANT_AGENT and sharer_role == Role.CUSTOMER

    # --- what this side's user does -------------------------------------------------------------

    def draw(
        self,
        surface: str,
        tool: Tool,
        colour: str,
        width: int,
        points: Sequence[tuple[int, int]],
        text: str = "",
    ) -> Stroke:
        """Our own stroke on ``surface``: kept, and sent to the others. AnnotationRefused when
        nothing of ``surface`` is shared with us now; pydantic's ValidationError when it is not
        a stroke (too many points, text too long…)."""
        self.refresh()
        me = self._me()
        self._check_shared(me, surface)
        stroke = Stroke(
            id=uuid.uuid4().hex[:16],
            surface=surface,
            author=me,
            tool=tool,
            colour=colour,
            width=width,
            points=list(points),
            text=text,
        )
        self._keep(stroke)
        self._send(stroke, me)
        return stroke

    def erase(self, surface: str, ids: Sequence[str]) -> None:
        """Erase our or anyone's strokes of ``surface`` (the eraser touched them)."""
        me = self._me()
        self._check_shared(me, surface)
        known = [i for i in ids if i in self.boards.get(surface, {})]
        if not known:
            return
        message = Erase(surface=surface, by=me, ids=known)
        self._erase(message)
        self._send(message, me)

    def clear(self, surface: str) -> None:
        """Clear every annotation of ``surface``, everyone's."""
        me = self._me()
        self._check_shared(me, surface)
        message = Clear(surface=surface, by=me)
        self._clear(message)
        self._send(message, me)

    def _check_shared(self, me: str, surface: str) -> None:
        if not self._sees(me, surface):
            raise AnnotationRefused(f"nothing of {surface}'s screen is shared with you now")

    # --- sending ----------------------------------------------------------------------------------

    def _send(self, message: Stroke | Erase | Clear, sender: str) -> None:
        """To the hub, or from the hub to everyone else who sees the surface (not the sender)."""
        engine = self.session.engine
        primary = engine.primary_id
        if not engine.is_primary_agent:
            targets = [primary] if primary is not None else []
        else:
            targets = [
                p.id
                for p in engine.present()
                if p.linked and p.id != sender and self._sees(p.id, message.surface)
            ]
        for target in targets:
            with contextlib.suppress(ConnectionError):
                self.session.send_to(target, message)

    # --- receiving --------------------------------------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        if not isinstance(message, Stroke | Erase | Clear):
            return
        reason = self._refusal(remote_id, message)
        if reason:
            self._refuse(remote_id, message, reason)
            return
        author = message.author if isinstance(message, Stroke) else message.by
        if isinstance(message, Stroke):
            if message.id in self.boards.get(message.surface, {}):
                self._refuse(remote_id, message, "a stroke with this id is already drawn")
                return
            if len(self.boards.get(message.surface, {})) >= MAX_STROKES_PER_SURFACE:
                self._refuse(remote_id, message, "too many strokes on this screen; clear some")
                return
            self._keep(message)
        elif isinstance(message, Erase):
            self._erase(message)
        else:
            self._clear(message)
        if self.session.engine.is_primary_agent:
            self._send(message, author)

    def _refusal(self, remote_id: str, message: Stroke | Erase | Clear) -> str:
        """Why ``message`` from ``remote_id`` is refused; "" when it is not."""
        engine = self.session.engine
        sender = engine.participant(remote_id)
        if sender is None or sender.gone_reason is not None:
            return "the sender is not a participant of this session"
        rate = self._rates.setdefault(remote_id, _Rate(self._clock, at=self._clock()))
        if not rate.take():
            return "too many annotation messages; slow down"
        author = message.author if isinstance(message, Stroke) else message.by
        from_hub = remote_id == engine.primary_id
        if not from_hub and author != remote_id:
            return "only the agent in charge passes on others' annotations"
        if not engine.is_primary_agent and not from_hub:
            return "annotations come through the agent in charge"
        self.refresh()
        if self.share_of(message.surface) is None:
            return "nothing of that screen is shared now"
        if engine.participant(author) is None and author != self._me():
            return "the author is not a participant of this session"
        if engine.is_primary_agent and not self._sees(author, message.surface):
            return "the author does not see that screen"
        return ""

    def _refuse(self, remote_id: str, message: PeerMessage, reason: str) -> None:
        log.warning("annotation from %s refused: %s", remote_id, reason)
        self.session.engine.audit.record(
            "annotation.refused", remote_id, message=message.type, reason=reason
        )
        self.session.engine.publish(MessageRefused(remote_id, reason))

    # --- the boards -------------------------------------------------------------------------------

    def _keep(self, stroke: Stroke) -> None:
        board = self.boards.setdefault(stroke.surface, {})
        if len(board) >= MAX_STROKES_PER_SURFACE:
            raise AnnotationRefused("too many strokes on this screen; clear some first")
        board[stroke.id] = stroke
        self._changed(stroke.surface)

    def _erase(self, message: Erase) -> None:
        board = self.boards.get(message.surface, {})
        gone = [i for i in message.ids if board.pop(i, None) is not None]
        if gone:
            self._changed(message.surface)

    def _clear(self, message: Clear) -> None:
        if self.boards.pop(message.surface, None):
            self._changed(message.surface)
        self.session.engine.audit.record("annotation.cleared", message.by, surface=message.surface)

    def _changed(self, surface: str) -> None:
        self.session.engine.publish(BoardChanged(surface, self.strokes(surface)))

    # --- the session's hooks ------------------------------------------------------------------

    def on_link_down(self, remote_id: str) -> None:
        self._rates.pop(remote_id, None)

    async def on_close(self) -> None:
        self.session.engine.unsubscribe(self._engine_event)
        self.boards.clear()

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        log.warning("annotation message from %s failed: %s", remote_id, error)
