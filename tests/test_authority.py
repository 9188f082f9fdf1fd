"""Who may do what, checked by the engine; and a command id applied at most once.

A command from a seat carries the actor it was authenticated as and the kind of seat.
Facilitator commands from a player or an observer are refused and change nothing but the
one `command-rejected` event that keeps the precise reason for exercise control.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import scenario_text

from exercise.journal import Journal
from exercise.model import Scenario
from exercise.model.events import Kind
from exercise.sim import commands as c
from exercise.sim.authority import FACILITATOR_COMMANDS
from exercise.sim.engine import Engine, Outcome
from exercise.sim.session import Session

Load = Callable[[str], Scenario]
M = 60.0
P, F, E = c.SeatKind.PLAYER, c.SeatKind.FACILITATOR, c.SeatKind.EVALUATOR
OBS = c.SeatKind.OBSERVER

ROLES = """\
- {id: nctv, title: NCTV chair, kind: player}
- {id: ezk, title: Energy ministry, kind: player}
- {id: excon, title: Exercise control, kind: facilitator}
- {id: eval, title: Evaluator, kind: evaluator}
- {id: press, title: Press gallery, kind: observer}
"""

INJECTS = """\
- id: cut
  at: 10m
  to: [nctv]
  title: Power cut
  text: The grid operator reports a regional power cut.
  pillars: [vital-processes]
  decision:
    prompt: What now?
    options:
      - {id: act, label: Act, effects: {energy: -10}}
      - {id: wait, label: Wait}
