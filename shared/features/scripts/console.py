"""Scripts in the agent's console: the Script library window (from the Console menu, with or
without a session), and Run scripts… (the library with the run pane, for the current session's
customer; on several sessions at once from the multisession window)."""

from __future__ import annotations

import weakref
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStyle

from shared.features.scripts.library_window import CenterAccess, LibraryWindow
from shared.features.scripts.part import ScriptsPart
from shared.features.scripts.protocol import NAME
from shared.protocol.scripts import MAX_SCRIPT_NAME_CHARS, MAX_SCRIPTS_PER_RUN, ScriptSummary
from shared.qt.feature_views import (
    ActionSpec,
    CannotRun,
    ConsoleHost,
    ConsoleState,
    ConsoleView,
    Group,
    Preset,
    Report,
    Several,
    part_of,
    standard_icon,
)

translate = QCoreApplication.translate
LIBRARY_KEY = "script_library"
RUN_KEY = "run_scripts"

# The windows open, per console: one library window, one run window per session part.
_WINDOWS: weakref.WeakKeyDictionary[object, LibraryWindow] = weakref.WeakKeyDictionary()


def center_access(console: ConsoleHost) -> CenterAccess | None:
    """The console's link to its center and the agent's sign-in (None while signed out)."""
    controller: Any = getattr(console, "controller", None)
    center = getattr(controller, "center", None)
    account = getattr(controller, "account", None)
    bridge = getattr(controller, "bridge", None)
    token = getattr(account, "token", None)
    if center is None or bridge is None or not isinstance(token, str):
        return None
    return CenterAccess(bridge, center, token)


def open_library(console: ConsoleHost, part: ScriptsPart | None = None) -> LibraryWindow | None:
    """The library window (with the run pane when ``part``: its session's customer)."""
    access = center_access(console)
    if access is None:
        console.message(translate("Scripts", "Sign in to reach the script library."))
        return None
    key: object = part if part is not None else console
    window = _WINDOWS.get(key)
    if window is None:
        run = None
        if part is not None:

            def run(scripts: list[ScriptSummary]) -> None:
                customer = part.host.current_customer()
                if customer is None:
                    window_now = _WINDOWS.get(key)
                    if window_now is not None:
                        window_now.say(translate("Scripts", "No customer is connected."))
                    return
                part.run(customer, scripts)

        several = None
        if part is not None:

            def several(scripts: list[ScriptSummary]) -> None:
                console.run_on_several(picked(scripts))

        window = LibraryWindow(
            access, run, console.window(), several, lambda: console.sessions_helping() > 1
        )
        if part is not None:
            window.setWindowTitle(translate("Scripts", "Run scripts"))
            console.on_sessions_moved(window.sessions_moved)
        _WINDOWS[key] = window
    window.show()
    window.raise_()
    window.activateWindow()
    window.refresh()
    return window


def _open(console: ConsoleHost) -> None:
    open_library(console)


def run_in_several(part: ScriptsPart, text: str, report: Report) -> None:
    """Run on several sessions: the scripts named (in order, separated by commas)."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise CannotRun(translate("Scripts", "Name the scripts to run."))
    if len(names) > MAX_SCRIPTS_PER_RUN:
        raise CannotRun(
            translate("Scripts", "A run holds at most {n} scripts.").format(n=MAX_SCRIPTS_PER_RUN)
        )
    customer = part.host.current_customer()
    if customer is None:
        raise CannotRun(translate("Scripts", "No customer is connected."))
    try:
        part.run_named(customer, names, report)
    except ConnectionError:
        raise CannotRun(translate("Scripts", "Scripts cannot run in this session.")) from None


def picked(scripts: list[ScriptSummary]) -> Preset:
    """Run on several sessions… with the scripts picked in the library window, in order."""
    return Preset(
        RUN_KEY,
        list(scripts),
        translate("Scripts", "Scripts to run, in this order:"),
        tuple(f"{script.name} — {script.category}" for script in scripts),
    )


def run_picked(part: ScriptsPart, scripts: Any, report: Report) -> None:
    """Run on several sessions: the scripts picked in the library window, in order."""
    if not isinstance(scripts, list) or not scripts:
        raise CannotRun(translate("Scripts", "Pick the scripts to run in the library window."))
    customer = part.host.current_customer()
    if customer is None:
        raise CannotRun(translate("Scripts", "No customer is connected."))
    try:
        part.run(customer, scripts, report)
    except ConnectionError:
        raise CannotRun(translate("Scripts", "Scripts cannot run in this session.")) from None


def _can_run(state: ConsoleState) -> bool:
    return state.customer_linked and state.is_primary


def _register_actions(console: ConsoleHost) -> None:
    console.register(
        ActionSpec(
            LIBRARY_KEY,
            translate("Scripts", "Script library…"),
            translate(
                "Scripts", "Add, edit or delete the scripts agents run on customers' computers"
            ),
            # The console's menu: the library is the agent's, in a session or not.
            Group.CONSOLE,
            lambda state: state.signed_in,
            standard_icon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
            feature=NAME,
            order=60,
        ),
        lambda: _open(console),
    )

    def run_here() -> None:
        part = part_of(console, NAME, ScriptsPart)
        if part is not None:
            open_library(console, part)

    console.register(
        ActionSpec(
            RUN_KEY,
            translate("Scripts", "Run scripts…"),
            translate(
                "Scripts",
                "Run scripts from the library on the customer's computer (the customer is asked)",
            ),
            Group.CUSTOMER,
            _can_run,
            standard_icon(QStyle.StandardPixmap.SP_MediaPlay),
            feature=NAME,
            order=61,
            primary_only=True,
            several=Several(
                translate("Scripts", "Run scripts"),
                run_in_several,
                needs=translate("Scripts", "Scripts to run, in order, separated by commas:"),
                max_chars=MAX_SCRIPTS_PER_RUN * (MAX_SCRIPT_NAME_CHARS + 2),
                given=run_picked,
            ),
        ),
        run_here,
    )


CONSOLE_VIEW = ConsoleView(name=NAME, session_part=ScriptsPart, register_actions=_register_actions)
