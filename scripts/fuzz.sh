#!/usr/bin/env bash
# The long fuzz campaign: every decoder (peer codec, signaling codecs, the center's HTTP bodies
# and path numbers, join links, typed session numbers) with 1,000,000 inputs each by default,
# each target bounded in time (--seconds, default 900). Not part of test.sh: it takes minutes.
# Options: --inputs N, --seconds S, --target NAME (repeats), --jobs N, --seed N, --out DIR.
# Prints counts per target and, as its last line, one JSON object; exits 1 on a crash or hang,
# with the inputs and tracebacks in --out (default fuzz-findings/).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m tests.fuzz.campaign "$@"