- {id: leak, at: 50m, to: [ezk], title: Leak, text: A leak., pillars: [vital-processes]}
"""

MEASURES = """\
- {id: convene, title: Convene the crisis team, role: nctv}
- {id: stock, title: Release the gas stock, role: ezk}
"""


@pytest.fixture
def scenario(load: Load) -> Scenario:
    return load(scenario_text(roles=ROLES, injects=INJECTS, measures=MEASURES))


@pytest.fixture
def engine(scenario: Scenario) -> Engine:
    engine = Engine(scenario)
    engine.advance_to(15 * M)  # cut is delivered to nctv, leak not yet to ezk
    return engine


def every_facilitator_command(**who: Any) -> list[c.Command]:
    adhoc = {"title": "T", "text": "Text", "to": ("nctv",)}
    commands: list[c.Command] = [
        c.Pause(**who),
        c.Resume(**who),
        c.SetSpeed(speed=5, **who),
        c.JumpNext(**who),
        c.FireInject(inject="leak", **who),
        c.AdhocInject(**adhoc, **who),
        c.Hold(inject="leak", **who),
        c.Release(inject="leak", **who),
        c.End(**who),
    ]
    assert {command.type for command in commands} == FACILITATOR_COMMANDS
    return commands


def snapshot(engine: Engine) -> dict[str, str]:
    """Every field of the state but its time and the event counters."""
    state = engine.state
    return {
        f.name: repr(getattr(state, f.name))
        for f in dataclasses.fields(state)
        if f.name not in ("rejected", "events", "t", "scenario", "commands")
    }


def refused(engine: Engine, command: c.Command, *words: str) -> Outcome:
    """Submit `command` now and check it is refused with nothing but the rejection."""
    before, mark = snapshot(engine), len(engine.pending)
    outcome = engine.submit(command)
    assert not outcome.accepted, command
    for word in words:
        assert word in outcome.reason
    assert [e.kind for e in engine.pending[mark:]] == [Kind.COMMAND_REJECTED]
    payload = engine.pending[-1].payload
    assert payload["command"] == command.model_dump(mode="json")
    assert payload["reason"] == outcome.reason  # the English, beside its code
    assert outcome.why is not None and payload["code"] == outcome.why.code
    assert snapshot(engine) == before
    return outcome


# -- facilitator commands -----------------------------------------------------------------


@pytest.mark.parametrize(
    "who",
    [
        {"actor": "nctv", "seat_kind": P},
        {"actor": "nctv"},  # a role's own command, made in this process
        {"actor": "press", "seat_kind": OBS},
        {"actor": "press"},
        {"actor": "eval", "seat_kind": E},
        {"actor": "someone"},  # an actor nobody knows
        {"actor": "facilitator", "seat_kind": P},  # the seat kind decides, not the name
    ],
)
def test_facilitator_commands_from_anyone_else_are_refused(engine: Engine, who: Any) -> None:
    engine.submit(c.Hold(inject="leak"))  # so that a release would have something to do
    for command in every_facilitator_command(**who):
        refused(engine, command, repr(who["actor"]), "may not")
    assert not engine.ended and not engine.state.paused


@pytest.mark.parametrize(
    "who", [{}, {"actor": "excon"}, {"actor": "excon", "seat_kind": F}, {"actor": "system"}]
)
def test_exercise_control_may_pause(engine: Engine, who: Any) -> None:
    assert engine.submit(c.Pause(**who)).accepted
    assert engine.state.paused


def test_a_player_decides_only_on_its_own_roles_injects(engine: Engine) -> None:
    refused(engine, c.Decide(actor="ezk", seat_kind=P, inject="cut", option="act"), "only nctv")
    refused(engine, c.Decide(actor="ezk", seat_kind=P, inject="leak", option="act"))
    assert engine.submit(c.Decide(actor="nctv", seat_kind=P, inject="cut", option="act")).accepted


def test_a_player_takes_only_its_own_roles_measures(engine: Engine) -> None:
    refused(engine, c.TakeMeasure(actor="nctv", seat_kind=P, measure="stock"), "only ezk")
    assert engine.submit(c.TakeMeasure(actor="ezk", seat_kind=P, measure="stock")).accepted


def test_evaluators_observe_and_do_nothing_else(engine: Engine) -> None:
    observe = {"pillar": "vital-processes", "text": "Slow to convene"}
    assert engine.submit(c.Observe(actor="eval", seat_kind=E, **observe)).accepted
    assert engine.submit(c.Observe(actor="eval", **observe)).accepted
    refused(engine, c.Observe(actor="nctv", seat_kind=P, **observe), "may not")
    refused(engine, c.Observe(actor="press", **observe), "may not")
    refused(engine, c.Decide(actor="eval", seat_kind=E, inject="cut", option="act"), "may not")
    refused(engine, c.SelfDecision(actor="eval", seat_kind=E, text="Me too"), "may not")


def test_the_single_screen_facilitator_acts_for_a_role(engine: Engine) -> None:
    # exercise control's own panels send a role's commands with the role as actor
    assert engine.submit(c.Decide(actor="nctv", seat_kind=F, inject="cut", option="act")).accepted
    assert engine.submit(c.TakeMeasure(actor="ezk", seat_kind=F, measure="stock")).accepted


# -- command ids ------------------------------------------------------------------------


def decide(option: str = "act", client: str = "laptop-1", cid: str = "c1") -> c.Decide:
    return c.Decide(actor="nctv", seat_kind=P, inject="cut", option=option, client=client, id=cid)


def test_a_command_id_is_applied_once(engine: Engine) -> None:
    first = engine.submit(decide())
    assert first.accepted and not first.repeat
    assert {e.payload["command_id"] for e in first.events} == {"laptop-1:c1"}
    assert [e.kind for e in first.events] == [Kind.DECISION_TAKEN, Kind.INDICATOR_CHANGED]
    mark = len(engine.pending)
    again = engine.submit(decide(option="wait"))  # the same id, whatever it now says
    assert (again.accepted, again.repeat, again.events) == (True, True, ())
    assert engine.pending[mark:] == []
    assert engine.state.decisions["cut"].option == "act"


def test_a_refused_command_id_is_refused_again_without_a_second_event(engine: Engine) -> None:
    first = engine.submit(c.Pause(actor="nctv", seat_kind=P, client="laptop-1", id="p"))
    assert not first.accepted
    mark = len(engine.pending)
    again = engine.submit(c.Pause(actor="nctv", seat_kind=P, client="laptop-1", id="p"))
    assert (again.accepted, again.reason, again.repeat) == (False, first.reason, True)
    assert engine.pending[mark:] == []


def test_the_same_command_id_from_two_clients_is_two_commands(engine: Engine) -> None:
    observe = {"actor": "eval", "pillar": "vital-processes", "text": "Note", "id": "n1"}
    assert not engine.submit(c.Observe(client="a", **observe)).repeat
    assert not engine.submit(c.Observe(client="b", **observe)).repeat
    assert len(engine.state.observations) == 2


def test_two_seats_of_one_role_deciding_at_once_give_one_decision(engine: Engine) -> None:
    one = engine.submit(decide("act", client="seat-a", cid="x"), 15 * M)
    two = engine.submit(decide("wait", client="seat-b", cid="y"), 15 * M)
    assert one.accepted and not two.accepted
    assert "already decided by nctv" in two.reason
    assert engine.state.decisions["cut"].command_id == "seat-a:x"
    taken = [e for e in engine.pending if e.kind == Kind.DECISION_TAKEN]
    assert len(taken) == 1


def test_command_ids_seen_are_rebuilt_from_the_journal(scenario: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    session = Session.start(scenario, path, durable=False)
    session.engine.advance_to(15 * M)
    session.commit()
    assert session.submit(decide())[0].accepted
    assert not session.submit(c.Pause(actor="nctv", seat_kind=P, client="z", id="p"))[0].accepted
    session.close()

    resumed = Session.resume(path, durable=False)
    try:
        outcome, committed = resumed.submit(decide(option="wait"))
        assert (outcome.accepted, outcome.repeat, committed) == (True, True, [])
        outcome, committed = resumed.submit(c.Pause(actor="nctv", seat_kind=P, client="z", id="p"))
        assert (outcome.accepted, outcome.repeat, committed) == (False, True, [])
        assert "may not" in outcome.reason
        assert resumed.engine.state.decisions["cut"].command_id == "laptop-1:c1"
    finally:
        resumed.close()
    with Journal.open(path, readonly=True) as journal:
        kinds = [e.kind for e in journal.events()]
    assert kinds.count(Kind.DECISION_TAKEN) == 1
    assert kinds.count(Kind.COMMAND_REJECTED) == 1


def test_a_command_id_needs_its_client() -> None:
    with pytest.raises(ValueError, match="client id"):
        c.Pause(id="x")
    with pytest.raises(ValueError, match="pattern"):
        c.Pause(client="a:b", id="x")  # the key joins them with ":"


def test_a_command_without_ids_keeps_its_json_form() -> None:
    # journals written before seats and after them read the same
    assert c.Pause().model_dump(mode="json") == {"actor": "facilitator", "type": "pause"}
    command = c.Pause(actor="nctv", seat_kind=P, client="a", id="b")
    assert c.parse_command(command.model_dump(mode="json")) == command


CHILD = """
import asyncio, sys
from pathlib import Path
from exercise.content.loader import load_scenario
from exercise.sim import commands as c
from exercise.sim.realtime import RealtimeDriver
from exercise.sim.session import Session

