"""Simulated players, headless play, determinism and resume.

The automatic policies and the decisions file stand in for crisis teams in a rehearsal;
what they do, and when, must follow from the scenario and the file alone, so that the
same inputs give the same journal and an interrupted session continues as if it never
stopped.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import position, scenario_text

from exercise.content.decisions import load_decisions
from exercise.content.problems import ContentError
from exercise.model import Scenario
from exercise.model.events import Event, Kind
from exercise.sim.headless import run_headless
from exercise.sim.players import AutoPlayer, FilePlayer, Player
from exercise.sim.session import Session
from exercise.sim.state import SessionState

Load = Callable[[str], Scenario]

M = 60.0
H = 3600.0

HEADER = """\
format: 1
id: players
title: Players test
duration: 2h
"""

PHASES = """\
- {id: calm, title: Calm, level: L1, at: 0}
- {id: tense, title: Tense, level: L2, at: 1h}
"""

ROLES = """\
- {id: nctv, title: NCTV chair, kind: player}
- {id: ezk, title: Energy ministry, kind: player}
- {id: excon, title: Exercise control, kind: facilitator}
"""

INDICATORS = """\
- {id: energy, title: Energy supply, pillar: vital-processes, start: 50, min: 0, max: 100}
"""

MEASURES = """\
- {id: convene, title: Convene the crisis team, role: nctv}
- {id: mobilise, title: Mobilise reserves, role: nctv, from_level: L2, effects: {energy: 5}}
"""

# cut: the first option is hold, the expected one act, the default wait (deadline 40m).
# leak: no deadline and no default; admit is expected of ezk.
INJECTS = """\
- id: cut
  at: 10m
  to: [nctv]
  title: Power cut
  text: The grid operator reports a regional power cut.
  pillars: [vital-processes]
  expected:
    - {option: act, within: 20m}
    - {role: nctv, measure: convene, within: 10m}
  decision:
    prompt: What now?
    deadline: 30m
    default: wait
    options:
      - {id: hold, label: Hold a meeting first}
      - {id: act, label: Act, effects: {energy: 10}}
      - {id: wait, label: Wait, effects: {energy: -20}}
- id: leak
  at: 20m
  to: [ezk, nctv]
  title: Leak
  text: A memo leaks.
  pillars: [vital-processes]
  expected:
    - {option: admit}
  decision:
    prompt: Respond?
    options:
      - {id: deny, label: Deny}
      - {id: admit, label: Admit}
"""

# More decisions with several options each, and injects that depend on them.
MORE_INJECTS = """\
- id: storm
  at: 50m
  to: [ezk]
  title: Storm
  text: A storm hits the coast.
  pillars: [vital-processes]
  decision:
    prompt: Evacuate?
    deadline: 20m
    default: stay
    options:
      - {id: evacuate, label: Evacuate, effects: {energy: -5}}
      - {id: shelter, label: Shelter in place}
      - {id: stay, label: Stay, effects: {energy: -15}}
- id: rumour
  when: "chosen(cut, wait) or missed(cut) or chosen(storm, stay)"
  after: 10m
  to: [nctv]
  title: Rumour
  text: A rumour spreads.
  pillars: [vital-processes]
  decision:
    prompt: Rebut?
    deadline: 15m
    default: ignore
    options:
      - {id: rebut, label: Rebut, effects: {energy: 5}}
      - {id: ignore, label: Ignore, effects: {energy: -5}}
