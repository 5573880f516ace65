"""File transfer's windows in the real console and client, with real X clicks: the agent sends a
file through the File transfer window, the customer allows it in the consent dialog in the
feature's words, the file arrives whole in their downloads folder and the agent's window says
done; the customer's Stop ends a large transfer and leaves no partial file; the windows and the
question read French in French, the questions for a rename or a delete naming the file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from csr_console.ui.dashboard import Dashboard
from csr_console.ui.multisession import MultisessionWindow
from csr_console.ui.preferences import FaceName
from customer_client.ui.consent_dialog import ConsentDialog
from customer_client.ui.window import ClientWindow
from shared.features.files.console import ACTION, ConsoleFilesPart
from shared.features.files.console_panel import FilesWindow, TransfersPanel
from shared.features.files.customer import CustomerFilesPart
from shared.features.files.model import (
    Direction,
    Stage,
    TransferDone,
    TransferProgress,
    TransferStarted,
)
from shared.features.files.names import SEPARATOR
from shared.features.files.part import TransferRow
from shared.features.files.protocol import NAME, FolderChange, FolderOp
from shared.features.files.transfer_list import Column, TransferList
from shared.features.files.trees import Group
from shared.protocol.messages import ParticipantInfo, Role
from shared.session.consent import ConsentRequest, PermissionKind
from shared.session.participants import Participant
from tests.faces.attention import asked
from tests.faces.conftest import WAIT_MS
from tests.i18n.catalogue import FrenchCheck
from tests.i18n.walk import assert_french
from tests.xserver import click, to_front

# Large enough that the customer's Stop lands well before the end on loopback.
LARGE_BYTES = 48 * 1024 * 1024


def _parts(console: Console, client: ClientWindow) -> tuple[ConsoleFilesPart, CustomerFilesPart]:
    agent = console.controller.current.part(NAME)
    customer = client.controller.part(NAME)
    assert isinstance(agent, ConsoleFilesPart) and isinstance(customer, CustomerFilesPart)
    return agent, customer


def _empty_downloads(customer: CustomerFilesPart, tmp_path: Path) -> Path:
    """The customer's downloads folder, empty: what arrives is all that is in it."""
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    customer.set_downloads(downloads)
    return downloads


def _random_file(path: Path, size: int) -> Path:
    with path.open("wb") as file:
        left = size
        while left:
            block = os.urandom(min(left, 1024 * 1024))
            file.write(block)
            left -= len(block)
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _open_window(qtbot: QtBot, console: Console) -> FilesWindow:
    """The agent clicks File transfer on the dashboard's Tools tab."""
    dashboard = console.faces.face(FaceName.DASHBOARD)
    assert isinstance(dashboard, Dashboard)
    console.faces.switch(FaceName.DASHBOARD)
    dashboard.show_tab(dashboard.tab_order()[0])
    tools = dashboard.findChild(QWidget, "toolsTab")
    assert tools is not None
    button = tools.findChild(QToolButton, f"button_{ACTION}")
    assert button is not None
    qtbot.waitUntil(button.isEnabled, timeout=WAIT_MS)
    qtbot.waitExposed(button)
    click(button)
    agent = console.controller.current.part(NAME)
    assert isinstance(agent, ConsoleFilesPart)
    qtbot.waitUntil(lambda: agent.window is not None and agent.window.isVisible(), timeout=WAIT_MS)
    assert agent.window is not None
    qtbot.waitExposed(agent.window)
    return agent.window


def _send_through_dialog(qtbot: QtBot, panel: TransfersPanel, path: Path) -> None:
    """Send files…, the file chosen in the dialog (set in it), then its Send button."""
    to_front(panel)
    click(panel.send_button)
    qtbot.waitUntil(lambda: panel.send_dialog is not None, timeout=WAIT_MS)
    dialog = panel.send_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    send = next(
        b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    )

    name_edit = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name_edit is not None

    def chosen() -> bool:
        # The file's path in the name field, as typed. The dialog lists folders in the
        # background, and a listing that lands later clears the field: set until it holds.
        if name_edit.text() != str(path):
            name_edit.setText(str(path))
        return send.isEnabled()

    qtbot.waitUntil(chosen, timeout=WAIT_MS)
    click(send)
    qtbot.waitUntil(lambda: panel.send_dialog is None, timeout=WAIT_MS)


