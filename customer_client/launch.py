"""What the downloaded client was sent to do: the launch block at the end of its own file.

Only the one-file client carries one (``shared.program_file`` finds its file); a client run
from Python's interpreter would otherwise read the block of ``python3`` itself, which has none.
"""

from __future__ import annotations

from shared.program_file import is_one_file, program_file
from shared.protocol.launch_block import read_launch_block
from shared.protocol.queues import LaunchBlock
from shared.session.join_link import JoinLink


def launch_block_of_this_program() -> LaunchBlock | None:
    """The launch block of this very program's file, or None (not frozen, none, or damaged)."""
    if not is_one_file():
        return None
    return read_launch_block(program_file())


def launch_arguments(block: LaunchBlock) -> list[str] | None:
    """The command line a block stands for, when it names a session: its join link, so that the
    customer joins as from a link (the window asks their name; the center's certificate is
    kept when new, asked about when their own pin differs, refused when IT's does). None for a
    block that names no session (a queue's ticket: main.py waits in its queue)."""
    if block.session is None:
        return None
    link = JoinLink(server=block.server, session=block.session, fingerprint=block.fingerprint)
    return [link.url(), "--language", block.language]
