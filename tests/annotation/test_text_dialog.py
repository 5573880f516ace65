"""The question a text annotation asks: the sentence being typed stays in view (Qt's own input
dialog showed about 20 characters), and it takes no more than an annotation may hold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from shared.features.annotation.part import text_dialog
from shared.features.annotation.protocol import MAX_TEXT_CHARS

SENTENCE = "Click Settings here, OK? It's fuzzy."


def test_a_typed_sentence_is_seen_whole_and_the_limit_is_kept(qtbot: QtBot) -> None:
    dialog = text_dialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    entry = dialog.findChild(QLineEdit)
    assert entry is not None
    QTest.keyClicks(entry, SENTENCE)
    assert dialog.textValue() == SENTENCE
    room = entry.contentsRect().width()
    assert entry.fontMetrics().horizontalAdvance(SENTENCE) < room  # nothing scrolled away

    QTest.keyClick(entry, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(entry, "x" * (MAX_TEXT_CHARS + 50))
    assert dialog.textValue() == "x" * MAX_TEXT_CHARS
