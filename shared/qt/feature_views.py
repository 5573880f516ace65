"""The Qt half of the feature kit: what a feature's views declare, and what the apps offer them.

A feature's console view (``ConsoleView``) registers its actions, each with its place in the
console's faces as flags on its ``ActionSpec``; it builds a ``SessionPart`` for every session the
console holds (its slice of the console's state, its windows, its commands); and it names the
panels the faces lay out (``PanelSpec``). A feature's customer view does the same in the
customer's window. The apps and the faces go through these and name no feature.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, runtime_checkable

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QToolButton, QWidget

from shared.session.state import SessionState

if TYPE_CHECKING:
    from shared.qt.bridge import AsyncBridge
    from shared.session.consent import ConsentRequest
    from shared.session.live import LiveSession
    from shared.session.participants import Participant

T = TypeVar("T")
P = TypeVar("P")


class Group(StrEnum):
    """Where an action lives in the dashboard (the manual's tabs)."""

    TOOLS = "tools"
    DESKTOP = "desktop"
    APPLICATION = "application"
    SESSION = "session"
    CUSTOMER = "customer"
    # The console itself (preferences, faces, quit): a menu in every face, not a dashboard tab.
    CONSOLE = "console"
    # About the console, and where its help is: the last menu in every face.
    HELP = "help"


# The dashboard's tabs, in the manual's order (the agent may reorder them).
TAB_GROUPS: tuple[Group, ...] = (Group.TOOLS, Group.DESKTOP, Group.APPLICATION, Group.SESSION)


@dataclass(frozen=True)
class ConsoleState:
    """What the actions' enabled rules look at: the session's own state, and each feature's
    slice of it (``slice``), set by the feature's session part."""

    signed_in: bool = False
    session: SessionState = SessionState.IDLE
    customers: int = 0
    is_primary: bool = False
    # We assist in this session (another agent is in charge): primary-only actions say so.
    is_assistant: bool = False
    # Who is in charge (their name), the assistants present whom control may be handed to
    # (id, name), and whether the agent in charge lost their console so that we may take over.
    primary_name: str = ""
    assistants: tuple[tuple[str, str], ...] = ()
    can_take_over: bool = False
    # Sessions this agent has open (starting, waiting or active), and the support center's cap.
    sessions_open: int = 0
    max_sessions: int = 1
    # Features whose parts did not load on this computer: their actions say so.
    unavailable: frozenset[str] = frozenset()
    # The customer the session's actions address (picked in the Participants panel), by id
    # and name; None while no customer is linked.
    customer_id: str | None = None
    customer_name: str = ""
    # Each feature's slice, by feature name (a frozen dataclass of the feature's own).
    features: tuple[tuple[str, object], ...] = ()

    @property
    def in_session(self) -> bool:
        return self.session in (SessionState.WAITING, SessionState.ACTIVE)

    @property
    def busy(self) -> bool:
        """The current session is starting or running: a new one goes in another slot."""
        return self.session in (SessionState.CONNECTING, SessionState.WAITING, SessionState.ACTIVE)

    @property
    def at_cap(self) -> bool:
        return self.sessions_open >= self.max_sessions

    @property
    def customer_linked(self) -> bool:
        return self.session == SessionState.ACTIVE and self.customers > 0

    @property
    def marked_customer_id(self) -> str | None:
        """The customer the Participants lists mark as helped now: none for an assistant,
        who helps no one of their own."""
        return None if self.is_assistant else self.customer_id

    @property
    def unseen(self) -> int:
        """What awaits the agent's eye in this session (unread chat lines…): the sum of the
        slices' ``unseen``; a session's tab and the session chooser show it."""
        return sum(int(getattr(value, "unseen", 0)) for _, value in self.features)

    def slice(self, name: str, default: T) -> T:
        """Feature ``name``'s slice of the state; ``default`` (its empty slice) until set."""
        for key, value in self.features:
            if key == name and isinstance(value, type(default)):
                return value
        return default

    def with_slice(self, name: str, value: object) -> ConsoleState:
        others = tuple((k, v) for k, v in self.features if k != name)
        return replace(self, features=(*others, (name, value)))


class CannotRun(Exception):
    """An action could not run on one session: its translated reason (no customer…)."""


# How an action's run on one session went: (it did, what happened), translated.
Report = Callable[[bool, str], None]


@dataclass(frozen=True)
class Several:
    """An action that can run on several of the agent's sessions at once (the multisession
    window's Run on several sessions…): what it does, as a choice in that dialog; the input it
    needs, asked once for all the sessions ("" for none); a question before it runs ("" for
    none); and ``run(part, text, report)``, on the Qt thread, once per session: ``part`` is the
    session's part of the action's feature (the session itself for the console's own actions);
    it calls ``report`` once, or raises ``CannotRun``."""

    title: str  # translated
    run: Callable[[Any, str, Report], None]
    needs: str = ""  # the input's label, translated
    max_chars: int = 0
    confirm: str = ""  # translated, with {n}: how many sessions are ticked
    # Its run ends the session: the session ending while it runs is its success.
    ends_session: bool = False
    # How it runs with its input given from elsewhere rather than typed (a ``Preset``'s value:
    # the scripts picked in the library window…), like ``run``; None: it is only typed.
    given: Callable[[Any, Any, Report], None] | None = None


@dataclass(frozen=True)
class Preset:
    """Run on several sessions… opened from elsewhere with its input already given: the
    action (its key) to choose, the value its ``Several.given`` gets, and how the dialog shows
    that value, read-only: a label and a line each (translated)."""

    action: str
    value: object
    label: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ActionSpec:
    key: str
    text: str  # already translated
    tooltip: str  # already translated
    group: Group
    enabled_when: Callable[[ConsoleState], bool]
    icon: QIcon | None = None
    shortcut: str | None = None
    # False for features announced in the UI but not built yet: always disabled, and the
    # tooltip says so rather than offering a button that does nothing.
    built: bool = True
    # The feature the action belongs to: disabled, saying why, when its parts did not load.
    feature: str = ""
    # While disabled for a reason worth telling (a cap reached…), a sentence saying so, shown
    # in the tooltip; "" when there is nothing to tell.
    why_not: Callable[[ConsoleState], str] | None = None
    # A count worth the agent's eye (unread chat lines…): shown in the text, "Chat (2)", and
    # on the icon, for the faces that show only icons; 0 shows nothing.
    badge: Callable[[ConsoleState], int] | None = None
    # Where it shows beyond its group's tab and menu (which every action has): a button on
    # the compact icon bar, on the multisession window's toolbar.
    on_bar: bool = False
    on_toolbar: bool = False
    # Its place among its group's actions (lower first; equal: in the order registered). On the
    # bars, the Session group's actions ordered 90 or later (ending it) come last.
    order: int = 500
    # It can run on several sessions at once, and how (None: on the current session only).
    several: Several | None = None
    # Only the agent in charge may do it: disabled for an assistant agent, saying why (the
    # center and the customer's engine refuse it anyway; this only says no sooner).
    primary_only: bool = False
    # When it shows at all (None: always); Leave session shows in place of End for an assistant.
    shown_when: Callable[[ConsoleState], bool] | None = None


class Place(StrEnum):
    """Where a face puts a feature's panel."""

    # A dashboard tab of its own group (with that group's buttons in it); in the multisession
    # window, that session's page for the group.
    GROUP_PAGE = "group_page"
    # Beside the session: the dashboard's right-hand side, a tab of a multisession session, a
    # small window by the icon bar; in the customer's window, its main area.
    CONVERSATION = "conversation"
    # A page of its own for one session: a sub-tab of a multisession session (file transfer's
    # Files tab), before the conversation's; the other faces reach it by the feature's action.
    SESSION_PAGE = "session_page"
    # The customer's window: a line under who helps them (what is shared right now).
    STATUS = "status"
    # Beside the customer's details: the dashboard's customer panel, the System information
    # page of a multisession session (the security code to read to them).
    CUSTOMER = "customer"
    # The customer's window once the session is over (the chat to read and save).
    ENDED = "ended"


@dataclass(frozen=True)
class PanelSpec:
    key: str
    place: Place
    title: Callable[[], str]  # translated when the face is built
    # Builds the panel, given its group's action buttons for a GROUP_PAGE panel. The panel
    # shows one session's part of its feature when given it: ``bind(part)`` (the dashboard
    # binds it again when the agent switches sessions).
    build: Callable[[list[QToolButton]], QWidget]
    group: Group | None = None


@runtime_checkable
class SessionPart(Protocol):
    """A feature's views for one session of one app (one console slot, the client)."""

    def adopt(self, session: LiveSession) -> None:
        """A new session runs in this host; its engine parts are attached."""

    def close(self) -> None:
        """The host goes away, or the app quits: close this part's windows."""


@runtime_checkable
class CustomerBound(Protocol):
    """A console part whose activities run with one customer (sharing, file transfers): when
    the agent helps another customer, what runs with the one before ends."""

    def running_with(self, customer_id: str) -> list[str]:
        """What runs with ``customer_id`` now, a few words each (the switch's question)."""

    def end_with(self, customer_id: str, next_name: str) -> None:
        """End what runs with ``customer_id``: the agent helps ``next_name`` now."""


class SessionHost(Protocol):
    """What a feature's session part may use of the session controller that holds it (the
    console's slot, the customer's controller): its signals, the bridge, the session."""

    bridge: AsyncBridge
    session: LiveSession | None

    @property
    def side(self) -> str:
        """Whose app it is: "console" or "customer"."""

    # Qt signals (typed loosely: PySide's Signal instances), connected to by the parts.
    session_state: Any  # SessionState
    participants_changed: Any  # tuple[Participant, ...]
    session_closed: Any  # SessionClosed
    feature_event: Any  # an event a feature published
    session_started: Any  # the agent's session started (console only; never on the client)
    notice: Any  # str: something for the session's transcript ("Grace joined.")
    attention: Any  # (who, text): someone wants the user's eye; covering windows show it
    participants: tuple[Participant, ...]
    preferences: object | None  # the console's preferences; None on the client
    # The customer the session's actions address changed (console only): str | None.
    customer_chosen: Any

    def current_customer(self) -> str | None:
        """The customer the session's actions address (the agent picks them in the
        Participants panel); None with no customer linked, and on the client."""

    def choose_customer(self, customer_id: str) -> None:
        """Help ``customer_id`` now (console only): what runs with the customer before is
        ended, once the agent confirms."""

    def set_slice(self, name: str, value: object) -> None:
        """Set this feature's slice of the console's state (the client ignores it)."""

    def report_error(self, result: object, error: BaseException | None) -> None: ...

    def near(self) -> QWidget | None:
        """The window new windows of this session open beside (the face or the client's)."""


class ConsoleHost(Protocol):
    """What a feature's console view may use of the console: the action registry, the current
    session's part of the feature, and the face on screen."""

    def register(self, spec: ActionSpec, handler: Callable[[], None] | None = None) -> Any: ...

    def current_part(self, name: str) -> object | None:
        """The current session's part of feature ``name``."""

    def show_panel(self, key: str) -> None:
        """Bring panel ``key`` of the current session in front, in the face on screen."""

    def message(self, text: str) -> None:
        """A short message in the face on screen."""

    def window(self) -> QWidget | None:
        """The face on screen (dialogs open over it)."""

    def each_part(self, name: str, callback: Callable[[object], None]) -> None:
        """``callback`` with every session's part of feature ``name``, now and to come."""

    def show_part(self, name: str, part: object, panel: str) -> None:
        """Bring the session whose part of ``name`` is ``part`` in front, showing ``panel``."""

    def sessions_helping(self) -> int:
        """How many of the agent's sessions have a customer connected (and the agent in
        charge) now."""

    def on_sessions_moved(self, callback: Callable[[], None]) -> None:
        """``callback`` whenever a session starts, ends or its customers change (a bound
        method of a QObject: it stops with it)."""

    def run_on_several(self, preset: Preset) -> None:
        """Open Run on several sessions… with ``preset``'s action chosen and input given."""


def part_of(console: ConsoleHost, name: str, kind: type[P]) -> P | None:
    """The current session's part of feature ``name`` when it is a ``kind`` (the console's own
    part class); None without one (no session, or the feature's parts did not load)."""
    part = console.current_part(name)
    return part if isinstance(part, kind) else None


def on_part(
    console: ConsoleHost, name: str, kind: type[P], act: Callable[[P], object]
) -> Callable[[], None]:
    """An action's handler: ``act`` on the current session's part of feature ``name`` (as
    ``part_of`` finds it); nothing happens without one."""

    def handler() -> None:
        if (part := part_of(console, name, kind)) is not None:
            act(part)

    return handler


def standard_icon(pixmap: QStyle.StandardPixmap) -> QIcon:
    """One of the style's own icons, for an action."""
    return QApplication.style().standardIcon(pixmap)


@dataclass(frozen=True)
class ConsoleView:
    """A feature's views in the agent's console."""

    name: str
    # Builds this feature's part for one session slot.
    session_part: Callable[[SessionHost], SessionPart]
    # Registers the feature's actions, once per console.
    register_actions: Callable[[ConsoleHost], None] = lambda _host: None
    panels: tuple[PanelSpec, ...] = ()
    # Console-wide helpers, once per console (chat's notifications…), given the console.
    attach: Callable[[ConsoleHost], object] | None = None


@dataclass(frozen=True)
class CustomerView:
    """A feature's views in the customer's client window."""

    name: str
    session_part: Callable[[SessionHost], SessionPart]
    panels: tuple[PanelSpec, ...] = ()
    # The consent question for one of this feature's requests, and what it means (translated).
    question: Callable[[ConsentRequest], tuple[str, str]] | None = None


def console_views() -> list[ConsoleView]:
    """Every registered feature's console view, in registration order."""
    return _views("console", ConsoleView)


def customer_views() -> list[CustomerView]:
    return _views("customer", CustomerView)


def _views(side: str, kind: type[T]) -> list[T]:
    from shared.kit.registry import features, load_builtin

    load_builtin()
    found: list[T] = []
    for feature in features():
        view = feature.view(side)
        if view is None:
            continue
        if not isinstance(view, kind):
            raise TypeError(f"{feature.name}'s {side} view is a {type(view).__name__}")
        found.append(view)
    return found


def panels(views: Iterable[ConsoleView | CustomerView], place: Place) -> list[PanelSpec]:
    """The panels of ``views`` for ``place``, in the views' order."""
    return [panel for view in views for panel in view.panels if panel.place == place]
