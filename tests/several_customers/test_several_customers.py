"""Two customers in one session, each in their own real client window, with a real console and
support center: the first is told when the second joins; the agent picks whom to help with real
clicks in the Participants panel, and every face shows whom; helping the other during a desktop
view asks first, then ends the view on both sides and says so; a customer leaving while chosen
hands the choice to the one still here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QMessageBox, QTreeWidgetItem
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.dashboard import Dashboard
from csr_console.ui.icon_bar import IconBar
from csr_console.ui.multisession import MultisessionWindow
from csr_console.ui.participant_list import ParticipantList
from csr_console.ui.session_chooser import slot_title
from customer_client.ui.window import ClientWindow
from shared.features.desktop.console_tab import DesktopTab
from shared.features.desktop.customer import SharedNow
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.texts import screen_not_shared_text
from shared.features.files.console import ConsoleFilesPart
from shared.features.files.model import Stage
from tests.e2e.conftest import CenterProcess
from tests.faces.attention import (
    asked,
    client_beside,
    client_window,
    stand_in_sharing,
)
from tests.faces.conftest import WAIT_MS
from tests.i18n.catalogue import FrenchCheck
from tests.screenshots import save_screen
from tests.xserver import click, settle_layouts


def _joins(qtbot: QtBot, console: Console, client: ClientWindow, number: int, name: str) -> None:
    """``name`` joins session ``number`` from their client window (its desktop sharing stood
    in for); the console sees one more customer linked."""
    before = console.controller.state.customers
    client.controller.engine_factories["desktop"] = stand_in_sharing
    client.show()
    client.prefill(number, name, None)
    client.submit_join()
    qtbot.waitUntil(lambda: console.controller.state.customers == before + 1, timeout=WAIT_MS)


# Clicks on a row before the list is taken to move under the pointer without rest.
CLICK_TRIES = 3


@contextmanager
def two_customers(
    qtbot: QtBot, console: Console, center: CenterProcess
) -> Iterator[tuple[ClientWindow, ClientWindow]]:
    """The agent's session on the dashboard with Grace, then Linus, each in their own client
    window, placed beside the dashboard so that nothing covers what the test clicks."""
    with client_beside(qtbot, console, center) as (number, grace):
        _dashboard(console).move(0, 0)
        grace.move(1300, 0)
        _joins(qtbot, console, grace, number, "Grace")
        linus = client_window(qtbot, center)
        linus.move(1300, 560)
        try:
            _joins(qtbot, console, linus, number, "Linus")
            yield grace, linus
        finally:
            linus.controller.close_parts()
            linus.controller.shutdown()


def _dashboard(console: Console) -> Dashboard:
    dashboard = console.window
    assert isinstance(dashboard, Dashboard)
    return dashboard


def _row(people: ParticipantList, name: str) -> QTreeWidgetItem:
    for index in range(people.topLevelItemCount()):
        item = people.topLevelItem(index)
        if item is not None and item.text(0) == name:
            return item
    raise AssertionError(f"{name} is not in the Participants list")


def _click_row(qtbot: QtBot, people: ParticipantList, name: str) -> None:
    """A real click on ``name``'s row of the Participants list. Clicked again if the list moved
    on the screen while the click was on its way (a label above it grew a line): the first one
    then landed where the row no longer was."""
    people.window().raise_()  # over the viewer the view opened, on this one test display
    qtbot.waitExposed(people.window())
    for _ in range(CLICK_TRIES):
        settle_layouts()  # the list where it is now, not where it was before a label grew
        at = _row_point(people, name)
        # Nothing (a question kept on top) may stand where the click lands.
        under = QApplication.widgetAt(at)
        assert under is people.viewport(), f"{name}'s row is covered by {under!r}"
        click(people.viewport(), people.viewport().mapFromGlobal(at))
        QApplication.processEvents()  # the click, and whatever moved meanwhile
        settle_layouts()
        if _row_point(people, name) == at:
            return
    raise AssertionError(f"{name}'s row kept moving under the pointer")


def _row_point(people: ParticipantList, name: str) -> QPoint:
    """Where on the screen a click on ``name``'s row lands (near its left end)."""
    rect = people.visualItemRect(_row(people, name))
    return people.viewport().mapToGlobal(QPoint(rect.left() + 20, rect.center().y()))


def _question(qtbot: QtBot, console: Console, name: str = "confirmSwitchCustomer") -> QMessageBox:
    """The console's question ``name`` (by default, before helping another customer), once it
    shows."""

    def shown() -> QMessageBox | None:
        box = _dashboard(console).findChild(QMessageBox, name)
        return box if box is not None and box.isVisible() else None

    qtbot.waitUntil(lambda: shown() is not None, timeout=WAIT_MS)
    box = shown()
    assert box is not None
    qtbot.waitExposed(box)
    return box


def _transcript(client: ClientWindow) -> str:
    """The line of the client's window about the other customers, when shown."""
    label = client.other_customers.label
    return label.text() if label.isVisible() else ""


