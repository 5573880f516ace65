"""Application sharing end to end: real applications (processes of their own, with real
windows) on the test Xvfb, a real center and real peers on loopback, the real capture, video and
input injection. The customer picks the application; only its windows' pixels arrive, what
covers them hatched; the agent's clicks land in it at the right pixel and nowhere else; two
applications at once; "New application…" starts an installed one; the reverse direction; a
closed application ends the share on both sides."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from shared.features.appshare.engine import Choice, ChoiceAsked
from shared.features.appshare.protocol import (
    ShareApps,
    ShareEnd,
    ShareInput,
    ShareKind,
    ShareRequest,
)
from shared.media.area_media import AreaSender
from shared.protocol.codec import PEER
from shared.protocol.errors import ProtocolError
from shared.protocol.screen import PointerAction, PointerButton, PointerInput
from shared.session.consent import ConsentAnswer
from shared.session.shared_screens import DRAWING, set_sharer_drawing
from shared.session.stream_share import ShareState
from shared.windows.x11_apps import X11Applications
from tests.appshare.programs import command
from tests.appshare.support import (
    BLUE,
    GAP,
    GREEN,
    OVER,
    PICTURE,
    RED,
    YELLOW,
    Pair,
    click,
    granted,
    has,
    hatched,
    ledger,
    near,
    pair_of,
    programs,
)
from tests.helpers import wait_for

pytestmark = pytest.mark.e2e
__all__ = ["pair_of", "programs"]  # fixtures


async def test_only_the_chosen_applications_windows_arrive(programs: Any, pair_of: Any) -> None:
    chosen = await ledger(programs)
    # Another application's window between Ledger's two, over none of them: inside the
    # picture's rectangle, it must arrive black.
    await programs("Notes", (RED, (510, 120, 80, 200)))
    pair: Pair = await pair_of([ConsentAnswer(granted=True)])
    share = await granted(pair, ShareKind.VIEW, chosen)

    # The customer was asked first, as a view of one application, then picked from the list of
    # open applications, by name (their own client's windows are not in it).
    assert [r.kind.value for r in pair.asked] == ["view_application"]
    names = [app.name for app in pair.picked[0].open]
    assert "Ledger" in names and "Notes" in names
    assert share.apps == ("Ledger",)
    frame = pair.frames[-1]
    assert (frame.width, frame.height) == PICTURE  # both its windows, not the screen
    picture = frame.rgb()
    assert near(picture[10:290, 10:390], GREEN)  # the main window where it is
    assert near(picture[60:240, 510:690], BLUE)  # the dialog where it is
    assert near(picture[10:290, GAP[0] : GAP[1]], (0, 0, 0))  # between them: black
    assert not any(has(f.rgb(), RED) for f in pair.frames)  # never the other application


async def test_another_applications_window_over_it_arrives_hatched(
    programs: Any, pair_of: Any
) -> None:
    chosen = await ledger(programs)
    await programs("Notes", (RED, OVER))  # mapped last: on top
    pair: Pair = await pair_of([ConsentAnswer(granted=True)])
    await granted(pair, ShareKind.VIEW, chosen)

    # Notes covers x 250..400, y 150..300 of the main window and x 500..550, y 150..250 of the
    # dialog (picture pixels); over the gap it covers nothing of Ledger's: black there.
    await wait_for(
        lambda: hatched(pair.frames[-1].rgb()[155:295, 255:395]), what="the covered part hatched"
    )
    picture = pair.frames[-1].rgb()
    assert hatched(picture[155:245, 505:545])
    assert near(picture[160:295, GAP[0] : GAP[1] - 10], (0, 0, 0))
    assert near(picture[10:140, 10:390], GREEN)  # the rest still shows
    assert not any(has(f.rgb(), RED) for f in pair.frames)


async def test_clicks_land_at_the_right_pixel_and_never_outside(
    programs: Any, pair_of: Any
) -> None:
    chosen = await ledger(programs)
    other = await programs("Notes", (RED, OVER))
    pair: Pair = await pair_of([ConsentAnswer(granted=True)])
    share = await granted(pair, ShareKind.CONTROL, chosen)

    assert [r.kind.value for r in pair.asked] == ["control_application"]
    # A modified console sends raw coordinates: onto the other application's window over the
    # main one, and onto the black gap between the two windows (the desktop there).
    click(pair, share, 300, 200, raw=True)
    click(pair, share, 450, 50, raw=True)
    click(pair, share, 237, 183)  # then fair ones: the main window, the dialog
    click(pair, share, 550, 60)
    await wait_for(lambda: len(chosen.presses) == 2, what="the fair clicks")
    assert chosen.presses == [(0, 237, 183), (1, 50, 10)]
    assert other.presses == []
    assert pair.audited("appshare.input_outside") == 1  # audited once, not per event


async def test_each_click_that_lands_wakes_the_capture_at_once(
    programs: Any, pair_of: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As desktop sharing's: the click's effect is looked for now, not at the next change poll.
    chosen = await ledger(programs)
    pair: Pair = await pair_of([ConsentAnswer(granted=True)])
    share = await granted(pair, ShareKind.CONTROL, chosen)
    pokes: list[AreaSender] = []
    monkeypatch.setattr(AreaSender, "input_applied", lambda sender: pokes.append(sender))

    click(pair, share, 450, 50, raw=True)  # between the windows: dropped, nothing to look for
    click(pair, share, 237, 183)
    await wait_for(lambda: len(chosen.presses) == 1, what="the fair click")
    await wait_for(lambda: len(pokes) == 2, what="the capture told of the press and release")
    running = pair.customer_side._running[share.id]
    assert set(pokes) == {running.sender}


async def test_the_agent_hears_input_is_paused_while_the_customer_draws(
    programs: Any, pair_of: Any
) -> None:
    chosen = await ledger(programs)
    pair: Pair = await pair_of([ConsentAnswer(granted=True)])
    share = await granted(pair, ShareKind.CONTROL, chosen)
    assert pair.state(pair.agent_side).paused_for == ""

    # The customer draws over their screen (annotation): the agent's viewer is told why its
    # input goes nowhere, and what it sends meanwhile is dropped.
    set_sharer_drawing(pair.customer, True)
    await wait_for(lambda: pair.state(pair.agent_side).paused_for == DRAWING, what="the pause")
    click(pair, share, 100, 100, raw=True)
    running = pair.customer_side._running[share.id]
    await wait_for(lambda: running.drawing_inputs == 2, what="the click dropped")
    set_sharer_drawing(pair.customer, False)
    await wait_for(lambda: pair.state(pair.agent_side).paused_for == "", what="the resume")
    click(pair, share, 237, 183)
    await wait_for(lambda: len(chosen.presses) == 1, what="the click after drawing")
    assert chosen.presses == [(0, 237, 183)]


async def test_two_applications_at_once(programs: Any, pair_of: Any) -> None:
    chosen = await ledger(programs)
    second = await programs("Notes", (YELLOW, (300, 600, 300, 200)))
    pair: Pair = await pair_of([ConsentAnswer(granted=True)])
    share = await granted(pair, ShareKind.VIEW, chosen)
    assert not has(pair.frames[-1].rgb(), YELLOW)

    # The customer adds Notes to the share (the manual's "Partager plusieurs applications").
    mine = X11Applications()
    try:
        added = await pair.customer_side.add(share.id, Choice(app=second.of(mine.applications())))
    finally:
        mine.close()
    assert added is not None
    await wait_for(lambda: pair.state(pair.agent_side).apps == ("Ledger", "Notes"))
    await wait_for(
        lambda: (pair.frames[-1].width, pair.frames[-1].height) == (700, 700),
        what="the picture around both applications",
    )
    picture = pair.frames[-1].rgb()
    assert near(picture[510:690, 210:490], YELLOW)
    assert near(picture[10:290, 10:390], GREEN)

    # ... and takes it out again.
    await pair.customer_side.remove(share.id, second.key())
    await wait_for(lambda: pair.state(pair.agent_side).apps == ("Ledger",))
    await wait_for(lambda: (pair.frames[-1].width, pair.frames[-1].height) == PICTURE)
    assert not has(pair.frames[-1].rgb(), YELLOW)


async def test_new_application_starts_an_installed_one_and_shares_it(
    programs: Any, pair_of: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    (data / "applications").mkdir(parents=True)
    words = " ".join(command("Sketch", (YELLOW, (200, 200, 320, 240))))
    (data / "applications" / "sketch.desktop").write_text(
        f"[Desktop Entry]\nType=Application\nName=Sketch pad\nExec={words}\nStartupWMClass=Sketch\n"
    )
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "none"))
    pair: Pair = await pair_of([ConsentAnswer(granted=True)])

    def pick(asked: ChoiceAsked) -> Choice:
        return Choice(start=next(e for e in asked.installed if e.name == "Sketch pad"))

    pair.choose(pick)
    pair.agent_side.request(ShareKind.VIEW, pair.customer_id)
    try:
        await wait_for(lambda: bool(pair.frames), timeout=30, what="the started one's frame")
        assert pair.state(pair.agent_side).apps == ("Sketch",)
        frame = pair.frames[-1]
        assert (frame.width, frame.height) == (320, 240)
        assert near(frame.rgb()[10:230, 10:310], YELLOW)
        assert pair.audited("appshare.started_app") == 1
    finally:
        await pair.customer_side.stop(pair.state(pair.customer_side).id)
        mine = X11Applications()
        try:
            for app in mine.applications():
                if app.name == "Sketch":  # it outlives the share: the test ends it
                    os.kill(int(app.key.removeprefix("pid:")), signal.SIGTERM)
        finally:
            mine.close()


async def test_the_agent_shows_their_application_and_the_customer_controls_only_it(
    programs: Any, pair_of: Any
) -> None:
    mine = await ledger(programs)  # the agent's, here on the same display
    other = await programs("Notes", (RED, OVER))
    pair: Pair = await pair_of([ConsentAnswer(granted=True)])
    app = mine.of(pair.agent_side.open_applications())
    pair.agent_side.request(ShareKind.GIVE_CONTROL, pair.customer_id, app)
    await wait_for(lambda: bool(pair.seen), timeout=20, what="the customer's first frame")

    request = pair.asked[0]
    assert (request.kind.value, request.subject) == ("give_control", "Ledger")
    share = pair.state(pair.customer_side)
    assert (share.state, share.apps) == (ShareState.ACTIVE, ("Ledger",))
    assert (pair.seen[-1].width, pair.seen[-1].height) == PICTURE
    assert not any(has(f.rgb(), RED) for f in pair.seen)
    assert pair.frames == []  # nothing went the other way
    for x, y in ((300, 200), (237, 183)):  # the covered part, then the main window
        for action in (PointerAction.DOWN, PointerAction.UP):
            event = PointerInput(
                activity=share.id, action=action, x=x, y=y, button=PointerButton.LEFT
            )
            pair.customer.send_to(share.agent_id, ShareInput(id=share.id, event=event))
    await wait_for(lambda: bool(mine.presses), what="the customer's click")
    assert mine.presses == [(0, 237, 183)]
    assert other.presses == []
    assert pair.audited("appshare.input_outside", pair.agent) == 1


async def test_closing_the_application_ends_the_share_on_both_sides(
    programs: Any, pair_of: Any
) -> None:
    chosen = await ledger(programs)
    pair: Pair = await pair_of([ConsentAnswer(granted=True)])
    await granted(pair, ShareKind.CONTROL, chosen)

    chosen.quit()
    await wait_for(lambda: pair.state(pair.agent_side).state == ShareState.STOPPED)
    assert pair.state(pair.agent_side).end == ShareEnd.APP_CLOSED
    customer = pair.state(pair.customer_side)
    assert (customer.state, customer.end) == (ShareState.STOPPED, ShareEnd.APP_CLOSED)
    running = pair.customer_side._running[customer.id]
    await wait_for(lambda: running.sender is None and running.sink is None)


async def test_refused_sends_nothing_and_names_nothing(programs: Any, pair_of: Any) -> None:
    chosen = await ledger(programs)
    pair: Pair = await pair_of([ConsentAnswer(granted=False)])
    pair.choose(lambda asked: Choice(app=chosen.of(asked.open)))
    pair.agent_side.request(ShareKind.VIEW, pair.customer_id)
    await wait_for(lambda: pair.state(pair.agent_side).state == ShareState.REFUSED)

    assert pair.picked == []  # not even asked to pick: refused before
    assert pair.state(pair.agent_side).apps == ()
    assert pair.customer_media.senders == 0
    assert pair.frames == []


async def test_the_customer_cancelling_the_picker_shares_nothing(
    programs: Any, pair_of: Any
) -> None:
    await ledger(programs)
    pair: Pair = await pair_of([ConsentAnswer(granted=True)])
    pair.choose(lambda asked: None)
    pair.agent_side.request(ShareKind.VIEW, pair.customer_id)
    await wait_for(lambda: pair.state(pair.agent_side).state == ShareState.REFUSED)
    assert pair.customer_media.senders == 0


async def test_a_console_cannot_add_an_application_or_control_a_view(
    programs: Any, pair_of: Any
) -> None:
    chosen = await ledger(programs)
    await programs("Notes", (RED, (900, 500, 300, 200)))
    pair: Pair = await pair_of([ConsentAnswer(granted=True)])
    share = await granted(pair, ShareKind.VIEW, chosen)

    # A modified console names another application as if the share held it, then clicks in
    # the view it was only granted.
    pair.agent.send_to(pair.customer_id, ShareApps(id=share.id, apps=["Ledger", "Notes"]))
    click(pair, share, 20, 20, raw=True)
    await wait_for(lambda: pair.audited("appshare.input_refused") == 1, what="input refused")
    assert [a.name for a in pair.customer_side.shared_apps(share.id)] == ["Ledger"]
    assert pair.state(pair.customer_side).apps == ("Ledger",)
    assert not any(has(f.rgb(), RED) for f in pair.frames)
    assert chosen.presses == []


def test_a_request_naming_a_window_is_refused_by_the_codec() -> None:
    """A modified console cannot say which window or program to share: a request carrying a
    window id (or anything but its kind) does not decode."""
    good = PEER.encode(ShareRequest(id="p1-a1", kind=ShareKind.VIEW))
    assert isinstance(PEER.decode(good), ShareRequest)
    forged = json.loads(good)
    forged["window"] = 4242
    with pytest.raises(ProtocolError):
        PEER.decode(json.dumps(forged))


async def test_the_customer_stops_it_and_the_session_end_stops_the_next(
    programs: Any, pair_of: Any
) -> None:
    chosen = await ledger(programs)
    pair: Pair = await pair_of([ConsentAnswer(granted=True), ConsentAnswer(granted=True)])
    first = await granted(pair, ShareKind.VIEW, chosen)

    await pair.customer_side.stop(first.id)  # the customer's Stop
    await wait_for(lambda: pair.state(pair.agent_side).state == ShareState.STOPPED)
    assert pair.state(pair.agent_side).end == ShareEnd.STOPPED_BY_CUSTOMER
    running = pair.customer_side._running[first.id]
    await wait_for(lambda: running.sender is None and running.windows is None)

    pair.frames.clear()
    second = await granted(pair, ShareKind.VIEW, chosen)
    assert second.id != first.id
    await pair.agent.end()  # the session ends: so does the share, on both sides
    await wait_for(lambda: not pair.state(pair.customer_side).live, what="the customer's end")
    assert not pair.state(pair.agent_side).live
    await wait_for(lambda: pair.customer_side._running[second.id].sender is None)
