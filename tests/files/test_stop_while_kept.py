"""A Stop that meets the receiver keeping the file (fsync, SHA-256, the move to its final name).

The commit point is the move: a Stop before it keeps nothing and both sides say stopped; a Stop
after it comes too late, the file stays and both sides say done. Each side of the race is held
in place (destination's `_finishing_step` seam) while the test presses Stop, with no sleeps."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.features.files import destination
from shared.features.files.destination import Conflict, Stopped, open_destination
from shared.features.files.engine import Stage, TransferAborted, TransferDone
from tests.files.test_transfer import MIB, Pair, _audited, _over, _random_file, _same, memory

__all__ = ["memory"]

# A held step that nobody releases within this fails the test rather than hanging it.
HOLD_TIMEOUT_S = 20.0


class Held:
    """The receiver's keeping of a file, held at one step until the test releases it."""

    def __init__(self, step: str) -> None:
        self.step = step
        self.reached = threading.Event()
        self.release = threading.Event()

    def __call__(self, step: str) -> None:
        if step != self.step:
            return
        self.reached.set()
        if not self.release.wait(HOLD_TIMEOUT_S):
            raise AssertionError(f"the test never released the {step!r} step")


@pytest.fixture
def held_before(monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    """Held once verified, just before the move to the final name."""
    held = Held("verified")
    monkeypatch.setattr(destination, "_finishing_step", held)
    yield held
    held.release.set()


@pytest.fixture
def held_after(monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    """Held just after the move to the final name."""
    held = Held("moved")
    monkeypatch.setattr(destination, "_finishing_step", held)
    yield held
    held.release.set()


def _press_stop(pair: Pair, who: str, transfer_id: str) -> None:
    files = pair.customer_files if who == "customer" else pair.agent_files
    files.abort(transfer_id)


def _said(pair: Pair, kind: type[TransferAborted | TransferDone], transfer_id: str) -> int:
    """How many sides' views heard ``kind`` for the transfer (both: 2)."""
    return len([e for e in pair.events if isinstance(e, kind) and e.id == transfer_id])


@pytest.mark.parametrize("who", ["customer", "agent"])
async def test_a_stop_before_the_file_is_kept_keeps_nothing_and_both_sides_say_stopped(
    memory: Pair, held_before: Held, tmp_path: Path, who: str
) -> None:
    source = _random_file(tmp_path / "agent", "report.bin", MIB)
    sent = await memory.agent_files.send_file(memory.customer_id, source)
    await memory.until(held_before.reached.is_set, "the customer's side keeping the file")
    received = memory.customer_files.transfers[sent.id]

    _press_stop(memory, who, sent.id)
    await memory.until(lambda: received.stage == Stage.ABORTED, "the customer's side stopped")
    held_before.release.set()
    await memory.until(lambda: _over(sent)() and received.finishing is None, "both sides over")

    assert (sent.stage, received.stage) == (Stage.ABORTED, Stage.ABORTED)
    # Nothing under the final name, no temporary file either.
    assert list(memory.customer_files.inbox.iterdir()) == []
    assert _said(memory, TransferAborted, sent.id) == 2
    assert _said(memory, TransferDone, sent.id) == 0


@pytest.mark.parametrize("who", ["customer", "agent"])
async def test_a_stop_after_the_file_is_kept_comes_too_late_and_both_sides_say_done(
    memory: Pair, held_after: Held, tmp_path: Path, who: str
) -> None:
    source = _random_file(tmp_path / "agent", "report.bin", MIB)
    sent = await memory.agent_files.send_file(memory.customer_id, source)
    await memory.until(held_after.reached.is_set, "the file under its final name")
    received = memory.customer_files.transfers[sent.id]

    _press_stop(memory, who, sent.id)
    await memory.until(
        lambda: bool(_audited(memory.customer, "files.stop_too_late")), "the Stop seen too late"
    )
    held_after.release.set()
    await memory.until(lambda: _over(sent)() and _over(received)(), "both sides over")

    assert (sent.stage, received.stage) == (Stage.DONE, Stage.DONE), (sent.reason, received.reason)
    assert received.path is not None and _same(source, received.path)
    assert [p.name for p in memory.customer_files.inbox.iterdir()] == ["report.bin"]
    assert _said(memory, TransferDone, sent.id) == 2
    assert _said(memory, TransferAborted, sent.id) == 0


async def test_a_stop_before_the_last_byte_was_sent_says_stopped_at_once(
    memory: Pair, tmp_path: Path
) -> None:
    # Mid-stream the receiver cannot hold every byte, so it cannot keep the file: the sender's
    # Stop needs no answer.
    source = _random_file(tmp_path / "agent", "movie.bin", 8 * MIB)
    sent = await memory.agent_files.send_file(memory.customer_id, source)
    await memory.until(lambda: sent.sent_bytes > MIB, "under way")
    assert not sent.all_sent  # the channel holds 256 KiB: most of the file is still to go
    memory.agent_files.abort(sent.id)
    assert sent.stage == Stage.ABORTED
    received = memory.customer_files.transfers[sent.id]
    await memory.until(_over(received), "the customer's side told")
    assert received.stage == Stage.ABORTED
    assert list(memory.customer_files.inbox.iterdir()) == []


def test_a_sink_stopped_before_the_move_keeps_nothing_and_after_it_is_too_late(
    tmp_path: Path,
) -> None:
    data = b"x" * 1000
    digest = hashlib.sha256(data).hexdigest()
    sink = open_destination(tmp_path, "a.txt", len(data), Conflict.ASK)
    sink.write(0, data)
    assert sink.stop()
    with pytest.raises(Stopped):
        sink.complete(digest)
    assert list(tmp_path.iterdir()) == []

    kept = open_destination(tmp_path, "b.txt", len(data), Conflict.ASK)
    kept.write(0, data)
    assert kept.complete(digest) == tmp_path / "b.txt"
    assert not kept.stop()
    assert (tmp_path / "b.txt").read_bytes() == data
