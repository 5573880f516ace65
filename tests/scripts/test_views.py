"""The Script library window and a run from it, in the real console with a real client joined
(a support center process), in English and French: add through the dialog (its refusals said in
it), sort and filter, pick and order, the customer's question with each SHA-256, the output in
the agent's chat, delete; screenshots kept for a person to look at (screenshots/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from csr_console.main import Console
from customer_client.ui.window import ClientWindow
from shared.features.scripts.engine import ScriptsFeature
from shared.features.scripts.library_window import LibraryWindow, ScriptDialog
from shared.protocol.scripts import MAX_SCRIPT_FILE_BYTES
from tests.faces.attention import asked
from tests.faces.conftest import WAIT_MS
from tests.i18n.catalogue import FrenchCheck

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell scripts")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def _screenshot(widget: QWidget, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SCREENSHOTS / f"{name}.png"))


def _categories(data_dir: Path, *names: str) -> None:
    """The site's administrator makes the categories (the real command, on the center's data)."""
    add = ("categories", "add")
    for name in names:
        subprocess.run(
            [sys.executable, "-m", "support_center.cli", "--data-dir", str(data_dir), *add, name],
            check=True,
            capture_output=True,
        )


def _window(qtbot: QtBot, title_part: str) -> LibraryWindow:
    def found() -> LibraryWindow | None:
        for widget in QApplication.topLevelWidgets():
            running = isinstance(widget, LibraryWindow) and widget.run_scripts is not None
            if (
                isinstance(widget, LibraryWindow)
                and widget.isVisible()
                and running == (title_part == "run")
            ):
                return widget
        return None

    qtbot.waitUntil(lambda: found() is not None, timeout=WAIT_MS)
    window = found()
    assert window is not None
    try:
        qtbot.waitUntil(lambda: window.status.text() == "", timeout=WAIT_MS)
    except TimeoutError:
        raise AssertionError(f"the library still says {window.status.text()!r}") from None
    return window


def _add(
    qtbot: QtBot,
    window: LibraryWindow,
    name: str,
    category: str,
    executable: Path,
    input_file: Path | None = None,
    published: bool = True,
) -> ScriptDialog:
    window.add()
    dialog = window.dialog
    qtbot.waitExposed(dialog)
    dialog.name.setText(name)
    dialog.category.setCurrentText(category)
    dialog.description.setPlainText(f"{name}: what it checks")
    dialog.published.setChecked(published)
    dialog.executable.path.setText(str(executable))
    dialog.input.path.setText(str(input_file) if input_file else "")
    dialog.accept()
    return dialog


def _names(window: LibraryWindow) -> list[str]:
    return [window.proxy.index(row, 0).data() for row in range(window.proxy.rowCount())]


def _chat(console: Console) -> list[str]:
    part = console.controller.current.part("chat")
    return [entry.text for entry in getattr(part, "entries", [])]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_library_window_and_a_run(
    qtbot: QtBot, request: pytest.FixtureRequest, tmp_path: Path, language: str
) -> None:
    french: FrenchCheck | None = request.getfixturevalue("french") if language == "fr" else None
    console, client = request.getfixturevalue("pair")
    assert isinstance(client, ClientWindow)
    _categories(tmp_path / "center0", "Diagnostics", "Network")
    customer_temp = tmp_path / "customer-temp"
    customer_temp.mkdir()
    customer = client.controller.part("scripts")
    assert customer is not None
    feature = customer.feature()
    assert isinstance(feature, ScriptsFeature)
    feature.temp_parent = customer_temp

    files = tmp_path / "files"
    files.mkdir()
    (files / "inventory.sh").write_bytes(b'echo "asset: $(cat asset.txt)"\n')
    (files / "asset.txt").write_bytes(b"PC-42")
    (files / "ping.sh").write_bytes(b"echo pong\n")
    (files / "big.sh").write_bytes(b"#" * (MAX_SCRIPT_FILE_BYTES + 1))

    console.actions.registry.action("script_library").trigger()
    window = _window(qtbot, "library")
    dialog = _add(
        qtbot, window, "Inventory", "Diagnostics", files / "inventory.sh", files / "asset.txt"
    )
    qtbot.waitUntil(lambda: _names(window) == ["Inventory"], timeout=WAIT_MS)
    dialog = _add(qtbot, window, "Ping", "Network", files / "ping.sh")
    qtbot.waitUntil(lambda: len(_names(window)) == 2, timeout=WAIT_MS)

    # Refusals, said in the dialog, which stays open to correct them.
    dialog = _add(qtbot, window, "inventory", "Network", files / "ping.sh")
    qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=WAIT_MS)
    duplicate = dialog.problem.text()
    dialog.reject()
    dialog = _add(qtbot, window, "Big", "Network", files / "big.sh")
    too_large = dialog.problem.text()
    dialog.reject()
    dialog = _add(qtbot, window, "Lost", "Network", files / "ping.sh", files / "gone.txt")
    missing = dialog.problem.text()
    _screenshot(dialog, f"script-dialog-refused-{language}")
    dialog.reject()
    if language == "fr":
        assert "Il existe déjà un script de ce nom" in duplicate
        assert "1\u00a0Mo" in too_large and "gone.txt" in missing and "n'existe pas" in missing
    else:
        assert "already a script with this name" in duplicate
        assert "over 1 MB" in too_large
        assert "gone.txt does not exist" in missing
    assert len(_names(window)) == 2

    # Sorted by any column, filtered by category.
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _names(window) == ["Ping", "Inventory"]
    window.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # Diagnostics, Network
    assert _names(window) == ["Inventory", "Ping"]
    window.category.setCurrentIndex(window.category.findData("Network"))
    assert _names(window) == ["Ping"]
    window.category.setCurrentIndex(0)
    assert len(_names(window)) == 2
    if french is not None:
        texts = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
        texts += [window.add_button.text(), window.category.itemText(0)]
        assert all(french.is_french(t) for t in texts), texts
    _screenshot(window, f"script-library-{language}")
    window.close()

    # The run: picked, ordered, the customer asked with each SHA-256, the output in the chat.
    console.actions.registry.action("run_scripts").trigger()
    run = _window(qtbot, "run")
    run.table.selectAll()
    run.pick()
    assert [s.name for s in run.run_order()] == ["Inventory", "Ping"]
    run.order.setCurrentRow(1)
    run.move_in_run(-1)
    assert [s.name for s in run.run_order()] == ["Ping", "Inventory"]
    _screenshot(run, f"script-run-{language}")
    run.run_button.click()
    question = asked(qtbot, client)
    hashes = [s.executable_sha256 for s in run.run_order()]
    assert all(h in question.detail.text() for h in hashes)
    _screenshot(question, f"script-consent-{language}")
    qtbot.waitUntil(question.ok_button.isEnabled, timeout=WAIT_MS)
    question.ok_button.click()
    qtbot.waitUntil(lambda: "[Inventory] asset: PC-42" in _chat(console), timeout=WAIT_MS)
    done = "Tous les scripts ont été exécutés." if language == "fr" else "All the scripts have run."
    qtbot.waitUntil(lambda: done in _chat(console), timeout=WAIT_MS)
    assert "[Ping] pong" in _chat(console)
    assert list(customer_temp.iterdir()) == []

    # Delete one's own script.
    inventory = next(s for s in run.library.scripts if s.name == "Inventory")
    run.delete_now(inventory)
    qtbot.waitUntil(lambda: _names(run) == ["Ping"], timeout=WAIT_MS)
    run.close()
