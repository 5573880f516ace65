"""Print to my printer on the customer's side: the consent question in the feature's words, and
while the temporary printer is on their computer, a line under who helps them saying so, with
Remove; the same line says when the printer could not be added."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from shared.features.printing.part import PrintingPart
from shared.features.printing.protocol import NAME
from shared.features.printing.texts import customer_status_text, job_line
from shared.qt.feature_views import CustomerView, PanelSpec, Place
from shared.qt.i18n import fill
from shared.session.consent import ConsentRequest

translate = QCoreApplication.translate


class PrinterNotice(QWidget):
    """Shown while the temporary printer exists (or when it could not be added)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("printing_notice")
        self.part: PrintingPart | None = None
        self.label = QLabel()
        self.label.setObjectName("printing_notice_text")
        self.label.setWordWrap(True)
        self.last_job = QLabel()
        self.last_job.setObjectName("printing_notice_job")
        self.remove_button = QPushButton(translate("Printing", "Remove printer"))
        self.remove_button.setObjectName("printing_remove")
        self.remove_button.setToolTip(
            translate("Printing", "Remove the temporary printer from your computer now")
        )
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.last_job)
        self.hide()

    def bind(self, part: object) -> None:
        if isinstance(part, PrintingPart):
            self.part = part
            part.changed.connect(self._update)
            self.remove_button.clicked.connect(part.withdraw)
            self._update()

    def _update(self) -> None:
        part = self.part
        status = part.status if part is not None else None
        if part is None or status is None or (status.stage == "off" and not status.detail):
            self.hide()
            return
        self.label.setText(customer_status_text(status))
        self.remove_button.setVisible(status.stage == "on")
        jobs = list(part.jobs.values())
        self.last_job.setText(job_line(jobs[-1], len(jobs)) if jobs else "")
        self.last_job.setVisible(bool(jobs) and status.stage == "on")
        self.show()


def _notice(_buttons: list[QToolButton]) -> QWidget:
    return PrinterNotice()


def _question(request: ConsentRequest) -> tuple[str, str]:
    return (
        translate("Printing", "{agent} wants to add a temporary printer to your computer").format(
            agent=request.agent_name
        ),
        fill(
            translate(
                "Printing",
                "Documents you print to “Tandem – {agent}'s printer” are sent to your agent as PDF "
                "and printed on their printer. Nothing is sent unless you print to it. It is "
                "removed when the control of your desktop or the session ends, and you can remove "
                "it at any time.",
            ),
            agent=request.agent_name,
        ),
    )


CUSTOMER_VIEW = CustomerView(
    name=NAME,
    session_part=PrintingPart,
    panels=(
        PanelSpec(
            "printing_notice", Place.STATUS, lambda: translate("Printing", "Printer"), _notice
        ),
    ),
    question=_question,
)
