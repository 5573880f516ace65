"""The limit per file is the support center's setting: a real center on loopback hands it to both
peers in their welcome; the sender refuses a file over it before sending, the receiver refuses
an offer over it, both naming the limit. A console cannot raise the customer's limit, and a
center's absurd value is dropped with a warning, the default (150 MiB) kept."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from shared.features.files.engine import FileTooLarge, Stage
from shared.features.files.protocol import FileOffer
from shared.protocol.limits import DEFAULT_MAX_FILE_BYTES
from shared.protocol.messages import SessionSettings
from support_center.cli import build_parser
from support_center.config import CenterConfig
from tests.files.test_transfer import (
    MIB,
    Pair,
    _audited,
    _over,
    _random_file,
    _same,
    _send,
    real_pair,
)
from tests.helpers import CenterFixture, running_center


@asynccontextmanager
async def _session_under(tmp_path: Path, max_file_bytes: int) -> AsyncIterator[Pair]:
    """A session under a center whose limit per file is ``max_file_bytes``."""
    async with (
        running_center(tmp_path / "center", max_file_bytes=max_file_bytes) as center,
        real_pair(center, tmp_path) as pair,
    ):
        yield pair


async def test_a_file_over_the_centers_limit_is_refused_on_both_sides_naming_it(
    tmp_path: Path,
) -> None:
    async with _session_under(tmp_path, max_file_bytes=MIB) as pair:
        assert pair.agent_files.max_file_bytes == pair.customer_files.max_file_bytes == MIB
        over = _random_file(tmp_path / "agent", "over.bin", MIB + 1)
        # The agent's side refuses before anything is offered.
        with pytest.raises(FileTooLarge, match="over the limit of 1 MiB per file"):
            await pair.agent_files.send_file(pair.customer_id, over)
        # The customer's side refuses an offer over it (a console that skipped its own check),
        # without asking the customer and writing nothing.
        pair.agent.send_to(
            pair.customer_id,
            FileOffer(id="0123456789abcdef", name="over.bin", size=MIB + 1, sha256="0" * 64),
        )
        await pair.until(lambda: bool(_audited(pair.customer, "files.refused")), "the refusal")
        (refused,) = _audited(pair.customer, "files.refused")
        assert "over the limit of 1 MiB per file" in refused.detail["reason"]
        assert pair.asked == [] and list(pair.customer_files.inbox.iterdir()) == []


async def test_a_file_of_exactly_the_centers_limit_goes_through(tmp_path: Path) -> None:
    async with _session_under(tmp_path, max_file_bytes=MIB) as pair:
        source = _random_file(tmp_path / "agent", "exact.bin", MIB)
        sent, received = await _send(pair, source)
        assert (sent.stage, received.stage) == (Stage.DONE, Stage.DONE), received.reason
        assert received.path is not None and _same(source, received.path)


async def test_the_default_limit_is_the_manuals_150_mib(
    center: CenterFixture, tmp_path: Path
) -> None:
    assert CenterConfig().max_file_bytes == DEFAULT_MAX_FILE_BYTES == 150 * MIB
    args = build_parser().parse_args(["serve"])
    assert args.max_file_mib * MIB == DEFAULT_MAX_FILE_BYTES
    async with real_pair(center, tmp_path) as pair:
        for session in (pair.agent, pair.customer):
            assert session.settings == SessionSettings(max_file_bytes=150 * MIB)
        assert pair.agent_files.max_file_bytes == pair.customer_files.max_file_bytes == 150 * MIB


def test_a_center_does_not_start_with_a_limit_out_of_range() -> None:
    for absurd in (-1, 0, 2**60):
        with pytest.raises(ValueError, match="limit per file"):
            CenterConfig(max_file_bytes=absurd)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--max-file-mib", "0"])
    args = build_parser().parse_args(["serve", "--max-file-mib", "20"])
    assert args.max_file_mib == 20


@pytest.mark.parametrize("absurd", [-1, 0, 2**60])
async def test_a_centers_absurd_limit_is_dropped_with_a_warning_and_the_default_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, absurd: int
) -> None:
    async with running_center(tmp_path / "center") as center:
        # A hostile or broken center: its setting changed past the check made at its start.
        center.config.max_file_bytes = absurd
        with caplog.at_level(logging.WARNING, logger="shared.session.settings"):
            async with real_pair(center, tmp_path) as pair:
                for files in (pair.agent_files, pair.customer_files):
                    assert files.max_file_bytes == DEFAULT_MAX_FILE_BYTES
                # A small file still goes: a limit of 0 or less did not take hold either.
                sent, received = await _send(pair, _random_file(tmp_path / "a", "s.bin", 1000))
                assert (sent.stage, received.stage) == (Stage.DONE, Stage.DONE)
        warned = [r.getMessage() for r in caplog.records if r.name == "shared.session.settings"]
        assert len(warned) == 2, warned  # one for each side's welcome
        assert all(f"({absurd} bytes) is out of range" in line for line in warned)
        assert all("the default is kept" in line for line in warned)


async def test_a_modified_console_cannot_exceed_the_customers_limit(tmp_path: Path) -> None:
    async with _session_under(tmp_path, max_file_bytes=MIB) as pair:
        # The console believes it may send 10 MiB (its own settings changed).
        pair.agent.settings = SessionSettings(max_file_bytes=10 * MIB)
        source = _random_file(tmp_path / "agent", "big.bin", 2 * MIB)
        sent = await pair.agent_files.send_file(pair.customer_id, source)
        await pair.until(_over(sent), "the customer's answer")
        assert sent.stage == Stage.FAILED and sent.sent_bytes == 0
        assert "over the limit of 1 MiB per file" in sent.reason
        assert pair.customer_files.max_file_bytes == MIB
        assert pair.asked == [] and list(pair.customer_files.inbox.iterdir()) == []
