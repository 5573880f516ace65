"""Shells running as another account, behind one small interface (``ShellPort``).

- Linux and macOS (``posix.py``): ``su -l ACCOUNT`` in a pseudo-terminal; the password is
  written to su's own prompt, never passed in an argument or the environment. su runs as an
  ordinary user (a client running as root drops to ``nobody`` for it), so the password is always
  checked, whoever runs the client; su's own rules apply (PAM, a locked account, no login shell).
- Windows (``windows.py``): ``CreateProcessWithLogonW`` starts ``cmd.exe`` as the account,
  with pipes for its input and output.
"""

from __future__ import annotations

import sys
from typing import Protocol

from shared.session.launcher import Launcher

# What one read takes from the shell's output at most.
READ_CHUNK_BYTES = 4096


class LogonRefused(Exception):
    """The system refused the account and password: its reason, for the agent."""


class Shell(Protocol):
    # Where the session's scripts start as the account while it is logged on (None: they
    # cannot, on this system).
    launcher: Launcher | None

    async def read(self) -> bytes:
        """The next output; b"" once the shell is gone."""

    def write(self, data: bytes) -> None: ...

    async def close(self) -> None:
        """Log off: end the shell and what it started."""


class ShellPort(Protocol):
    async def open(self, account: str, password: str) -> Shell:
        """A shell running as ``account``; LogonRefused when the credentials are not right."""


def system_shells() -> ShellPort:
    """This computer's way of logging on as another account."""
    if sys.platform == "win32":
        from shared.features.runas.windows import LogonShells

        return LogonShells()
    from shared.features.runas.posix import SuShell

    return SuShell()
