"""The client's side of the launch block: the one-file client reads its own file, and a block
naming a session stands for that session's join link."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from customer_client.launch import launch_arguments, launch_block_of_this_program
from customer_client.main import parse_args
from shared.protocol.launch_block import launch_block_bytes
from shared.protocol.queues import LaunchBlock
from shared.session.join_link import parse_join_link

FP = "ab" * 32
BLOCK = LaunchBlock(server="https://127.0.0.1:8443", fingerprint=FP, session=123456789)


def test_the_frozen_client_reads_the_block_of_its_own_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "tandem-client"
    program.write_bytes(b"\x7fELF program" + launch_block_bytes(BLOCK))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert launch_block_of_this_program() == BLOCK


def test_a_client_run_by_python_has_no_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert launch_block_of_this_program() is None


def test_a_block_naming_a_session_is_its_join_link() -> None:
    args = parse_args(launch_arguments(BLOCK) or [])
    link = parse_join_link(args.link)
    assert (link.server, link.session, link.fingerprint) == (BLOCK.server, 123456789, FP)
    assert args.name is None  # the join window asks it
    assert args.language == "en"


def test_a_block_with_a_ticket_has_no_join_arguments() -> None:
    queued = LaunchBlock(server=BLOCK.server, fingerprint=FP, ticket="t" * 43, language="fr")
    assert launch_arguments(queued) is None
