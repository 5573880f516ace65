"""The customer's consent dialog, and the asker the engine awaits on the asyncio thread.

The engine's consent gate awaits ``DialogAsker.ask`` on the asyncio loop. It makes a future on
that loop, asks the Qt thread (by a queued signal) to open the dialog, and the dialog's answer
resolves the future with ``call_soon_threadsafe``. Neither thread ever blocks; closing the
dialog refuses.

Allow works only ``ALLOW_DELAY_MS`` after the dialog shows, so a click or key meant for what was
there a moment before grants nothing; the engine drops remote input while the question is open,
so only the customer's own mouse and keyboard can answer it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QIcon, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from shared.qt.feature_views import customer_views
from shared.qt.plain_text import plain
from shared.qt.texts import allow_all_explained, permission_question
from shared.session.consent import TAKEOVER, ConsentAnswer, ConsentRequest

Reply = Callable[[ConsentAnswer], None]
# How long the dialog shows before Allow works: long enough that a click already on its way
# lands on nothing, short enough not to annoy.
ALLOW_DELAY_MS = 1000


def question_for(request: ConsentRequest) -> tuple[str, str]:
    """The question and what it means, in the words of the feature that asks."""
    for view in customer_views():
        if view.name == request.feature and view.question is not None:
            return view.question(request)
    return permission_question(request.agent_name), ""


class ConsentDialog(QDialog):
    def __init__(self, request: ConsentRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self.setObjectName("consentDialog")
        self.setWindowTitle(self.tr("Tandem — your permission"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setMinimumWidth(440)

        icon = QLabel()
        warn = request.kind in TAKEOVER
        pixmap = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if warn
            else (QStyle.StandardPixmap.SP_MessageBoxQuestion)
        )
        icon.setPixmap(self.style().standardIcon(pixmap).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title, detail = question_for(request)
        self.question = plain(QLabel(title))
        self.question.setObjectName("consentQuestion")
        font = QFont(self.question.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.question.setFont(font)
        self.question.setWordWrap(True)
        self.detail = QLabel(detail)
        self.detail.setObjectName("consentDetail")
        self.detail.setWordWrap(True)
        self.detail.setVisible(bool(detail))  # no blank line under a question that says it all
        self.allow_all = QCheckBox(self.tr("Allow everything in this session without asking again"))
        self.allow_all.setObjectName("allowAllBox")
        # What "everything" is, said plainly; taking over the screen or input only if ticked.
        self.takeover = QCheckBox(
            self.tr("Also let them take over my screen, mouse and keyboard without asking")
        )
        self.takeover.setObjectName("allowTakeoverBox")
        self.takeover.setEnabled(False)
        self.covers = QLabel()
        self.covers.setObjectName("allowAllCovers")
        self.covers.setWordWrap(True)
        self.covers.setStyleSheet("color: #555")
        self.allow_all.toggled.connect(self._explain)
        self.takeover.toggled.connect(self._explain)
        self._explain()

        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("consentOk")
        # Mnemonics: the dialog answers from the keyboard too (Alt+A allows, Alt+R refuses).
        self.ok_button.setText(self.tr("&Allow"))
        self.ok_button.setIcon(QIcon())  # the style's "apply" arrow reads as nothing here
        self.refuse_button = self.buttons.addButton(
            self.tr("&Refuse"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.refuse_button.setObjectName("consentRefuse")
        self.ok_button.setAutoDefault(False)
        self.ok_button.setEnabled(False)  # until ALLOW_DELAY_MS after the dialog shows
        self._allow_timer = QTimer(self)
        self._allow_timer.setSingleShot(True)
        self._allow_timer.setInterval(ALLOW_DELAY_MS)
        self._allow_timer.timeout.connect(lambda: self.ok_button.setEnabled(True))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        text.addWidget(self.question)
        text.addWidget(self.detail)
        text.addSpacing(6)
        text.addWidget(self.allow_all)
        text.addWidget(self.takeover)
        text.addWidget(self.covers)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # After the button box has picked its default: Enter by mistake shares nothing.
        self.refuse_button.setDefault(True)
        self.refuse_button.setFocus()
        if not self.ok_button.isEnabled() and not self._allow_timer.isActive():
            self._allow_timer.start()

    def _explain(self) -> None:
        everything = self.allow_all.isChecked()
        self.takeover.setEnabled(everything)
        takeover = everything and self.takeover.isChecked()
        self.covers.setText(allow_all_explained(takeover))

    def answer(self) -> ConsentAnswer:
        granted = self.result() == QDialog.DialogCode.Accepted
        allow_all = granted and self.allow_all.isChecked()
        return ConsentAnswer(
            granted=granted,
            allow_all=allow_all,
            takeover=allow_all and self.takeover.isChecked(),
        )


class DialogAsker(QObject):
    """Puts the engine's consent requests to the customer in a ``ConsentDialog``."""

    _open = Signal(object, object)  # (ConsentRequest, Reply): asyncio thread -> Qt thread
    _withdraw = Signal(str)  # activity id whose question no longer stands
    dialog_opened = Signal(object)  # ConsentDialog, for the window (and tests)

    def __init__(self, parent_window: QWidget | None = None) -> None:
        super().__init__(parent_window)
        self.parent_window = parent_window
        self.dialogs: dict[str, ConsentDialog] = {}
        self._open.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._withdraw.connect(self.withdraw, Qt.ConnectionType.QueuedConnection)

    async def ask(self, request: ConsentRequest) -> ConsentAnswer:
        """Runs on the asyncio thread; resolves when the customer answers or closes."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[ConsentAnswer] = loop.create_future()

        def reply(answer: ConsentAnswer) -> None:  # on the Qt thread
            loop.call_soon_threadsafe(_resolve, future, answer)

        self._open.emit(request, reply)
        try:
            return await future
        except asyncio.CancelledError:
            self._withdraw.emit(request.activity_id)  # e.g. the session closed meanwhile
            raise

    @Slot(object, object)
    def _show(self, request: ConsentRequest, reply: Reply) -> None:
        dialog = ConsentDialog(request, self.parent_window)
        self.dialogs[request.activity_id] = dialog

        def finished(_: int) -> None:
            self.dialogs.pop(request.activity_id, None)
            reply(dialog.answer())
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.dialog_opened.emit(dialog)

    @Slot(str)
    def withdraw(self, activity_id: str) -> None:
        """The agent took the question back: close its dialog (which answers no)."""
        dialog = self.dialogs.get(activity_id)
        if dialog is not None:
            dialog.reject()


def _resolve(future: asyncio.Future[ConsentAnswer], answer: ConsentAnswer) -> None:
    if not future.done():
        future.set_result(answer)
