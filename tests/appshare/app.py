"""A small real application for the tests: its own process, with one or more plain-coloured
top-level windows that name their class (WM_CLASS) and process (_NET_WM_PID), as a toolkit's
do. It prints "ready" once they are mapped, then one line per button press: "press N X Y"
(window N, in its own pixels), and exits when its windows are destroyed or stdin closes.

    python app.py CLASS RRGGBB LEFT,TOP,WIDTH,HEIGHT [RRGGBB LEFT,TOP,WIDTH,HEIGHT ...]
"""

from __future__ import annotations

import os
import select
import stat
import sys
from typing import Any

import Xlib.display
import Xlib.X
import Xlib.Xatom


def main(argv: list[str]) -> None:
    name, specs = argv[0], argv[1:]
    display = Xlib.display.Display()
    screen = display.screen()
    windows: list[Any] = []
    for colour, geometry in zip(specs[::2], specs[1::2], strict=True):
        left, top, width, height = (int(v) for v in geometry.split(","))
        window = screen.root.create_window(
            left, top, width, height, 0,
            screen.root_depth, Xlib.X.InputOutput, Xlib.X.CopyFromParent,
            background_pixel=int(colour, 16),
            event_mask=Xlib.X.ButtonPressMask | Xlib.X.StructureNotifyMask,
        )  # fmt: skip
        window.set_wm_class(name.lower(), name)
        window.set_wm_name(f"{name} {len(windows) + 1}")
        window.change_property(
            display.intern_atom("_NET_WM_PID"), Xlib.Xatom.CARDINAL, 32, [os.getpid()]
        )
        window.map()
        windows.append(window)
    display.sync()
    print("ready", " ".join(str(w.id) for w in windows), flush=True)
    ids = [w.id for w in windows]
    # Started by the test: it ends us by closing our stdin. Started from a menu entry (stdin is
    # /dev/null): by a signal.
    watched = [display.fileno()]
    if stat.S_ISFIFO(os.fstat(sys.stdin.fileno()).st_mode):
        watched.append(sys.stdin.fileno())
    while True:
        while display.pending_events():
            event = display.next_event()
            if event.type == Xlib.X.ButtonPress and event.window.id in ids:
                index = ids.index(event.window.id)
                print("press", index, event.event_x, event.event_y, flush=True)
        ready, _, _ = select.select(watched, [], [], 1.0)
        if sys.stdin.fileno() in ready and not sys.stdin.readline():
            return  # the test let go of us


if __name__ == "__main__":
    main(sys.argv[1:])
