"""Bodies of the center's API for a session's notes and the site's chat quick phrases."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# A session's notes: what an agent writes of a long session fits many times over; beyond it is
# a paste gone wrong, and the center's database should not hold it.
MAX_NOTES_CHARS = 20_000
# A quick phrase is a chat line: well within a chat message's limit, and short enough to read
# in a menu.
MAX_PHRASE_CHARS = 300
# Phrases a site keeps: a menu of more cannot be read; the center refuses more.
MAX_PHRASES = 100

PhraseLanguage = Literal["en", "fr", "both"]


class SessionNotes(BaseModel):
    """PUT /api/sessions/{number}/notes: the agent's notes, replacing any stored before."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: Annotated[str, StringConstraints(max_length=MAX_NOTES_CHARS)]


class QuickPhrase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: int = Field(ge=1)
    text: Annotated[str, StringConstraints(min_length=1, max_length=MAX_PHRASE_CHARS)]
    language: PhraseLanguage


class QuickPhrases(BaseModel):
    """GET /api/quick-phrases: the site's phrases, in the order the administrator added them."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    phrases: list[QuickPhrase] = Field(default_factory=list, max_length=MAX_PHRASES)


def phrases_for(phrases: list[QuickPhrase], language: str) -> list[QuickPhrase]:
    """``phrases`` with those in ``language`` (or in both) first, each group in its order."""
    first = [p for p in phrases if p.language in (language, "both")]
    return first + [p for p in phrases if p not in first]
