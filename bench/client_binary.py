"""The one-file client as a customer gets it: its size, and how long from start to the join window.

    .venv/bin/python -m bench.client_binary [--binary dist/tandem-client] [--runs 5]

Builds nothing: measures the file installers/build-client.sh made. Each run starts it with a
fresh settings folder on a private Xvfb and stops the clock when its join window is mapped (what
the customer sees), found by polling ``xdotool search --onlyvisible`` every ``POLL_S``; the
client is then stopped. Targets (issue 13): at most 45 MB, at most 3 s.

On Linux the one file unpacks itself into the user's cache at its first start only
(installers/pack_client.py): each run starts with an empty cache, as a customer's download does
(``start_to_window_s``), then once more with the cache it filled (``warm_start_to_window_s``).

The last line is one JSON object: {"size_mb": ..., "start_to_window_s": ...,
"warm_start_to_window_s": ...} (medians).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_BINARY = Path(__file__).resolve().parents[1] / "dist" / "tandem-client"
JOIN_WINDOW = "Tandem — Get help"
# The clock's grain: far finer than the seconds measured; xdotool itself takes a few ms.
POLL_S = 0.02
WINDOW_TIMEOUT_S = 60.0
MB = 1_000_000
# Local clients only, anyone of them (a private server); no reset when the last client leaves.
XVFB_OPTIONS = ("-nolisten", "tcp", "-ac", "-noreset")


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A private Xvfb on a display number it picks (``-displayfd``)."""
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x720x24", *XVFB_OPTIONS],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as answer:
        display = answer.readline().strip()
    if not display:
        raise RuntimeError("Xvfb did not start")
    return process, f":{display}"


def window_shown(env: dict[str, str]) -> bool:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", JOIN_WINDOW],
        env=env,
        capture_output=True,
        text=True,
    )
    return bool(found.stdout.split())


def start_to_window(binary: Path, display: str, cache: Path) -> float:
    with tempfile.TemporaryDirectory(prefix="tandem-bench-client-") as config:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        env["XDG_CONFIG_HOME"] = config
        env["XDG_CACHE_HOME"] = str(cache)
        started = time.monotonic()
        process = subprocess.Popen(
            [str(binary)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while not window_shown(env):
                if process.poll() is not None:
                    raise RuntimeError(f"the client exited ({process.returncode}) with no window")
                if time.monotonic() - started > WINDOW_TIMEOUT_S:
                    raise RuntimeError(f"no join window in {WINDOW_TIMEOUT_S} s")
                time.sleep(POLL_S)
            return time.monotonic() - started
        finally:
            process.terminate()  # the bootloader passes it on and removes what it unpacked
            process.wait(30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", type=Path, default=DEFAULT_BINARY)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.binary.exists():
        print(f"{args.binary} is missing: run bash installers/build-client.sh", file=sys.stderr)
        return 1
    size_mb = args.binary.stat().st_size / MB
    print(f"size: {size_mb:.1f} MB ({args.binary})")
    xvfb, display = start_xvfb()
    try:
        first, warm = [], []
        for run in range(1, args.runs + 1):
            with tempfile.TemporaryDirectory(prefix="tandem-bench-cache-") as cache:
                first.append(start_to_window(args.binary, display, Path(cache)))
                warm.append(start_to_window(args.binary, display, Path(cache)))
            print(
                f"run {run}: start to join window {first[-1]:.2f} s, again {warm[-1]:.2f} s",
                flush=True,
            )
    finally:
        xvfb.terminate()
        xvfb.wait(10)
    median, warm_median = statistics.median(first), statistics.median(warm)
    print(f"median of {len(first)}: {median:.2f} s first, {warm_median:.2f} s again")
    figures = {"size_mb": round(size_mb, 1), "start_to_window_s": round(median, 2)}
    figures["warm_start_to_window_s"] = round(warm_median, 2)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
