"""Qt mouse buttons and keys as the protocol names them: moved to ``shared.qt.input_mapping``,
which co-browsing's viewer uses too; the names stay importable from here."""

from shared.qt.input_mapping import key_name, pointer_button

__all__ = ["key_name", "pointer_button"]
