"""Run on several sessions…: one action on several of the agent's sessions at once.

An action offers itself by declaring ``ActionSpec.several`` (shared.qt.feature_views.Several):
its title here, the input it needs once ("" for none), a question before it runs, and how it
runs on one session. The dialog lists those actions and the agent's running sessions, asks the
input once, runs the action on each ticked session and shows each session's result. A session
that ended, or whose customer left, says so in its row; the others go on. Opened from elsewhere
with a ``Preset`` (the scripts picked in the library window), it chooses that action and shows
its input, given, read-only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csr_console.ui.actions import ActionRegistry, ActionSpec, ConsoleState, Group
from csr_console.ui.controller import ConsoleController
from csr_console.ui.session_chooser import slot_title
from csr_console.ui.session_slot import SessionSlot
from shared.qt.confirm import ask_to_confirm
from shared.qt.feature_views import CannotRun, Preset, Report, Several
from shared.qt.plain_text import plain
from shared.session.state import SessionState

if TYPE_CHECKING:
    from csr_console.ui.console_actions import ConsoleActions

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

ACTION = "run_several"
# Among the Session group's actions, before those ending a session.
ORDER = 85
# "Several": the action is offered from two sessions open.
MIN_SESSIONS = 2
_SLOT = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Runnable:
    """An action that can run on several sessions, as the dialog offers it."""

    key: str
    spec: ActionSpec
    several: Several


def runnables(registry: ActionRegistry) -> list[Runnable]:
    """The registry's actions that declare they can run on several sessions, in their order."""
    found = []
    for key in registry.all_keys():
        spec = registry.spec(key)
        if spec.several is not None and spec.built:
            found.append(Runnable(key, spec, spec.several))
    return found


def run_on(
    slot: SessionSlot,
    state: ConsoleState,
    runnable: Runnable,
    text: str,
    report: Report,
    preset: Preset | None = None,
) -> None:
    """Run ``runnable`` on ``slot`` (whose state, as the actions read it, is ``state``) with
    ``text`` typed, or ``preset``'s value when given; ``report`` is called once with how it
    went."""
    reported = False

    def once(done: bool, what: str) -> None:
        nonlocal reported
        if not reported:
            reported = True
            report(done, what)

    spec = runnable.spec
    if not state.in_session:
        once(False, translate("MultiRun", "This session is over; nothing was done."))
        return
    if spec.feature and spec.feature in state.unavailable:
        once(False, translate("MultiRun", "Not available on this computer."))
        return
    if not spec.enabled_when(state):
        why = spec.why_not(state) if spec.why_not is not None else ""
        if not why and not state.customer_linked:
            why = translate("MultiRun", "No customer is connected.")
        once(False, why or translate("MultiRun", "It cannot run in this session now."))
        return
    target = slot.part(spec.feature) if spec.feature else slot
    if target is None:
        once(False, translate("MultiRun", "Not available on this computer."))
        return
    try:
        given = runnable.several.given
        if preset is not None and given is not None:
            given(target, preset.value, once)
        else:
            runnable.several.run(target, text, once)
    except CannotRun as refused:
        once(False, str(refused))
    except Exception as error:  # a bug of the action's: its row says so, the others go on
        log.exception("%s could not run on a session", runnable.key)
        once(False, str(error))


def register_multi_run(actions: ConsoleActions) -> None:
    """The Run on several sessions… action, in every face's Session menu and beside the
    multisession window's tabs."""

    def enough(state: ConsoleState) -> bool:
        return state.signed_in and state.sessions_open >= MIN_SESSIONS

    def why_not(state: ConsoleState) -> str:
        if not state.signed_in:
            return ""
        return translate("MultiRun", "you need at least two sessions open.")

    icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogListView)
    actions.register(
        ActionSpec(
            ACTION,
            translate("MultiRun", "Run on several sessions…"),
            translate(
                "MultiRun",
                "Do one thing in several of your sessions at once: send a chat message, ask "
                "to view the desktop, end them",
            ),
            Group.SESSION,
            enough,
            icon,
            why_not=why_not,
            order=ORDER,
        ),
        lambda: open_multi_run(actions),
    )


def open_multi_run(actions: ConsoleActions, preset: Preset | None = None) -> None:
    """The dialog, over the face on screen (``preset``: its action chosen, input given)."""
    dialog = MultiRunDialog(actions.controller, actions.registry, actions.window(), preset)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    actions.multi_run = dialog
    dialog.open()


