"""The windows of an X11 desktop, through python-xlib.

The active window is the root's ``_NET_ACTIVE_WINDOW`` (set by every EWMH window manager),
else the window with the input focus. Covering windows come from the stacking order: the root's
children bottom to top (``QueryTree``, which holds the true X order, override-redirect menus and
tooltips of other programs included) and, where a window manager keeps it, the managed windows'
``_NET_CLIENT_LIST_STACKING``. A window above the shared one in either order counts as covering
it: when the two disagree (a manager restacking), hiding too much is the safe side.
"""

from __future__ import annotations

import threading
from typing import Any

import Xlib.display
import Xlib.error
import Xlib.X
import Xlib.Xatom

from shared.windows import Rect, WindowRef, see_through

# Titles longer than this are cut: a window title is a line, and it is shown in a question.
MAX_TITLE_CHARS = 256
# Parents walked up from a window to its top-level one, at most (a real tree is a few deep).
MAX_TREE_DEPTH = 64


class X11Windows:
    def __init__(self, display_name: str | None = None) -> None:
        self._display: Any = Xlib.display.Display(display_name)
        self._root: Any = self._display.screen().root
        self._lock = threading.Lock()
        self._atoms: dict[str, int] = {}
        self._closed = False  # then every question answers "gone": a capture may still ask

    def _atom(self, name: str) -> int:
        if name not in self._atoms:
            self._atoms[name] = self._display.intern_atom(name)
        return self._atoms[name]

    def _window(self, handle: int) -> Any:
        return self._display.create_resource_object("window", handle)

    def _windows_property(self, window: Any, name: str) -> list[int]:
        prop = window.get_full_property(self._atom(name), Xlib.X.AnyPropertyType)
        return [int(v) for v in prop.value] if prop is not None else []

    # --- WindowSystem -------------------------------------------------------------------------

    def active_window(self) -> WindowRef | None:
        with self._lock:
            if self._closed:
                return None
            active = self._windows_property(self._root, "_NET_ACTIVE_WINDOW")
            handle = active[0] if active else 0
            if not handle:
                focus = self._display.get_input_focus().focus
                handle = 0 if isinstance(focus, int) else int(focus.id)
            if not handle or handle == self._root.id:
                return None
            try:
                return WindowRef(handle, self._title(self._window(handle)))
            except Xlib.error.XError:
                return None

    def exists(self, window: WindowRef) -> bool:
        with self._lock:
            if self._closed:
                return False
            try:
                self._window(window.handle).get_attributes()
            except Xlib.error.XError:
                return False
            return True

    def title(self, window: WindowRef) -> str:
        with self._lock:
            if self._closed:
                return window.title
            try:
                return self._title(self._window(window.handle))
            except Xlib.error.XError:
                return window.title

    def geometry(self, window: WindowRef) -> Rect | None:
        with self._lock:
            if self._closed:
                return None
            try:
                return self._geometry(self._window(window.handle))
            except Xlib.error.XError:
                return None

    def covering(self, window: WindowRef) -> list[Rect]:
        with self._lock:
            if self._closed:
                return []
            try:
                return self._covering(self._window(window.handle))
            except Xlib.error.XError:
                return []

    def screen(self) -> Rect:
        with self._lock:
            geometry = self._root.get_geometry()
            return Rect(0, 0, int(geometry.width), int(geometry.height))

    def has_focus(self, window: WindowRef, pointer_inside: bool) -> bool:
        return self.focus_in({window.handle}, pointer_inside)

    def focus_in(self, handles: set[int], pointer_inside: bool) -> bool:
        """Keys typed now go to one of the windows ``handles`` (``pointer_inside``: the pointer
        is on their visible part, which decides where the keyboard follows the pointer)."""
        with self._lock:
            if self._closed:
                return False
            try:
                focus = self._display.get_input_focus().focus
                if isinstance(focus, int) or focus.id == self._root.id:
                    # PointerRoot (or none): keys go to the window under the pointer.
                    return pointer_inside and focus != Xlib.X.NONE
                tops = {self._top_level(self._window(handle)).id for handle in handles}
                return bool(self._top_level(focus).id in tops)
            except Xlib.error.XError:
                return False

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._display.close()

    # --- under the lock -----------------------------------------------------------------------

    def _title(self, window: Any) -> str:
        """The window's title, or the first one up its parents (a focus child has none)."""
        for _ in range(MAX_TREE_DEPTH):
            prop = window.get_full_property(self._atom("_NET_WM_NAME"), self._atom("UTF8_STRING"))
            raw = prop.value if prop is not None else window.get_wm_name()
            if raw:
                text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
                return text[:MAX_TITLE_CHARS]
            parent = window.query_tree().parent
            if not parent or parent.id == self._root.id:
                return ""
            window = parent
        return ""

    def _geometry(self, window: Any) -> Rect | None:
        if window.get_attributes().map_state != Xlib.X.IsViewable:
            return None
        geometry = window.get_geometry()
        origin = self._root.translate_coords(window, 0, 0)
        return Rect(int(origin.x), int(origin.y), int(geometry.width), int(geometry.height))

    def _top_level(self, window: Any) -> Any:
        """The child of the root that holds ``window`` (itself, or the manager's frame)."""
        for _ in range(MAX_TREE_DEPTH):
            parent = window.query_tree().parent
            if not parent or parent.id == self._root.id:
                return window
            window = parent
        return window

    def _covering(self, window: Any) -> list[Rect]:
        top = self._top_level(window)
        above: dict[int, Any] = {}
        children = list(self._root.query_tree().children)  # bottom to top
        ids = [c.id for c in children]
        if top.id in ids:
            for child in children[ids.index(top.id) + 1 :]:
                above[child.id] = child
        stacking = self._windows_property(self._root, "_NET_CLIENT_LIST_STACKING")
        mine = [i for i, handle in enumerate(stacking) if self._holds(top, handle)]
        if mine:
            for handle in stacking[mine[-1] + 1 :]:
                with_frame = self._top_level(self._window(handle))
                above.setdefault(with_frame.id, with_frame)
        above.pop(top.id, None)
        for handle in see_through.handles():  # our overlay: its strokes belong in the picture
            above.pop(handle, None)
        rects: list[Rect] = []
        for other in above.values():
            try:
                if other.get_attributes().win_class == Xlib.X.InputOnly:
                    continue  # catches input, shows no pixels
                rect = self._geometry(other)
            except Xlib.error.XError:
                continue  # went meanwhile
            if rect is not None and not rect.empty:
                rects.append(rect)
        return rects

    def _holds(self, top: Any, handle: int) -> bool:
        try:
            return bool(handle == top.id or self._top_level(self._window(handle)).id == top.id)
        except Xlib.error.XError:
            return False
