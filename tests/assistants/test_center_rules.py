"""The center's and the customer's rules for assistant agents beyond the roles themselves: each
agent seated in a session keeps their own notes in its record (an assistant's included, even
sent after the session ended); an assistant publishing files for download is refused by the
customer's engine, as every privileged request is, while the agent in charge's list shows."""

from __future__ import annotations

from pathlib import Path

from shared.features.files.engine import FilesFeature
from shared.features.files.publish import PublishedChanged
from shared.session.live import LiveSession
from tests.helpers import AGENT_NAME, AGENT_USER, CenterFixture, wait_for
from tests.integration.support import api
from tests.integration.test_center_attacks import token_of
from tests.roles.support import ASSISTANT_NAME, me, three_peers


async def test_each_agent_of_the_session_keeps_their_own_notes(center: CenterFixture) -> None:
    three = await three_peers(center)
    ada, bob = three.primary.account.token, three.assistant.account.token
    path = f"/api/sessions/{three.number}/notes"
    try:
        status, body = await api(center, "PUT", path, token=bob, json={"text": "Bob: driver v2"})
        assert status == 200, body
        status, body = await api(center, "PUT", path, token=ada, json={"text": "Ada: spooler"})
        assert status == 200, body
        await three.primary.end()
        await wait_for(
            lambda: (r := three.store.session(three.number)) is not None and r.status != "open",
            what="the session ended",
        )
    finally:
        await three.close()
    # After the end too (notes are sent once reviewed): still the assistant's own, not Ada's.
    status, body = await api(center, "PUT", path, token=bob, json={"text": "Bob: reviewed"})
    assert status == 200, body

    status, record = await api(center, "GET", f"/api/sessions/{three.number}", token=ada)
    assert status == 200, record
    assert record["notes"]["text"] == "Ada: spooler"  # the asking agent's own
    by_author = {n["author"]: n["text"] for n in record["notes_by_agent"]}
    assert by_author == {AGENT_NAME: "Ada: spooler", ASSISTANT_NAME: "Bob: reviewed"}


async def test_an_agent_never_seated_in_the_session_cannot_write_its_notes(
    center: CenterFixture,
) -> None:
    store = center.running.store
    ada = store.agent_by_username(AGENT_USER)
    assert ada is not None
    store.add_agent("carol", "Carol Agent", ada.password_hash)
    carol = await token_of(center, "carol")
    three = await three_peers(center)
    path = f"/api/sessions/{three.number}/notes"
    try:
        status, _ = await api(center, "PUT", path, token=carol, json={"text": "not mine"})
        assert status == 404  # as unknown as a missing session
    finally:
        await three.close()
    status, _ = await api(center, "PUT", path, token=carol, json={"text": "not mine"})
    assert status == 404
    assert not store.db.execute(
        "SELECT 1 FROM agent_notes WHERE session_number = ?", (three.number,)
    ).fetchall()


async def test_the_customer_refuses_files_published_by_an_assistant(
    center: CenterFixture, tmp_path: Path
) -> None:
    files: dict[str, FilesFeature] = {}
    seen: list[PublishedChanged] = []

    def attach(session: LiveSession, name: str) -> None:
        files[name] = FilesFeature(session)
        if name == "customer":
            session.engine.subscribe(
                lambda e: seen.append(e) if isinstance(e, PublishedChanged) else None
            )

    three = await three_peers(center, attach)
    try:
        grace, bob, ada = me(three.customer).id, me(three.assistant).id, me(three.primary).id
        offered = tmp_path / "tool.exe"
        offered.write_bytes(b"MZ not asked for")
        # A modified console: the assistant publishes straight to the customer.
        await files["assistant"].publishing.publish(grace, [offered])
        await wait_for(
            lambda: any(
                e.kind == "files.dropped" and e.actor == bob and e.detail.get("what") == "published"
                for e in three.customer.engine.audit.events
            ),
            what="the customer's engine dropping the assistant's list",
        )
        # The agent in charge's list shows, and only theirs.
        await files["primary"].publishing.publish(grace, [offered])
        await wait_for(lambda: bool(seen), what="the agent in charge's list")
        assert [e.agent_id for e in seen] == [ada]
        assert set(files["customer"].publishing.offered) == {ada}
    finally:
        await three.close()
