"""Run-as on Windows: ``CreateProcessWithLogonW`` starts ``cmd.exe`` as the account, its input
and output on anonymous pipes (written and type-checked, not run in tests: they run on Linux).

The account is ``name``, ``DOMAIN\\name`` or ``name@domain``; the password is handed to the
call and dropped. A wrong one is ``ERROR_LOGON_FAILURE`` (1326): a refusal, nothing runs."""

from __future__ import annotations

import asyncio
import contextlib
import sys

from shared.features.runas.shells import READ_CHUNK_BYTES, LogonRefused, Shell
from shared.session.launcher import Launcher

# How long cmd.exe gets to end after its input closes, before it is terminated.
EXIT_WAIT_S = 3.0

if sys.platform == "win32":
    import ctypes
    import msvcrt
    from ctypes import wintypes

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)

    LOGON_WITH_PROFILE = 0x00000001
    CREATE_NO_WINDOW = 0x08000000
    CREATE_UNICODE_ENVIRONMENT = 0x00000400
    STARTF_USESTDHANDLES = 0x00000100
    HANDLE_FLAG_INHERIT = 0x00000001
    ERROR_LOGON_FAILURE = 1326

    class STARTUPINFOW(ctypes.Structure):
        _fields_ = [
            ("cb", wintypes.DWORD),
            ("lpReserved", wintypes.LPWSTR),
            ("lpDesktop", wintypes.LPWSTR),
            ("lpTitle", wintypes.LPWSTR),
            ("dwX", wintypes.DWORD),
            ("dwY", wintypes.DWORD),
            ("dwXSize", wintypes.DWORD),
            ("dwYSize", wintypes.DWORD),
            ("dwXCountChars", wintypes.DWORD),
            ("dwYCountChars", wintypes.DWORD),
            ("dwFillAttribute", wintypes.DWORD),
            ("dwFlags", wintypes.DWORD),
            ("wShowWindow", wintypes.WORD),
            ("cbReserved2", wintypes.WORD),
            ("lpReserved2", ctypes.c_void_p),
            ("hStdInput", wintypes.HANDLE),
            ("hStdOutput", wintypes.HANDLE),
            ("hStdError", wintypes.HANDLE),
        ]

    class PROCESS_INFORMATION(ctypes.Structure):
        _fields_ = [
            ("hProcess", wintypes.HANDLE),
            ("hThread", wintypes.HANDLE),
            ("dwProcessId", wintypes.DWORD),
            ("dwThreadId", wintypes.DWORD),
        ]

    class SECURITY_ATTRIBUTES(ctypes.Structure):
        _fields_ = [
            ("nLength", wintypes.DWORD),
            ("lpSecurityDescriptor", ctypes.c_void_p),
            ("bInheritHandle", wintypes.BOOL),
        ]

    def _pipe() -> tuple[int, int]:
        """An inheritable anonymous pipe: (read end, write end) handles."""
        attributes = SECURITY_ATTRIBUTES(ctypes.sizeof(SECURITY_ATTRIBUTES), None, True)
        read, write = wintypes.HANDLE(), wintypes.HANDLE()
        if not _kernel32.CreatePipe(
            ctypes.byref(read), ctypes.byref(write), ctypes.byref(attributes), 0
        ):
            raise ctypes.WinError(ctypes.get_last_error())
        return int(read.value or 0), int(write.value or 0)

    def _keep_here(handle: int) -> None:
        """Our end of a pipe is not inherited by the child."""
        _kernel32.SetHandleInformation(wintypes.HANDLE(handle), HANDLE_FLAG_INHERIT, 0)

    def _close(handle: int) -> None:
        _kernel32.CloseHandle(wintypes.HANDLE(handle))

    class LogonShell:
        def __init__(self, process: int, stdin: int, stdout: int) -> None:
            self.process = process
            # Scripts as the account would need the password again for each: not kept.
            self.launcher: Launcher | None = None
            self._stdin = open(msvcrt.open_osfhandle(stdin, 0), "wb", buffering=0)  # noqa: SIM115  (lives as long as the shell)
            self._stdout = open(msvcrt.open_osfhandle(stdout, 0), "rb", buffering=0)  # noqa: SIM115
            self._closed = False

        async def read(self) -> bytes:
            if self._closed:
                return b""
            try:
                return await asyncio.to_thread(self._stdout.read, READ_CHUNK_BYTES)
            except OSError:
                return b""

        def write(self, data: bytes) -> None:
            with contextlib.suppress(OSError):  # cmd.exe reads lines ending in CR LF
                self._stdin.write(data.replace(b"\n", b"\r\n"))

        async def close(self) -> None:
            if self._closed:
                return
            self._closed = True
            with contextlib.suppress(OSError):
                self._stdin.close()
            waited = await asyncio.to_thread(
                _kernel32.WaitForSingleObject,
                wintypes.HANDLE(self.process),
                int(EXIT_WAIT_S * 1000),
            )
            if waited != 0:
                _kernel32.TerminateProcess(wintypes.HANDLE(self.process), 1)
            _close(self.process)
            with contextlib.suppress(OSError):
                self._stdout.close()

    class LogonShells:
        async def open(self, account: str, password: str) -> Shell:
            return await asyncio.to_thread(self._open, account, password)

        def _open(self, account: str, password: str) -> Shell:
            if "\\" in account:
                domain, user = account.split("\\", 1)
            elif "@" in account:
                domain, user = None, account  # a UPN carries its domain
            else:
                domain, user = ".", account  # the local computer's account
            in_read, in_write = _pipe()
            out_read, out_write = _pipe()
            _keep_here(in_write)
            _keep_here(out_read)
            startup = STARTUPINFOW()
            startup.cb = ctypes.sizeof(STARTUPINFOW)
            startup.dwFlags = STARTF_USESTDHANDLES
            startup.hStdInput = wintypes.HANDLE(in_read)
            startup.hStdOutput = wintypes.HANDLE(out_write)
            startup.hStdError = wintypes.HANDLE(out_write)
            info = PROCESS_INFORMATION()
            command = ctypes.create_unicode_buffer("cmd.exe /Q")
            ok = _advapi32.CreateProcessWithLogonW(
                user,
                domain,
                password,
                LOGON_WITH_PROFILE,
                None,
                command,
                CREATE_NO_WINDOW | CREATE_UNICODE_ENVIRONMENT,
                None,
                None,
                ctypes.byref(startup),
                ctypes.byref(info),
            )
            error = ctypes.get_last_error()
            _close(in_read)
            _close(out_write)
            if not ok:
                _close(in_write)
                _close(out_read)
                if error == ERROR_LOGON_FAILURE:
                    raise LogonRefused("The account or password is not right.")
                raise LogonRefused(f"Windows refused the logon (error {error}).")
            _close(int(info.hThread or 0))
            return LogonShell(int(info.hProcess or 0), in_write, out_read)
