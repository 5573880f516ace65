"""Script runs as the run-as account (Linux, macOS): a small broker su starts as that account.

The password is used once, by su, at logon; it is not kept for later runs. Instead su starts
this broker as the account: it runs the interactive shell on the pseudo-terminal for the agent
and, on a socket the client handed to su (``BROKER_FD``), starts the session's scripts as the
account: a temporary folder of its own (mode 0700, owned by the account), the script in a
process group of its own writing into pipes the client passed over the socket, killed on
request, the folder removed. When the shell ends (log off) or the client goes, the broker kills
what it started, removes its folders and exits.

The broker's code is given to the system's ``python3`` in su's command line (the account may not
be able to read the client's own files); it holds no secret.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import socket
from pathlib import Path
from typing import Any

from shared.session.launcher import Launched

# How long a first call waits for the broker to say it runs (a system without python3 has the
# shell alone, and the broker never says so).
READY_WAIT_S = 10.0
# How long closing waits for the broker to say its scripts are killed and folders gone.
CLOSE_WAIT_S = 5.0
# The exit status said for a script whose broker went before saying how it ended (killed).
LOST_STATUS = -9

BROKER_CODE = r"""
import base64, json, os, shutil, signal, socket, subprocess, sys, tempfile, threading
sock = socket.socket(fileno=int(sys.argv[1]))
lock = threading.Lock()
running = {}
folders = set()
shell = subprocess.Popen(["/bin/sh", "-i"])
def send(obj):
    with lock:
        try:
            sock.sendall((json.dumps(obj) + "\n").encode())
        except OSError:
            pass
def clean(*_):
    for pid in list(running):
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    for folder in list(folders):
        shutil.rmtree(folder, ignore_errors=True)
    folders.clear()
def leave(*_):
    clean()
    try:
        os.kill(shell.pid, signal.SIGHUP)
    except OSError:
        pass
    os._exit(0)
def watch(process):
    status = process.wait()  # (its group stays killable: children may outlive it)
    send({"exited": process.pid, "status": status})
def handle(request, fds):
    op = request["op"]
    if op == "folder":
        folder = tempfile.mkdtemp(prefix="tandem-script-")
        folders.add(folder)
        for name, (data, mode) in request["files"].items():
            path = os.path.join(folder, os.path.basename(name))
            with open(path, "wb") as file:
                file.write(base64.b64decode(data))
            os.chmod(path, mode)
        return {"folder": folder}
    if op == "start":
        out, err = fds.pop(0), fds.pop(0)
        try:
            process = subprocess.Popen(request["command"], cwd=request["cwd"],
                stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True)
        finally:
            os.close(out)
            os.close(err)
        running[process.pid] = process
        threading.Thread(target=watch, args=(process,), daemon=True).start()
        return {"pid": process.pid}
    if op == "kill":
        if request["pid"] in running:
            os.killpg(request["pid"], signal.SIGKILL)
        return {}
    if op == "remove":
        if request["folder"] in folders:
            folders.discard(request["folder"])
            shutil.rmtree(request["folder"], ignore_errors=True)
        return {}
    if op == "close":
        clean()
        return {}
    raise ValueError(op)
def serve():
    buffer, fds = b"", []
    while True:
        data, got, _, _ = socket.recv_fds(sock, 1 << 16, 4)
        fds += got
        if not data:
            leave()
        buffer += data
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            request = json.loads(line)
            try:
                reply = handle(request, fds)
            except Exception as exc:
                reply = {"error": str(exc)[:200]}
            reply["id"] = request["id"]
            send(reply)
