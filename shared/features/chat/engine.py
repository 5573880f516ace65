"""Chat in one session: lines to one participant or to everyone, kept, audited, shown."""

from __future__ import annotations

import itertools
import logging
import time
from dataclasses import dataclass

from shared.features.chat.protocol import CHAT_MESSAGES, NAME, ChatLine
from shared.protocol.limits import MAX_AUDIT_LINE_CHARS, MAX_CHAT_CHARS
from shared.protocol.messages import EVERYONE, PeerMessage, Role
from shared.session.live import LiveSession
from shared.session.state import SessionState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChatReceived:
    """A line was sent or received in this session (the views show it)."""

    line: ChatLine
    sender_name: str
    outgoing: bool


class ChatFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = CHAT_MESSAGES

    def __init__(self, session: LiveSession) -> None:
        self.session = session
        self.lines: list[ChatLine] = []
        self._ids = itertools.count(1)
        session.add_feature(self)

    def send(self, to: str, text: str) -> ChatLine:
        """Send a line to one participant or to everyone we are linked to."""
        engine = self.session.engine
        me = engine.me
        if me is None or engine.state == SessionState.ENDED:
            raise RuntimeError("not in a session")
        text = text.strip()
        if not text:
            raise ValueError("an empty message is not sent")
        if len(text) > MAX_CHAT_CHARS:
            raise ValueError(f"a chat message holds at most {MAX_CHAT_CHARS} characters")
        line = ChatLine(
            id=f"{me.id}-{next(self._ids)}", sender=me.id, to=to, text=text, sent_at=time.time()
        )
        links = self.session.links
        targets = list(links.values()) if to == EVERYONE else [links[to]] if to in links else []
        delivered = 0
        for link in targets:
            try:
                link.send(line)
                delivered += 1
            except ConnectionError:
                log.warning("chat line not delivered to %s", link.remote_id)
        if not delivered:
            raise ConnectionError("nobody to deliver this message to right now")
        self._keep(line, me.name, outgoing=True)
        return line

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        if not isinstance(message, ChatLine):
            return
        me = self.session.engine.me
        if message.sender != remote_id:
            log.warning("%s sent a chat line in the name of %s", remote_id, message.sender)
            return
        if me is None or message.to not in (me.id, EVERYONE):
            log.warning("dropped a chat line addressed to %s", message.to)
            return
        sender = self.session.engine.participant(message.sender)
        if sender is None:
            log.warning("dropped a chat line from unknown participant %s", message.sender)
            return
        self._keep(message, sender.name, outgoing=False)

    def _keep(self, line: ChatLine, sender_name: str, outgoing: bool) -> None:
        self.lines.append(line)
        engine = self.session.engine
        actor = engine.me.name if outgoing and engine.me else sender_name
        # The site keeps chat: the line itself, and who said it, go into the record too.
        kept = self._kept_in_record(line)
        engine.audit.record(
            "chat",
            actor,
            lines=_record_lines(line.text) if kept else (),
            to=line.to,
            chars=str(len(line.text)),
            **({"sender": actor} if kept else {}),
        )
        engine.publish(ChatReceived(line, sender_name, outgoing))

    def _kept_in_record(self, line: ChatLine) -> bool:
        """Whether this side sends ``line`` for the session's record (the site keeps chat), so
        that each line is recorded once: the primary agent sends every line it sees; an
        assistant agent only its private lines with someone other than the primary (which the
        primary never sees)."""
        engine = self.session.engine
        me = engine.me
        if not self.session.settings.keep_chat or me is None:
            return False
        if me.role == Role.PRIMARY_AGENT:
            return True
        if me.role != Role.ASSISTANT_AGENT or line.to == EVERYONE:
            return False
        other = line.to if line.sender == me.id else line.sender
        return engine.role_of(other) != Role.PRIMARY_AGENT

    def on_link_down(self, remote_id: str) -> None:
        pass  # nothing of chat's runs over one link

    async def on_close(self) -> None:
        pass

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        pass  # a line that could not be taken is dropped; the next one stands alone


def _record_lines(text: str) -> list[str]:
    """A chat line's text as the record's lines: one per line of it, a long one in pieces
    (a record's line holds MAX_AUDIT_LINE_CHARS)."""
    return [
        part[i : i + MAX_AUDIT_LINE_CHARS]
        for part in text.splitlines() or [""]
        for i in range(0, max(1, len(part)), MAX_AUDIT_LINE_CHARS)
    ]
