"""What the customer's question names of a group (customer.py) comes with the group, over real
sessions (a real center, aiortc on loopback): a folder sent whole by its name, several files
by the first few picked and how many were picked."""

from __future__ import annotations

from pathlib import Path

from shared.features.files.model import FINAL
from shared.features.files.protocol import MAX_NAMED
from shared.features.files.trees import Group
from tests.files.test_transfer import Pair, _answering, real

__all__ = ["real"]


async def _announced(real: Pair, paths: list[Path]) -> Group:
    sent = await real.agent_files.trees.send_paths(real.customer_id, paths)
    groups = real.customer_files.trees.groups
    await real.until(lambda: sent.id in groups, "the tree's announce")
    return groups[sent.id]


async def test_a_folder_and_several_files_come_named_for_the_question(
    real: Pair, tmp_path: Path
) -> None:
    photos = tmp_path / "agent" / "photos"
    photos.mkdir(parents=True)
    for n in range(3):
        (photos / f"p{n}.jpg").write_bytes(b"x" * 1000)
    folder = await _announced(real, [photos])
    assert (folder.named, folder.picked, folder.one_folder) == (("photos",), 1, True)
    assert (folder.files, folder.size) == (3, 3000)

    picked = [*sorted(photos.iterdir()), tmp_path / "agent" / "notes.txt"]
    picked[-1].write_text("notes")
    several = await _announced(real, picked)
    assert several.named == tuple(p.name for p in picked[:MAX_NAMED])
    assert (several.picked, several.one_folder, several.files) == (4, False, 4)


async def test_a_fetch_comes_named_for_the_question(real: Pair, tmp_path: Path) -> None:
    """What the agent asks for is what the customer's question names, with its folder."""
    _answering(real, None)  # the question stays open while the test reads the group
    mine = tmp_path / "agent-mine"
    mine.mkdir()
    names = ["a.txt", "b.txt", "photos", "z.txt"]
    sent = real.agent_files.trees.fetch_tree(real.customer_id, "/", "srv/data", names, mine)
    groups = real.customer_files.trees.groups
    await real.until(lambda: sent.id in groups and real.asked != [], "the customer's question")
    group = groups[sent.id]
    assert (group.named, group.picked, group.source_folder) == (
        tuple(names[:MAX_NAMED]),
        4,
        "srv/data",
    )
    assert real.asked[0].what == "send_files" and real.asked[0].activity_id == sent.id


async def test_a_fetch_of_a_path_that_is_not_there_is_asked_like_any_other(
    real: Pair, tmp_path: Path
) -> None:
    """The customer's side counts a fetch before asking (files, size: the question shows them);
    where nothing can be read, it asks all the same, without a count, and refuses only after. A
    refusal before any question would let a modified console learn which paths exist on the
    customer's computer, unseen."""
    _answering(real, None)
    mine = tmp_path / "agent-mine"
    mine.mkdir()
    sent = real.agent_files.trees.fetch_tree(real.customer_id, "/", "no/such", ["photos"], mine)
    groups = real.customer_files.trees.groups

    def asked() -> bool:
        return sent.id in groups and any(r.activity_id == sent.id for r in real.asked)

    await real.until(asked, "the customer's question")
    # Asked, not refused: the agent's side still waits for the answer.
    assert sent.stage not in FINAL
    assert (groups[sent.id].files, groups[sent.id].size) == (0, 0)
