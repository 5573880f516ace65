"""The language follows the preference, else the system's; Qt's own words follow too; and
taking the translators out brings English back."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from shared.qt.i18n import install_translations, pick_language, remove_translations

# A string every build has, and its French.
KNOWN = ("Actions", "Request view", "Demander l'affichage")


def _known() -> str:
    return QCoreApplication.translate(KNOWN[0], KNOWN[1])


def _cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    text = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    box.deleteLater()
    return text


def test_french_preference_translates(qapp: QApplication, english_afterwards: None) -> None:
    assert install_translations(qapp, "fr") == "fr"
    assert _known() == KNOWN[2]
    assert _cancel_text() == "Annuler"  # Qt's own catalogue, from the PySide6 wheel
    remove_translations(qapp)
    assert _known() == KNOWN[1]
    assert _cancel_text() == "Cancel"


def test_english_preference_stays_english_even_on_a_french_system(
    qapp: QApplication, english_afterwards: None
) -> None:
    QLocale.setDefault(QLocale("fr_FR"))
    assert install_translations(qapp, "en") == "en"
    assert _known() == KNOWN[1]


def test_no_preference_follows_the_system_language(
    qapp: QApplication, english_afterwards: None
) -> None:
    QLocale.setDefault(QLocale("fr_CA"))
    assert pick_language("") == "fr"
    assert install_translations(qapp, "") == "fr"
    assert _known() == KNOWN[2]

    QLocale.setDefault(QLocale("de_DE"))
    assert install_translations(qapp, None) == "en"  # not shipped: English
    assert _known() == KNOWN[1]


def test_switching_language_replaces_the_translators(
    qapp: QApplication, english_afterwards: None
) -> None:
    install_translations(qapp, "fr")
    install_translations(qapp, "fr")  # twice: still one set installed
    remove_translations(qapp)
    assert _known() == KNOWN[1]
    install_translations(qapp, "fr")
    assert install_translations(qapp, "en") == "en"
    assert _known() == KNOWN[1]


def test_unknown_or_oddly_written_preferences() -> None:
    QLocale.setDefault(QLocale("en_US"))
    try:
        assert pick_language(" FR ") == "fr"
        assert pick_language("klingon") == "en"
    finally:
        QLocale.setDefault(QLocale.system())
