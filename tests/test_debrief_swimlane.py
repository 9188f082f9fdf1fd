"""Who did what when: the swimlane of the HTML report and its words in Markdown terms."""

from __future__ import annotations

import copy
import dataclasses
import re
from pathlib import Path

import pytest
from debrief_journals import HAND_SCENARIO, write_journal

from exercise.debrief import build_report, render
from exercise.debrief.report import DecisionRow, Report
from exercise.debrief.swimlane import MAX_LANES, lanes, swimlane_svg, swimlane_words
from exercise.debrief.words import Words
from exercise.journal import Journal

EN, NL = Words("en"), Words("nl")


def _report(path: Path, lang: str | None = None) -> Report:
    with Journal.open(path, readonly=True) as journal:
        return build_report(journal, lang=lang)


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return _report(write_journal(tmp_path_factory.mktemp("lanes") / "hand.db"))


def test_a_lane_per_player_role_with_what_it_received_and_did(hand: Report) -> None:
    by_role = {lane.role: lane for lane in lanes(hand)}
    assert set(by_role) == {"nctv", "nkc"}  # exercise control plays no lane
    nctv, nkc = by_role["nctv"], by_role["nkc"]
    assert sorted(nctv.received) == [300, 900, 1260, 2700]
    assert sorted(nctv.decided) == [(420, 120.0), (2760, 60.0)]
    assert nctv.missed == [1200] and nctv.measures == [2100] and nctv.own == []
    assert nkc.received == [600] and nkc.decided == [(1000, 400.0)] and nkc.own == [2400]


def test_an_inject_of_two_pillars_is_one_mark(hand: Report) -> None:
    listed = sum(1 for section in hand.pillars for row in section.injects if row.id == "i-cyber")
    nctv = next(lane for lane in lanes(hand) if lane.role == "nctv")
    assert listed >= 1 and nctv.received.count(300) == 1


def test_the_html_report_shows_the_lanes_with_a_legend(hand: Report) -> None:
    html = render(hand, "html")
    svg = html[html.index('<svg class="chart swimlane"') :]
    svg = svg[: svg.index("</svg>")]
    for title in (role.title for role in hand.overview.roles if role.kind == "player"):
        assert f">{title}</text>" in svg
    for word in ("inject received", "deadline missed", "own initiative"):
        assert word in svg
    # the decision of nkc took 400 s: its line starts 400 s of scenario time before its dot
    assert re.search(r"M\d+,[\d.]+H\d+", svg)


def test_the_chart_is_bounded_whatever_the_journal_holds(hand: Report) -> None:
    many = [
        DecisionRow(t, "decision", "nctv", "i-cyber", "Cyber", "act", "Act", "", 30.0, [])
        for t in range(0, 3600, 1)
    ]
    first = dataclasses.replace(hand.pillars[0], decisions=many)
    big = dataclasses.replace(hand, pillars=[first, *hand.pillars[1:]])
    svg = swimlane_svg(big, EN)
    dots = svg.count("a3,3 0 1,0 6,0")
    assert 100 < dots <= 960  # one per pixel column at most, not one per decision
    assert len(svg) < 100_000


def test_at_most_max_lanes_lanes_and_the_rest_counted(tmp_path: Path) -> None:
    scenario = copy.deepcopy(HAND_SCENARIO)
    extra = [{"id": f"r{n}", "title": f"Role {n}", "kind": "player"} for n in range(60)]
    scenario["roles"] = [*scenario["roles"], *extra]
    report = _report(write_journal(tmp_path / "many.db", scenario=scenario))
    roles = [f"r{n}" for n in range(60)]
    first = report.pillars[0]
    row = first.injects[0]
    wide = dataclasses.replace(row, to=[*row.to, *roles])
    report = dataclasses.replace(
        report, pillars=[dataclasses.replace(first, injects=[wide]), *report.pillars[1:]]
    )
    svg = swimlane_svg(report, EN)
    assert svg.count('text-anchor="end" fill="#222"') == MAX_LANES
    shown = len(lanes(report))
    assert f"and {shown - MAX_LANES} more roles" in svg


def test_role_titles_are_escaped_in_the_chart(tmp_path: Path) -> None:
    scenario = copy.deepcopy(HAND_SCENARIO)
    scenario["roles"][1]["title"] = 'Role <script>alert("x")</script>'
    svg = swimlane_svg(_report(write_journal(tmp_path / "x.db", scenario=scenario)), EN)
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg


def test_the_same_picture_in_words(hand: Report) -> None:
    words = swimlane_words(hand, EN)
    nctv = next(line for line in words if line.startswith(hand.overview.roles[0].title))
    assert "4 injects received" in nctv
    assert "2 decisions, median 2m after delivery" in nctv
    assert "1 deadline missed" in nctv
    assert "1 measure" in nctv
    assert "first action at T+00:07" in nctv


def test_dutch_words(tmp_path: Path) -> None:
    report = _report(write_journal(tmp_path / "nl.db"), lang="nl")
    svg = swimlane_svg(report, NL)
    assert "inject ontvangen" in svg and "uiterste tijd verstreken" in svg
    assert any("besluiten, mediaan" in line for line in swimlane_words(report, NL))
