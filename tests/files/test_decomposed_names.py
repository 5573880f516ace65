"""Files copied from a Mac keep decomposed (NFD) names on Linux, while every name the agent
sends is composed (NFC): over real sessions (a real center, aiortc on loopback), the agent
browses into, fetches, renames and deletes such files as the listing shows them; two entries
that read the same once composed are refused by name and left as they are."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from shared.features.files.folders import FolderRefused
from shared.features.files.model import Stage
from tests.files.test_modes import home
from tests.files.test_transfer import Pair, _over, real

__all__ = ["home", "real"]

# "Été" and "café.txt" as a Mac writes them: each accent a combining character.
FOLDER = unicodedata.normalize("NFD", "Été")
FILE = unicodedata.normalize("NFD", "café.txt")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _mac_files(home: Path) -> Path:
    folder = home / FOLDER
    folder.mkdir()
    (folder / FILE).write_bytes(b"from a Mac")
    assert _nfc(FOLDER) != FOLDER and not (home / _nfc(FOLDER)).exists()  # two names here
    return folder


async def test_a_decomposed_file_is_listed_fetched_renamed_and_deleted(
    real: Pair, home: Path, tmp_path: Path
) -> None:
    folder = _mac_files(home)
    folders, root = real.agent_files.folders, str(home)
    # The agent sees and sends the composed names.
    (entry,) = await folders.list_folder(real.customer_id, root, _nfc(FOLDER))
    assert entry.name == _nfc(FILE)
    path = f"{_nfc(FOLDER)}/{_nfc(FILE)}"

    mine = tmp_path / "agent-downloads"
    mine.mkdir()
    fetch = real.agent_files.fetch_file(real.customer_id, str(home / path), mine)
    await real.until(_over(fetch), "the fetch")
    assert fetch.stage == Stage.DONE, fetch.reason
    assert (mine / _nfc(FILE)).read_bytes() == b"from a Mac"

    (mine / "tree").mkdir()
    group = real.agent_files.trees.fetch_tree(
        real.customer_id, root, _nfc(FOLDER), [_nfc(FILE)], mine / "tree"
    )
    await real.until(lambda: group.stage in (Stage.DONE, Stage.FAILED), "the tree fetch")
    assert group.stage == Stage.DONE, group
    assert (mine / "tree" / _nfc(FILE)).read_bytes() == b"from a Mac"

    await folders.rename(real.customer_id, root, path, "renamed.txt")
    assert os.listdir(folder) == ["renamed.txt"]
    (folder / FILE).write_bytes(b"again")
    await folders.delete(real.customer_id, root, path)
    assert os.listdir(folder) == ["renamed.txt"]


async def test_two_entries_that_read_the_same_are_refused_and_left_alone(
    real: Pair, home: Path, tmp_path: Path
) -> None:
    folder = _mac_files(home)
    (folder / _nfc(FILE)).write_bytes(b"composed")
    before = sorted(os.listdir(folder))
    folders, root = real.agent_files.folders, str(home)
    path = f"{_nfc(FOLDER)}/{_nfc(FILE)}"

    mine = tmp_path / "agent-downloads"
    mine.mkdir()
    fetch = real.agent_files.fetch_file(real.customer_id, str(home / path), mine)
    await real.until(_over(fetch), "the fetch")
    assert fetch.stage == Stage.FAILED and "ambiguous" in fetch.reason
    assert list(mine.iterdir()) == []
    with pytest.raises(FolderRefused, match="two entries of the folder have this name"):
        await folders.rename(real.customer_id, root, path, "renamed.txt")
    with pytest.raises(FolderRefused, match="two entries of the folder have this name"):
        await folders.delete(real.customer_id, root, path)
    assert sorted(os.listdir(folder)) == before
