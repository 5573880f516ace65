"""The center's command line: STUN/TURN settings reach the configuration peers receive; an
agent is added from a script, without a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from shared.security.passwords import verify_password
from support_center.cli import _config, build_parser
from support_center.config import CenterConfig
from support_center.store import Store


def test_ice_servers_from_the_command_line() -> None:
    args = build_parser().parse_args(
        [
            "serve",
            "--ice-server",
            "stun:stun.example.org:3478",
            "--ice-server",
            "turn:turn.example.org:3478",
            "--turn-username",
            "tandem",
            "--turn-password",
            "s3cret",
        ]
    )
    servers = _config(args).ice_servers
    assert [s.urls for s in servers] == [
        ["stun:stun.example.org:3478"],
        ["turn:turn.example.org:3478"],
    ]
    assert servers[0].username is None
    assert (servers[1].username, servers[1].credential) == ("tandem", "s3cret")


def test_no_ice_servers_by_default() -> None:
    assert _config(build_parser().parse_args(["serve"])).ice_servers == []


def _add_agent(data_dir: Path, *args: str, stdin: str | None) -> subprocess.CompletedProcess[str]:
    """``tandem-center add-agent`` as a script or a service runs it: stdin is a pipe or
    nothing, and there is no terminal to prompt on."""
    command = [sys.executable, "-m", "support_center.cli", "--data-dir", str(data_dir)]
    return subprocess.run(
        [*command, "add-agent", *args],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,  # no controlling terminal either
    )


def test_add_agent_without_a_terminal_asks_for_password_stdin(tmp_path: Path) -> None:
    done = _add_agent(tmp_path, "bob", stdin=None)
    assert done.returncode == 2
    assert "--password-stdin" in done.stderr
    assert "Traceback" not in done.stderr
    assert not CenterConfig(data_dir=tmp_path).database_path.exists()  # nothing half-made


def test_add_agent_reads_the_password_from_stdin(tmp_path: Path) -> None:
    done = _add_agent(tmp_path, "bob", "--password-stdin", stdin="s3cret-pass\n")
    assert (done.returncode, done.stdout.strip()) == (0, "Agent 'bob' added.")
    store = Store(CenterConfig(data_dir=tmp_path).database_path)
    try:
        agent = store.agent_by_username("bob")
        assert agent is not None and verify_password(agent.password_hash, "s3cret-pass")
    finally:
        store.close()


def test_a_display_name_customers_could_not_be_shown_is_refused(tmp_path: Path) -> None:
    done = _add_agent(
        tmp_path, "eve", "--name", "IT\nADMIN", "--password-stdin", stdin="s3cret-pass\n"
    )
    assert done.returncode == 1
    assert "display name must be one line of printable text" in done.stderr
    assert "Traceback" not in done.stderr