"""


def build(load: Load, injects: str = INJECTS) -> Scenario:
    return load(
        scenario_text(
            header=HEADER,
            phases=PHASES,
            roles=ROLES,
            indicators=INDICATORS,
            injects=injects,
            measures=MEASURES,
        )
    )


def play(
    scenario: Scenario,
    path: Path,
    player: Player | None,
    *,
    seed: int = 0,
    until: float | None = None,
) -> Session:
    session = Session.start(scenario, path, seed=seed, durable=False)
    run_headless(session, player, until=until)
    return session


def events_of(session: Session) -> list[Event]:
    return list(session.journal.events())


def stream(events: list[Event]) -> list[tuple[str, float, str | None, dict[str, Any]]]:
    """The events as players and debriefs see them: no markers, wall times or hashes."""
    return [(e.kind, e.t, e.actor, e.payload) for e in events if e.kind != Kind.SESSION_RESUMED]


def snapshot(state: SessionState) -> dict[str, Any]:
    return {
        "indicators": dict(state.indicators),
        "delivered_at": dict(state.delivered_at),
        "decisions": {k: vars(v).copy() for k, v in state.decisions.items()},
        "expected": {k: (v.status, v.at) for k, v in state.expected.items()},
        "phase": state.phase,
        "measures": dict(state.measures),
        "self_decisions": list(state.self_decisions),
        "ended": state.ended,
        "rejected": state.rejected,
    }


def taken(session: Session) -> dict[str, tuple[str, str, float]]:
    """inject -> (role, option, time) of every decision taken."""
    return {
        e.payload["inject"]: (e.payload["role"], e.payload["option"], e.t)
        for e in events_of(session)
        if e.kind == Kind.DECISION_TAKEN
    }


# -- the automatic policies ------------------------------------------------------------


def test_policy_expected_does_what_the_scenario_expects_in_time(load: Load, tmp_path: Path) -> None:
    session = play(build(load), tmp_path / "j.db", AutoPlayer("expected"))
    state = session.engine.state
    decisions = taken(session)
    assert decisions["cut"][:2] == ("nctv", "act")
    assert decisions["leak"][:2] == ("ezk", "admit")
    assert "convene" in state.measures
    # everything expected is met, none of it late
    assert {k: v.status for k, v in state.expected.items()} == {
        ("cut", 0): "met",
        ("cut", 1): "met",
        ("leak", 0): "met",
    }
    assert state.rejected == 0
    session.close()


def test_policy_first_takes_the_first_option(load: Load, tmp_path: Path) -> None:
    session = play(build(load), tmp_path / "j.db", AutoPlayer("first"))
    assert {k: v[1] for k, v in taken(session).items()} == {"cut": "hold", "leak": "deny"}
    assert session.engine.state.measures == {}
    session.close()


def test_policy_default_takes_the_default_in_time_and_leaves_the_rest(
    load: Load, tmp_path: Path
) -> None:
    session = play(build(load), tmp_path / "j.db", AutoPlayer("default"))
    state = session.engine.state
    role, option, t = taken(session)["cut"]
    assert (role, option) == ("nctv", "wait")
    assert t < 40 * M  # chosen before the deadline, not applied when it passed
    assert not state.decisions["cut"].missed
    assert "leak" not in taken(session)  # leak has no default
    assert state.decisions["leak"].open
    session.close()


def test_policy_none_lets_every_deadline_pass(load: Load, tmp_path: Path) -> None:
    session = play(build(load), tmp_path / "j.db", AutoPlayer("none"))
    state = session.engine.state
    assert taken(session) == {}
    assert state.decisions["cut"].missed
    assert state.decisions["cut"].default_applied == "wait"
    assert state.indicators["energy"] == 30  # 50, and -20 from the default
    assert state.decisions["leak"].open
    session.close()


@pytest.mark.parametrize("seed", range(5))
def test_policy_random_picks_an_option_before_the_deadline(
    load: Load, tmp_path: Path, seed: int
) -> None:
    scenario = build(load, INJECTS + MORE_INJECTS)
    session = play(scenario, tmp_path / "j.db", AutoPlayer("random", seed=seed), seed=seed)
    state = session.engine.state
    assert state.rejected == 0
    for inject, (role, option, t) in taken(session).items():
        decision = scenario.inject_map[inject].decision
        assert decision is not None
        assert option in [o.id for o in decision.options]
        assert role == state.decisions[inject].role
        opened, deadline = state.decisions[inject].opened, state.decisions[inject].deadline
        assert opened < t and (deadline is None or t < deadline)
    assert {"cut", "leak", "storm"} <= set(taken(session))
    session.close()


def test_an_unknown_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown policy"):
        AutoPlayer("clever")


# -- the decisions file ----------------------------------------------------------------

DECISIONS = """\
format: 1
scenario: players
decisions:
  - {inject: cut, option: act, after: 5m, rationale: Inform the public at once}
  - {inject: leak, option: admit, after: 90s}
initiatives:
  - {at: 30m, role: ezk, text: Ask the operators for a status report, pillars: [vital-processes]}
  - {at: 45m, role: nctv, text: Brief the cabinet}
  - {at: 45m, role: ezk, text: Brief the cabinet}
