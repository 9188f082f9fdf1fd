"""The main findings and recommendations on the first page of the report."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from debrief_journals import HAND_EVENTS, write_journal

from exercise.debrief import build_report, render
from exercise.debrief.findings import MAX_EVIDENCE, MAX_FINDINGS, compute_findings
from exercise.debrief.report import ExpectedRow, Report
from exercise.debrief.words import Words
from exercise.journal import Journal
from exercise.model.events import Kind, NewEvent

EN = Words("en")


def _report(path: Path, lang: str | None = None) -> Report:
    with Journal.open(path, readonly=True) as journal:
        return build_report(journal, lang=lang)


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return _report(write_journal(tmp_path_factory.mktemp("findings") / "hand.db"))


def test_the_missed_action_is_an_area_for_improvement_with_its_evidence(hand: Report) -> None:
    findings = hand.summary.findings
    defence = next(f for f in findings if f.pillars == ["territorial-defence"])
    assert defence.kind == "improvement" and defence.computed
    assert "1 missed and 0 late of 2 expected actions" in defence.text
    assert defence.evidence == [
        "Drones over an air base: Choose: Ask Defence for a picture (missed)"
    ]


def test_a_deadline_let_pass_names_the_role(hand: Report) -> None:
    missed = next(f for f in hand.summary.findings if "without a decision" in f.text)
    assert missed.text == "1 deadline passed without a decision: nctv (1)"
    assert missed.evidence == ["T+00:20:00: Drones over an air base (nctv)"]


def test_a_quick_action_perspective_is_a_strength(hand: Report) -> None:
    strengths = [f for f in hand.summary.findings if f.kind == "strength"]
    assert [f.text for f in strengths] == [
        "The first public action perspective came 6m40s after the first severe inject"
    ]


def test_areas_for_improvement_come_first_and_at_most_five(hand: Report) -> None:
    kinds = [f.kind for f in hand.summary.findings]
    assert 3 <= len(kinds) <= MAX_FINDINGS
    assert kinds == sorted(kinds, key=lambda kind: kind != "improvement")


def test_recommendations_are_the_improvement_plan_actions(tmp_path: Path) -> None:
    item = {
        "pillar": "territorial-defence",
        "objective": None,
        "capability": "",
        "issue": "Drone reports reached the ICCb late",
        "action": "Agree a reporting line with the air base",
        "element": "planning",
        "organisation": "NCTV",
        "contact": "",
        "start": None,
        "due": "2027-06-30",
    }
    events = [*HAND_EVENTS[:-1], NewEvent(3600, Kind.IP_ROW, "evaluator", item), HAND_EVENTS[-1]]
    report = _report(write_journal(tmp_path / "ip.db", events))
    assert report.summary.recommendations == [
        "IP-1: Agree a reporting line with the air base (NCTV, due 2027-06-30)"
    ]


def test_findings_stay_bounded_whatever_the_session(hand: Report) -> None:
    section = hand.pillar("territorial-defence")
    row = section.expected[0]
    many: list[ExpectedRow] = [dataclasses.replace(row, status="missed") for _ in range(5000)]
    counts = dataclasses.replace(section.expected_counts, missed=5000)
    big_section = dataclasses.replace(section, expected=many, expected_counts=counts)
    big = dataclasses.replace(
        hand, pillars=[big_section if s is section else s for s in hand.pillars]
    )
    findings, _recommendations = compute_findings(big, EN)
    assert len(findings) <= MAX_FINDINGS
    assert all(len(f.evidence) <= MAX_EVIDENCE for f in findings)
    assert findings[0].pillars == ["territorial-defence"]  # the heaviest comes first


def test_the_html_report_has_them_on_its_cover(hand: Report) -> None:
    html = render(hand, "html")
    cover = html[html.index('<section class="cover">') :]
    cover = cover[: cover.index("</section>")]
    assert "Main findings" in cover and "Recommendations" in cover
    assert cover.count('<span class="tag computed">computed</span>') == len(hand.summary.findings)


@pytest.mark.parametrize("fmt", ["md", "console"])
def test_markdown_and_console_open_the_summary_with_them(hand: Report, fmt: str) -> None:
    text = render(hand, fmt)
    summary = text[text.index("Executive summary") :]
    assert summary.index("Main findings") < summary.index("Recommendations")
    assert summary.index("Recommendations") < summary.index("injects delivered")


def test_dutch_findings(tmp_path: Path) -> None:
    report = _report(write_journal(tmp_path / "nl.db"), lang="nl")
    text = render(report, "md")
    assert "Belangrijkste bevindingen" in text and "Verbeterpunt" in text
    assert any("verstreken zonder besluit" in f.text for f in report.summary.findings)
