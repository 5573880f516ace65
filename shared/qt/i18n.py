"""Loads the translations that ship with Tandem (English is the source language)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

TRANSLATIONS_DIR = Path(__file__).parent / "translations"
SUPPORTED = ("en", "fr")


def pick_language(preference: str) -> str:
    if preference in SUPPORTED:
        return preference
    system = QLocale.system().name().split("_")[0]
    return system if system in SUPPORTED else "en"


def install_translations(app: QApplication, preference: str = "") -> str:
    """Install Tandem's and Qt's own translators for the chosen language; return it."""
    language = pick_language(preference)
    if language == "en":
        return language
    for folder, name in (
        (TRANSLATIONS_DIR, f"tandem_{language}"),
        (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), f"qtbase_{language}"),
    ):
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
    return language
