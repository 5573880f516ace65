"""Real windows on the test Xvfb, made with python-xlib in the test's own process: plain
colours the X server paints itself (no event loop needed), each recording the button presses
it receives. There is no window manager: a window sits exactly where it is put, and the
root's children are the stacking order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import Xlib.display
import Xlib.X

from shared.windows import WindowRef

RGB = tuple[int, int, int]


@dataclass
class Made:
    window: Any
    colour: RGB
    presses: list[tuple[int, int]] = field(default_factory=list)  # in the window's pixels
    keys: list[int] = field(default_factory=list)  # keycodes pressed while it had the keyboard

    @property
    def ref(self) -> WindowRef:
        return WindowRef(int(self.window.id))


class Desk:
    def __init__(self) -> None:
        self.display: Any = Xlib.display.Display()
        self.screen: Any = self.display.screen()
        self.made: list[Made] = []

    def window(
        self, left: int, top: int, width: int, height: int, colour: RGB, title: str = ""
    ) -> Made:
        red, green, blue = colour
        window = self.screen.root.create_window(
            left, top, width, height, 0,
            self.screen.root_depth, Xlib.X.InputOutput, Xlib.X.CopyFromParent,
            background_pixel=(red << 16) | (green << 8) | blue,
            event_mask=Xlib.X.ButtonPressMask | Xlib.X.KeyPressMask,
        )  # fmt: skip
        if title:
            window.set_wm_name(title.encode("ascii", "replace"))  # the old, Latin-1 one
            window.change_property(
                self.display.intern_atom("_NET_WM_NAME"),
                self.display.intern_atom("UTF8_STRING"),
                8,
                title.encode(),
            )
        window.map()
        self.display.sync()
        made = Made(window, colour)
        self.made.append(made)
        return made

    def child(self, parent: Made, left: int, top: int, width: int, height: int, colour: RGB) -> Any:
        """A plain part drawn inside ``parent`` (a picture with some structure)."""
        red, green, blue = colour
        child = parent.window.create_window(
            left, top, width, height, 0,
            self.screen.root_depth, Xlib.X.InputOutput, Xlib.X.CopyFromParent,
            background_pixel=(red << 16) | (green << 8) | blue,
        )  # fmt: skip
        child.map()
        self.display.sync()
        return child

    def destroy(self, made: Made) -> None:
        made.window.destroy()
        self.display.sync()
        self.made.remove(made)

    def focus(self, made: Made) -> None:
        """Give ``made`` the keyboard, as a window manager does when it is clicked."""
        self.display.set_input_focus(made.window, Xlib.X.RevertToPointerRoot, Xlib.X.CurrentTime)
        self.display.sync()

    def focus_follows_pointer(self) -> None:
        self.display.set_input_focus(Xlib.X.PointerRoot, Xlib.X.RevertToPointerRoot, 0)
        self.display.sync()

    def read_presses(self) -> None:
        """Take the button and key presses the X server sent our windows so far."""
        while self.display.pending_events():
            event = self.display.next_event()
            if event.type not in (Xlib.X.ButtonPress, Xlib.X.KeyPress):
                continue  # MappingNotify (the injector borrowing keycodes) has no window
            for made in self.made:
                if made.window.id != event.window.id:
                    continue
                if event.type == Xlib.X.ButtonPress:
                    made.presses.append((int(event.event_x), int(event.event_y)))
                elif event.type == Xlib.X.KeyPress:
                    made.keys.append(int(event.detail))

    def close(self) -> None:
        self.focus_follows_pointer()  # as the test display was
        for made in list(self.made):
            self.destroy(made)
        self.display.close()
