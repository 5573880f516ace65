"""The inbound-support routes (bodies: ``shared/protocol/queues.py``):

* ``POST /api/tickets`` (``TicketRequest`` -> ``TicketIssued``): file a help request; limited
  per address;
* ``POST /api/tickets/survey`` (``SurveyAnswers``): the customer's answers, once;
* ``GET /api/queues[?after=<version>]`` (``QueuesView``): the agent's queues, long-polled;
* ``POST /api/queues/accept-next`` (``AcceptNext`` -> ``AcceptedCustomer``);
* ``GET /api/queues/agents`` (``QueueAgents``): who a session can be transferred to;
* ``POST /api/sessions/<number>/transfer`` (``TransferRequest``).
"""

from __future__ import annotations

from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from shared.protocol.messages import Role
from shared.protocol.queues import (
    MAX_TRANSFER_MESSAGE_CHARS,
    AcceptedCustomer,
    AcceptNext,
    InboundRecord,
    QueueAgent,
    QueueAgents,
    QueuesView,
    SurveyAnswers,
    SurveyAnswersRecord,
    TicketIssued,
    TicketRequest,
    TransferRequest,
)
from shared.session.join_link import QueueLink
from support_center.api import (
    CONFIG,
    FINGERPRINT,
    HUB,
    STORE,
    problem,
    read_json,
    session_join_link,
    session_number_in_path,
    signed_in_agent,
    too_many_attempts,
)
from support_center.queues.lobby import Lobby, NobodyWaiting, TooManySessions
from support_center.queues.store import QueueFull, UnknownQueue
from support_center.rate_limit import FailureLimiter, Limited, address_key
from support_center.store import Store

# Help requests one address may file in TICKET_RATE_WINDOW_S: a customer asks again after a
# mistake or two, an office behind one NAT address has a few people asking in an hour; more is
# someone filling the queues with made-up customers.
MAX_TICKETS_PER_ADDRESS = 20
TICKET_RATE_WINDOW_S = 3600.0
# Surveys refused (unknown ticket, answered already) per address in the window: a client sends
# one; a stream of refused ones is someone trying tickets.
MAX_SURVEY_FAILURES = 10
SURVEY_FAILURE_WINDOW_S = 600.0

TICKET_LIMITER: web.AppKey[FailureLimiter] = web.AppKey("ticket_limiter", FailureLimiter)
SURVEY_LIMITER: web.AppKey[FailureLimiter] = web.AppKey("survey_limiter", FailureLimiter)


def lobby_of(app: web.Application) -> Lobby:
    return app[HUB].lobby


M = TypeVar("M", bound=BaseModel)


def _body(kind: type[M], body: dict[str, Any], expected: str) -> M:
    try:
        return kind.model_validate(body)
    except ValidationError:
        raise problem(400, "invalid", f"Expected {expected}.") from None


# --- the customer's side -----------------------------------------------------------------------


def issue_ticket(app: web.Application, asked: TicketRequest, address: str) -> TicketIssued:
    """File a help request for a customer at ``address``: the routes' and the Get help
    page's one way. ``ApiProblem``: 429 ``rate_limited``, 404 ``unknown_queue``, 409
    ``queue_full`` (its reason names the queue and its limit)."""
    try:
        app[TICKET_LIMITER].attempt(address_key(address))  # never given back: a rate, not guesses
    except Limited as limited:
        raise too_many_attempts(limited.retry_after_s) from None
    queues = lobby_of(app).queues
    try:
        _, ticket = queues.file_request(
            asked.queue,
            asked.name,
            asked.email,
            asked.problem,
            asked.referrer,
            asked.language,
        )
    except UnknownQueue:
        raise problem(404, "unknown_queue", "There is no such queue here.") from None
    except QueueFull as full:
        raise problem(
            409,
            "queue_full",
            f"The queue {full.title} is full ({full.limit} customers waiting). Try again later.",
        ) from None
    config = app[CONFIG]
    link = QueueLink(config.url, ticket, app[FINGERPRINT], asked.language)
    return TicketIssued(
        ticket=ticket,
        queue=asked.queue,
        queue_title=queues.queue_title(asked.queue) or asked.queue,
        download_url=f"/help/download/{ticket}",
        open_url=link.url(),
    )


