"""Restarting the customer's computer: the client arranges to start again (a real XDG autostart
entry in a private home), the computer "restarts" (the reboot port only records it), the client
is stopped and started exactly as the entry says, and it rejoins the same session by itself.
Forged, reused and expired tickets are refused with their reasons."""

from __future__ import annotations

import asyncio
import os
import signal
import stat
import sys
import time
from pathlib import Path

import pytest

from shared.features.restart.engine import RestartFeature, RestartNews
from shared.protocol import TO_CENTER
from shared.protocol.messages import (
    CustomerRejoin,
    ErrorMessage,
    FromCenter,
    RestartAgreed,
    RestartTicket,
    Welcome,
)
from shared.resume.ports import RESUME_FILE, RestartPorts
from shared.resume.system import XdgAutostart
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.events import Problem
from support_center.restart_tickets import RESTART_WINDOW_S, issue
from tests.helpers import CenterFixture, wait_for
from tests.integration.support import answer, connected_session, raw_socket

REPO_ROOT = Path(__file__).resolve().parents[2]
# Starting the real client (Qt, aiortc) and linking takes a few seconds; allow a slow machine.
REJOIN_TIMEOUT_S = 45.0


class RecordingReboot:
    """The reboot, as the tests see it: asked, never done."""

    def __init__(self) -> None:
        self.calls = 0

    def reboot(self) -> None:
        self.calls += 1


async def yes(_request: ConsentRequest) -> ConsentAnswer:
    return ConsentAnswer(granted=True)


async def no(_request: ConsentRequest) -> ConsentAnswer:
    return ConsentAnswer(granted=False)


def exec_arguments(entry: Path) -> list[str]:
    """The command of a desktop entry's Exec key, as the Desktop Entry Specification says a
    launcher reads it: the string escapes undone first, then the quoting (inside double quotes
    a backslash takes the next of ``"`$\\`` literally)."""
    for line in entry.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            return _split_exec(_unescape(line.removeprefix("Exec=")))
    raise AssertionError(f"no Exec line in {entry}")


def _unescape(value: str) -> str:
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    out, chars = "", iter(value)
    for char in chars:
        out += escapes.get(next(chars, ""), "") if char == "\\" else char
    return out


def _split_exec(value: str) -> list[str]:
    arguments: list[str] = []
    current: str | None = None
    quoted = False
    chars = iter(value)
    for char in chars:
        if quoted:
            if char == "\\":
                current = (current or "") + next(chars)
            elif char == '"':
                quoted = False
            else:
                current = (current or "") + char
        elif char == '"':
            quoted, current = True, current or ""
        elif char == " ":
            if current is not None:
                arguments.append(current)
            current = None
        else:
            current = (current or "") + char
    assert not quoted, "an unterminated quote"
    if current is not None:
        arguments.append(current)
    return arguments


def homes(tmp_path: Path) -> dict[str, str]:
    """A private home for the customer: config (autostart) and state (the resume file)."""
    folders = {name: tmp_path / name for name in ("home", "config", "state")}
    for folder in folders.values():
        folder.mkdir()
    return {
        "HOME": str(folders["home"]),
        "XDG_CONFIG_HOME": str(folders["config"]),
        "XDG_STATE_HOME": str(folders["state"]),
    }


async def test_client_started_as_the_autostart_entry_says_rejoins_the_same_session(
    center: CenterFixture, tmp_path: Path
) -> None:
    env = homes(tmp_path)
    pair = await connected_session(center)
    reboot = RecordingReboot()
    autostart = XdgAutostart(Path(env["XDG_CONFIG_HOME"]))
    folder = Path(env["XDG_STATE_HOME"]) / "Tandem"
    RestartFeature(pair.customer, RestartPorts(autostart, reboot, folder))
    agent_side = RestartFeature(pair.agent)
    news: list[RestartNews] = []
    pair.agent.engine.subscribe(lambda e: news.append(e) if isinstance(e, RestartNews) else None)
    pair.customer.consent.ask = yes
    customer_id = pair.customer_id
    process: asyncio.subprocess.Process | None = None
    try:
        agent_side.ask(customer_id)
        await wait_for(lambda: reboot.calls == 1, what="the reboot being asked")
        assert [n.outcome for n in news] == ["asked", "restarting"]
        entry = autostart.path
        assert entry == Path(env["XDG_CONFIG_HOME"]) / "autostart" / "tandem-resume.desktop"
        resume = folder / RESUME_FILE
        assert stat.S_IMODE(resume.stat().st_mode) == 0o600
        ticket = __import__("json").loads(resume.read_text())["ticket"]
        assert ticket not in entry.read_text(), "the ticket stays in the private file"

        # The computer goes down: the client stops; the agent sees the customer restarting.
        await pair.customer.close()
        await wait_for(
            lambda: (
                (p := pair.agent.engine.participant(customer_id)) is not None
                and p.gone_reason == "restarting"
            ),
            what="the customer shown as restarting",
        )

        # It comes back up: the desktop runs the entry's command, in the customer's home.
        command = exec_arguments(entry)
        process = await asyncio.create_subprocess_exec(
            *command,
            cwd=REPO_ROOT,
            env={**os.environ, **env, "QT_QPA_PLATFORM": "offscreen"},
            stdout=asyncio.subprocess.DEVNULL,
            stderr=(tmp_path / "client.log").open("wb"),
        )
        await wait_for(
            lambda: (
                (p := pair.agent.engine.participant(customer_id)) is not None
                and p.gone_reason is None
                and p.linked
            ),
            timeout=REJOIN_TIMEOUT_S,
            what="the same customer back and linked: "
            + (tmp_path / "client.log").read_text(errors="replace")[-2000:],
        )
        assert not entry.exists(), "the autostart entry is removed once used"
        assert not resume.exists(), "the resume file is removed once used"
        events = center.running.store.audit_events(pair.started.number)
        assert "participant.restarted" in [e["kind"] for e in events]
        assert ticket not in str(events), "the ticket never goes into the record"
    finally:
        if process is not None and process.returncode is None:
            process.send_signal(signal.SIGKILL)
            await process.wait()
        await pair.close()


