"""A modified console in an assistant's seat acts as if it were in charge: the center refuses
every primary-only action (end, hand control over, keep the session, take over while the agent
in charge is there, the API's end) and the customer's engine refuses every privileged request
(desktop, files) without asking the customer, even under "allow everything"; both audit it."""

from __future__ import annotations

from pathlib import Path

from shared.features.desktop.activities import ActivityState
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.protocol import ActivityKind, ActivityRequest
from shared.features.files.engine import FilesFeature, Stage
from shared.features.files.protocol import FileFetch
from shared.protocol import TO_CENTER
from shared.protocol.messages import (
    AgentHello,
    EndSession,
    Role,
    StepAway,
    TakeOver,
    ToCenter,
    TransferControl,
    Welcome,
)
from shared.session.consent import NOT_PRIMARY_AGENT, ConsentAnswer, ConsentRequest
from shared.session.live import LiveSession
from shared.session.state import SessionState
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import answer, api, raw_socket
from tests.roles.support import Attach, me, role_of, three_peers
from tests.sharing.test_sharing_engine import RecordingBackend

EVERYTHING = ConsentAnswer(granted=True, allow_all=True, takeover=True)


async def test_the_center_refuses_an_assistant_acting_as_the_agent_in_charge(
    center: CenterFixture,
) -> None:
    three = await three_peers(center)
    try:
        ada, bob, grace = me(three.primary), me(three.assistant), me(three.customer)
        raw = three.assistant.center  # what a modified console sends, past its own engine
        attempts: list[ToCenter] = [
            EndSession(),
            TransferControl(to=bob.id),  # promoting itself
            TransferControl(to=grace.id),
            StepAway(),
            TakeOver(),  # the agent in charge is right there
        ]
        for message in attempts:
            await raw.send(message)
        await wait_for(
            lambda: len(three.problems("assistant")) == len(attempts), what="every refusal"
        )
        assert {p.code for p in three.problems("assistant")} == {"not_allowed"}
        # Nothing changed: same roles everywhere, the session open, the customer in it.
        for session in three.sessions.values():
            assert role_of(session, ada.id) == Role.PRIMARY_AGENT
            assert role_of(session, bob.id) == Role.ASSISTANT_AGENT
            assert not three.roles_changed("customer")
        record = three.store.session(three.number)
        assert record is not None and record.status == "open"
        assert three.customer.engine.state == SessionState.ACTIVE
        refused = [e["detail"]["what"] for e in three.audit("role.refused")]
        assert refused == ["end", "transfer", "transfer", "step_away", "take_over"]
        assert not three.audit("control.transferred")

        # Nor through the API: the session is not the assistant's to end.
        token = three.assistant.account.token
        status, _ = await api(
            center, "POST", f"/api/sessions/{three.number}/end", token=token, json={}
        )
        assert status == 404
        record = three.store.session(three.number)
        assert record is not None and record.status == "open"

        # Nor by saying hello as if it were the session's agent: its own seat, as an assistant.
        hello = AgentHello(token=token, session=three.number)
        async with raw_socket(center) as ws:
            await ws.send_str(TO_CENTER.encode(hello))
            welcome = await answer(ws)
        assert isinstance(welcome, Welcome)
        assert (welcome.you.id, welcome.you.role) == (bob.id, Role.ASSISTANT_AGENT)
        assert center.running.hub.agent_role(three.number, three.assistant_account_id) == (
            Role.ASSISTANT_AGENT
        )
        assert not three.audit("control.transferred") and not three.roles_changed("primary")
    finally:
        await three.close()


Attached = tuple[dict[str, SharingFeature], dict[str, FilesFeature], list[ConsentRequest], Attach]


def _with_sharing_and_files(tmp_path: Path) -> Attached:
    """Desktop sharing (a recording screen) and files on each peer; the customer allows
    everything, takeover included, whenever asked (``asked`` lists the questions)."""
    sharing: dict[str, SharingFeature] = {}
    files: dict[str, FilesFeature] = {}
    asked: list[ConsentRequest] = []

    async def everything(request: ConsentRequest) -> ConsentAnswer:
        asked.append(request)
        return EVERYTHING

    def attach(session: LiveSession, name: str) -> None:
        sharing[name] = SharingFeature(session, RecordingBackend())
        files[name] = FilesFeature(session)
        files[name].inbox = tmp_path / f"{name}-inbox"
        files[name].inbox.mkdir()
        if name == "customer":
            session.consent.ask = everything

    return sharing, files, asked, attach


async def test_the_customers_engine_refuses_an_assistants_requests_even_with_everything_allowed(
    center: CenterFixture, tmp_path: Path
) -> None:
    sharing, files, asked, attach = _with_sharing_and_files(tmp_path)
    three = await three_peers(center, attach)
    try:
        grace = me(three.customer).id
        # The agent in charge asks once; the customer allows everything, takeover included.
        view = sharing["primary"].request(ActivityKind.VIEW, grace)
        await wait_for(
            lambda: sharing["primary"].activities[0].state == ActivityState.ACTIVE, what="view"
        )
        assert three.customer.consent.allowed and len(asked) == 1

        # The assistant's console, modified: raw requests straight to the customer.
        bob = me(three.assistant).id
        for kind in (ActivityKind.CONTROL, ActivityKind.VIEW, ActivityKind.SHOW):
            three.assistant.send_to(grace, ActivityRequest(id=f"{bob}-x{kind.value}", kind=kind))
        three.assistant.send_to(
            grace, FileFetch(id="0123456789abcdef", path=str(tmp_path / "secret"))
        )
        secret = tmp_path / "offered.txt"
        secret.write_text("not asked for")
        await files["assistant"].send_file(grace, secret)

        def refused_here() -> list[dict[str, str]]:
            return [
                e.detail
                for e in three.customer.engine.audit.events
                if e.kind == "consent.refused" and e.detail.get("why") == NOT_PRIMARY_AGENT
            ]

        await wait_for(lambda: len(refused_here()) == 5, what="five refusals at the customer")
        assert {d["agent"] for d in refused_here()} == {bob}
        assert len(asked) == 1  # the customer was never asked, nor did "everything" cover them
        theirs = [a for a in sharing["customer"].activities if a.agent_id == bob]
        assert len(theirs) == 3 and {a.state for a in theirs} == {ActivityState.REFUSED}
        assert all(a.state == ActivityState.ACTIVE for a in sharing["customer"].activities
                   if a.id == view.id)  # fmt: skip
        await wait_for(
            lambda: {t.stage for t in files["assistant"].transfers.values()} == {Stage.FAILED},
            what="the assistant's file refused",
        )
        assert not list((tmp_path / "customer-inbox").iterdir())

        # The center keeps the customer's record of it too.
        def recorded() -> int:
            notes = three.audit("peer.consent.refused")
            return sum(1 for e in notes if e["detail"].get("why") == NOT_PRIMARY_AGENT)

        await wait_for(lambda: recorded() == 5, what="the refusals in the session's record")
    finally:
        await three.close()
