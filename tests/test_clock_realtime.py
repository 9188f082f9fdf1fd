"""The virtual clock and the realtime driver.

The clock is driven by a fake monotonic function, so every number follows from the
arithmetic in the test. The driver runs against a real clock at a very high speed (whole
scenario hours in a fraction of a wall second) inside `asyncio.run` with a timeout.
"""

from __future__ import annotations

import asyncio
import json
import math
import sqlite3
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from conftest import scenario_text

from exercise.journal import Journal, JournalError, verify
from exercise.model import Scenario
from exercise.model.events import Event, Kind
from exercise.sim import commands as c
from exercise.sim.clock import VirtualClock
from exercise.sim.engine import Outcome
from exercise.sim.headless import run_headless
from exercise.sim.players import AutoPlayer
from exercise.sim.realtime import RealtimeDriver
from exercise.sim.session import Session

Load = Callable[[str], Scenario]

M = 60.0


class FakeTime:
    """A monotonic clock that moves only when the test says so."""

    def __init__(self, start: float = 5000.0) -> None:
        self.wall = start

    def __call__(self) -> float:
        return self.wall

    def sleep(self, seconds: float) -> None:
        self.wall += seconds


@pytest.fixture
def wall() -> FakeTime:
    return FakeTime()


# -- the virtual clock -----------------------------------------------------------------


def test_scenario_time_runs_at_the_clock_speed(wall: FakeTime) -> None:
    clock = VirtualClock(start=0.0, speed=10, monotonic=wall)
    assert clock.now() == 0
    wall.sleep(3)
    assert clock.now() == 30  # 3 wall seconds at x10
    later = VirtualClock(start=120.0, speed=2, monotonic=wall)
    wall.sleep(5)
    assert later.now() == 130


def test_a_paused_clock_stands_still_and_resumes_where_it_stopped(wall: FakeTime) -> None:
    clock = VirtualClock(speed=10, monotonic=wall)
    wall.sleep(3)
    clock.pause()
    assert clock.paused and clock.now() == 30
    wall.sleep(100)
    assert clock.now() == 30
    assert clock.wall_delay(40) == math.inf
    clock.resume()
    assert clock.now() == 30  # no jump for the time spent paused
    wall.sleep(2)
    assert clock.now() == 50


def test_pause_at_a_given_scenario_time(wall: FakeTime) -> None:
    clock = VirtualClock(speed=10, monotonic=wall)
    wall.sleep(3)  # 30
    clock.pause(at=25)  # where the engine logged the pause
    assert clock.now() == 25
    clock.resume()
    wall.sleep(1)
    assert clock.now() == 35


def test_a_clock_can_start_paused(wall: FakeTime) -> None:
    clock = VirtualClock(start=60, speed=10, paused=True, monotonic=wall)
    wall.sleep(10)
    assert clock.now() == 60
    clock.resume()
    wall.sleep(1)
    assert clock.now() == 70


def test_set_speed_rebases_without_a_jump(wall: FakeTime) -> None:
    clock = VirtualClock(speed=10, monotonic=wall)
    wall.sleep(3)
    clock.set_speed(60)
    assert clock.now() == 30  # the time so far is kept
    wall.sleep(1)
    assert clock.now() == 90  # 30 + 1 s at x60
    clock.set_speed(1)
    wall.sleep(1)
    assert clock.now() == 91


def test_set_speed_while_paused_applies_after_the_resume(wall: FakeTime) -> None:
    clock = VirtualClock(speed=10, monotonic=wall)
    wall.sleep(1)
    clock.pause()
    wall.sleep(5)
    clock.set_speed(100)
    assert clock.now() == 10
    clock.resume()
    wall.sleep(1)
    assert clock.now() == 110


def test_jump_to_moves_forward_only(wall: FakeTime) -> None:
    clock = VirtualClock(speed=10, monotonic=wall)
    wall.sleep(1)
    clock.jump_to(600)
    assert clock.now() == 600
    clock.jump_to(100)  # never back: what happened stays in the past
    assert clock.now() == 600
    wall.sleep(1)
    assert clock.now() == 610


def test_wall_delay_until_a_scenario_time(wall: FakeTime) -> None:
    clock = VirtualClock(start=0, speed=10, monotonic=wall)
    wall.sleep(3)  # scenario time 30
    assert clock.wall_delay(100) == pytest.approx(7)  # 70 scenario seconds at x10
    assert clock.wall_delay(30) == 0
    assert clock.wall_delay(10) == 0  # already past
    clock.set_speed(70)
    assert clock.wall_delay(100) == pytest.approx(1)