async def test_a_refused_restart_installs_nothing(center: CenterFixture, tmp_path: Path) -> None:
    env = homes(tmp_path)
    pair = await connected_session(center)
    reboot = RecordingReboot()
    autostart = XdgAutostart(Path(env["XDG_CONFIG_HOME"]))
    RestartFeature(pair.customer, RestartPorts(autostart, reboot, tmp_path / "state" / "T"))
    agent_side = RestartFeature(pair.agent)
    news: list[RestartNews] = []
    pair.agent.engine.subscribe(lambda e: news.append(e) if isinstance(e, RestartNews) else None)
    pair.customer.consent.ask = no
    try:
        agent_side.ask(pair.customer_id)
        await wait_for(lambda: len(news) == 2, what="the customer's answer")
        assert news[-1].outcome == "refused"
        assert reboot.calls == 0 and not autostart.installed()
    finally:
        await pair.close()


async def test_ending_the_session_removes_the_entry(center: CenterFixture, tmp_path: Path) -> None:
    env = homes(tmp_path)
    pair = await connected_session(center)

    class Refusing(RecordingReboot):
        def reboot(self) -> None:  # the restart never comes: the session ends first
            self.calls += 1

    reboot = Refusing()
    autostart = XdgAutostart(Path(env["XDG_CONFIG_HOME"]))
    RestartFeature(pair.customer, RestartPorts(autostart, reboot, tmp_path / "state" / "T"))
    agent_side = RestartFeature(pair.agent)
    pair.customer.consent.ask = yes
    try:
        agent_side.ask(pair.customer_id)
        await wait_for(lambda: reboot.calls == 1, what="the reboot being asked")
        assert autostart.installed()
        await pair.agent.end()
        await wait_for(lambda: not autostart.installed(), what="the entry gone with the session")
        assert not (tmp_path / "state" / "T" / RESUME_FILE).exists()
    finally:
        await pair.close()


async def _ticket_for(pair_customer: object) -> str:
    """Ask the center for a ticket as the customer's client does."""
    from shared.session.live import LiveSession

    assert isinstance(pair_customer, LiveSession)
    got: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    def hear(message: FromCenter) -> None:
        if isinstance(message, RestartTicket) and not got.done():
            got.set_result(message.ticket)

    pair_customer.center_listeners.append(hear)
    await pair_customer.send_center(RestartAgreed())
    return await asyncio.wait_for(got, 5.0)


async def _rejoin(center: CenterFixture, number: int, pid: str, ticket: str) -> FromCenter:
    async with raw_socket(center) as ws:
        await ws.send_str(
            TO_CENTER.encode(CustomerRejoin(session=number, participant=pid, ticket=ticket))
        )
        return await answer(ws)


async def test_forged_reused_and_expired_tickets_are_refused(center: CenterFixture) -> None:
    pair = await connected_session(center)
    number, pid = pair.started.number, pair.customer_id
    try:
        ticket = await _ticket_for(pair.customer)
        await pair.customer.close()

        forged = await _rejoin(center, number, pid, "x" * 43)
        assert isinstance(forged, ErrorMessage)
        assert forged.reason == "This restart ticket is not valid for this session."

        # Another seat's ticket is forged for this one.
        other = await _rejoin(center, number, "someone-else", ticket)
        assert isinstance(other, ErrorMessage) and "not valid" in other.reason

        back = await _rejoin(center, number, pid, ticket)
        assert isinstance(back, Welcome) and back.you.id == pid

        reused = await _rejoin(center, number, pid, ticket)
        assert isinstance(reused, ErrorMessage)
        assert reused.reason == "This restart ticket has already been used."

        old = issue(center.running.store, number, pid, now=time.time() - RESTART_WINDOW_S - 1)
        expired = await _rejoin(center, number, pid, old)
        assert isinstance(expired, ErrorMessage)
        assert expired.reason.startswith("This restart ticket has expired")
    finally:
        await pair.close()


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG autostart entry is Linux's")
def test_the_entry_quotes_what_a_shell_would_split(tmp_path: Path) -> None:
    autostart = XdgAutostart(tmp_path)
    command = ["/opt/my apps/python", "-m", "customer_client.main", "--resume", '/a "b"/$x\\y']
    autostart.install(command)
    assert exec_arguments(autostart.path) == command


async def test_only_a_customer_gets_a_restart_ticket(center: CenterFixture) -> None:
    pair = await connected_session(center)
    problems: list[Problem] = []
    pair.agent.engine.subscribe(lambda e: problems.append(e) if isinstance(e, Problem) else None)
    try:
        await pair.agent.send_center(RestartAgreed())
        await wait_for(lambda: bool(problems), what="the center's refusal")
        assert problems[-1].code == "not_allowed"
        assert problems[-1].reason == "Only a customer restarts their computer."
    finally:
        await pair.close()
