"""Commands: what the facilitator and the players ask of the core, and what it refuses.

A refused command leaves the session as it was, apart from one `command-rejected` event
that names the command and says why.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import scenario_text

from exercise.content.loader import load_catalogue
from exercise.model import Scenario
from exercise.model.events import Kind, NewEvent
from exercise.sim import commands as c
from exercise.sim.engine import Engine, Outcome

Load = Callable[[str], Scenario]

M = 60.0
H = 3600.0

ROLES = """\
- {id: nctv, title: NCTV chair, kind: player}
- {id: ezk, title: Energy ministry, kind: player}
- {id: excon, title: Exercise control, kind: facilitator}
"""

INDICATORS = """\
- {id: energy, title: Energy supply, pillar: vital-processes, start: 50, min: 0, max: 100}
"""

OBJECTIVES = """\
- {id: obj-supply, pillar: vital-processes, text: Keep the lights on}
"""

# cut at 10m (decided by nctv within 30m; default wait), leak at 25m, echo released by act.
INJECTS = """\
- id: cut
  at: 10m
  to: [nctv, ezk]
  title: Power cut
  text: The grid operator reports a regional power cut.
  pillars: [vital-processes]
  decision:
    prompt: What now?
    deadline: 30m
    default: wait
    options:
      - {id: act, label: Act, effects: {energy: 10}, release: [echo]}
      - {id: wait, label: Wait, effects: {energy: -20}}
- {id: leak, at: 25m, to: [ezk], title: Leak, text: A leak., pillars: [vital-processes]}
- {id: echo, after: 5m, to: [nctv], title: Echo, text: Echo., pillars: [vital-processes]}
"""

CATALOGUE = """\
format: 1
templates:
  - id: fake-news
    title: Fake news spreads
    text: A fabricated story about rationing goes viral.
    method: social
    pillars: [resilient-society]
