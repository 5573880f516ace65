"""Loads the translations that ship with Tandem (English is the source language).

Sources: ``translations/tandem_<lang>.ts``, compiled to ``tandem_<lang>.qm`` beside them by
``scripts/update_translations.sh``. Qt's own ``qtbase_<lang>.qm`` (standard buttons, the text
fields' context menus, key names) comes from the PySide6 wheel when it has it.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).parent / "translations"
SOURCE_LANGUAGE = "en"
SUPPORTED = (SOURCE_LANGUAGE, "fr")

# The translators this module installed, per application, so they can be taken out again.
_installed: list[QTranslator] = []
# The language install_translations chose last (what the windows built since speak).
_language = [SOURCE_LANGUAGE]


def installed_language() -> str:
    """The language the application's windows are in: the last one installed."""
    return _language[0]


def display_locale() -> QLocale:
    """The locale to write dates and numbers in: the system's when it speaks the windows'
    language (its regional formats), else that language's own. A C/POSIX system, or one in
    another language, would otherwise write "30 11 2026" beside English or French words.
    (Not ``QLocale.setDefault``: the system's default stays what the rest reads.)"""
    system, chosen = QLocale(), installed_language()
    if QLocale.languageToCode(system.language()) == chosen:
        return system
    return QLocale(chosen)


def system_language() -> str:
    """The first supported language of the user's interface languages ("en" if none is).

    Reads the default QLocale, which is the system's unless ``QLocale.setDefault`` changed it."""
    for name in QLocale().uiLanguages():
        language = name.replace("_", "-").split("-")[0].lower()
        if language in SUPPORTED:
            return language
    return SOURCE_LANGUAGE


def pick_language(preference: str | None) -> str:
    """The preference if it names a shipped language, else the system's."""
    preference = (preference or "").strip().lower()
    if preference in SUPPORTED:
        return preference
    return system_language()


def translation_file(language: str) -> Path:
    return TRANSLATIONS_DIR / f"tandem_{language}.qm"


def install_translations(app: QCoreApplication, preference: str | None = "") -> str:
    """Install Tandem's and Qt's own translators for the chosen language; return the language.

    Any translators installed before by this function are removed first, so calling it again
    switches language (widgets built afterwards use the new one)."""
    remove_translations(app)
    language = pick_language(preference)
    _language[0] = language
    if language == SOURCE_LANGUAGE:
        return language
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for folder, name in ((TRANSLATIONS_DIR, f"tandem_{language}"), (qt_dir, f"qtbase_{language}")):
        translator = QTranslator(app)
        if translator.load(name, str(folder)) and app.installTranslator(translator):
            _installed.append(translator)
        else:
            log.warning("no %s translation in %s", name, folder)
            translator.deleteLater()
    return language


def remove_translations(app: QCoreApplication) -> None:
    """Take out the translators ``install_translations`` put in: back to English."""
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()
    _language[0] = SOURCE_LANGUAGE


# French drops the vowel of "de" and "que" before a word that starts with one: "l'ordinateur
# d'Amélie", "en tant qu'Olivier". Translators write "de {name}"; which form it takes depends on
# the name, known only when the text is filled in. (Not before "h" or "y": "de Hugues" and
# "d'Hélène", "de Yasmine" and "d'Yves" are both French, and "de" is never wrong there.)
_VOWELS = frozenset("aeiouàâäéèêëîïôöùûüœæ")


def elided(template: str, key: str = r"\w*") -> str:
    """``template`` with "de {key}" and "que {key}" written "d'{key}" and "qu'{key}" (``key``:
    a pattern; every placeholder by default)."""
    return re.sub(rf"(?<!\w)([dD]|[qQ]u)e (?=\{{{key}\}})", r"\1'", template)


def fill(template: str, **values: object) -> str:
    """``template.format(**values)``, with French elision before the values that need it
    (``l'ordinateur de {name}`` filled with "Amélie" says "l'ordinateur d'Amélie")."""
    if installed_language() == "fr":
        for key, value in values.items():
            if str(value)[:1].casefold() in _VOWELS:
                template = elided(template, re.escape(key))
    return template.format(**values)
