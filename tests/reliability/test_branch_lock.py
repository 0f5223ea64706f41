"""The branch lock on both backends, with real processes contending and dying (issue 10.1, 10.6)."""

from __future__ import annotations

import dataclasses
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bridge.errors import TransientError
from config.settings import Secret
from jobs.locks import LockBusy, LockLost, branch_lock, lock_file, lock_key
from tests.reliability.conftest import LockRig, wait_for_line

pytestmark = pytest.mark.timeout(120)


def test_one_holder_the_token_grows_and_release_frees_it(lock_rig: LockRig) -> None:
    with branch_lock(lock_rig.settings, lock_rig.branch) as held:
        with pytest.raises(LockBusy) as busy, branch_lock(lock_rig.settings, lock_rig.branch):
            pass
        held.check()
        first = held.fencing_token
        with branch_lock(lock_rig.settings, "Annet lag " + lock_rig.branch):  # other branches
            pass
    assert str(busy.value).count("hoppet over: en annen kjøring for") == 1
    with branch_lock(lock_rig.settings, lock_rig.branch) as later:  # released at the end
        assert later.fencing_token == first + 1


def test_three_processes_contend_and_exactly_one_holds(lock_rig: LockRig, tmp_path: Path) -> None:
    for attempt in range(3):
        log = tmp_path / f"attempt-{attempt}.log"
        go = tmp_path / f"go-{attempt}"
        children = [lock_rig.spawn("0.5", go, log) for _ in range(3)]
        for child in children:
            wait_for_line(child, "ready")
        go.touch()  # all three are waiting: they try the lock at the same moment
        for child in children:
            _, err = child.communicate(timeout=30)
            assert child.returncode == 0, err
        lines = sorted(log.read_text(encoding="utf-8").splitlines())
        assert [line.split()[0] for line in lines] == ["busy", "busy", "held"], lines


def test_a_lost_lock_is_noticed_by_check(
    lock_rig: LockRig, short_ttl: Callable[[float], None]
) -> None:
    short_ttl(1.5)
    with branch_lock(lock_rig.settings, lock_rig.branch) as held:
        time.sleep(2.5)  # a heartbeat renewed it past its first TTL
        held.check()
        if lock_rig.redis is not None:
            assert 0 < lock_rig.redis.pttl(lock_key(lock_rig.branch)) <= 1500
            lock_rig.redis.set(lock_key(lock_rig.branch), "someone-else/1", px=5000)
            time.sleep(1.0)  # the next heartbeat finds the lock someone else's
        else:
            path = lock_file(lock_rig.settings, lock_rig.branch)
            path.unlink()  # another process could now take a new lock file
        with pytest.raises(LockLost):
            held.check()
    if lock_rig.redis is not None:  # the release did not free the other holder's lock
        assert lock_rig.redis.get(lock_key(lock_rig.branch)) == b"someone-else/1"


def test_the_same_owner_takes_its_stale_lock_back_and_the_old_copy_stops(
    lock_rig: LockRig, short_ttl: Callable[[float], None]
) -> None:
    if lock_rig.redis is None:
        pytest.skip("a file lock dies with its process: there is nothing stale to take back")
    short_ttl(1.5)
    from jobs.locks import own_lock_is_live

    with branch_lock(lock_rig.settings, lock_rig.branch, owner="task-1") as old:
        with pytest.raises(LockBusy), branch_lock(lock_rig.settings, lock_rig.branch):
            pass
        # While the first copy's heartbeat runs, its own redelivered copy does not take over.
        time.sleep(1.0)
        assert own_lock_is_live(lock_rig.settings, lock_rig.branch, "task-1")
        with (
            pytest.raises(LockBusy),
            branch_lock(lock_rig.settings, lock_rig.branch, owner="task-1"),
        ):
            pass
        old._stop.set()  # type: ignore[attr-defined]  # the first copy's process "dies"
        time.sleep(1.0)  # less than half the TTL left: its heartbeat has stopped
        assert not own_lock_is_live(lock_rig.settings, lock_rig.branch, "task-1")
        with branch_lock(lock_rig.settings, lock_rig.branch, owner="task-1") as again:
            assert again.fencing_token > old.fencing_token
            time.sleep(0.6)
            again.check()
            with pytest.raises(LockLost):
                old.check()


def test_a_holder_paused_past_the_ttl_knows_it_lost(lock_rig: LockRig, tmp_path: Path) -> None:
    """Kleppmann's pause: SIGSTOP past the TTL, another takes the lock, SIGCONT; the old
    holder's check fails, so it writes nothing more."""
    if lock_rig.backend == "file":
        pytest.skip("a paused process keeps its file lock: no one else can take it")
    log = tmp_path / "log"
    ttl = 1.0
    child = lock_rig.spawn("2.0", time.time(), log, ttl=ttl)
    try:
        wait_for_line(child, "holding")
        os.kill(child.pid, signal.SIGSTOP)
        time.sleep(ttl + 0.5)
        with branch_lock(lock_rig.settings, lock_rig.branch) as other:
            os.kill(child.pid, signal.SIGCONT)
            _, err = child.communicate(timeout=20)
            assert child.returncode == 0, err
            assert log.read_text(encoding="utf-8") == f"lost {other.fencing_token - 1}\n"
            other.check()
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait(timeout=10)


def test_a_killed_holder_frees_the_lock_within_the_ttl(lock_rig: LockRig, tmp_path: Path) -> None:
    ttl = 3.0
    child = lock_rig.spawn("hold", time.time(), tmp_path / "log", ttl=ttl)
    try:
        wait_for_line(child, "holding")
        time.sleep(ttl)  # it holds longer than one TTL: the heartbeat keeps it
        with pytest.raises(LockBusy), branch_lock(lock_rig.settings, lock_rig.branch):
            pass
        os.killpg(child.pid, signal.SIGKILL)
        killed = time.monotonic()
        child.wait(timeout=10)
        while True:
            try:
                with branch_lock(lock_rig.settings, lock_rig.branch):
                    break
            except LockBusy:
                assert time.monotonic() - killed < ttl + 2, "the dead holder's lock stayed"
                time.sleep(0.1)
        freed = time.monotonic() - killed
        if lock_rig.backend == "file":
            assert freed < 1.0  # the OS frees a flock with its process
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait(timeout=10)


def test_threads_of_one_process_exclude_each_other_too(lock_rig: LockRig) -> None:
    held_by: list[int] = []
    inside = threading.Event()
    leave = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        with branch_lock(lock_rig.settings, lock_rig.branch):
            held_by.append(1)
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=first)
    thread.start()
    assert inside.wait(10)
    try:
        with branch_lock(lock_rig.settings, lock_rig.branch):
            held_by.append(2)
    except LockBusy as exc:
        errors.append(exc)
    leave.set()
    thread.join(10)
    assert held_by == [1] and len(errors) == 1


def test_an_unreachable_redis_is_a_transient_error_not_a_busy_lock(lock_rig: LockRig) -> None:
    if lock_rig.redis is None:
        pytest.skip("about the Redis backend")
    sources = {**lock_rig.settings.sources, "BRIDGE_REDIS_URL": "environment"}
    nowhere = dataclasses.replace(
        lock_rig.settings, redis_url=Secret("redis://127.0.0.1:1/0"), sources=sources
    )
    with pytest.raises(TransientError) as caught, branch_lock(nowhere, lock_rig.branch):
        pass
    assert not isinstance(caught.value, LockBusy)
    assert caught.value.where == "redis_url"
