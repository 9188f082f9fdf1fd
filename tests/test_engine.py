"""The simulation core: what happens when, as facilitators and players rely on it.

Each test builds a small scenario in YAML, drives `Engine` by hand (`advance_to` for the
passing of time, `submit` for commands) and reads the events it emitted. Times in the
scenarios are chosen so that every expected number can be worked out from the YAML.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import scenario_text

from exercise.model import Level, Scenario
from exercise.model.events import Kind, NewEvent
from exercise.sim import commands as c
from exercise.sim.engine import Engine
from exercise.sim.headless import run_headless
from exercise.sim.players import AutoPlayer
from exercise.sim.replay import replay_state
from exercise.sim.session import Session
from exercise.sim.state import SessionState

Load = Callable[[str], Scenario]

M = 60.0  # seconds in a minute
H = 3600.0

HEADER = """\
format: 1
id: core
title: Core test
duration: 2h
"""

PHASES = """\
- {id: calm, title: Calm, level: L1, at: 0}
- {id: tense, title: Tense, level: L2, at: 1h}
- {id: crisis, title: Crisis, level: L3, at: 90m}
"""

ROLES = """\
- {id: nctv, title: NCTV chair, kind: player}
- {id: ezk, title: Energy ministry, kind: player}
- {id: excon, title: Exercise control, kind: facilitator}
"""

INDICATORS = """\
- {id: energy, title: Energy supply, pillar: vital-processes, start: 50, min: 0, max: 100}
"""

# A decision on an inject: act (+10 energy) or wait (-20 energy); wait is the default.
DECISION = """\
decision:
  prompt: What now?
  deadline: 30m
  default: wait
  options:
    - {id: act, label: Act, effects: {energy: 10}}
    - {id: wait, label: Wait, effects: {energy: -20}}
