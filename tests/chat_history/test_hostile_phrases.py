"""A quick phrase written as markup (by the site's administrator, or answered so by a center
that is not the site's) shows in the console's chat panel exactly as written: in the menu and
in its tooltip, which Qt would otherwise render as HTML (a big red "IT ADMIN")."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from csr_console.main import Console
from tests.chat_history.test_quick_phrases_panel import chat_panel
from tests.e2e.conftest import CenterProcess, _center_cli
from tests.faces.conftest import WAIT_MS, join, sign_in, start_session
from tests.i18n.walk import displayed_texts

PHRASE = "<h1><font color=red>IT ADMIN</font></h1> says: sign in again"


def test_a_phrase_of_markup_shows_as_written_in_the_menu_and_its_tooltip(
    qtbot: QtBot,
    start_center_with: Callable[..., CenterProcess],
    make_console: Callable[[], Console],
) -> None:
    center = start_center_with()
    _center_cli(center.data_dir, "phrases", "add", PHRASE, "--language", "both")
    console = make_console()
    sign_in(qtbot, console, center)
    number = start_session(qtbot, console)
    join(qtbot, console, center, number, "Grace")
    panel = chat_panel(console.face)
    qtbot.waitUntil(panel.phrases_button.isEnabled, timeout=WAIT_MS)

    [action] = panel.phrases_menu.actions()
    shown = [text for where, text in displayed_texts(panel.phrases_menu) if "IT ADMIN" in text]
    assert shown, "the phrase is not shown at all"
    assert all(PHRASE in text for text in shown), shown
    assert action.toolTip()  # there is a tooltip, and it was among the texts checked
