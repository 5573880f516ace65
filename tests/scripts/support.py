"""Helpers for the script tests: a library at a real center, and a session with scripts on it."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path

from csr_console.services.agent_session import AgentAccount, sign_in
from shared.features.scripts.engine import ScriptsEvent, ScriptsFeature, ScriptToRun, meta_for
from shared.features.scripts.library import fetch_files, save_script
from shared.protocol.scripts import ScriptFile, ScriptSummary, ScriptUpload
from shared.session.consent import ConsentAnswer, ConsentRequest
from shared.session.live import LiveSession
from support_center.scripts.records import add_category
from tests.helpers import _PASSWORD_HASH, AGENT_PASSWORD, CenterFixture

CATEGORY = "Diagnostics"


def upload(
    name: str,
    executable: bytes,
    input_data: bytes | None = None,
    *,
    published: bool = True,
    category: str = CATEGORY,
) -> ScriptUpload:
    return ScriptUpload(
        name=name,
        category=category,
        description=f"{name}, for the tests",
        published=published,
        executable=ScriptFile(name=f"{name}.sh", data=base64.b64encode(executable).decode()),
        input=(
            ScriptFile(name="input.txt", data=base64.b64encode(input_data).decode())
            if input_data is not None
            else None
        ),
    )


def with_category(center: CenterFixture) -> None:
    add_category(center.running.store, CATEGORY)


async def second_agent(center: CenterFixture, username: str = "grace") -> AgentAccount:
    """Another agent of the site, signed in."""
    if center.running.store.agent_by_username(username) is None:
        center.running.store.add_agent(username, username.title(), _PASSWORD_HASH)
    return await sign_in(center.link(), username, AGENT_PASSWORD)


async def add_script(
    center: CenterFixture, account: AgentAccount, script: ScriptUpload
) -> ScriptSummary:
    link = center.link()
    try:
        return await save_script(link, account.token, script)
    finally:
        await link.close()


async def to_run(
    center: CenterFixture, account: AgentAccount, script: ScriptSummary
) -> ScriptToRun:
    """The script as the agent's console sends it: its files fetched from the library."""
    link = center.link()
    try:
        files = await fetch_files(link, account.token, script)
    finally:
        await link.close()
    return ScriptToRun(meta_for(script.id, script.name, files), files.executable, files.input)


@dataclass
class Events:
    """What the agent's side published of its runs."""

    seen: list[ScriptsEvent] = field(default_factory=list)

    def __call__(self, event: object) -> None:
        if isinstance(event, ScriptsEvent):
            self.seen.append(event)

    def kinds(self) -> list[str]:
        return [e.kind for e in self.seen]

    def of(self, kind: str) -> list[ScriptsEvent]:
        return [e for e in self.seen if e.kind == kind]

    def output(self, index: int, stream: str = "stdout") -> str:
        return "".join(e.text for e in self.of("output") if e.index == index and e.stream == stream)


def scripts_on(session: LiveSession) -> ScriptsFeature:
    part = session.part("scripts", ScriptsFeature)
    return part if part is not None else ScriptsFeature(session)


class Asked:
    """The customer's answer, and what they were asked."""

    def __init__(self, granted: bool) -> None:
        self.granted = granted
        self.requests: list[ConsentRequest] = []

    async def __call__(self, request: ConsentRequest) -> ConsentAnswer:
        self.requests.append(request)
        return ConsentAnswer(granted=self.granted)


def alive(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped (one that goes while its
    entry is read is gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z"
