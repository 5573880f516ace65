"""The Get help page of a queue (``GET``/``POST /help/<queue>``), the page that follows a filed
request (``GET /help/sent/<ticket>``) and the one-click client carrying the customer's ticket
(``GET /help/download/<ticket>``)."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlsplit

from aiohttp import web
from pydantic import ValidationError

from shared.protocol.invitations import address_problem
from shared.protocol.limits import MAX_NAME_CHARS
from shared.protocol.queues import (
    MAX_EMAIL_CHARS,
    MAX_PROBLEM_CHARS,
    MAX_REFERRER_CHARS,
    QUEUE_NAME,
    TICKET_START_WINDOW_S,
    Language,
    LaunchBlock,
    TicketRequest,
)
from shared.session.join_link import QueueLink
from support_center.api import CONFIG, FINGERPRINT, ApiProblem, utf8_text
from support_center.queues.routes import issue_ticket, lobby_of
from support_center.queues.store import HelpRequest, TicketRefused
from support_center.rate_limit import Limited, address_key
from support_center.web.download import client_binary, stream_client
from support_center.web.language import (
    System,
    as_language,
    customer_system,
    download_name,
    page_language,
)
from support_center.web.pages import link, paragraph, render, switch_url
from support_center.web.state import DOWNLOAD_LIMITER, FORM_GUARD
from support_center.web.texts import text

# The form's fields are a few KiB at most (2000 characters, percent-encoded UTF-8); a bigger
# post is not read.
MAX_FORM_BYTES = 64 * 1024
# What a ticket in a download link looks like (the protocol's Token); anything else is forged.
_TICKET = re.compile(r"[\w-]{16,128}", re.ASCII)


def _queue_title(request: web.Request, name: str) -> str | None:
    if not QUEUE_NAME.fullmatch(name):
        return None
    return lobby_of(request.app).queues.queue_title(name)


def _clean_referrer(value: str) -> str:
    """The referring address as kept: one printable line within the protocol's limit."""
    kept = "".join(char for char in value.strip() if char.isprintable())
    return kept[:MAX_REFERRER_CHARS]


