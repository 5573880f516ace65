"""Where this machine's pointer is, for drawing it on the viewer's side."""

from __future__ import annotations

from functools import cache

from pynput.mouse import Controller


@cache
def _mouse() -> Controller:
    return Controller()


def pointer_position() -> tuple[int, int]:
    """The pointer's position in desktop pixels."""
    x, y = _mouse().position
    return int(x), int(y)
