"""System information in one session.

The agent's side asks one customer for categories and puts the pages that come back together,
checking each against what was asked and against limits over the whole collection. The
customer's side decides: the sender must be an agent (the consent gate also wants the agent in
charge), the customer is asked (or "allow everything" covers it), one collection runs at a time
in the session and requests are rate-limited, so a modified console can neither flood the
customer with questions nor keep their machine busy collecting."""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import secrets
import time
from collections import deque
from dataclasses import dataclass, field

from shared.features.sysinfo.collect import PROVIDER_TIMEOUT_S, collect
from shared.features.sysinfo.protocol import (
    MAX_CATEGORY_ROWS,
    NAME,
    SYSINFO_MESSAGES,
    Category,
    Column,
    Refusal,
    SysinfoDone,
    SysinfoPage,
    SysinfoRefused,
    SysinfoRequest,
)
from shared.features.sysinfo.providers import for_this_machine
from shared.features.sysinfo.providers.base import SystemProvider
from shared.features.sysinfo.rows import Table
from shared.protocol.messages import PeerMessage, Role
from shared.session.consent import NOT_PRIMARY_AGENT, ConsentRequest, PermissionKind
from shared.session.live import LiveSession
from shared.transport.channels import ChannelName

log = logging.getLogger(__name__)

# Requests a customer's side takes from the agents of one session in RATE_WINDOW_S: Refresh a
# few times a minute is plenty; past it, requests are refused without a question (once per
# window, then dropped unanswered), so a flooding console costs the customer nothing.
MAX_REQUESTS_PER_WINDOW = 6
RATE_WINDOW_S = 60.0
# Rows' bytes in one page (JSON): with the message's own fields it stays under a peer message
# (MAX_PEER_MESSAGE_BYTES); a row alone is at most 8 cells of 300 characters.
PAGE_BUDGET_BYTES = 12 * 1024
# All the text one collection may bring to the agent's side: the biggest real machines (5,000
# packages, 2,000 processes with long command lines) send 2-3 MiB; past this a modified client
# is filling the agent's memory and the collection stops.
MAX_REPORT_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Report:
    """What one collection brought: a table per category, in the order asked."""

    customer_id: str
    customer_name: str
    collected_at: float  # seconds since the epoch
    tables: tuple[tuple[Category, Table], ...]


@dataclass(frozen=True)
class SysinfoAsked:
    """Agent side: a collection was asked of a customer (the customer may be deciding)."""

    id: str
    customer_id: str


@dataclass(frozen=True)
class SysinfoArrived:
    id: str
    report: Report


@dataclass(frozen=True)
class SysinfoStopped:
    """Agent side: a collection ended with nothing to show; ``reason`` a ``Refusal`` or one
    of "broken" (the customer's side broke the rules: ``detail`` says how), "link_lost"."""

    id: str
    customer_id: str
    reason: str
    detail: str = ""


@dataclass
class _Collection:
    id: str
    customer_id: str
    categories: tuple[Category, ...]
    tables: dict[Category, Table] = field(default_factory=dict)
    finished: set[Category] = field(default_factory=set)
    received_bytes: int = 0


class Broken(ValueError):
    """A page that breaks the rules of the collection it names."""


class SysinfoFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = SYSINFO_MESSAGES

    def __init__(self, session: LiveSession, provider: SystemProvider | None = None) -> None:
        self.session = session
        self.provider = provider if provider is not None else for_this_machine()
        self.provider_timeout_s = PROVIDER_TIMEOUT_S
        self._ids = itertools.count(1)
        # Agent side: the collection running with each customer (one each).
        self.collections: dict[str, _Collection] = {}
        # Customer side: the request being served (one per session), and recent requests.
        self.serving: str | None = None
        self._recent: deque[float] = deque()
        self._flood_told = False
        session.add_feature(self)

    # --- the agent's side -------------------------------------------------------------------

    def request(self, customer_id: str, categories: tuple[Category, ...] = tuple(Category)) -> str:
        """Ask ``customer_id`` for ``categories``; a collection still running with them is
        dropped (its pages are ignored from now on). ConnectionError without a link."""
        me = self.session.engine.me
        customer = self.session.engine.participant(customer_id)
        if me is None or me.role == Role.CUSTOMER or customer is None or customer.is_agent:
            raise ValueError("system information is asked of a customer of this session")
        request_id = f"{me.id}-{secrets.token_hex(4)}-{next(self._ids)}"
        self.session.send_to(
            customer_id, SysinfoRequest(id=request_id, categories=list(categories))
        )
        self.collections[customer_id] = _Collection(request_id, customer_id, categories)
        self._audit("sysinfo.asked", customer=customer_id, request=request_id)
        self.session.engine.publish(SysinfoAsked(request_id, customer_id))
        return request_id

    def _page(self, remote_id: str, page: SysinfoPage) -> None:
        collection = self.collections.get(remote_id)
        if collection is None or collection.id != page.id:
            log.warning("dropped a system information page from %s: not asked", remote_id)
            return
        try:
            self._take(collection, page)
        except Broken as exc:
            self._stop(collection, "broken", str(exc))

    def _take(self, collection: _Collection, page: SysinfoPage) -> None:
        category = page.category
        if category not in collection.categories or category in collection.finished:
            raise Broken(f"{category} was not asked, or was already complete")
        columns = tuple(page.columns)
        table = collection.tables.get(category)
        if table is None:
            table = collection.tables[category] = Table(columns, [], page.failed)
        elif table.columns != columns or table.failed != page.failed:
            raise Broken(f"{category}: the pages disagree on their columns")
        if page.first != len(table.rows):
            raise Broken(f"{category}: a page out of order")
        if len(table.rows) + len(page.rows) > MAX_CATEGORY_ROWS:
            raise Broken(f"{category}: more than {MAX_CATEGORY_ROWS} rows")
        size = 0
        for row in page.rows:
            if len(row) != len(columns):
                raise Broken(f"{category}: a row without as many cells as columns")
            size += sum(len(cell.encode()) for cell in row)
        collection.received_bytes += size
        if collection.received_bytes > MAX_REPORT_BYTES:
            raise Broken(f"more than {MAX_REPORT_BYTES // (1024 * 1024)} MiB of text")
        table.rows.extend(tuple(row) for row in page.rows)
        if page.last:
            collection.finished.add(category)

    def _done(self, remote_id: str, done: SysinfoDone) -> None:
        collection = self.collections.get(remote_id)
        if collection is None or collection.id != done.id:
            return
        del self.collections[remote_id]
        tables = []
        for category in collection.categories:
            table = collection.tables.get(category)
            if table is None or category not in collection.finished:
                table = Table.failure("not sent by the customer's computer")
            tables.append((category, table))
        customer = self.session.engine.participant(remote_id)
        report = Report(remote_id, customer.name if customer else "", time.time(), tuple(tables))
        rows = sum(len(t.rows) for _, t in tables)
        self._audit("sysinfo.received", customer=remote_id, request=done.id, rows=str(rows))
        self.session.engine.publish(SysinfoArrived(done.id, report))

    def _refused(self, remote_id: str, refused: SysinfoRefused) -> None:
        collection = self.collections.get(remote_id)
        if collection is None or collection.id != refused.id:
            return
        reason = refused.reason if refused.reason in tuple(Refusal) else Refusal.FAILED
        self._stop(collection, str(reason))

    def _stop(self, collection: _Collection, reason: str, detail: str = "") -> None:
        if self.collections.get(collection.customer_id) is collection:
            del self.collections[collection.customer_id]
        if reason == "broken":
            log.warning("system information from %s: %s", collection.customer_id, detail)
        self._audit(
            "sysinfo.stopped",
            customer=collection.customer_id,
            request=collection.id,
            reason=reason,
            detail=detail,
        )
        self.session.engine.publish(
            SysinfoStopped(collection.id, collection.customer_id, reason, detail)
        )

    # --- the customer's side ----------------------------------------------------------------

    def _asked(self, remote_id: str, request: SysinfoRequest) -> None:
        me, asker = self.session.engine.me, self.session.engine.participant(remote_id)
        if me is None or asker is None or not asker.is_agent:
            self._refuse(remote_id, request.id, Refusal.NOT_ALLOWED)
            return
        now = self.session.clock.now()
        while self._recent and now - self._recent[0] > RATE_WINDOW_S:
            self._recent.popleft()
        if len(self._recent) >= MAX_REQUESTS_PER_WINDOW:
            if not self._flood_told:  # said once; the rest of the flood is dropped unanswered
                self._flood_told = True
                self._audit("sysinfo.flooded", agent=remote_id)
                self._refuse(remote_id, request.id, Refusal.TOO_OFTEN)
            return
        self._flood_told = False
        self._recent.append(now)
        if self.serving is not None:
            self._refuse(remote_id, request.id, Refusal.BUSY)
            return
        self.serving = request.id
        self.session.spawn(self._serve(remote_id, request))

    async def _serve(self, remote_id: str, request: SysinfoRequest) -> None:
        try:
            me, asker = self.session.engine.me, self.session.engine.participant(remote_id)
            assert me is not None and asker is not None
            answer = await self.session.consent.decide(
                ConsentRequest(
                    "system_info",
                    asker.name,
                    request.id,
                    PermissionKind.SYSTEM_INFO,
                    agent_id=remote_id,
                    customer_id=me.id,
                    feature=NAME,
                )
            )
            if not answer.granted:
                why = Refusal.NOT_ALLOWED if answer.why == NOT_PRIMARY_AGENT else Refusal.DECLINED
                self._refuse(remote_id, request.id, why)
                return
            categories = tuple(dict.fromkeys(request.categories))  # each once
            tables = await collect(self.provider, categories, self.provider_timeout_s)
            with contextlib.suppress(ConnectionError):
                for category, table in tables.items():
                    await self._send_table(remote_id, request.id, category, table)
                self.session.send_to(remote_id, SysinfoDone(id=request.id))
                self._audit(
                    "sysinfo.sent",
                    agent=remote_id,
                    request=request.id,
                    categories=",".join(categories),
                )
        finally:
            self.serving = None

    async def _send_table(
        self, remote_id: str, request_id: str, category: Category, table: Table
    ) -> None:
        """The table in pages that each fit a peer message, waiting for room between them
        so that a long list never sits in front of the session's clicks and keys."""
        first, page, size = 0, list[list[str]](), 0
        rows = table.rows
        for index, row in enumerate(rows):
            row_size = len(json.dumps(row, ensure_ascii=False).encode()) + 1
            if page and size + row_size > PAGE_BUDGET_BYTES:
                await self._send_page(remote_id, request_id, category, table, first, page, False)
                first, page, size = index, [], 0
            page.append(list(row))
            size += row_size
        await self._send_page(remote_id, request_id, category, table, first, page, True)

    async def _send_page(
        self,
        remote_id: str,
        request_id: str,
        category: Category,
        table: Table,
        first: int,
        rows: list[list[str]],
        last: bool,
    ) -> None:
        await self.session.channel(remote_id, ChannelName.CONTROL).drain()
        self.session.send_to(
            remote_id,
            SysinfoPage(
                id=request_id,
                category=category,
                columns=list(table.columns),
                first=first,
                rows=rows,
                last=last,
                failed=table.failed,
            ),
        )

    def _refuse(self, remote_id: str, request_id: str, why: Refusal) -> None:
        self._audit("sysinfo.refused", agent=remote_id, request=request_id, reason=str(why))
        with contextlib.suppress(ConnectionError):
            self.session.send_to(remote_id, SysinfoRefused(id=request_id, reason=str(why)))

    # --- the session's hooks ----------------------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        me = self.session.engine.me
        customer_side = me is not None and me.role == Role.CUSTOMER
        match message:
            case SysinfoRequest() if customer_side:
                self._asked(remote_id, message)
            case SysinfoPage() if not customer_side:
                self._page(remote_id, message)
            case SysinfoDone() if not customer_side:
                self._done(remote_id, message)
            case SysinfoRefused() if not customer_side:
                self._refused(remote_id, message)
            case _:
                log.warning("dropped %s from %s: not theirs to send", message.type, remote_id)

    def on_link_down(self, remote_id: str) -> None:
        collection = self.collections.get(remote_id)
        if collection is not None:
            self._stop(collection, "link_lost")

    async def on_close(self) -> None:
        self.collections.clear()

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        collection = self.collections.get(remote_id)
        if collection is not None:
            self._stop(collection, "broken", f"{type(error).__name__}")
        if isinstance(message, SysinfoRequest) and self.serving == message.id:
            self.serving = None

    def _audit(self, kind: str, **detail: str) -> None:
        me = self.session.engine.me
        self.session.engine.audit.record(kind, me.id if me is not None else "", **detail)


__all__ = ["Column", "Report", "SysinfoArrived", "SysinfoAsked", "SysinfoFeature", "SysinfoStopped"]
