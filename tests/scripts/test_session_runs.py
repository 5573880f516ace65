"""Scripts run in a real session: a real center on loopback, the agent's and the customer's
engines linked by real aiortc peers, real shell scripts run on this computer."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from shared.features.scripts.engine import (
    ACCOUNT_CHANGED,
    HASH_MISMATCH,
    ScriptsFeature,
    ScriptToRun,
    meta_for,
)
from shared.features.scripts.runner import ScriptFiles
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.launcher import LocalLauncher
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import Connected, connected_session
from tests.scripts.support import (
    Asked,
    Events,
    add_script,
    scripts_on,
    to_run,
    upload,
    with_category,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell scripts")


@pytest.fixture
async def session(center: CenterFixture, tmp_path: Path) -> AsyncIterator[Connected]:
    with_category(center)
    connected = await connected_session(center)
    scripts_on(connected.agent)
    customer = scripts_on(connected.customer)
    customer.temp_parent = tmp_path / "customer-temp"
    customer.temp_parent.mkdir()
    try:
        yield connected
    finally:
        await connected.close()


def customer_side(session: Connected) -> ScriptsFeature:
    return scripts_on(session.customer)


def watch(session: Connected) -> Events:
    events = Events()
    session.agent.engine.subscribe(events)
    return events


async def granted_run(
    center: CenterFixture, session: Connected, name: str, body: bytes, timeout: float = 10.0
) -> Events:
    """``body`` put in the library as ``name`` and run on the customer, who agrees: what the
    agent's side heard, once the run is over."""
    account = session.agent.account
    script = await add_script(center, account, upload(name, body))
    session.customer.consent.ask = Asked(granted=True)
    events = watch(session)
    scripts_on(session.agent).offer(session.customer_id, [await to_run(center, account, script)])
    await wait_for(lambda: "done" in events.kinds(), timeout=timeout, what="the run over")
    return events


async def test_scripts_run_in_order_with_output_in_the_record(
    center: CenterFixture, session: Connected, tmp_path: Path
) -> None:
    account = session.agent.account
    first = await add_script(
        center, account, upload("inventory", b'echo "asset: $(cat input.txt)"\n', b"PC-42")
    )
    second = await add_script(center, account, upload("broken", b"echo oops >&2\nexit 4\n"))
    asked = Asked(granted=True)
    seen_hashes: list[list[str]] = []

    async def ask(request: ConsentRequest) -> ConsentAnswer:
        offer = customer_side(session).asking[request.activity_id]
        seen_hashes.append([s.executable_sha256 for s in offer.scripts])
        return await asked(request)

    session.customer.consent.ask = ask
    events = watch(session)
    runs = [await to_run(center, account, first), await to_run(center, account, second)]
    scripts_on(session.agent).offer(session.customer_id, runs)
    await wait_for(lambda: "done" in events.kinds(), what="the run done")

    # The customer saw both scripts, each with the library's SHA-256.
    assert seen_hashes == [[first.executable_sha256, second.executable_sha256]]
    assert events.output(0) == "asset: PC-42\n"
    finished = events.of("finished")
    assert [(f.name, f.outcome, f.exit_status) for f in finished] == [
        ("inventory", "ok", 0),
        ("broken", "failed", 4),
    ]
    assert "oops" in events.output(1, "stderr")
    assert list((tmp_path / "customer-temp").iterdir()) == []

    # The session's record at the center has each run, its SHA-256, exit status and output.
    def ran() -> list[dict[str, object]]:
        audit = center.running.store.audit_events(session.started.number)
        return [e for e in audit if e["kind"] == "peer.scripts.ran"]

    await wait_for(lambda: len(ran()) == 2, what="both runs in the session's record")
    record = ran()
    assert record[0]["detail"]["digest"] == first.executable_sha256  # type: ignore[index]
    assert record[0]["detail"]["exit"] == "0"  # type: ignore[index]
    assert record[0]["lines"] == ["asset: PC-42"]
    assert record[1]["detail"]["outcome"] == "failed"  # type: ignore[index]
    assert record[1]["detail"]["exit"] == "4"  # type: ignore[index]


