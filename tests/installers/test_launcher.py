"""The one-file client's launcher on Linux (installers/launcher/tandem_launcher.c), compiled here,
carrying small folders packed by installers/pack_client.py whose program is a shell script that
writes down what it was given. The launcher unpacks into the user's cache once, runs the program
from there, keeps the folders a running client holds and removes the others, and refuses a
damaged payload or one naming paths outside its folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from installers.pack_client import (
    END,
    FOLDER_MAGIC,
    file_header,
    folder_entry,
    link_entry,
    pack,
    pack_stream,
    payload_of,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCE = REPO_ROOT / "installers" / "launcher" / "tandem_launcher.c"
RUN_TIMEOUT_S = 30
# As installers/build-client.sh compiles it: warnings are errors, zstd linked in.
COMPILE = ("-O2", "-Wall", "-Wextra", "-Werror")
LINK = ("-Wl,-Bstatic", "-lzstd", "-Wl,-Bdynamic")
# The stand-in client: what it was started as and with, the file the launcher names, a data
# file's bytes through a link; then, when asked, it waits for its standard input to close
# (holding its folder, as a running client does).
PROGRAM = """#!/bin/sh
{
  printf '%s\\n' "$0"
  for argument in "$@"; do printf '[%s]\\n' "$argument"; done
  printf 'file=%s\\n' "$TANDEM_CLIENT_FILE"
} > "$REPORT"
cat "$(dirname "$0")/data/link.bin" > "$REPORT.data"
if [ -n "$HOLD" ]; then echo started; read -r line; fi
"""


@pytest.fixture(scope="module")
def launcher(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tools = [tool for tool in ("gcc", "zstd") if shutil.which(tool) is None]
    if tools or not Path("/usr/include/zstd.h").exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"missing {tools or 'zstd.h'}: installers/build-client.sh installs them")
        pytest.skip("needs gcc, zstd and libzstd-dev (installers/build-client.sh installs them)")
    out = tmp_path_factory.mktemp("launcher") / "tandem-launcher"
    subprocess.run(["gcc", *COMPILE, "-o", str(out), str(SOURCE), *LINK], check=True)
    return out


def client_folder(root: Path, payload: bytes) -> Path:
    folder = root / "folder"
    (folder / "data" / "empty").mkdir(parents=True)
    program = folder / "tandem-client"
    program.write_text(PROGRAM)
    program.chmod(0o755)
    (folder / "data" / "payload.bin").write_bytes(payload)
    (folder / "data" / "link.bin").symlink_to("payload.bin")
    return folder


class Machine:
    """A user's cache and temporary folders, and the launcher started with them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache = root / "cache"
        self.report = root / "report.txt"
        self.env = {
            "PATH": os.environ["PATH"],
            "HOME": str(root / "home"),
            "XDG_CACHE_HOME": str(self.cache),
            "TMPDIR": str(root / "tmp"),
            "REPORT": str(self.report),
        }
        (root / "tmp").mkdir()

    def run(self, program: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(program), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
        )

    def folders(self) -> list[str]:
        return sorted(path.name for path in (self.cache / "tandem-client").iterdir())


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    return Machine(tmp_path)


def packed(launcher: Path, root: Path, payload: bytes, name: str = "tandem-client") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    out = root / name
    pack(launcher, client_folder(root, payload), out)
    return out


def test_the_client_runs_from_the_folder_it_was_packed_with(
    launcher: Path, machine: Machine, tmp_path: Path
) -> None:
    payload = os.urandom(300_000)
    program = packed(launcher, tmp_path / "build", payload)
    with program.open("ab") as file:  # a launch block, as the center appends one
        file.write(b"{launch block}" * 10)
    done = machine.run(program, "--join", "two words", "")
    assert done.returncode == 0, done.stderr
    (folder,) = machine.folders()  # one folder, no unpacking left behind
    unpacked = machine.cache / "tandem-client" / folder
    said = machine.report.read_text().splitlines()
    assert said == [
        str(unpacked / "tandem-client"),
        "[--join]",
        "[two words]",
        "[]",
        f"file={program}",
    ]
    assert (machine.root / "report.txt.data").read_bytes() == payload  # through the link
    assert (unpacked / "data" / "payload.bin").read_bytes() == payload
    assert (unpacked / "data" / "empty").is_dir()
    assert os.readlink(unpacked / "data" / "link.bin") == "payload.bin"
    assert (unpacked / "tandem-client").stat().st_mode & 0o777 == 0o755
    assert (machine.cache / "tandem-client").stat().st_mode & 0o777 == 0o700


