"""The installed applications "New application…" offers: the desktop entries a menu shows, by
name, their commands without field codes; hidden, terminal and broken ones left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.windows.installed import installed_applications


def entry(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text("[Desktop Entry]\n" + text)


def test_the_menus_applications_are_offered_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, system = tmp_path / "home" / "applications", tmp_path / "usr" / "applications"
    home.mkdir(parents=True)
    system.mkdir(parents=True)
    entry(home, "writer.desktop", "Type=Application\nName=Writer\nExec=writer --new %U\n")
    entry(system, "writer.desktop", "Type=Application\nName=Old Writer\nExec=old-writer\n")
    entry(system, "calc.desktop", "Type=Application\nName=Calculator\nExec=calc\n")
    entry(system, "hidden.desktop", "Type=Application\nName=Hidden\nExec=h\nNoDisplay=true\n")
    entry(system, "shell.desktop", "Type=Application\nName=Shell\nExec=sh\nTerminal=true\n")
    entry(system, "link.desktop", "Type=Link\nName=Site\nURL=https://example.com\n")
    entry(system, "broken.desktop", "Name=Broken\nExec=\n")
    (system / "junk.desktop").write_text("not an entry at all")
    monkeypatch.setenv("XDG_DATA_HOME", str(home.parent))
    monkeypatch.setenv("XDG_DATA_DIRS", str(system.parent))

    found = installed_applications()
    assert [(e.name, e.command) for e in found] == [
        ("Calculator", ("calc",)),
        ("Writer", ("writer", "--new")),  # the user's own entry wins; %U dropped
    ]