class MultiRunDialog(QDialog):
    def __init__(
        self,
        controller: ConsoleController,
        registry: ActionRegistry,
        parent: QWidget | None = None,
        preset: Preset | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.preset = preset
        self.setObjectName("multiRunDialog")
        self.setWindowTitle(self.tr("Run on several sessions"))
        self.runnables = runnables(registry)
        # Sessions run on and not reported yet, and how each one reported went.
        self.pending: set[SessionSlot] = set()
        self.results: dict[SessionSlot, bool] = {}
        self.running: Runnable | None = None  # the action last run

        self.action_box = QComboBox()
        self.action_box.setObjectName("multiRunAction")
        self.action_box.setAccessibleName(self.tr("Action to run"))
        for runnable in self.runnables:
            self.action_box.addItem(runnable.several.title, runnable.key)
        self.input_label = QLabel()
        self.input = QLineEdit()
        self.input.setObjectName("multiRunInput")
        self.input_label.setBuddy(self.input)
        # The preset's input, shown in place of the typed one while its action is chosen.
        self.given_label = QLabel(preset.label if preset is not None else "")
        self.given = QListWidget()
        self.given.setObjectName("multiRunGiven")
        self.given.addItems(list(preset.lines) if preset is not None else [])
        self.given.setAccessibleName(self.given_label.text())
        # A few lines high: a run holds a few scripts, the sessions' list wants the room.
        self.given.setMaximumHeight(self.given.fontMetrics().height() * 6)
        self.given_label.setBuddy(self.given)
        self.sessions = QTreeWidget()
        self.sessions.setObjectName("multiRunSessions")
        self.sessions.setAccessibleName(self.tr("Sessions to run on"))
        self.sessions.setRootIsDecorated(False)
        self.sessions.setHeaderLabels([self.tr("Session"), self.tr("Result")])
        self.sessions.setColumnWidth(0, 260)
        self.summary = plain(QLabel())
        self.summary.setObjectName("multiRunSummary")
        self.summary.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Action:"), self.action_box)
        form.addRow(self.input_label, self.input)
        form.addRow(self.given_label, self.given)
        self._form = form
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.run_button = QPushButton(self.tr("&Run"))
        self.run_button.setObjectName("multiRunButton")
        self.run_button.setDefault(True)
        buttons.addButton(self.run_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.run_button.clicked.connect(self.confirm_run)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Tick the sessions to run it on:")))
        layout.addWidget(self.sessions, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(780, 400)

        self.action_box.currentIndexChanged.connect(self._action_chosen)
        self.input.textChanged.connect(self._can_run)
        self.sessions.itemChanged.connect(self._can_run)
        controller.slots_changed.connect(self._slots_changed)
        controller.slot_removed.connect(self._slot_removed)
        self._fill_sessions()
        if preset is not None:
            keys = [runnable.key for runnable in self.runnables]
            if preset.action in keys:
                self.action_box.setCurrentIndex(keys.index(preset.action))
        self._action_chosen()

    # --- what to run, and where -----------------------------------------------------------------

    @property
    def runnable(self) -> Runnable | None:
        index = self.action_box.currentIndex()
        return self.runnables[index] if 0 <= index < len(self.runnables) else None

    @property
    def given_now(self) -> Preset | None:
        """The preset, while its action is chosen (the agent may choose another)."""
        runnable, preset = self.runnable, self.preset
        if runnable is None or preset is None or runnable.several.given is None:
            return None
        return preset if runnable.key == preset.action else None

    def session_rows(self) -> list[QTreeWidgetItem]:
        count = self.sessions.topLevelItemCount()
        return [item for i in range(count) if (item := self.sessions.topLevelItem(i)) is not None]

    def slot_of(self, item: QTreeWidgetItem) -> SessionSlot | None:
        slot = item.data(0, _SLOT)
        return slot if isinstance(slot, SessionSlot) else None

    def ticked(self) -> list[SessionSlot]:
        return [
            slot
            for item in self.session_rows()
            if item.checkState(0) == Qt.CheckState.Checked and (slot := self.slot_of(item))
        ]

    def _fill_sessions(self) -> None:
        """The agent's running sessions, ticked (those already listed keep their tick)."""
        kept = {self.slot_of(item): item.checkState(0) for item in self.session_rows()}
        results = {self.slot_of(item): item.text(1) for item in self.session_rows()}
        self.sessions.blockSignals(True)
        self.sessions.clear()
        for slot in self.controller.slots:
            if slot.started is None or not (slot.state.busy or slot in kept):
                continue
            item = QTreeWidgetItem([slot_title(slot), results.get(slot, "")])
            item.setData(0, _SLOT, slot)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, kept.get(slot, Qt.CheckState.Checked))
            item.setToolTip(0, slot_title(slot))
            self.sessions.addTopLevelItem(item)
        self.sessions.blockSignals(False)
        self._can_run()

    @Slot()
    def _action_chosen(self, *_: object) -> None:
        runnable = self.runnable
        given = self.given_now is not None
        needs = runnable.several.needs if runnable is not None and not given else ""
        self.input_label.setText(needs)
        self._form.setRowVisible(self.input, bool(needs))
        self._form.setRowVisible(self.given, given)
        if runnable is not None and runnable.several.max_chars:
            self.input.setMaxLength(runnable.several.max_chars)
        if not self.pending:  # the results shown were another action's
            for item in self.session_rows():
                item.setText(1, "")
                item.setToolTip(1, "")
            self.summary.clear()
        self._can_run()

    @Slot()
    def _can_run(self, *_: object) -> None:
        runnable = self.runnable
        needs_text = runnable is not None and bool(runnable.several.needs)
        needs_text = needs_text and self.given_now is None
        ready = (
            runnable is not None
            and not self.pending
            and bool(self.ticked())
            and (not needs_text or bool(self.input.text().strip()))
        )
        self.run_button.setEnabled(ready)

    # --- running --------------------------------------------------------------------------------

    @Slot()
    def confirm_run(self) -> None:
        runnable = self.runnable
        if runnable is None or not self.ticked():
            return
        question = runnable.several.confirm
        if not question:
            self.run()
            return
        ask_to_confirm(
            self,
            "confirmMultiRun",
            runnable.several.title,
            question.format(n=len(self.ticked())),
            runnable.several.title,
            self.run,
        )

    def run(self) -> None:
        """Run the chosen action on every ticked session; each row shows its result."""
        runnable = self.runnable
        if runnable is None:
            return
        preset = self.given_now
        text = self.input.text().strip() if runnable.several.needs and not preset else ""
        targets = [(item, slot) for item in self.session_rows() if (slot := self.slot_of(item))]
        targets = [(i, s) for i, s in targets if i.checkState(0) == Qt.CheckState.Checked]
        for item, _slot in targets:
            item.setText(1, self.tr("Running…"))
        self.pending = {slot for _item, slot in targets}
        self.running = runnable
        self.results = {}
        self._can_run()
        self._summarise()
        agent = self.controller.state
        for _item, slot in targets:
            slot.state_changed.connect(self._session_moved)
            state = replace(
                slot.state,
                signed_in=agent.signed_in,
                sessions_open=agent.sessions_open,
                max_sessions=agent.max_sessions,
            )
            run_on(slot, state, runnable, text, self._reporter(slot), preset)

    @Slot(object)
    def _session_moved(self, state: ConsoleState) -> None:
        """A session ended while the action ran on it: its row says so (the action's own
        report, coming later, changes nothing)."""
        slot = self.sender()
        if not isinstance(slot, SessionSlot) or slot not in self.pending:
            return
        if state.session != SessionState.ENDED:
            return
        runnable = self.running
        if runnable is not None and runnable.several.ends_session:
            self.show_result(slot, True, self.tr("Session ended."))
        else:
            self.show_result(slot, False, self.tr("The session ended before this was done."))

    def _reporter(self, slot: SessionSlot) -> Callable[[bool, str], None]:
        def report(done: bool, what: str) -> None:
            self.show_result(slot, done, what)

        return report

    def show_result(self, slot: SessionSlot, done: bool, what: str) -> None:
        if slot not in self.pending:
            return
        self.pending.discard(slot)
        self.results[slot] = done
        slot.state_changed.disconnect(self._session_moved)
        for item in self.session_rows():
            if self.slot_of(item) is slot:
                text = self.tr("Done: {what}") if done else self.tr("Not done: {what}")
                item.setText(1, text.format(what=what))
                item.setToolTip(1, item.text(1))
        self._summarise()
        self._can_run()

    def _summarise(self) -> None:
        results = self.results
        total = len(results) + len(self.pending)
        if self.pending:
            text = self.tr("Running on {n} sessions…").format(n=total)
        else:
            text = self.tr("Done in {ok} of {n} sessions.").format(
                ok=sum(1 for ok in results.values() if ok), n=total
            )
        self.summary.setText(text)

    @Slot()
    def _slots_changed(self) -> None:
        if not self.pending:
            self._fill_sessions()
        else:  # titles only: the rows stay as they run
            for item in self.session_rows():
                slot = self.slot_of(item)
                if slot is not None:
                    item.setText(0, slot_title(slot))

    @Slot(object)
    def _slot_removed(self, slot: SessionSlot) -> None:
        self.show_result(slot, False, self.tr("The session's tab was closed."))
        for item in self.session_rows():
            if self.slot_of(item) is slot:
                self.sessions.takeTopLevelItem(self.sessions.indexOfTopLevelItem(item))
        self._can_run()
