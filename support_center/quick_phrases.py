"""The site's chat quick phrases: set by the administrator (``tandem-center phrases``), read by
signed-in agents (GET /api/quick-phrases) and offered in the console's chat panel."""

from __future__ import annotations

import time

from aiohttp import web

from shared.protocol.center_records import (
    MAX_PHRASE_CHARS,
    MAX_PHRASES,
    PhraseLanguage,
    QuickPhrase,
    QuickPhrases,
)
from shared.protocol.messages import printable_line
from support_center.api import STORE, signed_in_agent
from support_center.store import Store

SCHEMA = """
CREATE TABLE IF NOT EXISTS quick_phrases (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('en', 'fr', 'both')),
    created_at REAL NOT NULL
);
"""
LANGUAGES: tuple[PhraseLanguage, ...] = ("en", "fr", "both")


class PhraseError(ValueError):
    """A phrase the center does not keep (said to the administrator as it is)."""


def ensure_schema(store: Store) -> None:
    store.db.executescript(SCHEMA)


def add_phrase(store: Store, text: str, language: str) -> QuickPhrase:
    ensure_schema(store)
    text = text.strip()
    if not text:
        raise PhraseError("A quick phrase cannot be empty.")
    if len(text) > MAX_PHRASE_CHARS:
        raise PhraseError(f"A quick phrase holds at most {MAX_PHRASE_CHARS} characters.")
    try:
        printable_line(text)  # one line of printable text, as a chat line shows it
    except ValueError:
        raise PhraseError("A quick phrase is one line of printable text.") from None
    if language not in LANGUAGES:
        raise PhraseError(f"The language must be one of {', '.join(LANGUAGES)}.")
    if len(list_phrases(store)) >= MAX_PHRASES:
        raise PhraseError(f"The center keeps at most {MAX_PHRASES} quick phrases.")
    cursor = store.db.execute(
        "INSERT INTO quick_phrases (text, language, created_at) VALUES (?, ?, ?)",
        (text, language, time.time()),
    )
    assert cursor.lastrowid is not None
    return QuickPhrase.model_validate({"id": cursor.lastrowid, "text": text, "language": language})


def list_phrases(store: Store) -> list[QuickPhrase]:
    ensure_schema(store)
    rows = store.db.execute("SELECT id, text, language FROM quick_phrases ORDER BY id").fetchall()
    return [QuickPhrase(id=r["id"], text=r["text"], language=r["language"]) for r in rows]


def remove_phrase(store: Store, phrase_id: int) -> bool:
    ensure_schema(store)
    return store.db.execute("DELETE FROM quick_phrases WHERE id = ?", (phrase_id,)).rowcount > 0


async def get_phrases(request: web.Request) -> web.Response:
    signed_in_agent(request)
    phrases = QuickPhrases(phrases=list_phrases(request.app[STORE]))
    return web.json_response(phrases.model_dump())


def add_routes(app: web.Application) -> None:
    ensure_schema(app[STORE])
    app.router.add_get("/api/quick-phrases", get_phrases)
