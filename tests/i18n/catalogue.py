"""The shipped French catalogue as the i18n tests read it, and the rule that decides whether a
text shown on screen is French (or language-neutral data) rather than English."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from shared.qt.i18n import TRANSLATIONS_DIR, elided

FRENCH_TS = TRANSLATIONS_DIR / "tandem_fr.ts"
FRENCH_QM = TRANSLATIONS_DIR / "tandem_fr.qm"
ROOT = Path(__file__).resolve().parents[2]
UPDATE_SCRIPT = ROOT / "scripts" / "update_translations.sh"

PLACEHOLDER = re.compile(r"\{(\w*)\}")

# Texts the French catalogue deliberately keeps as they are in English: the same word in French,
# or a name. Listed here so that a new one is a decision, not an accident.
SAME_IN_FRENCH = {
    "{what} — {why}",
    "{name}\n{computer} — {system}",
    "{number} — {names}",
    "{what} ({n})",  # an action with its count: "Chat (2)"
    "&Console",
    "Agent",
    "Annotation",  # the manual's panel
    "Annotations",
    "Application",
    "Architecture",  # system information: a property
    "Chat",
    "{panel} — Tandem",  # a feature's panel in a window of its own: "Chat — Tandem"
    "Console",
    "Description",  # a column of the script library
    "English",  # the language picker names each language in that language
    "Message",
    "Notes",
    "Participants",
    "PID",  # system information: a process's number
    "Session",
    "Services",  # system information: a category
    "Standard",
    "Total",  # system information: memory
    "Type",  # system information: a disk's
    "Version",  # system information: a property and a column
}


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    kind: str  # the translation's type attribute: "" when finished


def read_messages(path: Path = FRENCH_TS) -> list[Message]:
    root = ET.parse(path).getroot()
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            messages.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    translation.text or "",
                    translation.get("type", ""),
                )
            )
    return messages


def without_mnemonic(text: str) -> str:
    """``&Allow`` as shown: ``Allow`` (``&&`` is a literal ampersand)."""
    return re.sub(r"&(.)", r"\1", text)


@dataclass
class FrenchCheck:
    """Decides whether a text seen in the French UI is French: a translation from the catalogue
    (placeholders filled), Qt's own French, or data such as names, numbers and addresses."""

    messages: list[Message]
    data: set[str] = field(default_factory=set)
    qt_french: set[str] = field(default_factory=set)

    @cached_property
    def english(self) -> set[str]:
        return {without_mnemonic(m.source) for m in self.messages}

    @cached_property
    def french(self) -> set[str]:
        return {without_mnemonic(m.translation) for m in self.messages}

    @cached_property
    def patterns(self) -> list[list[str]]:
        """Each translation with placeholders, split: literal, placeholder, literal, …; with
        its elided form too where it has "de {…}" or "que {…}" (``shared.qt.i18n.fill``: "l'écran
        d'Amélie")."""
        filled = self.french | {elided(t) for t in self.french}
        return [PLACEHOLDER.split(t) for t in sorted(filled) if PLACEHOLDER.search(t)]

    def is_data(self, text: str) -> bool:
        if text in self.data:
            return True
        if re.fullmatch(r"[\d\W_×]*", text):  # numbers, punctuation, symbols
            return True
        return re.fullmatch(r"(https?|tandem)://\S+", text) is not None

    def is_french(self, text: str, depth: int = 0) -> bool:
        text = without_mnemonic(text).strip()
        if not text or self.is_data(text) or text in self.french or text in self.qt_french:
            return True
        if text + "…" in self.french:  # an action's icon text: Qt drops the ellipsis
            return True
        if "\n" in text and self.is_french(text.replace("\n", " "), depth):
            return True  # one label on two lines
        if "\n" in text:
            return all(self.is_french(line, depth) for line in text.splitlines())
        # Sentences translated one by one, then put side by side.
        sentences = re.split(r"(?<=[.?!…])\s+(?=[A-ZÀ-Ý])", text)
        if len(sentences) > 1 and all(self.is_french(one, depth) for one in sentences):
            return True
        # A tooltip ends with its shortcut, as Qt writes it in French: "… (Ctrl+Maj+V)".
        shortcut = re.fullmatch(r"(.+) \(((Ctrl|Maj|Alt|Meta)\+\S+|F\d+|Échap)\)", text)
        if shortcut and self.is_french(shortcut[1], depth):
            return True
        # A monitor: "Écran 1 (1920×1080)".
        monitor = re.fullmatch(r"(.+) \(\d+×\d+\)", text)
        if monitor and self.is_french(monitor[1], depth):
            return True
        if depth > 3:
            return False
        return any(
            all(self.is_french(value, depth + 1) for value in values)
            for parts in self.patterns
            for values in _fillings(parts, text)
        )


def _fillings(parts: list[str], text: str) -> Iterator[list[str]]:
    """Every way ``text`` reads as ``parts`` (literal, placeholder, literal, …, as
    ``PLACEHOLDER.split`` gives them) with each placeholder non-empty: the values, in order."""
    head, rest = parts[0], parts[1:]
    if not text.startswith(head):
        return
    text = text[len(head) :]
    if not rest:
        if not text:
            yield []
        return
    after = rest[1]  # the literal that follows this placeholder
    for end in range(1, len(text) + 1):
        if text.startswith(after, end):
            for values in _fillings([after, *rest[2:]], text[end:]):
                yield [text[:end], *values]
