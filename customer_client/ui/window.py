"""The customer's window: join (or wait in a queue, ``queue_page.py``), then a calm view of the
session (who helps, the features' panels: what is shared, the chat; leave), then why it ended,
with the features' panels for after the session (the chat to read or save) and, after a
session from a help request, the survey."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from customer_client.ui.certificate_change import CertificateChangeQuestion
from customer_client.ui.consent_dialog import DialogAsker
from customer_client.ui.controller import ClientController
from customer_client.ui.other_customers import OtherCustomers
from customer_client.ui.queue_controller import QueueController
from customer_client.ui.queue_page import QueuePage, transfer_text
from customer_client.ui.survey_dialog import SurveyDialog
from shared.protocol.limits import MAX_NAME_CHARS, MAX_SESSION_PASSWORD_CHARS
from shared.protocol.messages import QueueAccepted, QueueStatus, Role, Welcome, printable_line
from shared.qt.confirm import ask_to_confirm
from shared.qt.feature_views import Place, customer_views
from shared.qt.pins import client_settings, pinned_fingerprint, remember_pin
from shared.qt.plain_text import plain
from shared.qt.session_controller import error_text
from shared.qt.texts import agent_away_text, allow_all_on_text, session_closed_text
from shared.qt.window_place import WindowPlace
from shared.session.consent import PermissionKind
from shared.session.events import SessionClosed
from shared.session.join_link import BadJoinLink, parse_session_number
from shared.session.participants import Participant
from shared.session.state import SessionState


def _title(text: str) -> QLabel:
    label = plain(QLabel(text))
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class ClientWindow(QMainWindow):
    def __init__(self, controller: ClientController, server_url: str | None) -> None:
        super().__init__()
        self.controller = controller
        self.server_url = server_url
        self.setObjectName("clientWindow")
        self.setWindowTitle(self.tr("Tandem — Get help"))
        self.resize(460, 520)
        # Where the customer left this window (and a viewer of the agent's screen) last time.
        settings = client_settings()
        self.window_place = WindowPlace(self, settings, "client")
        self.window_place.restore()
        self.statusBar()  # there from the start: a first message must not shrink the page
        self._names: dict[str, str] = {}
        self._me: str | None = None
        self._confirm: QMessageBox | None = None  # the open "leave?" question
        # The open question about a join link's other certificate, if one is.
        self.certificate_question: CertificateChangeQuestion | None = None
        self._closing_confirmed = False  # the customer said Leave to closing the window

        # The customer's consent to what the agents ask; the features' windows open by this.
        self.consent = DialogAsker(self)
        controller.ask_consent = self.consent.ask
        controller.near_window = self
        controller.consent_changed.connect(self._allow_all_changed)
        controller.consent_cancelled.connect(self.consent.withdraw)
        # Another customer joining or leaving the session: a line under who helps them.
        self.other_customers = OtherCustomers(controller)
        # The features' panels, by key, each showing the controller's part of its feature.
        self.panels: dict[str, QWidget] = {}
        # A wait in a queue with a help request's ticket, and the survey after its session.
        self.queue = QueueController(controller.bridge)
        self.survey: SurveyDialog | None = None
        self._from_ticket = False  # the session being joined came from the queue
        self._survey_due = False  # that session was joined: the survey follows its end
        # The agents present when the session was transferred: a new one ends the notice.
        self._agents_at_transfer: set[str] | None = None

        self.pages = QStackedWidget()
        self.join_page = self._build_join_page()
        self.session_page = self._build_session_page()
        self.ended_page = self._build_ended_page()
        self.queue_page = QueuePage()
        for page in (self.join_page, self.session_page, self.ended_page, self.queue_page):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.queue.status.connect(self.queue_page.show_status)
        self.queue.lost.connect(self.queue_page.show_lost)
        self.queue.accepted.connect(self._queue_accepted)
        self.queue.refused.connect(self._queue_over)
        self.queue.left.connect(self._queue_left)
        self.queue_page.leave_button.clicked.connect(self.queue.leave)
        controller.transfer_status.connect(self._transferred)

        controller.joined.connect(self._joined)
        controller.join_failed.connect(self._join_failed)
        controller.participants_changed.connect(self._participants)
        controller.session_closed.connect(self._closed)
        controller.problem.connect(self._problem)

    # --- pages --------------------------------------------------------------------------------

    def _build_join_page(self) -> QWidget:
        page = QWidget()
        self.number_field = QLineEdit()
        self.number_field.setObjectName("numberField")
        self.number_field.setPlaceholderText("123 456 789")
        self.number_field.setMaxLength(15)
        self.name_field = QLineEdit()
        self.name_field.setObjectName("nameField")
        self.name_field.setMaxLength(MAX_NAME_CHARS)
        self.password_field = QLineEdit()
        self.password_field.setObjectName("sessionPasswordField")
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_field.setMaxLength(MAX_SESSION_PASSWORD_CHARS)
        self.password_field.setPlaceholderText(self.tr("only if your agent gave you one"))
        self.join_button = QPushButton(self.tr("Join"))
        self.join_button.setObjectName("joinButton")
        self.join_button.setDefault(True)
        self.join_error = plain(QLabel())
        self.join_error.setObjectName("joinError")
        self.join_error.setStyleSheet("color: #b00020")
        self.join_error.setWordWrap(True)
        self.center_label = plain(QLabel())
        self.center_label.setObjectName("centerLabel")
        self.center_label.setStyleSheet("color: #666")
        self._show_center()

        form = QFormLayout()
        form.addRow(self.tr("Session number:"), self.number_field)
        form.addRow(self.tr("Your name:"), self.name_field)
        form.addRow(self.tr("Session password:"), self.password_field)
        layout = QVBoxLayout(page)
        layout.addWidget(_title(self.tr("Get help from a support agent")))
        layout.addWidget(QLabel(self.tr("Enter the session number your agent gave you.")))
        layout.addLayout(form)
        layout.addWidget(self.join_button, 0, Qt.AlignmentFlag.AlignRight)
        # Below the button, over the free space: an error appearing moves nothing one uses.
        layout.addWidget(self.join_error)
        layout.addStretch(1)
        layout.addWidget(self.center_label)
        self.join_button.clicked.connect(self.submit_join)
        for field in (self.number_field, self.name_field, self.password_field):
            field.returnPressed.connect(self.submit_join)
        return page

    def _build_session_page(self) -> QWidget:
        page = QWidget()
        self.helper_label = _title(self.tr("Connecting to your agent…"))
        self.helper_label.setObjectName("helperLabel")
        # Shown at once when the agent in charge leaves with the session kept (or drops).
        self.away_notice = plain(QLabel())
        self.away_notice.setObjectName("agentAwayNotice")
        self.away_notice.setWordWrap(True)
        self.away_notice.setStyleSheet(
            "background: #fff4d6; color: #3d2e00; border: 1px solid #e0b84a; padding: 6px"
        )
        self.away_notice.hide()
        # The session was transferred to a queue: by whom, to which, the customer's place.
        self.transfer_notice = plain(QLabel())
        self.transfer_notice.setObjectName("transferNotice")
        self.transfer_notice.setWordWrap(True)
        self.transfer_notice.setStyleSheet(
            "background: #e3f0ff; color: #0b2a4a; border: 1px solid #7aa7d9; padding: 6px"
        )
        self.transfer_notice.hide()
        # While "allow everything" is on: what it covers, and one click to withdraw it.
        self.allow_all_row = QWidget()
        self.allow_all_row.setObjectName("allowAllRow")
        self.allow_all_label = plain(QLabel())
        self.allow_all_label.setObjectName("allowAllLabel")
        self.allow_all_label.setWordWrap(True)
        self.withdraw_button = QPushButton(self.tr("&Withdraw"))
        self.withdraw_button.setObjectName("withdrawAllowAllButton")
        self.withdraw_button.setToolTip(self.tr("Be asked again before each of these"))
        self.withdraw_button.clicked.connect(self.controller.withdraw_consent)
        allow_all = QHBoxLayout(self.allow_all_row)
        allow_all.setContentsMargins(0, 0, 0, 0)
        allow_all.addWidget(self.allow_all_label, 1)
        allow_all.addWidget(self.withdraw_button, 0, Qt.AlignmentFlag.AlignTop)
        self.allow_all_row.hide()
        self.leave_button = QPushButton(self.tr("Leave session"))
        self.leave_button.setObjectName("leaveButton")
        self.leave_button.clicked.connect(self.confirm_leave)
        layout = QVBoxLayout(page)
        layout.addWidget(self.helper_label)
        layout.addWidget(self.away_notice)
        layout.addWidget(self.transfer_notice)
        layout.addWidget(self.other_customers.label)
        for panel in self._panels(Place.STATUS):
            layout.addWidget(panel)
        layout.addWidget(self.allow_all_row)
        conversation = self._panels(Place.CONVERSATION)
        for panel in conversation:
            layout.addWidget(panel, 1)
        if not conversation:
            layout.addStretch(1)
        layout.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _build_ended_page(self) -> QWidget:
        page = QWidget()
        self.ended_label = _title("")
        self.ended_label.setObjectName("endedLabel")
        again = QPushButton(self.tr("Join another session"))
        again.setObjectName("joinAgainButton")
        again.clicked.connect(self._join_again)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("closeButton")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(again)
        buttons.addWidget(close)
        layout = QVBoxLayout(page)
        layout.addWidget(self.ended_label)
        # What stays to read (and save) until the window closes: the session's chat…
        for panel in self._panels(Place.ENDED):
            layout.addWidget(panel, 1)
        layout.addStretch(0)  # takes the room when there is nothing to show
        layout.addLayout(buttons)
        return page

    def _panels(self, place: Place) -> list[QWidget]:
        """Every feature's panel for ``place``, built and showing this session's part."""
        built: list[QWidget] = []
        for view in customer_views():
            for spec in view.panels:
                if spec.place != place:
                    continue
                panel = spec.build([])
                bind = getattr(panel, "bind", None)
                part = self.controller.part(view.name)
                if callable(bind) and part is not None:
                    bind(part)
                self.panels[spec.key] = panel
                built.append(panel)
        return built

    def _show_center(self) -> None:
        if self.server_url:
            self.center_label.setText(self.tr("Support center: {url}").format(url=self.server_url))
        else:
            self.center_label.setText(
                self.tr("No support center is set up: open the join link your agent sent.")
            )

    # --- joining ------------------------------------------------------------------------------

    def prefill(self, number: int | None, name: str | None, password: str | None) -> None:
        if number is not None:
            self.number_field.setText(str(number))
        if name:
            self.name_field.setText(name)
        if password:
            self.password_field.setText(password)
        self._focus_first_empty()

    def _focus_first_empty(self) -> None:
        """Put the keyboard where the customer has something left to type (the Join button when
        nothing is)."""
        fields = (self.number_field, self.name_field, self.password_field)
        empty = next((field for field in fields if not field.text()), None)
        (empty or self.join_button).setFocus()

    def show_bad_link(self) -> None:
        """A join link that cannot be used (a click on a damaged link): say so, and what to do
        instead, on the join page."""
        damaged = self.tr("This join link is damaged, so it cannot be used.")
        if self.server_url and pinned_fingerprint(self.server_url):
            advice = self.tr(
                "Ask your agent to send it again, or type the session number they give you."
            )
        else:  # typing the number needs a center this computer knows
            advice = self.tr("Ask your agent to send it again.")
        self.join_error.setText(f"{damaged} {advice}")
        self.pages.setCurrentWidget(self.join_page)
        self._focus_first_empty()

    def refuse_link_not_matching_it(self) -> None:
        """A join link whose certificate is not the one IT set for its center: nothing of it
        is used, and the customer is told so on the join page."""
        self.join_error.setText(
            self.tr(
                "This join link does not match the support center your IT department set up on "
                "this computer, so it was not used. Ask your agent for a new link, or contact "
                "your IT department."
            )
        )
        self.pages.setCurrentWidget(self.join_page)
        self._focus_first_empty()

    def ask_certificate_change(self, fingerprint: str, then: Callable[[], None]) -> None:
        """A join link gives ``fingerprint`` for this window's center, which this computer
        trusts with another certificate: ask the customer. Keep runs ``then`` with the old pin,
        Trust pins ``fingerprint`` first; Cancel uses nothing of the link."""
        assert self.server_url is not None
        server_url = self.server_url

        def trust() -> None:
            remember_pin(server_url, fingerprint)
            then()

        def cancel() -> None:
            self.join_error.setText(self.tr("The join link was not used."))

        question = CertificateChangeQuestion(self, server_url, then, trust, cancel)
        question.finished.connect(self._certificate_answered)
        self.certificate_question = question
        question.open()

    @Slot()
    def _certificate_answered(self) -> None:
        self.certificate_question = None

    @Slot()
    def submit_join(self) -> None:
        try:
            number = parse_session_number(self.number_field.text())
        except BadJoinLink:
            self._join_failed(self.tr("A session number has nine digits."))
            return
        name = self.name_field.text().strip()
        if not name:
            self._join_failed(self.tr("Enter your name so your agent knows who you are."))
            return
        try:
            printable_line(name)
        except ValueError:
            self._join_failed(
                self.tr("Your name must be one line of ordinary text, without control characters.")
            )
            return
        fingerprint = pinned_fingerprint(self.server_url) if self.server_url else None
        if not self.server_url or not fingerprint:
            self._join_failed(
                self.tr(
                    "This computer does not know your support center yet: "
                    "open the join link your agent sent."
                )
            )
            return
        self.join_error.clear()
        self.join_button.setEnabled(False)
        self.join_button.setText(self.tr("Joining…"))
        self._me = name
        self.controller.join(self.server_url, fingerprint, number, name, self.password_field.text())

    def rejoin_after_restart(
        self, server_url: str, fingerprint: str, number: int, participant: str, ticket: str
    ) -> None:
        """Back after the computer restarted: rejoin the same session with the ticket the
        client kept, while the customer reads that it is happening."""
        self.join_error.setText(self.tr("Your computer restarted: rejoining your session…"))
        self.join_button.setEnabled(False)
        self.join_button.setText(self.tr("Joining…"))
        self.controller.rejoin(server_url, fingerprint, number, participant, ticket)

    def show_resume_failed(self) -> None:
        """The client was started to rejoin after a restart, but what it kept is gone."""
        self.join_error.setText(
            self.tr(
                "Your computer restarted, but the session could not be rejoined by itself: "
                "ask your agent for the session number."
            )
        )

    @Slot(str)
    def _join_failed(self, reason: str) -> None:
        self.join_error.setText(reason)
        self.join_button.setEnabled(True)
        self.join_button.setText(self.tr("Join"))
        self.pages.setCurrentWidget(self.join_page)

    @Slot(object)
    def _joined(self, welcome: Welcome) -> None:
        self._me = welcome.you.name
        self.join_button.setEnabled(True)
        self.join_button.setText(self.tr("Join"))
        self.allow_all_row.hide()  # a new session: its own consent
        self.transfer_notice.hide()
        self._agents_at_transfer = None
        self._survey_due = self._from_ticket
        self.helper_label.setText(self.tr("Connecting to your agent…"))
        self.pages.setCurrentWidget(self.session_page)

    @Slot()
    def _join_again(self) -> None:
        self._from_ticket = False
        self.number_field.clear()
        self.password_field.clear()
        self.join_error.clear()
        self.pages.setCurrentWidget(self.join_page)

    # --- in the session -----------------------------------------------------------------------

    @Slot(object)
    def _participants(self, participants: tuple[Participant, ...]) -> None:
        self._names = {p.id: p.name for p in participants}
        agents = [p for p in participants if p.is_agent and p.gone_reason is None]
        linked = [p for p in agents if p.linked]
        if linked:
            names = ", ".join(p.name for p in linked)
            self.helper_label.setText(self.tr("{names} is helping you.").format(names=names))
        elif agents:
            self.helper_label.setText(self.tr("Connecting to your agent…"))
        else:
            self.helper_label.setText(self.tr("Waiting for your agent…"))
        if self._agents_at_transfer is not None and any(
            p.id not in self._agents_at_transfer for p in linked
        ):  # the agent who took the transferred session is here
            self._agents_at_transfer = None
            self.transfer_notice.hide()
        away = next((p for p in participants if p.back_within_s is not None), None)
        if away is not None and not any(p.info.role == Role.PRIMARY_AGENT for p in agents):
            assert away.back_within_s is not None
            self.away_notice.setText(agent_away_text(away.name, away.back_within_s))
            self.away_notice.show()
        else:
            self.away_notice.hide()

    @Slot(object)
    def _allow_all_changed(self, allowed: frozenset[PermissionKind]) -> None:
        if not allowed:
            self.allow_all_row.hide()
            return
        self.allow_all_label.setText(allow_all_on_text(allowed))
        self.allow_all_row.show()

    @Slot()
    def confirm_leave(self) -> None:
        self._ask_to_leave(self.controller.leave)

    def _ask_to_leave(self, leave: Callable[[], None]) -> None:
        """The one question before the customer leaves, by the Leave button or by closing the
        window; one at a time."""
        if self._confirm is not None:
            self._confirm.raise_()
            return
        self._confirm = ask_to_confirm(
            self,
            "confirmLeave",
            self.tr("Leave session"),
            self.tr("Leave this session? Your agent will no longer be able to help you in it."),
            self.tr("Leave"),
            leave,
        )
        self._confirm.finished.connect(self._question_answered)

    @Slot()
    def _question_answered(self) -> None:
        self._confirm = None

    def _in_session(self) -> bool:
        return self.pages.currentWidget() is self.session_page and (
            self.controller.session_state_now in (SessionState.WAITING, SessionState.ACTIVE)
        )

    @Slot()
    def _leave_and_close(self) -> None:
        self._closing_confirmed = True
        self.close()

    @Slot(object)
    def _closed(self, closed: SessionClosed) -> None:
        self.ended_label.setText(session_closed_text(closed.code, closed.by, self._me))
        self.transfer_notice.hide()
        self.pages.setCurrentWidget(self.ended_page)
        if self._survey_due:
            self._survey_due = False
            self.ask_survey()

    @Slot(str)
    def _problem(self, reason: str) -> None:
        self.statusBar().showMessage(reason, 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._in_session() and not self._closing_confirmed:
            event.ignore()  # closing leaves the session: asked as the Leave button asks
            self._ask_to_leave(self._leave_and_close)
            return
        self.queue.leave_now()  # queue.leave before the socket closes
        self.controller.close_parts()
        self.controller.shutdown(leave=self._closing_confirmed)
        super().closeEvent(event)

    # --- waiting in a queue (a help request's ticket) ------------------------------------------

    def wait_in_queue(self, server_url: str, fingerprint: str, ticket: str) -> None:
        """Wait for an agent with ``ticket``: the waiting view, then the session, nothing typed."""
        self.server_url = server_url
        self._show_center()
        self.queue_page.connecting()
        self.pages.setCurrentWidget(self.queue_page)
        self.queue.wait(server_url, fingerprint, ticket)

    @Slot(object)
    def _queue_accepted(self, accepted: QueueAccepted) -> None:
        """An agent accepted us: join their session with the name given when asking for help
        (asked here only if the center did not say it)."""
        self.queue_page.show_accepted(accepted)
        self._from_ticket = True
        self.prefill(accepted.session, self.queue.name, None)
        if self.queue.name:
            self.submit_join()
            return
        self.join_error.setText(
            self.tr("{agent} is ready to help you: enter your name, then press Join.").format(
                agent=accepted.agent
            )
        )
        self.pages.setCurrentWidget(self.join_page)
        self._focus_first_empty()

    @Slot(str)
    def _queue_over(self, reason: str) -> None:
        self.ended_label.setText(reason)
        self.pages.setCurrentWidget(self.ended_page)

    @Slot()
    def _queue_left(self) -> None:
        self.ended_label.setText(self.tr("You left the queue."))
        self.pages.setCurrentWidget(self.ended_page)

    @Slot(object)
    def _transferred(self, status: QueueStatus) -> None:
        """Our session was transferred to a queue: we wait in it, seated in the session."""
        if status.transferred_by is None:
            return
        self.transfer_notice.setText(transfer_text(status))
        self.transfer_notice.show()
        if self._agents_at_transfer is None:
            self._agents_at_transfer = {p.id for p in self.controller.participants if p.is_agent}

    def ask_survey(self) -> None:
        """The short survey after a session that came from a help request (skippable)."""
        if self.queue.ticket is None or self.survey is not None:
            return
        survey = SurveyDialog(
            self,
            self.queue.ticket[2],
            self.queue.send_survey,
            lambda error: error_text(error, customer=True),
        )
        survey.accepted.connect(
            lambda: self.statusBar().showMessage(self.tr("Thank you for your answers."), 8000)
        )
        self.survey = survey
        survey.open()
