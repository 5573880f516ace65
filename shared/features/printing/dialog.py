"""The agent's Print to my printer window: which of the agent's printers the customer's jobs
come out of (and whether it is the default from now on), turning it on and off, and a line per
job."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shared.features.printing.part import PrintingPart
from shared.features.printing.texts import agent_status_text, job_line

translate = QCoreApplication.translate


class PrintDialog(QDialog):
    def __init__(self, part: PrintingPart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.part = part
        self.setObjectName("printing_dialog")
        self.setWindowTitle(translate("Printing", "Print to my printer"))
        intro = QLabel(
            translate(
                "Printing",
                "While you control the customer's desktop, their computer can have a temporary "
                "printer (they are asked first). What is printed to it comes out of your "
                "printer.",
            )
        )
        intro.setWordWrap(True)
        self.printer = QComboBox()
        self.printer.setObjectName("printing_printer")
        self.default = QCheckBox(translate("Printing", "Use this printer every time"))
        self.default.setObjectName("printing_default")
        self.status = QLabel()
        self.status.setObjectName("printing_status")
        self.status.setWordWrap(True)
        self.jobs = QListWidget()
        self.jobs.setObjectName("printing_jobs")
        self.turn_on = QPushButton(translate("Printing", "Turn on"))
        self.turn_on.setObjectName("printing_turn_on")
        self.turn_off = QPushButton(translate("Printing", "Turn off"))
        self.turn_off.setObjectName("printing_turn_off")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.turn_on, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.turn_off, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)

        form = QFormLayout()
        form.addRow(translate("Printing", "&Printer:"), self.printer)
        form.addRow("", self.default)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(QLabel(translate("Printing", "Documents:")))
        layout.addWidget(self.jobs, 1)
        layout.addWidget(buttons)
        self.resize(520, 380)

        self._fill_printers()
        self.turn_on.clicked.connect(self._turn_on)
        self.turn_off.clicked.connect(part.turn_off)
        self.printer.currentIndexChanged.connect(self._printer_chosen)
        self.default.toggled.connect(self._default_toggled)
        part.changed.connect(self._update)
        self._update()

    def _fill_printers(self) -> None:
        found = self.part.printers()
        chosen = self.part.saved_default() or found.default
        self.printer.blockSignals(True)
        self.printer.clear()
        for name in found.names:
            label = name
            if name == found.default:
                label = translate("Printing", "{printer} (system default)").format(printer=name)
            self.printer.addItem(label, name)
        if not found.names:
            self.printer.addItem(translate("Printing", "No printer found"), "")
        index = self.printer.findData(chosen)
        self.printer.setCurrentIndex(max(index, 0))
        self.printer.blockSignals(False)
        self.default.setChecked(bool(chosen) and chosen == self.part.saved_default())

    def chosen(self) -> str:
        return str(self.printer.currentData() or "")

    def _turn_on(self) -> None:
        if self.default.isChecked():
            self.part.save_default(self.chosen())
        self.part.turn_on(self.chosen())

    def _printer_chosen(self) -> None:
        if self.default.isChecked():
            self.part.save_default(self.chosen())
        self.part.set_printer(self.chosen())

    def _default_toggled(self, checked: bool) -> None:
        self.part.save_default(self.chosen() if checked else "")

    def _update(self) -> None:
        status = self.part.current_status()
        on = status is not None and status.stage in ("asking", "on")
        self.status.setText(agent_status_text(status))
        self.turn_on.setEnabled(not on and self.part.controlling() and bool(self.chosen()))
        self.turn_off.setEnabled(on)
        self.jobs.clear()
        for number, job in enumerate(self.part.jobs.values(), 1):
            self.jobs.addItem(job_line(job, number))
        self.jobs.scrollToBottom()
        if not self.part.controlling() and not on:
            self.status.setText(
                translate("Printing", "Take control of the customer's desktop first.")
            )
