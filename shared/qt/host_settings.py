"""Where a feature keeps what its user chose (a folder, a device) across sessions and runs: the
console's settings on the agent's side, the customer's own settings on the client."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from shared.qt.feature_views import SessionHost
from shared.qt.pins import client_settings


def settings_of(host: SessionHost) -> QSettings:
    if host.side == "customer":
        return client_settings()
    kept = getattr(host.preferences, "settings", None)  # the console's Preferences
    return kept if isinstance(kept, QSettings) else QSettings()
