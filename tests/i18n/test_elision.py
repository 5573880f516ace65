"""French drops the vowel of "de" and "que" before a name that starts with one: "l'écran
d'Amélie", "en tant qu'Olivier", filled in by ``shared.qt.i18n.fill`` from the translations'
"de {name}". English texts, and names that start otherwise, are left as they are."""

from __future__ import annotations

from shared.features.desktop.texts import shared_now_text
from shared.features.files.texts import copied_text
from shared.qt.i18n import fill
from shared.qt.texts import participant_gone_notice
from tests.i18n.catalogue import FrenchCheck


def test_french_texts_elide_de_and_que_before_a_vowel(french: FrenchCheck) -> None:
    assert shared_now_text("view", "running", "Amélie", i_share=False) == (
        "Vous voyez l'écran d'Amélie."
    )
    assert shared_now_text("view", "running", "Bruno", i_share=False) == (
        "Vous voyez l'écran de Bruno."
    )
    assert participant_gone_notice("Olivier", "restarting") == "L'ordinateur d'Olivier redémarre…"
    # Not before "h" or "y", where "de" is right for some names: it stays.
    assert shared_now_text("view", "running", "Hugues", i_share=False).endswith("de Hugues.")
    assert fill("Connecté en tant que {name}", name="Isabelle") == "Connecté en tant qu'Isabelle"
    assert fill("De {a} à {b}", a="Ève", b="Anne") == "D'Ève à Anne"
    # A word that only ends in "de" keeps its letters.
    assert fill("la commande {name}", name="ls") == "la commande ls"
    assert fill("la monde {name}", name="Anne") == "la monde Anne"


def test_english_texts_are_filled_as_they_are(qapp: object) -> None:
    assert copied_text("report.pdf", "Amélie") == "report.pdf copied to Amélie's computer."
    assert fill("made de {name}", name="Anne") == "made de Anne"  # English: no French rule