def test_a_second_start_unpacks_nothing(launcher: Path, machine: Machine, tmp_path: Path) -> None:
    program = packed(launcher, tmp_path / "build", b"same")
    assert machine.run(program).returncode == 0
    (folder,) = machine.folders()
    data = machine.cache / "tandem-client" / folder / "data" / "payload.bin"
    before = data.stat().st_ino
    assert machine.run(program).returncode == 0
    assert data.stat().st_ino == before
    assert machine.folders() == [folder]


def test_several_starts_at_once_share_one_folder(
    launcher: Path, machine: Machine, tmp_path: Path
) -> None:
    program = packed(launcher, tmp_path / "build", os.urandom(2_000_000))
    starts = [
        subprocess.Popen(
            [str(program)],
            env={**machine.env, "REPORT": f"{machine.report}.{n}"},
            stderr=subprocess.PIPE,
        )
        for n in range(4)
    ]
    for start in starts:
        assert start.wait(RUN_TIMEOUT_S) == 0, start.stderr.read() if start.stderr else ""
        if start.stderr:
            start.stderr.close()
    assert len(machine.folders()) == 1  # the losers of the race removed their own unpacking


@pytest.fixture
def held(launcher: Path, machine: Machine, tmp_path: Path) -> Iterator[str]:
    """An old build's client, running (holding its folder) until its input closes."""
    old = packed(launcher, tmp_path / "old", b"old build")
    running = subprocess.Popen(
        [str(old)],
        env={**machine.env, "HOLD": "1", "REPORT": f"{machine.report}.old"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert running.stdout is not None and running.stdin is not None
    assert running.stdout.readline() == "started\n"
    (folder,) = machine.folders()
    yield folder
    running.stdin.close()
    running.stdout.close()
    running.wait(RUN_TIMEOUT_S)


def test_a_new_build_removes_old_folders_no_client_runs_from(
    launcher: Path, machine: Machine, tmp_path: Path, held: str
) -> None:
    old_folder = held
    new = packed(launcher, tmp_path / "new", b"new build")
    assert machine.run(new).returncode == 0
    (new_folder,) = set(machine.folders()) - {old_folder}
    assert machine.folders() == sorted([old_folder, new_folder])  # the old client runs from it

    # A client of another build, which has ended: its folder goes at the next start.
    ended = packed(launcher, tmp_path / "ended", b"ended build")
    assert machine.run(ended).returncode == 0
    (ended_folder,) = set(machine.folders()) - {old_folder}  # it removed the new one's
    assert ended_folder != new_folder
    assert machine.run(new).returncode == 0
    assert machine.folders() == sorted([old_folder, new_folder])


def test_a_folder_others_can_write_is_not_used(
    launcher: Path, machine: Machine, tmp_path: Path
) -> None:
    """Someone else's files must never run as the client: a cache folder others may write to
    is passed over for one of the temporary folder's, made private."""
    shared = machine.cache / "tandem-client"
    shared.mkdir(parents=True)
    shared.chmod(0o777)
    program = packed(launcher, tmp_path / "build", b"private")
    done = machine.run(program)
    assert done.returncode == 0, done.stderr
    assert list(shared.iterdir()) == []
    private = machine.root / "tmp" / f"tandem-client-{os.getuid()}"
    assert private.stat().st_mode & 0o777 == 0o700
    assert len(list(private.iterdir())) == 1


def crafted(launcher: Path, root: Path, *entries: bytes) -> Path:
    """A launcher carrying a stream written by hand (as a modified download could)."""
    root.mkdir(parents=True, exist_ok=True)
    plain = root / "stream.bin"
    plain.write_bytes(FOLDER_MAGIC + b"".join(entries) + END)
    out = root / "tandem-client"
    pack_stream(launcher, plain, out)
    return out


def script() -> bytes:
    body = b"#!/bin/sh\nexit 0\n"
    return file_header("tandem-client", 0o755, len(body)) + body


@pytest.mark.parametrize(
    ("entries", "said"),
    [
        ((file_header("../escaped", 0o644, 3) + b"bad",), "outside its folder"),
        ((file_header("/tmp/escaped", 0o644, 3) + b"bad",), "outside its folder"),
        ((folder_entry("a", 0o755), file_header("a/../../escaped", 0o644, 3) + b"bad"), "outside"),
        ((link_entry("escaped", "../../.."),), "links outside its folder"),
        ((folder_entry("a", 0o755), link_entry("a/escaped", "../../x")), "links outside"),
        # "a" -> "." makes "a/a" the folder itself: a name then ".." would climb out of it.
        ((link_entry("a", "."), link_entry("escaped", "a/a/../..")), "links outside"),
        ((link_entry("a", "."), link_entry("a/escaped", "x")), "writes through a link"),
        ((link_entry("a", "/tmp"), file_header("a/escaped", 0o644, 3) + b"bad"), "links outside"),
        ((file_header("", 0o644, 0),), "damaged"),
    ],
    ids=[
        "dot-dot",
        "absolute",
        "inner dot-dot",
        "link up",
        "nested link up",
        "link climbing through a link",
        "entry through a link",
        "absolute link",
        "empty name",
    ],
)
def test_paths_outside_the_folder_are_refused(
    launcher: Path, machine: Machine, tmp_path: Path, entries: tuple[bytes, ...], said: str
) -> None:
    program = crafted(launcher, tmp_path / "build", script(), *entries)
    done = machine.run(program)
    assert done.returncode == 1
    assert said in done.stderr
    assert machine.folders() == []  # nothing under a final name, the unpacking removed
    assert list(tmp_path.rglob("escaped*")) == []
    assert not Path("/tmp/escaped").exists()


def test_a_damaged_download_says_so_and_leaves_no_folder(
    launcher: Path, machine: Machine, tmp_path: Path
) -> None:
    program = packed(launcher, tmp_path / "build", os.urandom(1_000_000))
    offset, length = payload_of(program)
    data = bytearray(program.read_bytes())
    data[offset + length // 2 : offset + length // 2 + 64] = bytes(64)
    program.write_bytes(data)
    done = machine.run(program)
    assert done.returncode == 1
    assert "damaged" in done.stderr or "cut short" in done.stderr
    assert machine.folders() == []

    cut = tmp_path / "cut" / "tandem-client"
    cut.parent.mkdir()
    cut.write_bytes(data[: offset + length // 2])
    cut.chmod(0o755)
    done = machine.run(cut)
    assert done.returncode == 1
    assert "cut short" in done.stderr or "damaged" in done.stderr
    assert machine.folders() == []


def test_a_launcher_carrying_nothing_says_so(launcher: Path, machine: Machine) -> None:
    done = machine.run(launcher)
    assert done.returncode == 1
    assert "carries no client" in done.stderr


if sys.platform != "linux":
    pytest.skip("the launcher is Linux's", allow_module_level=True)


def test_a_failure_is_shown_in_a_window_on_a_desktop(
    launcher: Path, machine: Machine, tmp_path: Path
) -> None:
    """A customer who double-clicked the download sees no terminal: the reason is shown by the
    desktop's dialog tool (here a stand-in zenity that writes down what it was asked)."""
    tools = tmp_path / "tools"
    tools.mkdir()
    shown = tmp_path / "shown.txt"
    zenity = tools / "zenity"
    zenity.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {shown}\n')
    zenity.chmod(0o755)
    program = crafted(launcher, tmp_path / "build", file_header("../escaped", 0o644, 3) + b"bad")
    machine.env["PATH"] = f"{tools}:{machine.env['PATH']}"

    done = machine.run(program)  # no display: standard error only
    assert done.returncode == 1 and not shown.exists()

    machine.env["DISPLAY"] = ":999"
    done = machine.run(program)
    assert done.returncode == 1
    asked = shown.read_text().splitlines()
    assert asked[:2] == ["--error", "--title=Tandem"]
    assert asked[3].startswith("Tandem could not start: the download names a path outside")
