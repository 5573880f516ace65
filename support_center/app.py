"""Builds and runs the support center: HTTPS API and signaling WebSocket on one port."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from dataclasses import dataclass

from aiohttp import web

from shared.security.certificates import ensure_certificate, fingerprint_of, server_ssl_context
from support_center.api import (
    CONFIG,
    FINGERPRINT,
    HUB,
    KNOWN_ADDRESSES,
    LOGIN_LIMITER,
    PASSWORD_GATE,
    STORE,
    add_routes,
    problems_as_json,
)
from support_center.config import CenterConfig
from support_center.data_folder import make_private
from support_center.hub import Hub
from support_center.password_checks import PasswordGate
from support_center.rate_limit import FailureLimiter, KnownAddresses
from support_center.store import Store

log = logging.getLogger(__name__)


@dataclass
class RunningCenter:
    runner: web.AppRunner
    hub: Hub
    store: Store
    url: str
    fingerprint: str
    port: int

    async def stop(self) -> None:
        await self.hub.shutdown()
        await self.runner.cleanup()
        self.store.close()


def certificate_hosts(config: CenterConfig) -> list[str]:
    hosts = {config.host, "127.0.0.1", "localhost"}
    hosts.discard("0.0.0.0")
    return sorted(hosts)


async def start_center(config: CenterConfig) -> RunningCenter:
    """Start listening; port 0 picks a free port (the result says which)."""
    make_private(config.data_dir)  # before anything is written in it
    cert, key = ensure_certificate(config.data_dir, certificate_hosts(config))
    store = Store(config.database_path)
    make_private(config.data_dir)  # the certificate just made, and an older center's files
    store.mark_all_disconnected()
    gate = PasswordGate()
    await gate.warm()
    hub = Hub(store, config, gate)
    hub.lobby.start()  # customers waiting before a restart keep their place a while
    app = web.Application(middlewares=[problems_as_json])
    app[STORE] = store
    app[CONFIG] = config
    app[FINGERPRINT] = fingerprint_of(cert)
    app[LOGIN_LIMITER] = FailureLimiter(config.max_failures, config.failure_window_s)
    app[KNOWN_ADDRESSES] = KnownAddresses()
    app[PASSWORD_GATE] = gate
    app[HUB] = hub
    add_routes(app)
    app.router.add_get("/ws", hub.serve_socket)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, config.host, config.port, ssl_context=server_ssl_context(cert, key))
    await site.start()
    # aiohttp exposes the bound socket (needed when port 0 picked one) only here.
    sockets = getattr(site._server, "sockets", None) or []
    port = int(sockets[0].getsockname()[1]) if sockets else config.port
    if config.port == 0:
        config.port = port
    log.info("support center listening on %s (certificate %s)", config.url, app[FINGERPRINT])
    return RunningCenter(runner, hub, store, config.url, app[FINGERPRINT], port)


async def serve_forever(config: CenterConfig) -> None:
    center = await start_center(config)
    print(f"Tandem support center on {center.url}", flush=True)
    print(f"Certificate fingerprint (SHA-256): {center.fingerprint}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await center.stop()
