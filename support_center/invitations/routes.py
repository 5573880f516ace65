"""The invitation routes:

* ``GET /api/sessions/{number}/invitation?language=fr&invitee=customer``: the site's invitation,
  rendered (the console's mail program sends this very text);
* ``POST /api/sessions/{number}/invitations`` ``{to, language, invitee}``: the center mails it.
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web
from pydantic import ValidationError

from shared.protocol.invitations import (
    ADDRESS_REASONS,
    INVITEES,
    LANGUAGES,
    InvitationRequest,
    InvitationSent,
    InvitationText,
    Invitee,
    Language,
    address_problem,
)
from shared.session.join_link import format_session_number
from support_center.api import (
    CONFIG,
    STORE,
    problem,
    read_json,
    session_join_link,
    session_number_in_path,
    signed_in_agent,
)
from support_center.invitations.mail import MailFailure, build_message, send
from support_center.invitations.records import InvitationLog, may_invite
from support_center.invitations.templates import Invitation, load_template, render
from support_center.store import AgentRecord, SessionRecord

log = logging.getLogger(__name__)

INVITATION_LOG: web.AppKey[InvitationLog] = web.AppKey("invitation_log", InvitationLog)


def _session_to_invite_to(request: web.Request, agent: AgentRecord) -> SessionRecord:
    """The open session the path names, if ``agent`` may invite to it; an unknown one's
    answer otherwise (another agent's session is not told apart from no session)."""
    number = session_number_in_path(request.match_info["number"])
    record = request.app[STORE].session(number)
    if record is None or not may_invite(record, agent):
        raise problem(404, "no_such_session", "There is no session with this number.")
    if record.status != "open":
        raise problem(409, "session_ended", "This session has ended.")
    return record


def _invitation(
    request: web.Request, agent: AgentRecord, number: int, invitee: Invitee, language: Language
) -> tuple[Invitation, str]:
    config = request.app[CONFIG]
    link = session_join_link(request.app, number)
    template = load_template(config.data_dir, invitee, language)
    values = {
        "agent_name": agent.display_name,
        "number": format_session_number(number),
        "link": link,
        "center": config.url,
    }
    return render(template, values), link


async def invitation_text(request: web.Request) -> web.Response:
    agent = signed_in_agent(request)
    record = _session_to_invite_to(request, agent)
    language = request.query.get("language", "en")
    invitee = request.query.get("invitee", "customer")
    if language not in LANGUAGES or invitee not in INVITEES:
        raise problem(400, "invalid", "Unknown language or kind of invitee.")
    invitation, link = _invitation(request, agent, record.number, invitee, language)
    text = InvitationText(
        number=record.number,
        language=language,
        invitee=invitee,
        subject=invitation.subject,
        body=invitation.body,
        link=link,
        can_send=request.app[CONFIG].mail is not None,
    )
    return web.json_response(text.model_dump())


async def send_invitation(request: web.Request) -> web.Response:
    agent = signed_in_agent(request)
    try:
        asked = InvitationRequest.model_validate(await read_json(request))
    except ValidationError:
        raise problem(400, "invalid", "'to', 'language' and 'invitee' are expected.") from None
    # The address first, whatever else is wrong: what the agent typed is what they fix.
    wrong = address_problem(asked.to)
    if wrong is not None:
        raise problem(400, f"bad_address.{wrong.value}", ADDRESS_REASONS[wrong])
    record = _session_to_invite_to(request, agent)
    store, config = request.app[STORE], request.app[CONFIG]
    if config.mail is None:
        raise problem(409, "no_mail_server", "This support center has no mail server set up.")
    invitations = request.app[INVITATION_LOG]
    wait = invitations.wait_before_next(agent.id)
    if wait > 0:
        raise problem(
            429,
            "too_many_invitations",
            "You have sent as many invitations as allowed for now.",
            wait,
        )
    invitations.count(agent.id, record.number)
    invitation, _ = _invitation(request, agent, record.number, asked.invitee, asked.language)
    message = build_message(config.mail, asked.to, invitation.subject, invitation.body)
    detail = {"to": asked.to, "invitee": asked.invitee, "language": asked.language}
    try:
        await asyncio.to_thread(send, config.mail, message)
    except MailFailure as failure:
        log.warning("invitation to session %s not sent: %s", record.number, failure.reason)
        store.audit(
            record.number, agent.display_name, "invitation.failed", why=failure.code, **detail
        )
        raise problem(502, failure.code, failure.reason) from None
    store.audit(record.number, agent.display_name, "invitation.sent", **detail)
    sent = InvitationSent(to=asked.to, subject=invitation.subject)
    return web.json_response(sent.model_dump())


def add_invitation_routes(app: web.Application) -> None:
    app[INVITATION_LOG] = InvitationLog(app[STORE].db)
    app.router.add_get("/api/sessions/{number}/invitation", invitation_text)
    app.router.add_post("/api/sessions/{number}/invitations", send_invitation)
