"""The web join link (``GET /j/<number>``): opens the installed client through the
``tandem://join`` link, else offers the one-click client carrying the session
(``GET /j/<number>/download``), with the number shown for the customer to read on the phone.

Looking a number up here is a join attempt as the signaling socket's: it counts against the
same limits (per address, and the whole center's), so this page is no faster way to find
which numbers are sessions."""

from __future__ import annotations

import time
from html import escape

from aiohttp import web

from shared.protocol.limits import SESSION_NUMBER_MAX, SESSION_NUMBER_MIN
from shared.protocol.queues import Language, LaunchBlock
from shared.session.join_link import (
    SESSION_NUMBER_DIGITS,
    JoinLink,
    format_session_number,
)
from support_center.api import CONFIG, FINGERPRINT, HUB, STORE
from support_center.rate_limit import CENTER_JOINS_KEY, Limited, address_key
from support_center.web.download import client_binary, stream_client
from support_center.web.help_pages import limited_page, run_steps
from support_center.web.language import customer_system, download_name, page_language
from support_center.web.pages import link, paragraph, render, switch_url
from support_center.web.texts import text


def _number(text_in_path: str) -> int | None:
    if len(text_in_path) != SESSION_NUMBER_DIGITS or not text_in_path.isdecimal():
        return None
    number = int(text_in_path)
    return number if SESSION_NUMBER_MIN <= number <= SESSION_NUMBER_MAX else None


def _open_session(request: web.Request, language: Language) -> int | web.Response:
    """The open session the path names, or the page that says why not."""
    shown = request.match_info["number"][: SESSION_NUMBER_DIGITS + 2]
    app = request.app
    config = app[CONFIG]
    limiter = app[HUB].join_limiter
    try:
        attempt = limiter.attempt(
            address_key(request.remote or "unknown"),
            CENTER_JOINS_KEY,
            limits={CENTER_JOINS_KEY: config.max_failed_joins},
        )
    except Limited as limited:
        return limited_page(language, limited.retry_after_s)
    number = _number(request.match_info["number"])
    record = app[STORE].session(number) if number is not None else None
    if record is None:
        return render(
            language,
            text(language, "session_unknown.title"),
            paragraph(text(language, "session_unknown.body", number=shown)),
            status=404,
        )
    # One the hub would close as too old on the next join is over already.
    too_old = time.time() - record.created_at > config.session_max_age_s
    if record.status != "open" or too_old:
        return render(
            language,
            text(language, "session_ended.title"),
            paragraph(
                text(language, "session_ended.body", number=format_session_number(record.number))
            ),
            status=410,
        )
    limiter.forgive(attempt)
    return record.number


async def join_page(request: web.Request) -> web.Response:
    language = page_language(request)
    found = _open_session(request, language)
    if isinstance(found, web.Response):
        return found
    app = request.app
    joining = JoinLink(
        server=app[CONFIG].url, session=found, fingerprint=app[FINGERPRINT], language=language
    )
    body = (
        paragraph(text(language, "join.number"))
        + f'<p class="number" id="number">{escape(format_session_number(found))}</p>'
        + paragraph(text(language, "join.read"), "quiet")
        + f"<p>{link(joining.url(), text(language, 'join.open'), 'button', 'open-now')}</p>"
        + paragraph(text(language, "join.opening"), "quiet")
    )
    if client_binary(app[CONFIG].client_binary) is None:
        body += paragraph(text(language, "no_binary.body"))
    else:
        download = f"/j/{found}/download?lang={language}"
        body += (
            paragraph(text(language, "join.not_installed"))
            + f"<p>{link(download, text(language, 'join.download'), 'button', 'download')}</p>"
            + run_steps(language, customer_system(request))
        )
    other: Language = "en" if language == "fr" else "fr"
    return render(
        language,
        text(language, "join.title"),
        body,
        switch=switch_url(f"/j/{found}", other),
        open_at_once=True,
    )


async def join_download(request: web.Request) -> web.StreamResponse:
    language = page_language(request)
    found = _open_session(request, language)
    if isinstance(found, web.Response):
        return found
    app = request.app
    binary = client_binary(app[CONFIG].client_binary)
    if binary is None:
        return render(
            language,
            text(language, "no_binary.title"),
            paragraph(text(language, "no_binary.body")),
            status=404,
        )
    block = LaunchBlock(
        server=app[CONFIG].url, fingerprint=app[FINGERPRINT], session=found, language=language
    )
    return await stream_client(request, binary, block, download_name(customer_system(request)))
