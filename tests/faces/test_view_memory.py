"""Views leave nothing behind: after the agent has opened and stopped several views of a
customer's screen (the real console and its viewer window, a real customer engine with real
capture, x264 and a real peer connection per view, on loopback), every object that belonged to
those activities is gone — viewer windows, peer connections, senders, receivers, decoders,
frames — and so are their threads; each side lists only its latest ended activities, not one
per view ever made. Before, each view left its viewer window alive (its own signal connections
kept it), with its last frame and a screen-sized backing store: ~17 MB a view in the console
(``bench/soak.py`` measures the memory itself), and every ended activity stayed listed."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections import Counter
from collections.abc import Callable, Iterable

import pytest
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from shared.features.desktop import engine as sharing_module
from shared.features.desktop.activities import ActivityState
from shared.features.desktop.console import REQUEST_KEYS
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.machine import make_sharing
from shared.features.desktop.protocol import ActivityKind
from shared.session.consent import ConsentAnswer, ConsentRequest
from tests.e2e.conftest import CenterProcess
from tests.faces.conftest import WAIT_MS, join, sign_in, start_session

VIEWS = 3
# What one view makes on either side; none may outlive it.
ACTIVITY_TYPES = {
    "RemoteViewer", "RemoteScreenView", "PaintableFrame", "DecodedFrame",
    "RTCPeerConnection", "RTCRtpTransceiver", "RTCRtpSender", "RTCRtpReceiver",
    "MediaSender", "MediaReceiver", "ScreenSender", "ScreenTrack", "MarkerJitterBuffer",
    "H264Decoder", "Vp8Decoder", "ScreenH264Encoder", "ScreenVp8Encoder",
}  # fmt: skip


def alive() -> Counter[str]:
    """Objects of ``ACTIVITY_TYPES`` still reachable (garbage collected first)."""
    gc.collect()
    return Counter(name for o in gc.get_objects() if (name := type(o).__name__) in ACTIVITY_TYPES)


# The threads of one activity: capture and conversion (ours), the decoder (aiortc's).
ACTIVITY_THREADS = ("screen-capture", "screen-convert", "video-decoder")


def threads() -> Counter[str]:
    """Live threads that belong to an activity, by kind."""
    return Counter(
        kind for t in threading.enumerate() for kind in ACTIVITY_THREADS if t.name.startswith(kind)
    )


def count_releases(feature: SharingFeature) -> list[int]:
    """Counts each time ``feature`` has dropped an ended activity's parts."""
    released = [0]
    release = feature.release

    def counted() -> None:
        if release is not None:
            release()
        released[0] += 1

    feature.release = counted
    return released


def test_views_leave_nothing_behind(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Fewer ended activities kept than views made here: the list must stop growing.
    monkeypatch.setattr(sharing_module, "ENDED_KEPT", 2)
    center = start_center_with()
    console = make_console()
    sign_in(qtbot, console, center)
    number = start_session(qtbot, console)
    slot = console.controller.current
    agent_sharing: SharingFeature | None = slot.part("desktop").feature
    assert agent_sharing is not None, "desktop sharing did not load"
    customer = join(qtbot, console, center, number, "Grace")

    async def allow(_: ConsentRequest) -> ConsentAnswer:
        return ConsentAnswer(granted=True)

    async def share() -> SharingFeature:  # built where the engine lives, on its loop
        customer.consent.ask = allow
        return make_sharing(customer)

    customer_sharing = console.bridge.submit(share()).result(WAIT_MS / 1000)
    ended = {"console": count_releases(agent_sharing), "customer": count_releases(customer_sharing)}
    viewers = slot.part("desktop").windows.viewers
    viewed: list[str] = []  # the activity of each view, in order

    def view_and_stop(done: int) -> None:
        """The agent asks to view, sees the first picture, and presses the viewer's Stop."""
        console.actions.registry.action(REQUEST_KEYS[ActivityKind.VIEW]).trigger()
        qtbot.waitUntil(
            lambda: any(v.view._frame is not None for v in viewers.values()), timeout=WAIT_MS
        )
        viewed.extend(viewers)
        for viewer in list(viewers.values()):
            viewer.stop_button.click()
        # Both sides have ended it and dropped its parts; the viewer window is deleted.
        qtbot.waitUntil(
            lambda: not viewers and all(n[0] == done for n in ended.values()), timeout=WAIT_MS
        )

    # One view first: what loads once (codecs, the loop's executor threads, fonts) is no leak.
    view_and_stop(1)
    gone(qtbot, ["RemoteViewer"], Counter())
    before, threads_before = alive(), threads()

    for done in range(2, VIEWS + 2):
        view_and_stop(done)

    gone(qtbot, ACTIVITY_TYPES, before)
    # Each side lists only the ENDED_KEPT latest ended activities, not one per view ever made.
    for side in (agent_sharing, customer_sharing):
        listed = [(a.id, a.state) for a in side.activities]
        assert listed == [(key, ActivityState.STOPPED) for key in viewed[-2:]], listed
    # Stopped threads (decoder, capture, converter) end on their own time: wait, then compare.
    with contextlib.suppress(TimeoutError):
        qtbot.waitUntil(lambda: not threads() - threads_before, timeout=WAIT_MS)
    assert not threads() - threads_before, f"{VIEWS} views left threads: {threads()}"


def gone(qtbot: QtBot, types: Iterable[str], expected: Counter[str]) -> None:
    """Wait until no more objects of ``types`` live than ``expected``; say which do.
    (A deleted window finishes going on Qt's own time: waiting runs its event loop.)"""

    def left() -> Counter[str]:
        counts = alive()
        return Counter({t: counts[t] for t in types if counts[t] > expected[t]})

    with contextlib.suppress(TimeoutError):
        qtbot.waitUntil(lambda: not left(), timeout=WAIT_MS)
    found = {t: alive()[t] for t in left()}
    assert not found, f"still alive: {found} (expected {dict(expected)})"
