"""What of the screen a share of applications sends, from the stacking order alone: a shared
window's pixels where it is on top, hatched where another window covers it, black where
nothing shared is; and input taken where a shared window shows only."""

from __future__ import annotations

import numpy as np

from shared.windows import Rect
from shared.windows.apps import BLACK, HATCHED, SHOWN, Layer, bounds, mask, shows

SCREEN = Rect(0, 0, 100, 100)
# Bottom to top: a shared window, another program's over its right half, a second shared
# window over that (say a dialog of the shared application), and a menu far away.
LAYERS = [
    Layer(Rect(10, 10, 40, 40), True),
    Layer(Rect(30, 10, 40, 20), False),
    Layer(Rect(40, 15, 10, 10), True),
    Layer(Rect(80, 80, 10, 10), False),
]


def test_the_picture_holds_the_shared_windows_only() -> None:
    area = bounds(LAYERS, SCREEN)
    assert area == Rect(10, 10, 40, 40)
    what = mask(LAYERS, area)
    assert what[0, 0] == SHOWN  # the first window, uncovered
    assert what[5, 25] == HATCHED  # under the other program's window
    assert what[10, 35] == SHOWN  # the dialog over it
    assert what[30, 25] == SHOWN
    beside = mask(LAYERS, Rect(50, 10, 30, 30))
    assert np.all(beside[:20, :20] == BLACK)  # the other program's window over nothing shared


def test_input_lands_only_where_a_shared_window_shows() -> None:
    assert shows(LAYERS, 12, 12)
    assert not shows(LAYERS, 35, 12)  # the other program's window
    assert shows(LAYERS, 45, 20)  # the dialog
    assert not shows(LAYERS, 85, 85)
    assert not shows(LAYERS, 5, 5)  # the desktop


def test_nothing_shown_sends_nothing() -> None:
    assert bounds([Layer(Rect(10, 10, 40, 40), False)], SCREEN) is None
    assert bounds([Layer(Rect(200, 200, 40, 40), True)], SCREEN) is None  # off the screen
