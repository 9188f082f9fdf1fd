"""The event vocabulary: every kind has a payload type, a fold, a debrief collector and
words, each reading the payload type of its kind; the engine writes payloads of exactly
those shapes; and one describer gives the play feed, the live feed and the debrief
timeline the same line, in English or Dutch, with scenario and player text kept literal.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import scenario_text

from exercise.debrief.metrics import COLLECTORS, collect
from exercise.language import translations
from exercise.model import Scenario
from exercise.model.events import KINDS, PAYLOADS, Event, Kind, NewEvent
from exercise.sim import commands as c
from exercise.sim import eventwords
from exercise.sim.describe import WORDS, Describer
from exercise.sim.engine import Engine
from exercise.sim.state import FOLDS

M = 60.0

ROLES = """\
- {id: nctv, title: NCTV chair, kind: player}
- {id: ezk, title: Energy ministry, kind: player}
- {id: excon, title: Exercise control, kind: facilitator}
"""

# cut: a decision (expected: act); leak: decided by nobody, its deadline passes with the
# default; echo: released by act; late: held and released; a measure that is expected.
INJECTS = """\
- id: cut
  at: 10m
  to: [nctv, ezk]
  media: {kind: article, outlet: Regional Daily, reach: 3}
  title: "Power cut {role}"
  text: The grid operator reports a regional power cut.
  pillars: [vital-processes]
  expected:
    - {option: act, objective: obj-comms}
    - {measure: lcp, role: nctv, within: 5m}
  decision:
    prompt: What now?
    deadline: 30m
    default: wait
    options:
      - {id: act, label: Act, effects: {energy: -10}, release: [echo]}
      - {id: wait, label: Wait, effects: {energy: -20}}
- id: leak
  at: 20m
  to: [ezk]
  title: Leak
  text: A leak.
  pillars: [vital-processes]
  expected:
    - {option: fix, objective: obj-comms}
  decision:
    prompt: Fix it?
    deadline: 10m
    default: ignore
    options:
      - {id: fix, label: Fix}
      - {id: ignore, label: Ignore, phase: tense}
- {id: echo, after: 5m, to: [nctv], title: Echo, text: Echo., pillars: [vital-processes]}
- {id: late, at: 50m, to: [nctv], title: Late news, text: Late., pillars: [vital-processes]}
"""

MEASURES = """\
- {id: lcp, title: Activate the LCP-MD, role: nctv, from_level: L1, pillars: [territorial-defence],
   lasting: true}
"""

NARRATIVES = """\
- id: hiding
  claim: The government is hiding the cause of the power cut
  from: [cut]
  every: 10m
  answered_by: [threat-info]
"""

COMMUNICATION = """\
communication:
  approval:
    - {by: nctv, kinds: [press-release]}
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

HOSTILE = "[bold red]Alarm[/] {title} %s <b>x</b>"


@pytest.fixture
def scenario(load: Callable[[str], Scenario]) -> Scenario:
    return load(
        scenario_text(roles=ROLES, injects=INJECTS, measures=MEASURES, narratives=NARRATIVES)
        + COMMUNICATION
    )


def _played(scenario: Scenario, templates: dict[str, Any]) -> list[NewEvent]:
    """A session in which every kind the engine emits happens at least once."""
    engine = Engine(scenario, templates=templates)
    commands: list[tuple[float, c.Command]] = [
        (1 * M, c.Pause()),
        (1 * M, c.Resume()),
        (2 * M, c.SetSpeed(speed=30)),
        (3 * M, c.Hold(inject="late")),
        (4 * M, c.FireInject(inject="fake-news", to=("nctv",))),
        (
            5 * M,
            c.AdhocInject(
                title=HOSTILE,
                text="Decide.",
                to=("nctv",),
                decision=c.AdhocDecision(role="nctv", options=("Yes", "No"), deadline=600),
            ),
        ),
        (6 * M, c.Observe(pillar="resilient-society", kind="strength", text=HOSTILE)),
        (7 * M, c.SelfDecision(text=HOSTILE, pillars=("resilient-society",), actor="nctv")),
        (8 * M, c.TakeMeasure(measure="lcp", actor="nctv")),
        (9 * M, c.LiftMeasure(measure="lcp", actor="nctv", informed=True)),
        (11 * M, c.Decide(inject="cut", option="act", actor="nctv")),
        # a press release from ezk waits for nctv: returned, then a second one approved
        (
            11 * M,
            c.IssueProduct(
                actor="ezk", kind="press-release", audience=HOSTILE, text=HOSTILE, answers=("cut",)
            ),
        ),
        (11 * M, c.ReturnProduct(actor="nctv", product="P1", note=HOSTILE)),
        (
            11 * M,
            c.IssueProduct(
                actor="ezk",
                kind="press-release",
                audience="All",
                text="Stay calm.",
                elements=("threat-info",),
                answers=("cut",),
            ),
        ),
        (11 * M, c.ApproveProduct(actor="nctv", product="P2")),
        (12 * M, c.Decide(inject="cut", option="act", actor="nctv")),  # rejected: decided
        (13 * M, c.JumpNext()),
        (45 * M, c.Release(inject="late")),
    ]
    for t, command in commands:
        engine.submit(command, t)
    engine.advance_to(scenario.duration)
    return engine.take_pending()


