"""Sending a session's notes to the center, for its record."""

from __future__ import annotations

from shared.protocol.center_records import SessionNotes
from shared.transport.center_link import CenterLink


async def send_notes(server_url: str, fingerprint: str, token: str, number: int, text: str) -> None:
    """Store ``text`` as session ``number``'s notes at the center (replacing any sent before);
    a CenterError if it cannot be reached or refuses them. A link of its own: the session's may
    be closed by now."""
    center = CenterLink(server_url, fingerprint)
    try:
        body = SessionNotes(text=text).model_dump()
        await center.call("PUT", f"/api/sessions/{number}/notes", body, token=token)
    finally:
        await center.close()


async def stored_notes(center: CenterLink, token: str, number: int) -> str:
    """Session ``number``'s notes at the center ("" for none): a session taken back after its
    notes were sent goes on from them, and sending again does not lose them."""
    record = await center.call("GET", f"/api/sessions/{number}", token=token)
    notes = record.get("notes")
    text = notes.get("text") if isinstance(notes, dict) else None
    return text if isinstance(text, str) else ""
