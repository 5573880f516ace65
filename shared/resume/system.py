"""The real autostart entries and reboots, one per OS (only Linux's run in tests; the others
are written and type-checked).

- Linux: an XDG autostart entry, ``$XDG_CONFIG_HOME/autostart/tandem-resume.desktop`` (the
  desktop session runs it at the next log-on); the reboot is ``systemctl reboot`` (logind lets
  the user at the machine's own session do it).
- Windows: a value under ``HKCU\\...\\RunOnce`` (Windows deletes it before running it); the
  reboot is ``shutdown /r /t 0``.
- macOS: a LaunchAgent, ``~/Library/LaunchAgents/<label>.plist``, run at load; the reboot asks
  System Events to restart (applications may save), falling back to ``shutdown -r now``.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from pathlib import Path

from shared.resume.ports import RestartPorts, private_folder

ENTRY_NAME = "tandem-resume"
MAC_LABEL = "org.tandem.resume"
RUN_ONCE_KEY = r"Software\Microsoft\Windows\CurrentVersion\RunOnce"
# How long the reboot command has to answer (it returns at once when the system agrees).
REBOOT_COMMAND_TIMEOUT_S = 30.0


def desktop_quote(argument: str) -> str:
    """One argument of a desktop entry's Exec key: double-quoted, with the characters the
    specification reserves inside quotes escaped (and backslashes escaped once more, as every
    string value of a desktop entry is)."""
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return '"' + escaped.replace("\\", "\\\\") + '"'


class XdgAutostart:
    """``tandem-resume.desktop`` in the user's autostart folder."""

    def __init__(self, config_home: Path | None = None) -> None:
        base = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        self.path = base / "autostart" / f"{ENTRY_NAME}.desktop"

    def install(self, command: list[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        exec_line = " ".join(desktop_quote(argument) for argument in command)
        self.path.write_text(
            "[Desktop Entry]\n"
            "Type=Application\n"
            "Name=Tandem: back to your support session\n"
            f"Exec={exec_line}\n"
            "X-GNOME-Autostart-enabled=true\n"
            "NoDisplay=true\n",
            encoding="utf-8",
        )

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)

    def installed(self) -> bool:
        return self.path.exists()


class LaunchAgentAutostart:
    """A LaunchAgent that runs once at the next log-on (the client deletes it when it starts)."""

    def __init__(self, home: Path | None = None) -> None:
        self.path = (home or Path.home()) / "Library" / "LaunchAgents" / f"{MAC_LABEL}.plist"

    def install(self, command: list[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        agent = {"Label": MAC_LABEL, "ProgramArguments": command, "RunAtLoad": True}
        self.path.write_bytes(plistlib.dumps(agent))

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)

    def installed(self) -> bool:
        return self.path.exists()


class RunOnceAutostart:
    """A value under the user's RunOnce key (Windows runs it once at the next log-on)."""

    def install(self, command: list[str]) -> None:
        if sys.platform == "win32":
            import winreg

            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_ONCE_KEY) as key:
                winreg.SetValueEx(
                    key, ENTRY_NAME, 0, winreg.REG_SZ, subprocess.list2cmdline(command)
                )
        else:
            raise OSError("The RunOnce key exists on Windows only.")

    def remove(self) -> None:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(
                    winreg.HKEY_CURRENT_USER, RUN_ONCE_KEY, 0, winreg.KEY_SET_VALUE
                ) as key:
                    winreg.DeleteValue(key, ENTRY_NAME)
            except FileNotFoundError:
                pass

    def installed(self) -> bool:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_ONCE_KEY) as key:
                    winreg.QueryValueEx(key, ENTRY_NAME)
            except FileNotFoundError:
                return False
            return True
        return False


class SystemReboot:
    """The OS's own restart command."""

    def reboot(self) -> None:
        if sys.platform == "win32":
            commands = [["shutdown", "/r", "/t", "0"]]
        elif sys.platform == "darwin":
            commands = [
                ["osascript", "-e", 'tell application "System Events" to restart'],
                ["shutdown", "-r", "now"],
            ]
        else:
            commands = [["systemctl", "reboot"]]
        why = ""
        for command in commands:
            try:
                done = subprocess.run(
                    command,
                    capture_output=True,
                    text=True,
                    timeout=REBOOT_COMMAND_TIMEOUT_S,
                    check=False,
                )
            except (OSError, subprocess.TimeoutExpired) as exc:
                why = str(exc)
                continue
            if done.returncode == 0:
                return
            why = (done.stderr or done.stdout).strip()[:200]
        raise OSError(why or "the system refused to restart")


def system_ports() -> RestartPorts:
    """This computer's own autostart entry and reboot."""
    autostart: XdgAutostart | LaunchAgentAutostart | RunOnceAutostart
    if sys.platform == "win32":
        autostart = RunOnceAutostart()
    elif sys.platform == "darwin":
        autostart = LaunchAgentAutostart()
    else:
        autostart = XdgAutostart()
    return RestartPorts(autostart, SystemReboot(), private_folder())
