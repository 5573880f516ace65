"""Each operating system's provider of system information, behind one interface
(``SystemProvider``); ``for_this_machine`` picks the one that runs here."""

from __future__ import annotations

import sys

from shared.features.sysinfo.providers.base import SystemProvider


def for_this_machine() -> SystemProvider:
    if sys.platform == "win32":
        from shared.features.sysinfo.providers.windows import WindowsProvider

        return WindowsProvider()
    if sys.platform == "darwin":
        from shared.features.sysinfo.providers.macos import MacProvider

        return MacProvider()
    from shared.features.sysinfo.providers.linux import LinuxProvider

    return LinuxProvider()
