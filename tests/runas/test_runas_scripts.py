"""Script runs under the run-as account, against a real second Linux account made by the test (as
root, as CI runs; skipped elsewhere), in a real session (a center on loopback, real peers): while
the agent is logged on as the account, the customer is asked naming it and the scripts run as it
(``id -un``) in a temporary folder removed afterwards; the customer's Stop kills the running
script with its children; after log off, scripts run as the customer's own user again."""

from __future__ import annotations

import getpass
import secrets
from pathlib import Path

from shared.features.runas.engine import RunAsFeature
from shared.features.scripts.engine import STOPPED_BY_CUSTOMER
from shared.features.scripts.texts import question
from shared.session.consent import ConsentAnswer, ConsentRequest, PermissionKind
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import Connected, connected_session
from tests.runas.test_runas import Watch, account, processes_of  # noqa: F401  (fixture)
from tests.runas.test_runas import pytestmark as needs_root
from tests.scripts.support import (
    Events,
    add_script,
    alive,
    scripts_on,
    to_run,
    upload,
    with_category,
)

pytestmark = needs_root

WHO = b'id -un\npwd\necho "$(cat input.txt)"\n'


async def _session(center: CenterFixture) -> tuple[Connected, RunAsFeature, Watch, Events]:
    with_category(center)
    pair = await connected_session(center)
    scripts_on(pair.agent)
    scripts_on(pair.customer)
    RunAsFeature(pair.customer)
    agent_runas = RunAsFeature(pair.agent)
    events = Events()
    pair.agent.engine.subscribe(events)
    return pair, agent_runas, Watch(pair), events


async def _run(center: CenterFixture, pair: Connected, events: Events, body: bytes) -> int:
    """Run a script of ``body`` (with an input file); how many runs are done before it."""
    script = await add_script(
        center, pair.agent.account, upload(f"who-{secrets.token_hex(3)}", body, b"from the input")
    )
    before = len(events.of("done"))
    to_send = await to_run(center, pair.agent.account, script)
    scripts_on(pair.agent).offer(pair.customer_id, [to_send])
    return before


async def test_scripts_run_as_the_logged_on_account_then_as_the_customer_again(
    center: CenterFixture,
    account: tuple[str, str],  # noqa: F811  (the fixture)
) -> None:
    name, password = account
    pair, agent_runas, watch, events = await _session(center)
    asked: list[str] = []

    async def ask(request: ConsentRequest) -> ConsentAnswer:
        if request.kind == PermissionKind.SCRIPTS:
            feature = scripts_on(pair.customer)
            offer = feature.asking[request.activity_id]
            title, detail = question(request.agent_name, offer, feature.asking_as[offer.run_id])
            asked.append(title + "\n" + detail)
        return ConsentAnswer(granted=True)

    pair.customer.consent.ask = ask
    try:
        request_id = agent_runas.log_on(pair.customer_id, name, password)
        await wait_for(lambda: "opened" in watch.states(), timeout=30, what="the logon")

        before = await _run(center, pair, events, WHO)
        await wait_for(lambda: len(events.of("done")) > before, what="the run as the account")
        lines = events.output(0).splitlines()
        assert lines[0] == name, f"the script ran as the account: {lines}"
        folder = Path(lines[1])
        assert folder.name.startswith("tandem-script-") and lines[2] == "from the input"
        assert not folder.exists(), "its temporary folder is gone"
        assert name in asked[0], "the customer was told under which account the scripts run"
        assert [f.outcome for f in events.of("finished")] == ["ok"]

        agent_runas.log_off(request_id)
        await wait_for(lambda: "closed" in watch.states(), what="the log off")
        await wait_for(lambda: processes_of(name) == [], what="the account's processes gone")
        events.seen.clear()
        before = await _run(center, pair, events, WHO)
        await wait_for(lambda: len(events.of("done")) > before, what="the run after log off")
        assert events.output(0).splitlines()[0] == getpass.getuser(), "the customer's own user"
        assert name not in asked[1]
    finally:
        await pair.close()


async def test_the_customers_stop_kills_a_script_running_as_the_account(
    center: CenterFixture,
    account: tuple[str, str],  # noqa: F811  (the fixture)
) -> None:
    name, password = account
    pair, agent_runas, watch, events = await _session(center)

    async def ask(_request: ConsentRequest) -> ConsentAnswer:
        return ConsentAnswer(granted=True)

    pair.customer.consent.ask = ask
    try:
        agent_runas.log_on(pair.customer_id, name, password)
        await wait_for(lambda: "opened" in watch.states(), timeout=30, what="the logon")
        hang = b"sleep 300 &\necho $! $$\npwd\nwait\n"
        await _run(center, pair, events, hang)
        await wait_for(lambda: len(events.output(0).splitlines()) >= 2, what="the pids")
        child, script = (int(p) for p in events.output(0).split()[:2])
        folder = Path(events.output(0).splitlines()[1])
        assert alive(child) and alive(script)

        scripts_on(pair.customer).stop()
        await wait_for(lambda: bool(events.of("done")), what="the agent told")
        assert events.of("done")[0].code == STOPPED_BY_CUSTOMER
        assert not alive(script) and not alive(child), "the script and its child are gone"
        assert not folder.exists()
        kinds = [e.kind for e in pair.customer.engine.audit.events]
        assert "scripts.stopped" in kinds
    finally:
        await pair.close()
