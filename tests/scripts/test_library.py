"""The script library at a real center on loopback: what agents may add, edit and delete, the
limits said with their reasons, the hashes only a session's participants may ask for, and the
administrator's categories command."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import pytest

from shared.features.scripts.library import delete_script, load_library, save_script
from shared.protocol.scripts import MAX_SCRIPT_FILE_BYTES, ScriptFile
from shared.transport.center_link import CenterError
from support_center.scripts.records import audit_trail
from tests.helpers import CenterFixture
from tests.integration.support import api, connected_session
from tests.scripts.support import CATEGORY, add_script, second_agent, upload, with_category


async def test_an_agent_adds_edits_and_deletes_their_script(center: CenterFixture) -> None:
    with_category(center)
    agent, account = await center.agent()
    try:
        added = await add_script(center, account, upload("disk", b"df -h\n", b"list"))
        assert added.mine and added.input_name == "input.txt" and added.input_size == 4
        link = center.link()
        edited = await save_script(
            link,
            account.token,
            upload("disk usage", b"df -h /\n").model_copy(update={"input": None}),
            added.id,
        )
        assert edited.name == "disk usage" and edited.input_name == "input.txt"  # input kept
        assert edited.executable_sha256 != added.executable_sha256
        library = await load_library(link, account.token)
        assert [s.name for s in library.scripts] == ["disk usage"]
        assert library.categories == [CATEGORY]
        await delete_script(link, account.token, added.id)
        assert (await load_library(link, account.token)).scripts == []
        await link.close()
        kinds = [entry["kind"] for entry in audit_trail(center.running.store)]
        assert kinds == ["category.added", "script.added", "script.edited", "script.deleted"]
    finally:
        await agent.close()


async def test_a_file_over_1_mb_is_refused_saying_the_limit(center: CenterFixture) -> None:
    with_category(center)
    agent, account = await center.agent()
    big = b"x" * (MAX_SCRIPT_FILE_BYTES + 1)
    try:
        with pytest.raises(CenterError) as refused:
            await add_script(center, account, upload("big", big))
        assert refused.value.code == "too_large"
        assert "1 MB" in str(refused.value)
        with pytest.raises(CenterError) as refused:
            await add_script(center, account, upload("big input", b"true\n", big))
        assert "input file" in str(refused.value) and "1 MB" in str(refused.value)
        # Exactly 1 MB goes.
        await add_script(center, account, upload("just fits", b"#" * MAX_SCRIPT_FILE_BYTES))
    finally:
        await agent.close()


async def test_a_duplicate_name_is_refused(center: CenterFixture) -> None:
    with_category(center)
    agent, account = await center.agent()
    try:
        await add_script(center, account, upload("Cleanup", b"true\n"))
        with pytest.raises(CenterError) as refused:
            await add_script(center, account, upload("cleanup", b"false\n"))
        assert refused.value.code == "duplicate"
        assert "already a script named cleanup" in str(refused.value)
    finally:
        await agent.close()


async def test_a_missing_input_file_or_category_is_refused(center: CenterFixture) -> None:
    with_category(center)
    agent, account = await center.agent()
    try:
        body = upload("needs input", b"cat input.txt\n").model_dump()
        body["input"] = {"name": "input.txt"}  # named, without its bytes
        status, answer = await api(center, "POST", "/api/scripts", token=account.token, json=body)
        assert status == 400 and "input" in answer["reason"]
        with pytest.raises(CenterError) as refused:
            await add_script(center, account, upload("nowhere", b"true\n", category="Nope"))
        assert refused.value.code == "unknown_category"
        no_file = upload("no file", b"true\n").model_copy(update={"executable": None})
        with pytest.raises(CenterError) as refused:
            await add_script(center, account, no_file)
        assert refused.value.code == "no_executable"
    finally:
        await agent.close()


async def test_only_the_owner_edits_or_deletes_and_private_scripts_stay_private(
    center: CenterFixture,
) -> None:
    with_category(center)
    agent, ada = await center.agent()
    grace = await second_agent(center)
    try:
        shared = await add_script(center, ada, upload("shared", b"true\n", published=True))
        private = await add_script(center, ada, upload("private", b"true\n", published=False))
        link = center.link()
        seen = await load_library(link, grace.token)
        assert [(s.name, s.mine) for s in seen.scripts] == [("shared", False)]
        with pytest.raises(CenterError) as refused:
            await delete_script(link, grace.token, shared.id)
        assert refused.value.code == "not_yours"
        assert "only the scripts you added" in str(refused.value)
        with pytest.raises(CenterError) as refused:
            await save_script(link, grace.token, upload("mine now", b"rm -rf ~\n"), shared.id)
        assert refused.value.code == "not_yours"
        with pytest.raises(CenterError) as refused:
            await delete_script(link, grace.token, private.id)
        assert refused.value.code == "no_such_script"  # another's private one is as unknown
        status, _ = await api(
            center, "GET", f"/api/scripts/{private.id}/content", token=grace.token
        )
        assert status == 404
        still = await load_library(link, ada.token)
        assert {s.name for s in still.scripts} == {"shared", "private"}
        await link.close()
    finally:
        await agent.close()


async def test_hashes_only_for_a_participant_proving_its_seat(center: CenterFixture) -> None:
    with_category(center)
    session = await connected_session(center)
    try:
        script = await add_script(center, session.agent.account, upload("hash me", b"true\n"))
        path = f"/api/sessions/{session.started.number}/script-hashes"
        token = session.customer.resume_token
        good = {"participant_id": session.customer_id, "resume_token": token, "ids": [script.id]}
        status, answer = await api(center, "POST", path, json=good)
        assert status == 200
        assert answer["hashes"][0]["executable_sha256"] == script.executable_sha256
        for forged in (
            {**good, "resume_token": "x" * 32},
            {**good, "participant_id": "nobody"},
        ):
            status, answer = await api(center, "POST", path, json=forged)
            assert status == 403 and answer["code"] == "not_a_participant"
        other = f"/api/sessions/{session.started.number + 1}/script-hashes"
        status, _ = await api(center, "POST", other, json=good)
        assert status == 403
    finally:
        await session.close()


def test_the_categories_command(tmp_path: Path) -> None:
    def center_cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "support_center.cli", "--data-dir", str(tmp_path), *args],
            capture_output=True,
            text=True,
            check=False,
        )

    assert "No categories" in center_cli("categories", "list").stdout
    assert center_cli("categories", "add", "Network").returncode == 0
    assert center_cli("categories", "add", "Disks").returncode == 0
    twice = center_cli("categories", "add", "network")
    assert twice.returncode == 2 and "already a category" in twice.stderr
    assert center_cli("categories", "list").stdout.split() == ["Disks", "Network"]
    assert center_cli("categories", "remove", "Disks").returncode == 0
    missing = center_cli("categories", "remove", "Disks")
    assert missing.returncode == 2 and "no category" in missing.stderr
    assert center_cli("categories", "list").stdout.split() == ["Network"]


def test_the_console_refuses_a_missing_or_too_large_file_before_sending(tmp_path: Path) -> None:
    from shared.features.scripts.library import FileProblem, read_file

    with pytest.raises(FileProblem) as problem:
        read_file(tmp_path / "gone.txt")
    assert problem.value.code == "missing"
    big = tmp_path / "big.sh"
    big.write_bytes(b"x" * (MAX_SCRIPT_FILE_BYTES + 1))
    with pytest.raises(FileProblem) as problem:
        read_file(big)
    assert problem.value.code == "too_large"
    small = tmp_path / "ok.sh"
    small.write_bytes(b"true\n")
    assert read_file(small) == ScriptFile(name="ok.sh", data=base64.b64encode(b"true\n").decode())
