"""The support agent's console."""

import csr_console.notes  # noqa: F401  (registers the Notes panel with the feature kit)
