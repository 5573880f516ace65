"""The center's socket keeps quiet when idle, yet silence is still noticed in the named time:
a frozen center by the app (``center_link.WS_HEARTBEAT_S``), a frozen app by the center
(``hub.SOCKET_PING_INTERVAL_S``). Real sockets, real timeouts; each wait ends on the event."""

from __future__ import annotations

import asyncio
import signal
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from shared.protocol.messages import FromCenter
from shared.session.live import RECONNECT_WINDOW_S
from shared.transport.center_link import WS_HEARTBEAT_S, CenterLink
from support_center.hub import SOCKET_PING_INTERVAL_S
from tests.helpers import CenterFixture
from tests.integration.support import pinned_http
from tests.integration.test_bad_input import join, open_session_number

REPO_ROOT = Path(__file__).resolve().parents[2]
# aiohttp pings after the interval of silence and gives the pong half of it.
PONG_SHARE = 0.5
# Beyond the bound: aiohttp rounds each of its two timers (ping, pong) up to the second, and
# start-up.
SLACK_S = 4.0


def test_the_apps_never_ping_a_live_center_and_notice_a_dead_one_within_the_window() -> None:
    # The center's pings arrive before the app's own would leave, so only one side pings.
    assert SOCKET_PING_INTERVAL_S < WS_HEARTBEAT_S
    # A dead center is noticed with half the window to get back to it still left.
    assert WS_HEARTBEAT_S * (1 + PONG_SHARE) <= RECONNECT_WINDOW_S / 2


async def test_a_frozen_center_is_noticed_by_the_app() -> None:
    with tempfile.TemporaryDirectory(prefix="tandem-frozen-center-") as data:
        center = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.idle_apps",
            "--role",
            "center",
            data,
            stdout=asyncio.subprocess.PIPE,
            cwd=REPO_ROOT,
        )
        try:
            assert center.stdout is not None
            line = await asyncio.wait_for(center.stdout.readline(), 60)
            word, url, fingerprint = line.decode().split()
            assert word == "CENTER"
            link = CenterLink(url, fingerprint)
            closed = asyncio.Event()

            def ignore(_message: FromCenter) -> None:
                pass

            await link.open_socket(ignore, closed.set)
            center.send_signal(signal.SIGSTOP)  # sockets open, nobody answering
            frozen_at = time.monotonic()
            bound = WS_HEARTBEAT_S * (1 + PONG_SHARE)
            await asyncio.wait_for(closed.wait(), bound + SLACK_S)
            elapsed = time.monotonic() - frozen_at
            print(f"\nfrozen center noticed by the app after {elapsed:.1f} s")
            assert elapsed <= bound + SLACK_S
            await link.close()
        finally:
            center.kill()
            await center.wait()


async def test_a_frozen_app_loses_its_seat_at_the_center(center: CenterFixture) -> None:
    number = await open_session_number(center)
    bound = SOCKET_PING_INTERVAL_S * (1 + PONG_SHARE)
    # A customer that joined, then answers nothing: no automatic pongs, as a frozen machine.
    async with (
        pinned_http(center) as http,
        http.ws_connect(center.running.url + "/ws", autoping=False) as ws,
    ):
        await ws.send_str(join(number))
        joined_at = time.monotonic()
        while True:  # the welcome, the center's pings (unanswered), then the close
            frame = await ws.receive(timeout=bound + SLACK_S)
            if frame.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
        elapsed = time.monotonic() - joined_at
    print(f"\nfrozen customer's socket closed by the center after {elapsed:.1f} s")
    assert elapsed <= bound + SLACK_S
    seats = center.running.store.participants(number)
    assert [s["left_reason"] for s in seats if s["role"] == "customer"] == ["disconnected"]
