"""The apps' cycle collector: Qt objects in reference cycles are freed on the GUI thread, never
on the thread that happened to allocate (a crash in the making)."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from shared.qt.collector import COLLECT_EVERY_MS, GuiThreadCollector

# Enough allocations on the worker to set off several automatic collections (700 each by default).
ALLOCATIONS = 200_000


class _Cyclic(QObject):
    """A QObject only a reference cycle will keep: freed by the cycle collector alone."""

    def __init__(self, freed_on: list[str]) -> None:
        super().__init__()
        self.me = self
        weakref.finalize(self, lambda: freed_on.append(threading.current_thread().name))


@pytest.fixture
def automatic_gc() -> Iterator[None]:
    """The test suite itself turns automatic collection off (tests/conftest.py): this test
    starts from the interpreter's default, as an app does."""
    gc.enable()
    yield
    gc.disable()


def _drop_and_allocate_on_a_worker(freed_on: list[str]) -> None:
    """A GUI-thread object dropped by the asyncio thread (say), which then goes on working."""
    held = [_Cyclic(freed_on)]

    def work() -> None:
        held.clear()  # unreachable now, but for its cycle
        junk = [[i] for i in range(ALLOCATIONS)]
        del junk

    worker = threading.Thread(target=work, name="worker")
    worker.start()
    worker.join()


def test_a_qt_object_in_a_cycle_is_freed_on_the_gui_thread(
    qtbot: QtBot, automatic_gc: None
) -> None:
    owner = QObject()
    GuiThreadCollector(owner)
    freed_on: list[str] = []
    _drop_and_allocate_on_a_worker(freed_on)
    assert freed_on == []  # the worker's allocations set off no collection
    qtbot.waitUntil(lambda: freed_on != [], timeout=COLLECT_EVERY_MS * 5)
    assert freed_on == [threading.main_thread().name]


def test_without_it_the_worker_frees_the_qt_object(automatic_gc: None) -> None:
    """What the collector prevents: Python's own collector frees it on the worker."""
    freed_on: list[str] = []
    _drop_and_allocate_on_a_worker(freed_on)
    assert freed_on == ["worker"]