def _minutes(seconds: float) -> int:
    return max(1, int(seconds + 59) // 60)


# --- the form ---------------------------------------------------------------------------------


def _form_page(
    request: web.Request,
    language: Language,
    queue: str,
    title: str,
    values: dict[str, str],
    errors: list[str],
    status: int = 200,
) -> web.Response:
    guard = request.app[FORM_GUARD]
    cookie = guard.cookie_for_page(request)
    error_list = (
        '<div class="errors" role="alert">'
        + paragraph(text(language, "help.errors"))
        + "<ul>"
        + "".join(f"<li>{escape(error)}</li>" for error in errors)
        + "</ul></div>"
        if errors
        else ""
    )

    def value(key: str) -> str:
        return escape(values.get(key, ""))

    body = (
        paragraph(text(language, "help.intro"))
        + error_list
        + f'<form method="post" action="/help/{escape(queue)}" accept-charset="utf-8">'
        + f'<input type="hidden" name="csrf" value="{escape(guard.token_for(cookie))}">'
        + f'<input type="hidden" name="referrer" value="{value("referrer")}">'
        + f'<input type="hidden" name="language" value="{language}">'
        + f'<label for="name">{escape(text(language, "help.name"))}</label>'
        + f'<input id="name" name="name" required maxlength="{MAX_NAME_CHARS}"'
        + f' autocomplete="name" value="{value("name")}">'
        + f'<label for="email">{escape(text(language, "help.email"))}</label>'
        + f'<input id="email" name="email" type="email" maxlength="{MAX_EMAIL_CHARS}"'
        + f' autocomplete="email" value="{value("email")}">'
        + f'<label for="problem">{escape(text(language, "help.problem"))}</label>'
        + f'<textarea id="problem" name="problem" maxlength="{MAX_PROBLEM_CHARS}">'
        + f"{value('problem')}</textarea>"
        + f'<button type="submit">{escape(text(language, "help.button"))}</button></form>'
    )
    other: Language = "en" if language == "fr" else "fr"
    # The switch carries the referrer: the page it opens sees this one as its Referer.
    switch = switch_url(f"/help/{queue}", other, {"from": values.get("referrer", "")})
    response = render(
        language, text(language, "help.title", queue=title), body, status=status, switch=switch
    )
    guard.set_cookie(response, cookie)
    return response


async def help_page(request: web.Request) -> web.Response:
    language = page_language(request)
    queue = request.match_info["queue"]
    title = _queue_title(request, queue)
    if title is None:
        return unknown_queue(language, queue)
    referrer = request.query.get("from", request.headers.get("Referer", ""))
    return _form_page(request, language, queue, title, {"referrer": _clean_referrer(referrer)}, [])


def _field_errors(language: Language, fields: dict[str, str]) -> list[str]:
    """What is wrong with the form, in the customer's words; [] when it may be filed."""
    errors: list[str] = []
    name, email, problem = fields["name"], fields["email"], fields["problem"]
    if not name:
        errors.append(text(language, "error.name_missing"))
    elif len(name) > MAX_NAME_CHARS or not name.isprintable() or not utf8_text(name):
        errors.append(text(language, "error.name_bad"))
    if len(email) > MAX_EMAIL_CHARS:
        errors.append(text(language, "error.email_long"))
    elif email and address_problem(email) is not None:
        errors.append(text(language, "error.email_bad"))
    if len(problem) > MAX_PROBLEM_CHARS:
        errors.append(text(language, "error.problem_long"))
    if errors:
        return errors
    try:  # the protocol's own limits have the last word
        TicketRequest(queue="x", language=language, **fields)
    except ValidationError as invalid:
        keys = {"name": "error.name_bad", "email": "error.email_bad"}
        for field in sorted({str(error["loc"][0]) for error in invalid.errors()}):
            errors.append(text(language, keys.get(field, "error.problem_long")))
    return errors


def _form_fields(form: dict[str, str]) -> dict[str, str]:
    return {
        "name": form.get("name", "").strip(),
        "email": form.get("email", "").strip(),
        # Browsers send a text area's line breaks as CRLF; counted as one, as they were typed.
        "problem": form.get("problem", "").replace("\r\n", "\n"),
        "referrer": _clean_referrer(form.get("referrer", "")),
    }


async def file_help_request(request: web.Request) -> web.Response:
    queue = request.match_info["queue"]
    language = page_language(request)
    title = _queue_title(request, queue)
    if title is None:
        return unknown_queue(language, queue)
    if request.content_length is None or request.content_length > MAX_FORM_BYTES:
        body = paragraph(text(language, "error.problem_long"))
        return render(language, text(language, "help.title", queue=title), body, status=413)
    posted = await request.post()
    form = {key: value for key, value in posted.items() if isinstance(value, str)}
    language = as_language(form.get("language")) or language
    fields = _form_fields(form)
    if not request.app[FORM_GUARD].allows(request, form.get("csrf", "")):
        return _form_page(
            request, language, queue, title, fields, [text(language, "error.form_expired")], 403
        )
    errors = _field_errors(language, fields)
    if errors:
        return _form_page(request, language, queue, title, fields, errors, 400)
    asked = TicketRequest(queue=queue, language=language, **fields)
    try:  # the API's own way: its limit per address, its queue checks
        ticket = issue_ticket(request.app, asked, request.remote or "unknown").ticket
    except ApiProblem as refused:
        return _not_filed(language, queue, title, refused)
    # Post/redirect/get: reloading the page that follows, or going back to it, shows it again
    # instead of filing a second request.
    raise web.HTTPSeeOther(f"/help/sent/{ticket}?lang={language}")


def _not_filed(language: Language, queue: str, title: str, refused: ApiProblem) -> web.Response:
    code = refused.body["code"]
    if code == "unknown_queue":
        return unknown_queue(language, queue)
    if code == "queue_full":
        body = paragraph(text(language, "queue_full.body", queue=title))
        return render(language, text(language, "queue_full.title"), body, status=503)
    if code == "rate_limited":
        return limited_page(language, float(refused.body.get("retry_after_s", 60)))
    raise refused


# --- after the form: the download -------------------------------------------------------------


def run_steps(language: Language, system: System) -> str:
    count = {"linux": 3, "windows": 2, "mac": 2}[system]
    items = "".join(
        f"<li>{escape(text(language, f'steps.{system}.{n}'))}</li>" for n in range(1, count + 1)
    )
    return f"<h2>{escape(text(language, 'steps.title'))}</h2><ol>{items}</ol>"


def _open_link(request: web.Request, ticket: str, language: Language) -> str:
    """The link that opens an installed client on the ticket, in the page's language."""
    app = request.app
    opening = QueueLink(app[CONFIG].url, ticket, app[FINGERPRINT], language).url()
    return link(opening, text(language, "sent.installed"), "", "open")


def _sent_page(request: web.Request, language: Language, title: str, ticket: str) -> web.Response:
    open_link = _open_link(request, ticket, language)
    if client_binary(request.app[CONFIG].client_binary) is None:
        body = paragraph(text(language, "no_binary.body")) + f"<p>{open_link}</p>"
        return render(language, text(language, "sent.title"), body)
    download = f"/help/download/{ticket}?lang={language}"
    body = (
        paragraph(text(language, "sent.downloading", queue=title))
        + run_steps(language, customer_system(request))
        + f"<p>{link(download, text(language, 'sent.download_link'), '', 'download')}</p>"
        + f"<p>{open_link}</p>"
        + paragraph(
            text(language, "sent.valid_for", minutes=_minutes(TICKET_START_WINDOW_S)), "quiet"
        )
    )
    # The download starts at once (no script needed); the page stays for its steps.
    return render(language, text(language, "sent.title"), body, refresh_to=download)


def _back_link(request: web.Request, language: Language, queue: str | None) -> str:
    """A link back to the queue's Get help page: the request's, else the page the download
    link was on (this center's own Get help page)."""
    if queue is None:
        referer = urlsplit(request.headers.get("Referer", ""))
        same_center = referer.netloc == request.host
        named = referer.path.removeprefix("/help/")
        from_help_page = same_center and named != referer.path and QUEUE_NAME.fullmatch(named)
        queue = named if from_help_page else None
    if queue is None:
        return paragraph(text(language, "back_unknown"))
    return f"<p>{link(f'/help/{queue}?lang={language}', text(language, 'back_to_help'))}</p>"


def _refused_page(
    request: web.Request, language: Language, code: str, known: HelpRequest | None
) -> web.Response:
    """Why a download link gives no client (``code``: the protocol's ``ticket_*``), and the
    way back to the Get help page."""
    body = paragraph(
        text(language, f"{code}.body", minutes=_minutes(TICKET_START_WINDOW_S))
    ) + _back_link(request, language, known.queue_name if known else None)
    status = 404 if code == "ticket_unknown" else 410
    return render(language, text(language, f"{code}.title"), body, status=status)


def _usable_request(request: web.Request) -> tuple[HelpRequest, Language] | web.Response:
    """The help request the link's ticket opens and the page's language, or the page that says
    why not. Guessing tickets costs the address its attempts; a real one is forgiven."""
    ticket = request.match_info["ticket"]
    asked = as_language(request.query.get("lang"))
    language = asked or page_language(request)
    limiter = request.app[DOWNLOAD_LIMITER]
    try:
        attempt = limiter.attempt(address_key(request.remote or "unknown"))
    except Limited as limited:
        return limited_page(language, limited.retry_after_s)
    queues = lobby_of(request.app).queues
    try:
        if not _TICKET.fullmatch(ticket):
            raise TicketRefused("ticket_unknown", "Not a ticket.")
        help_request = queues.usable_ticket(ticket)
    except TicketRefused as refused:
        known = None
        if refused.code != "ticket_unknown":
            limiter.forgive(attempt)  # a real ticket, too late or used: not a guess
            known = queues.request_for_ticket(ticket)
        if known is not None and asked is None:
            language = as_language(known.language) or language
        return _refused_page(request, language, refused.code, known)
    limiter.forgive(attempt)
    return help_request, asked or as_language(help_request.language) or language


async def sent_page(request: web.Request) -> web.Response:
    found = _usable_request(request)
    if isinstance(found, web.Response):
        return found
    help_request, language = found
    name = help_request.queue_name or ""  # none once its queue was removed
    title = (_queue_title(request, name) if name else None) or name
    return _sent_page(request, language, title, request.match_info["ticket"])


async def download_for_ticket(request: web.Request) -> web.StreamResponse:
    found = _usable_request(request)
    if isinstance(found, web.Response):
        return found
    language = found[1]
    ticket = request.match_info["ticket"]
    app = request.app
    binary = client_binary(app[CONFIG].client_binary)
    if binary is None:
        open_link = _open_link(request, ticket, language)
        body = paragraph(text(language, "no_binary.body")) + f"<p>{open_link}</p>"
        return render(language, text(language, "no_binary.title"), body, status=404)
    block = LaunchBlock(
        server=app[CONFIG].url, fingerprint=app[FINGERPRINT], ticket=ticket, language=language
    )
    return await stream_client(request, binary, block, download_name(customer_system(request)))


# --- errors -----------------------------------------------------------------------------------


def unknown_queue(language: Language, queue: str) -> web.Response:
    shown = queue[:40]  # as typed, cut: it is only echoed
    return render(
        language,
        text(language, "unknown_queue.title"),
        paragraph(text(language, "unknown_queue.body", queue=shown)),
        status=404,
    )


def limited_page(language: Language, retry_after_s: float) -> web.Response:
    response = render(
        language,
        text(language, "limited.title"),
        paragraph(text(language, "limited.body", minutes=_minutes(retry_after_s))),
        status=429,
    )
    response.headers["Retry-After"] = str(int(retry_after_s) + 1)
    return response