def test_the_agent_sends_a_file_the_customer_allows_and_it_arrives_whole(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    console, client = pair
    agent, customer = _parts(console, client)
    downloads = _empty_downloads(customer, tmp_path)
    source = _random_file(tmp_path / "report.pdf", 2_400_000)

    window = _open_window(qtbot, console)
    _send_through_dialog(qtbot, window.panel, source)

    # The customer is asked in the feature's words, and allows.
    dialog = asked(qtbot, client)
    assert dialog.question.text().endswith(" wants to send you “report.pdf” (2.4 MB)")
    assert str(downloads) in dialog.detail.text()
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
    click(dialog.ok_button)

    # It arrives identical in their downloads folder; the agent's window says it is done.
    arrived = downloads / "report.pdf"
    qtbot.waitUntil(lambda: [r.stage for r in agent.rows.values()] == [Stage.DONE], timeout=WAIT_MS)
    assert arrived.is_file() and _sha256(arrived) == _sha256(source)
    assert sorted(p.name for p in downloads.iterdir()) == ["report.pdf"]  # no temporary left
    lines = window.panel.list
    item = lines.topLevelItem(0)
    assert item is not None and item.text(0) == "report.pdf" and item.text(5) == "Done"
    bar = lines.bar(lines.ids()[0])
    assert bar is not None and bar.value == bar.maximum
    assert "report.pdf copied to Grace's computer." in window.panel.status.currentMessage()
    # The customer's window showed while it was copied and is gone once nothing is.
    qtbot.waitUntil(lambda: not customer.window.isVisible(), timeout=WAIT_MS)

    # The multisession window's Files tab is the same panel, with the same transfer.
    multisession = console.faces.face(FaceName.MULTISESSION)
    assert isinstance(multisession, MultisessionWindow)
    tab = multisession.findChild(TransfersPanel)
    assert tab is not None and tab.property("subTab") == "files"
    assert tab.list.ids() == lines.ids()


# A window's frame as a window manager may draw it, or not (Xvfb without one).
FRAME_SLACK_PX = 40


def test_the_customers_stop_ends_a_large_transfer_and_leaves_nothing(
    qtbot: QtBot, pair: tuple[Console, ClientWindow], tmp_path: Path
) -> None:
    console, client = pair
    agent, customer = _parts(console, client)
    downloads = _empty_downloads(customer, tmp_path)
    source = _random_file(tmp_path / "big.bin", LARGE_BYTES)

    window = _open_window(qtbot, console)
    _send_through_dialog(qtbot, window.panel, source)
    dialog = asked(qtbot, client)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=WAIT_MS)
    click(dialog.ok_button)

    # While it is copied the customer sees it, with Stop; they click it.
    qtbot.waitUntil(customer.window.isVisible, timeout=WAIT_MS)
    qtbot.waitExposed(customer.window)
    assert customer.window.list.topLevelItem(0) is not None
    assert customer.window.label.text() == "Ada Agent is copying these files:"
    # Beside the customer's own window (level with it), not over it.
    shown, theirs = customer.window.frameGeometry(), client.frameGeometry()
    assert not shown.intersects(theirs) and abs(shown.top() - theirs.top()) <= FRAME_SLACK_PX
    click(customer.window.stop_button)

    qtbot.waitUntil(
        lambda: [r.stage for r in agent.rows.values()] == [Stage.ABORTED], timeout=WAIT_MS
    )
    assert "big.bin: Grace stopped the transfer." in window.panel.status.currentMessage()
    qtbot.waitUntil(lambda: not customer.window.isVisible(), timeout=WAIT_MS)
    assert list(downloads.iterdir()) == []  # no partial file, under any name


# --- in French ---------------------------------------------------------------------------------

