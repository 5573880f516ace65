"""The center's HTTPS API: agent sign-in, starting sessions, session records."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler

from shared.protocol.limits import (
    MAX_NAME_CHARS,
    MAX_SESSION_PASSWORD_CHARS,
    SESSION_NUMBER_MAX,
    SESSION_NUMBER_MIN,
)
from shared.security.passwords import hash_password
from support_center.config import CenterConfig
from support_center.hub import Hub
from support_center.numbers import draw_session_number, new_secret
from support_center.password_checks import ChecksBusy, PasswordGate
from support_center.rate_limit import (
    FailureLimiter,
    KnownAddresses,
    Limited,
    account_key,
    address_key,
)
from support_center.store import AgentRecord, SessionRecord, Store

# Request bodies are a few fields; anything bigger is refused before it is read.
MAX_BODY_BYTES = 8 * 1024
# Keys for what the app holds.
STORE: web.AppKey[Store] = web.AppKey("store", Store)
CONFIG: web.AppKey[CenterConfig] = web.AppKey("config", CenterConfig)
FINGERPRINT: web.AppKey[str] = web.AppKey("fingerprint", str)
LOGIN_LIMITER: web.AppKey[FailureLimiter] = web.AppKey("login_limiter", FailureLimiter)
KNOWN_ADDRESSES: web.AppKey[KnownAddresses] = web.AppKey("known_addresses", KnownAddresses)
PASSWORD_GATE: web.AppKey[PasswordGate] = web.AppKey("password_gate", PasswordGate)
HUB: web.AppKey[Hub] = web.AppKey("hub", Hub)


class ApiProblem(Exception):
    """Raised by a handler; the middleware turns it into a JSON error answer."""

    def __init__(self, status: int, code: str, reason: str, retry_after_s: float | None = None):
        super().__init__(reason)
        self.status = status
        self.body: dict[str, Any] = {"code": code, "reason": reason}
        if retry_after_s is not None:
            self.body["retry_after_s"] = round(retry_after_s, 1)


def problem(status: int, code: str, reason: str, retry_after_s: float | None = None) -> ApiProblem:
    return ApiProblem(status, code, reason, retry_after_s)


@web.middleware
async def problems_as_json(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiProblem as exc:
        return web.json_response(exc.body, status=exc.status)


async def read_json(request: web.Request) -> dict[str, Any]:
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise problem(413, "too_large", "The request is too large.")
    return parse_body(await request.content.read(MAX_BODY_BYTES + 1))


def parse_body(raw: bytes) -> dict[str, Any]:
    """The JSON object a request body holds; an ApiProblem for anything else."""
    if len(raw) > MAX_BODY_BYTES:
        raise problem(413, "too_large", "The request is too large.")
    return json_object(raw)


def json_object(raw: bytes) -> dict[str, Any]:
    """The JSON object ``raw`` holds, its size checked by the caller; an ApiProblem for
    anything else."""
    try:
        body = json.loads(raw or b"{}")
    except (ValueError, RecursionError):
        # RecursionError: a few thousand nested brackets fit well within the size limit.
        raise problem(400, "malformed", "The request is not valid JSON.") from None
    if not isinstance(body, dict):
        raise problem(400, "malformed", "The request must be a JSON object.")
    return body


def utf8_text(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8: a lone surrogate ("\\ud800" in the JSON)
    cannot, and the store and the password hash would fail on it."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def text_field(body: dict[str, Any], key: str, max_chars: int, required: bool = True) -> str:
    value = body.get(key, "")
    if (
        not isinstance(value, str)
        or len(value) > max_chars
        or (required and not value)
        or not utf8_text(value)
    ):
        raise problem(400, "invalid", f"'{key}' must be text of 1 to {max_chars} characters.")
    return value


def signed_in_agent(request: web.Request) -> AgentRecord:
    header = request.headers.get("Authorization", "")
    token = header.removeprefix("Bearer ").strip()
    agent = request.app[STORE].agent_for_token(token) if token else None
    if agent is None:
        raise problem(401, "not_signed_in", "Sign in first.")
    return agent


def too_many_attempts(wait: float) -> ApiProblem:
    return problem(
        429, "rate_limited", f"Too many attempts. Try again in {int(wait) + 1} seconds.", wait
    )


async def login(request: web.Request) -> web.Response:
    body = await read_json(request)
    username = text_field(body, "username", MAX_NAME_CHARS)
    password = text_field(body, "password", 256)
    limiter, known = request.app[LOGIN_LIMITER], request.app[KNOWN_ADDRESSES]
    address = request.remote or "unknown"
    # Counted before the check, per address and per account (known or not, so that the limit
    # does not tell names apart either). An address this account signed in from lately is held
    # by its own limit only: guessers elsewhere cannot lock the agent out of their account.
    keys = [address_key(address)]
    if not known.known(username, address):
        keys.append(account_key(username))
    try:
        attempt = limiter.attempt(*keys)
    except Limited as limited:
        raise too_many_attempts(limited.retry_after_s) from None
    store = request.app[STORE]
    agent = store.agent_by_username(username)
    try:
        valid = await request.app[PASSWORD_GATE].check(
            agent.password_hash if agent is not None else None, password
        )
    except ChecksBusy as busy:
        limiter.forgive(attempt)  # nothing was checked
        raise too_many_attempts(busy.retry_after_s) from None
    if agent is None or not valid:
        raise problem(401, "bad_credentials", "Unknown user name or wrong password.")
    limiter.forgive(attempt)
    known.signed_in(username, address)
    token = new_secret()
    store.save_token(token, agent.id, request.app[CONFIG].token_lifetime_s)
    return web.json_response(
        {
            "token": token,
            "username": agent.username,
            "display_name": agent.display_name,
            "max_sessions": request.app[CONFIG].max_sessions_per_agent,
            "default_face": request.app[CONFIG].default_face,
            # How long customers wait for an agent who left keeping their sessions.
            "keep_window_s": request.app[CONFIG].agent_grace_s,
        }
    )


async def create_session(request: web.Request) -> web.Response:
    agent = signed_in_agent(request)
    body = await read_json(request)
    password = text_field(body, "password", MAX_SESSION_PASSWORD_CHARS, required=False)
    store, config = request.app[STORE], request.app[CONFIG]
    if len(store.open_sessions_of(agent.id)) >= config.max_sessions_per_agent:
        raise problem(
            409,
            "too_many_sessions",
            f"You already have {config.max_sessions_per_agent} sessions open; end one first.",
        )
    password_hash = await asyncio.to_thread(hash_password, password) if password else None
    while True:
        number = draw_session_number()
        if store.create_session(number, agent.id, password_hash):
            break
    store.audit(number, agent.display_name, "session.created", password="yes" if password else "no")
    link = session_join_link(request.app, number)
    return web.json_response({"number": number, "join_link": link})


def session_join_link(app: web.Application, number: int) -> str:
    """The link that joins a customer to session ``number``: the one place it is made (the
    console copies it, invitations carry it). A web page of the center (support_center/web),
    which opens the installed client or offers the one-click one."""
    return f"{app[CONFIG].url}/j/{number}"


def session_number_in_path(text: str) -> int:
    """The session number a path names; the same 404 as an unknown one for anything else."""
    try:
        number = int(text)
    except ValueError:
        raise problem(404, "no_such_session", "There is no session with this number.") from None
    if not SESSION_NUMBER_MIN <= number <= SESSION_NUMBER_MAX:  # SQLite holds 64 bits at most
        raise problem(404, "no_such_session", "There is no session with this number.")
    return number


def own_session(request: web.Request, agent: AgentRecord) -> SessionRecord:
    """The session the path names, if it is this agent's; another agent's is as unknown."""
    number = session_number_in_path(request.match_info["number"])
    record = request.app[STORE].session(number)
    if record is None or record.agent_id != agent.id:
        raise problem(404, "no_such_session", "There is no session with this number.")
    return record


async def open_sessions(request: web.Request) -> web.Response:
    """The signed-in agent's open sessions (to resume or end them from a new console)."""
    agent = signed_in_agent(request)
    sessions = request.app[HUB].open_sessions(agent.id)
    for session in sessions:
        session["join_link"] = session_join_link(request.app, session["number"])
    return web.json_response({"sessions": sessions})


