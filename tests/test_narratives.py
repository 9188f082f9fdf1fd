"""Narratives in the media environment: a claim starts when its media inject is delivered,
its reach grows on a fixed cadence of scenario time (each step journaled, moving the
indicators), stops at its ceiling, and the whole run is a function of scenario time and the
journal: replay and resume after any tick give the uninterrupted session.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import position, scenario_text

from exercise.content.loader import load_scenario
from exercise.content.problems import ContentError
from exercise.model import Scenario
from exercise.model.events import Event, Kind, NewEvent
from exercise.sim import commands as c
from exercise.sim.engine import Engine
from exercise.sim.replay import replay_state

Load = Callable[[str], Scenario]
M = 60.0

INDICATORS = """\
- {id: trust, title: Public trust, pillar: resilient-society, start: 70, min: 0, max: 100}
"""

INJECTS = """\
- id: post
  at: 10m
  to: [nctv]
  title: A viral post
  text: A post claims the government hides the cause of the outage.
  pillars: [resilient-society]
  media: {kind: post, outlet: "@truthseeker", people: 120000}
- id: article
  at: 40m
  to: [nctv]
  title: Newspaper piece
  text: A newspaper repeats the claim.
  pillars: [resilient-society]
  media: {kind: article, outlet: Dagblad, reach: 4}
- {id: memo, at: 20m, to: [nctv], title: Memo, text: A memo., pillars: [resilient-society]}
"""

NARRATIVE = """\
- id: hiding
  claim: {en: The government is hiding the cause, nl: De overheid verzwijgt de oorzaak}
  from: [post, article]
  start: 10
  growth: 12
  ceiling: 30
  every: 10m
  answered_by: [threat-info]
  effects: {trust: -0.5}
