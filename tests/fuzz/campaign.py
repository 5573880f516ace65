"""The long fuzz campaign behind ``scripts/fuzz.sh``: a million inputs or more per decoder.

Hypothesis draws a few hundred structured inputs per target (valid messages, messages with one
field wrong, inputs at the size limit); a plain byte-level mutator then runs a tight loop over
them (flips, JSON tokens, splices, repeats), fast enough for a million inputs in a few minutes.
Each target runs in a child process; ``faulthandler`` ends a child stuck on one input, and the
input it was on is kept in a shared file, so a hang is reported with the input that caused it.
Findings go to ``--out`` (one .bin input and one .txt traceback each). The last line printed is
one JSON object: the counts per target, and the crashes and hangs in all.
"""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import json
import mmap
import os
import random
import struct
import subprocess
import sys
import time
import traceback
import warnings
from pathlib import Path
from typing import Any

# One input slower than this is a hang in the making (a decode takes tens of microseconds).
SLOW_INPUT_S = 1.0
# A child silent on one batch for this long is stuck: faulthandler dumps its stack and ends it.
STUCK_BATCH_S = 30.0
BATCH = 512
# Largest input the mutator grows: past every decoder's limit (64 KiB), so the limits are hit.
MAX_INPUT_BYTES = 70 * 1024
# Where a child keeps the input it is on: count (8 bytes), length (4), then the input.
HEADER = struct.Struct("<QI")
# Structured inputs drawn with Hypothesis per target, to mutate from.
STRUCTURED_SEEDS = 300
# Crashes kept per target (distinct by where they were raised).
KEPT_FINDINGS = 20
# Tokens the mutator splices in: what breaks JSON parsers, number readers and URL parsers.
TOKENS = [
    b'"', b"\\", b"\\u", b"\\ud800", b"\\udfff", b"\\u0000", b"{", b"}", b"[", b"]", b",", b":",
    b"null", b"true", b"false", b"NaN", b"Infinity", b"-Infinity", b"1e400", b"-0", b"0.0",
    b"1e-400", b"9" * 20, b"9" * 4400, b"2147483648", b"9007199254740993", b"-1", b"1.5",
    b'"v":1', b'"v":2', b'"type":', b"\x00", b"\xff", b"\xed\xa0\x80", b"\xef\xbb\xbf",
    b"\xe2\x80\xae", b"\xf0\x9f\x91\xa9", b"%", b"%00", b"%ff", b"&", b"=", b"?", b"#", b"[::1]",
    b"https://", b"tandem://join?", b"session=", b"server=", b"fp=", b" ", b"\t", b"\n",
]  # fmt: skip


