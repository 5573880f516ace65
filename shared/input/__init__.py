"""Remote input on the sharing machine: injecting it, mapping it, pausing it for the local user.

No Qt here: this runs in the engine's layer (DESIGN.md, layer 3).
"""

from shared.input.injector import (
    InjectedEvent,
    InjectedKind,
    InjectionError,
    InputInjector,
    PynputInjector,
)
from shared.input.local_activity import LocalActivityMonitor
from shared.input.remote_control import RemoteControl

__all__ = [
    "InjectedEvent",
    "InjectedKind",
    "InjectionError",
    "InputInjector",
    "LocalActivityMonitor",
    "PynputInjector",
    "RemoteControl",
]