def _played_events(scenario: Scenario, templates: dict[str, Any]) -> list[Event]:
    return [
        Event(n, e.t, 0.0, e.kind, e.actor, e.payload, "", "")
        for n, e in enumerate(_played(scenario, templates), 1)
    ]


@pytest.fixture
def templates(write_catalogue: Callable[..., Path]) -> dict[str, Any]:
    from exercise.content.loader import load_catalogue

    folder = write_catalogue(CATALOGUE).parent
    return {k: e.template for k, e in load_catalogue([folder]).entries.items()}


# -- one registry per layer, every kind in each --------------------------------------------


def test_every_kind_constant_has_a_payload_type() -> None:
    constants = {v for k, v in vars(Kind).items() if k.isupper()}
    assert constants == set(KINDS)


@pytest.mark.parametrize(
    "name, table",
    [("fold", FOLDS), ("debrief collector", COLLECTORS), ("words", WORDS)],
)
def test_every_kind_is_registered(name: str, table: dict[str, Any]) -> None:
    assert set(table) == set(KINDS), f"kinds without a {name}: {set(KINDS) - set(table)}"


@pytest.mark.parametrize(
    "table, parameter",
    [(FOLDS, "p"), (COLLECTORS, "p"), (WORDS, "p")],
    ids=["fold", "debrief", "words"],
)
def test_each_handler_reads_the_payload_type_of_its_kind(table: dict[str, Any], parameter: str):
    wrong = {}
    for kind, handler in table.items():
        if handler is None:
            continue
        hint = typing.get_type_hints(handler)[parameter]
        accepted = typing.get_args(hint) or (hint,)
        if PAYLOADS[kind] not in accepted and hint is not typing.Mapping[str, object]:
            wrong[kind] = hint
    assert not wrong


def test_the_engine_writes_the_payload_of_each_kind(
    scenario: Scenario, templates: dict[str, Any]
) -> None:
    events = _played(scenario, templates)
    emitted = {e.kind for e in events}
    # every kind but the evaluators' (written by `exercise review`), the participants'
    # feedback after play and a resume
    assert emitted == set(KINDS) - set(COLLECTORS_REVIEW) - {Kind.SESSION_RESUMED, Kind.FEEDBACK}
    for event in events:
        spec = PAYLOADS[event.kind]
        keys = set(event.payload)
        assert spec.__required_keys__ <= keys, (event.kind, keys)
        assert keys <= spec.__required_keys__ | spec.__optional_keys__, (event.kind, keys)


COLLECTORS_REVIEW = (
    Kind.RATING,
    Kind.IP_ROW,
    Kind.EXPECTED_JUDGED,
    Kind.PARTICIPANT,
    Kind.REPORT_FINAL,
    Kind.WITHDRAWN,
    Kind.IP_UPDATE,
    Kind.FINDING_JUDGED,
)

# -- the words ------------------------------------------------------------------------------


def _templates() -> list[str]:
    return [
        v
        for k, v in vars(eventwords).items()
        if k.isupper() and isinstance(v, str) and k != "UNKNOWN"
    ]


def _dutch(msgid: str) -> str | None:
    """The Dutch catalogue's translation of `msgid`, None when it has none."""
    found = translations("nl").gettext(msgid)
    return None if found == msgid and msgid not in _SAME_IN_DUTCH else found


_SAME_IN_DUTCH = {"{title} {delta} to {value}", "start"}


def _fields(template: str) -> set[str]:
    return set(re.findall(r"{(\w+)", template))


def test_every_template_has_dutch_with_the_same_placeholders() -> None:
    for template in _templates():
        dutch = _dutch(template)
        assert dutch is not None, template
        assert _fields(dutch) == _fields(template), template


