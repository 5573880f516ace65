"""The site's quick phrases: the administrator sets them with ``tandem-center phrases``, a real
center then serves them to signed-in agents only; bad phrases are refused with a clear word."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.protocol.center_records import MAX_PHRASE_CHARS
from support_center.cli import main
from tests.helpers import AGENT_USER, running_center
from tests.integration.support import api
from tests.integration.test_center_attacks import token_of


def phrases(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "phrases", *args])


async def test_phrases_set_with_the_command_reach_signed_in_agents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "center"
    assert phrases(data_dir, "list") == 0
    assert "No quick phrases" in capsys.readouterr().out
    assert phrases(data_dir, "add", "One moment please, I am checking.", "--language", "en") == 0
    assert phrases(data_dir, "add", "Un instant, je vérifie.", "--language", "fr") == 0
    assert phrases(data_dir, "add", "Merci / Thank you!") == 0  # both, by default
    assert phrases(data_dir, "add", "Temporary") == 0
    capsys.readouterr()
    assert phrases(data_dir, "remove", "4") == 0
    assert phrases(data_dir, "remove", "4") == 1
    assert "no quick phrase 4" in capsys.readouterr().err
    assert phrases(data_dir, "list") == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed == [
        "1\ten\tOne moment please, I am checking.",
        "2\tfr\tUn instant, je vérifie.",
        "3\tboth\tMerci / Thank you!",
    ]

    async with running_center(data_dir) as center:
        status, body = await api(center, "GET", "/api/quick-phrases")
        assert status == 401  # not signed in: nothing
        token = await token_of(center, AGENT_USER)
        status, body = await api(center, "GET", "/api/quick-phrases", token=token)
        assert status == 200
        assert [(p["text"], p["language"]) for p in body["phrases"]] == [
            ("One moment please, I am checking.", "en"),
            ("Un instant, je vérifie.", "fr"),
            ("Merci / Thank you!", "both"),
        ]


def test_bad_phrases_are_refused_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "center"
    assert phrases(data_dir, "add", "x" * (MAX_PHRASE_CHARS + 1)) == 2
    assert f"at most {MAX_PHRASE_CHARS} characters" in capsys.readouterr().err
    assert phrases(data_dir, "add", "   ") == 2
    assert "empty" in capsys.readouterr().err
    assert phrases(data_dir, "add", "two\nlines") == 2
    assert "one line" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        phrases(data_dir, "add", "Hello", "--language", "de")
    assert phrases(data_dir, "add", "x" * MAX_PHRASE_CHARS) == 0
    capsys.readouterr()
    phrases(data_dir, "list")
    assert capsys.readouterr().out == f"1\tboth\t{'x' * MAX_PHRASE_CHARS}\n"  # only that one
