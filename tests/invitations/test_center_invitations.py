"""Invitations through the real center and a real SMTP server on loopback: the mail arrives,
its link joins a real customer; bad addresses, a mail server down or refusing, agents who may
not invite and an agent inviting too much are each refused, saying why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from csr_console.services.agent_session import AgentAccount, AgentSession
from csr_console.services.invitations import invitation_text, send_invitation
from customer_client.services.customer_session import CustomerSession
from shared.protocol.invitations import InvitationRequest
from shared.security.passwords import hash_password
from shared.session.join_link import format_session_number, parse_join_link
from shared.session.state import SessionState
from shared.transport.center_link import CenterError, CenterLink
from support_center.invitations import records
from tests.helpers import AGENT_NAME, CenterFixture, free_port, running_center, wait_for
from tests.integration.support import api
from tests.invitations.mailbox import SENDER, Mailbox, body_of, link_in, mailbox_on
from tests.web.site import tandem_join_link_behind

ADDRESS = "grace@customer.example"


async def started_session(center: CenterFixture) -> tuple[AgentSession, AgentAccount, int]:
    agent, account = await center.agent()
    started = await agent.start()
    return agent, account, started.number


async def post_invitation(
    center: CenterFixture, number: int, token: str | None, **body: Any
) -> tuple[int, dict[str, Any]]:
    """The invitation route called straight, as a modified console would: nothing checked
    before the center; ``body`` is aiohttp's ``json=`` or ``data=``."""
    return await api(center, "POST", f"/api/sessions/{number}/invitations", token=token, **body)


def audited(center: CenterFixture, number: int, kind: str) -> list[dict[str, str]]:
    return [
        event["detail"]
        for event in center.running.store.audit_events(number)
        if event["kind"] == kind
    ]


async def test_mailed_invitation_reaches_the_customer_and_its_link_joins(
    mail_center: CenterFixture, mailbox: Mailbox
) -> None:
    agent, account, number = await started_session(mail_center)
    try:
        sent = await send_invitation(agent.center, account, number, InvitationRequest(to=ADDRESS))
        (mail,) = mailbox.received
        assert mailbox.envelopes == [(SENDER, [ADDRESS])]
        assert mail["To"] == ADDRESS and mail["From"] == SENDER
        assert mail["Subject"] == sent.subject == f"{AGENT_NAME} invites you to a support session"
        assert format_session_number(number) in body_of(mail)
        # The link in the mail is the one the console copies, and a customer joins with it.
        assert agent.started is not None and link_in(mail) == agent.started.join_link
        # Followed as the customer's browser does: its page opens the client's tandem:// link.
        link = parse_join_link(await tandem_join_link_behind(link_in(mail)))
        customer = CustomerSession(CenterLink(link.server, link.fingerprint))
        try:
            await customer.join(link.session, "Grace")
            await customer.wait_connected()
            await wait_for(
                lambda: [p.name for p in agent.engine.present()] == ["Grace"],
                what="the invited customer in the agent's session",
            )
        finally:
            await customer.close()
        assert audited(mail_center, number, "invitation.sent") == [
            {"to": ADDRESS, "invitee": "customer", "language": "en"}
        ]
    finally:
        await agent.close()


async def test_french_invitation_is_in_french(mail_center: CenterFixture, mailbox: Mailbox) -> None:
    agent, account, number = await started_session(mail_center)
    try:
        text = await invitation_text(agent.center, account, number, "fr", "customer")
        assert text.subject == f"{AGENT_NAME} vous invite à une session d'assistance"
        assert "Bonjour" in text.body and "numéro de session\u00a0:" in text.body
        assert text.link in text.body and text.can_send
        await send_invitation(
            agent.center, account, number, InvitationRequest(to=ADDRESS, language="fr")
        )
        (mail,) = mailbox.received
        # The center mails exactly the text the console's mail program would carry.
        assert mail["Subject"] == text.subject and body_of(mail) == text.body
    finally:
        await agent.close()


async def test_agent_invitee_is_told_to_join_by_number_from_the_console(
    mail_center: CenterFixture,
) -> None:
    agent, account, number = await started_session(mail_center)
    try:
        for language, words in (
            ("en", "Join as assistant"),
            ("fr", "Rejoindre en tant qu'assistant"),
        ):
            text = await invitation_text(agent.center, account, number, language, "agent")  # type: ignore[arg-type]
            assert words in text.body
            assert format_session_number(number) in text.body
            assert mail_center.running.url in text.body
            # A customer's link would seat the agent as a customer: not in an agent's invitation.
            assert text.link not in text.body
    finally:
        await agent.close()


