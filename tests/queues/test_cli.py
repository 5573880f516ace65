"""``tandem-center queues``: the site administrator sets the queues and who answers them."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.security.passwords import hash_password
from support_center.cli import main
from support_center.queues.store import QueueStore
from support_center.store import Store


def test_queues_and_their_agents_are_set_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    store = Store(tmp_path / "center.sqlite3")
    store.add_agent("ada", "Ada Agent", hash_password("correct horse battery"))
    store.close()
    assert (
        main([*data, "queues", "add", "billing", "--title", "Billing", "--max-waiting", "7"]) == 0
    )
    assert main([*data, "queues", "add", "Billing!", "--title", "x"]) == 2
    assert "lower-case" in capsys.readouterr().err
    assert main([*data, "queues", "agents", "add", "billing", "ada"]) == 0
    assert main([*data, "queues", "agents", "add", "billing", "nobody"]) == 2
    assert "nobody" in capsys.readouterr().err
    assert main([*data, "queues", "agents", "add", "nope", "ada"]) == 2
    capsys.readouterr()
    assert main([*data, "queues", "list"]) == 0
    assert "billing\tBilling\tat most 7 waiting\t1 agent" in capsys.readouterr().out
    assert main([*data, "queues", "agents", "list", "billing"]) == 0
    assert "ada\tAda Agent" in capsys.readouterr().out
    store = Store(tmp_path / "center.sqlite3")
    try:
        queues = QueueStore(store)
        assert [q.max_waiting for q in queues.queues()] == [7]
        assert len(queues.members("billing")) == 1
    finally:
        store.close()
    assert main([*data, "queues", "agents", "remove", "billing", "ada"]) == 0
    assert main([*data, "queues", "agents", "remove", "billing", "ada"]) == 1
    assert main([*data, "queues", "remove", "billing"]) == 0
    assert main([*data, "queues", "remove", "billing"]) == 1
    capsys.readouterr()
    assert main([*data, "queues", "list"]) == 0
    assert "No queues" in capsys.readouterr().out
