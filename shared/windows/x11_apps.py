"""The applications of an X11 desktop, through python-xlib: the managed windows from the root's
``_NET_CLIENT_LIST`` (or, with no window manager, the root's mapped children that name their
class), grouped by process (``_NET_WM_PID``) and named by ``WM_CLASS``; the stacking order from
``QueryTree`` (the true X order, other programs' menus and tooltips included)."""

from __future__ import annotations

import os
from typing import Any

import Xlib.error
import Xlib.X

from shared.windows import WindowRef, see_through
from shared.windows.apps import Application, Layer, shows
from shared.windows.x11 import X11Windows

# Windows listed at most (a desktop has a few hundred).
MAX_CLIENTS = 4096


class X11Applications(X11Windows):
    def applications(self) -> list[Application]:
        with self._lock:
            if self._closed:
                return []
            found: dict[str, Application] = {}
            for handle in self._clients()[:MAX_CLIENTS]:
                try:
                    app = self._application(self._window(handle))
                except Xlib.error.XError:
                    continue  # went meanwhile
                if app is None:
                    continue
                known = found.get(app.key)
                windows = (known.windows if known else ()) + app.windows
                found[app.key] = Application(app.key, app.name, windows)
            return sorted(found.values(), key=lambda a: a.name.casefold())

    def layers(self, shared: set[int]) -> list[Layer]:
        with self._lock:
            if self._closed:
                return []
            holders: dict[int, list[Any]] = {}
            for handle in shared:
                try:
                    window = self._window(handle)
                    holders.setdefault(self._top_level(window).id, []).append(window)
                except Xlib.error.XError:
                    continue
            out: list[Layer] = []
            ours = see_through.handles()  # our overlay: its strokes belong in the picture
            for child in self._root.query_tree().children:  # bottom to top
                if child.id in ours:
                    continue
                try:
                    if child.get_attributes().win_class == Xlib.X.InputOnly:
                        continue  # catches input, shows no pixels
                    rect = self._geometry(child)
                    if rect is None or rect.empty:
                        continue
                    # A frame (or the window itself) hides what is under it; then the shared
                    # client windows it holds show over it.
                    inner = [self._geometry(w) for w in holders.get(child.id, [])]
                except Xlib.error.XError:
                    continue
                out.append(Layer(rect, False))
                out.extend(Layer(r, True) for r in inner if r is not None and not r.empty)
            return out

    def focused(self, shared: set[int], pointer: tuple[int, int] | None) -> bool:
        inside = pointer is not None and shows(self.layers(shared), *pointer)
        return self.focus_in(shared, inside)

    # --- under the lock -----------------------------------------------------------------------

    def _clients(self) -> list[int]:
        listed = self._windows_property(self._root, "_NET_CLIENT_LIST")
        if listed:
            return listed
        # No window manager: the top-level windows are the root's own children.
        return [int(c.id) for c in self._root.query_tree().children]

    def _application(self, window: Any) -> Application | None:
        attributes = window.get_attributes()
        if attributes.map_state != Xlib.X.IsViewable or attributes.override_redirect:
            return None
        wm_class = window.get_wm_class()
        pids = self._windows_property(window, "_NET_WM_PID")
        pid = pids[0] if pids else 0
        if wm_class is None and not pid:
            return None  # no program's window (a manager's own)
        if pid == os.getpid():
            return None  # our own windows are never offered
        name = wm_class[1] if wm_class else ""
        title = self._title(window)
        key = f"pid:{pid}" if pid else f"class:{name}"
        return Application(key, name or title, (WindowRef(int(window.id), title),))


def x11_applications() -> X11Applications:
    return X11Applications()
