"""Screenshots the UI tests leave for a person to look at (``screenshots/`` at the top)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"


def save_screen(name: str) -> None:
    """The whole test display as ``screenshots/<name>.png``."""
    SCREENSHOTS.mkdir(exist_ok=True)
    QApplication.processEvents()  # what changed last is painted
    QApplication.primaryScreen().grabWindow(0).save(str(SCREENSHOTS / f"{name}.png"))
