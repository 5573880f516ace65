"""The support agent's console."""