async def test_site_template_replaces_the_default(
    mail_center: CenterFixture, mailbox: Mailbox
) -> None:
    template = mail_center.config.data_dir / "invitation-customer-en.txt"
    template.write_text(
        "Subject: Acme support: session {number}\n\n"
        "Dear customer,\r\n{agent_name} from Acme awaits you: {link}\n"
        "Unknown {placeholders} and {agent_name.__class__} stay as written.\n",
        encoding="utf-8",
    )
    agent, account, number = await started_session(mail_center)
    try:
        text = await invitation_text(agent.center, account, number, "en", "customer")
        assert text.subject == f"Acme support: session {format_session_number(number)}"
        assert text.body == (
            f"Dear customer,\n{AGENT_NAME} from Acme awaits you: {text.link}\n"
            "Unknown {placeholders} and {agent_name.__class__} stay as written.\n"
        )
        await send_invitation(agent.center, account, number, InvitationRequest(to=ADDRESS))
        assert body_of(mailbox.received[0]) == text.body
        # A broken site template (no subject line) falls back to the default.
        template.write_text("Dear customer, {link}\n", encoding="utf-8")
        text = await invitation_text(agent.center, account, number, "en", "customer")
        assert text.subject == f"{AGENT_NAME} invites you to a support session"
    finally:
        await agent.close()


BAD_ADDRESSES = {
    "no_at": "grace.customer.example",
    "several_at": "grace@home@customer.example",
    "space": "grace hopper@customer.example",
    "space_at_end": "grace@customer.example ",
    "header_injection_crlf": "grace@customer.example\r\nBcc: everyone@victims.example",
    "header_injection_lf": "grace@customer.example\nSubject: You won",
    "second_address": "grace@customer.example,everyone@victims.example",
    "display_name": "Grace <grace@customer.example>",
    "overlong": "g" * 250 + "@customer.example",
    "overlong_name": "g" * 65 + "@customer.example",
    "far_overlong": "g" * 5000 + "@customer.example",
    "no_domain": "grace@",
    "empty": "",
}


@pytest.mark.parametrize("address", BAD_ADDRESSES.values(), ids=BAD_ADDRESSES.keys())
async def test_malformed_address_is_refused_by_the_center(
    mail_center: CenterFixture, mailbox: Mailbox, address: str
) -> None:
    """As a modified console would send it: straight to the API, nothing checked before."""
    agent, account, number = await started_session(mail_center)
    try:
        status, body = await post_invitation(
            mail_center,
            number,
            account.token,
            json={"to": address, "language": "en", "invitee": "customer"},
        )
        assert status == 400 and body["code"].startswith("bad_address."), body
        assert "address" in body["reason"] or "@" in body["reason"]
        assert mailbox.received == [] and audited(mail_center, number, "invitation.sent") == []
    finally:
        await agent.close()


async def test_mail_server_down_is_reported_and_sending_again_works(tmp_path: Path) -> None:
    port = free_port()  # nothing listens there yet: the site's mail server is down
    down = Mailbox(port).server()
    async with running_center(tmp_path / "center", mail=down) as center:
        agent, account, number = await started_session(center)
        try:
            request = InvitationRequest(to=ADDRESS, language="fr")
            with pytest.raises(CenterError) as failed:
                await send_invitation(agent.center, account, number, request)
            assert failed.value.code == "mail_server_unreachable"
            assert "cannot reach its mail server" in failed.value.reason
            assert audited(center, number, "invitation.failed") == [
                {
                    "to": ADDRESS,
                    "invitee": "customer",
                    "language": "fr",
                    "why": "mail_server_unreachable",
                }
            ]
            with mailbox_on(port) as mailbox:  # the mail server is back
                await send_invitation(agent.center, account, number, request)
                (mail,) = mailbox.received
            assert mail["To"] == ADDRESS and "Bonjour" in body_of(mail)
            assert len(audited(center, number, "invitation.sent")) == 1
        finally:
            await agent.close()