async def main() -> None:
    session = Session.start(load_scenario(Path(sys.argv[1])), Path(sys.argv[2]))
    session.engine.advance_to(15 * 60)
    session.commit()
    driver = RealtimeDriver(session)
    runner = asyncio.create_task(driver.run())
    command = c.Decide(actor="nctv", seat_kind="player", inject="cut", option="act",
                       client="laptop-1", id="c1")
    outcome = await driver.submit(command)
    print("acknowledged" if outcome.accepted else outcome.reason, flush=True)
    await asyncio.sleep(60)  # killed here
    await runner

asyncio.run(main())
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_a_command_id_is_applied_once_across_kill_and_resume(
    write_scenario: Callable[..., Path], tmp_path: Path
) -> None:
    source = write_scenario(scenario_text(roles=ROLES, injects=INJECTS, measures=MEASURES))
    path = tmp_path / "killed.db"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(source), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "acknowledged"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL

    session = Session.resume(path, durable=False)
    try:
        outcome, committed = session.submit(decide(option="wait"))
        assert (outcome.accepted, outcome.repeat, committed) == (True, True, [])
    finally:
        session.close()
    with Journal.open(path, readonly=True) as journal:
        taken = [e for e in journal.events() if e.kind == Kind.DECISION_TAKEN]
    assert [(e.payload["option"], e.payload["command_id"]) for e in taken] == [
        ("act", "laptop-1:c1")
    ]
