"""Log on as a different user, against a real second Linux account made by the test (as root, as
CI runs; skipped elsewhere): a wrong password is refused and nothing runs; the right one gives a
shell where ``id -un`` prints the other account; log off ends it; the password shows nowhere
(the audit at both ends and the center, the logs, any file under the data folders)."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.features.runas.engine import RunAsFeature, RunAsNews, RunAsText
from shared.session.consent import ConsentAnswer, ConsentRequest
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import Connected, connected_session

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or not all(shutil.which(t) for t in ("useradd", "userdel", "chpasswd", "su")),
    reason="needs root (to make a second account with useradd) and su; CI runs as root",
)


@pytest.fixture
def account() -> Iterator[tuple[str, str]]:
    """A real second account with a password; removed after the test."""
    name = "tandem-" + secrets.token_hex(4)
    password = "Pw-" + secrets.token_urlsafe(12)
    subprocess.run(["useradd", "-m", "-s", "/bin/sh", name], check=True)
    try:
        subprocess.run(["chpasswd"], input=f"{name}:{password}\n", text=True, check=True)
        yield name, password
    finally:
        subprocess.run(["pkill", "-KILL", "-u", name], check=False)
        subprocess.run(["userdel", "-r", name], check=False, capture_output=True)


def processes_of(name: str) -> list[str]:
    found = subprocess.run(["pgrep", "-u", name], capture_output=True, text=True, check=False)
    return found.stdout.split()


async def yes(_request: ConsentRequest) -> ConsentAnswer:
    return ConsentAnswer(granted=True)


async def no(_request: ConsentRequest) -> ConsentAnswer:
    return ConsentAnswer(granted=False)


class Watch:
    def __init__(self, pair: Connected) -> None:
        self.news: list[RunAsNews] = []
        self.output = ""
        self.asked: list[ConsentRequest] = []
        pair.agent.engine.subscribe(self._event)

    def _event(self, event: object) -> None:
        if isinstance(event, RunAsNews):
            self.news.append(event)
        elif isinstance(event, RunAsText):
            self.output += event.text

    def states(self) -> list[str]:
        return [n.state for n in self.news]


async def _pair(center: CenterFixture) -> tuple[Connected, RunAsFeature, RunAsFeature, Watch]:
    pair = await connected_session(center)
    customer_side = RunAsFeature(pair.customer)
    agent_side = RunAsFeature(pair.agent)
    return pair, agent_side, customer_side, Watch(pair)


async def test_wrong_password_is_refused_and_nothing_runs(
    center: CenterFixture, account: tuple[str, str]
) -> None:
    name, _password = account
    pair, agent_side, customer_side, watch = await _pair(center)
    pair.customer.consent.ask = yes
    try:
        agent_side.log_on(pair.customer_id, name, "not-the-password")
        await wait_for(lambda: "refused" in watch.states(), timeout=30, what="the refusal")
        refused = watch.news[-1]
        assert "Authentication failure" in refused.reason or "not right" in refused.reason
        assert processes_of(name) == [], "nothing runs as the account"
        assert customer_side._running is None
    finally:
        await pair.close()


async def test_the_customer_saying_no_runs_nothing(
    center: CenterFixture, account: tuple[str, str]
) -> None:
    name, password = account
    pair, agent_side, _customer_side, watch = await _pair(center)
    asked: list[ConsentRequest] = []

    async def refuse(request: ConsentRequest) -> ConsentAnswer:
        asked.append(request)
        return ConsentAnswer(granted=False)

    pair.customer.consent.ask = refuse
    try:
        agent_side.log_on(pair.customer_id, name, password)
        await wait_for(lambda: "refused" in watch.states(), what="the refusal")
        assert [r.what for r in asked] == [name], "the customer is asked, naming the account"
        assert processes_of(name) == []
    finally:
        await pair.close()


async def test_shell_runs_as_the_other_account_and_the_password_shows_nowhere(
    center: CenterFixture,
    account: tuple[str, str],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    name, password = account
    pair, agent_side, customer_side, watch = await _pair(center)
    pair.customer.consent.ask = yes
    number = pair.started.number
    try:
        request_id = agent_side.log_on(pair.customer_id, name, password)
        await wait_for(lambda: "opened" in watch.states(), timeout=30, what="the logon")
        agent_side.send_line(request_id, "id -un\n")
        await wait_for(
            lambda: name in watch.output.split("id -un")[-1],
            what=f"id -un printing {name}: {watch.output!r}",
        )
        assert processes_of(name), "the shell runs as the account"

        agent_side.log_off(request_id)
        await wait_for(lambda: "closed" in watch.states(), what="the log off")
        await wait_for(lambda: processes_of(name) == [], what="the account's processes gone")
        assert customer_side._running is None

        kinds = [e["kind"] for e in center.running.store.audit_events(number)]
        assert "peer.runas.logged_on" in kinds and "peer.runas.logged_off" in kinds
    finally:
        await pair.close()

    secret = password.encode()
    record = str(center.running.store.audit_events(number)).encode()
    assert name.encode() in record, "the account is audited"
    assert secret not in record, "the password is not in the session's record"
    for session in (pair.agent, pair.customer):
        assert password not in str(session.engine.audit.events)
    assert password not in caplog.text, "the password is not logged"
    folders = [
        center.config.data_dir,
        Path(os.environ["XDG_CONFIG_HOME"]),
        Path(os.environ["TANDEM_CONSOLE_DATA"]),
        tmp_path,
    ]
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                assert secret not in path.read_bytes(), f"the password is in {path}"
