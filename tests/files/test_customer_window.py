"""The customer's file-copying window as they read it: a request the agent withdrew while they
were still asked is said so (in English and French), and Stop can be clicked only while
something is left to stop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.ui.window import ClientWindow
from shared.features.files.customer import CustomerFilesPart
from shared.features.files.model import (
    Direction,
    Stage,
    TransferDone,
    TransferProgress,
    TransferStarted,
)
from shared.features.files.transfer_list import Column, TransferList
from shared.features.files.trees import GroupEnded, GroupStarted
from tests.faces.attention import asked
from tests.faces.conftest import WAIT_MS
from tests.files.test_two_pane import (
    _browse,
    _local_names,
    _local_point,
    abort_waiting_line,
)
from tests.files.test_views import (
    ADA,
    AGENT,
    StandInHost,
    _french_numbers,
    _open_window,
    _parts,
    _random_file,
)
from tests.i18n.catalogue import FrenchCheck
from tests.i18n.walk import assert_french
from tests.xserver import click


def test_the_customer_reads_that_the_agent_withdrew_a_folder_they_were_asked_about(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    console, client = pair
    agent, customer = _parts(console, client)
    theirs, ours = tmp_path / "customer", tmp_path / "agent"
    theirs.mkdir()
    (ours / "photos").mkdir(parents=True)
    _random_file(ours / "photos" / "a.jpg", 2000)

    # The agent sends the folder "photos"; the customer is asked.
    window = _open_window(qtbot, console)
    window.resize(1200, 800)
    pane = window.panel.two_pane
    pane.open_local(ours)
    _browse(qtbot, pane, client, theirs)
    qtbot.waitUntil(lambda: _local_names(pane) == ["photos"], timeout=WAIT_MS)
    click(pane.left.viewport(), _local_point(pane, ours / "photos"))
    qtbot.waitUntil(lambda: pane.local_selected() == [ours / "photos"], timeout=WAIT_MS)
    click(pane.send_button)
    asked(qtbot, client)

    # While the question is open, the agent picks the waiting line and clicks Abort.
    abort_waiting_line(qtbot, window, "photos")

    # The question closes, and the customer's window says why: the agent took it back.
    qtbot.waitUntil(lambda: not client.consent.dialogs, timeout=WAIT_MS)
    qtbot.waitUntil(customer.window.isVisible, timeout=WAIT_MS)
    qtbot.waitExposed(customer.window)
    note = customer.window.note
    assert note.isVisible()
    assert note.text() == "Ada Agent withdrew the request to send you “photos”."
    assert not customer.window.stop_button.isEnabled()  # nothing to stop
    assert list(theirs.iterdir()) == []
    assert agent.rows and all(row.stage == Stage.ABORTED for row in agent.rows.values())


def test_the_withdrawal_reads_french(qtbot: QtBot, french: FrenchCheck) -> None:
    _french_numbers()
    french.data |= {AGENT, "photos"}
    host = StandInHost()
    part = CustomerFilesPart(host)  # type: ignore[arg-type]
    qtbot.addWidget(part.window)
    # The agent asks for the customer's folder "photos", then takes the request back.
    host.feature_event.emit(GroupStarted("g1", ADA.id, Direction.SEND, "photos", 3, 9000))
    host.feature_event.emit(
        GroupEnded(
            "g1",
            "photos",
            Stage.ABORTED,
            0,
            0,
            "stopped",
            Direction.SEND,
            ADA.id,
            by=ADA.id,
            unanswered=True,
        )
    )
    qtbot.waitUntil(part.window.isVisible, timeout=WAIT_MS)
    qtbot.waitExposed(part.window)
    assert part.window.note.text() == (
        "Ada Agent a retiré sa demande de copier «\u00a0photos\u00a0» depuis votre ordinateur."
    )
    assert_french(french, part.window)
    part.close()


def test_stop_is_disabled_once_nothing_is_left_to_stop(qtbot: QtBot) -> None:
    host = StandInHost()
    part = CustomerFilesPart(host)  # type: ignore[arg-type]
    qtbot.addWidget(part.window)
    stop = part.window.stop_button
    host.feature_event.emit(TransferStarted("t1", ADA.id, Direction.RECEIVE, "a.bin", 2000))
    host.feature_event.emit(TransferStarted("t2", ADA.id, Direction.RECEIVE, "b.bin", 2000))
    host.feature_event.emit(TransferProgress("t1", 1000, 2000, 1000.0, 1.0))
    host.feature_event.emit(TransferProgress("t2", 1000, 2000, 1000.0, 1.0))
    qtbot.waitUntil(part.window.isVisible, timeout=WAIT_MS)
    assert stop.isEnabled()

    # One is done: the other can still be stopped.
    host.feature_event.emit(TransferDone("t1", "a.bin", 2000, "0" * 64, "/tmp/a.bin"))
    qtbot.waitUntil(lambda: part.rows["t1"].final, timeout=WAIT_MS)
    assert stop.isEnabled()

    # Both done: nothing is left to stop, while the window still shows their "Done".
    host.feature_event.emit(TransferDone("t2", "b.bin", 2000, "0" * 64, "/tmp/b.bin"))
    qtbot.waitUntil(lambda: not stop.isEnabled(), timeout=WAIT_MS)
    assert part.window.isVisible()

    # A new transfer while the window lingers: Stop is there again.
    host.feature_event.emit(TransferStarted("t3", ADA.id, Direction.RECEIVE, "c.bin", 2000))
    host.feature_event.emit(TransferProgress("t3", 1000, 2000, 1000.0, 1.0))
    qtbot.waitUntil(stop.isEnabled, timeout=WAIT_MS)
    part.close()


def _shown_name(lines: TransferList, transfer_id: str) -> str:
    """The Name cell's text as the list paints it in the column's width (elided as the view
    and its delegate say)."""
    item = lines.topLevelItem(lines.ids().index(transfer_id))
    assert item is not None
    index = lines.indexFromItem(item, Column.NAME)
    option = QStyleOptionViewItem()
    lines.initViewItemOption(option)
    delegate = lines.itemDelegateForIndex(index)
    assert isinstance(delegate, QStyledItemDelegate)
    delegate.initStyleOption(option, index)
    option.rect = lines.visualRect(index)
    style = lines.style()
    text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, lines)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, lines) + 1
    width = text_rect.width() - 2 * margin
    return option.fontMetrics.elidedText(option.text, option.textElideMode, width)


def test_a_long_name_keeps_its_end_in_the_customers_window(qtbot: QtBot) -> None:
    host = StandInHost()
    part = CustomerFilesPart(host)  # type: ignore[arg-type]
    qtbot.addWidget(part.window)
    name = "photos/2024 summer holidays in Brittany/IMG_20240712_183055.jpg"
    host.feature_event.emit(TransferStarted("t1", ADA.id, Direction.RECEIVE, name, 4_000_000))
    host.feature_event.emit(TransferStarted("t2", ADA.id, Direction.RECEIVE, "notes.txt", 900))
    for transfer in ("t1", "t2"):
        host.feature_event.emit(TransferProgress(transfer, 100, 900, 1000.0, 1.0))
    qtbot.waitUntil(part.window.isVisible, timeout=WAIT_MS)
    qtbot.waitExposed(part.window)
    assert part.window.width() == 520  # its width, beside the customer's own window
    lines = part.window.list

    # The name column has the room: a short name whole, the long one cut in its middle, its
    # beginning and the file's own name and type still read; the tooltip says it whole.
    qtbot.waitUntil(lambda: _shown_name(lines, "t2") == "notes.txt", timeout=WAIT_MS)
    shown = _shown_name(lines, "t1")
    assert shown != name and "…" in shown
    assert shown.startswith("photos/2024") and shown.endswith("183055.jpg"), shown
    item = lines.topLevelItem(lines.ids().index("t1"))
    assert item is not None and item.toolTip(Column.NAME) == name
    part.close()