AGENT = "Ada Agent"
ADA = Participant(ParticipantInfo(id="p1", role=Role.PRIMARY_AGENT, name=AGENT), True)
GRACE = Participant(ParticipantInfo(id="p2", role=Role.CUSTOMER, name="Grace"), True)


class StandInHost(QObject):
    """What a part reads of its session's host, for windows shown without a session."""

    feature_event = Signal(object)
    session_closed = Signal(object)
    participants_changed = Signal(object)
    customer_chosen = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.session = None
        self.participants = (ADA, GRACE)
        self.preferences = None  # no console preferences: windows open at Qt's default place

    def near(self) -> QWidget | None:
        return None

    def current_customer(self) -> str | None:
        return GRACE.id


def _transfers(host: StandInHost) -> None:
    host.feature_event.emit(TransferStarted("t1", "p2", Direction.SEND, "report.pdf", 2_400_000))
    host.feature_event.emit(TransferProgress("t1", 1_200_000, 2_400_000, 800_000.0, 1.5))
    host.feature_event.emit(TransferStarted("t2", "p2", Direction.RECEIVE, "log.txt", 900))
    host.feature_event.emit(TransferDone("t2", "log.txt", 900, "0" * 64, "/tmp/log.txt"))


def _french_numbers() -> None:
    """Numbers as a French system writes them (the French fixture puts the locale back)."""
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))


def test_the_agents_window_is_french(qtbot: QtBot, french: FrenchCheck) -> None:
    _french_numbers()
    # Sizes, speeds and times left are numbers with SI units, and a path is data.
    french.data |= {"report.pdf", "log.txt", "Grace", "800,0 ko/s", "2 s", "/tmp/log.txt"}
    host = StandInHost()
    part = ConsoleFilesPart(host)  # type: ignore[arg-type]
    window = part.open_window()
    qtbot.addWidget(window)
    _transfers(host)
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Transfert de fichiers — Tandem"
    assert window.panel.send_button.text() == "&Envoyer des fichiers…"
    bar = window.panel.list.bar("t1")
    assert bar is not None and bar.text == "50\u00a0%"  # French puts a space before %
    assert_french(french, window)


def test_the_customers_window_and_question_are_french(qtbot: QtBot, french: FrenchCheck) -> None:
    _french_numbers()
    french.data |= {"report.pdf", "log.txt", AGENT}
    host = StandInHost()
    host.participants = (ADA, GRACE)
    part = CustomerFilesPart(host)  # type: ignore[arg-type]
    french.data |= {str(part.downloads), "800,0 ko/s", "2 s"}  # a path, numbers with units
    qtbot.addWidget(part.window)
    host.feature_event.emit(TransferStarted("t1", "p1", Direction.RECEIVE, "report.pdf", 2_400_000))
    request = ConsentRequest("receive_file", AGENT, "t1", PermissionKind.WRITE_FILES, feature=NAME)
    dialog = ConsentDialog(request)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.question.text() == "Ada Agent veut vous envoyer «\u00a0report.pdf\u00a0» (2,4 Mo)"
    assert_french(french, dialog)

    host.feature_event.emit(TransferProgress("t1", 1_200_000, 2_400_000, 800_000.0, 1.5))
    qtbot.waitExposed(part.window)
    assert part.window.stop_button.text() == "&Arrêter"
    assert_french(french, part.window)
    part.close()


