"""A name that already exists where a file is received: the user is asked (replace, keep
both, skip) instead of anything being overwritten.

The engine publishes `NameConflict`; the view answers with `FilesFeature.answer_conflict`
(on the engine's loop). No answer within `CONFLICT_TIMEOUT_S`, or the transfer stopped: skipped.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shared.features.files.destination import Conflict
from shared.features.files.model import FINAL, SKIPPED, Stage, Transfer

if TYPE_CHECKING:
    from shared.features.files.engine import FilesFeature

# Long enough for someone to read the question and decide, short enough that a transfer nobody
# answers for does not hang on: the sender is told it was skipped.
CONFLICT_TIMEOUT_S = 120.0
ANSWERS = frozenset({Conflict.REPLACE, Conflict.KEEP_BOTH, Conflict.SKIP})


@dataclass(frozen=True)
class NameConflict:
    """Ask the user: ``name`` exists in ``folder``; answer with ``answer_conflict(id, …)``."""

    id: str  # the transfer
    name: str
    folder: str
    group: str = ""  # an answer "for all" applies to the rest of this group


@dataclass(frozen=True)
class ConflictSettled:
    id: str
    choice: Conflict  # SKIP after the timeout


class ConflictQuestions:
    def __init__(self, files: FilesFeature) -> None:
        self.files = files
        self._open: dict[str, asyncio.Future[Conflict]] = {}
        # One question at a time per group: its bundles are written side by side, and each
        # asked at once stacked several windows, all still asking after an answer "for all".
        self._turns: dict[str, asyncio.Lock] = {}

    @property
    def open(self) -> frozenset[str]:
        return frozenset(self._open)

    async def settle(self, transfer: Transfer) -> None:
        """Ask, wait, and go on with the answer (SKIP refuses the file)."""
        if transfer.id in self._open:
            return
        choice = await self.choose(transfer)
        if transfer.stage != Stage.ASKING:
            return
        if choice is Conflict.SKIP:
            self.files.refuse(transfer, SKIPPED)
            return
        transfer.on_conflict = choice
        self.files.open_sink(transfer)

    async def choose(self, transfer: Transfer) -> Conflict:
        """Ask and wait: the user's answer (SKIP after the timeout, or if it is asked already);
        settled and audited. A bundle's file asks here, its data waiting in memory."""
        if transfer.id in self._open:
            return Conflict.SKIP
        if not transfer.group:
            return await self._ask(transfer)
        turn = self._turns.setdefault(transfer.group, asyncio.Lock())
        async with turn:
            group = self.files.trees.groups.get(transfer.group)
            if group is not None and group.on_conflict is not None:
                return group.on_conflict  # answered for the whole group meanwhile
            if transfer.stage in FINAL:
                return Conflict.SKIP  # stopped while it waited for its turn
            return await self._ask(transfer)

    async def _ask(self, transfer: Transfer) -> Conflict:
        future: asyncio.Future[Conflict] = asyncio.get_running_loop().create_future()
        self._open[transfer.id] = future
        folder = str(transfer.folder or "")
        # "The same for the others" only where there are others: a group of one file has none.
        group = self.files.trees.groups.get(transfer.group) if transfer.group else None
        others = transfer.group if group is not None and group.files > 1 else ""
        self.files.session.engine.publish(NameConflict(transfer.id, transfer.name, folder, others))
        timeout = asyncio.ensure_future(self.files.session.clock.sleep(CONFLICT_TIMEOUT_S))
        try:
            waiters: list[asyncio.Future[Any]] = [future, timeout]
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            timeout.cancel()
            self._open.pop(transfer.id, None)
        choice = future.result() if future.done() and not future.cancelled() else Conflict.SKIP
        self.files.session.engine.publish(ConflictSettled(transfer.id, choice))
        self.files.audit("files.conflict", self.files.me(), transfer, choice=choice.value)
        return choice

    def answer(self, transfer_id: str, choice: Conflict) -> bool:
        """The user's answer; False when nothing is asked for that transfer (or not a choice)."""
        future = self._open.get(transfer_id)
        if future is None or future.done() or choice not in ANSWERS:
            return False
        future.set_result(choice)
        return True

    def cancel(self, transfer_id: str) -> None:
        future = self._open.get(transfer_id)
        if future is not None and not future.done():
            future.cancel()
