"""Which local addresses ICE offers as host candidates.

aioice leaves 127.0.0.1 out of its host candidates, so two peers on one machine could only meet
through the machine's other interfaces. Tests and benches run on loopback only (no traffic may
leave the machine), so they restrict gathering to 127.0.0.1 with ``restrict_host_addresses``.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import aioice.ice

_original: Callable[[bool, bool], list[str]] = aioice.ice.get_host_addresses

# Comma-separated addresses, e.g. "127.0.0.1": the only host candidates this process offers.
HOST_ADDRESSES_ENV = "TANDEM_ICE_HOST_ADDRESSES"


def restrict_host_addresses(addresses: list[str] | None) -> None:
    """Offer exactly ``addresses`` as host candidates (None restores aioice's own choice)."""
    if addresses is None:
        aioice.ice.get_host_addresses = _original  # type: ignore[assignment]
        return
    chosen = list(addresses)

    def fixed(use_ipv4: bool, use_ipv6: bool) -> list[str]:
        return [a for a in chosen if (":" in a and use_ipv6) or (":" not in a and use_ipv4)]

    aioice.ice.get_host_addresses = fixed


def apply_environment() -> None:
    """Honour TANDEM_ICE_HOST_ADDRESSES, so child processes of tests stay on loopback too."""
    value = os.environ.get(HOST_ADDRESSES_ENV, "").strip()
    if value:
        restrict_host_addresses([part.strip() for part in value.split(",") if part.strip()])
