"""Short builders for the wire's input messages."""

from __future__ import annotations

from shared.features.desktop.protocol import (
    KeyAction,
    KeyInput,
    PointerAction,
    PointerButton,
    PointerInput,
    TextInput,
)

ACTIVITY = "control-1"


def pointer(
    action: PointerAction,
    x: int,
    y: int,
    button: PointerButton | None = None,
    dx: int = 0,
    dy: int = 0,
) -> PointerInput:
    return PointerInput(activity=ACTIVITY, action=action, x=x, y=y, button=button, dx=dx, dy=dy)


def move(x: int, y: int) -> PointerInput:
    return pointer(PointerAction.MOVE, x, y)


def down(x: int, y: int, button: PointerButton = PointerButton.LEFT) -> PointerInput:
    return pointer(PointerAction.DOWN, x, y, button)


def up(x: int, y: int, button: PointerButton = PointerButton.LEFT) -> PointerInput:
    return pointer(PointerAction.UP, x, y, button)


def wheel(x: int, y: int, dx: int = 0, dy: int = 0) -> PointerInput:
    return pointer(PointerAction.WHEEL, x, y, dx=dx, dy=dy)


def key_down(key: str) -> KeyInput:
    return KeyInput(activity=ACTIVITY, action=KeyAction.DOWN, key=key)


def key_up(key: str) -> KeyInput:
    return KeyInput(activity=ACTIVITY, action=KeyAction.UP, key=key)


def text(value: str) -> TextInput:
    return TextInput(activity=ACTIVITY, text=value)