"""


def inject(id_: str, trigger: str, body: str = "", to: str = "[nctv]") -> str:
    """One inject as a YAML list item; `trigger` is `at: ...` or `when: ...` lines."""
    lines = [
        f"id: {id_}",
        *textwrap.dedent(trigger).strip().splitlines(),
        f"to: {to}",
        f"title: Inject {id_}",
        f"text: Something happens ({id_}).",
        "pillars: [vital-processes]",
        *textwrap.dedent(body).strip().splitlines(),
    ]
    return "- " + "\n  ".join(line for line in lines if line) + "\n"


def build(
    load: Load,
    *injects: str,
    phases: str = PHASES,
    indicators: str = INDICATORS,
    measures: str | None = None,
    duration: str = "2h",
) -> Scenario:
    return load(
        scenario_text(
            header=HEADER.replace("2h", duration),
            phases=phases,
            roles=ROLES,
            indicators=indicators,
            injects="".join(injects) or None,
            measures=measures,
        )
    )


def of(engine: Engine, kind: str) -> list[NewEvent]:
    """The events of one kind the engine emitted so far (nothing is taken from `pending`)."""
    return [e for e in engine.pending if e.kind == kind]


def deliveries(engine: Engine) -> list[tuple[str, float]]:
    return [(e.payload["inject"], e.t) for e in of(engine, Kind.INJECT_DELIVERED)]


def decide(engine: Engine, t: float, inject: str, option: str, actor: str = "nctv") -> Any:
    return engine.submit(c.Decide(actor=actor, inject=inject, option=option), t)


def snapshot(state: SessionState) -> dict[str, Any]:
    """What facilitators and debriefs read from a state."""
    return {
        "indicators": dict(state.indicators),
        "delivered_at": dict(state.delivered_at),
        "decisions": {k: vars(v).copy() for k, v in state.decisions.items()},
        "expected": {k: (v.status, v.at) for k, v in state.expected.items()},
        "phase": state.phase,
        "level": state.level,
        "measures": dict(state.measures),
        "ended": state.ended,
    }


# -- the timeline -----------------------------------------------------------------------


def test_timeline_injects_are_delivered_at_their_scenario_time(load: Load) -> None:
    scenario = build(
        load,
        inject("later", "at: 25m", to="[nctv, ezk]"),
        inject("opening", "at: 0"),
        inject("cut", "at: 10m"),
    )
    engine = Engine(scenario)
    engine.advance_to(10 * M - 0.001)
    assert deliveries(engine) == [("opening", 0.0)]
    engine.advance_to(2 * H)
    assert deliveries(engine) == [("opening", 0.0), ("cut", 10 * M), ("later", 25 * M)]
    assert engine.state.delivered_at == {"opening": 0.0, "cut": 10 * M, "later": 25 * M}
    assert of(engine, Kind.INJECT_DELIVERED)[-1].payload["to"] == ["nctv", "ezk"]
    assert engine.state.recipients["later"] == ("nctv", "ezk")


def test_peek_names_the_next_timer_wherever_time_was_moved_to(load: Load) -> None:
    engine = Engine(build(load, inject("cut", "at: 10m"), inject("leak", "at: 25m")))
    assert engine.peek() == 10 * M
    engine.advance_to(5 * M + 0.1234)  # a realtime clock stops anywhere
    assert engine.peek() == 10 * M
    engine.advance_to(10 * M)
    assert engine.peek() == 25 * M
    assert engine.next_delivery() == 25 * M


def test_timed_phases_are_entered_at_their_time_with_their_level(load: Load) -> None:
    engine = Engine(build(load))
    assert (engine.state.phase, engine.state.level) == ("calm", Level.L1)
    engine.advance_to(H - 1)
    assert engine.state.phase == "calm"
    engine.advance_to(H)
    assert (engine.state.phase, engine.state.level) == ("tense", Level.L2)
    engine.advance_to(2 * H)
    entered = [
        (e.payload["phase"], e.t, e.payload["cause"]) for e in of(engine, Kind.PHASE_ENTERED)
    ]
    assert entered == [("calm", 0.0, "start"), ("tense", H, "time"), ("crisis", 90 * M, "time")]
    assert engine.state.level == Level.L3


ESCALATING = DECISION.replace(
    "- {id: wait, label: Wait, effects: {energy: -20}}",
    "- {id: wait, label: Wait, effects: {energy: -20}}\n"
    "    - {id: to-tense, label: Raise readiness, phase: tense}\n"
    "    - {id: to-war, label: Mobilise, phase: war}",
)
PHASES_WITH_WAR = PHASES + "- {id: war, title: War, level: L4}\n"


def test_an_option_enters_a_phase_that_has_no_time(load: Load) -> None:
    engine = Engine(build(load, inject("cut", "at: 10m", ESCALATING), phases=PHASES_WITH_WAR))
    outcome = decide(engine, 20 * M, "cut", "to-war")
    assert outcome.accepted
    assert (engine.state.phase, engine.state.level) == ("war", Level.L4)
    entered = of(engine, Kind.PHASE_ENTERED)[-1]
    assert (entered.payload["phase"], entered.t) == ("war", 20 * M)


def test_a_timed_phase_is_not_entered_again_after_an_option_reached_it(load: Load) -> None:
    engine = Engine(build(load, inject("cut", "at: 10m", ESCALATING), phases=PHASES_WITH_WAR))
    decide(engine, 20 * M, "cut", "to-tense")
    engine.advance_to(2 * H)
    entered = [(e.payload["phase"], e.t) for e in of(engine, Kind.PHASE_ENTERED)]
    # tense once, when the option entered it (not again at 1h); crisis at its own time
    assert entered == [("calm", 0.0), ("tense", 20 * M), ("crisis", 90 * M)]


def test_timed_phases_before_the_one_an_option_entered_are_skipped(load: Load) -> None:
    engine = Engine(build(load, inject("cut", "at: 10m", ESCALATING), phases=PHASES_WITH_WAR))
    decide(engine, 20 * M, "cut", "to-war")
    engine.advance_to(2 * H)
    entered = [e.payload["phase"] for e in of(engine, Kind.PHASE_ENTERED)]
    assert entered == ["calm", "war"]  # tense (1h) and crisis (90m) lie below war
    assert engine.state.level == Level.L4


def test_the_session_ends_at_its_duration(load: Load) -> None:
    engine = Engine(
        build(
            load,
            inject("last", "at: 45m"),
            duration="45m",
            phases="- {id: calm, title: Calm, level: L1, at: 0}",
        )
    )
    engine.advance_to(45 * M - 0.001)
    assert not engine.ended
    engine.advance_to(10 * H)
    ended = of(engine, Kind.SESSION_ENDED)
    assert len(ended) == 1 and ended[0].t == 45 * M
    assert engine.ended and engine.state.ended
    # an inject due at the very end is still delivered, before the end
    assert engine.pending[-1].kind == Kind.SESSION_ENDED
    assert ("last", 45 * M) in deliveries(engine)
    assert engine.peek() == float("inf")


# -- decisions with a deadline ---------------------------------------------------------


def test_a_decision_in_time_is_taken_with_its_latency_and_effects(load: Load) -> None:
    engine = Engine(build(load, inject("cut", "at: 10m", DECISION)))
    engine.advance_to(10 * M)
    opened = of(engine, Kind.DECISION_OPENED)
    assert [(e.payload["role"], e.payload["deadline"]) for e in opened] == [("nctv", 40 * M)]
    outcome = decide(engine, 25 * M, "cut", "act")
    assert outcome.accepted and outcome.reason == ""
    taken = of(engine, Kind.DECISION_TAKEN)
    assert len(taken) == 1
    assert taken[0].t == 25 * M
    assert taken[0].payload["option"] == "act"
    assert taken[0].payload["latency"] == 15 * M  # 25m decided - 10m delivered
    assert engine.state.indicators["energy"] == 60  # 50 + 10
    engine.advance_to(2 * H)
    assert of(engine, Kind.DECISION_MISSED) == []  # the deadline passes quietly
    assert engine.state.indicators["energy"] == 60  # and no default is applied
    decision = engine.state.decisions["cut"]
    assert (decision.option, decision.decided_at, decision.missed) == ("act", 25 * M, False)


def test_when_the_deadline_passes_the_decision_is_missed_and_the_default_applies(
    load: Load,
) -> None:
    engine = Engine(build(load, inject("cut", "at: 10m", DECISION)))
    engine.advance_to(40 * M - 0.001)
    assert of(engine, Kind.DECISION_MISSED) == []
    engine.advance_to(40 * M)
    missed = of(engine, Kind.DECISION_MISSED)
    assert len(missed) == 1
    assert missed[0].t == 40 * M  # 10m delivered + 30m deadline
    assert missed[0].payload == {"inject": "cut", "role": "nctv", "default": "wait"}
    assert engine.state.indicators["energy"] == 30  # 50 - 20, the default's effect
    decision = engine.state.decisions["cut"]
    assert decision.missed and decision.option is None and decision.default_applied == "wait"


def test_a_decision_without_a_deadline_stays_open(load: Load) -> None:
    body = "decision: {prompt: Well?, options: [{id: act, label: Act}]}"
    engine = Engine(build(load, inject("cut", "at: 10m", body)))
    engine.advance_to(2 * H - 1)
    assert engine.state.decisions["cut"].open
    assert decide(engine, 2 * H - 1, "cut", "act").accepted


def test_the_decider_defaults_to_the_first_recipient_and_can_be_named(load: Load) -> None:
    named = DECISION.replace("  prompt: What now?", "  role: nctv\n  prompt: What now?")
    engine = Engine(
        build(
            load,
            inject("first-to", "at: 10m", DECISION, to="[ezk, nctv]"),
            inject("named", "at: 10m", named, to="[ezk, nctv]"),
        )
    )
    engine.advance_to(10 * M)
    assert engine.state.decisions["first-to"].role == "ezk"
    assert engine.state.decisions["named"].role == "nctv"


# -- option effects and releases -------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "delta", "value"),
    [
        ("{id: energy, title: E, pillar: vital-processes, start: 95, min: 0, max: 100}", 20, 100),
        ("{id: energy, title: E, pillar: vital-processes, start: 20, min: 10, max: 100}", -50, 10),
        ("{id: energy, title: E, pillar: vital-processes, start: 20, min: -50, max: 30}", -50, -30),
    ],
)
def test_option_effects_are_clamped_to_the_indicator_range(
    load: Load, indicator: str, delta: float, value: float
) -> None:
    option = f"{{id: go, label: Go, effects: {{energy: {delta}}}}}"
    body = f"decision: {{prompt: Well?, options: [{option}]}}"
    engine = Engine(build(load, inject("cut", "at: 10m", body), indicators=f"- {indicator}"))
    start = engine.state.indicators["energy"]
    decide(engine, 15 * M, "cut", "go")
    assert engine.state.indicators["energy"] == value
    changed = of(engine, Kind.INDICATOR_CHANGED)
    assert [(e.payload["value"], e.payload["delta"]) for e in changed] == [(value, value - start)]
    assert engine.state.history["energy"] == [(0.0, start), (15 * M, value)]


def test_an_effect_at_the_bound_changes_nothing(load: Load) -> None:
    body = "decision: {prompt: Well?, options: [{id: go, label: Go, effects: {energy: 5}}]}"
    indicator = "- {id: energy, title: E, pillar: vital-processes, start: 100, max: 100}"
    engine = Engine(build(load, inject("cut", "at: 10m", body), indicators=indicator))
    assert decide(engine, 15 * M, "cut", "go").accepted
    assert of(engine, Kind.INDICATOR_CHANGED) == []
    assert engine.state.indicators["energy"] == 100


RELEASING = DECISION.replace(
    "{id: act, label: Act, effects: {energy: 10}}",
    "{id: act, label: Act, effects: {energy: 10}, release: [follow-up]}",
)


def test_an_option_releases_a_conditional_inject_after_its_delay(load: Load) -> None:
    scenario = build(load, inject("cut", "at: 10m", RELEASING), inject("follow-up", "after: 5m"))
    engine = Engine(scenario)
    decide(engine, 20 * M, "cut", "act")
    scheduled = of(engine, Kind.INJECT_SCHEDULED)
    assert [(e.t, e.payload["inject"], e.payload["due"]) for e in scheduled] == [
        (20 * M, "follow-up", 25 * M)
    ]
    engine.advance_to(25 * M - 0.001)
    assert "follow-up" not in engine.state.delivered_at
    engine.advance_to(2 * H)
    assert deliveries(engine) == [("cut", 10 * M), ("follow-up", 25 * M)]


def test_an_inject_no_option_released_is_never_delivered(load: Load) -> None:
    scenario = build(load, inject("cut", "at: 10m", RELEASING), inject("follow-up", "after: 5m"))
    engine = Engine(scenario)
    decide(engine, 20 * M, "cut", "wait")
    engine.advance_to(2 * H)
    assert deliveries(engine) == [("cut", 10 * M)]
    assert of(engine, Kind.INJECT_SCHEDULED) == []


# -- conditions ------------------------------------------------------------------------

MEASURES = """\
- {id: convene, title: Convene the crisis team, role: nctv}
- {id: mobilise, title: Mobilise reserves, role: nctv, from_level: L2, effects: {energy: 5}}
"""


@pytest.mark.parametrize(
    ("when", "commands", "armed_at"),
    [
        # the decision on cut (delivered 10m, deadline 40m) is missed
        ("missed(cut) or chosen(cut, wait)", [], 40 * M),
        # or wait is chosen before the deadline
        ("missed(cut) or chosen(cut, wait)", [(15 * M, "decide", "wait")], 15 * M),
        # wait (-20) takes energy from 50 to 30: not below 30...
        ("indicator(energy) < 30", [(15 * M, "decide", "wait")], None),
        # ...but at most 30
        ("indicator(energy) <= 30", [(15 * M, "decide", "wait")], 15 * M),
        ("phase(tense)", [], H),
        ("measure(convene)", [(33 * M, "measure", "convene")], 33 * M),
        ("delivered(cut)", [], 10 * M),
        ("decided(cut)", [(12 * M, "decide", "act")], 12 * M),
        ("chosen(cut, act)", [(15 * M, "decide", "wait")], None),
    ],
)
def test_a_condition_arms_its_inject_when_it_becomes_true(
    load: Load, when: str, commands: list[tuple[float, str, str]], armed_at: float | None
) -> None:
    scenario = build(
        load,
        inject("cut", "at: 10m", DECISION),
        inject("escalation", f'when: "{when}"\nafter: 7m'),
        measures=MEASURES,
    )
    engine = Engine(scenario)
    for t, what, name in commands:
        if what == "decide":
            assert decide(engine, t, "cut", name).accepted
        else:
            assert engine.submit(c.TakeMeasure(actor="nctv", measure=name), t).accepted
    engine.advance_to(2 * H)
    scheduled = [(e.t, e.payload["due"]) for e in of(engine, Kind.INJECT_SCHEDULED)]
    delivered = dict(deliveries(engine))
    if armed_at is None:
        assert scheduled == []
        assert "escalation" not in delivered
    else:
        assert scheduled == [(armed_at, armed_at + 7 * M)]
        assert delivered["escalation"] == armed_at + 7 * M


def test_a_condition_that_becomes_true_through_an_effect_arms_at_that_moment(
    load: Load,
) -> None:
    body = DECISION.replace("{energy: -20}", "{energy: -25}")  # 50 - 25 = 25 < 30
    scenario = build(
        load,
        inject("cut", "at: 10m", body),
        inject("blackout", 'when: "indicator(energy) < 30"\nafter: 5m'),
    )
    engine = Engine(scenario)
    engine.advance_to(2 * H)  # nobody decides: the default (wait) applies at 40m
    assert dict(deliveries(engine))["blackout"] == 45 * M


@pytest.mark.parametrize("when", ["phase(calm)", "indicator(energy) >= 50", "not delivered(cut)"])
def test_a_condition_true_at_the_start_arms_at_t0(load: Load, when: str) -> None:
    scenario = build(load, inject("cut", "at: 10m"), inject("early", f'when: "{when}"\nafter: 3m'))
    engine = Engine(scenario)
    scheduled = of(engine, Kind.INJECT_SCHEDULED)
    assert [(e.t, e.payload["due"]) for e in scheduled] == [(0.0, 3 * M)]
    engine.advance_to(2 * H)
    assert dict(deliveries(engine))["early"] == 3 * M


def test_a_conditional_inject_is_delivered_once_even_if_its_condition_holds_again(
    load: Load,
) -> None:
    scenario = build(
        load,
        inject("cut", "at: 10m"),
        inject("second", "at: 20m"),
        inject("echo", 'when: "delivered(cut) or delivered(second)"\nafter: 1m'),
    )
    engine = Engine(scenario)
    engine.advance_to(2 * H)
    assert [d for d in deliveries(engine) if d[0] == "echo"] == [("echo", 11 * M)]


# -- expected actions ------------------------------------------------------------------

EXPECTING = (
    """\
