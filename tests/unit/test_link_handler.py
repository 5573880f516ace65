"""tandem:// links open the client: the desktop entry names the program and the scheme."""

from __future__ import annotations

import configparser
from pathlib import Path

from customer_client.link_handler import register


def test_desktop_entry_claims_tandem_links(tmp_path: Path) -> None:
    path = register(tmp_path)
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(path, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["MimeType"] == "x-scheme-handler/tandem;"
    assert section["Exec"].endswith(" %u")
    assert "tandem-client" in section["Exec"] or "customer_client.main" in section["Exec"]
