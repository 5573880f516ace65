"""The Queues panel: each of the agent's queues with how many wait and the longest wait, the
customers transferred to this agent by name, Accept next, and accepting automatically when free.

The dashboard shows it beside the session (an agent sees it while idle); the icon bar and the
multisession window open it in a small window of its own (``QueuesWindow``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csr_console.inbound.console import InboundConsole
from csr_console.inbound.texts import accepted_lines, offered_text, wait_text
from shared.qt.plain_text import plain, plain_tooltip

# The waits shown grow by themselves between the center's answers, this often.
TICK_MS = 1000
# The customer panel is narrow: past this many characters an accepted customer's answers are
# cut there (the tooltip and the transcript have them whole).
NOTE_CHARS = 160


class QueuesPanel(QGroupBox):
    def __init__(
        self, inbound: InboundConsole, accept: QAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Queues"), parent)
        self.inbound = inbound
        self.setObjectName("queuesPanel")

        self.queues = QTreeWidget()
        self.queues.setObjectName("queuesList")
        self.queues.setAccessibleName(self.tr("Your queues"))
        self.queues.setColumnCount(3)
        self.queues.setHeaderLabels([self.tr("Queue"), self.tr("Waiting"), self.tr("Longest wait")])
        self.queues.setRootIsDecorated(False)
        self.queues.setUniformRowHeights(True)
        self.queues.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.queues.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        # Wide enough for every header and a queue's name beside them, in either language.
        header_width = sum(header.sectionSizeHint(column) for column in range(3))
        self.queues.setMinimumWidth(header_width + 2 * self.queues.frameWidth() + 20)

        self.offered_label = QLabel(self.tr("&Transferred to you:"))
        self.offered = QListWidget()
        self.offered.setObjectName("offeredList")
        self.offered.setAccessibleName(self.tr("Customers transferred to you"))
        self.offered.setWordWrap(True)
        self.offered_label.setBuddy(self.offered)

        self.accept_button = QToolButton()
        self.accept_button.setObjectName("acceptNextButton")
        self.accept_button.setDefaultAction(accept)
        self.accept_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.accept_button.setAccessibleName(accept.text())
        accept.changed.connect(lambda: self.accept_button.setAccessibleName(accept.text()))
        self.auto = QCheckBox(self.tr("Accept &automatically when free"))
        self.auto.setObjectName("autoAccept")
        self.auto.setToolTip(
            self.tr(
                "When you have no session of your own, take the next customer as soon as one waits"
            )
        )
        self.auto.toggled.connect(inbound.set_auto_accept)

        self.status = plain(QLabel())
        self.status.setObjectName("queuesStatus")
        self.status.setWordWrap(True)

        # In an area that scrolls: on a small screen the panel never makes the face taller.
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.queues, 2)
        layout.addWidget(self.offered_label)
        layout.addWidget(self.offered, 1)
        layout.addWidget(self.accept_button)
        layout.addWidget(self.auto)
        layout.addWidget(self.status)
        area = QScrollArea()
        area.setObjectName("queuesArea")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(content)
        # Scrolled up and down only: never narrower than what it holds (with room for the
        # vertical bar), or the lists would be cut at the right, headers and all.
        area.setMinimumWidth(
            content.minimumSizeHint().width() + area.verticalScrollBar().sizeHint().width()
        )
        QVBoxLayout(self).addWidget(area)

        # What the status line says only while it holds (cleared once it no longer does).
        self._passing: set[str] = set()
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._waits)
        inbound.changed.connect(self.refresh)
        inbound.told.connect(self.status.setText)
        self.refresh()

    def take_focus(self) -> None:
        """The keyboard goes to the queues (the face asked to show this panel)."""
        self.queues.setFocus(Qt.FocusReason.ShortcutFocusReason)
        first = self.queues.topLevelItem(0)
        if self.queues.currentItem() is None and first is not None:
            self.queues.setCurrentItem(first)

    @Slot()
    def refresh(self) -> None:
        inbound = self.inbound
        view = inbound.view
        if self.auto.isChecked() != inbound.auto_accept:
            self.auto.setChecked(inbound.auto_accept)
        queues = view.queues if view is not None else []
        names = [q.name for q in queues]
        items = (self.queues.topLevelItem(i) for i in range(self.queues.topLevelItemCount()))
        shown = [i.data(0, Qt.ItemDataRole.UserRole) for i in items if i is not None]
        if names != shown:
            self.queues.clear()
            for queue in queues:
                item = QTreeWidgetItem([queue.title, "", ""])
                item.setData(0, Qt.ItemDataRole.UserRole, queue.name)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                item.setToolTip(0, queue.name)
                self.queues.addTopLevelItem(item)
        self.offered.clear()
        for customer in view.offered if view is not None else []:
            self.offered.addItem(QListWidgetItem(offered_text(customer, 0.0)))
        self._waits()
        if inbound.problem:
            self.status.setText(
                self.tr("Your queues cannot be read now: {why}").format(why=inbound.problem)
            )
        elif view is not None and not inbound.is_queue_agent:
            self.status.setText(
                self.tr("You are in no queue. Your site's administrator adds agents to queues.")
            )
        elif inbound.accepting:
            self.status.setText(self.tr("Accepting the next customer…"))
        elif self.status.text() in self._passing:
            self.status.clear()
        self._passing = {
            self.tr("Accepting the next customer…"),
            self.tr("Your queues cannot be read now: {why}").format(why=inbound.problem),
        }
        waiting = inbound.waiting > 0
        if waiting and not self._tick.isActive():
            self._tick.start()
        elif not waiting:
            self._tick.stop()

    @Slot()
    def _waits(self) -> None:
        """The counts, and each wait as long as it is now (it grows between answers)."""
        view = self.inbound.view
        if view is None:
            return
        for index, queue in enumerate(view.queues):
            item = self.queues.topLevelItem(index)
            if item is None:
                break
            longest = wait_text(self.inbound.grown(queue.longest_wait_s)) if queue.waiting else "—"
            item.setText(1, str(queue.waiting))
            item.setText(2, longest)
            item.setData(
                0,
                Qt.ItemDataRole.AccessibleTextRole,
                self.tr("{queue}: {n} waiting, longest wait {wait}").format(
                    queue=queue.title, n=queue.waiting, wait=longest
                ),
            )
        for index, customer in enumerate(view.offered):
            row = self.offered.item(index)
            if row is not None:
                row.setText(offered_text(customer, self.inbound.grown(customer.waited_s)))


class QueuesWindow(QWidget):
    """The Queues panel in a small window of its own, for the faces with no room for it (the
    icon bar, the multisession window)."""

    def __init__(
        self, inbound: InboundConsole, accept: QAction, face: QWidget | None = None
    ) -> None:
        super().__init__(face, Qt.WindowType.Tool)
        self.setObjectName("queuesWindow")
        self.setWindowTitle(self.tr("Queues — Tandem"))
        self.panel = QueuesPanel(inbound, accept, self)
        # It goes with the face it opened from (hidden by a switch, closed on quitting).
        self._face = face
        if face is not None:
            face.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.panel)
        self.addAction(accept)  # its shortcut works here too
        self.resize(440, 400)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._face and event.type() in (QEvent.Type.Hide, QEvent.Type.Close):
            self.hide()
        return super().eventFilter(watched, event)


class CustomerNote(QLabel):
    """What an accepted customer told before the session (the queue, the wait, their problem),
    under the customer's details; empty for a session the agent started."""

    def __init__(self, inbound: InboundConsole, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inbound = inbound
        self.setObjectName("inboundCustomer")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # the customer's own words, as typed
        self.setAccessibleName(self.tr("What the customer told before the session"))
        controller = inbound.controller
        controller.current_changed.connect(self.refresh)
        controller.session_started.connect(self.refresh)
        inbound.accepted.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self, *_: object) -> None:
        customer = self.inbound.customer_in(self.inbound.controller.current)
        lines = (
            accepted_lines(customer, self.inbound.queue_title(customer.queue)) if customer else []
        )
        # The first few lines here (a long problem is cut); all of it in the tooltip and chat.
        text = "\n".join(lines)
        shown = text if len(text) <= NOTE_CHARS else text[: NOTE_CHARS - 1] + "…"
        self.setText(shown)
        self.setToolTip(plain_tooltip(text) if text else "")
        self.setVisible(bool(text))
