"""The console's user guide, one Markdown file per language (guide_<language>.md)."""