@pytest.mark.parametrize("speed", [0, -1])
def test_the_speed_must_be_positive(wall: FakeTime, speed: float) -> None:
    with pytest.raises(ValueError):
        VirtualClock(speed=speed, monotonic=wall)
    clock = VirtualClock(speed=1, monotonic=wall)
    with pytest.raises(ValueError):
        clock.set_speed(speed)
    assert clock.speed == 1


# -- the realtime driver ---------------------------------------------------------------

INJECTS = """\
- id: cut
  at: 10m
  to: [nctv]
  title: Power cut
  text: The grid operator reports a regional power cut.
  pillars: [vital-processes]
  expected:
    - {option: act, within: 20m}
  decision:
    prompt: What now?
    deadline: 30m
    default: wait
    options:
      - {id: act, label: Act, effects: {energy: 10}}
      - {id: wait, label: Wait, effects: {energy: -20}}
- {id: leak, at: 25m, to: [nctv], title: Leak, text: A leak., pillars: [vital-processes]}
- {id: storm, at: 50m, to: [nctv], title: Storm, text: A storm., pillars: [vital-processes]}
"""

INDICATORS = """\
- {id: energy, title: Energy supply, pillar: vital-processes, start: 50, min: 0, max: 100}
"""


@pytest.fixture
def scenario(load: Load) -> Scenario:
    return load(scenario_text(injects=INJECTS, indicators=INDICATORS))


def run(main: Coroutine[Any, Any, Any], timeout: float = 5.0) -> Any:
    return asyncio.run(asyncio.wait_for(main, timeout))


def journal_rows(path: Path) -> list[tuple[float, str, dict[str, Any]]]:
    """The events as another process would read them: a fresh read-only connection."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT t, kind, payload FROM events ORDER BY seq").fetchall()
    finally:
        conn.close()
    return [(t, kind, json.loads(payload)) for t, kind, payload in rows]


class Watch:
    """A listener that records committed events and lets a test wait for one."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.changed = asyncio.Event()

    def __call__(self, events: list[Event]) -> None:
        self.events += events
        self.changed.set()

    async def until(self, test: Callable[[Event], bool]) -> Event:
        while True:
            for event in self.events:
                if test(event):
                    return event
            self.changed.clear()
            await self.changed.wait()

    def delivered(self) -> dict[str, float]:
        return {e.payload["inject"]: e.t for e in self.events if e.kind == Kind.INJECT_DELIVERED}


def test_the_driver_delivers_at_scenario_times_and_ends(scenario: Scenario, tmp_path: Path) -> None:
    session = Session.start(scenario, tmp_path / "rt.db", durable=False)
    # 2h of scenario at x100000: about 0.07 s of wall time
    driver = RealtimeDriver(session, clock=VirtualClock(speed=100_000))
    run(driver.run())
    state = session.engine.state
    assert state.ended
    assert state.delivered_at == {"cut": 10 * M, "leak": 25 * M, "storm": 50 * M}
    assert state.decisions["cut"].missed  # nobody decided
    ended = [row for row in journal_rows(session.journal.path) if row[1] == Kind.SESSION_ENDED]
    assert [t for t, _kind, _payload in ended] == [scenario.duration]
    session.close()


def test_the_driver_sleeps_until_the_next_timer(scenario: Scenario, tmp_path: Path) -> None:
    session = Session.start(scenario, tmp_path / "rt.db", durable=False)
    calls = 0

    def counting() -> float:
        nonlocal calls
        calls += 1
        if calls > 1000:  # a driver that polls would never let the test finish
            raise RuntimeError("the driver keeps reading the clock: it polls")
        return time.monotonic()

    async def main() -> int:
        # x1: cut (10m) is ten wall minutes away; the driver should wait, not poll
        driver = RealtimeDriver(session, clock=VirtualClock(speed=1, monotonic=counting))
        task = asyncio.create_task(driver.run())
        ticks = 0
        deadline = time.monotonic() + 0.1
        while time.monotonic() < deadline:  # another task on the loop gets its turns
            ticks += 1
            await asyncio.sleep(0.001)
        driver.stop()
        await task
        return ticks

    ticks = run(main())
    assert ticks > 10
    assert calls < 20  # a handful of wake-ups, not a busy loop
    assert session.engine.state.delivered_at == {}
    session.close()