signal.signal(signal.SIGHUP, leave)
signal.signal(signal.SIGTERM, leave)
threading.Thread(target=serve, daemon=True).start()
send({"ready": True})
shell.wait()
leave()
"""


def broker_command(marker: str, fd: int) -> str:
    """su's ``-c`` command: say the marker once logged on, then become the broker on socket
    ``fd`` (without ``python3``, the shell alone: scripts cannot run as the account)."""
    code = base64.b64encode(BROKER_CODE.encode()).decode()
    return (
        f"echo {marker}; command -v python3 >/dev/null 2>&1 && exec python3 -c "
        f"'import base64,sys; exec(base64.b64decode(\"{code}\"))' {int(fd)}; "
        "exec /bin/sh -i"
    )


class _Process:
    def __init__(
        self,
        broker: BrokerLauncher,
        pid: int,
        stdout: asyncio.StreamReader,
        stderr: asyncio.StreamReader,
    ) -> None:
        self._broker = broker
        self.pid = pid
        self.stdout = stdout
        self.stderr = stderr

    async def wait(self) -> int:
        return await self._broker.exit_of(self.pid)

    def kill_group(self) -> None:
        self._broker.kill(self.pid)


class BrokerLauncher:
    """The client's end of the broker's socket: a ``Launcher`` for the run-as account."""

    def __init__(self, account: str, sock: socket.socket) -> None:
        self.account = account
        self._sock = sock
        sock.setblocking(False)
        self._next = 0
        self._replies: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._exits: dict[int, asyncio.Future[int]] = {}
        self._sending = asyncio.Lock()
        self._closed = False
        self._killing: set[asyncio.Task[dict[str, Any]]] = set()
        self._ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._reader = asyncio.ensure_future(self._read())

    async def make_folder(self, files: dict[str, tuple[bytes, int]]) -> Path:
        reply = await self._call(
            "folder",
            files={n: (base64.b64encode(d).decode(), m) for n, (d, m) in files.items()},
        )
        return Path(str(reply["folder"]))

    async def start(self, command: list[str], cwd: Path) -> Launched:
        loop = asyncio.get_running_loop()
        readers: list[asyncio.StreamReader] = []
        ends: list[int] = []
        try:
            for _ in range(2):
                read_end, write_end = os.pipe()
                ends.append(write_end)
                reader = asyncio.StreamReader()
                await loop.connect_read_pipe(
                    lambda r=reader: asyncio.StreamReaderProtocol(r),  # type: ignore[misc]
                    os.fdopen(read_end, "rb", 0),
                )
                readers.append(reader)
            reply = await self._call("start", fds=ends, command=command, cwd=str(cwd))
        finally:
            for end in ends:
                os.close(end)  # the broker's copies are the script's; the pipes end with it
        pid = int(reply["pid"])
        self._exits.setdefault(pid, loop.create_future())
        return _Process(self, pid, readers[0], readers[1])

    async def remove_folder(self, folder: Path) -> None:
        with contextlib.suppress(OSError):
            await self._call("remove", folder=str(folder))

    async def exit_of(self, pid: int) -> int:
        return await asyncio.shield(self._exits[pid])

    def kill(self, pid: int) -> None:
        """Kill the script's group now (from a synchronous place: the call goes on its own)."""
        if not self._closed:
            task = asyncio.ensure_future(self._call("kill", pid=pid))
            self._killing.add(task)
            task.add_done_callback(self._killed)

    def _killed(self, task: asyncio.Task[dict[str, Any]]) -> None:
        self._killing.discard(task)
        if not task.cancelled():
            task.exception()  # (the broker gone: its scripts went with it)

    async def close(self) -> None:
        """Kill every script it runs and remove their folders (before the shell logs off)."""
        if self._closed:
            return
        with contextlib.suppress(OSError, TimeoutError):
            await asyncio.wait_for(self._call("close"), CLOSE_WAIT_S)
        self._closed = True
        self._reader.cancel()
        self._lost()
        self._sock.close()

    async def _call(self, op: str, fds: list[int] | None = None, **fields: Any) -> dict[str, Any]:
        if self._closed:
            raise ConnectionError("logged off")
        try:
            await asyncio.wait_for(asyncio.shield(self._ready), READY_WAIT_S)
        except TimeoutError:
            raise ConnectionError("scripts cannot run as this account here") from None
        loop = asyncio.get_running_loop()
        self._next += 1
        request_id = self._next
        reply: asyncio.Future[dict[str, Any]] = loop.create_future()
        self._replies[request_id] = reply
        data = (json.dumps({"id": request_id, "op": op, **fields}) + "\n").encode()
        async with self._sending:
            if fds:
                # Small, and sent once the previous request's bytes are read: no room to wait.
                socket.send_fds(self._sock, [data], fds)
            else:
                await loop.sock_sendall(self._sock, data)
        answer = await reply
        if "error" in answer:
            raise OSError(str(answer["error"]))
        return answer

    async def _read(self) -> None:
        loop = asyncio.get_running_loop()
        buffer = b""
        try:
            while True:
                data = await loop.sock_recv(self._sock, 1 << 16)
                if not data:
                    break
                buffer += data
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    self._heard(json.loads(line))
        except (OSError, ValueError):
            pass
        finally:
            self._closed = True
            self._lost()

    def _heard(self, message: dict[str, Any]) -> None:
        if "ready" in message:
            if not self._ready.done():
                self._ready.set_result(None)
            return
        if "exited" in message:
            pid = int(message["exited"])
            future = self._exits.setdefault(pid, asyncio.get_running_loop().create_future())
            if not future.done():
                future.set_result(int(message["status"]))
            return
        reply = self._replies.pop(int(message["id"]), None)
        if reply is not None and not reply.done():
            reply.set_result(message)

    def _lost(self) -> None:
        """The broker is gone: nothing more will be said; its scripts were killed with it."""
        if not self._ready.done():
            self._ready.set_exception(ConnectionError("the run-as account logged off"))
            self._ready.exception()  # (said to each caller, not as never retrieved)
        for reply in self._replies.values():
            if not reply.done():
                reply.set_exception(ConnectionError("the run-as account logged off"))
        self._replies.clear()
        for future in self._exits.values():
            if not future.done():
                future.set_result(LOST_STATUS)
