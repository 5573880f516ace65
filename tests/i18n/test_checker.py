"""The rule the French UI tests apply recognises English, French and data."""

from __future__ import annotations

import pytest

from tests.i18n.catalogue import FrenchCheck, read_messages


@pytest.fixture(scope="module")
def check() -> FrenchCheck:
    return FrenchCheck(read_messages(), data={"Grace Hopper"}, qt_french={"Annuler"})


@pytest.mark.parametrize(
    "text",
    [
        "Demander l'affichage",
        "&Autoriser",
        "Demander l'affichage (Ctrl+Maj+V)",
        "Demander l'affichage — indisponible sur cet ordinateur.",
        "Grace Hopper a rejoint la session.",
        "Grace Hopper a quitté la session.",
        "Écran 2 (1920×1080)",
        "Annuler",
        "123 456 789",
        "https://127.0.0.1:8443",
        "Chat",
        "Grace Hopper peut voir votre écran.\nVous contrôlez l'écran de Grace Hopper.",
    ],
)
def test_french_and_data_pass(check: FrenchCheck, text: str) -> None:
    assert check.is_french(text)


@pytest.mark.parametrize(
    "text",
    [
        "Request view",
        "&Allow",
        "Request view (Ctrl+Shift+V)",
        "Request view — indisponible sur cet ordinateur.",
        "Grace Hopper left.",
        "Grace Hopper left the session.",
        "Cancel",
        "Demander l'affichage\nStop sharing",
        "Some string lupdate never saw",
    ],
)
def test_english_fails(check: FrenchCheck, text: str) -> None:
    assert not check.is_french(text)
