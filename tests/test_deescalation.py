"""The escalation ladder and recovery: L0 < L1 < L2 < L3, recovery (L4) is not above armed
conflict; lasting measures stay in force until they are lifted, and the debrief shows it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import scenario_text
from pydantic import ValidationError

from exercise.debrief import build_report
from exercise.journal import Journal
from exercise.model import Level, Scenario
from exercise.model.events import Kind
from exercise.model.scenario import Measure
from exercise.sim import commands as c
from exercise.sim.engine import Engine
from exercise.sim.headless import run_headless
from exercise.sim.players import AutoPlayer
from exercise.sim.session import Session

M = 60.0
LADDER = [Level.L0, Level.L1, Level.L2, Level.L3, Level.L4]

PHASES = """\
- {id: calm, title: Calm, level: L1, at: 0}
- {id: tense, title: Tense, level: L2, at: 10m}
- {id: war, title: War, level: L3, at: 20m}
- {id: after, title: Recovery, level: L4, at: 30m}
"""
MEASURES = """\
- {id: powers, title: Emergency powers, role: nctv, from_level: L2, lasting: true}
- {id: appeal, title: Public appeal, role: nctv, from_level: L1}
- {id: restore, title: Restoration, role: nctv, from_level: L4}
- {id: shelters, title: Shelters, role: nctv, levels: [L3, L4], lasting: true}
"""


def _measure(**fields: object) -> Measure:
    return Measure.model_validate({"id": "m", "title": "M", "role": "r", **fields})


def _available(measure: Measure) -> list[str]:
    return [level.value for level in LADDER if measure.available_at(level)]


def test_from_level_runs_up_the_ladder_to_armed_conflict_not_into_recovery() -> None:
    assert _available(_measure(from_level="L2")) == ["L2", "L3"]
    assert _available(_measure()) == ["L0", "L1", "L2", "L3"]
    assert _available(_measure(from_level="L4")) == ["L4"]


def test_levels_name_where_a_measure_may_be_taken() -> None:
    shelters = _measure(levels=["L4", "L3"])
    assert _available(shelters) == ["L3", "L4"]
    assert shelters.playbook is Level.L3


def test_from_level_and_levels_together_are_refused() -> None:
    with pytest.raises(ValidationError, match="give from_level or levels, not both"):
        _measure(from_level="L1", levels=["L2"])


@pytest.fixture
def scenario(load: Callable[[str], Scenario]) -> Scenario:
    return load(scenario_text(phases=PHASES, measures=MEASURES))


def _engine(scenario: Scenario, until: float) -> Engine:
    engine = Engine(scenario)
    engine.advance_to(until)
    return engine


def test_a_conflict_measure_is_refused_in_recovery(scenario: Scenario) -> None:
    engine = _engine(scenario, 31 * M)
    outcome = engine.submit(c.TakeMeasure(measure="powers", actor="nctv"))
    assert not outcome.accepted
    assert "available at L2, L3; the session is at L4" in outcome.reason
    assert engine.submit(c.TakeMeasure(measure="restore", actor="nctv")).accepted
    assert engine.submit(c.TakeMeasure(measure="shelters", actor="nctv")).accepted


def test_a_lasting_measure_is_lifted_once_by_its_role(scenario: Scenario) -> None:
    engine = _engine(scenario, 11 * M)
    assert not engine.submit(c.LiftMeasure(measure="powers", actor="nctv")).accepted  # not taken
    assert engine.submit(c.TakeMeasure(measure="powers", actor="nctv")).accepted
    engine.advance_to(31 * M)
    refused = engine.submit(c.LiftMeasure(measure="powers", actor="excon"))
    assert not refused.accepted and "only nctv can lift" in refused.reason
    lifted = engine.submit(
        c.LiftMeasure(measure="powers", actor="nctv", rationale="Ceasefire", informed=True)
    )
    assert lifted.accepted
    assert engine.state.lifted["powers"][1] == 31 * M
    again = engine.submit(c.LiftMeasure(measure="powers", actor="nctv"))
    assert not again.accepted and "already lifted" in again.reason
    [event] = [e for e in engine.take_pending() if e.kind == Kind.MEASURE_LIFTED]
    assert event.payload == {
        "measure": "powers",
        "role": "nctv",
        "rationale": "Ceasefire",
        "informed": True,
    }


def test_a_one_off_measure_cannot_be_lifted(scenario: Scenario) -> None:
    engine = _engine(scenario, 1 * M)
    assert engine.submit(c.TakeMeasure(measure="appeal", actor="nctv")).accepted
    refused = engine.submit(c.LiftMeasure(measure="appeal", actor="nctv"))
    assert not refused.accepted and "not a lasting measure" in refused.reason


def test_the_debrief_shows_what_was_in_force_and_what_was_lifted(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "j.db"
    session = Session.start(scenario, path, durable=False)
    try:
        for t, command in (
            (11 * M, c.TakeMeasure(measure="powers", actor="nctv")),
            (21 * M, c.TakeMeasure(measure="shelters", actor="nctv")),
            (32 * M, c.LiftMeasure(measure="powers", actor="nctv", informed=True)),
        ):
            session.engine.advance_to(t)
            session.submit(command, t)
        run_headless(session, AutoPlayer("none"))
    finally:
        session.close()
    with Journal.open(path, readonly=True) as journal:
        report = build_report(journal)
    rows = {m.measure: m for m in report.escalation.measures}
    powers, shelters = rows["powers"], rows["shelters"]
    assert powers.lasting and powers.lifted == 32 * M
    assert powers.lifted_level == "L4" and powers.informed
    assert shelters.lifted is None and shelters.from_level == "L3"
    in_force = next(f for f in report.summary.findings if "still in force" in f.text)
    assert in_force.text == "1 lasting measures still in force in recovery"
    assert in_force.evidence == ["Shelters (nctv): taken at T+00:21:00, not lifted"]
