"""Pausing at a new phase (`pause_on_phase`), and `resume --paused`.

The realtime driver pauses the clock when a phase begins; headless play never does. The
driver runs against a real clock at a very high speed inside `asyncio.run` with a timeout.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from exercise.cli import main
from exercise.content.loader import load_scenario
from exercise.content.resources import find_scenario
from exercise.journal import Journal
from exercise.model import Scenario
from exercise.model.events import Event, Kind
from exercise.sim.clock import VirtualClock
from exercise.sim.headless import run_headless
from exercise.sim.realtime import SYSTEM, RealtimeDriver
from exercise.sim.session import Session
from exercise.ui.app import create_app, pause_on_phase_setting, start_session

READINESS_AT = 540.0  # the demo's second phase begins at 9m


@pytest.fixture(scope="module")
def demo() -> Scenario:
    path = find_scenario("demo")
    assert path is not None
    return load_scenario(path)


def drive_until_paused(session: Session, pause_on_phase: bool) -> list[Event]:
    """Run the driver at x3600 until the clock pauses or the scenario ends; the events."""
    clock = VirtualClock(start=session.engine.now, speed=3600)
    driver = RealtimeDriver(session, clock=clock, pause_on_phase=pause_on_phase)

    async def main() -> None:
        task = asyncio.create_task(driver.run())
        for _ in range(2000):
            await asyncio.sleep(0.001)
            if session.engine.state.paused or session.engine.ended:
                break
        await asyncio.sleep(0.05)  # a paused driver delivers nothing more
        driver.stop()
        await asyncio.wait_for(task, 5)

    asyncio.run(main())
    return list(session.journal.events())


def test_the_driver_pauses_when_a_new_phase_begins(demo: Scenario, tmp_path: Path) -> None:
    session = Session.start(demo, tmp_path / "a.db")
    try:
        events = drive_until_paused(session, pause_on_phase=True)
        assert not session.engine.ended
    finally:
        session.close()
    phase = [e for e in events if e.kind == Kind.PHASE_ENTERED]
    assert [e.payload["cause"] for e in phase] == ["start", "time"]
    paused = [e for e in events if e.kind == Kind.PAUSED]
    assert [(e.t, e.actor) for e in paused] == [(READINESS_AT, SYSTEM)]
    assert paused[0].seq > phase[-1].seq
    assert max(e.t for e in events) == READINESS_AT  # nothing after the pause


def test_without_the_setting_the_clock_runs_on(demo: Scenario, tmp_path: Path) -> None:
    session = Session.start(demo, tmp_path / "a.db")
    try:
        events = drive_until_paused(session, pause_on_phase=False)
        assert session.engine.ended
    finally:
        session.close()
    assert Kind.PAUSED not in {e.kind for e in events}


def test_headless_play_never_pauses(demo: Scenario, tmp_path: Path) -> None:
    scenario = demo.model_copy(update={"pause_on_phase": True})
    session = Session.start(scenario, tmp_path / "a.db", durable=False)
    try:
        run_headless(session)
        assert session.engine.ended
        kinds = [e.kind for e in session.journal.events()]
    finally:
        session.close()
    assert Kind.PAUSED not in kinds and kinds.count(Kind.PHASE_ENTERED) == 2


def test_the_setting_comes_from_the_option_the_start_or_the_scenario(
    demo: Scenario, tmp_path: Path
) -> None:
    on = demo.model_copy(update={"pause_on_phase": True})
    session = start_session(on, tmp_path / "a.db")
    try:
        assert pause_on_phase_setting(session, None) is True
        assert pause_on_phase_setting(session, False) is False
    finally:
        session.close()
    session = start_session(on, tmp_path / "b.db", pause_on_phase=False)
    session.close()
    resumed = Session.resume(tmp_path / "b.db")
    try:  # the start's choice is kept in the journal and holds on resume
        assert pause_on_phase_setting(resumed, None) is False
        assert pause_on_phase_setting(resumed, True) is True
    finally:
        resumed.close()


def test_the_scenario_format_reads_pause_on_phase(tmp_path: Path) -> None:
    path = find_scenario("demo")
    assert path is not None
    text = path.read_text(encoding="utf-8")
    assert "pause_on_phase" not in text
    changed = tmp_path / "demo.yaml"
    changed.write_text(text.replace("\nphases:", "\npause_on_phase: true\nphases:", 1))
    assert load_scenario(changed).pause_on_phase is True
    assert load_scenario(path).pause_on_phase is False


def test_resume_paused_journals_a_pause(demo: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    session = start_session(demo, path, source="demo")
    session.engine.advance_to(100)
    session.commit()
    session.close()
    resumed = Session.resume(path)
    try:
        app = create_app(resumed, paused=True)
        assert resumed.engine.state.paused and app.clock.paused
    finally:
        resumed.close()
    with Journal.open(path, readonly=True) as journal:
        last = list(journal.events())[-1]
    assert (last.kind, last.actor) == (Kind.PAUSED, "facilitator")


def test_resume_options_are_for_a_live_session(demo: Scenario, tmp_path: Path, capsys) -> None:
    path = tmp_path / "played.db"
    assert main(["play", "demo", "--auto", "none", "--journal", str(path)]) == 0
    capsys.readouterr()
    for option in ("--paused", "--pause-on-phase", "--no-pause-on-phase"):
        assert main(["resume", str(path), option]) == 2
        assert "for a live session" in capsys.readouterr().err