"""


@pytest.fixture
def scenario(load: Load) -> Scenario:
    return load(
        scenario_text(roles=ROLES, indicators=INDICATORS, objectives=OBJECTIVES, injects=INJECTS)
    )


@pytest.fixture
def engine(scenario: Scenario) -> Engine:
    return Engine(scenario)


def of(engine: Engine, kind: str) -> list[NewEvent]:
    return [e for e in engine.pending if e.kind == kind]


def delivered(engine: Engine, inject: str) -> list[float]:
    return [e.t for e in of(engine, Kind.INJECT_DELIVERED) if e.payload["inject"] == inject]


def state_view(engine: Engine) -> dict[str, Any]:
    """Every field of the state except what any event moves (its time, the counters)."""
    state = engine.state
    return {
        f.name: repr(getattr(state, f.name))
        for f in dataclasses.fields(state)
        if f.name not in ("rejected", "events", "t", "scenario")
    }


def assert_rejected(engine: Engine, command: c.Command, t: float, *words: str) -> Outcome:
    """Submit `command` at `t` (timers up to `t` fire first) and check that it is refused:
    one command-rejected event with the reason, and nothing else changed."""
    engine.advance_to(t)
    before, rejected, mark = state_view(engine), engine.state.rejected, len(engine.pending)
    outcome = engine.submit(command, t)
    assert not outcome.accepted
    for word in words:
        assert word in outcome.reason
    new = engine.pending[mark:]
    assert [e.kind for e in new] == [Kind.COMMAND_REJECTED]
    assert new[0].payload["reason"] == outcome.reason
    assert new[0].payload["command"] == command.model_dump(mode="json")
    assert new[0].actor == command.actor
    assert state_view(engine) == before
    assert engine.state.rejected == rejected + 1
    return outcome


def decide(inject: str = "cut", option: str = "act", actor: str = "nctv") -> c.Decide:
    return c.Decide(actor=actor, inject=inject, option=option)


# -- decisions that are refused --------------------------------------------------------


def test_a_second_decision_on_the_same_point_is_rejected(engine: Engine) -> None:
    assert engine.submit(decide(option="wait"), 15 * M).accepted
    assert_rejected(engine, decide(option="act"), 16 * M, "already decided", "nctv")
    assert engine.state.decisions["cut"].option == "wait"
    assert len(of(engine, Kind.DECISION_TAKEN)) == 1


def test_a_decision_after_the_deadline_is_rejected(engine: Engine) -> None:
    assert_rejected(engine, decide(), 41 * M, "deadline")
    assert engine.state.decisions["cut"].missed


def test_a_decision_by_a_role_that_does_not_decide_is_rejected(engine: Engine) -> None:
    # ezk receives the inject but nctv decides it
    assert_rejected(engine, decide(actor="ezk"), 15 * M, "only nctv")
    assert_rejected(engine, decide(actor="excon"), 15 * M, "only nctv")
    assert engine.state.decisions["cut"].open


def test_a_decision_with_an_unknown_option_is_rejected(engine: Engine) -> None:
    assert_rejected(engine, decide(option="panic"), 15 * M, "'panic'", "not an option")
    assert engine.state.decisions["cut"].open


def test_a_decision_on_an_inject_not_delivered_yet_is_rejected(engine: Engine) -> None:
    assert_rejected(engine, decide(), 5 * M, "not been delivered")
    # the refusal does not spoil the decision once the inject arrives
    assert engine.submit(decide(), 15 * M).accepted


@pytest.mark.parametrize("inject", ["leak", "nonsense"])
def test_a_decision_on_an_inject_without_a_decision_is_rejected(
    engine: Engine, inject: str
) -> None:
    assert_rejected(engine, decide(inject=inject), 30 * M, "no decision")


def test_a_rejected_command_is_not_a_reason_to_stop(engine: Engine) -> None:
    assert_rejected(engine, decide(option="panic"), 15 * M)
    engine.advance_to(2 * H)
    assert engine.ended
    assert engine.state.decisions["cut"].missed


# -- the clock -------------------------------------------------------------------------


def test_pause_and_resume(engine: Engine) -> None:
    outcome = engine.submit(c.Pause(), 5 * M)
    assert outcome.accepted and engine.state.paused
    assert [(e.kind, e.t, e.actor) for e in outcome.events] == [(Kind.PAUSED, 5 * M, "facilitator")]
    assert_rejected(engine, c.Pause(), 5 * M, "already paused")
    assert engine.submit(c.Resume(), 5 * M).accepted
    assert not engine.state.paused
    assert_rejected(engine, c.Resume(), 6 * M, "not paused")


def test_set_speed(engine: Engine) -> None:
    outcome = engine.submit(c.SetSpeed(speed=30), 5 * M)
    assert outcome.accepted
    assert engine.state.speed == 30
    assert of(engine, Kind.SPEED_SET)[0].payload == {"speed": 30}


def test_jump_next_names_the_next_due_delivery(engine: Engine) -> None:
    first = engine.submit(c.JumpNext(), 2 * M)
    assert [(e.kind, e.payload) for e in first.events] == [(Kind.JUMPED, {"to": 10 * M})]
    assert engine.submit(decide(), 12 * M).accepted  # releases echo, due at 17m
    second = engine.submit(c.JumpNext(), 12 * M)
    assert second.events[0].payload == {"to": 17 * M}
    engine.advance_to(30 * M)  # echo (17m) and leak (25m) delivered: nothing is left
    assert_rejected(engine, c.JumpNext(), 30 * M, "no inject")


def test_jump_next_skips_a_held_inject(engine: Engine) -> None:
    assert engine.submit(c.Hold(inject="cut"), 1 * M).accepted
    outcome = engine.submit(c.JumpNext(), 2 * M)
    assert outcome.events[0].payload == {"to": 25 * M}  # leak, not the held cut


# -- firing, holding and releasing injects ---------------------------------------------


def test_fire_a_timeline_inject_now(engine: Engine) -> None:
    outcome = engine.submit(c.FireInject(inject="cut", actor="excon"), 4 * M)
    assert outcome.accepted
    assert delivered(engine, "cut") == [4 * M]
    fired = of(engine, Kind.INJECT_DELIVERED)[-1]  # the debrief says it came early, and why
    assert fired.payload["cause"] == "fired by the facilitator"
    # its decision opens now, with the deadline counted from now
    assert engine.state.decisions["cut"].deadline == 34 * M
    engine.advance_to(2 * H)
    assert delivered(engine, "cut") == [4 * M]  # not delivered again at 10m
    assert engine.state.decisions["cut"].missed
    assert of(engine, Kind.DECISION_MISSED)[0].t == 34 * M


def test_fire_an_inject_already_delivered_is_rejected(engine: Engine) -> None:
    assert_rejected(engine, c.FireInject(inject="cut"), 11 * M, "already delivered")


def test_fire_a_conditional_inject_now(engine: Engine) -> None:
    assert engine.submit(c.FireInject(inject="echo"), 3 * M).accepted
    assert delivered(engine, "echo") == [3 * M]
    assert engine.submit(decide(), 12 * M).accepted  # act would release echo: it is out
    engine.advance_to(2 * H)
    assert delivered(engine, "echo") == [3 * M]


def test_fire_a_held_inject(engine: Engine) -> None:
    assert engine.submit(c.Hold(inject="leak"), 1 * M).accepted
    assert engine.submit(c.FireInject(inject="leak"), 30 * M).accepted
    assert "leak" not in engine.state.held
    engine.advance_to(2 * H)
    assert delivered(engine, "leak") == [30 * M]


@pytest.fixture
def templates(write_catalogue: Callable[..., Path]) -> dict[str, Any]:
    folder = write_catalogue(CATALOGUE).parent
    return {k: e.template for k, e in load_catalogue([folder]).entries.items()}


def test_fire_a_catalogue_template_as_an_ad_hoc_inject(
    scenario: Scenario, templates: dict[str, Any]
) -> None:
    engine = Engine(scenario, templates=templates)
    # exercise control may also send it to itself (a non-player role), e.g. to log it
    command = c.FireInject(inject="fake-news", to=("nctv", "ezk", "excon"), actor="excon")
    outcome = engine.submit(command, 7 * M)
    assert outcome.accepted
    adhoc, delivery = outcome.events
    assert adhoc.kind == Kind.ADHOC_INJECT
    assert adhoc.actor == "excon"
    assert adhoc.payload["template"] == "fake-news"
    assert adhoc.payload["title"] == "Fake news spreads"
    assert adhoc.payload["text"] == "A fabricated story about rationing goes viral."
    assert adhoc.payload["sender"] == ""  # the template names none
    assert adhoc.payload["method"] == "social"
    assert adhoc.payload["pillars"] == ["resilient-society"]
    assert delivery.kind == Kind.INJECT_DELIVERED
    assert delivery.payload["inject"] == adhoc.payload["inject"]
    assert delivery.payload["to"] == ["nctv", "ezk", "excon"]
    assert engine.state.delivered_at[adhoc.payload["inject"]] == 7 * M


def test_a_catalogue_template_needs_recipients(
    scenario: Scenario, templates: dict[str, Any]
) -> None:
    engine = Engine(scenario, templates=templates)
    assert_rejected(engine, c.FireInject(inject="fake-news"), 7 * M, "who receives")
    assert_rejected(
        engine, c.FireInject(inject="fake-news", to=("mayor",)), 7 * M, "'mayor'", "not a role"
    )


def test_fire_something_that_is_neither_inject_nor_template_is_rejected(
    scenario: Scenario, templates: dict[str, Any]
) -> None:
    engine = Engine(scenario, templates=templates)
    assert_rejected(engine, c.FireInject(inject="fake-newz", to=("nctv",)), 7 * M, "fake-newz")


def test_an_ad_hoc_inject_is_delivered_to_its_roles(engine: Engine) -> None:
    command = c.AdhocInject(title="Rumour", text="A rumour spreads.", to=("ezk",))
    first = engine.submit(command, 3 * M)
    second = engine.submit(command, 4 * M)
    ids = [o.events[0].payload["inject"] for o in (first, second)]
    assert len(set(ids)) == 2  # each ad-hoc inject has its own id
    assert [engine.state.delivered_at[i] for i in ids] == [3 * M, 4 * M]
    assert engine.state.recipients[ids[0]] == ("ezk",)


def _adhoc_decision(
    template: str | None = "fake-news", default: str | None = "Rebut", **decision: Any
) -> c.AdhocInject:
    spec: dict[str, Any] = {
        "role": "nctv",
        "prompt": "Rebut the story?",
        "options": ("Rebut", "Ignore"),
        "deadline": 10 * M,
        "default": default,
    }
    spec.update(decision)
    return c.AdhocInject(
        title="Fake news spreads",
        text="A fabricated story about rationing goes viral.",
        to=("nctv", "ezk"),
        pillars=("resilient-society",),
        method="social",
        template=template,
        decision=c.AdhocDecision(**spec),
    )


def test_an_ad_hoc_decision_from_a_template_is_decided_by_its_role(
    scenario: Scenario, templates: dict[str, Any]
) -> None:
    engine = Engine(scenario, templates=templates)
    outcome = engine.submit(_adhoc_decision(), 3 * M)
    assert outcome.accepted
    adhoc, delivery, opened = outcome.events
    inject = adhoc.payload["inject"]
    assert adhoc.payload["template"] == "fake-news"
    assert adhoc.payload["decision"]["options"] == ["Rebut", "Ignore"]
    assert (delivery.kind, delivery.payload["to"]) == (Kind.INJECT_DELIVERED, ["nctv", "ezk"])
    assert opened.kind == Kind.DECISION_OPENED
    assert opened.payload == {"inject": inject, "role": "nctv", "deadline": 13 * M}
    # ezk receives it but nctv decides; options are the labels the facilitator wrote
    assert_rejected(engine, decide(inject, "Rebut", actor="ezk"), 4 * M, "only nctv")
    assert_rejected(engine, decide(inject, "Panic"), 4 * M, "'Panic'", "not an option")
    taken = engine.submit(decide(inject, "Ignore"), 5 * M)
    assert taken.accepted
    assert [(e.kind, e.payload["option"], e.payload["latency"]) for e in taken.events] == [
        (Kind.DECISION_TAKEN, "Ignore", 2 * M)
    ]
    assert engine.state.decisions[inject].option == "Ignore"
    engine.advance_to(20 * M)  # the deadline timer finds it decided: nothing happens
    assert not [e for e in of(engine, Kind.DECISION_MISSED) if e.payload["inject"] == inject]
    assert_rejected(engine, decide(inject, "Rebut"), 21 * M, "already decided")


def test_an_ad_hoc_decision_missed_at_its_deadline_applies_its_default(
    scenario: Scenario, templates: dict[str, Any]
) -> None:
    engine = Engine(scenario, templates=templates)
    inject = engine.submit(_adhoc_decision(), 3 * M).events[0].payload["inject"]
    engine.advance_to(13 * M - 1)
    assert engine.state.decisions[inject].open
    engine.advance_to(13 * M)
    [missed] = [e for e in of(engine, Kind.DECISION_MISSED) if e.payload["inject"] == inject]
    assert (missed.t, missed.actor, missed.payload["default"]) == (13 * M, "nctv", "Rebut")
    decision = engine.state.decisions[inject]
    assert decision.missed and decision.default_applied == "Rebut"
    assert_rejected(engine, decide(inject, "Ignore"), 14 * M, "deadline")
    # without a default, the deadline passes with nothing applied; without a deadline,
    # the decision stays open to the end
    second = engine.submit(_adhoc_decision(template=None, default=None), 15 * M)
    third = engine.submit(_adhoc_decision(default=None, deadline=None), 15 * M)
    engine.advance_to(2 * H)
    second_id, third_id = (o.events[0].payload["inject"] for o in (second, third))
    assert engine.state.decisions[second_id].missed
    assert engine.state.decisions[second_id].default_applied is None
    assert engine.state.decisions[third_id].open


def test_an_ad_hoc_decision_deadline_survives_a_resume(
    scenario: Scenario, templates: dict[str, Any]
) -> None:
    from exercise.sim.state import SessionState

    engine = Engine(scenario, templates=templates)
    inject = engine.submit(_adhoc_decision(), 3 * M).events[0].payload["inject"]
    engine.advance_to(5 * M)
    state = SessionState.initial(scenario)
    for e in engine.pending:  # a replay of the journal: the same fold
        state.apply(e.t, e.kind, e.actor, e.payload)
    resumed = Engine(scenario, state=state)  # a resumed session has no catalogue
    assert resumed.state.decisions[inject].open
    resumed.advance_to(13 * M)
    missed = [e for e in of(resumed, Kind.DECISION_MISSED) if e.payload["inject"] == inject]
    assert [(e.t, e.payload["default"]) for e in missed] == [(13 * M, "Rebut")]


def test_an_ad_hoc_decision_is_checked(scenario: Scenario, templates: dict[str, Any]) -> None:
    engine = Engine(scenario, templates=templates)
    assert_rejected(engine, _adhoc_decision(role="excon"), 3 * M, "'excon'", "receive")
    assert_rejected(engine, _adhoc_decision(template="fake-newz"), 3 * M, "'fake-newz'")
    assert_rejected(Engine(scenario), _adhoc_decision(), 3 * M, "'fake-news'", "template")
    with pytest.raises(ValueError, match="at least 2"):
        c.AdhocDecision(role="nctv", options=("Only",))
    with pytest.raises(ValueError, match="not one of the options"):
        c.AdhocDecision(role="nctv", options=("A", "B"), deadline=60, default="C")
    with pytest.raises(ValueError, match="same label"):
        c.AdhocDecision(role="nctv", options=("A", "A"))
    with pytest.raises(ValueError, match="give a deadline"):
        c.AdhocDecision(role="nctv", options=("A", "B"), default="A")


def test_an_ad_hoc_inject_journaled_before_decisions_existed_still_replays(
    scenario: Scenario,
) -> None:
    from exercise.sim.state import SessionState

    state = SessionState.initial(scenario)
    old = {"inject": "adhoc-1", "title": "T", "text": "X", "to": ["ezk"], "pillars": []}
    state.apply(60.0, Kind.ADHOC_INJECT, "facilitator", old)
    state.apply(60.0, Kind.INJECT_DELIVERED, "facilitator", {"inject": "adhoc-1", "to": ["ezk"]})
    assert state.adhoc_decision("adhoc-1") is None
    engine = Engine(scenario, state=state)
    assert_rejected(engine, decide("adhoc-1", "x", actor="ezk"), 2 * M, "no decision")


def test_an_ad_hoc_inject_never_takes_the_id_of_a_scenario_inject(load: Load) -> None:
    extra = "- {id: adhoc-1, at: 30m, to: [ezk], title: T, text: X., pillars: [vital-processes]}\n"
    scenario = load(
        scenario_text(
            roles=ROLES, indicators=INDICATORS, objectives=OBJECTIVES, injects=INJECTS + extra
        )
    )
    engine = Engine(scenario)
    outcome = engine.submit(c.AdhocInject(title="Rumour", text="A rumour.", to=("ezk",)), 3 * M)
    adhoc_id = outcome.events[0].payload["inject"]
    assert adhoc_id != "adhoc-1"
    engine.advance_to(2 * H)
    assert delivered(engine, "adhoc-1") == [30 * M]  # the scenario's own inject, on time
    assert delivered(engine, adhoc_id) == [3 * M]


def test_an_ad_hoc_inject_to_an_unknown_role_is_rejected(engine: Engine) -> None:
    command = c.AdhocInject(title="Rumour", text="A rumour.", to=("ezk", "mayor"))
    assert_rejected(engine, command, 3 * M, "'mayor'")


def test_a_held_inject_is_not_delivered_at_its_time(engine: Engine) -> None:
    assert engine.submit(c.Hold(inject="cut"), 5 * M).accepted
    engine.advance_to(2 * H)
    assert delivered(engine, "cut") == []
    assert "cut" not in engine.state.decisions
    assert engine.state.held == {"cut"}


def test_release_after_its_time_delivers_at_once(engine: Engine) -> None:
    engine.submit(c.Hold(inject="cut"), 5 * M)
    outcome = engine.submit(c.Release(inject="cut"), 20 * M)
    assert outcome.accepted
    engine.advance_to(20 * M)  # what is due now is delivered before time moves on
    assert delivered(engine, "cut") == [20 * M]
    assert engine.state.decisions["cut"].deadline == 50 * M


def test_release_before_its_time_delivers_at_its_time(engine: Engine) -> None:
    engine.submit(c.Hold(inject="cut"), 5 * M)
    assert engine.submit(c.Release(inject="cut"), 8 * M).accepted
    engine.advance_to(2 * H)
    assert delivered(engine, "cut") == [10 * M]


def test_hold_and_release_are_checked(engine: Engine) -> None:
    assert_rejected(engine, c.Hold(inject="nonsense"), 1 * M, "not an inject")
    assert_rejected(engine, c.Release(inject="cut"), 1 * M, "not held")
    engine.submit(c.Hold(inject="leak"), 1 * M)
    assert_rejected(engine, c.Hold(inject="leak"), 2 * M, "already held")
    assert_rejected(engine, c.Hold(inject="cut"), 11 * M, "already delivered")


def test_a_held_conditional_inject_waits_for_its_release(engine: Engine) -> None:
    engine.submit(c.Hold(inject="echo"), 1 * M)
    engine.submit(decide(), 12 * M)  # releases echo, due 17m
    engine.advance_to(30 * M)
    assert delivered(engine, "echo") == []
    engine.submit(c.Release(inject="echo"), 30 * M)
    engine.advance_to(31 * M)
    assert delivered(engine, "echo") == [30 * M]


# -- observations and the end ----------------------------------------------------------


def test_an_observation_is_logged(engine: Engine) -> None:
    command = c.Observe(
        actor="excon",
        pillar="vital-processes",
        objective="obj-supply",
        text="Quick.",
        seat="ezk",
        root_cause="The storage figures were at hand",
    )
    outcome = engine.submit(command, 12 * M)
    assert outcome.accepted
    assert engine.state.observations == [
        {
            "t": 12 * M,
            "actor": "excon",
            "pillar": "vital-processes",
            "objective": "obj-supply",
            "kind": "note",
            "text": "Quick.",
            "seat": "ezk",
            "root_cause": "The storage figures were at hand",
        }
    ]
    plain = engine.submit(c.Observe(pillar="vital-processes", text="Slow."), 13 * M)
    assert (plain.events[0].payload["seat"], plain.events[0].payload["root_cause"]) == (None, "")


def test_an_observation_on_an_unknown_objective_is_rejected(engine: Engine) -> None:
    command = c.Observe(pillar="vital-processes", objective="obj-nope", text="Slow.")
    assert_rejected(engine, command, 12 * M, "'obj-nope'")


@pytest.mark.parametrize(("seat", "words"), [("mayor", "not a role"), ("excon", "not a player")])
def test_an_observation_of_a_seat_that_is_not_a_player_is_rejected(
    engine: Engine, seat: str, words: str
) -> None:
    command = c.Observe(pillar="vital-processes", text="Slow.", seat=seat)
    assert_rejected(engine, command, 12 * M, f"'{seat}'", words)


def test_end_ends_the_session_and_every_later_command_is_rejected(engine: Engine) -> None:
    outcome = engine.submit(c.End(reason="fire alarm"), 30 * M)
    assert outcome.accepted
    ended = of(engine, Kind.SESSION_ENDED)
    assert [(e.t, e.payload["reason"]) for e in ended] == [(30 * M, "fire alarm")]
    assert engine.ended
    for command in (
        c.Pause(),
        decide(),
        c.FireInject(inject="leak"),
        c.Observe(pillar="vital-processes", text="Late."),
        c.End(),
    ):
        assert_rejected(engine, command, 31 * M, "ended")
    engine.advance_to(2 * H)
    # nothing happens after the end: no delivery, no missed deadline (cut's was at 40m)
    kinds = [e.kind for e in engine.pending]
    after_end = kinds[kinds.index(Kind.SESSION_ENDED) + 1 :]
    assert set(after_end) == {Kind.COMMAND_REJECTED}
    assert engine.state.decisions["cut"].open


def test_a_self_initiated_decision_is_logged_for_player_roles_only(engine: Engine) -> None:
    command = c.SelfDecision(
        actor="ezk", text="Ask the operators for a status report", pillars=["vital-processes"]
    )
    assert engine.submit(command, 3 * M).accepted
    assert engine.state.self_decisions == [
        {
            "t": 3 * M,
            "role": "ezk",
            "text": "Ask the operators for a status report",
            "pillars": ["vital-processes"],
            "comms": [],
        }
    ]
    assert_rejected(engine, c.SelfDecision(actor="excon", text="Me too"), 4 * M, "player")
    assert_rejected(engine, c.SelfDecision(actor="mayor", text="Me too"), 4 * M, "'mayor'")


def test_commands_round_trip_through_their_json_form() -> None:
    command = c.FireInject(actor="excon", inject="fake-news", to=("nctv",))
    assert c.parse_command(command.model_dump(mode="json")) == command
