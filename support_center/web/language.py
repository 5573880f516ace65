"""Which language a page speaks, and which system the customer's browser runs on."""

from __future__ import annotations

from typing import Literal

from aiohttp import web

from shared.protocol.queues import Language
from support_center.web.texts import LANGUAGES

# Accept-Language lists a handful of languages; a longer header is not read past this.
MAX_ACCEPT_LANGUAGE_ITEMS = 32

System = Literal["windows", "mac", "linux"]


def as_language(text: str | None) -> Language | None:
    return "fr" if text == "fr" else "en" if text == "en" else None


def accepted_language(header: str) -> Language:
    """The language the browser prefers among ours (by q-value, then order); English when it
    names none of them."""
    best: tuple[float, int, Language] | None = None
    for index, item in enumerate(header.split(",")[:MAX_ACCEPT_LANGUAGE_ITEMS]):
        tag, _, parameters = item.strip().partition(";")
        language = as_language(tag.strip().split("-")[0].lower())
        if language is None:
            continue
        weight = 1.0
        name, _, value = parameters.strip().partition("=")
        if name.strip() == "q":
            try:
                weight = float(value)
            except ValueError:
                continue
        if not 0 < weight <= 1:  # q=0 says "not this one"; nan and others are ignored
            continue
        if best is None or (weight, -index) > (best[0], best[1]):
            best = (weight, -index, language)
    return best[2] if best is not None else LANGUAGES[0]


def page_language(request: web.Request) -> Language:
    """``?lang=`` when it names one of ours, else the browser's preference."""
    return as_language(request.query.get("lang")) or accepted_language(
        request.headers.get("Accept-Language", "")
    )


def customer_system(request: web.Request) -> System:
    """The customer's system, from the browser's User-Agent (Linux when it says neither)."""
    agent = request.headers.get("User-Agent", "")
    if "Windows" in agent:
        return "windows"
    if "Macintosh" in agent or "Mac OS X" in agent:
        return "mac"
    return "linux"


def download_name(system: System) -> str:
    """What the downloaded client is named: the same binary here, named as the system expects
    (a Windows build is served under the same name where there is one)."""
    return "Tandem Help.exe" if system == "windows" else "tandem-help"
