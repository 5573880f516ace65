"""The customer's consent dialog answers the engine's question awaited on the asyncio thread:
OK with or without "allow everything", Refuse, and closing (which refuses); Allow works only
after a short delay, and the dialog says what "everything" covers and which ways the clipboard
goes, in English and in French."""

from __future__ import annotations

import concurrent.futures
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from customer_client.ui.consent_dialog import ALLOW_DELAY_MS, ConsentDialog, DialogAsker
from shared.features.desktop.protocol import NAME as DESKTOP
from shared.qt.bridge import AsyncBridge
from shared.qt.i18n import install_translations, remove_translations
from shared.session.consent import ConsentAnswer, ConsentGate, ConsentRequest, PermissionKind
from tests.xserver import click, key

KINDS = {
    "view": PermissionKind.VIEW_DESKTOP,
    "control": PermissionKind.CONTROL_DESKTOP,
    "show": PermissionKind.SHOW_DESKTOP,
    "give_control": PermissionKind.GIVE_CONTROL,
}


@pytest.fixture
def bridge() -> Iterator[AsyncBridge]:
    bridge = AsyncBridge()
    yield bridge
    bridge.stop()


def _ask(
    qtbot: QtBot, bridge: AsyncBridge, asker: DialogAsker, what: str = "view", activity: str = "s1"
) -> tuple[concurrent.futures.Future[ConsentAnswer], ConsentDialog]:
    # Asked as desktop sharing asks: its views word the question.
    request = ConsentRequest(what, "Ada Agent", activity, KINDS[what], feature=DESKTOP)
    future = bridge.submit(asker.ask(request))
    qtbot.waitUntil(lambda: activity in asker.dialogs)
    dialog = asker.dialogs[activity]
    qtbot.waitExposed(dialog)
    assert not future.done()  # the asyncio side waits; the Qt side is not blocked
    return future, dialog


def _allow(qtbot: QtBot, dialog: ConsentDialog) -> None:
    """The customer clicks Allow once it works."""
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def _answer(qtbot: QtBot, future: concurrent.futures.Future[ConsentAnswer]) -> ConsentAnswer:
    qtbot.waitUntil(future.done)
    return future.result()