def test_the_questions_for_changes_name_the_file_in_french(
    qtbot: QtBot, french: FrenchCheck, monkeypatch: pytest.MonkeyPatch
) -> None:
    french.data |= {AGENT, "/home/grace/Documents", "b.txt", "notes.txt", "vieux"}
    part = CustomerFilesPart(StandInHost())  # type: ignore[arg-type]
    changes = {
        "00000000000000c1": FolderChange(
            id="00000000000000c1",
            op=FolderOp.RENAME,
            root="/home",
            path="grace/Documents/b.txt",
            new_name="notes.txt",
        ),
        "00000000000000c2": FolderChange(
            id="00000000000000c2",
            op=FolderOp.DELETE,
            root="/home",
            path="grace/Documents/vieux",
            recursive=True,
        ),
    }
    monkeypatch.setattr(part, "change", changes.get)
    monkeypatch.setattr(part, "offered_folder", lambda _: "/home/grace/Documents")

    def shown(what: str, activity: str) -> ConsentDialog:
        request = ConsentRequest(what, AGENT, activity, PermissionKind.WRITE_FILES, feature=NAME)
        dialog = ConsentDialog(request)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert_french(french, dialog)
        return dialog

    rename = shown("rename", "00000000000000c1")
    assert rename.question.text() == (
        "Ada Agent veut renommer «\u00a0b.txt\u00a0» en «\u00a0notes.txt\u00a0» "
        "sur votre ordinateur"
    )
    assert rename.detail.text() == "Dans /home/grace/Documents."
    delete = shown("delete_folder_all", "00000000000000c2")
    assert delete.question.text() == (
        "Ada Agent veut supprimer le dossier «\u00a0vieux\u00a0» et tout son contenu"
    )
    assert delete.detail.text() == (
        "Dans /home/grace/Documents. Cela ne passe pas par la corbeille\u00a0: c'est définitif."
    )
    part.close()


# --- several files or a folder: the question names them -----------------------------------------


def _groups() -> dict[str, Group]:
    """A folder sent whole, and five files picked (the first three named)."""
    downloads = Path("/home/grace/Downloads")
    folder = Group("00000000000000g1", "p1", Direction.RECEIVE, "photos", 12, 30_000_000)
    folder.named, folder.picked, folder.one_folder = ("photos",), 1, True
    several = Group("00000000000000g2", "p1", Direction.RECEIVE, "", 7, 2_400_000)
    several.named, several.picked = ("report.pdf", "notes.txt", "plan.odt"), 5
    for group in (folder, several):
        group.folder = downloads
    return {group.id: group for group in (folder, several)}


def _questions(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    groups: dict[str, Group],
    what: str,
    french: FrenchCheck | None = None,
) -> list[ConsentDialog]:
    """The customer's question (``what``) about each of ``groups``, as their window shows it."""
    part = CustomerFilesPart(StandInHost())  # type: ignore[arg-type]
    monkeypatch.setattr(part, "group", groups.get)
    # The roots this side offers: "/" only.
    monkeypatch.setattr(
        part, "folder_under", lambda root, parts: str(Path(root, *parts)) if root == "/" else ""
    )
    sending = what == "receive_files"
    permission = PermissionKind.WRITE_FILES if sending else PermissionKind.READ_FILES
    dialogs = []
    for group_id in groups:
        dialog = ConsentDialog(ConsentRequest(what, AGENT, group_id, permission, feature=NAME))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        if french is not None:
            assert_french(french, dialog)
        dialogs.append(dialog)
    part.close()
    return dialogs


def _group_questions(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, french: FrenchCheck | None = None
) -> list[ConsentDialog]:
    return _questions(qtbot, monkeypatch, _groups(), "receive_files", french)