async def end_session(request: web.Request) -> web.Response:
    """End one of the agent's own sessions for everyone, with or without a console in it."""
    agent = signed_in_agent(request)
    record = own_session(request, agent)
    if record.status != "open":
        raise problem(409, "session_ended", "This session has ended.")
    await request.app[HUB].end_session(record.number, agent.display_name)
    return web.json_response({"number": record.number, "status": "ended"})


async def session_record(request: web.Request) -> web.Response:
    agent = signed_in_agent(request)
    record = own_session(request, agent)
    number = record.number
    store = request.app[STORE]
    return web.json_response(
        {
            "number": record.number,
            "status": record.status,
            "created_at": record.created_at,
            "ended_at": record.ended_at,
            "end_reason": record.end_reason,
            "participants": store.participants(number),
            "audit": store.audit_events(number),
            # The asking agent's own notes, and every agent's (assistants write theirs).
            "notes": _notes_of(store, number, agent.id),
            "notes_by_agent": _all_notes_of(store, number),
            "inbound": _inbound_of(request.app, number),
        }
    )


def _notes_of(store: Store, number: int, agent_id: int) -> dict[str, Any] | None:
    from support_center.session_notes import notes_of  # it builds on this module

    return notes_of(store, number, agent_id)


def _inbound_of(app: web.Application, number: int) -> dict[str, Any] | None:
    from support_center.queues.routes import inbound_record  # it builds on this module

    return inbound_record(app, number)


def _all_notes_of(store: Store, number: int) -> list[dict[str, Any]]:
    from support_center.session_notes import all_notes_of

    return all_notes_of(store, number)


async def health(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/health", health)
    app.router.add_post("/api/login", login)
    app.router.add_post("/api/sessions", create_session)
    app.router.add_get("/api/sessions", open_sessions)
    app.router.add_post("/api/sessions/{number}/end", end_session)
    app.router.add_get("/api/sessions/{number}", session_record)
    # Imported here: these modules build on this one's helpers.
    from support_center import quick_phrases, session_notes

    session_notes.add_routes(app)
    quick_phrases.add_routes(app)
    from support_center.invitations.routes import add_invitation_routes

    add_invitation_routes(app)
    from support_center.scripts.routes import add_routes as add_script_routes

    add_script_routes(app)
    from support_center.queues.routes import add_queue_routes

    add_queue_routes(app)
    from support_center.web.routes import add_web_routes

    add_web_routes(app)