measures:
  - {at: 5m, role: nctv, measure: convene}
  - {at: 50m, role: nctv, measure: mobilise}
  - {at: 61m, role: nctv, measure: mobilise}
"""


@pytest.fixture
def write_decisions(tmp_path: Path) -> Callable[[str], Path]:
    def write(text: str) -> Path:
        path = tmp_path / "decisions.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def test_a_decisions_file_is_played_at_its_times(
    load: Load, tmp_path: Path, write_decisions: Callable[[str], Path]
) -> None:
    scenario = build(load)
    plan = load_decisions(write_decisions(DECISIONS), scenario)
    session = play(scenario, tmp_path / "j.db", FilePlayer(plan))
    events = events_of(session)
    decisions = [
        (e.t, e.payload["inject"], e.payload["role"], e.payload["option"])
        for e in events
        if e.kind == Kind.DECISION_TAKEN
    ]
    # cut delivered at 10m, decided 5m later; leak delivered at 20m to ezk (its decider)
    assert decisions == [(15 * M, "cut", "nctv", "act"), (21.5 * M, "leak", "ezk", "admit")]
    cut = next(e for e in events if e.kind == Kind.DECISION_TAKEN)
    assert cut.payload["rationale"] == "Inform the public at once"
    initiatives = [
        (e.t, e.payload["role"], e.payload["text"]) for e in events if e.kind == Kind.SELF_DECISION
    ]
    assert sorted(initiatives) == [
        (30 * M, "ezk", "Ask the operators for a status report"),
        (45 * M, "ezk", "Brief the cabinet"),
        (45 * M, "nctv", "Brief the cabinet"),
    ]
    measures = [(e.t, e.payload["measure"]) for e in events if e.kind == Kind.MEASURE_TAKEN]
    assert measures == [(5 * M, "convene"), (61 * M, "mobilise")]
    # mobilise at 50m comes before tense (L2, at 1h): refused, and played again at 61m
    rejected = [(e.t, e.payload["command"]) for e in events if e.kind == Kind.COMMAND_REJECTED]
    assert [(t, cmd["measure"]) for t, cmd in rejected] == [(50 * M, "mobilise")]
    # convene at 5m, before cut arrived, meets what cut expects
    assert session.engine.state.expected[("cut", 1)].status == "met"
    session.close()


@pytest.mark.parametrize(
    ("entry", "needle", "message"),
    [
        ("decisions:\n  - {inject: cutt, option: act}", "cutt", "'cutt' is not an inject"),
        ("decisions:\n  - {inject: cut, option: panic}", "panic", "'panic' is not an option"),
        (
            "decisions:\n  - {inject: cut, option: act, role: mayor}",
            "mayor",
            "'mayor' is not a role",
        ),
        (
            "measures:\n  - {at: 5m, role: nctv, measure: evacuate}",
            "evacuate",
            "'evacuate' is not a measure",
        ),
        (
            "measures:\n  - {at: 5m, role: mayor, measure: convene}",
            "mayor",
            "'mayor' is not a role",
        ),
        ("initiatives:\n  - {at: 5m, role: mayor, text: Hello}", "mayor", "'mayor' is not a role"),
    ],
)
def test_a_decisions_file_naming_something_unknown_is_refused_with_its_place(
    load: Load,
    write_decisions: Callable[[str], Path],
    entry: str,
    needle: str,
    message: str,
) -> None:
    text = f"format: 1\n{entry}\n"
    path = write_decisions(text)
    with pytest.raises(ContentError) as info:
        load_decisions(path, build(load))
    [problem] = info.value.problems
    assert problem.file == str(path)
    assert (problem.line, problem.column) == position(text, needle)
    assert message in problem.message
    assert str(problem).startswith(f"{path}:{problem.line}:{problem.column}: ")


def test_a_decisions_file_for_another_scenario_is_refused(
    load: Load, write_decisions: Callable[[str], Path]
) -> None:
    text = "format: 1\nscenario: demo\ndecisions:\n  - {inject: cut, option: act}\n"
    path = write_decisions(text)
    with pytest.raises(ContentError) as info:
        load_decisions(path, build(load))
    [problem] = info.value.problems
    assert problem.line == 2
    assert "'demo'" in problem.message and "'players'" in problem.message


# -- determinism -----------------------------------------------------------------------


def test_the_same_decisions_file_gives_the_same_events(
    load: Load, tmp_path: Path, write_decisions: Callable[[str], Path]
) -> None:
    scenario = build(load, INJECTS + MORE_INJECTS)
    plan = load_decisions(write_decisions(DECISIONS), scenario)
    first = play(scenario, tmp_path / "a.db", FilePlayer(plan))
    second = play(scenario, tmp_path / "b.db", FilePlayer(plan))
    assert stream(events_of(first)) == stream(events_of(second))
    assert len(events_of(first)) > 20
    first.close()
    second.close()


def test_the_same_seed_gives_the_same_events_and_another_seed_others(
    load: Load, tmp_path: Path
) -> None:
    scenario = build(load, INJECTS + MORE_INJECTS)
    runs = [
        play(scenario, tmp_path / f"{n}.db", AutoPlayer("random", seed=seed), seed=seed)
        for n, seed in enumerate((11, 11, 12))
    ]
    same, again, other = (stream(events_of(s)) for s in runs)
    assert same == again
    assert same != other
    # the decisions themselves differ, not only a marker such as the seed
    choices = [
        [(e.t, e.payload["option"]) for e in events_of(s) if e.kind == Kind.DECISION_TAKEN]
        for s in runs
    ]
    assert choices[0] == choices[1] != choices[2]
    for session in runs:
        session.close()


# -- resume ----------------------------------------------------------------------------


def make_player(kind: str, scenario: Scenario, decisions: Path) -> Player:
    if kind == "file":
        return FilePlayer(load_decisions(decisions, scenario))
    return AutoPlayer(kind, seed=5)


@pytest.mark.parametrize("kind", ["expected", "random", "file"])
@pytest.mark.parametrize(
    "stop",
    [
        0.0,
        10 * M,  # cut just delivered
        11 * M,  # cut delivered, its decision and the expected measure still to come
        15 * M,  # the file's decision on cut
        21 * M,  # leak delivered, not yet decided
        40 * M,  # cut's deadline
        50 * M,  # the rejected measure
        62 * M,
    ],
)
def test_a_resumed_session_ends_as_an_uninterrupted_one(
    load: Load,
    tmp_path: Path,
    write_decisions: Callable[[str], Path],
    kind: str,
    stop: float,
) -> None:
    scenario = build(load, INJECTS + MORE_INJECTS)
    decisions = write_decisions(DECISIONS)
    whole = play(scenario, tmp_path / "whole.db", make_player(kind, scenario, decisions), seed=5)

    path = tmp_path / "parts.db"
    first = play(scenario, path, make_player(kind, scenario, decisions), seed=5, until=stop)
    assert not first.engine.ended
    first.close()
    resumed = Session.resume(path, durable=False)
    assert resumed.engine.state.seed == 5
    run_headless(resumed, make_player(kind, resumed.scenario, decisions))

    assert resumed.engine.ended
    assert snapshot(resumed.engine.state) == snapshot(whole.engine.state)
    events = events_of(resumed)
    assert [e.kind for e in events].count(Kind.SESSION_RESUMED) == 1
    assert stream(events) == stream(events_of(whole))
    whole.close()
    resumed.close()


def test_resuming_twice_is_still_exact(
    load: Load, tmp_path: Path, write_decisions: Callable[[str], Path]
) -> None:
    scenario = build(load, INJECTS + MORE_INJECTS)
    whole = play(scenario, tmp_path / "whole.db", AutoPlayer("expected"))
    path = tmp_path / "parts.db"
    play(scenario, path, AutoPlayer("expected"), until=11 * M).close()
    for stop in (21 * M, None):
        session = Session.resume(path, durable=False)
        run_headless(session, AutoPlayer("expected"), until=stop)
        final = snapshot(session.engine.state)
        events = stream(events_of(session))
        session.close()
    assert final == snapshot(whole.engine.state)
    assert events == stream(events_of(whole))
    whole.close()


def test_resuming_an_ended_session_adds_nothing_to_its_journal(load: Load, tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    first = play(build(load), path, AutoPlayer("first"))
    before = stream(events_of(first))
    first.close()
    session = Session.resume(path, durable=False)
    assert session.engine.ended
    run_headless(session, AutoPlayer("first"))
    assert stream(events_of(session)) == before
    assert session.journal.count() == len(before)
    session.close()
