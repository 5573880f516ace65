"""Windows' change source: DXGI desktop duplication (ctypes on dxgi/d3d11's COM interfaces).
Written to the same interface as X11's and type-checked here; it cannot run on this machine.

Each output (monitor) of the first adapter gets an ``IDXGIOutputDuplication``;
``AcquireNextFrame`` blocks until the desktop presents a new frame there, and the frame's
metadata says what changed: dirty rectangles (``GetFrameDirtyRects``) and the destinations of
moved ones (``GetFrameMoveRects``), in the output's pixels (made virtual-screen ones with its
``DesktopCoordinates``). A frame with ``LastPresentTime == 0`` is a pointer move only: not a
change of the picture (the pointer is sent apart). ``AcquireNextFrame`` cannot be interrupted,
so a thread per output waits in it and hands the rectangles to ``PendingChanges``, which the
track waits on and ``poke`` wakes. The pixels are still read by mss (BitBlt), rectangle by
rectangle. ``DXGI_ERROR_ACCESS_LOST`` (a mode change, the secure desktop, a full-screen game)
makes the duplication again and counts as "everything changed".

COM by hand: a method is the ``index``-th pointer of the object's vtable (IUnknown 0–2,
IDXGIObject 3–6, then each interface's own, in the order of the SDK's headers).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import threading
from collections.abc import Callable
from ctypes import wintypes
from typing import Any

from shared.media.damage import Changes, ChangeSourceUnavailable, PendingChanges, Rect

log = logging.getLogger(__name__)

S_OK = 0
DXGI_ERROR_NOT_FOUND = 0x887A0002
DXGI_ERROR_ACCESS_LOST = 0x887A0026
DXGI_ERROR_WAIT_TIMEOUT = 0x887A0027
D3D_DRIVER_TYPE_UNKNOWN = 0  # the adapter is given
D3D11_SDK_VERSION = 7
# How long one AcquireNextFrame waits before the thread checks whether it should stop.
ACQUIRE_TIMEOUT_MS = 500
MAX_OUTPUTS = 16
# Dirty and move rectangles read per frame; more and the frame counts as "everything changed".
MAX_FRAME_RECTS = 512

# vtable indices
RELEASE = 2
FACTORY_ENUM_ADAPTERS = 7
ADAPTER_ENUM_OUTPUTS = 7
OUTPUT_GET_DESC = 7
OUTPUT1_DUPLICATE_OUTPUT = 22
DUPL_ACQUIRE_NEXT_FRAME = 8
DUPL_GET_FRAME_DIRTY_RECTS = 9
DUPL_GET_FRAME_MOVE_RECTS = 10
DUPL_RELEASE_FRAME = 14
QUERY_INTERFACE = 0


class GUID(ctypes.Structure):
    _fields_ = [
        ("Data1", wintypes.DWORD),
        ("Data2", wintypes.WORD),
        ("Data3", wintypes.WORD),
        ("Data4", ctypes.c_ubyte * 8),
    ]


def guid(text: str) -> GUID:
    parts = text.split("-")
    tail = bytes.fromhex(parts[3] + parts[4])
    return GUID(
        int(parts[0], 16), int(parts[1], 16), int(parts[2], 16), (ctypes.c_ubyte * 8)(*tail)
    )


IID_IDXGI_FACTORY1 = guid("770aae78-f26f-4dba-a829-253c83d1b387")
IID_IDXGI_OUTPUT1 = guid("00cddea8-939b-4b83-a340-a685226666cc")


class OutputDesc(ctypes.Structure):
    _fields_ = [
        ("DeviceName", wintypes.WCHAR * 32),
        ("DesktopCoordinates", wintypes.RECT),
        ("AttachedToDesktop", wintypes.BOOL),
        ("Rotation", wintypes.UINT),
        ("Monitor", wintypes.HMONITOR),
    ]


class PointerPosition(ctypes.Structure):
    _fields_ = [("Position", wintypes.POINT), ("Visible", wintypes.BOOL)]


class FrameInfo(ctypes.Structure):
    _fields_ = [
        ("LastPresentTime", wintypes.LARGE_INTEGER),
        ("LastMouseUpdateTime", wintypes.LARGE_INTEGER),
        ("AccumulatedFrames", wintypes.UINT),
        ("RectsCoalesced", wintypes.BOOL),
        ("ProtectedContentMaskedOut", wintypes.BOOL),
        ("PointerPosition", PointerPosition),
        ("TotalMetadataBufferSize", wintypes.UINT),
        ("PointerShapeBufferSize", wintypes.UINT),
    ]


class MoveRect(ctypes.Structure):
    _fields_ = [("SourcePoint", wintypes.POINT), ("DestinationRect", wintypes.RECT)]


def method(obj: ctypes.c_void_p, index: int, *argtypes: Any) -> Callable[..., int]:
    """The ``index``-th method of a COM object, called with the object first; returns the
    HRESULT as an unsigned number."""
    functype: Any = getattr(ctypes, "WINFUNCTYPE")  # noqa: B009 (Windows only)
    vtable = ctypes.cast(obj, ctypes.POINTER(ctypes.POINTER(ctypes.c_void_p)))[0]
    call = functype(ctypes.c_long, ctypes.c_void_p, *argtypes)(vtable[index])
    return lambda *args: int(call(obj, *args)) & 0xFFFFFFFF


def release(obj: ctypes.c_void_p) -> None:
    if obj:
        method(obj, RELEASE)()


class _Output:
    """One output's duplication, remade when the desktop takes it away."""

    def __init__(self, device: ctypes.c_void_p, output1: ctypes.c_void_p, origin: Rect) -> None:
        self.device, self.output1, self.origin = device, output1, origin
        self.duplication = ctypes.c_void_p()
        self.duplicate()

    def duplicate(self) -> None:
        release(self.duplication)
        self.duplication = ctypes.c_void_p()
        duplicate = method(self.output1, OUTPUT1_DUPLICATE_OUTPUT, ctypes.c_void_p, ctypes.c_void_p)
        if duplicate(self.device, ctypes.byref(self.duplication)) != S_OK:
            raise ChangeSourceUnavailable("DuplicateOutput failed (another duplication, or RDP)")

    def next_changes(self) -> tuple[list[Rect], bool] | None:
        """Wait for the next frame: its rectangles and whether everything counts as changed;
        None: no frame within ACQUIRE_TIMEOUT_MS."""
        info, resource = FrameInfo(), ctypes.c_void_p()
        acquire = method(
            self.duplication, DUPL_ACQUIRE_NEXT_FRAME, wintypes.UINT, ctypes.c_void_p,
            ctypes.c_void_p,
        )  # fmt: skip
        result = acquire(ACQUIRE_TIMEOUT_MS, ctypes.byref(info), ctypes.byref(resource))
        if result == DXGI_ERROR_WAIT_TIMEOUT:
            return None
        if result == DXGI_ERROR_ACCESS_LOST:
            self.duplicate()
            return [], True
        if result != S_OK:
            raise OSError(f"AcquireNextFrame: 0x{result:08X}")
        try:
            if info.LastPresentTime == 0:
                return [], False  # the pointer moved; the picture did not change
            return self._rects(info)
        finally:
            release(resource)
            method(self.duplication, DUPL_RELEASE_FRAME)()

    def _rects(self, info: FrameInfo) -> tuple[list[Rect], bool]:
        size = wintypes.UINT()
        moves = (MoveRect * MAX_FRAME_RECTS)()
        get_moves = method(
            self.duplication, DUPL_GET_FRAME_MOVE_RECTS, wintypes.UINT, ctypes.c_void_p,
            ctypes.c_void_p,
        )  # fmt: skip
        if get_moves(ctypes.sizeof(moves), moves, ctypes.byref(size)) != S_OK:
            return [], True  # more than we take: read it all
        boxes = [moves[i].DestinationRect for i in range(size.value // ctypes.sizeof(MoveRect))]
        dirty = (wintypes.RECT * MAX_FRAME_RECTS)()
        get_dirty = method(
            self.duplication, DUPL_GET_FRAME_DIRTY_RECTS, wintypes.UINT, ctypes.c_void_p,
            ctypes.c_void_p,
        )  # fmt: skip
        if get_dirty(ctypes.sizeof(dirty), dirty, ctypes.byref(size)) != S_OK:
            return [], True
        boxes += [dirty[i] for i in range(size.value // ctypes.sizeof(wintypes.RECT))]
        x, y = self.origin.left, self.origin.top
        rects = [Rect(x + b.left, y + b.top, b.right - b.left, b.bottom - b.top) for b in boxes]
        return rects, False

    def close(self) -> None:
        release(self.duplication)
        release(self.output1)


class DxgiDamageSource:
    def __init__(self) -> None:
        windll: Any = getattr(ctypes, "windll")  # noqa: B009 (Windows only)
        self._pending = PendingChanges()
        self._stopping = threading.Event()
        factory, adapter, self._device = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
        if windll.dxgi.CreateDXGIFactory1(ctypes.byref(IID_IDXGI_FACTORY1), ctypes.byref(factory)):
            raise ChangeSourceUnavailable("CreateDXGIFactory1 failed")
        try:
            enum_adapters = method(factory, FACTORY_ENUM_ADAPTERS, wintypes.UINT, ctypes.c_void_p)
            if enum_adapters(0, ctypes.byref(adapter)) != S_OK:
                raise ChangeSourceUnavailable("no display adapter")
            created = windll.d3d11.D3D11CreateDevice(
                adapter, D3D_DRIVER_TYPE_UNKNOWN, None, 0, None, 0, D3D11_SDK_VERSION,
                ctypes.byref(self._device), None, None,
            )  # fmt: skip
            if created:
                raise ChangeSourceUnavailable("D3D11CreateDevice failed")
            self._outputs = self._open_outputs(adapter)
        finally:
            release(adapter)
            release(factory)
        if not self._outputs:
            raise ChangeSourceUnavailable("no output can be duplicated")
        self._threads = [
            threading.Thread(target=self._watch, args=(o,), name="dxgi-damage", daemon=True)
            for o in self._outputs
        ]
        for thread in self._threads:
            thread.start()

    def _open_outputs(self, adapter: ctypes.c_void_p) -> list[_Output]:
        outputs: list[_Output] = []
        enum_outputs = method(adapter, ADAPTER_ENUM_OUTPUTS, wintypes.UINT, ctypes.c_void_p)
        for index in range(MAX_OUTPUTS):
            output, output1 = ctypes.c_void_p(), ctypes.c_void_p()
            if enum_outputs(index, ctypes.byref(output)) != S_OK:  # DXGI_ERROR_NOT_FOUND: done
                break
            try:
                desc = OutputDesc()
                method(output, OUTPUT_GET_DESC, ctypes.c_void_p)(ctypes.byref(desc))
                query = method(output, QUERY_INTERFACE, ctypes.c_void_p, ctypes.c_void_p)
                if not desc.AttachedToDesktop or query(
                    ctypes.byref(IID_IDXGI_OUTPUT1), ctypes.byref(output1)
                ):
                    continue
                box = desc.DesktopCoordinates
                origin = Rect(box.left, box.top, box.right - box.left, box.bottom - box.top)
                with contextlib.suppress(ChangeSourceUnavailable):
                    outputs.append(_Output(self._device, output1, origin))
            finally:
                release(output)
        return outputs

    def _watch(self, output: _Output) -> None:
        while not self._stopping.is_set():
            try:
                found = output.next_changes()
            except Exception:
                log.exception("desktop duplication failed: every change counts as everywhere")
                self._pending.add([], whole=True)
                self._stopping.wait(1.0)  # then try again, without spinning
                continue
            if found is not None and (found[0] or found[1]):
                self._pending.add(found[0], whole=found[1])

    def wait(self, timeout: float) -> Changes:
        return self._pending.wait(timeout)

    def poke(self) -> None:
        self._pending.poke()

    def close(self) -> None:
        self._stopping.set()
        for thread in self._threads:
            thread.join(2 * ACQUIRE_TIMEOUT_MS / 1000)
        for output in self._outputs:
            output.close()
        release(self._device)
