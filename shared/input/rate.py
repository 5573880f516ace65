"""How much remote input a sharer takes: a token bucket, for every feature that lets another
participant drive this computer (desktop sharing, co-browsing, application sharing)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from shared.protocol.screen import KeyInput, PointerInput, TextInput

# Remote input a sharer takes, in events a second (a key, a pointer event, a character of text),
# with a burst. A person drives a mouse at a few hundred events a second at most (a 125 Hz mouse
# and typing together), and a pasted text of the longest (256 characters) fits in the burst;
# a flood beyond that would only fill the X server's queue and the customer's screen with input
# they cannot stop reading. What is over the limit is dropped, never queued.
INPUT_EVENTS_PER_S: Final = 300
INPUT_BURST: Final = 600


@dataclass
class InputRate:
    """A token bucket of ``INPUT_EVENTS_PER_S`` with ``INPUT_BURST`` tokens."""

    rate: float = INPUT_EVENTS_PER_S
    burst: float = INPUT_BURST
    clock: Callable[[], float] = time.monotonic
    tokens: float = field(init=False)
    last: float = field(init=False, default=-1.0)

    def __post_init__(self) -> None:
        self.tokens = self.burst

    def take(self, cost: int) -> bool:
        now = self.clock()
        if self.last >= 0:
            self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if cost > self.tokens:
            return False
        self.tokens -= cost
        return True


def input_cost(message: PointerInput | KeyInput | TextInput) -> int:
    return len(message.text) if isinstance(message, TextInput) else 1
