"""Script library and script runs (issue 12)."""
