"""Every file of a bundle is in the support center's record of the session: a folder of many small
files with long Unicode names goes between two real sessions (a real center, aiortc on loopback),
and the record read over the center's API names each file with its size and SHA-256, with who
asked and who allowed, in both sides' notes. A hostile peer's lines are refused when out of
bounds, and past a socket's budget the record keeps its notes without them."""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from shared.features.files.model import Stage
from shared.protocol.limits import MAX_AUDIT_LINE_CHARS, MAX_AUDIT_LINES
from shared.protocol.messages import AuditNote, ErrorMessage
from support_center.hub import LINES_DROPPED, MAX_AUDIT_LINE_BYTES_PER_SOCKET
from tests.files.test_transfer import Pair, real
from tests.helpers import AGENT_NAME, AGENT_USER, CenterFixture, wait_for
from tests.integration.support import answer, api, assert_center_serves
from tests.integration.test_center_attacks import joined_pair, send, still_answers, token_of

__all__ = ["real"]

FILES = 150


def _name(n: int) -> str:
    """A long name of several scripts (~100 characters, ~190 bytes in UTF-8)."""
    return f"Compte rendu de l'été {n:03d} — 日本語のファイル名 Ωμέγα ✓ {'é' * 40}.txt"


def _files(lines: list[str]) -> set[tuple[str, int, str]]:
    """(SHA-256, size, name) of each line "sha256 size name outcome"."""
    found = set()
    for line in lines:
        sha, size, rest = line.split(" ", 2)
        found.add((sha, int(size), rest.rsplit(" ", 1)[0]))
    return found


def _peer_notes(center: CenterFixture, number: int, kind: str) -> list[dict[str, Any]]:
    return [e for e in center.running.store.audit_events(number) if e["kind"] == "peer." + kind]


async def test_every_file_of_a_bundled_folder_is_in_the_centers_record_on_both_sides(
    real: Pair, center: CenterFixture, tmp_path: Path
) -> None:
    source = tmp_path / "agent" / "Dossier été — 報告書"
    source.mkdir(parents=True)
    expected = set()
    for n in range(FILES):
        data = os.urandom(100 + n)
        (source / _name(n)).write_bytes(data)
        expected.add((hashlib.sha256(data).hexdigest(), len(data), f"{source.name}/{_name(n)}"))

    group = await real.agent_files.trees.send_paths(real.customer_id, [source])
    await real.until(lambda: group.stage in (Stage.DONE, Stage.FAILED, Stage.ABORTED), "folder")
    assert group.stage == Stage.DONE and group.done == FILES

    number = real.agent.engine.number
    assert number is not None
    kinds = ("files.bundle_sent", "files.bundle_received")

    def recorded() -> bool:
        return all(
            len(_files([ln for e in _peer_notes(center, number, k) for ln in e["lines"]])) == FILES
            for k in kinds
        )

    await wait_for(recorded, what="every file's line in the center's record")

    # The record as an agent reads it, over the center's API.
    status, body = await api(
        center, "GET", f"/api/sessions/{number}", token=await token_of(center, AGENT_USER)
    )
    assert status == 200, body
    for kind, actor in (("files.bundle_sent", AGENT_NAME), ("files.bundle_received", "Grace")):
        notes = [e for e in body["audit"] if e["kind"] == "peer." + kind]
        assert len(notes) > 1  # a few bundles: one note each, not one per file
        assert _files([line for e in notes for line in e["lines"]]) == expected
        for note in notes:
            assert note["actor"] == actor
            assert note["detail"]["asked_by"] == real.agent_id
            assert note["detail"]["allowed_by"] == real.customer_id
    received = [e for e in body["audit"] if e["kind"] == "peer.files.bundle_received"]
    assert all(line.endswith(" done") for e in received for line in e["lines"])


def _raw_note(lines: object) -> str:
    note = {"v": 1, "type": "audit", "kind": "files.bundle_sent", "lines": lines}
    return json.dumps(note, ensure_ascii=False)


async def test_a_peers_lines_out_of_bounds_are_refused_and_past_its_budget_dropped(
    center: CenterFixture,
) -> None:
    line = f"{'a' * 64} 1 " + "x" * 900  # ~1 KB: 60 of them fill a message (64 KiB)
    per_note = 60
    full = send(AuditNote(kind="files.bundle_sent", lines=[line] * per_note))
    notes = MAX_AUDIT_LINE_BYTES_PER_SOCKET // (len(line) * per_note) + 3
    async with AsyncExitStack() as stack:
        _, _, grace, welcome = await joined_pair(center, stack)
        for bad, code in (
            (_raw_note(["x"] * (MAX_AUDIT_LINES + 1)), "invalid"),
            (_raw_note(["x" * (MAX_AUDIT_LINE_CHARS + 1)]), "invalid"),
            (_raw_note(["one\nline too many"]), "invalid"),
            # 72 KB: over a signaling message, under the frame size that closes a socket
            (_raw_note(["é" * MAX_AUDIT_LINE_CHARS] * 30), "too_large"),
        ):
            await grace.send_str(bad)
            refused = await answer(grace)
            assert isinstance(refused, ErrorMessage) and refused.code == code, refused
        await still_answers(grace)
        assert _peer_notes(center, welcome.session, "files.bundle_sent") == []

        forged = send(
            AuditNote(kind="files.bundle_sent", detail={LINES_DROPPED: "0"}, lines=[line])
        )
        for _ in range(notes):
            await grace.send_str(full)
        await grace.send_str(forged)
        await still_answers(grace)  # every note before this was handled

    recorded = _peer_notes(center, welcome.session, "files.bundle_sent")
    assert len(recorded) == notes + 1  # every note is kept: only lines past the budget go
    kept = sum(len(ln.encode()) for e in recorded for ln in e["lines"])
    assert MAX_AUDIT_LINE_BYTES_PER_SOCKET - len(line) < kept <= MAX_AUDIT_LINE_BYTES_PER_SOCKET
    assert recorded[0]["lines"] == [line] * per_note
    assert LINES_DROPPED not in recorded[0]["detail"]
    assert recorded[-2]["lines"] == [] and recorded[-2]["detail"][LINES_DROPPED] == str(per_note)
    # Once spent, the budget takes no line, and a peer's own "dropped" count is not kept.
    assert recorded[-1]["lines"] == [] and recorded[-1]["detail"][LINES_DROPPED] == "1"
    await assert_center_serves(center)
