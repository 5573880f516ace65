"""Whether a peer's chat line goes into the session's record: only when this center keeps chat
(``--keep-chat``) and only from an agent's console, whatever the peer sends. Otherwise the
record keeps that chat happened (to whom, how long), never what was said."""

from __future__ import annotations

from shared.protocol.messages import AuditNote, Role

# The audit kind the consoles note a chat line under (shared/features/chat/engine.py).
CHAT_KIND = "chat"
# What a chat note keeps when its text is not kept: the line's recipient and length.
METADATA = frozenset({"to", "chars"})


def is_chat(kind: str) -> bool:
    # Any kind a modified peer might dress chat text in ("chat.line", "Chatlog"…) counts.
    return kind.lower().startswith(CHAT_KIND)


def kept_chat_note(keep_chat: bool, role: Role, note: AuditNote) -> AuditNote:
    """``note`` as the record keeps it: unchanged unless it is chat; chat's text (its lines,
    its other values) only from an agent of a center that keeps chat."""
    if not is_chat(note.kind):
        return note
    if keep_chat and role in (Role.PRIMARY_AGENT, Role.ASSISTANT_AGENT):
        return note
    detail = {k: v for k, v in note.detail.items() if k in METADATA}
    return note.model_copy(update={"detail": detail, "lines": []})
