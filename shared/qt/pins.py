"""Which certificate each known support center has, as the client remembers it.

A pin comes from a join link, from ``--fingerprint``, from the settings IT deploys with the MSI,
or from the demo console for its embedded center. The client never trusts a center it has no pin
for.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from shared.security.certificates import normalise_fingerprint

ORGANIZATION = "Tandem"
CLIENT_APPLICATION = "Tandem Client"


def client_settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, CLIENT_APPLICATION
    )


def _key(server_url: str) -> str:
    # QSettings treats '/' as a group separator; keep the URL as one key.
    return "pins/" + server_url.rstrip("/").replace("/", "|")


def remember_pin(server_url: str, fingerprint: str) -> None:
    settings = client_settings()
    settings.setValue(_key(server_url), normalise_fingerprint(fingerprint))
    settings.setValue("center/url", server_url.rstrip("/"))
    settings.sync()


def pinned_fingerprint(server_url: str) -> str | None:
    value = client_settings().value(_key(server_url))
    try:
        return normalise_fingerprint(str(value)) if value else None
    except ValueError:
        return None


def default_server() -> str | None:
    value = client_settings().value("center/url")
    return str(value) if value else None
