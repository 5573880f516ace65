"""The file the customer started (shared/program_file.py): the launch block is read from it and
a reboot starts it again, not the folder Linux's launcher unpacked it into."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from shared.program_file import PROGRAM_FILE_ENV, program_file
from shared.resume.ports import this_client


def test_the_one_file_client_names_the_file_the_launcher_ran(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    downloaded = tmp_path / "tandem-help"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "cache" / "tandem-client"))
    monkeypatch.setenv(PROGRAM_FILE_ENV, str(downloaded))
    assert program_file() == downloaded
    assert this_client() == [str(downloaded)]


def test_without_the_launcher_the_program_is_its_own_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    program = tmp_path / "tandem-client.exe"  # PyInstaller's one file (Windows, macOS)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    monkeypatch.delenv(PROGRAM_FILE_ENV, raising=False)
    assert program_file() == program
    assert this_client() == [str(program)]


def test_a_client_run_by_python_ignores_the_name(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Only a built client was started by the launcher: a leftover variable is not obeyed."""
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setenv(PROGRAM_FILE_ENV, str(tmp_path / "elsewhere"))
    assert program_file() == Path(sys.executable)
    assert this_client() == [sys.executable, "-m", "customer_client.main"]