expected:
  - {option: act, within: 20m}
"""
    + DECISION
)


def expected_status(engine: Engine, inject_id: str = "cut", index: int = 0) -> tuple[str, Any]:
    item = engine.state.expected[(inject_id, index)]
    return item.status, item.at


def test_an_expected_option_chosen_within_the_time_is_met(load: Load) -> None:
    engine = Engine(build(load, inject("cut", "at: 10m", EXPECTING)))
    engine.advance_to(10 * M)
    assert expected_status(engine) == ("pending", None)
    decide(engine, 25 * M, "cut", "act")  # 15m after delivery, 20m allowed
    assert expected_status(engine) == ("met", 25 * M)
    met = of(engine, Kind.EXPECTED_MET)
    assert [(e.actor, e.payload["status"]) for e in met] == [("nctv", "met")]


def test_an_expected_option_chosen_after_its_time_is_late(load: Load) -> None:
    engine = Engine(build(load, inject("cut", "at: 10m", EXPECTING)))
    decide(engine, 35 * M, "cut", "act")  # 25m after delivery: after the 20m, before deadline
    assert expected_status(engine) == ("late", 35 * M)


def test_an_expected_option_is_missed_when_another_is_chosen(load: Load) -> None:
    engine = Engine(build(load, inject("cut", "at: 10m", EXPECTING)))
    decide(engine, 15 * M, "cut", "wait")
    assert expected_status(engine) == ("missed", 15 * M)
    missed = of(engine, Kind.EXPECTED_MISSED)
    assert len(missed) == 1 and "wait" in missed[0].payload["reason"]


def test_an_expected_option_is_missed_when_the_deadline_passes(load: Load) -> None:
    engine = Engine(build(load, inject("cut", "at: 10m", EXPECTING)))
    engine.advance_to(2 * H)
    assert expected_status(engine) == ("missed", 40 * M)
    missed = of(engine, Kind.EXPECTED_MISSED)
    assert len(missed) == 1 and "deadline" in missed[0].payload["reason"]
    # the default (wait) being applied does not count as choosing the expected option
    assert engine.state.indicators["energy"] == 30


MEASURE_EXPECTED = """\
expected:
  - {role: nctv, measure: convene, within: 15m}
