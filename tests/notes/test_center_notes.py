"""A session's notes at the center (a real one on loopback): its agent stores them, they come
back with the session's record; another agent, an unsigned caller, an oversized or malformed
body are refused and leave the stored notes as they were."""

from __future__ import annotations

from shared.protocol.center_records import MAX_NOTES_CHARS
from tests.helpers import AGENT_NAME, AGENT_USER, CenterFixture
from tests.integration.support import api
from tests.integration.test_center_attacks import bob_token, new_session, token_of


async def notes_in_record(center: CenterFixture, token: str, number: int) -> object:
    status, record = await api(center, "GET", f"/api/sessions/{number}", token=token)
    assert status == 200, record
    return record["notes"]


async def test_the_sessions_agent_stores_notes_and_the_record_returns_them(
    center: CenterFixture,
) -> None:
    ada = await token_of(center, AGENT_USER)
    number = await new_session(center, ada, ended=True)
    assert await notes_in_record(center, ada, number) is None
    text = "Printer driver reinstalled.\nCall back Monday — « spooler » restarted."
    status, body = await api(
        center, "PUT", f"/api/sessions/{number}/notes", token=ada, json={"text": text}
    )
    assert status == 200, body
    notes = await notes_in_record(center, ada, number)
    assert isinstance(notes, dict)
    assert notes["text"] == text and notes["author"] == AGENT_NAME
    # Sent again after an edit: replaced, not appended.
    await api(center, "PUT", f"/api/sessions/{number}/notes", token=ada, json={"text": "v2"})
    notes = await notes_in_record(center, ada, number)
    assert isinstance(notes, dict) and notes["text"] == "v2"
    _, record = await api(center, "GET", f"/api/sessions/{number}", token=ada)
    assert any(e["kind"] == "notes.saved" for e in record["audit"])


async def test_another_agent_cannot_write_notes_nor_learn_the_session_exists(
    center: CenterFixture,
) -> None:
    ada = await token_of(center, AGENT_USER)
    bob = await bob_token(center)
    number = await new_session(center, ada)
    await api(center, "PUT", f"/api/sessions/{number}/notes", token=ada, json={"text": "mine"})
    status, body = await api(
        center, "PUT", f"/api/sessions/{number}/notes", token=bob, json={"text": "overwritten"}
    )
    missing = 999_999_999 if number != 999_999_999 else 999_999_998
    _, unknown = await api(
        center, "PUT", f"/api/sessions/{missing}/notes", token=bob, json={"text": "x"}
    )
    assert status == 404 and body == unknown  # the same answer as a session that is not there
    status, _ = await api(center, "PUT", f"/api/sessions/{number}/notes", json={"text": "x"})
    assert status == 401
    notes = await notes_in_record(center, ada, number)
    assert isinstance(notes, dict) and notes["text"] == "mine"


async def test_notes_over_the_limit_or_not_text_are_refused(center: CenterFixture) -> None:
    ada = await token_of(center, AGENT_USER)
    number = await new_session(center, ada)
    path = f"/api/sessions/{number}/notes"
    at_limit = "é" * MAX_NOTES_CHARS
    status, _ = await api(center, "PUT", path, token=ada, json={"text": at_limit})
    assert status == 200
    status, body = await api(center, "PUT", path, token=ada, json={"text": at_limit + "x"})
    assert status in (400, 413) and str(MAX_NOTES_CHARS) in body["reason"]
    bodies: list[object] = [{"text": 5}, {"text": "x", "extra": 1}, {}, []]
    for bad in bodies:
        status, _ = await api(center, "PUT", path, token=ada, json=bad)
        assert status == 400, bad
    status, _ = await api(center, "PUT", path, token=ada, data=b'{"text": "\\ud800"}')
    assert status == 400
    notes = await notes_in_record(center, ada, number)
    assert isinstance(notes, dict) and notes["text"] == at_limit
