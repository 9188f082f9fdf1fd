"""The timeline annex: the clock's pauses and resumes are left out unless asked for."""

from __future__ import annotations

from pathlib import Path

from debrief_journals import HAND_EVENTS, write_journal

from exercise.cli import main
from exercise.debrief import build_report, render
from exercise.journal import Journal
from exercise.model.events import Kind, NewEvent


def _paused_journal(path: Path) -> Path:
    pauses = [
        NewEvent(600.0, Kind.PAUSED, "facilitator", {}),
        NewEvent(600.0, Kind.RESUMED, "facilitator", {}),
        NewEvent(1500.0, Kind.PAUSED, "facilitator", {}),
        NewEvent(1500.0, Kind.RESUMED, "facilitator", {}),
    ]
    events = sorted([*HAND_EVENTS, *pauses], key=lambda e: e.t)  # sorted keeps the order
    return write_journal(path, events)


def test_pauses_are_left_out_and_counted(tmp_path: Path) -> None:
    with Journal.open(_paused_journal(tmp_path / "p.db"), readonly=True) as journal:
        report = build_report(journal)
    kinds = {row.kind for row in report.timeline}
    assert Kind.PAUSED not in kinds and Kind.RESUMED not in kinds
    assert report.overview.pauses_left_out == 4
    assert "4 pauses and resumes of the clock are left out" in render(report, "md")
    assert Kind.INJECT_DELIVERED in kinds  # the rest stays


def test_pauses_are_listed_when_asked(tmp_path: Path) -> None:
    with Journal.open(_paused_journal(tmp_path / "p.db"), readonly=True) as journal:
        report = build_report(journal, pauses=True)
    assert [row.kind for row in report.timeline].count(Kind.PAUSED) == 2
    assert report.overview.pauses_left_out == 0
    assert "left out" not in render(report, "md")


def test_the_command_line_asks_for_them_with_pauses(tmp_path: Path) -> None:
    journal = _paused_journal(tmp_path / "p.db")
    assert main(["debrief", str(journal), "--format", "md", "--out", str(tmp_path)]) == 0
    assert "Clock paused" not in (tmp_path / "p.md").read_text(encoding="utf-8")
    assert (
        main(["debrief", str(journal), "--format", "md", "--out", str(tmp_path), "--pauses"]) == 0
    )
    assert "Clock paused" in (tmp_path / "p.md").read_text(encoding="utf-8")