def structured_seeds(name: str, count: int, seed: int) -> list[bytes]:
    """``count`` inputs drawn from the suite's Hypothesis strategies for target ``name``."""
    from hypothesis import strategies as st

    from shared.protocol.codec import FROM_CENTER, PEER, TO_CENTER
    from tests.fuzz.test_http_bodies import BODIES
    from tests.fuzz.test_join_links import LINKS, PARTS
    from tests.fuzz.wire import wire_data

    strategies: dict[str, st.SearchStrategy[Any]] = {
        "peer": wire_data(PEER),
        "to_center": wire_data(TO_CENTER),
        "from_center": wire_data(FROM_CENTER),
        "http_body": BODIES,
        "http_path_number": PARTS,
        "join_link": LINKS,
        "session_number": PARTS,
    }
    strategy = strategies[name]
    drawn: list[bytes] = []

    from hypothesis import HealthCheck, given, settings

    @settings(database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def keep(value: str | bytes) -> None:
        drawn.append(value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass"))

    rng = random.Random(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(count * 3):
            if len(drawn) >= count:
                break
            with contextlib.suppress(Exception):
                keep.hypothesis.fuzz_one_input(rng.randbytes(2048))  # type: ignore[attr-defined]
    return drawn


def mutate(rng: random.Random, pool: list[bytes]) -> bytes:
    data = bytearray(rng.choice(pool))
    for _ in range(rng.choice((1, 1, 1, 2, 3, 6))):
        how = rng.randrange(8)
        at = rng.randrange(len(data) + 1)
        if how == 0 and data:  # flip a bit
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
        elif how == 1 and data:  # a byte at its edges
            data[rng.randrange(len(data))] = rng.choice((0, 1, 0x7F, 0x80, 0xFF, 0x22, 0x5C))
        elif how == 2:  # a token in
            data[at:at] = rng.choice(TOKENS)
        elif how == 3 and data:  # a range out
            data[at : at + rng.randrange(1, 32)] = b""
        elif how == 4 and data:  # a range repeated (nesting, long strings)
            end = min(len(data), at + rng.randrange(1, 16))
            data[at:at] = data[at:end] * rng.choice((2, 8, 64, 1024))
        elif how == 5:  # another input's tail
            other = rng.choice(pool)
            data[at:] = other[rng.randrange(len(other) + 1) :]
        elif how == 6 and data:  # a digit changed (numbers at their limits)
            for i in rng.sample(range(len(data)), min(len(data), 16)):
                if 0x30 <= data[i] <= 0x39:
                    data[i] = rng.randrange(0x30, 0x3A)
                    break
        else:  # padded to around a size limit
            size = rng.choice((8 * 1024, 16 * 1024, 64 * 1024)) + rng.randrange(-4, 3)
            if len(data) < size:
                data[at:at] = b" " * (size - len(data))
    return bytes(data[:MAX_INPUT_BYTES])


def child(name: str, inputs: int, seconds: float, seed: int, state: Path, out: Path) -> None:
    """Fuzz target ``name``; print one JSON line of counts."""
    from tests.fuzz.targets import TARGETS

    target = TARGETS[name]
    rng = random.Random(seed)
    started = time.perf_counter()
    pool = [
        data[:MAX_INPUT_BYTES]
        for data in (*target.seeds, *structured_seeds(name, STRUCTURED_SEEDS, seed))
    ]
    setup_s = time.perf_counter() - started
    with state.open("r+b") as handle:
        shared = mmap.mmap(handle.fileno(), HEADER.size + MAX_INPUT_BYTES)
    done = accepted = slow = 0
    crashes: dict[str, int] = {}
    deadline = time.perf_counter() + seconds
    run = target.run
    clock = time.perf_counter
    while done < inputs and clock() < deadline:
        faulthandler.dump_traceback_later(STUCK_BATCH_S, exit=True)
        for _ in range(min(BATCH, inputs - done)):
            # The pool's own inputs first, then mutants of them.
            data = pool[done] if done < len(pool) else mutate(rng, pool)[: target.max_input]
            shared[: HEADER.size + len(data)] = HEADER.pack(done, len(data)) + data
            begun = clock()
            try:
                accepted += run(data)
            except Exception as exc:
                where = traceback.extract_tb(exc.__traceback__)[-1]
                key = f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}"
                crashes[key] = crashes.get(key, 0) + 1
                if crashes[key] == 1 and len(crashes) <= KEPT_FINDINGS:
                    stem = out / f"{name}-crash-{len(crashes)}"
                    stem.with_suffix(".bin").write_bytes(data)
                    stem.with_suffix(".txt").write_text(traceback.format_exc())
            if clock() - begun > SLOW_INPUT_S:
                slow += 1
                (out / f"{name}-slow-{slow}.bin").write_bytes(data)
            done += 1
    faulthandler.cancel_dump_traceback_later()
    report = {
        "inputs": done,
        "accepted": accepted,
        "crashes": sum(crashes.values()),
        "crash_kinds": crashes,
        "hangs": slow,
        "seconds": round(clock() - started, 1),
        "setup_s": round(setup_s, 1),
    }
    print(json.dumps(report), flush=True)


def run_target(name: str, args: argparse.Namespace, seed: int) -> dict[str, Any]:
    """Run target ``name`` in a child process; a child ended by faulthandler is a hang."""
    state = args.out / f".{name}.state"
    state.write_bytes(bytes(HEADER.size + MAX_INPUT_BYTES))
    command = [
        sys.executable, "-m", "tests.fuzz.campaign", "--child", name,
        "--inputs", str(args.inputs), "--seconds", str(args.seconds),
        "--seed", str(seed), "--out", str(args.out),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = process.communicate(timeout=args.seconds + STUCK_BATCH_S + 300)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
    lines = stdout.strip().splitlines()
    if process.returncode == 0 and lines:
        report: dict[str, Any] = json.loads(lines[-1])
    else:  # stuck or dead: keep the input it was on
        count, length = HEADER.unpack_from(state.read_bytes())
        data = state.read_bytes()[HEADER.size : HEADER.size + length]
        (args.out / f"{name}-hang.bin").write_bytes(data)
        (args.out / f"{name}-hang.txt").write_text(stderr)
        report = {"inputs": count, "accepted": 0, "crashes": 0, "crash_kinds": {}, "hangs": 1}
        report["seconds"] = args.seconds
    state.unlink()
    return report


def main(argv: list[str] | None = None) -> int:
    from tests.fuzz.targets import TARGETS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1_000_000, help="inputs per target")
    parser.add_argument("--seconds", type=float, default=900, help="time bound per target")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), help="repeats")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:
        state = args.out / f".{args.child}.state"
        child(args.child, args.inputs, args.seconds, seed, state, args.out)
        return 0

    from concurrent.futures import ThreadPoolExecutor

    names = args.target or sorted(TARGETS)
    print(f"fuzzing {', '.join(names)}: {args.inputs:,} inputs or {args.seconds:g} s each, "
          f"seed {seed}, {args.jobs} at a time", flush=True)  # fmt: skip
    with ThreadPoolExecutor(args.jobs) as pool:
        futures = {
            name: pool.submit(run_target, name, args, seed + i) for i, name in enumerate(names)
        }
        reports = {}
        for name, future in futures.items():
            report = reports[name] = future.result()
            rate = report["inputs"] / max(report["seconds"], 1e-9)
            print(
                f"{name:>17}: {report['inputs']:>10,} inputs in {report['seconds']:>6.1f} s"
                f" ({rate:>8,.0f}/s), {report['accepted']:>9,} accepted,"
                f" {report['crashes']} crashes, {report['hangs']} hangs"
                + (f"  {report['crash_kinds']}" if report["crash_kinds"] else ""),
                flush=True,
            )
    summary = {
        "targets": {
            name: {
                key: report[key] for key in ("inputs", "accepted", "crashes", "hangs", "seconds")
            }
            for name, report in reports.items()
        },
        "inputs": sum(report["inputs"] for report in reports.values()),
        "crashes": sum(report["crashes"] for report in reports.values()),
        "hangs": sum(report["hangs"] for report in reports.values()),
        "seed": seed,
    }
    if summary["crashes"] or summary["hangs"]:
        print(f"findings (inputs and tracebacks) in {args.out}/", flush=True)
    print(json.dumps(summary), flush=True)
    return 1 if summary["crashes"] or summary["hangs"] else 0


if __name__ == "__main__":
    sys.exit(main())
