"""Colour quantising and the bandwidth governor, without a screen."""

from __future__ import annotations

import numpy as np

from shared.features.desktop.protocol import ColourMode, Quality
from shared.media.bandwidth import MIN_FPS, BandwidthGovernor
from shared.media.colour import quantise
from shared.media.quality import settings_for


def words(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.uint32)


def test_full_colour_is_untouched() -> None:
    picture = words(0xFF123456)
    quantise(picture, ColourMode.FULL)
    assert picture[0] == 0xFF123456


def test_white_and_black_survive_every_mode() -> None:
    for mode in ColourMode:
        picture = words(0xFFFFFFFF, 0xFF000000)
        quantise(picture, mode)
        assert list(picture) == [0xFFFFFFFF, 0xFF000000], mode


def test_colour_counts() -> None:
    rng = np.random.default_rng(5)
    picture = rng.integers(0, 2**32, 200_000, dtype=np.uint32) | np.uint32(0xFF000000)
    high = picture.copy()
    quantise(high, ColourMode.HIGH16)
    low = picture.copy()
    quantise(low, ColourMode.PALETTE256)
    assert len(np.unique(high)) <= 65536
    assert len(np.unique(low)) <= 256
    # Each channel keeps its own top bits: the error stays within one step.
    for quantised, steps in ((high, (8, 4, 8)), (low, (64, 32, 32))):
        for shift, step in zip((0, 8, 16), steps, strict=True):
            a = (picture >> np.uint32(shift)) & np.uint32(255)
            b = (quantised >> np.uint32(shift)) & np.uint32(255)
            assert int(np.max(np.abs(a.astype(int) - b.astype(int)))) < step


def test_quantise_works_on_a_grab_buffer_in_place() -> None:
    buffer = bytearray(np.full(1920 * 1080, 0xFF808080, dtype=np.uint32).tobytes())
    quantise(buffer, ColourMode.PALETTE256)
    assert np.frombuffer(buffer, dtype=np.uint32)[12345] == 0xFF9292AA


def test_colour_modes_allow_coarser_coding() -> None:
    quantisers = [settings_for(Quality.STANDARD, mode).quantiser for mode in ColourMode]
    assert quantisers == sorted(quantisers) and len(set(quantisers)) == 3


def test_frame_rate_drops_when_the_estimate_falls_below_what_is_sent() -> None:
    governor = BandwidthGovernor()
    for i in range(60):  # one second of 60 frames of 25 kB: 12 Mbit/s
        governor.on_sent(25_000, now=100 + i / 60)
    governor.on_estimate(20_000_000, now=101)
    assert governor.limit(60) == 60  # plenty: no change
    governor.on_estimate(6_000_000, now=101)  # the estimator backed off below our rate
    limited = governor.limit(60)
    assert limited is not None and MIN_FPS <= limited < 40
    for _ in range(10):  # it recovers as estimates stop falling
        governor.on_estimate(6_000_000, now=101)
    assert governor.limit(60) == 60


def test_an_application_limited_estimate_does_not_throttle() -> None:
    governor = BandwidthGovernor()
    governor.on_estimate(300_000, now=50)  # estimator only saw an idle screen
    for i in range(60):
        governor.on_sent(25_000, now=100 + i / 60)
    governor.on_estimate(320_000, now=101)  # rising, though far below a burst: not congestion
    assert governor.limit(60) == 60