async def test_mail_server_refusing_the_address_is_reported(
    mail_center: CenterFixture, mailbox: Mailbox
) -> None:
    agent, account, number = await started_session(mail_center)
    mailbox.refusing = True
    try:
        with pytest.raises(CenterError) as failed:
            await send_invitation(agent.center, account, number, InvitationRequest(to=ADDRESS))
        assert failed.value.code == "mail_address_refused"
        assert "550" in failed.value.reason
        assert mailbox.received == []
        assert [d["why"] for d in audited(mail_center, number, "invitation.failed")] == [
            "mail_address_refused"
        ]
    finally:
        await agent.close()


async def test_only_the_sessions_agent_may_invite(
    mail_center: CenterFixture, mailbox: Mailbox
) -> None:
    agent, _, number = await started_session(mail_center)
    mail_center.running.store.add_agent("eve", "Eve", hash_password("another password"))
    try:
        link = mail_center.link()
        from csr_console.services.agent_session import sign_in

        eve = await sign_in(link, "eve", "another password")
        with pytest.raises(CenterError) as refused:
            await send_invitation(link, eve, number, InvitationRequest(to=ADDRESS))
        assert refused.value.code == "no_such_session"
        with pytest.raises(CenterError) as refused:
            await invitation_text(link, eve, number, "en", "customer")
        assert refused.value.code == "no_such_session"
        status, _ = await post_invitation(
            mail_center, number, None, json={"to": ADDRESS, "language": "en", "invitee": "customer"}
        )
        assert status == 401
        assert mailbox.received == []
        await link.close()
    finally:
        await agent.close()


async def test_invitations_per_agent_are_limited(
    mail_center: CenterFixture, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(records, "MAX_INVITATIONS_PER_AGENT", 3)
    agent, account, number = await started_session(mail_center)
    try:
        for _ in range(3):
            await send_invitation(agent.center, account, number, InvitationRequest(to=ADDRESS))
        with pytest.raises(CenterError) as refused:
            await send_invitation(
                agent.center, account, number, InvitationRequest(to="other@spam.example")
            )
        assert refused.value.code == "too_many_invitations"
        assert refused.value.retry_after_s is not None and refused.value.retry_after_s > 3000
        assert len(mailbox.received) == 3
    finally:
        await agent.close()


async def test_invitation_to_an_ended_session_is_refused(
    mail_center: CenterFixture, mailbox: Mailbox
) -> None:
    agent, account, number = await started_session(mail_center)
    await agent.end()
    await wait_for(lambda: agent.engine.state == SessionState.ENDED, what="session ended")
    with pytest.raises(CenterError) as refused:
        await send_invitation(agent.center, account, number, InvitationRequest(to=ADDRESS))
    await agent.close()
    assert refused.value.code == "session_ended"
    assert mailbox.received == []


async def test_without_a_mail_server_the_center_says_it_cannot_send(
    center: CenterFixture,
) -> None:
    agent, account, number = await started_session(center)
    try:
        text = await invitation_text(agent.center, account, number, "en", "customer")
        assert not text.can_send
        with pytest.raises(CenterError) as refused:
            await send_invitation(agent.center, account, number, InvitationRequest(to=ADDRESS))
        assert refused.value.code == "no_mail_server"
    finally:
        await agent.close()


@pytest.mark.parametrize(
    "raw",
    [
        b'{"to":"\\ud800@customer.example","language":"en","invitee":"customer"}',
        b'{"to":["grace@customer.example","everyone@victims.example"]}',
        b'{"to":"grace@customer.example","invitee":"admin"}',
        b'{"to":"grace@customer.example","language":"de"}',
        b'{"to":"grace@customer.example","subject":"Buy now","body":"spam"}',
        b"[" * 4000 + b"]" * 4000,
        b"not json",
    ],
    ids=["surrogate", "list", "invitee", "language", "own_text", "nesting", "not_json"],
)
async def test_a_crafted_body_is_refused_and_nothing_is_mailed(
    mail_center: CenterFixture, mailbox: Mailbox, raw: bytes
) -> None:
    """A modified console cannot bring its own text or recipients, nor make the route fail."""
    agent, account, number = await started_session(mail_center)
    try:
        status, body = await post_invitation(mail_center, number, account.token, data=raw)
        assert status == 400 and body["code"] in ("invalid", "malformed", "bad_address.control")
        assert mailbox.received == []
    finally:
        await agent.close()
