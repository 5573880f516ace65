"""The Linux provider against this very machine: every category is read (or says plainly why
not), and what it reads agrees with the system: the memory psutil sees, a process this test
starts, the packages dpkg or rpm lists, an autostart entry the test writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from shared.features.sysinfo.collect import read
from shared.features.sysinfo.protocol import Category, Column
from shared.features.sysinfo.providers import for_this_machine
from shared.features.sysinfo.providers.linux import LinuxProvider
from shared.features.sysinfo.rows import size_text

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the Linux provider")


@pytest.fixture
def sleeper() -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(["sleep", "300"])
    try:
        yield process
    finally:
        process.kill()
        process.wait()


def test_this_machine_gets_the_linux_provider() -> None:
    assert isinstance(for_this_machine(), LinuxProvider)


def test_every_category_is_read_and_none_fails_silently() -> None:
    provider = LinuxProvider()
    for category in Category:
        table = read(provider, category)
        if table.failed:  # allowed, but it must say why in words
            assert table.columns == (Column.NOTE,) and table.rows[0][0], category
        for row in table.rows:
            assert len(row) == len(table.columns), category
    # What every Linux machine has, container or not:
    for category in (
        Category.OVERVIEW,
        Category.SYSTEM,
        Category.PROCESSOR,
        Category.MEMORY,
        Category.DISKS,
        Category.NETWORK,
        Category.PROCESSES,
        Category.SOFTWARE,
    ):
        table = read(provider, category)
        assert not table.failed and table.rows, category


def test_memory_agrees_with_psutil() -> None:
    table = read(LinuxProvider(), Category.MEMORY)
    values = table.pairs()
    assert values["Total"] == size_text(psutil.virtual_memory().total)
    overview = read(LinuxProvider(), Category.OVERVIEW).pairs()
    assert overview["Total memory"] == values["Total"]
    assert overview["Computer name"] == os.uname().nodename


def test_a_process_we_started_is_listed(sleeper: subprocess.Popen[bytes]) -> None:
    table = read(LinuxProvider(), Category.PROCESSES)
    by_pid = {row[0]: row for row in table.rows}
    row = by_pid[str(sleeper.pid)]
    assert row[1] == "sleep"
    assert row[6] == "sleep 300"


def test_installed_software_matches_the_package_manager() -> None:
    table = read(LinuxProvider(), Category.SOFTWARE)
    names = {row[0] for row in table.rows}
    if shutil.which("dpkg-query"):
        listed = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Package}\n"], capture_output=True, text=True, check=True
        ).stdout.split()
        assert names == set(listed)
        assert "coreutils" in names


def test_an_autostart_entry_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "autostart").mkdir()
    (tmp_path / "autostart" / "backup.desktop").write_text(
        "[Desktop Entry]\nType=Application\nName=Nightly backup\nExec=/usr/bin/backup --quiet\n"
    )
    table = read(LinuxProvider(), Category.STARTUP)
    assert (
        "Nightly backup",
        "/usr/bin/backup --quiet",
        str(tmp_path / "autostart" / "backup.desktop"),
    ) in table.rows


def test_disks_name_the_root_volume() -> None:
    table = read(LinuxProvider(), Category.DISKS)
    mounts = {row[4] for row in table.rows}
    assert "/" in mounts
