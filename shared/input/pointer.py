"""Where this machine's pointer is, for drawing it on the viewer's side, and the system's notice
of its moves (so that a resting pointer is not sampled)."""

from __future__ import annotations

from functools import cache

from pynput.mouse import Controller

from shared.input.pointer_motion import PointerMotion, pointer_motion


@cache
def _mouse() -> Controller:
    return Controller()


class SystemPointer:
    """This machine's pointer: called, its position in desktop pixels."""

    def __call__(self) -> tuple[int, int]:
        x, y = _mouse().position
        return int(x), int(y)

    def motion(self) -> PointerMotion | None:
        """A notice of its moves, where the system gives one (call on the event loop)."""
        return pointer_motion()


pointer_position = SystemPointer()
