"""A real support center that mails through a real SMTP server on loopback; the console built
whole (the faces' fixtures) for the dialog's tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.faces.conftest import make_console, settings_path, start_center_with
from tests.helpers import CenterFixture, free_port, running_center
from tests.invitations.mailbox import Mailbox, mailbox_on

__all__ = ["make_console", "settings_path", "start_center_with"]


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with mailbox_on(free_port()) as box:
        yield box


@pytest.fixture
async def mail_center(tmp_path: Path, mailbox: Mailbox) -> AsyncIterator[CenterFixture]:
    """A center whose mail server is ``mailbox``."""
    async with running_center(tmp_path / "center", mail=mailbox.server()) as fixture:
        yield fixture
