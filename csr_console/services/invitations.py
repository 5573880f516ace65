"""The console's side of invitations: the site's text from the center, and asking the center
to mail it."""

from __future__ import annotations

from pydantic import ValidationError

from csr_console.services.agent_session import AgentAccount
from shared.protocol.invitations import (
    InvitationRequest,
    InvitationSent,
    InvitationText,
    Invitee,
    Language,
)
from shared.transport.center_link import CenterError, CenterLink


def _unexpected() -> CenterError:
    return CenterError("malformed", "The support center sent an unexpected answer.")


async def invitation_text(
    center: CenterLink, account: AgentAccount, number: int, language: Language, invitee: Invitee
) -> InvitationText:
    """The site's invitation to session ``number``, rendered for this invitee and language."""
    data = await center.call(
        "GET",
        f"/api/sessions/{number}/invitation?language={language}&invitee={invitee}",
        token=account.token,
    )
    try:
        text = InvitationText.model_validate(data)
    except ValidationError:
        raise _unexpected() from None
    if text.number != number:
        raise _unexpected()
    return text


async def send_invitation(
    center: CenterLink, account: AgentAccount, number: int, request: InvitationRequest
) -> InvitationSent:
    """Have the center mail the invitation; ``CenterError`` saying why not."""
    data = await center.call(
        "POST",
        f"/api/sessions/{number}/invitations",
        request.model_dump(),
        token=account.token,
    )
    try:
        return InvitationSent.model_validate(data)
    except ValidationError:
        raise _unexpected() from None
