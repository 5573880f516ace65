"""A session's background tasks run on the session's loop, whichever thread spawns them
(shared/session/tasks.py). A feature set up by the views' thread before the session runs (the
printer's clean-up of a crashed client's queues, say) used to land on a loop of that thread's
own, which never runs: its work silently never happened."""

from __future__ import annotations

import asyncio
import threading
import warnings

from shared.session.tasks import OwnedTasks

WAIT_S = 5.0


class LoopThread:
    """A session's loop on a thread of its own, as the apps run it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(WAIT_S)
        self.loop.close()


def test_a_task_spawned_off_any_loop_runs_on_the_session_loop_once_known() -> None:
    failures: list[BaseException] = []
    tasks = OwnedTasks(failures.append)
    ran_on: list[threading.Thread] = []
    done = threading.Event()

    async def work() -> None:
        ran_on.append(threading.current_thread())
        done.set()

    tasks.spawn(work())  # the views' thread, before the session entered: no loop here
    assert len(tasks) == 1 and not done.is_set()
    session = LoopThread()
    try:
        tasks.run_on(session.loop)
        assert done.wait(WAIT_S), "the waiting task never ran"
        assert ran_on == [session.thread]

        done.clear()
        tasks.spawn(work())  # later, from this (non-loop) thread again
        assert done.wait(WAIT_S)
        assert ran_on[-1] is session.thread
    finally:
        session.stop()
    assert failures == []


def test_a_failure_of_a_task_handed_over_is_reported() -> None:
    failures: list[BaseException] = []
    reported = threading.Event()

    def report(exc: BaseException) -> None:
        failures.append(exc)
        reported.set()

    tasks = OwnedTasks(report)

    async def broken() -> None:
        raise ValueError("no printer system")

    session = LoopThread()
    try:
        tasks.run_on(session.loop)
        tasks.spawn(broken())
        assert reported.wait(WAIT_S)
    finally:
        session.stop()
    assert [str(exc) for exc in failures] == ["no printer system"]


def test_tasks_that_never_started_are_closed_quietly_with_the_session() -> None:
    tasks = OwnedTasks(lambda exc: None)
    started: list[bool] = []

    async def work() -> None:
        started.append(True)

    tasks.spawn(work())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "coroutine ... was never awaited" would be one
        tasks.cancel_all()
    assert len(tasks) == 0 and started == []


async def test_on_the_session_loop_a_task_starts_at_once() -> None:
    tasks = OwnedTasks(lambda exc: None)
    tasks.run_on(asyncio.get_running_loop())
    ran = asyncio.Event()

    async def work() -> None:
        ran.set()

    tasks.spawn(work())
    await asyncio.wait_for(ran.wait(), WAIT_S)
