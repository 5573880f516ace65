"""The transfer list's columns fit what they show, in English and in French, without the user
dragging the header: a size ("2,1 Mo", "1 000,0 Mo"), a speed, a time left, a state ("Envoi",
"En attente d'autorisation…"), on a line in view as on one added below while the user reads
the lines above it; Name takes the rest."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle
from pytestqt.qtbot import QtBot

from shared.features.files.model import Direction, Stage
from shared.features.files.part import TransferRow, status_text
from shared.features.files.transfer_list import Column, TransferList
from tests.i18n.catalogue import FrenchCheck

# Lines already there, more than the list shows: small files, done.
EARLIER = 30
MEASURED = (Column.SIZE, Column.SPEED, Column.TIME_LEFT, Column.STATUS)


def _lines_with_new_ones_below(qtbot: QtBot) -> TransferList:
    """A list full of small finished files, read from its top; then a file being sent
    (2,123,178 bytes) and a large one waiting for permission arrive below the view."""
    lines = TransferList(status_text)
    qtbot.addWidget(lines)
    lines.resize(900, 200)
    lines.show()
    qtbot.waitExposed(lines)
    for n in range(EARLIER):
        lines.show_row(
            TransferRow(f"d{n}", f"note{n}.txt", Direction.RECEIVE, 500, "p2", Stage.DONE, 500)
        )
    lines.scrollToTop()
    sending = TransferRow(
        "sending",
        "rapport.pdf",
        Direction.SEND,
        2_123_178,
        "p2",
        Stage.RUNNING,
        1_000_000,
        speed_bps=999_999.0,
        eta_s=3599.0,
    )
    lines.show_row(sending)
    lines.show_row(TransferRow("asking", "film.mkv", Direction.RECEIVE, 999_999_999, "p2"))
    qtbot.wait(50)  # any layout Qt puts off
    lines.scrollToBottom()  # the user goes down to them
    qtbot.wait(50)
    return lines


def _cut_cells(lines: TransferList) -> list[tuple[str, str, int, int]]:
    """Every cell of the measured columns whose text is wider than its column leaves it (a
    cell's text has the style's focus-frame margin plus one pixel on each side, as Qt's item
    views draw it): (column, text, needed, width)."""
    metrics = QFontMetrics(lines.font())
    margin = lines.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, lines) + 1
    cut = []
    for row in range(lines.topLevelItemCount()):
        item = lines.topLevelItem(row)
        assert item is not None
        for column in MEASURED:
            needed = metrics.horizontalAdvance(item.text(column)) + 2 * margin
            if needed > lines.columnWidth(column):
                cut.append((column.name, item.text(column), needed, lines.columnWidth(column)))
    return cut


def _texts(lines: TransferList, transfer_id: str) -> tuple[str, str]:
    item = lines.topLevelItem(lines.ids().index(transfer_id))
    assert item is not None
    return item.text(Column.SIZE), item.text(Column.STATUS)


def test_sizes_and_states_fit_their_columns_in_french(qtbot: QtBot, french: FrenchCheck) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    lines = _lines_with_new_ones_below(qtbot)
    assert _texts(lines, "sending") == ("2,1 Mo", "Envoi")
    assert _texts(lines, "asking") == ("1\u202f000,0 Mo", "En attente d'autorisation…")
    assert _cut_cells(lines) == []
    header = lines.header()
    assert lines.columnWidth(Column.NAME) == header.width() - sum(
        lines.columnWidth(c) for c in Column if c != Column.NAME
    )  # Name takes the rest


def test_sizes_and_states_fit_their_columns_in_english(
    qtbot: QtBot, english_afterwards: None
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    lines = _lines_with_new_ones_below(qtbot)
    assert _texts(lines, "sending") == ("2.1 MB", "Sending")
    assert _texts(lines, "asking") == ("1,000.0 MB", "Waiting for permission…")
    assert _cut_cells(lines) == []
