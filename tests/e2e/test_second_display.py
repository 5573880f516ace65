"""A second machine's display takes every program that connects to it, even while others come
and go (as xdotool does at each poll of a test)."""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor

from tests.e2e.machines import CustomerMachine

CLIENTS = 4  # programs connecting at the same time
VISITS = 15  # connections each, one after the other


def test_a_display_takes_every_client_while_others_come_and_go(
    customer_machine: CustomerMachine,
) -> None:
    def visits(_: int) -> list[str]:
        refused = []
        for _ in range(VISITS):
            done = subprocess.run(
                ["xdotool", "getmouselocation"],
                env=customer_machine.env,
                capture_output=True,
                text=True,
                timeout=20,
            )
            if done.returncode != 0:
                refused.append(done.stderr.strip())
        return refused

    with ThreadPoolExecutor(CLIENTS) as pool:
        refused = [error for errors in pool.map(visits, range(CLIENTS)) for error in errors]
    assert not refused, f"{len(refused)} of {CLIENTS * VISITS} connections refused: {refused[:3]}"
