"""The launch block at the end of a downloaded client: what the center appends, what the client
reads back from its own file, and every tail an edited or damaged download may end with."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from shared.protocol.launch_block import (
    LENGTH_BYTES,
    MAX_TAIL_BYTES,
    LaunchBlockTooLarge,
    launch_block_bytes,
    read_launch_block,
)
from shared.protocol.queues import LAUNCH_BLOCK_MARKER, MAX_LAUNCH_BLOCK_BYTES, LaunchBlock

FP = "ab" * 32
BLOCK = LaunchBlock(server="https://support.example.org:8443", fingerprint=FP, session=123456789)
QUEUED = LaunchBlock(
    server="https://127.0.0.1:8443", fingerprint=FP, ticket="t" * 43, language="fr"
)
# Stands for the executable: arbitrary bytes, longer than any tail read.
PROGRAM = bytes(range(256)) * 64


def client_file(tmp_path: Path, tail: bytes, program: bytes = PROGRAM) -> Path:
    path = tmp_path / "tandem-client"
    path.write_bytes(program + tail)
    return path


def tail_of(body: bytes, length: int | None = None, marker: bytes = LAUNCH_BLOCK_MARKER) -> bytes:
    size = len(body) if length is None else length
    return body + size.to_bytes(LENGTH_BYTES, "big") + marker


@pytest.mark.parametrize("block", [BLOCK, QUEUED], ids=["session", "ticket"])
def test_a_block_appended_to_a_program_reads_back(tmp_path: Path, block: LaunchBlock) -> None:
    assert read_launch_block(client_file(tmp_path, launch_block_bytes(block))) == block


def test_the_block_ends_with_its_length_and_the_marker() -> None:
    data = launch_block_bytes(BLOCK)
    assert data.endswith(LAUNCH_BLOCK_MARKER)
    length = int.from_bytes(
        data[-len(LAUNCH_BLOCK_MARKER) - LENGTH_BYTES : -len(LAUNCH_BLOCK_MARKER)]
    )
    assert json.loads(data[:length]) == json.loads(BLOCK.model_dump_json(exclude_none=True))


def test_a_program_without_a_block_has_none(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert read_launch_block(client_file(tmp_path, b"")) is None
    assert caplog.records == []  # the installed client: nothing wrong to report


def test_the_last_of_two_blocks_counts(tmp_path: Path) -> None:
    """A block appended to a download that had one already: the one at the end is read."""
    path = client_file(tmp_path, launch_block_bytes(BLOCK) + launch_block_bytes(QUEUED))
    assert read_launch_block(path) == QUEUED


def test_a_block_longer_than_the_limit_is_never_made() -> None:
    too_long = LaunchBlock(server="https://" + "a" * 290, fingerprint=FP, session=123456789)
    assert len(launch_block_bytes(too_long)) <= MAX_TAIL_BYTES  # the model's limits fit
    big = BLOCK.model_copy(update={"server": "https://" + "a" * MAX_LAUNCH_BLOCK_BYTES})
    with pytest.raises(LaunchBlockTooLarge):
        launch_block_bytes(big)


HOSTILE_TAILS = {
    # The marker alone, or with a length cut short: a file truncated at the end.
    "marker only": LAUNCH_BLOCK_MARKER,
    "short length": b"\x00\x10" + LAUNCH_BLOCK_MARKER,
    "zero length": tail_of(b"", 0),
    # Lengths that reach before the tail read, or past the limit (a reader that trusted them
    # would read the whole file or seek before its start).
    "length past the limit": tail_of(b"{}", MAX_LAUNCH_BLOCK_BYTES + 1),
    "huge length": tail_of(b"{}", 0xFFFFFFFF),
    "length past the data": tail_of(BLOCK.model_dump_json().encode(), MAX_LAUNCH_BLOCK_BYTES),
    "bad json": tail_of(b'{"server": "https://x", "fingerp'),
    "not utf-8": tail_of(b'{"server": "\xff\xfe", "fingerprint": "ab"}'),
    "json, not an object": tail_of(b"[1, 2, 3]"),
    "unknown field": tail_of(
        json.dumps({**json.loads(BLOCK.model_dump_json()), "run": "/bin/sh"}).encode()
    ),
    "bad session number": tail_of(
        json.dumps({"server": "https://x", "fingerprint": FP, "session": 12}).encode()
    ),
    "session as text": tail_of(
        json.dumps({"server": "https://x", "fingerprint": FP, "session": "123456789"}).encode()
    ),
    "no server": tail_of(json.dumps({"fingerprint": FP, "session": 123456789}).encode()),
    "length cuts the json": tail_of(BLOCK.model_dump_json().encode(), 10),
}


@pytest.mark.parametrize("tail", HOSTILE_TAILS.values(), ids=HOSTILE_TAILS.keys())
def test_a_damaged_block_is_no_block_and_says_so(
    tmp_path: Path, tail: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="shared.protocol.launch_block"):
        assert read_launch_block(client_file(tmp_path, tail)) is None
    assert any("launch block" in record.getMessage() for record in caplog.records)


def test_a_wrong_marker_is_no_block(tmp_path: Path) -> None:
    body = BLOCK.model_dump_json().encode()
    for marker in (b"TANDEM-LAUNCH-2\n", b"TANDEM-LAUNCH-1", LAUNCH_BLOCK_MARKER.lower()):
        assert read_launch_block(client_file(tmp_path, tail_of(body, marker=marker))) is None


@pytest.mark.parametrize("size", [0, 1, LENGTH_BYTES + len(LAUNCH_BLOCK_MARKER) - 1])
def test_a_file_shorter_than_a_block_is_none(tmp_path: Path, size: int) -> None:
    whole = launch_block_bytes(BLOCK)
    assert read_launch_block(client_file(tmp_path, whole[-size:] if size else b"", b"")) is None


def test_a_block_cut_at_its_start_is_none(tmp_path: Path) -> None:
    """A download whose first bytes were lost: the length reaches past the file's start."""
    whole = launch_block_bytes(BLOCK)
    assert read_launch_block(client_file(tmp_path, whole[5:], b"")) is None


def test_a_file_that_cannot_be_read_is_none(tmp_path: Path) -> None:
    assert read_launch_block(tmp_path / "gone") is None
    assert read_launch_block(tmp_path) is None  # a folder


def test_only_the_tail_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 100 MB program costs no more to read than a small one."""
    path = client_file(tmp_path, launch_block_bytes(BLOCK), b"\0" * (1 << 20))
    asked: list[int] = []
    real_open = Path.open

    def spying_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        file = real_open(self, *args, **kwargs)
        real_read = file.read

        def read(size: int = -1) -> Any:
            asked.append(size)
            return real_read(size)

        file.read = read
        return file

    monkeypatch.setattr(Path, "open", spying_open)
    assert read_launch_block(path) == BLOCK
    assert asked and all(0 <= size <= MAX_TAIL_BYTES for size in asked)
