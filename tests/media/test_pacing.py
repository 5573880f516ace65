"""The frame-rate cap: ordinary changes leave one frame interval apart; an animation at the cap's
own rate keeps every frame; the frame after remote input leaves at once; over time the rate
stays within the cap (simulated clock)."""

from __future__ import annotations

import itertools
import random

from shared.media.pacing import FRAME_BURST, INPUT_DRAW_S, FramePacer

CAP = 60.0
STEP_S = 0.0005  # the simulated screen changes this often: always something to send


def run(seconds: float, inputs_every: float | None) -> tuple[list[float], list[float]]:
    """Frames sent (their times) and, per input, how long its frame waited."""
    now = [0.0]
    pacer = FramePacer(clock=lambda: now[0])
    sent: list[float] = []
    waits: list[float] = []
    next_input = inputs_every if inputs_every is not None else float("inf")
    input_at: float | None = None
    while now[0] < seconds:
        if now[0] >= next_input:
            pacer.input_applied()
            input_at, next_input = now[0], next_input + (inputs_every or 0)
        if pacer.delay(CAP) == 0:
            pacer.spend(CAP, now[0])
            sent.append(now[0])
            if input_at is not None:
                waits.append(now[0] - input_at)
                input_at = None
        now[0] += STEP_S
    return sent, waits


def test_ordinary_changes_leave_one_frame_interval_apart() -> None:
    sent, _ = run(5.0, inputs_every=None)
    # Past the bucket that was full at the start, a screen always changing gets the cap: a
    # frame that left late (here by less than a step of the simulated clock) lets the next
    # leave as much sooner, no more.
    gaps = [b - a for a, b in itertools.pairwise(sent[int(FRAME_BURST) :])]
    assert min(gaps) >= 1 / CAP - STEP_S
    assert len(sent) <= 5.0 * CAP + FRAME_BURST


def test_an_animation_at_the_caps_rate_keeps_every_frame() -> None:
    """Drawn 60 times a second, each picture a few milliseconds early or late (the program's
    timer, the machine's load): no two pictures leave as one frame."""
    jitter = random.Random(15)
    drawn = [k / CAP + jitter.uniform(-0.004, 0.004) for k in range(1, int(10 * CAP))]
    now = [0.0]
    pacer = FramePacer(clock=lambda: now[0])
    sent = merged = 0
    waiting = False
    for at in drawn:
        while waiting and now[0] < at:  # the previous picture waits for the cap
            if pacer.delay(CAP) == 0:
                pacer.spend(CAP, now[0])
                sent, waiting = sent + 1, False
            else:
                now[0] += STEP_S
        merged += waiting  # still waiting: this picture leaves in the same frame
        now[0], waiting = max(now[0], at), True
    assert merged == 0, f"{merged} of {len(drawn)} pictures left with the next one"
    assert sent == len(drawn) - 1  # the last one still waits at the end of the run


def test_the_frame_after_input_leaves_at_once_within_the_cap() -> None:
    sent, waits = run(10.0, inputs_every=0.5)
    # Once the input's effect is drawn, not half a frame interval later on average.
    assert waits and max(waits) <= INPUT_DRAW_S + STEP_S
    assert len(sent) <= 10.0 * CAP + FRAME_BURST  # still the cap over the run
    for start in range(0, 9):  # and over any one second
        assert sum(1 for t in sent if start <= t < start + 1) <= CAP + FRAME_BURST
