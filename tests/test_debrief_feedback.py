"""Participant feedback after play: the form (the scenario's or the default), the checks on
its answers, the report's section in every format (escaped for each), and the decision
latency against deadlines per role."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from debrief_journals import HAND_EVENTS, HAND_SCENARIO, write_journal

from exercise.debrief import build_report, render
from exercise.debrief.evaluation import InputError
from exercise.debrief.feedback import feedback_event, questions
from exercise.debrief.latency import latency_svg, latency_words, role_latencies
from exercise.debrief.swimlane import MAX_LANES
from exercise.debrief.words import Words
from exercise.journal import Journal
from exercise.model import Scenario
from exercise.model.events import Kind, NewEvent

NASTY = "<script>x()</script> **b** [red]r[/red] | pipe \x1b[31m"


def _form(role: str, actor: str, **answers: object) -> NewEvent:
    given = [{"id": k, "question": f"Q {k}", "answer": v} for k, v in answers.items()]
    return NewEvent(3600, Kind.FEEDBACK, actor, {"role": role, "answers": given})


def _report(tmp_path: Path, extra: list[NewEvent], scenario: dict[str, Any] | None = None):
    events = list(HAND_EVENTS) + extra
    path = write_journal(tmp_path / "j.db", events, scenario)
    with Journal.open(path, readonly=True) as journal:
        return build_report(journal)


@pytest.fixture
def scenario() -> Scenario:
    return Scenario.model_validate(HAND_SCENARIO)


# -- the form ------------------------------------------------------------------------------


def test_the_default_form_is_the_hseep_one_in_the_users_language(scenario: Scenario) -> None:
    english = questions(scenario, "en")
    assert [(q.id, q.kind) for q in english] == [
        ("strengths", "text"),
        ("improvements", "text"),
        ("realism", "scale"),
        ("change", "text"),
    ]
    dutch = questions(scenario, "nl")
    assert dutch[0].text != english[0].text and "Sterke punten" in dutch[0].text


def test_a_scenario_form_replaces_the_default(scenario: Scenario) -> None:
    data = copy.deepcopy(HAND_SCENARIO)
    data["feedback"] = [
        {
            "id": "clarity",
            "text": {"en": "Were the injects clear?", "nl": "Waren de injects duidelijk?"},
        },
        {"id": "realism", "text": "Realistic?", "kind": "scale"},
    ]
    own = Scenario.model_validate(data)
    assert [(q.id, q.text) for q in questions(own, "nl")] == [
        ("clarity", "Waren de injects duidelijk?"),
        ("realism", "Realistic?"),
    ]


@pytest.mark.parametrize(
    ("role", "answers", "problem"),
    [
        ("excon", {"realism": 3}, "not a player role"),
        ("nosuch", {"realism": 3}, "not a player role"),
        ("nctv", {"realism": 6}, "1 to 5"),
        ("nctv", {"realism": "four"}, "1 to 5"),
        ("nctv", {"strengths": 5}, "give a text"),
        ("nctv", {"bogus": "x"}, "'bogus' is not a question"),
        ("nctv", {"strengths": "  "}, "no question answered"),
        ("nctv", {"strengths": "x" * 10_001}, "at most"),
    ],
)
def test_a_form_that_does_not_fit_is_refused(
    scenario: Scenario, role: str, answers: dict[str, object], problem: str
) -> None:
    with pytest.raises(InputError, match=problem):
        feedback_event(scenario, "en", role, answers, "someone", 0.0)


def test_a_form_keeps_its_answers_in_the_forms_order_with_the_questions_asked(
    scenario: Scenario,
) -> None:
    event = feedback_event(
        scenario, "nl", "nkc", {"change": " Minder ", "realism": "4"}, "Anna", 0.0
    )
    assert (event.kind, event.actor, event.payload["role"]) == (Kind.FEEDBACK, "Anna", "nkc")
    answers = event.payload["answers"]
    assert [(a["id"], a["answer"]) for a in answers] == [("realism", 4), ("change", "Minder")]
    assert answers[0]["question"].startswith("Hoe realistisch")


# -- the report ------------------------------------------------------------------------------


def test_the_report_gives_the_answers_per_role_and_per_pillar(tmp_path: Path) -> None:
    report = _report(
        tmp_path,
        [
            _form("nctv", "Jan", strengths="Fast start", realism=4),
            _form("nkc", "Anna", realism=1, change="More injects"),
            _form("nctv", "Piet", realism=5),
        ],
    )
    fb = report.feedback
    assert [(f.role, f.by) for f in fb.forms] == [
        ("nctv", "Jan"),
        ("nkc", "Anna"),
        ("nctv", "Piet"),
    ]
    assert (fb.realism, fb.realism_answers) == (3.33, 3)
    # nctv received injects of vital-processes, democracy, territorial-defence; nkc of society
    by_pillar = {p.pillar: (p.forms, p.realism, p.roles) for p in fb.pillars}
    assert by_pillar["resilient-society"] == (1, 1.0, ["NKC crisis communication"])
    assert by_pillar["vital-processes"] == (2, 4.5, ["NCTV / ICCb chair"])
    assert "resilient-economy" not in by_pillar  # no role of it answered
    data = json.loads(render(report, "json"))["feedback"]
    assert data["realism"] == 3.33 and data["forms"][0]["answers"][0]["answer"] == "Fast start"


def test_without_forms_every_format_says_so(tmp_path: Path) -> None:
    report = _report(tmp_path, [])
    for fmt in ("md", "html", "console"):
        assert "No feedback forms yet" in render(report, fmt)
    assert json.loads(render(report, "json"))["feedback"]["forms"] == []


def test_answers_are_escaped_for_each_format(tmp_path: Path) -> None:
    report = _report(tmp_path, [_form("nkc", f"By {NASTY}", strengths=f"Answer {NASTY}")])
    md = render(report, "md")
    section = md[md.index("## 8.") : md.index("## Annex A")]
    assert "<script>" not in section and "&lt;script&gt;" in section
    assert "\\*\\*b\\*\\*" in section and "\\| pipe" in section and "\x1b" not in section
    html = render(report, "html")
    section = html[html.index('<section id="feedback"') : html.index('<section id="timeline"')]
    assert "<script>" not in section and "&lt;script&gt;x()&lt;/script&gt;" in section
    assert "\x1b" not in section and "\\x1b[31m" in section
    console = render(report, "console")
    assert "\x1b" not in console and "[red]r[/red]" in console
    assert (
        json.loads(render(report, "json"))["feedback"]["forms"][0]["answers"][0]["answer"]
        == f"Answer {NASTY}"
    )


def test_an_unreadable_form_is_left_out_and_counted(tmp_path: Path) -> None:
    broken = NewEvent(3600, Kind.FEEDBACK, "x", {"role": "nctv", "answers": {"realism": 4}})
    score = _form("nctv", "y", realism=9)
    report = _report(tmp_path, [broken, score, _form("nkc", "z", realism=2)])
    assert report.overview.unreadable_events == 2
    assert [f.by for f in report.feedback.forms] == ["z"]


def test_a_form_after_the_final_mark_makes_the_report_a_draft_again(tmp_path: Path) -> None:
    final = NewEvent(3600, Kind.REPORT_FINAL, "eva", {"by": "Eva"})
    assert _report(tmp_path / "a", [final]).overview.status == "final"
    later = _report(tmp_path / "b", [final, _form("nctv", "Jan", realism=3)])
    assert later.overview.status == "draft"


# -- latency against deadlines ----------------------------------------------------------------


def test_latency_per_role_against_its_deadlines(tmp_path: Path) -> None:
    report = _report(tmp_path, [])
    rows = {r.role: r for r in role_latencies(report)}
    # i-cyber: 2m of 10m; i-drone missed; i-war has no deadline
    assert (rows["nctv"].used, rows["nctv"].missed, rows["nctv"].free) == ([0.2], 1, 1)
    assert rows["nkc"].used == [pytest.approx(400 / 600)]
    words = latency_words(report, Words("en"))
    assert words[0].startswith("NCTV / ICCb chair: 1 decision against a deadline: median 2m")
    assert "1 deadline missed" in words[0] and "1 decision without a deadline" in words[0]
    svg = latency_svg(report, Words("en"))
    assert svg.count("<circle") == 1  # the legend's; decisions are one path per role
    assert svg.count('fill="#154273" fill-opacity') == 2 and "1 missed" in svg


def test_the_latency_chart_is_bounded_and_escapes_role_titles(tmp_path: Path) -> None:
    data = copy.deepcopy(HAND_SCENARIO)
    roles = [{"id": f"r{n}", "title": f"Role {n} <b>&"} for n in range(MAX_LANES + 5)]
    data["roles"] = roles + data["roles"]
    missed = [
        NewEvent(3000, Kind.DECISION_MISSED, r["id"], {"inject": "i-cyber", "role": r["id"]})
        for r in roles
    ]
    report = _report(tmp_path, missed, data)
    svg = latency_svg(report, Words("en"))
    assert len(re.findall(r'<rect [^>]*fill="#dfe6ee"', svg)) == MAX_LANES
    assert "and 7 more roles" in svg  # the hand-built roles nctv and nkc decided too
    assert "<b>" not in svg and "Role 0 &lt;b&gt;&amp;" in svg


# -- indicators with the decisions that moved them ---------------------------------------------


def test_an_indicator_names_the_decisions_that_moved_it(tmp_path: Path) -> None:
    report = _report(tmp_path, [])
    [trust] = report.pillar("resilient-society").indicators
    # i-cyber/act +10, i-rumour/rebut +10; the default after the missed i-drone is no decision
    assert [(m.t, m.kind, m.ref, m.text, m.delta) for m in trust.moves] == [
        (420, "decision", "i-cyber/act", "Send the national CSIRT", 10.0),
        (1000, "decision", "i-rumour/rebut", "Rebut, with what people can do", 10.0),
    ]
    html = render(report, "html")
    assert html.count('fill="#7a3e9d" stroke="#fff"') >= 1  # the diamonds on the chart
    assert "(2) T+00:16 Rebut, with what people can do (+10)" in html
    md = render(report, "md")
    assert "- Public trust moved by: (1) T+00:07 Send the national CSIRT (+10); (2)" in md


def test_many_moves_stay_bounded_and_escaped(tmp_path: Path) -> None:
    data = copy.deepcopy(HAND_SCENARIO)
    label = "<b>Act</b> [red]x[/red]"
    data["injects"][0]["decision"]["options"][0]["label"] = label
    moves = [
        NewEvent(
            2000 + n / 100,
            Kind.INDICATOR_CHANGED,
            None,
            {"indicator": "trust", "value": 50.0 + n % 7, "delta": 1.0, "cause": "i-cyber/act"},
        )
        for n in range(3000)
    ]
    report = _report(tmp_path, moves, data)
    [trust] = report.pillar("resilient-society").indicators
    assert len(trust.moves) == 3002
    html = render(report, "html")
    start = html.index("Public trust: start")
    chunk = html[start : html.index("<h4>", start)]
    diamonds = re.findall(r'<path d="([^"]*)" fill="#7a3e9d" stroke="#fff"/>', chunk)
    assert len(diamonds) == 1 and diamonds[0].count("z") <= 640  # one per pixel column
    assert chunk.count("<li>") == 13 and "and 2990 more" in chunk
    assert "<b>Act</b>" not in chunk and "&lt;b&gt;Act&lt;/b&gt;" in chunk