async def file_ticket(request: web.Request) -> web.Response:
    body = await read_json(request)
    asked = _body(TicketRequest, body, "a queue, a name, and optionally email, problem, referrer")
    issued = issue_ticket(request.app, asked, request.remote or "unknown")
    return web.json_response(issued.model_dump(), status=201)


async def save_survey(request: web.Request) -> web.Response:
    limiter = request.app[SURVEY_LIMITER]
    try:
        attempt = limiter.attempt(address_key(request.remote or "unknown"))
    except Limited as limited:
        raise too_many_attempts(limited.retry_after_s) from None
    answers = _body(SurveyAnswers, await read_json(request), "a ticket, solved and rating")
    queues = lobby_of(request.app).queues
    help_request = queues.request_for_ticket(answers.ticket)
    if help_request is None:
        raise problem(404, "ticket_unknown", "This help request is not known here.")
    if help_request.survey is not None:
        raise problem(409, "survey_saved", "The answers to this survey were saved already.")
    if not queues.save_survey(answers.ticket, answers):
        raise problem(409, "not_helped", "No agent helped with this request: nothing to rate.")
    limiter.forgive(attempt)
    if help_request.session_number is not None:
        request.app[STORE].audit(
            help_request.session_number,
            help_request.name,
            "survey.saved",
            solved=answers.solved,
            rating=str(answers.rating),
        )
    return web.json_response({"saved": True})


# --- the agent's side --------------------------------------------------------------------------


async def queues_view(request: web.Request) -> web.Response:
    agent = signed_in_agent(request)
    lobby = lobby_of(request.app)
    after_text = request.query.get("after")
    if after_text is not None:
        try:
            after = int(after_text)
        except ValueError:
            raise problem(400, "invalid", "'after' must be a version number.") from None
        lobby.polled(agent.id)
        await lobby.changed_since(after)
    lobby.polled(agent.id)
    view = QueuesView(
        version=lobby.version,
        queues=lobby.queues.summaries(agent.id),
        offered=lobby.queues.offered(agent.id),
    )
    return web.json_response(view.model_dump())


async def accept_next(request: web.Request) -> web.Response:
    agent = signed_in_agent(request)
    asked = _body(AcceptNext, await read_json(request), "an optional queue name")
    lobby = lobby_of(request.app)
    try:
        accepted = await lobby.accept_next(agent, asked.queue)
    except TooManySessions as exc:
        raise problem(409, "too_many_sessions", str(exc)) from None
    except UnknownQueue as exc:
        raise problem(404, "unknown_queue", str(exc)) from None
    except NobodyWaiting:
        raise problem(404, "nobody_waiting", "Nobody is waiting in your queues.") from None
    taken = accepted.request
    answer = AcceptedCustomer(
        number=accepted.number,
        join_link=session_join_link(request.app, accepted.number),
        request_id=taken.id,
        queue=taken.queue_name,
        name=taken.name,
        email=taken.email,
        problem=taken.problem,
        referrer=taken.referrer,
        waited_s=max(0.0, taken.waited_s or 0.0),
        transferred_by=taken.transferred_by,
        message=taken.transfer_message,
    )
    return web.json_response(answer.model_dump())


async def queue_agents(request: web.Request) -> web.Response:
    signed_in_agent(request)
    lobby = lobby_of(request.app)
    store = request.app[STORE]
    agents = []
    for agent_id, names in sorted(lobby.queues.queue_agents().items()):
        record = store.agent_by_id(agent_id)
        if record is None:
            continue
        agents.append(
            QueueAgent(
                username=record.username,
                display_name=record.display_name,
                queues=names,
                online=lobby.online(agent_id),
            )
        )
    agents.sort(key=lambda a: a.display_name.casefold())
    titles = {queue.name: queue.title for queue in lobby.queues.queues()}
    return web.json_response(QueueAgents(agents=agents, titles=titles).model_dump())