"""


def scenario(load: Load, narratives: str | None = NARRATIVE) -> Scenario:
    header = "format: 1\nid: media\ntitle: Media\nduration: 2h\n"
    return load(
        scenario_text(
            header=header,
            indicators=INDICATORS,
            injects=INJECTS,
            objectives=None,
            narratives=narratives,
        )
    )


def reach_events(events: list[NewEvent]) -> list[tuple[float, float, str]]:
    return [
        (e.t, e.payload["reach"], e.payload["cause"])
        for e in events
        if e.kind == Kind.NARRATIVE_REACH
    ]


def played(s: Scenario, until: float | None = None) -> list[NewEvent]:
    engine = Engine(s)
    engine.advance_to(s.duration if until is None else until)
    return engine.take_pending()


def test_a_narrative_starts_with_its_first_media_inject_and_grows_to_its_ceiling(
    load: Load,
) -> None:
    events = played(scenario(load))
    # starts at 10% with the post (10m); +2 points every 10 minutes (12 an hour) up to 30,
    # reached at 110m: the step at 120m has nothing to journal
    assert reach_events(events) == [
        (10 * M, 10, "start"),
        *[(10 * M + k * 10 * M, 10 + 2 * k, "growth") for k in range(1, 11)],
    ]
    start = next(e for e in events if e.kind == Kind.NARRATIVE_REACH)
    assert start.payload["inject"] == "post"  # the article later starts nothing new


def test_at_its_ceiling_a_narrative_journals_no_more_steps(load: Load) -> None:
    s = scenario(load, NARRATIVE.replace("ceiling: 30", "ceiling: 14"))
    assert reach_events(played(s)) == [
        (10 * M, 10, "start"),
        (20 * M, 12, "growth"),
        (30 * M, 14, "growth"),
    ]


def test_each_point_of_reach_moves_the_indicators_through_indicator_changed(
    load: Load,
) -> None:
    events = played(scenario(load), until=30 * M)
    changes = [
        (e.t, e.payload["value"], e.payload["cause"])
        for e in events
        if e.kind == Kind.INDICATOR_CHANGED
    ]
    # -0.5 trust per point: -5 at the start (10 points), -1 per step of 2 points
    assert changes == [
        (10 * M, 65, "narrative hiding"),
        (20 * M, 64, "narrative hiding"),
        (30 * M, 63, "narrative hiding"),
    ]


def test_a_narrative_whose_inject_is_never_delivered_never_starts(load: Load) -> None:
    s = scenario(load, NARRATIVE.replace("from: [post, article]", "from: [article]"))
    engine = Engine(s)
    engine.submit(c.Hold(inject="article", actor="excon"), 5 * M)
    engine.advance_to(s.duration)
    assert reach_events(engine.take_pending()) == []
    assert engine.state.narratives == {}


def test_no_step_after_the_end_of_the_session(load: Load) -> None:
    engine = Engine(scenario(load))
    engine.submit(c.End(actor="excon"), 35 * M)
    engine.advance_to(2 * 3600)
    events = engine.take_pending()
    assert [t for t, _r, _c in reach_events(events)] == [10 * M, 20 * M, 30 * M]
    assert events[-1].kind == Kind.SESSION_ENDED


def test_a_scenario_without_narratives_plays_as_before(load: Load) -> None:
    events = played(scenario(load, narratives=None))
    assert reach_events(events) == []


# -- replay and resume ---------------------------------------------------------------------


def _as_events(events: list[NewEvent]) -> list[Event]:
    return [Event(n, e.t, 0.0, e.kind, e.actor, e.payload, "", "") for n, e in enumerate(events)]


def _stream(events: list[NewEvent]) -> list[tuple[Any, ...]]:
    return [
        (e.t, e.kind, e.actor, dict(e.payload)) for e in events if e.kind != Kind.SESSION_RESUMED
    ]


def test_replay_rebuilds_the_narratives_the_engine_had(load: Load) -> None:
    s = scenario(load)
    engine = Engine(s)
    engine.advance_to(s.duration)
    replayed = replay_state(s, _as_events(engine.take_pending()))
    assert {k: vars(v) for k, v in replayed.narratives.items()} == {
        k: vars(v) for k, v in engine.state.narratives.items()
    }
    assert replayed.indicators == engine.state.indicators


@pytest.mark.parametrize("cut", [0.0, 10 * M, 15 * M, 20 * M, 20 * M + 1, 59 * M, 70 * M])
def test_a_session_resumed_at_any_tick_gives_the_uninterrupted_result(
    load: Load, cut: float
) -> None:
    """Resume from the events up to a moment (a kill between ticks), then play on: the
    steps fall on the same instants with the same reach."""
    s = scenario(load)
    whole = played(s)
    before = [e for e in whole if e.t <= cut]
    engine = Engine(s, state=replay_state(s, _as_events(before)))
    engine.advance_to(cut)
    engine.advance_to(s.duration)
    assert _stream(before + engine.take_pending()) == _stream(whole)


# -- the scenario file ---------------------------------------------------------------------


def _refusal(write_scenario: Callable[..., Path], text: str) -> str:
    path = write_scenario(text)
    with pytest.raises(ContentError) as caught:
        load_scenario(path)
    return str(caught.value)


def test_a_narrative_from_an_unknown_inject_is_refused_at_its_line(
    write_scenario: Callable[..., Path],
) -> None:
    text = scenario_text(
        indicators=INDICATORS,
        injects=INJECTS,
        objectives=None,
        narratives=NARRATIVE.replace("from: [post, article]", "from: [post, artcle]"),
    )
    line, column = position(text, "artcle")
    message = _refusal(write_scenario, text)
    assert f":{line}:{column}: " in message
    assert "'artcle' is not an inject of this scenario" in message
    assert "article" in message  # the suggestion


@pytest.mark.parametrize(
    "old, new, needle, says",
    [
        ("kind: post", "kind: podcast", "podcast", "not one of the allowed values"),
        ("people: 120000", "reach: 6", "6}", "it must be at most 5"),
    ],
)
def test_a_malformed_media_block_is_refused_at_its_line(
    write_scenario: Callable[..., Path], old: str, new: str, needle: str, says: str
) -> None:
    text = scenario_text(indicators=INDICATORS, injects=INJECTS.replace(old, new), objectives=None)
    line, column = position(text, needle)
    message = _refusal(write_scenario, text)
    assert f":{line}:{column}: " in message and says in message


@pytest.mark.parametrize(
    "old, new, needle, says",
    [
        ("every: 10m", "every: 30s", "30s", "at most once a minute"),
        ("effects: {trust: -0.5}", "effects: {trsut: -0.5}", "trsut", "not an indicator"),
        ("ceiling: 30", "ceiling: 4", "id: hiding", "above the ceiling"),
    ],
)
def test_a_narrative_out_of_bounds_is_refused_at_its_line(
    write_scenario: Callable[..., Path], old: str, new: str, needle: str, says: str
) -> None:
    text = scenario_text(
        indicators=INDICATORS,
        injects=INJECTS,
        objectives=None,
        narratives=NARRATIVE.replace(old, new),
    )
    line, column = position(text, needle)
    message = _refusal(write_scenario, text)
    assert f":{line}:{column}: " in message and says in message, message


def test_the_reach_steps_of_all_narratives_are_bounded(
    write_scenario: Callable[..., Path],
) -> None:
    """A year-long scenario with a narrative moving every minute would journal half a
    million steps: refused, pointing at the cadence."""
    many = "".join(
        NARRATIVE.replace("id: hiding", f"id: n{n}").replace("every: 10m", "every: 1m")
        for n in range(3)
    )
    text = scenario_text(
        header="format: 1\nid: long\ntitle: Long\nduration: 7d\n",
        indicators=INDICATORS,
        injects=INJECTS,
        objectives=None,
        narratives=many,
    )
    message = _refusal(write_scenario, text)
    assert "reach steps" in message and "the limit is 20,000" in message


# -- what a seat sees ----------------------------------------------------------------------


def test_every_player_seat_gets_the_media_and_no_msel_field(load: Load) -> None:
    from exercise.seats.views import player_view

    s = scenario(load)
    engine = Engine(s)
    engine.advance_to(45 * M)
    seen = player_view(engine.state, s, "nctv", "en")
    assert [item["inject"] for item in seen["media"]] == ["article", "post"]  # newest first
    assert set(seen["media"][0]) == {
        "inject",
        "received",
        "kind",
        "outlet",
        "reach",
        "people",
        "title",
        "text",
    }
    assert seen["media"][1]["people"] == 120000 and seen["media"][0]["reach"] == 4
    (narrative,) = seen["narratives"]
    assert narrative["claim"] == "The government is hiding the cause"
    assert narrative["reach"] == 16 and narrative["status"] == "growing"
    assert "answered_by" not in narrative and "effects" not in narrative


def test_a_media_inject_changes_the_view_of_every_seat() -> None:
    from exercise.seats.views import touched_roles

    def delivered(inject: str) -> Event:
        payload = {"inject": inject, "to": ["nctv"], "cause": "timeline"}
        return Event(1, 0.0, 0.0, Kind.INJECT_DELIVERED, None, payload, "", "")

    assert touched_roles([delivered("memo")], frozenset({"post"})) == {"nctv"}
    assert touched_roles([delivered("post")], frozenset({"post"})) is None
    reach = Event(2, 0.0, 0.0, Kind.NARRATIVE_REACH, None, {"narrative": "x"}, "", "")
    assert touched_roles([reach]) is None


# -- answering -----------------------------------------------------------------------------


def issue(engine: Engine, t: float, answers: tuple[str, ...], *elements: str, actor: str = "nctv"):
    return engine.submit(
        c.IssueProduct(
            actor=actor,
            kind="press-release",
            audience="the public",
            text="What happened, and what we do about it.",
            elements=elements,
            answers=answers,
        ),
        t,
    )


def test_a_product_with_an_answering_element_answers_the_narrative_and_its_reach_falls(
    load: Load,
) -> None:
    s = scenario(load)
    engine = Engine(s)
    assert issue(engine, 25 * M, ("post",), "threat-info").accepted
    engine.advance_to(s.duration)
    events = engine.take_pending()
    (answered,) = [e for e in events if e.kind == Kind.NARRATIVE_ANSWERED]
    assert (answered.t, answered.actor) == (25 * M, "nctv")
    assert answered.payload == {
        "narrative": "hiding",
        "product": "P1",
        "role": "nctv",
        "inject": "post",
        "elements": ["threat-info"],
    }
    # 10 at 10m, 12 at 20m; answered at 25m: -2 a step (12 an hour) from 30m down to 0
    assert reach_events(events) == [
        (10 * M, 10, "start"),
        (20 * M, 12, "growth"),
        *[(20 * M + k * 10 * M, 12 - 2 * k, "decline") for k in range(1, 7)],
    ]
    assert engine.state.narratives["hiding"].product == "P1"
    assert engine.state.indicators["trust"] == 70  # every point lost gave trust back


@pytest.mark.parametrize(
    "answers, elements",
    [
        (("post",), ("action-perspective",)),  # not an element that answers it
        (("memo",), ("threat-info",)),  # not one of its injects
        ((), ("threat-info",)),  # answers nothing
    ],
)
def test_a_product_that_does_not_answer_leaves_the_narrative_growing(
    load: Load, answers: tuple[str, ...], elements: tuple[str, ...]
) -> None:
    s = scenario(load)
    engine = Engine(s)
    assert issue(engine, 25 * M, answers, *elements).accepted
    engine.advance_to(s.duration)
    events = engine.take_pending()
    assert not [e for e in events if e.kind == Kind.NARRATIVE_ANSWERED]
    assert reach_events(events)[-1] == (110 * M, 30, "growth")


def test_a_narrative_answered_at_its_ceiling_falls_again(load: Load) -> None:
    s = scenario(load, NARRATIVE.replace("ceiling: 30", "ceiling: 12"))
    engine = Engine(s)
    engine.advance_to(45 * M)  # at its ceiling since 20m: no step set
    assert issue(engine, 45 * M, ("post",), "threat-info").accepted
    engine.advance_to(65 * M)
    assert reach_events(engine.take_pending())[-2:] == [
        (50 * M, 10, "decline"),
        (60 * M, 8, "decline"),
    ]


def test_any_player_may_answer_a_media_inject_it_was_not_sent(load: Load) -> None:
    """The media are public: a product may answer a media inject sent to another role,
    not an inject that is not in the media."""
    roles = "- {id: nctv, title: NCTV, kind: player}\n- {id: ezk, title: EZK, kind: player}\n"
    s = load(
        scenario_text(
            roles=roles,
            indicators=INDICATORS,
            injects=INJECTS,
            objectives=None,
            narratives=NARRATIVE,
        )
    )
    engine = Engine(s)
    assert issue(engine, 25 * M, ("post",), "threat-info", actor="ezk").accepted
    assert not issue(engine, 26 * M, ("memo",), "threat-info", actor="ezk").accepted
    assert engine.state.narratives["hiding"].answered_by == "ezk"


def test_a_session_with_an_answer_resumed_at_any_tick_gives_the_same_result(load: Load) -> None:
    s = scenario(load)
    engine = Engine(s)
    issue(engine, 25 * M, ("post",), "threat-info")
    engine.advance_to(s.duration)
    whole = engine.take_pending()
    for cut in (20 * M, 25 * M, 30 * M, 35 * M):
        before = [e for e in whole if e.t <= cut]
        resumed = Engine(s, state=replay_state(s, _as_events(before)))
        if cut < 25 * M:
            issue(resumed, 25 * M, ("post",), "threat-info")
        resumed.advance_to(s.duration)
        assert _stream(before + resumed.take_pending()) == _stream(whole), cut


# -- the bundled scenarios -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, answered",
    [
        ("havenstad-doortocht", {"blackout-cover": "comms"}),
        ("noordzee-schaduw", {"count-held-back": "nkc", "troops-in-homes": "nkc"}),
    ],
)
def test_the_rehearsals_of_the_bundled_scenarios_answer_their_narratives(
    name: str, answered: dict[str, str], tmp_path: Path
) -> None:
    from exercise.content.decisions import load_decisions
    from exercise.content.resources import find_scenario
    from exercise.sim.headless import run_headless
    from exercise.sim.players import FilePlayer
    from exercise.sim.session import Session

    path = find_scenario(name)
    assert path is not None
    s = load_scenario(path)
    decisions = Path(__file__).parent.parent / "docs" / "examples" / f"{name}-decisions.yaml"
    session = Session.start(s, tmp_path / "j.db", durable=False)
    try:
        run_headless(session, FilePlayer(load_decisions(decisions, s)))
        state = session.engine.state
    finally:
        session.close()
    assert state.ended and state.rejected == 0
    assert {k: v.answered_by for k, v in state.narratives.items()} == answered
    assert all(n.reach < n.peak or n.reach == 0 for n in state.narratives.values())
    assert s.media_injects and all(i.source for i in s.media_injects)


def test_replay_refuses_a_reach_step_of_a_narrative_the_scenario_does_not_have(
    load: Load,
) -> None:
    from exercise.sim.replay import UnreadableEvent

    s = scenario(load)
    forged = Event(
        1, 60.0, 0.0, Kind.NARRATIVE_REACH, None, {"narrative": "nope", "reach": 5}, "", ""
    )
    with pytest.raises(UnreadableEvent):
        replay_state(s, [forged])
