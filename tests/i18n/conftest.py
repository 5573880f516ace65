"""Fixtures of the i18n tests: the French translators, installed for one test and always taken
out again (the rest of the suite reads English), and the check of shown texts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from shared.qt.i18n import install_translations, remove_translations
from tests.e2e.conftest import center_process  # noqa: F401  (a fixture, for the live test)
from tests.i18n.catalogue import FrenchCheck, read_messages


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


@pytest.fixture
def english_afterwards(qapp: QApplication) -> Iterator[None]:
    """Whatever the test installs or sets, the next one starts in English with the system's
    locale."""
    yield
    remove_translations(_app())
    QLocale.setDefault(QLocale.system())


@pytest.fixture
def french(qtbot: QtBot, english_afterwards: None) -> Iterator[FrenchCheck]:
    english = _qt_button_texts()
    assert install_translations(_app(), "fr") == "fr"
    # Qt's own French for its standard buttons, less what it leaves in English ("OK" is French).
    qt_french = _qt_button_texts() - (english - {"OK"})
    for context, text in QT_TEXTS:
        translated = QCoreApplication.translate(context, text)
        assert translated != text, f"Qt's French catalogue lacks {text!r}"
        qt_french.add(translated)
    yield FrenchCheck(read_messages(), qt_french=qt_french)


# Qt's own words that our windows show (its tab bars' scroll and close buttons): its French
# catalogue translates them.
QT_TEXTS = (
    ("QTabBar", "Scroll Left"),
    ("QTabBar", "Scroll Right"),
    ("CloseButton", "Close Tab"),
)


def _qt_button_texts() -> set[str]:
    """What Qt's own French catalogue calls its standard buttons (Annuler, Fermer…)."""
    every = QDialogButtonBox.StandardButton.NoButton
    for button in QDialogButtonBox.StandardButton:
        every |= button  # (FirstButton and LastButton are Ok's and Reset's other names)
    box = QDialogButtonBox(every)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    box.deleteLater()
    return texts