def test_ok_grants(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    future, dialog = _ask(qtbot, bridge, asker, "control")
    assert dialog.question.text() == "Ada Agent asks to control your computer"
    assert dialog.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    _allow(qtbot, dialog)
    assert _answer(qtbot, future) == ConsentAnswer(granted=True, allow_all=False)
    assert asker.dialogs == {}


def test_ok_with_allow_everything(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    future, dialog = _ask(qtbot, bridge, asker, "show")
    assert dialog.question.text() == "Ada Agent wants to show you their screen"
    dialog.allow_all.setChecked(True)
    _allow(qtbot, dialog)
    assert _answer(qtbot, future) == ConsentAnswer(granted=True, allow_all=True)


def test_refuse_refuses_even_with_the_box_ticked(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    future, dialog = _ask(qtbot, bridge, asker)
    assert dialog.refuse_button.isDefault()  # Enter by mistake grants nothing
    dialog.allow_all.setChecked(True)
    QTest.mouseClick(dialog.refuse_button, Qt.MouseButton.LeftButton)
    assert _answer(qtbot, future) == ConsentAnswer(granted=False, allow_all=False)


def test_closing_the_dialog_refuses(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    future, dialog = _ask(qtbot, bridge, asker, "give_control")
    dialog.close()
    assert _answer(qtbot, future) == ConsentAnswer(granted=False)


def test_withdrawn_question_closes_the_dialog(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    future, _ = _ask(qtbot, bridge, asker)
    asker.withdraw("s1")
    assert _answer(qtbot, future) == ConsentAnswer(granted=False)
    assert asker.dialogs == {}


def test_cancelled_question_closes_the_dialog(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    future, _ = _ask(qtbot, bridge, asker)
    bridge.loop.call_soon_threadsafe(future.cancel)  # e.g. the session closed meanwhile
    qtbot.waitUntil(lambda: asker.dialogs == {})


def test_allow_everything_is_remembered_by_the_engine(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    gate = ConsentGate(asker.ask)
    view = ConsentRequest("view", "Ada Agent", "s1", PermissionKind.VIEW_DESKTOP, feature=DESKTOP)
    first = bridge.submit(gate.decide(view))
    qtbot.waitUntil(lambda: "s1" in asker.dialogs)
    asker.dialogs["s1"].allow_all.setChecked(True)
    _allow(qtbot, asker.dialogs["s1"])
    assert _answer(qtbot, first) == ConsentAnswer(granted=True, allow_all=True)
    info = ConsentRequest("system_info", "Ada Agent", "s2", PermissionKind.SYSTEM_INFO)
    second = bridge.submit(gate.decide(info))
    assert _answer(qtbot, second) == ConsentAnswer(granted=True, allow_all=True)
    assert asker.dialogs == {}  # not asked again
    # Control takes over the customer's input: asked although everything was allowed.
    control = ConsentRequest(
        "control", "Ada Agent", "s3", PermissionKind.CONTROL_DESKTOP, feature=DESKTOP
    )
    third = bridge.submit(gate.decide(control))
    qtbot.waitUntil(lambda: "s3" in asker.dialogs)
    asker.dialogs["s3"].reject()
    assert _answer(qtbot, third) == ConsentAnswer(granted=False)


def test_allow_does_nothing_before_the_delay(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    future, dialog = _ask(qtbot, bridge, asker, "control")
    shown = time.monotonic()
    # A click and Alt+A at once, as if meant for what was under the pointer a moment ago.
    click(dialog.ok_button)
    key("alt+a")
    click(dialog.allow_all)  # after both, in X's order: once it lands, they were handled
    qtbot.waitUntil(dialog.allow_all.isChecked)
    assert time.monotonic() - shown < ALLOW_DELAY_MS / 1000, "the machine was too slow to tell"
    assert not future.done() and dialog.isVisible()
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=ALLOW_DELAY_MS * 3)
    click(dialog.ok_button)
    assert _answer(qtbot, future) == ConsentAnswer(granted=True, allow_all=True)


def test_the_dialog_says_what_everything_covers(qtbot: QtBot, bridge: AsyncBridge) -> None:
    asker = DialogAsker()
    future, dialog = _ask(qtbot, bridge, asker, "view")
    covered, screen_and_input, always = dialog.covers.text().splitlines()
    assert covered.startswith("Without asking again:") and "system information" in covered
    assert screen_and_input.startswith("Still asked each time: controlling your computer")
    assert always.startswith("Always asked:") and "restarting your computer" in always
    assert "adding a printer" in always  # printing is never covered by "allow everything"
    assert not dialog.takeover.isEnabled()  # only with "allow everything"
    click(dialog.allow_all)
    qtbot.waitUntil(dialog.takeover.isEnabled)
    click(dialog.takeover)
    qtbot.waitUntil(lambda: "Also without asking, as you chose:" in dialog.covers.text())
    assert "Always asked:" in dialog.covers.text()
    _allow(qtbot, dialog)
    assert _answer(qtbot, future) == ConsentAnswer(granted=True, allow_all=True, takeover=True)


def test_a_question_with_nothing_more_to_say_leaves_no_blank_line(
    qtbot: QtBot, bridge: AsyncBridge
) -> None:
    # Seen in use: "wants to see the folders and files on your computer" with an empty line
    # under it. A question worded by no feature's view has no detail either.
    asker = DialogAsker()
    request = ConsentRequest("files", "Ada Agent", "s1", PermissionKind.READ_FILES, feature="x")
    future = bridge.submit(asker.ask(request))
    qtbot.waitUntil(lambda: "s1" in asker.dialogs)
    dialog = asker.dialogs["s1"]
    qtbot.waitExposed(dialog)
    assert dialog.detail.text() == ""
    assert not dialog.detail.isVisible()
    click(dialog.refuse_button)
    assert _answer(qtbot, future) == ConsentAnswer(granted=False)
    _, with_detail = _ask(qtbot, bridge, asker, "view", activity="s2")
    assert with_detail.detail.text() and with_detail.detail.isVisible()


# What each question says of the clipboard: the ways the customer's engine then lets it go
# (``shared.features.desktop.clipboard``).
CLIPBOARD_WORDS = {
    "en": {
        "view": ("cannot use your mouse, your keyboard or your clipboard",),
        "control": (
            "Your clipboard is shared both ways: text you copy goes to them, and text they copy "
            "comes to you.",
        ),
        "show": ("Nothing of yours is shared, not even your clipboard.",),
        "give_control": (
            "Text you copy there comes to your clipboard.",
            "Nothing of yours is shared, not even your clipboard.",
        ),
    },
    "fr": {
        "view": ("ni votre souris, ni votre clavier, ni votre presse-papiers",),
        "control": (
            "Votre presse-papiers est partagé dans les deux sens\u00a0: le texte que vous copiez "
            "va chez l'agent, et celui qu'il copie vient chez vous.",
        ),
        "show": ("Rien de votre ordinateur n'est partagé, pas même votre presse-papiers.",),
        "give_control": (
            "Le texte que vous y copiez vient dans votre presse-papiers.",
            "Rien de votre ordinateur n'est partagé, pas même votre presse-papiers.",
        ),
    },
}


@pytest.fixture(params=["en", "fr"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    if request.param == "fr":
        assert install_translations(qapp, "fr") == "fr"
    yield request.param
    remove_translations(qapp)


@pytest.mark.parametrize("what", list(KINDS))
def test_the_dialog_says_which_ways_the_clipboard_goes(
    qtbot: QtBot, bridge: AsyncBridge, language: str, what: str
) -> None:
    asker = DialogAsker()
    future, dialog = _ask(qtbot, bridge, asker, what)
    for words in CLIPBOARD_WORDS[language][what]:
        assert words in dialog.detail.text()
    dialog.reject()
    assert _answer(qtbot, future) == ConsentAnswer(granted=False)
