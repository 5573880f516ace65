"""Transfer the session…: to one queue (the Queues tab) or to one or more agents (the Agents
tab), with a personal message of at most ``MAX_TRANSFER_MESSAGE_CHARS`` characters. On success
the agent leaves the session; it goes on for the customer, who waits for the next agent."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csr_console.inbound.console import InboundConsole
from csr_console.ui.session_slot import SessionSlot
from shared.protocol.queues import MAX_TRANSFER_MESSAGE_CHARS, QueueAgents, TransferRequest
from shared.qt.plain_text import plain
from shared.qt.session_controller import error_text

ERROR_STYLE = "color: #a50e0e;"
ROLE = Qt.ItemDataRole.UserRole


class SessionTransferDialog(QDialog):
    def __init__(
        self, inbound: InboundConsole, slot: SessionSlot, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.inbound = inbound
        self.slot = slot
        self.setObjectName("sessionTransferDialog")
        self.setWindowTitle(self.tr("Transfer the session"))
        self._sending = False
        intro = plain(
            QLabel(
                self.tr(
                    "Hand session {number} to a queue or to agents. You leave it; your customer "
                    "stays and waits for the next agent."
                ).format(number=slot.number_text or "—")
            )
        )
        intro.setWordWrap(True)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("transferTabs")
        self.queue_list = QListWidget()
        self.queue_list.setObjectName("transferQueues")
        self.queue_list.setAccessibleName(self.tr("Queues: pick one"))
        self.agent_list = QListWidget()
        self.agent_list.setObjectName("transferAgents")
        self.agent_list.setAccessibleName(self.tr("Agents: tick one or more"))
        self.tabs.addTab(
            self._page(self.tr("Pick one queue:"), self.queue_list), self.tr("&Queues")
        )
        self.tabs.addTab(
            self._page(self.tr("Tick one or more agents:"), self.agent_list), self.tr("&Agents")
        )

        self.message_label = QLabel(
            self.tr("Personal &message (optional, at most {n} characters):").format(
                n=MAX_TRANSFER_MESSAGE_CHARS
            )
        )
        self.message = QPlainTextEdit()
        self.message.setObjectName("transferMessage")
        self.message.setAccessibleName(self.tr("Personal message"))
        self.message.setTabChangesFocus(True)  # Tab moves on, as in any form
        self.message.setFixedHeight(self.message.fontMetrics().lineSpacing() * 5 + 12)
        self.message_label.setBuddy(self.message)
        self.counter = plain(QLabel())
        self.counter.setObjectName("transferCounter")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.error = plain(QLabel())
        self.error.setObjectName("transferError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.transfer_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.transfer_button.setText(self.tr("&Transfer"))
        self.transfer_button.setObjectName("transferButton")
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.message)
        layout.addWidget(self.counter)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.tabs.currentChanged.connect(self._check)
        self.queue_list.currentItemChanged.connect(self._check)
        self.agent_list.itemChanged.connect(self._check)
        self.message.textChanged.connect(self._check)
        slot.state_changed.connect(self._session_moved)
        self._fill_queues()
        inbound.load_agents(self._agents_loaded)
        self._check()
        self.resize(480, 460)

    @staticmethod
    def _page(caption: str, items: QListWidget) -> QWidget:
        page = QWidget()
        label = QLabel(caption)
        label.setBuddy(items)
        column = QVBoxLayout(page)
        column.addWidget(label)
        column.addWidget(items, 1)
        return page

    def _add_queue(self, name: str, text: str) -> None:
        if any(self.queue_list.item(i).data(ROLE) == name for i in range(self.queue_list.count())):
            return
        item = QListWidgetItem(text)
        item.setData(ROLE, name)
        self.queue_list.addItem(item)

    def _fill_queues(self) -> None:
        view = self.inbound.view
        for queue in view.queues if view is not None else []:
            self._add_queue(
                queue.name,
                self.tr("{title} — {n} waiting").format(title=queue.title, n=queue.waiting),
            )

    def _agents_loaded(self, agents: QueueAgents | None, error: BaseException | None) -> None:
        if error is not None or agents is None:
            self.error.setText(
                self.tr("The agents cannot be listed: {why}").format(why=error_text(error))
            )
            return
        me = self.inbound.controller.account
        for agent in agents.agents:
            for queue in agent.queues:  # the queues the agent is not in
                self._add_queue(queue, agents.titles.get(queue, queue))
            if me is not None and agent.username == me.username:
                continue
            # Online ones marked (a filled dot), in words too for a screen reader.
            text = (
                self.tr("● {name} ({user}) — online")
                if agent.online
                else self.tr("○ {name} ({user}) — offline")
            )
            item = QListWidgetItem(text.format(name=agent.display_name, user=agent.username))
            item.setData(ROLE, agent.username)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.agent_list.addItem(item)
        self._check()

    # --- what is asked ---------------------------------------------------------------------------

    def chosen_queue(self) -> str | None:
        item = self.queue_list.currentItem()
        return str(item.data(ROLE)) if item is not None else None

    def chosen_agents(self) -> list[str]:
        rows = (self.agent_list.item(i) for i in range(self.agent_list.count()))
        return [str(r.data(ROLE)) for r in rows if r.checkState() == Qt.CheckState.Checked]

    def request(self) -> TransferRequest | None:
        """What the center is asked, or None while something is missing or too long."""
        text = self.message.toPlainText()
        if len(text) > MAX_TRANSFER_MESSAGE_CHARS:
            return None
        if self.tabs.currentIndex() == 0:
            queue = self.chosen_queue()
            return TransferRequest(queue=queue, message=text) if queue else None
        agents = self.chosen_agents()
        return TransferRequest(agents=agents, message=text) if agents else None

    @Slot()
    def _check(self, *_: object) -> None:
        length = len(self.message.toPlainText())
        over = length - MAX_TRANSFER_MESSAGE_CHARS
        self.counter.setText(
            self.tr("{n} of {most} characters").format(n=length, most=MAX_TRANSFER_MESSAGE_CHARS)
        )
        self.counter.setStyleSheet(ERROR_STYLE if over > 0 else "")
        if over > 0:
            self.error.setText(
                self.tr("The message has {n} characters; at most {most} may be sent.").format(
                    n=length, most=MAX_TRANSFER_MESSAGE_CHARS
                )
            )
        elif self.error.property("tooLong"):
            self.error.clear()
        self.error.setProperty("tooLong", over > 0)
        self.transfer_button.setEnabled(not self._sending and self.request() is not None)

    @Slot()
    def send(self) -> None:
        request = self.request()
        if request is None or self._sending:
            return
        self._sending = True
        self.error.clear()
        self._check()
        self.inbound.transfer(self.slot, request, self._sent)

    def _sent(self, error: BaseException | None) -> None:
        self._sending = False
        if error is not None:
            self.error.setText(
                self.tr("The session was not transferred: {why}").format(why=error_text(error))
            )
            self._check()
            return
        self.accept()

    @Slot(object)
    def _session_moved(self, _state: object) -> None:
        """The session ended meanwhile (or the customer…): nothing is left to transfer."""
        if not self._sending and not self.slot.state.in_session:
            self.reject()
