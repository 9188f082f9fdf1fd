"""What a seat is told when its command is refused: a player one neutral reason whatever
the cause (the journal keeps the precise one), and "already decided by ..." when another
seat of its role took the decision first."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import scenario_text
from test_authority import INJECTS, MEASURES, ROLES, every_facilitator_command

from exercise.model import Scenario
from exercise.model.events import Kind
from exercise.seats.refusal import NEUTRAL, NOT_RECORDED, seat_reason
from exercise.sim import commands as c
from exercise.sim.engine import Engine, Outcome

M = 60.0
P = c.SeatKind.PLAYER


@pytest.fixture
def engine(load: Callable[[str], Scenario]) -> Engine:
    engine = Engine(load(scenario_text(roles=ROLES, injects=INJECTS, measures=MEASURES)))
    engine.advance_to(15 * M)  # cut is delivered to nctv, leak (at 50m) not yet to ezk
    return engine


def told(engine: Engine, command: c.Command) -> tuple[str, str]:
    """What the seat is told, and the precise reason the journal keeps."""
    outcome = engine.submit(command)
    rejected = [e for e in outcome.events if e.kind == Kind.COMMAND_REJECTED]
    journaled = rejected[0].payload["reason"] if rejected else ""
    return seat_reason(command, outcome, engine.state), journaled


def test_a_player_is_told_one_reason_whatever_the_cause(engine: Engine) -> None:
    player = {"actor": "ezk", "seat_kind": P}
    commands = [
        c.Decide(inject="no-such-inject", option="x", **player),  # an unknown id
        c.Decide(inject="leak", option="x", **player),  # not delivered yet (and no decision)
        c.Decide(inject="cut", option="act", **player),  # another role's decision
        c.TakeMeasure(measure="convene", **player),  # another role's measure
        c.TakeMeasure(measure="no-such-measure", **player),
        *every_facilitator_command(**player),
    ]
    precise = set()
    for command in commands:
        shown, journaled = told(engine, command)
        assert shown == NEUTRAL, command
        precise.add(journaled)
    assert len(precise) == len(commands)  # the journal tells each cause apart
    assert any("'leak'" in reason for reason in precise)
    assert any("only nctv" in reason for reason in precise)


def test_exercise_control_is_told_the_precise_reason(engine: Engine) -> None:
    command = c.Decide(actor="nctv", seat_kind=c.SeatKind.FACILITATOR, inject="leak", option="x")
    shown, journaled = told(engine, command)
    assert shown == journaled and "'leak'" in shown


def test_a_second_seat_of_the_role_hears_who_decided(engine: Engine) -> None:
    def decide(client: str, option: str) -> c.Decide:
        return c.Decide(
            actor="nctv", seat_kind=P, inject="cut", option=option, client=client, id="d"
        )

    names = {"seat-a": "Anna (NCTV)"}
    first = engine.submit(decide("seat-a", "act"))
    assert seat_reason(decide("seat-a", "act"), first, engine.state) == ""
    second = decide("seat-b", "wait")
    outcome = engine.submit(second)
    shown = seat_reason(second, outcome, engine.state, lambda cid: names.get(cid.split(":")[0]))
    assert shown == "already decided by Anna (NCTV) at T+00:15:00"
    # without a name for the seat, the role
    assert seat_reason(second, outcome, engine.state).startswith("already decided by nctv at")
    # sent again, the same answer
    again = engine.submit(second)
    assert again.repeat
    assert seat_reason(second, again, engine.state).startswith("already decided by nctv")


def test_a_command_the_engine_never_saw_is_not_recorded(engine: Engine) -> None:
    command = c.Decide(actor="nctv", seat_kind=P, inject="cut", option="act")
    outcome = Outcome(False, "not recorded: the disk is full", (), engine.now)
    assert seat_reason(command, outcome, engine.state) == NOT_RECORDED
