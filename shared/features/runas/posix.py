"""``su`` in a pseudo-terminal: run-as on Linux and macOS (see shells.py)."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import pwd
import secrets
import signal
import socket
import subprocess
import termios

from shared.features.runas.broker import BrokerLauncher, broker_command
from shared.features.runas.shells import READ_CHUNK_BYTES, LogonRefused, Shell
from shared.session.launcher import Launcher

# How long su has to show its password prompt, and to say yes or no once it has the password
# (PAM waits a couple of seconds after a wrong one, on purpose).
PROMPT_TIMEOUT_S = 10.0
AUTH_TIMEOUT_S = 15.0


class PtyShell:
    """A process in a pseudo-terminal we hold the master side of."""

    def __init__(
        self, process: subprocess.Popen[bytes], master: int, launcher: BrokerLauncher | None = None
    ) -> None:
        self.process = process
        self.master = master
        self.launcher: Launcher | None = launcher
        self._data: asyncio.Queue[bytes] = asyncio.Queue()
        self._loop = asyncio.get_running_loop()
        os.set_blocking(master, False)
        self._loop.add_reader(master, self._readable)
        self._closed = False

    def _readable(self) -> None:
        try:
            data = os.read(self.master, READ_CHUNK_BYTES)
        except OSError:  # EIO: every slave side closed, the shell is gone
            data = b""
        if not data:
            self._loop.remove_reader(self.master)
        self._data.put_nowait(data)

    async def read(self) -> bytes:
        if self._closed:
            return b""
        data = await self._data.get()
        if not data:
            self._data.put_nowait(b"")  # later reads see the end too
        return data

    def write(self, data: bytes) -> None:
        with contextlib.suppress(OSError):
            os.write(self.master, data)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if isinstance(self.launcher, BrokerLauncher):
            await self.launcher.close()  # its scripts killed, their folders gone, first
        self._loop.remove_reader(self.master)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            # The whole session su started (its own process group): the shell and its children.
            os.killpg(self.process.pid, signal.SIGHUP)
        try:
            await asyncio.wait_for(asyncio.to_thread(self.process.wait), 3.0)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
            await asyncio.to_thread(self.process.wait)
        with contextlib.suppress(OSError):
            os.close(self.master)
        self._data.put_nowait(b"")


def _unprivileged() -> tuple[int, int] | None:
    """The user su runs as when the client is root (root's su asks no password)."""
    if os.geteuid() != 0:
        return None
    nobody = pwd.getpwnam("nobody")
    return nobody.pw_uid, nobody.pw_gid


def _take_terminal() -> None:
    """In the child: the pseudo-terminal becomes its controlling terminal (su reads the
    password from it and turns its echo off)."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class SuShell:
    """``su -l ACCOUNT`` in a pseudo-terminal (Linux, macOS)."""

    async def open(self, account: str, password: str) -> Shell:
        try:
            pwd.getpwnam(account)
        except KeyError:
            raise LogonRefused("There is no such account on this computer.") from None
        master, slave = os.openpty()
        # Shown once su has let us in, never before: a wrong password cannot print it.
        marker = "tandem-ready-" + secrets.token_hex(8)
        drop = _unprivileged()
        # The broker's socket (scripts run as the account through it): su passes it on.
        ours, theirs = socket.socketpair()

        try:
            process = subprocess.Popen(
                ["su", "-l", account, "-c", broker_command(marker, theirs.fileno())],
                stdin=slave,
                stdout=slave,
                stderr=slave,
                cwd="/",
                start_new_session=True,
                preexec_fn=_take_terminal,
                pass_fds=(theirs.fileno(),),
                user=drop[0] if drop else None,
                group=drop[1] if drop else None,
                extra_groups=[] if drop else None,
                env={"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "LANG": "C", "TERM": "dumb"},
            )
        except OSError as exc:
            os.close(master)
            os.close(slave)
            ours.close()
            raise LogonRefused(f"su could not start: {exc.strerror}") from None
        finally:
            theirs.close()
        os.close(slave)
        shell = PtyShell(process, master, BrokerLauncher(account, ours))
        try:
            await self._log_on(shell, password, marker)
        except BaseException:
            await shell.close()
            raise
        return shell

    async def _log_on(self, shell: PtyShell, password: str, marker: str) -> None:
        seen = b""
        try:
            async with asyncio.timeout(PROMPT_TIMEOUT_S):
                while b":" not in seen:  # "Password:", in whatever language
                    chunk = await shell.read()
                    if not chunk:
                        raise LogonRefused(_said(seen) or "su ended before asking the password.")
                    seen += chunk
        except TimeoutError:
            raise LogonRefused("su did not ask for the password.") from None
        shell.write(password.encode() + b"\n")
        seen = b""
        try:
            async with asyncio.timeout(AUTH_TIMEOUT_S):
                while marker.encode() not in seen:
                    chunk = await shell.read()
                    if not chunk:
                        raise LogonRefused(_said(seen) or "The account or password is not right.")
                    seen += chunk
        except TimeoutError:
            raise LogonRefused("The system did not answer the logon in time.") from None


def _said(output: bytes) -> str:
    """su's own last words (its reason: "Authentication failure"), one line, bounded."""
    lines = [line.strip() for line in output.decode(errors="replace").splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""