def _live(sharing: SharingFeature | None) -> list[object]:
    assert sharing is not None, "desktop sharing did not load"
    return [a for a in sharing.activities if a.live]


def _helping(console: Console) -> str:
    return console.controller.state.customer_name


def test_the_agent_picks_the_customer_and_switching_ends_the_view_on_both_sides(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> None:
    console = make_console()
    with two_customers(qtbot, console, start_center_with()) as (grace, linus):
        dashboard = _dashboard(console)
        people = dashboard.session_panel.people
        slot = console.controller.current
        # The first customer is told the second joined; the second, who was already here.
        qtbot.waitUntil(
            lambda: "Another customer, Linus, joined this session." in _transcript(grace),
            timeout=WAIT_MS,
        )
        qtbot.waitUntil(lambda: "Also in this session: Grace." in _transcript(linus))
        # Customers never learn each other's system (the center strips it).
        other = next(p for p in grace.controller.participants if p.name == "Linus")
        assert other.info.os == "" and other.info.machine == ""

        # Grace, first, is whom the agent helps; every face of the console says so.
        assert _helping(console) == "Grace"
        assert _row(people, "Grace").isSelected() and _row(people, "Grace").font(0).bold()
        assert "helping Grace" in dashboard.windowTitle()
        assert "helping Grace (2 customers)" in slot_title(slot)
        tab = dashboard.panels.built["desktop"].widget
        assert isinstance(tab, DesktopTab) and tab.customer_box.currentText() == "Grace"

        # The agent views Grace's screen: she allows it in her window.
        console.actions.registry.action("request_view").trigger()
        question = asked(qtbot, grace)
        qtbot.waitUntil(question.ok_button.isEnabled, timeout=WAIT_MS)
        click(question.ok_button)
        agent_sharing = slot.part("desktop").feature
        grace_sharing = grace.controller.part("desktop").feature
        qtbot.waitUntil(lambda: len(_live(grace_sharing)) == 1, timeout=WAIT_MS)
        assert len(_live(agent_sharing)) == 1

        # A click on Linus asks first, naming what ends; Cancel keeps Grace and her view.
        _click_row(qtbot, people, "Linus")
        box = _question(qtbot, console)
        assert "Linus" in box.text() and "the view of their screen" in box.text()
        save_screen("several-customers-switch-question")
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        assert cancel is not None
        click(cancel)
        qtbot.waitUntil(lambda: _row(people, "Grace").isSelected(), timeout=WAIT_MS)
        assert _helping(console) == "Grace" and len(_live(agent_sharing)) == 1

        # Again, confirmed: the view ends on both sides, the status says why, Linus is helped.
        _click_row(qtbot, people, "Linus")
        box = _question(qtbot, console)
        confirm = box.button(QMessageBox.StandardButton.Ok)
        assert confirm is not None and confirm.text() == "Help Linus"
        click(confirm)
        qtbot.waitUntil(lambda: not _live(grace_sharing), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not _live(agent_sharing), timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: tab.status.text() == "Sharing with Grace ended: you are now helping Linus.",
            timeout=WAIT_MS,
        )
        shared_now = grace.panels["desktop"]
        assert isinstance(shared_now, SharedNow)
        qtbot.waitUntil(
            lambda: shared_now.label.text() == screen_not_shared_text(), timeout=WAIT_MS
        )
        assert _helping(console) == "Linus"
        assert _row(people, "Linus").isSelected() and not _row(people, "Grace").isSelected()
        assert "helping Linus" in dashboard.windowTitle()
        assert tab.customer_box.currentText() == "Linus"
        assert "you are helping Linus" in dashboard.session_panel.status.text()
        save_screen("several-customers-dashboard")

        # What the agent asks next goes to Linus, not Grace.
        console.actions.registry.action("request_view").trigger()
        asked(qtbot, linus).reject()
        assert not grace.consent.dialogs


def test_a_customer_leaving_while_chosen_hands_the_choice_on(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> None:
    console = make_console()
    with two_customers(qtbot, console, start_center_with()) as (grace, linus):
        people = _dashboard(console).session_panel.people
        # Nothing runs with Grace: a click on Linus helps him at once, without a question.
        _click_row(qtbot, people, "Linus")
        qtbot.waitUntil(lambda: _helping(console) == "Linus", timeout=WAIT_MS)
        assert _dashboard(console).findChild(QMessageBox, "confirmSwitchCustomer") is None

        linus.controller.leave()
        qtbot.waitUntil(lambda: _helping(console) == "Grace", timeout=WAIT_MS)
        assert _row(people, "Grace").isSelected()
        # Linus's row stays, saying he left, and cannot be picked any more.
        _click_row(qtbot, people, "Linus")
        assert _helping(console) == "Grace" and not _row(people, "Linus").isSelected()
        chat = console.controller.current.part("chat")
        qtbot.waitUntil(
            lambda: any("Linus left; you are now helping Grace." in e.text for e in chat.entries),
            timeout=WAIT_MS,
        )
        qtbot.waitUntil(lambda: "Linus left this session." in _transcript(grace), timeout=WAIT_MS)
        assert console.controller.current.part("desktop").status.customers == [
            (console.controller.current.current_customer(), "Grace")
        ]


def test_the_participants_panel_in_french(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    french: FrenchCheck,
) -> None:
    console = make_console()
    with two_customers(qtbot, console, start_center_with()) as (grace, _linus):
        dashboard = _dashboard(console)
        people = dashboard.session_panel.people
        qtbot.waitUntil(
            lambda: "Un autre client, Linus, a rejoint cette session." in _transcript(grace),
            timeout=WAIT_MS,
        )
        assert "aidez" in _row(people, "Grace").text(4)
        assert "Grace" in dashboard.windowTitle() and "aide" in dashboard.windowTitle()
        save_screen("several-customers-dashboard-fr")


def test_every_face_shows_and_picks_the_same_customer(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> None:
    console = make_console()
    with two_customers(qtbot, console, start_center_with()):
        registry = console.actions.registry
        slot = console.controller.current
        # The multisession window: its tab's Participants list picks, its status says whom.
        registry.action("face_multisession").trigger()
        window = console.face
        assert isinstance(window, MultisessionWindow)
        qtbot.waitUntil(window.isVisible, timeout=WAIT_MS)
        window.move(0, 0)
        tab = window.tab_of(slot)
        tab.show_sub_tab("system")
        qtbot.waitExposed(tab.people)
        _click_row(qtbot, tab.people, "Linus")
        qtbot.waitUntil(lambda: _helping(console) == "Linus", timeout=WAIT_MS)
        assert "you are helping Linus" in tab.status.text()
        assert "helping Linus (2 customers)" in window.tabs.tabText(window.tabs.indexOf(tab))
        save_screen("several-customers-multisession")

        # The icon bar says whom in its title.
        registry.action("face_icon_bar").trigger()
        bar = console.face
        assert isinstance(bar, IconBar)
        qtbot.waitUntil(bar.isVisible, timeout=WAIT_MS)
        assert "helping Linus" in bar.session_label.text()

        # The dashboard: the same choice.
        registry.action("face_dashboard").trigger()
        dashboard = _dashboard(console)
        qtbot.waitUntil(dashboard.isVisible, timeout=WAIT_MS)
        assert _row(dashboard.session_panel.people, "Linus").isSelected()
        assert "helping Linus" in dashboard.windowTitle()


def test_switching_stops_a_file_transfer_with_the_customer_before(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
    tmp_path: Path,
) -> None:
    console = make_console()
    with two_customers(qtbot, console, start_center_with()) as (grace, linus):
        people = _dashboard(console).session_panel.people
        files = console.controller.current.part("files")
        assert isinstance(files, ConsoleFilesPart)
        source = tmp_path / "report.txt"
        source.write_text("quarterly figures\n")
        # A file on its way to Grace (she is still asked about it) when the agent picks Linus.
        files.send_files([source])
        grace_question = asked(qtbot, grace)
        assert "report.txt" in grace_question.question.text()
        # Her question stays on top of every window: out of the way of the Participants list.
        grace_question.move(1300, 400)
        qtbot.waitUntil(lambda: grace_question.x() >= 1300, timeout=WAIT_MS)
        _click_row(qtbot, people, "Linus")
        try:
            box = _question(qtbot, console)
        except TimeoutError:
            seen = (
                f"helping {_helping(console)!r}, rows {[r.stage for r in files.rows.values()]}, "
                f"Linus selected {_row(people, 'Linus').isSelected()}"
            )
            raise AssertionError(f"no question before the switch: {seen}") from None
        assert "a file transfer" in box.text()
        confirm = box.button(QMessageBox.StandardButton.Ok)
        assert confirm is not None
        click(confirm)
        qtbot.waitUntil(
            lambda: [r.stage for r in files.rows.values()] == [Stage.ABORTED], timeout=WAIT_MS
        )
        assert "report.txt: stopped, you are now helping Linus." in files.last_told
        # Grace is asked no more; what the agent sends next goes to Linus.
        qtbot.waitUntil(lambda: not grace.consent.dialogs, timeout=WAIT_MS)
        files.send_files([source])
        assert "report.txt" in asked(qtbot, linus).question.text()
        assert not grace.consent.dialogs


def test_ending_the_session_says_how_many_customers_it_disconnects(
    qtbot: QtBot,
    make_console: Callable[[], Console],
    start_center_with: Callable[..., CenterProcess],
) -> None:
    console = make_console()
    with two_customers(qtbot, console, start_center_with()):
        console.actions.registry.action("end_session").trigger()
        box = _question(qtbot, console, "confirmEnd")
        assert box.text() == (
            "End this session for everyone? The 2 customers will be disconnected."
        )
        box.reject()
