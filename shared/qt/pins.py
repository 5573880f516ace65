"""Which certificate each known support center has, as the client remembers it.

A pin comes from a join link, from ``--fingerprint``, from the settings IT deploys with the MSI,
or from the demo console for its embedded center. The client never trusts a center it has no pin
for.

IT's settings are the machine's configuration (the system-wide settings file, read before the
user's): a pin there always wins. A join link may add a pin for a center this computer does not
know; it never replaces one by itself (``check_link_pin``).

Every address is first brought to its one spelling (``center_origin``): pins are kept under it,
so that 'https://CENTER.example.com:443/' finds the pin of 'https://center.example.com'. Pins
kept under another spelling (by IT, or by an older client) are still found.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QSettings

from shared.security.certificates import normalise_fingerprint
from shared.session.join_link import BadJoinLink, center_origin

ORGANIZATION = "Tandem"
CLIENT_APPLICATION = "Tandem Client"


class PinConflict(ValueError):
    """A pin that would replace the one IT set in the machine's configuration."""


class LinkPin(Enum):
    """What a join link's fingerprint is to the pins this computer already has."""

    NEW = "new"  # no pin for its center yet: the link's is kept (the link is the introduction)
    SAME = "same"  # the pin this computer has: join as ever
    CHANGED = "changed"  # the customer's own pin differs: only the customer may replace it
    MACHINE_DIFFERS = "machine_differs"  # IT's pin differs: the link is refused, never asked about


def client_settings() -> QSettings:
    """The customer's settings; what they do not set falls back to the machine's."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, CLIENT_APPLICATION
    )


def machine_settings() -> QSettings:
    """The machine's configuration, as IT deploys it (the system-wide settings file)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.SystemScope, ORGANIZATION, CLIENT_APPLICATION
    )


PINS_GROUP = "pins"


def _key(origin: str) -> str:
    # QSettings treats '/' as a group separator; keep the URL as one key.
    return f"{PINS_GROUP}/" + origin.replace("/", "|")


def _legacy_keys(settings: QSettings, origin: str) -> list[str]:
    """Keys of pins kept under another spelling of ``origin`` (before addresses had one)."""
    settings.beginGroup(PINS_GROUP)
    names = settings.childKeys()
    settings.endGroup()
    found = []
    for name in sorted(names):
        try:
            spelled = center_origin(name.replace("|", "/"))
        except BadJoinLink:
            continue  # a key no center can have: never a pin for this one
        key = f"{PINS_GROUP}/{name}"
        if spelled == origin and key != _key(origin):
            found.append(key)
    return found


def _fingerprint(value: object) -> str | None:
    try:
        return normalise_fingerprint(str(value)) if value else None
    except ValueError:
        return None


def _read(settings: QSettings, server_url: str) -> str | None:
    """The pin ``settings`` keep for ``server_url``'s center: under its one spelling first,
    else under another spelling of it. None for an address no center can have."""
    try:
        origin = center_origin(server_url)
    except BadJoinLink:
        return None
    for key in (_key(origin), *_legacy_keys(settings, origin)):
        pin = _fingerprint(settings.value(key))
        if pin is not None:
            return pin
    return None


def machine_pin(server_url: str) -> str | None:
    """The pin IT set for ``server_url`` in the machine's configuration, if any."""
    return _read(machine_settings(), server_url)


def remember_pin(server_url: str, fingerprint: str) -> None:
    """Keep ``fingerprint`` as the customer's pin for ``server_url``. Raises ``PinConflict``
    rather than shadow a different pin of IT's with the customer's own, ``BadJoinLink`` for an
    address no center can have."""
    fingerprint = normalise_fingerprint(fingerprint)
    origin = center_origin(server_url)
    it_s = machine_pin(origin)
    if it_s is not None and it_s != fingerprint:
        raise PinConflict(
            "The support center set up on this computer has another certificate; "
            "ask your IT department."
        )
    settings = client_settings()
    settings.setFallbacksEnabled(False)  # IT's keys are not the customer's to remove
    for key in _legacy_keys(settings, origin):  # one pin per center: no other spelling is left
        settings.remove(key)
    settings.setValue(_key(origin), fingerprint)
    settings.setValue("center/url", origin)
    settings.sync()


def pinned_fingerprint(server_url: str) -> str | None:
    """The certificate to trust for ``server_url``: IT's pin if it set one, else the
    customer's (a pin of the customer's written before IT's never shadows it)."""
    return machine_pin(server_url) or _read(client_settings(), server_url)


def check_link_pin(server_url: str, fingerprint: str) -> LinkPin:
    """How a join link's ``fingerprint`` for ``server_url`` stands to the pins kept."""
    fingerprint = normalise_fingerprint(fingerprint)
    it_s = machine_pin(server_url)
    if it_s is not None:
        return LinkPin.SAME if it_s == fingerprint else LinkPin.MACHINE_DIFFERS
    own = _read(client_settings(), server_url)
    if own is None:
        return LinkPin.NEW
    return LinkPin.SAME if own == fingerprint else LinkPin.CHANGED


def default_server() -> str | None:
    """The center last joined, in its one spelling (None for a stored address no center can
    have)."""
    value = client_settings().value("center/url")
    try:
        return center_origin(str(value)) if value else None
    except BadJoinLink:
        return None