async def test_consent_refused_nothing_runs(
    center: CenterFixture, session: Connected, tmp_path: Path
) -> None:
    account = session.agent.account
    marker = tmp_path / "ran"
    script = await add_script(center, account, upload("touch", f"touch {marker}\n".encode()))
    asked = Asked(granted=False)
    session.customer.consent.ask = asked
    events = watch(session)
    scripts_on(session.agent).offer(session.customer_id, [await to_run(center, account, script)])
    await wait_for(lambda: "refused" in events.kinds(), what="the run refused")
    assert events.of("refused")[0].code == "declined"
    assert len(asked.requests) == 1
    assert asked.requests[0].kind == "scripts"
    assert not marker.exists()
    assert "finished" not in events.kinds()


async def test_other_bytes_than_the_center_holds_are_refused(
    center: CenterFixture, session: Connected, tmp_path: Path
) -> None:
    """A modified console announces the library's hashes but sends other bytes."""
    account = session.agent.account
    marker = tmp_path / "ran"
    other = f"touch {marker}\n".encode()
    # The same size as the library's, so that only the bytes differ.
    honest = b"echo hello".ljust(len(other) - 1) + b"\n"
    script = await add_script(center, account, upload("honest", honest))
    genuine = await to_run(center, account, script)
    forged = ScriptToRun(genuine.meta, other)
    session.customer.consent.ask = Asked(granted=True)
    events = watch(session)
    scripts_on(session.agent).offer(session.customer_id, [forged])
    await wait_for(lambda: "done" in events.kinds(), what="the run over")
    assert [f.outcome for f in events.of("finished")] == ["refused"]
    assert not marker.exists()
    audit = [e.kind for e in session.customer.engine.audit.events]
    assert "scripts.refused" in audit and "scripts.ran" not in audit


async def test_a_console_announcing_other_hashes_is_refused_before_asking(
    center: CenterFixture, session: Connected, tmp_path: Path
) -> None:
    """A modified console announces (and sends) its own bytes under a library script's id."""
    account = session.agent.account
    marker = tmp_path / "ran"
    script = await add_script(center, account, upload("honest", b"echo hello\n"))
    files = ScriptFiles("honest.sh", f"touch {marker}\n".encode())
    forged = ScriptToRun(meta_for(script.id, script.name, files), files.executable)
    asked = Asked(granted=True)
    session.customer.consent.ask = asked
    events = watch(session)
    scripts_on(session.agent).offer(session.customer_id, [forged])
    await wait_for(lambda: "refused" in events.kinds(), what="the run refused")
    assert events.of("refused")[0].code == HASH_MISMATCH
    assert asked.requests == []  # the customer was not even asked
    assert not marker.exists()


async def test_a_hanging_script_and_its_child_are_killed_and_reported(
    center: CenterFixture, session: Connected, tmp_path: Path
) -> None:
    customer_side(session).time_limit_s = 1.0
    events = await granted_run(
        center, session, "hang", b'sleep 300 &\necho "child $!"\nsleep 300\n'
    )
    assert [f.outcome for f in events.of("finished")] == ["timed_out"]
    child = int(events.output(0).split()[1])
    from tests.scripts.test_runner import gone

    await wait_for(lambda: gone(child), timeout=5, what="the child killed")
    assert list((tmp_path / "customer-temp").iterdir()) == []


async def test_megabytes_of_output_arrive_cut_with_a_note(
    center: CenterFixture, session: Connected
) -> None:
    customer_side(session).max_output_chars = 30_000
    events = await granted_run(
        center, session, "flood", b"head -c 5000000 /dev/zero | tr '\\0' 'y'\n", timeout=30
    )
    [finished] = events.of("finished")
    assert finished.outcome == "ok" and finished.truncated
    assert len(events.output(0)) <= 30_000


async def test_a_run_whose_account_changed_while_asked_is_refused(
    center: CenterFixture, session: Connected, tmp_path: Path
) -> None:
    """Run-as logged on while the customer was asked: they agreed to scripts as themselves."""
    account = session.agent.account
    marker = tmp_path / "ran"
    script = await add_script(center, account, upload("touch-as", f"touch {marker}\n".encode()))

    async def ask(_request: ConsentRequest) -> ConsentAnswer:
        session.customer.launcher = LocalLauncher()  # what run-as puts on at its logon
        return ConsentAnswer(granted=True)

    session.customer.consent.ask = ask
    events = watch(session)
    scripts_on(session.agent).offer(session.customer_id, [await to_run(center, account, script)])
    await wait_for(lambda: "refused" in events.kinds(), what="the run refused")
    assert events.of("refused")[0].code == ACCOUNT_CHANGED
    assert not marker.exists()
