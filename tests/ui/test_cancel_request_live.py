"""Taking back a sharing request the customer has not answered yet, with a real console (its
three faces), a real client and a support center process: while the customer is asked, every
face offers Cancel request beside Stop sharing, which is off (nothing is shared yet); using it
closes the customer's question, and their Allow arriving after that shares nothing."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtWidgets import QToolBar, QToolButton, QWidgetAction
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.preferences import FaceName
from customer_client.ui.window import ClientWindow
from shared.features.desktop.activities import Activity, ActivityState
from shared.features.desktop.console import (
    CANCEL_KEY,
    REQUEST_KEYS,
    STOP_KEY,
    ConsoleDesktopPart,
)
from shared.features.desktop.customer import SharedNow
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.protocol import ActivityKind, StopReason
from shared.session.consent import ConsentAnswer, ConsentRequest
from tests.faces.attention import asked
from tests.faces.conftest import WAIT_MS, make_console, settings_path, start_center_with
from tests.faces.pair import pair

__all__ = ["make_console", "pair", "settings_path", "start_center_with"]


def _offered(button: QToolButton) -> bool:
    """The button shows in its face (a toolbar shows it through the action that holds it)."""
    parent = button.parentWidget()
    if isinstance(parent, QToolBar):
        return any(
            isinstance(a, QWidgetAction) and a.defaultWidget() is button and a.isVisible()
            for a in parent.actions()
        )
    return not button.isHidden()


def _buttons(console: Console, key: str) -> dict[FaceName, list[QToolButton]]:
    found = {
        name: console.faces.face(name).findChildren(QToolButton, f"button_{key}")
        for name in FaceName
    }
    # The dashboard's Desktop tab and the icon bar; the multisession window's toolbar (and its
    # session's Sharing page once a session is open there).
    assert all(found.values()), found
    return found


def _every_face(console: Console, key: str, offered: bool, enabled: bool = True) -> bool:
    """Every face's buttons for ``key`` are shown (and ``enabled`` or not), or none is."""
    buttons = [b for bs in _buttons(console, key).values() for b in bs]
    if not offered:
        return not any(_offered(b) for b in buttons)
    return all(_offered(b) and b.isEnabled() == enabled for b in buttons)


def _sharing(console: Console) -> SharingFeature:
    feature = console.controller.part("desktop").feature
    assert isinstance(feature, SharingFeature)
    return feature


def _client_sharing(client: ClientWindow) -> SharingFeature:
    feature = client.controller.part("desktop").feature
    assert isinstance(feature, SharingFeature)
    return feature


def _answered(client: ClientWindow, kind: str = "sharing.answered") -> list[str]:
    """What the customer's engine recorded as their answers so far (granted: "True"); with
    ``kind`` "sharing.answer_ignored", those that came after the request was taken back."""
    session = client.controller.session
    assert session is not None
    return [e.detail.get("granted", "") for e in session.engine.audit.events if e.kind == kind]


def _active(activities: list[Activity]) -> list[Activity]:
    return [a for a in activities if a.state == ActivityState.ACTIVE]


@pytest.mark.parametrize("kind", [ActivityKind.VIEW, ActivityKind.SHOW])
def test_cancelling_a_waiting_request_closes_the_question_and_a_late_allow_shares_nothing(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], kind: ActivityKind
) -> None:
    console, client = pair
    registry = console.actions.registry
    session = client.controller.session
    assert session is not None
    asker = session.consent.ask
    assert asker is not None

    async def allow_arriving_late(request: ConsentRequest) -> ConsentAnswer:
        """The customer's Allow, reaching their engine only once the question was closed."""
        await asker(request)
        return ConsentAnswer(granted=True)

    session.consent.ask = allow_arriving_late
    assert _every_face(console, STOP_KEY, offered=True, enabled=False)  # nothing to stop
    assert _every_face(console, CANCEL_KEY, offered=False)

    registry.action(REQUEST_KEYS[kind]).trigger()
    dialog = asked(qtbot, client)
    # Asked, nothing shared yet: every face offers Cancel request; Stop sharing stays off.
    qtbot.waitUntil(lambda: _every_face(console, CANCEL_KEY, offered=True), timeout=WAIT_MS)
    assert _every_face(console, STOP_KEY, offered=True, enabled=False)
    for buttons in _buttons(console, CANCEL_KEY).values():
        assert all(b.accessibleName() == "Cancel request" for b in buttons)

    registry.action(CANCEL_KEY).trigger()
    # The customer's question closes by itself; their late Allow is heard, and shares nothing.
    qtbot.waitUntil(lambda: not client.consent.dialogs, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT_MS
    )
    qtbot.waitUntil(
        lambda: _answered(client, "sharing.answer_ignored") == ["True"], timeout=WAIT_MS
    )
    assert _answered(client) == []  # the audit does not say the customer granted it
    (theirs,) = _client_sharing(client).activities
    assert (theirs.state, theirs.stop_reason) == (
        ActivityState.STOPPED,
        StopReason.STOPPED_BY_AGENT,
    )
    (ours,) = _sharing(console).activities
    assert ours.state == ActivityState.STOPPED
    desktop = console.controller.part("desktop")
    assert isinstance(desktop, ConsoleDesktopPart)
    qtbot.waitUntil(
        lambda: desktop.status.status == "You cancelled your request to Grace.", timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: _every_face(console, CANCEL_KEY, offered=False), timeout=WAIT_MS)
    assert _every_face(console, STOP_KEY, offered=True, enabled=False)

    # The customer's window no longer says they are asked.
    line = client.panels["desktop"]
    assert isinstance(line, SharedNow)
    qtbot.waitUntil(lambda: line.label.text() == "Your screen is not shared.", timeout=WAIT_MS)

    # Asked again: the customer gets a new question, and still nothing of the first runs.
    session.consent.ask = asker
    registry.action(REQUEST_KEYS[kind]).trigger()
    again = asked(qtbot, client)
    assert again is not dialog
    assert _active(_sharing(console).activities) == []
    assert _active(_client_sharing(client).activities) == []
    assert not client.controller.part("desktop").windows.indicator.isVisible()
    assert _sharing(console).shared_screens() == () == _client_sharing(client).shared_screens()
    again.reject()