def test_a_command_is_acknowledged_only_after_its_events_are_committed(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "rt.db"
    session = Session.start(scenario, path, durable=False)
    seen_at_ack: list[list[tuple[float, str, dict[str, Any]]]] = []

    class CheckedFuture(asyncio.Future[Outcome]):
        def set_result(self, result: Outcome) -> None:
            seen_at_ack.append(journal_rows(path))  # what the journal holds at this moment
            super().set_result(result)

    async def main() -> list[Outcome]:
        loop = asyncio.get_running_loop()
        # a paused clock: only the commands move the session
        driver = RealtimeDriver(session, clock=VirtualClock(speed=100_000, paused=True))
        task = asyncio.create_task(driver.run())

        def submit(command: c.Command) -> asyncio.Future[Outcome]:
            loop.create_future = lambda: CheckedFuture(loop=loop)  # type: ignore[method-assign]
            try:
                return driver.submit(command)
            finally:
                del loop.create_future  # type: ignore[method-assign]

        fired = await submit(c.FireInject(inject="cut"))
        decided = await submit(c.Decide(actor="nctv", inject="cut", option="act"))
        refused = await submit(c.Decide(actor="nctv", inject="cut", option="wait"))
        driver.stop()
        await task
        return [fired, decided, refused]

    outcomes = run(main())
    assert [o.accepted for o in outcomes] == [True, True, False]
    assert len(seen_at_ack) == 3
    for outcome, rows in zip(outcomes, seen_at_ack, strict=True):
        assert outcome.events
        mine = [(e.t, e.kind, e.payload) for e in outcome.events]
        assert rows[-len(mine) :] == mine
    assert Kind.DECISION_TAKEN in [kind for _t, kind, _p in seen_at_ack[1]]
    assert session.engine.state.decisions["cut"].option == "act"
    session.close()


def test_pause_stops_deliveries_until_resume(scenario: Scenario, tmp_path: Path) -> None:
    session = Session.start(scenario, tmp_path / "rt.db", durable=False)
    watch = Watch()

    async def main() -> tuple[dict[str, float], float]:
        # 10 scenario minutes (when cut is due) take 0.1 s of wall time at x6000
        driver = RealtimeDriver(session, clock=VirtualClock(speed=6000), listener=watch)
        task = asyncio.create_task(driver.run())
        paused = await driver.submit(c.Pause())
        assert paused.accepted
        await asyncio.sleep(0.3)  # 30 scenario minutes, were the clock running
        during_pause = watch.delivered()
        clock_during_pause = driver.clock.now()
        assert (await driver.submit(c.Resume())).accepted
        await watch.until(lambda e: e.kind == Kind.INJECT_DELIVERED)
        driver.stop()
        await task
        return during_pause, clock_during_pause

    during_pause, clock_during_pause = run(main())
    assert during_pause == {}
    assert clock_during_pause < 10 * M
    assert session.engine.state.delivered_at["cut"] == 10 * M
    assert session.engine.state.paused is False
    session.close()


def test_speed_and_jump_commands_move_the_clock(scenario: Scenario, tmp_path: Path) -> None:
    session = Session.start(scenario, tmp_path / "rt.db", durable=False)
    watch = Watch()

    async def main() -> tuple[float, float]:
        # a paused clock at x1: without the jump, cut (10m) would never come
        driver = RealtimeDriver(session, clock=VirtualClock(speed=1, paused=True), listener=watch)
        task = asyncio.create_task(driver.run())
        assert (await driver.submit(c.SetSpeed(speed=600))).accepted
        speed = driver.clock.speed
        assert (await driver.submit(c.JumpNext())).accepted
        jumped_to = driver.clock.now()
        await watch.until(lambda e: e.kind == Kind.INJECT_DELIVERED)
        driver.stop()
        await task
        return speed, jumped_to

    speed, jumped_to = run(main())
    assert speed == 600
    assert jumped_to == 10 * M  # the next delivery: cut
    assert watch.delivered() == {"cut": 10 * M}  # delivered at once, at its own time
    assert session.engine.state.speed == 600


def test_stop_leaves_a_journal_that_resumes_to_the_same_end(
    scenario: Scenario, tmp_path: Path
) -> None:
    whole = Session.start(scenario, tmp_path / "whole.db", durable=False)
    run_headless(whole, AutoPlayer("expected"))

    path = tmp_path / "rt.db"
    session = Session.start(scenario, path, durable=False)
    watch = Watch()

    async def main() -> None:
        driver = RealtimeDriver(
            session,
            clock=VirtualClock(speed=20_000),
            player=AutoPlayer("expected"),
            listener=watch,
            max_per_wake=1,
        )
        task = asyncio.create_task(driver.run())
        await watch.until(lambda e: e.kind == Kind.DECISION_OPENED)
        driver.stop()
        await task

    run(main())
    assert not session.engine.ended
    stopped_at = session.engine.state.t
    session.close()

    resumed = Session.resume(path, durable=False)
    assert resumed.engine.state.delivered_at["cut"] == 10 * M
    assert resumed.engine.now == stopped_at
    run_headless(resumed, AutoPlayer("expected"))
    final, expected = resumed.engine.state, whole.engine.state
    assert final.ended
    assert final.decisions["cut"].option == "act"
    assert final.indicators == expected.indicators
    assert final.delivered_at == expected.delivered_at
    assert {k: v.status for k, v in final.expected.items()} == {("cut", 0): "met"}

    def plain(events: list[Event]) -> list[tuple[float, str, dict[str, Any]]]:
        return [(e.t, e.kind, e.payload) for e in events if e.kind != Kind.SESSION_RESUMED]

    assert plain(list(resumed.journal.events())) == plain(list(whole.journal.events()))
    resumed.close()
    whole.close()


def test_commands_submitted_before_the_driver_stops_are_recorded(
    scenario: Scenario, tmp_path: Path
) -> None:
    """A decision and ctrl+q in one keystroke batch: the decision still counts."""
    session = Session.start(scenario, tmp_path / "rt.db", durable=False)

    async def main() -> tuple[Outcome, Outcome]:
        driver = RealtimeDriver(session, clock=VirtualClock(speed=1, paused=True))
        task = asyncio.create_task(driver.run())
        await asyncio.sleep(0)  # the driver is asleep: nothing is due on a paused clock
        driver.stop()
        in_flight = driver.submit(c.Pause())
        await task
        too_late = driver.submit(c.Resume())  # after run() returned
        return await in_flight, await too_late

    in_flight, too_late = run(main())
    assert in_flight.accepted
    assert not too_late.accepted and too_late.reason.startswith("not recorded")
    session.close()
    with Journal.open(tmp_path / "rt.db", readonly=True) as journal:
        kinds = [event.kind for event in journal.events()]
    assert kinds.count(Kind.PAUSED) == 1 and Kind.RESUMED not in kinds


def test_a_full_disk_stops_the_session_and_shows_only_what_was_recorded(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "full.db"
    Session.start(scenario, path, durable=False).close()
    # The same journal again, with room for a few small events but not a long text: the
    # commit fails as on a full disk (SQLite's own size limit, a real SQLITE_FULL).
    session = Session.resume(path, durable=False, max_bytes=path.stat().st_size + 4096)
    recorded = session.journal.count()

    async def main() -> list[Outcome]:
        driver = RealtimeDriver(session, clock=VirtualClock(speed=1, paused=True))
        task = asyncio.create_task(driver.run())
        await asyncio.sleep(0)
        big = c.AdhocInject(title="x" * 200, text="y" * 10_000, to=[scenario.roles[0].id])
        first = driver.submit(big)
        second = driver.submit(c.Pause())
        with pytest.raises(JournalError):
            await task
        return [await first, await second]

    outcomes = run(main())
    assert [o.accepted for o in outcomes] == [False, False]
    assert all(o.reason.startswith("not recorded: the disk is full") for o in outcomes)
    assert session.failure is not None and session.failure.reason == "full"
    assert str(session.failure).startswith(f"{path}: ")  # the message names the journal
    assert session.engine.state.adhoc == {}  # applied in memory, not recorded: not shown
    assert not session.engine.state.paused
    session.close()
    with Journal.open(path, readonly=True) as journal:
        assert journal.count() == recorded
    assert verify(path).ok


def test_commands_queued_together_are_committed_in_one_transaction(
    scenario: Scenario, tmp_path: Path
) -> None:
    """Thirty seats deciding in the same instant cost one fsync, not thirty: the events of
    one transaction share its wall time. Each is still answered after the commit."""
    session = Session.start(scenario, tmp_path / "rt.db", durable=False)
    role = next(r.id for r in scenario.roles if r.kind == "player")

    async def main() -> list[Outcome]:
        driver = RealtimeDriver(session, clock=VirtualClock(speed=1, paused=True))
        task = asyncio.create_task(driver.run())
        await asyncio.sleep(0)
        futures = [driver.submit(c.SelfDecision(actor=role, text=f"step {n}")) for n in range(30)]
        outcomes = [await future for future in futures]
        driver.stop()
        await task
        return outcomes

    outcomes = run(main())
    assert all(o.accepted for o in outcomes)
    with Journal.open(tmp_path / "rt.db", readonly=True) as journal:
        walls = {e.wall for e in journal.events() if e.kind == Kind.SELF_DECISION}
    session.close()
    assert len(walls) == 1