def _transfer_request(body: dict[str, Any]) -> TransferRequest:
    message = body.get("message", "")
    if isinstance(message, str) and len(message) > MAX_TRANSFER_MESSAGE_CHARS:
        raise problem(
            400,
            "message_too_long",
            f"The message has {len(message)} characters; at most "
            f"{MAX_TRANSFER_MESSAGE_CHARS} are allowed.",
        )
    asked = _body(TransferRequest, body, "a queue or agents, and a message")
    if (asked.queue is None) == (not asked.agents):
        raise problem(400, "invalid", "Transfer to one queue, or to one or more agents.")
    return asked


async def transfer(request: web.Request) -> web.Response:
    agent = signed_in_agent(request)
    number = session_number_in_path(request.match_info["number"])
    asked = _transfer_request(await read_json(request))
    store: Store = request.app[STORE]
    hub = request.app[HUB]
    lobby = hub.lobby
    record = store.session(number)
    # Only its agent in charge, seated or not; any other's is an unknown session to them.
    if record is None or hub.agent_role(number, agent.id) != Role.PRIMARY_AGENT:
        raise problem(404, "no_such_session", "There is no session with this number.")
    if lobby.in_transfer(number):
        raise problem(409, "already_transferred", "This session waits for another agent already.")
    customer = _seated_customer(request.app, number)
    if customer is None:
        raise problem(409, "no_customer", "There is no customer in this session to pass on.")
    agent_ids: list[int] = []
    if asked.queue is not None:
        if lobby.queues.queue(asked.queue) is None:
            raise problem(404, "unknown_queue", f"There is no queue named {asked.queue}.")
    else:
        unknown = []
        for username in dict.fromkeys(asked.agents):
            found = store.agent_by_username(username)
            if found is None:
                unknown.append(username)
            elif found.id == agent.id:
                raise problem(400, "invalid", "You cannot transfer a session to yourself.")
            else:
                agent_ids.append(found.id)
        if unknown:
            raise problem(404, "unknown_agent", "No agent named " + ", ".join(unknown) + ".")
    help_request = await lobby.transfer(
        number, agent, asked.message, asked.queue, agent_ids, customer
    )
    return web.json_response(
        {"number": number, "request_id": help_request.id, "status": "transferred"}
    )


def _seated_customer(app: web.Application, number: int) -> str | None:
    """The name of the session's customer (the first seated, else the first recorded)."""
    room = app[HUB].rooms.get(number)
    if room is not None:
        for seat in room.seats.values():
            if seat.info.role == Role.CUSTOMER:
                return seat.info.name
    for participant in app[STORE].participants(number):
        if participant["role"] == Role.CUSTOMER.value and participant["left_reason"] not in (
            "left",
            "removed",
        ):
            return str(participant["name"])
    return None


# --- the session's record ----------------------------------------------------------------------


def inbound_record(app: web.Application, number: int) -> dict[str, Any] | None:
    """``inbound`` in ``GET /api/sessions/<number>``: the help request the session came from
    (or was transferred as), None for a session an agent started and never transferred."""
    found = lobby_of(app).queues.request_of_session(number)
    if found is None:
        return None
    survey = SurveyAnswersRecord.model_validate(found.survey) if found.survey else None
    record = InboundRecord(
        queue=found.queue_name,
        name=found.name,
        email=found.email,
        problem=found.problem,
        referrer=found.referrer,
        waited_s=max(0.0, found.waited_s or 0.0),
        survey=survey,
    )
    return record.model_dump()


def add_queue_routes(app: web.Application) -> None:
    app[TICKET_LIMITER] = FailureLimiter(MAX_TICKETS_PER_ADDRESS, TICKET_RATE_WINDOW_S)
    app[SURVEY_LIMITER] = FailureLimiter(MAX_SURVEY_FAILURES, SURVEY_FAILURE_WINDOW_S)
    app.router.add_post("/api/tickets", file_ticket)
    app.router.add_post("/api/tickets/survey", save_survey)
    app.router.add_get("/api/queues", queues_view)
    app.router.add_post("/api/queues/accept-next", accept_next)
    app.router.add_get("/api/queues/agents", queue_agents)
    app.router.add_post("/api/sessions/{number}/transfer", transfer)
