"""The media environment in the debrief: each narrative's reach over time (a chart in HTML,
in words in Markdown and on the console), when and by whom it was answered, the media items
in Annex D, the JSON; and the comparison of sessions on peak reach and time to answer."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import scenario_text
from debrief_journals import write_journal

from exercise.debrief import build_report, compare, render, render_comparison
from exercise.debrief.report import Report
from exercise.journal import Journal
from exercise.model import Scenario
from exercise.sim import commands as c
from exercise.sim.engine import Engine

M = 60.0
CLAIM = "The <b>government</b> hides [bold]the cause[/]"

INJECTS = """\
- id: post
  at: 10m
  to: [nctv]
  title: A viral post
  text: A post claims the government hides the cause of the outage.
  pillars: [resilient-society]
  media: {kind: post, outlet: "<i>@truthseeker</i>", people: 120000}
- {id: memo, at: 20m, to: [nctv], title: Memo, text: A memo., pillars: [resilient-society]}
"""

NARRATIVES = f"""\
- id: hiding
  claim: {CLAIM!r}
  from: [post]
  start: 10
  growth: 12
  ceiling: 30
  every: 10m
  answered_by: [threat-info]
- id: fuel
  claim: Fuel runs out tomorrow
  from: [memo]
  answered_by: [action-perspective]
"""


def _scenario(load: Callable[[str], Scenario]) -> Scenario:
    return load(
        scenario_text(indicators=None, objectives=None, injects=INJECTS, narratives=NARRATIVES)
    )


def _report(tmp_path: Path, scenario: Scenario, answer: bool, name: str) -> Report:
    engine = Engine(scenario)
    if answer:
        command = c.IssueProduct(
            actor="nctv",
            kind="press-release",
            audience="the public",
            text="What we know.",
            elements=("threat-info",),
            answers=("post",),
        )
        assert engine.submit(command, 25 * M).accepted
    engine.advance_to(scenario.duration)
    data = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    path = write_journal(tmp_path / name, engine.take_pending(), data)
    with Journal.open(path, readonly=True) as journal:
        return build_report(journal)


def test_a_narrative_s_course_and_its_answer_are_in_the_report(load, tmp_path: Path) -> None:
    report = _report(tmp_path, _scenario(load), True, "a.db")
    hiding, fuel = report.media.narratives
    assert (hiding.started, hiding.started_by, hiding.peak, hiding.peak_at) == (
        10 * M,
        "post",
        12,
        20 * M,
    )
    assert (hiding.answered, hiding.time_to_answer, hiding.product, hiding.answered_by) == (
        25 * M,
        15 * M,
        "P1",
        "nctv",
    )
    assert hiding.end == 0  # answered: it fell back
    assert fuel.started is not None and fuel.answered is None  # the memo started it
    (item,) = report.media.items
    assert (item.inject, item.t, item.outlet, item.people) == (
        "post",
        10 * M,
        "<i>@truthseeker</i>",
        120000,
    )

    markdown = render(report, "md")
    assert "## Annex D. Media and narratives" in markdown
    assert "Answered at T+00:25:00 by nctv with product P1" in markdown
    assert "reached 12% of the public at T+00:20:00" in markdown
    assert "Fuel runs out tomorrow” started at T+00:20:00" in markdown
    assert "No product answered it." in markdown
    assert "<b>government" not in markdown  # escaped for Markdown

    html = render(report, "html")
    annex = html[html.index('<section id="media"') :]
    assert "<svg" in annex and "Reach of the narratives over time" in annex
    assert "&lt;b&gt;government&lt;/b&gt;" in annex and "<b>government" not in html
    assert "&lt;i&gt;@truthseeker&lt;/i&gt;" in annex

    console = " ".join(render(report, "console").split())
    assert "Annex D. Media and narratives" in console
    assert "Answered at T+00:25:00 by nctv with product P1" in console

    data = json.loads(render(report, "json"))
    assert data["media"]["narratives"][0]["time_to_answer"] == 15 * M
    assert data["media"]["narratives"][0]["claim"] == CLAIM
    assert data["media"]["items"][0]["kind"] == "post"


def test_the_comparison_gives_peak_reach_and_time_to_answer(load, tmp_path: Path) -> None:
    scenario = _scenario(load)
    answered = _report(tmp_path, scenario, True, "a.db")
    left = _report(tmp_path, scenario, False, "b.db")
    comparison = compare([answered, left])
    text = render_comparison(comparison, "md")
    peak = next(line for line in text.splitlines() if "Peak reach:" in line and "hides" in line)
    assert "| 12% | 30% |" in peak.replace("\\", "")
    answer = next(
        line for line in text.splitlines() if "Time to answer:" in line and "hides" in line
    )
    assert "not answered" in answer and "15m" in answer
    assert "<b>" not in text