def test_the_question_for_a_folder_or_several_files_names_them(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, english_afterwards: None
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    folder, several = _group_questions(qtbot, monkeypatch)
    assert folder.question.text() == (
        "Ada Agent wants to send you the folder “photos” (12 files, 30.0 MB)"
    )
    assert folder.detail.text() == (
        "It is saved in /home/grace/Downloads. You can stop it while it is copied."
    )
    assert several.question.text() == (
        "Ada Agent wants to send you 7 files (2.4 MB): “report.pdf”, “notes.txt”, “plan.odt”, …"
    )
    assert several.detail.text() == (
        "They are saved in /home/grace/Downloads. You can stop them while they are copied."
    )
    lines = TransferList(lambda _: "")
    qtbot.addWidget(lines)
    lines.show_row(TransferRow("t1", "a.bin", Direction.SEND, 1000, "p2", Stage.RUNNING, 500))
    bar = lines.bar("t1")
    assert bar is not None and bar.text == "50%"


def test_the_question_for_a_folder_or_several_files_names_them_in_french(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, french: FrenchCheck
) -> None:
    _french_numbers()
    french.data |= {AGENT, "/home/grace/Downloads", "photos", "report.pdf", "notes.txt"}
    french.data |= {"«\u00a0report.pdf\u00a0», «\u00a0notes.txt\u00a0», «\u00a0plan.odt\u00a0», …"}
    folder, several = _group_questions(qtbot, monkeypatch, french)
    assert folder.question.text() == (
        "Ada Agent veut vous envoyer le dossier «\u00a0photos\u00a0» (12 fichiers, 30,0 Mo)"
    )
    assert several.question.text() == (
        "Ada Agent veut vous envoyer 7 fichiers (2,4 Mo)\u00a0: «\u00a0report.pdf\u00a0», "
        "«\u00a0notes.txt\u00a0», «\u00a0plan.odt\u00a0», …"
    )
    assert several.detail.text() == (
        "Ils sont enregistrés dans /home/grace/Downloads. Vous pouvez les arrêter pendant la copie."
    )


def _fetch_questions(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    documents: Path,
    french: FrenchCheck | None = None,
) -> list[ConsentDialog]:
    """The customer's question for one file the agent fetches from ``documents``, for one
    folder of it, for four entries, each counted (files, size), and for a folder that could not
    be counted."""
    (documents / "photos").mkdir(parents=True)
    (documents / "report.pdf").write_bytes(b"%PDF")
    one = Group("00000000000000f1", "p1", Direction.SEND, "report.pdf")
    under_root = str(documents).lstrip("/").replace("/", SEPARATOR)
    one.named, one.picked = ("report.pdf",), 1
    one.source_root, one.source_folder = "/", under_root
    one.files, one.size = 1, 4
    four = Group("00000000000000f2", "p1", Direction.SEND)
    four.named, four.picked = ("a.txt", "b.txt", "photos"), 4
    four.files, four.size = 9, 3_000_000
    folder = Group("00000000000000f3", "p1", Direction.SEND, "photos")
    folder.named, folder.picked = ("photos",), 1
    folder.source_root, folder.source_folder = "/", under_root
    folder.files, folder.size = 12, 30_000_000
    unread = Group("00000000000000f4", "p1", Direction.SEND, "secret")
    unread.named, unread.picked = ("secret",), 1
    unread.source_root, unread.source_folder = "/", under_root
    groups = {group.id: group for group in (one, four, folder, unread)}
    return _questions(qtbot, monkeypatch, groups, "send_files", french)


def test_the_question_for_a_fetch_names_what_leaves_the_computer(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    documents = tmp_path / "Documents"
    one, four, folder, unread = _fetch_questions(qtbot, monkeypatch, documents)
    assert one.question.text() == "Ada Agent wants to copy “report.pdf” from your computer (4 B)"
    # One file: no word on folders.
    assert one.detail.text() == f"In {documents}. You can stop it while it is copied."
    assert four.question.text() == (
        "Ada Agent wants to copy 4 items from your computer (9 files, 3.0 MB): "
        "“a.txt”, “b.txt”, “photos”, …"
    )
    assert folder.question.text() == (
        "Ada Agent wants to copy “photos” from your computer (12 files, 30.0 MB)"
    )
    assert folder.detail.text() == (
        f"In {documents}. Folders are copied with everything in them."
        " You can stop it while it is copied."
    )
    # Not read (missing, no permission): asked all the same, without a count.
    assert unread.question.text() == "Ada Agent wants to copy “secret” from your computer"


def test_the_question_for_a_fetch_names_what_leaves_the_computer_in_french(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, french: FrenchCheck, tmp_path: Path
) -> None:
    documents = tmp_path / "Documents"
    french.data |= {
        AGENT,
        "report.pdf",
        "photos",
        str(documents),
        "«\u00a0a.txt\u00a0», «\u00a0b.txt\u00a0», «\u00a0photos\u00a0», …",
        "secret",
    }
    one, four, folder, unread = _fetch_questions(qtbot, monkeypatch, documents, french)
    assert one.question.text() == (
        "Ada Agent veut copier «\u00a0report.pdf\u00a0» de votre ordinateur (4 o)"
    )
    assert four.question.text() == (
        "Ada Agent veut copier 4 éléments de votre ordinateur (9 fichiers, 3,0 Mo)\u00a0: "
        "«\u00a0a.txt\u00a0», «\u00a0b.txt\u00a0», «\u00a0photos\u00a0», …"
    )
    assert folder.question.text() == (
        "Ada Agent veut copier «\u00a0photos\u00a0» de votre ordinateur (12 fichiers, 30,0 Mo)"
    )
    assert unread.question.text() == (
        "Ada Agent veut copier «\u00a0secret\u00a0» de votre ordinateur"
    )


def _shown(lines: TransferList, transfer_id: str) -> bool:
    """Whether the row of ``transfer_id`` is inside the list's visible part."""
    index = lines.ids().index(transfer_id)
    item = lines.topLevelItem(index)
    assert item is not None
    return lines.viewport().rect().intersects(lines.visualItemRect(item))


def test_a_new_transfer_comes_into_view_unless_the_user_reads_further_up(qtbot: QtBot) -> None:
    lines = TransferList(lambda _: "")
    qtbot.addWidget(lines)
    lines.resize(600, 160)
    lines.show()
    qtbot.waitExposed(lines)

    def add(number: int) -> str:
        row = TransferRow(f"t{number}", f"file {number}.bin", Direction.SEND, 1000, "p2")
        lines.show_row(row)
        return row.id

    for number in range(30):
        newest = add(number)

        def newest_shown(newest: str = newest) -> bool:
            return _shown(lines, newest)

        qtbot.waitUntil(newest_shown, timeout=WAIT_MS)
    assert not _shown(lines, "t0")

    # Scrolled up to read the first ones: a new transfer leaves the view where it is.
    lines.verticalScrollBar().setValue(0)
    add(30)
    lines.doItemsLayout()  # a scroll put off until the layout would run now
    QApplication.processEvents()
    assert _shown(lines, "t0") and not _shown(lines, "t30")


def test_each_line_paints_its_progress_bar_filled_as_far_as_the_transfer_went(
    qtbot: QtBot,
) -> None:
    lines = TransferList(lambda _: "")
    qtbot.addWidget(lines)
    lines.resize(700, 200)
    lines.show()
    qtbot.waitExposed(lines)
    lines.show_row(TransferRow("t1", "a.bin", Direction.SEND, 1000, "p2", Stage.RUNNING, 300))
    lines.show_row(TransferRow("t2", "b.bin", Direction.SEND, 1000, "p2", Stage.DONE, 1000))
    lines.show_row(TransferRow("t3", "c.bin", Direction.SEND, 1000, "p2", Stage.ASKING, 0))
    picture = lines.viewport().grab().toImage()
    highlight = lines.palette().highlight().color()
    left = lines.header().sectionPosition(Column.PROGRESS)
    width = lines.header().sectionSize(Column.PROGRESS)

    def filled(transfer_id: str, share: float) -> bool:
        """Whether the bar of ``transfer_id`` has the highlight's colour at ``share`` of it."""
        index = lines.indexFromItem(lines._items[transfer_id], Column.PROGRESS)
        middle = lines.visualRect(index).center().y()
        pixel = picture.pixelColor(left + round(width * share), middle)
        return abs(pixel.hue() - highlight.hue()) < 20 and pixel.saturation() > 60

    assert filled("t1", 0.15) and not filled("t1", 0.85)  # 30%: filled on the left only
    assert filled("t2", 0.15) and filled("t2", 0.85)  # done: filled across
    assert not filled("t3", 0.15)  # not begun: empty
    # A thousand lines are a thousand painted bars, not a thousand widgets laid out again at
    # every change (the console froze for 15-20 s after such a folder).
    for n in range(1000):
        lines.show_row(TransferRow(f"x{n}", "f.bin", Direction.SEND, 10, "p2", Stage.DONE, 10))
    assert len(lines.viewport().findChildren(QWidget)) < 10
