"""An idle shared screen costs the whole apps at most 3 kbit/s on loopback (issue 15).

The real apps in processes of their own (center, agent, customer sharing a still Xvfb screen
through the session), in a private network namespace whose loopback only they use: every byte
they send is counted (``bench/idle_apps.py``, the bench's own measurement, on a shorter window).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable

import pytest

from bench.idle_apps import measure_idle_apps
from tests.xserver import start_display

# The issue's budget for the whole apps' idle traffic: both peer connections, RTCP, STUN, the
# heartbeats and the center's socket.
IDLE_BUDGET_KBPS = 3.0
# Two rounds of the slowest keep-alives (ICE consent and the center's ping, every 15 s).
WINDOW_S = 30.0

needs_a_namespace = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("ip") is None,
    reason="counting the apps' own traffic needs a network namespace (root, iproute2)",
)


@needs_a_namespace
def test_an_idle_shared_screen_stays_within_the_traffic_budget(
    record_property: Callable[[str, object], None],
) -> None:
    server = start_display("1280x720x24")
    try:
        figures = measure_idle_apps(server.display, WINDOW_S)
    finally:
        server.stop()
        server.log.unlink(missing_ok=True)
    kbps = figures["idle_app_kbps"]
    assert kbps is not None, figures.get("error")
    record_property("idle_app_kbps", kbps)
    record_property("idle_sharer_cpu_pct", figures["idle_sharer_cpu_pct"])
    print(f"\nidle apps: {kbps} kbit/s, by kind: {figures['idle_bytes_by_kind']}")
    assert kbps <= IDLE_BUDGET_KBPS, figures