def test_every_line_of_a_session_reads_in_both_languages(
    scenario: Scenario, templates: dict[str, Any]
) -> None:
    events = _played_events(scenario, templates)
    for lang in ("en", "nl"):
        describer = Describer(scenario, lang)
        for event in events:
            line = describer.line(event.kind, event.actor, event.payload)
            if line is None:
                assert event.kind == Kind.ADHOC_INJECT  # its delivery says it
                continue
            assert line.template == eventwords.UNKNOWN or _dutch(line.template) is not None
            text = eventwords.render(line, lang)
            assert "{" not in text.replace(HOSTILE, "").replace("{role}", "")
            for value in line.params.values():  # our words, all translated
                if type(value) is eventwords.Word and lang == "nl" and value:
                    names_an_inject = "/" in value or value.startswith("default of ")
                    assert _dutch(value) is not None or names_an_inject, value


def test_lines_in_english_and_dutch(scenario: Scenario, templates: dict[str, Any]) -> None:
    events = _played_events(scenario, templates)
    english = _lines(scenario, events, "en")
    dutch = _lines(scenario, events, "nl")
    assert "nctv decided “Power cut {role}”: Act" in english
    assert "nctv besloot “Power cut {role}”: Act" in dutch
    assert "ezk missed the deadline of “Leak”; default applied: Ignore" in english
    assert "Phase Tense (L2) entered (default of leak)" in english
    assert (
        "Fase Tense (L2) ingegaan (start)" not in dutch
        and "Fase Calm (L1) ingegaan (start)" in dutch
    )
    assert "Expected action 2 of “Power cut {role}”: met" in english
    assert "Verwachte actie 1 van “Leak”: gemist" in dutch
    assert "Observation (Resilient society, strength): " + HOSTILE in english
    assert "Waarneming (Weerbare samenleving, sterk punt): " + HOSTILE in dutch
    assert "Session ended: scenario time is up" in english
    assert "Sessie beëindigd: de scenariotijd is om" in dutch
    assert "Energy supply -10 to 90" in english
    assert "Decision on “Power cut {role}” open for nctv, deadline T+00:40:00" in english
    assert "nctv: decide rejected: 'cut' was already decided by nctv at T+00:11:00" in english
    assert "Clock moved to T+00:16:00" in english and "Klok verzet naar T+00:16:00" in dutch
    assert "“Late news” released from hold" in english
    claim = "The government is hiding the cause of the power cut"
    assert f"Narrative “{claim}” started by “Power cut {{role}}”: reach 5%" in english
    assert f"ezk answered the narrative “{claim}” with product P2" in english
    assert f"Narratief “{claim}” bereik 3,3% (-1,7)" in dutch  # falls once answered


def _lines(scenario: Scenario, events: list[Event], lang: str) -> list[str]:
    describer = Describer(scenario, lang)
    out = []
    for e in events:
        text = describer.text(e.kind, e.actor, e.payload)
        if text is not None:
            out.append(text)
    return out


def test_an_ad_hoc_inject_is_named_by_its_title(
    scenario: Scenario, templates: dict[str, Any]
) -> None:
    english = _lines(scenario, _played_events(scenario, templates), "en")
    assert "“Fake news spreads” delivered to nctv" in english
    assert f"“{HOSTILE}” delivered to nctv" in english  # literal: braces, markup and all
    assert f"Decision on “{HOSTILE}” open for nctv, deadline T+00:15:00" in english


def test_the_debrief_timeline_says_what_the_feeds_say(
    scenario: Scenario, templates: dict[str, Any]
) -> None:
    events = _played_events(scenario, templates)
    for lang in ("en", "nl"):
        feed = _lines(scenario, events, lang)
        timeline = [row.text for row in collect(scenario, events, lang).timeline]
        assert timeline and all(text in feed for text in timeline)


HOSTILE_VALUES: list[object] = [None, 3, 1e400, float("nan"), [], {"a": 1}, ["x", 2], True]


def test_a_payload_of_the_wrong_shape_is_still_described(scenario: Scenario) -> None:
    """The debrief describes journals that travelled: no field's type makes it raise."""
    describer = Describer(scenario, "nl")
    for kind, spec in PAYLOADS.items():
        fields = list(spec.__annotations__)
        for value in HOSTILE_VALUES:
            for payload in ({}, dict.fromkeys(fields, value)):
                text = describer.text(kind, None, payload)
                assert text is None or isinstance(text, str)


def test_a_kind_from_a_newer_version_is_named(scenario: Scenario) -> None:
    assert Describer(scenario, "nl").text("from-a-newer-version", None, {}) == (
        "from-a-newer-version"
    )
