"""Running library scripts in a session, on both sides.

The agent's side offers a run and, once the customer allowed it, sends the files in pieces;
it hears the output and each script's end, and publishes them for the views (the chat shows
them). The customer's side decides everything else, whatever the console sends:

- only the agent in charge may offer a run, and one run at a time;
- the client asks the center itself what the library holds for each script (its SHA-256),
  proving it is in the session with its seat's resume token, and refuses the run when the
  console's hashes differ, before the customer is asked;
- the customer is asked every time (scripts are in ``ALWAYS_ASKS``), seeing each script's name
  and SHA-256;
- each file that arrives is hashed again: a script whose bytes are not the center's is refused
  and does not run;
- the scripts run one after another (``runner.run_script``): a temporary folder each, a time
  limit, output paced and cut past a limit, nothing left behind; each is audited with its
  SHA-256, its end and what it printed (the session's record at the center keeps it).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from shared.features.scripts.protocol import (
    NAME,
    PIECE_BYTES,
    SCRIPT_MESSAGES,
    ScriptFinished,
    ScriptMeta,
    ScriptOutput,
    ScriptPiece,
    ScriptsAccepted,
    ScriptsDone,
    ScriptsOffer,
    ScriptsRefused,
)
from shared.features.scripts.runner import (
    MAX_OUTPUT_CHARS,
    SCRIPT_TIME_LIMIT_S,
    RunResult,
    ScriptFiles,
    run_script,
)
from shared.protocol.messages import PeerMessage, Role
from shared.protocol.scripts import HashesAsked, ScriptHash, ScriptHashes
from shared.session.consent import ConsentRequest, PermissionKind
from shared.session.launcher import Launcher
from shared.session.live import LiveSession
from shared.transport.center_link import CenterError
from shared.transport.channels import ChannelName

log = logging.getLogger(__name__)

# How long the customer's side waits for the files once it accepted: a few MB over a slow
# link; a console that never sends them does not hold the run (and the next) forever.
FILES_TIMEOUT_S = 300.0
# Lines of a script's output kept in its audit entry (the session's record at the center).
MAX_AUDIT_OUTPUT_LINES = 200

# Why a run was refused (ScriptsRefused.code), said by the agent's views.
DECLINED = "declined"
HASH_MISMATCH = "hash_mismatch"
CENTER_UNREACHABLE = "center_unreachable"
BUSY = "busy"
NOT_PRIMARY = "not_primary_agent"
# The run-as account logged on or off while the customer was asked: they agreed to another one.
ACCOUNT_CHANGED = "account_changed"
# Why a run ended early (ScriptsDone.code): the customer pressed Stop.
STOPPED_BY_CUSTOMER = "stopped_by_customer"


@dataclass(frozen=True)
class ScriptsEvent:
    """Something of a run, for the views: ``kind`` is offered, refused, accepted, output,
    finished or done (the other fields as each needs)."""

    run_id: str
    kind: str
    customer_id: str = ""
    index: int = -1
    name: str = ""
    text: str = ""
    stream: str = ""
    outcome: str = ""
    exit_status: int | None = None
    truncated: bool = False
    code: str = ""
    sha256: str = ""


@dataclass(frozen=True)
class ScriptToRun:
    """Agent side: one script of a run, its bytes as the console fetched them."""

    meta: ScriptMeta
    executable: bytes
    input: bytes | None = None


@dataclass
class _Outgoing:
    customer_id: str
    scripts: list[ScriptToRun]
    sending: asyncio.Task[None] | None = None


@dataclass
class _Incoming:
    agent_id: str
    offer: ScriptsOffer
    center: dict[int, ScriptHash]
    accepted: bool = False
    files: dict[tuple[int, str], bytearray] = field(default_factory=dict)
    complete: asyncio.Event = field(default_factory=asyncio.Event)
    broken: str = ""
    stopped: bool = False  # the customer pressed Stop


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def meta_for(script_id: int, name: str, files: ScriptFiles) -> ScriptMeta:
    """The offer's line for a script with these files."""
    return ScriptMeta(
        id=script_id,
        name=name,
        executable_name=files.executable_name,
        executable_size=len(files.executable),
        executable_sha256=sha256(files.executable),
        input_name=files.input_name if files.input is not None else None,
        input_size=len(files.input or b""),
        input_sha256=sha256(files.input) if files.input is not None else None,
    )


class ScriptsFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = SCRIPT_MESSAGES

    def __init__(self, session: LiveSession) -> None:
        self.session = session
        # Customer side: what the runner gets (tests make both small).
        self.time_limit_s = SCRIPT_TIME_LIMIT_S
        self.max_output_chars = MAX_OUTPUT_CHARS
        self.temp_parent: Path | None = None
        self._outgoing: dict[str, _Outgoing] = {}
        self._incoming: _Incoming | None = None
        self._run: asyncio.Task[None] | None = None
        # Customer side: the runs being asked about, for the consent question's text, and the
        # account each would run as ("": the customer's own).
        self.asking: dict[str, ScriptsOffer] = {}
        self.asking_as: dict[str, str] = {}
        session.add_feature(self)

    # --- the agent's side -----------------------------------------------------------------------

    def offer(self, customer_id: str, scripts: list[ScriptToRun]) -> str:
        """Ask ``customer_id`` to run ``scripts`` in this order; the run's id."""
        if not scripts:
            raise ValueError("no scripts to run")
        run_id = secrets.token_hex(8)
        offer = ScriptsOffer(run_id=run_id, scripts=[s.meta for s in scripts])
        self.session.send_to(customer_id, offer)
        self._outgoing[run_id] = _Outgoing(customer_id, scripts)
        self._audit("scripts.offered", run=run_id, customer=customer_id, count=str(len(scripts)))
        self._publish(ScriptsEvent(run_id, "offered", customer_id))
        return run_id

    async def _send_files(self, run_id: str, run: _Outgoing) -> None:
        """Every file of the run in pieces, on the control channel, waiting for room so that
        the chat and the rest of the session are never queued behind a megabyte."""
        try:
            channel = self.session.channel(run.customer_id, ChannelName.CONTROL)
            for index, script in enumerate(run.scripts):
                parts = [("executable", script.executable)]
                if script.input is not None:
                    parts.append(("input", script.input))
                for part, data in parts:
                    for offset in range(0, len(data), PIECE_BYTES):
                        await channel.drain()
                        piece = base64.b64encode(data[offset : offset + PIECE_BYTES]).decode()
                        self.session.send_to(
                            run.customer_id,
                            ScriptPiece(
                                run_id=run_id, index=index, part=part, offset=offset, data=piece
                            ),
                        )
        except ConnectionError:
            log.info("scripts run %s: the link went while its files were sent", run_id)

    def _agent_message(self, remote_id: str, message: PeerMessage) -> None:
        run_id = getattr(message, "run_id", "")
        run = self._outgoing.get(run_id)
        if run is None or run.customer_id != remote_id:
            log.warning("dropped %s from %s: no such run of ours", message.type, remote_id)
            return
        names = [s.meta.name for s in run.scripts]
        match message:
            case ScriptsAccepted():
                if run.sending is None:
                    run.sending = asyncio.ensure_future(self._send_files(run_id, run))
                self._publish(ScriptsEvent(run_id, "accepted", remote_id))
            case ScriptsRefused():
                self._outgoing.pop(run_id, None)
                self._publish(ScriptsEvent(run_id, "refused", remote_id, code=message.code))
            case ScriptOutput() if message.index < len(names):
                self._publish(
                    ScriptsEvent(
                        run_id,
                        "output",
                        remote_id,
                        message.index,
                        names[message.index],
                        text=message.text,
                        stream=message.stream,
                    )
                )
            case ScriptFinished() if message.index < len(names):
                self._publish(
                    ScriptsEvent(
                        run_id,
                        "finished",
                        remote_id,
                        message.index,
                        names[message.index],
                        outcome=message.outcome,
                        exit_status=message.exit_status,
                        truncated=message.truncated,
                        sha256=run.scripts[message.index].meta.executable_sha256,
                    )
                )
            case ScriptsDone():
                self._outgoing.pop(run_id, None)
                self._publish(
                    ScriptsEvent(
                        run_id, "done", remote_id, truncated=message.stopped, code=message.code
                    )
                )
            case _:
                log.warning("dropped %s from %s: not theirs to send", message.type, remote_id)

    # --- the customer's side --------------------------------------------------------------------

    def _customer_message(self, remote_id: str, message: PeerMessage) -> None:
        match message:
            case ScriptsOffer():
                self._offered(remote_id, message)
            case ScriptPiece():
                self._piece(remote_id, message)
            case _:
                log.warning("dropped %s from %s: not theirs to send", message.type, remote_id)

    def _offered(self, remote_id: str, offer: ScriptsOffer) -> None:
        if self.session.engine.role_of(remote_id) != Role.PRIMARY_AGENT:
            # The consent gate would refuse too; said before the center is asked anything.
            self._refuse(remote_id, offer, NOT_PRIMARY)
            return
        if self._run is not None and not self._run.done():
            self._refuse(remote_id, offer, BUSY)
            return
        self._run = asyncio.ensure_future(self._handle(remote_id, offer))

    async def _handle(self, agent_id: str, offer: ScriptsOffer) -> None:
        try:
            center = await self._center_hashes([s.id for s in offer.scripts])
        except (CenterError, ValidationError) as exc:
            log.warning("scripts run %s: no hashes from the center: %s", offer.run_id, exc)
            self._refuse(agent_id, offer, CENTER_UNREACHABLE)
            return
        differ = [s for s in offer.scripts if not _same(s, center.get(s.id))]
        if differ:
            self._refuse(agent_id, offer, HASH_MISMATCH, differ)
            return
        run = self._incoming = _Incoming(agent_id, offer, center)
        # As whom the scripts run: the run-as account logged on now, or the customer's user.
        launcher = self.session.launcher
        account = launcher.account if launcher is not None else ""
        try:
            if not await self._ask(agent_id, offer, account):
                self._refuse(agent_id, offer, DECLINED)
                return
            if self.session.launcher is not launcher:
                self._refuse(agent_id, offer, ACCOUNT_CHANGED)
                return
            run.accepted = True
            self._audit("scripts.accepted", run=offer.run_id, agent=agent_id, account=account)
            self._send(agent_id, ScriptsAccepted(run_id=offer.run_id))
            self._publish(ScriptsEvent(offer.run_id, "started", agent_id, text=account))
            await self._accepted(run, launcher)
        finally:
            self._incoming = None
            if run.accepted:
                self._publish(ScriptsEvent(offer.run_id, "ended", agent_id))

    async def _accepted(self, run: _Incoming, launcher: Launcher | None) -> None:
        offer, agent_id = run.offer, run.agent_id
        try:
            if not offer.scripts or all(
                s.executable_size == 0 and s.input_size == 0 for s in offer.scripts
            ):
                run.complete.set()
            try:
                await asyncio.wait_for(run.complete.wait(), FILES_TIMEOUT_S)
            except TimeoutError:
                run.broken = "the files did not arrive in time"
            if run.broken:
                self._audit("scripts.stopped", run=offer.run_id, agent=agent_id, reason=run.broken)
                self._send(agent_id, ScriptsDone(run_id=offer.run_id, stopped=True))
                return
            await self._run_all(run, launcher)
        except asyncio.CancelledError:
            if not run.stopped:
                raise  # the session ends
            # The customer's Stop: the running script's group is killed (the runner), the
            # rest do not start.
            self._audit(
                "scripts.stopped", run=offer.run_id, agent=agent_id, reason=STOPPED_BY_CUSTOMER
            )
            self._send(
                agent_id,
                ScriptsDone(run_id=offer.run_id, stopped=True, code=STOPPED_BY_CUSTOMER),
            )

    def stop(self) -> None:
        """Customer side, the customer's Stop: the running script and what it started are
        killed at once, the rest do not start, the agent is told."""
        run, task = self._incoming, self._run
        if run is None or not run.accepted or task is None or task.done():
            return
        run.stopped = True
        task.cancel()

    async def _center_hashes(self, ids: list[int]) -> dict[int, ScriptHash]:
        """What the library holds for these scripts, asked of the center by this seat."""
        me, number = self.session.engine.me, self.session.engine.number
        token = self.session.resume_token
        if me is None or number is None or token is None:
            raise CenterError("not_connected", "Not in a session.")
        asked = HashesAsked(participant_id=me.id, resume_token=token, ids=ids)
        data = await self.session.center.call(
            "POST", f"/api/sessions/{number}/script-hashes", asked.model_dump()
        )
        return {h.id: h for h in ScriptHashes.model_validate(data).hashes}

    async def _ask(self, agent_id: str, offer: ScriptsOffer, account: str) -> bool:
        me = self.session.engine.me
        agent = self.session.engine.participant(agent_id)
        self.asking[offer.run_id] = offer
        self.asking_as[offer.run_id] = account
        try:
            answer = await self.session.consent.decide(
                ConsentRequest(
                    "run_scripts",
                    agent.name if agent is not None else "",
                    offer.run_id,
                    PermissionKind.SCRIPTS,
                    agent_id=agent_id,
                    customer_id=me.id if me is not None else "",
                    feature=NAME,
                )
            )
        finally:
            self.asking.pop(offer.run_id, None)
            self.asking_as.pop(offer.run_id, None)
        return answer.granted

    def _piece(self, remote_id: str, piece: ScriptPiece) -> None:
        run = self._incoming
        if run is None or not run.accepted or run.offer.run_id != piece.run_id:
            log.warning("dropped a script piece from %s: no run accepted", remote_id)
            return
        if run.agent_id != remote_id or run.broken or run.complete.is_set():
            return
        scripts = run.offer.scripts
        if piece.index >= len(scripts):
            self._break(run, "a piece of a script not in the run")
            return
        meta = scripts[piece.index]
        size = meta.executable_size if piece.part == "executable" else meta.input_size
        if piece.part == "input" and meta.input_name is None:
            self._break(run, "an input file the script does not have")
            return
        buffer = run.files.setdefault((piece.index, piece.part), bytearray())
        try:
            data = base64.b64decode(piece.data, validate=True)
        except (binascii.Error, ValueError):
            self._break(run, "a piece that is not base64")
            return
        if piece.offset != len(buffer) or len(buffer) + len(data) > size:
            self._break(run, "a piece out of place or past the file's size")
            return
        buffer += data
        if all(
            len(run.files.get((i, part), b"")) == size
            for i, s in enumerate(scripts)
            for part, size in _parts(s)
        ):
            run.complete.set()

    def _break(self, run: _Incoming, why: str) -> None:
        log.warning("scripts run %s: %s", run.offer.run_id, why)
        run.broken = why
        run.complete.set()

    async def _run_all(self, run: _Incoming, launcher: Launcher | None) -> None:
        offer, agent_id = run.offer, run.agent_id
        account = launcher.account if launcher is not None else ""
        for index, meta in enumerate(offer.scripts):
            executable = bytes(run.files.get((index, "executable"), b""))
            given_input = run.files.get((index, "input"))
            center = run.center[meta.id]
            input_bytes = bytes(given_input) if given_input is not None else None
            same = hmac.compare_digest(sha256(executable), center.executable_sha256) and (
                (input_bytes is None and center.input_sha256 is None)
                or (
                    input_bytes is not None
                    and center.input_sha256 is not None
                    and hmac.compare_digest(sha256(input_bytes), center.input_sha256)
                )
            )
            if not same:
                self._audit(
                    "scripts.refused",
                    run=offer.run_id,
                    agent=agent_id,
                    script=meta.name,
                    digest=sha256(executable),  # (the record's keys are letters only)
                    expected=center.executable_sha256,
                    reason=HASH_MISMATCH,
                )
                self._send(
                    agent_id, ScriptFinished(run_id=offer.run_id, index=index, outcome="refused")
                )
                continue
            files = ScriptFiles(meta.executable_name, executable, meta.input_name, input_bytes)
            self._publish(ScriptsEvent(offer.run_id, "running", index=index, name=meta.name))
            result = await self._run_one(offer.run_id, agent_id, index, files, launcher)
            self._publish(
                ScriptsEvent(
                    offer.run_id,
                    "finished",
                    index=index,
                    name=meta.name,
                    outcome=result.outcome,
                    exit_status=result.exit_status,
                    truncated=result.truncated,
                    sha256=center.executable_sha256,
                )
            )
            self._audit(
                "scripts.ran",
                run=offer.run_id,
                agent=agent_id,
                script=meta.name,
                digest=center.executable_sha256,  # SHA-256 (the record's keys are letters)
                input_digest=center.input_sha256 or "",
                account=account,
                outcome=result.outcome,
                exit=str(result.exit_status) if result.exit_status is not None else "",
                truncated="yes" if result.truncated else "no",
                lines=result.output.splitlines()[:MAX_AUDIT_OUTPUT_LINES],
            )
            self._send(
                agent_id,
                ScriptFinished(
                    run_id=offer.run_id,
                    index=index,
                    outcome=result.outcome,
                    exit_status=result.exit_status,
                    truncated=result.truncated,
                ),
            )
        self._send(agent_id, ScriptsDone(run_id=offer.run_id))

    async def _run_one(
        self,
        run_id: str,
        agent_id: str,
        index: int,
        files: ScriptFiles,
        launcher: Launcher | None,
    ) -> RunResult:
        async def emit(stream: str, text: str) -> None:
            self._send(
                agent_id,
                ScriptOutput(run_id=run_id, index=index, stream=stream, text=text),
            )

        return await run_script(
            files,
            emit,
            time_limit_s=self.time_limit_s,
            max_output_chars=self.max_output_chars,
            parent=self.temp_parent,
            launcher=launcher,
        )

    def _refuse(
        self, agent_id: str, offer: ScriptsOffer, code: str, which: list[ScriptMeta] | None = None
    ) -> None:
        self._audit(
            "scripts.refused",
            run=offer.run_id,
            agent=agent_id,
            reason=code,
            lines=[f"{s.executable_sha256} {s.name}" for s in (which or offer.scripts)],
        )
        self._send(agent_id, ScriptsRefused(run_id=offer.run_id, code=code))

    # --- both ---------------------------------------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        me = self.session.engine.me
        if me is None:
            return
        if me.role == Role.CUSTOMER:
            self._customer_message(remote_id, message)
        else:
            self._agent_message(remote_id, message)

    def on_link_down(self, remote_id: str) -> None:
        """Agent side: a run whose files were on their way to them stops sending (the
        customer's side stops waiting at its limit). A running script goes on to its end."""
        for run in self._outgoing.values():
            if run.customer_id == remote_id and run.sending is not None:
                run.sending.cancel()

    async def on_close(self) -> None:
        for run in self._outgoing.values():
            if run.sending is not None:
                run.sending.cancel()
        self._outgoing.clear()
        if self._run is not None:
            # The script is killed and its folder removed (the runner's finally).
            self._run.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._run

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        log.warning("scripts: %s from %s failed: %s", message.type, remote_id, error)

    def _send(self, remote_id: str, message: PeerMessage) -> None:
        with contextlib.suppress(ConnectionError):
            self.session.send_to(remote_id, message)

    def _publish(self, event: ScriptsEvent) -> None:
        self.session.engine.publish(event)

    def _audit(self, kind: str, *, lines: list[str] | None = None, **detail: str) -> None:
        me = self.session.engine.me
        self.session.engine.audit.record(kind, me.id if me else "", lines=lines or (), **detail)


def _parts(meta: ScriptMeta) -> list[tuple[str, int]]:
    parts = [("executable", meta.executable_size)]
    if meta.input_name is not None:
        parts.append(("input", meta.input_size))
    return parts


def _same(meta: ScriptMeta, center: ScriptHash | None) -> bool:
    """The console's hashes are the center's (an unknown script is never the same)."""
    if center is None:
        return False
    return hmac.compare_digest(meta.executable_sha256, center.executable_sha256) and (
        meta.input_sha256 or ""
    ) == (center.input_sha256 or "")