"""


@pytest.mark.parametrize(
    ("taken_at", "status", "at"),
    [
        (20 * M, "met", 20 * M),  # 10m after delivery
        (30 * M, "late", 30 * M),  # 20m after delivery, 15m allowed
        (5 * M, "met", 10 * M),  # before the delivery: met when the inject arrives
    ],
)
def test_an_expected_measure_is_met_when_the_measure_is_taken(
    load: Load, taken_at: float, status: str, at: float
) -> None:
    scenario = build(load, inject("cut", "at: 10m", MEASURE_EXPECTED), measures=MEASURES)
    engine = Engine(scenario)
    assert engine.submit(c.TakeMeasure(actor="nctv", measure="convene"), taken_at).accepted
    engine.advance_to(H)
    assert expected_status(engine) == (status, at)


def test_a_measure_taken_by_another_role_does_not_meet_the_expectation(load: Load) -> None:
    measures = "- {id: convene, title: Convene, role: ezk}\n"
    body = "expected:\n  - {role: nctv, measure: convene}\n"
    engine = Engine(build(load, inject("cut", "at: 10m", body), measures=measures))
    assert engine.submit(c.TakeMeasure(actor="ezk", measure="convene"), 5 * M).accepted
    engine.advance_to(2 * H)
    assert expected_status(engine)[0] == "missed"


def test_pending_expectations_are_missed_at_the_end_but_observed_actions_stay_pending(
    load: Load,
) -> None:
    body = (
        "expected:\n"
        "  - {role: nctv, measure: convene}\n"
        "  - {role: nctv, action: Briefs the mayors}\n"
        "  - {option: act}\n"
        "decision: {prompt: Well?, options: [{id: act, label: Act}, {id: wait, label: Wait}]}\n"
    )
    engine = Engine(build(load, inject("cut", "at: 10m", body), measures=MEASURES))
    engine.advance_to(2 * H)
    assert expected_status(engine, index=0) == ("missed", 2 * H)
    assert expected_status(engine, index=1) == ("pending", None)  # the evaluator's call
    assert expected_status(engine, index=2) == ("missed", 2 * H)
    missed = of(engine, Kind.EXPECTED_MISSED)
    assert {e.payload["index"] for e in missed} == {0, 2}
    assert all(e.t == 2 * H for e in missed)
    assert engine.pending[-1].kind == Kind.SESSION_ENDED  # settled before the end is logged


def test_an_expectation_is_created_only_when_its_inject_is_delivered(load: Load) -> None:
    engine = Engine(build(load, inject("cut", "at: 10m", EXPECTING)))
    assert engine.state.expected == {}
    engine.advance_to(10 * M)
    item = engine.state.expected[("cut", 0)]
    assert (item.role, item.due) == ("nctv", 30 * M)  # the decider; delivery + within


# -- measures --------------------------------------------------------------------------


def take(engine: Engine, t: float, measure: str, actor: str = "nctv") -> Any:
    return engine.submit(c.TakeMeasure(actor=actor, measure=measure), t)


def test_a_measure_is_available_from_its_level_only(load: Load) -> None:
    engine = Engine(build(load, measures=MEASURES))
    early = take(engine, 59 * M, "mobilise")
    assert not early.accepted
    assert "L2" in early.reason and "L1" in early.reason
    assert engine.state.measures == {}
    assert engine.state.indicators["energy"] == 50
    # at 1h the phase tense (L2) starts; a command at 1h comes after it
    later = take(engine, H, "mobilise")
    assert later.accepted
    assert engine.state.measures == {"mobilise": ("nctv", H)}
    assert engine.state.indicators["energy"] == 55  # its effect: +5


def test_a_measure_is_taken_only_by_its_role_and_only_once(load: Load) -> None:
    engine = Engine(build(load, measures=MEASURES))
    other = take(engine, 5 * M, "convene", actor="ezk")
    assert not other.accepted and "nctv" in other.reason
    assert engine.state.measures == {}
    assert take(engine, 6 * M, "convene").accepted
    again = take(engine, 7 * M, "convene")
    assert not again.accepted and "already" in again.reason
    assert engine.state.measures == {"convene": ("nctv", 6 * M)}
    assert len(of(engine, Kind.MEASURE_TAKEN)) == 1
    unknown = take(engine, 8 * M, "evacuate")
    assert not unknown.accepted and "evacuate" in unknown.reason


# -- the ordering rule -----------------------------------------------------------------


def test_a_decision_stamped_at_the_deadline_comes_after_the_deadline(load: Load) -> None:
    engine = Engine(build(load, inject("cut", "at: 10m", DECISION)))
    outcome = decide(engine, 40 * M, "cut", "act")
    assert not outcome.accepted
    assert "deadline" in outcome.reason
    kinds = [e.kind for e in engine.pending if e.t == 40 * M]
    assert kinds.index(Kind.DECISION_MISSED) < kinds.index(Kind.COMMAND_REJECTED)
    assert engine.state.decisions["cut"].option is None
    assert engine.state.indicators["energy"] == 30  # the default, not act


def test_a_decision_stamped_at_the_delivery_time_comes_after_the_delivery(load: Load) -> None:
    engine = Engine(build(load, inject("cut", "at: 10m", DECISION)))
    outcome = decide(engine, 10 * M, "cut", "act")
    assert outcome.accepted
    assert of(engine, Kind.DECISION_TAKEN)[0].payload["latency"] == 0


def test_a_command_stamped_at_the_end_is_rejected(load: Load) -> None:
    engine = Engine(build(load))
    outcome = engine.submit(c.Pause(), 2 * H)
    assert not outcome.accepted and "ended" in outcome.reason


def test_a_command_stamped_in_the_past_is_applied_now(load: Load) -> None:
    engine = Engine(build(load, inject("cut", "at: 10m", DECISION)))
    engine.advance_to(20 * M)
    outcome = decide(engine, 5 * M, "cut", "act")
    assert outcome.accepted and outcome.t == 20 * M
    assert of(engine, Kind.DECISION_TAKEN)[0].payload["latency"] == 10 * M


# -- replay ----------------------------------------------------------------------------

MANY_DECISIONS = [
    inject("cut", "at: 10m", EXPECTING),
    inject("leak", "at: 20m", DECISION.replace("act, label", "deny, label"), to="[ezk]"),
    inject(
        "storm",
        "at: 50m",
        DECISION.replace("wait, label", "hide, label").replace("default: wait", "default: hide"),
    ),
    inject("follow", 'when: "chosen(cut, act) or missed(leak)"\nafter: 10m'),
    inject("alarm", 'when: "indicator(energy) < 40"\nafter: 2m'),
]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_replay_rebuilds_the_state_the_engine_had(load: Load, tmp_path: Path, seed: int) -> None:
    scenario = build(load, *MANY_DECISIONS, measures=MEASURES)
    session = Session.start(scenario, tmp_path / "run.db", seed=seed, durable=False)
    run_headless(session, AutoPlayer("random", seed=seed))
    events = list(session.journal.events())
    replayed = replay_state(scenario, events)
    assert snapshot(replayed) == snapshot(session.engine.state)
    assert replayed.ended
    session.close()


@pytest.mark.parametrize("until", [0.0, 10 * M, 25 * M, 40 * M, H, 2 * H])
def test_replay_until_a_time_matches_a_run_stopped_at_that_time(
    load: Load, tmp_path: Path, until: float
) -> None:
    scenario = build(load, *MANY_DECISIONS, measures=MEASURES)
    full = Session.start(scenario, tmp_path / "full.db", seed=7, durable=False)
    run_headless(full, AutoPlayer("random", seed=7))
    stopped = Session.start(scenario, tmp_path / "stopped.db", seed=7, durable=False)
    run_headless(stopped, AutoPlayer("random", seed=7), until=until)
    replayed = replay_state(scenario, full.journal.events(), until=until)
    assert snapshot(replayed) == snapshot(stopped.engine.state)
    assert replayed.t == until
    full.close()
    stopped.close()


def test_a_replayed_session_keeps_its_seed_and_the_facilitators_speed(
    load: Load, tmp_path: Path
) -> None:
    """resume and replay rebuild the clock's speed and the random policy's seed from the
    journal: a resumed session runs as fast as the facilitator last set it."""
    scenario = load(scenario_text())
    session = Session.start(scenario, tmp_path / "speed.db", seed=7, durable=False)
    session.submit(c.SetSpeed(speed=20), 60.0)
    events = list(session.journal.events())
    session.close()
    started = replay_state(scenario, events[:1])
    assert (started.seed, started.speed) == (7, scenario.speed)
    later = replay_state(scenario, events)
    assert (later.seed, later.speed) == (7, 20)
    resumed = Session.resume(tmp_path / "speed.db", durable=False)
    try:
        assert (resumed.engine.state.seed, resumed.engine.state.speed) == (7, 20)
    finally:
        resumed.close()
