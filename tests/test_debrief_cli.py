"""`exercise debrief` on the command line: the default files, formats, comparisons, the
refusal of journals of different scenarios, and evaluator events that keep the chain
(withdrawals included)."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from debrief_journals import HAND_SCENARIO, write_journal

from exercise.cli import main
from exercise.debrief import build_report, compare, render_comparison
from exercise.debrief.evaluation import (
    FinalInput,
    ImprovementInput,
    InputError,
    JudgementInput,
    ObservationInput,
    RatingInput,
    WithdrawalInput,
    append,
    parse,
)
from exercise.journal import Journal, verify
from exercise.model import Scenario
from exercise.model.events import Kind
from exercise.sim.replay import replay_journal


@pytest.fixture(scope="module")
def demo_journals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("journals")
    paths = {}
    for policy in ("expected", "none"):
        paths[policy] = folder / f"{policy}.db"
        main(["play", "demo", "--auto", policy, "--journal", str(paths[policy])])
    return paths


@pytest.fixture
def journal(demo_journals: dict[str, Path], tmp_path: Path) -> Path:
    path = tmp_path / "debriefs" / "session.db"
    path.parent.mkdir()
    shutil.copy(demo_journals["expected"], path)
    return path


def test_default_writes_three_files_beside_the_journal_and_prints(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["debrief", str(journal)]) == 0
    out, err = capsys.readouterr()
    for suffix in (".md", ".html", ".json"):
        assert (journal.parent / f"session{suffix}").is_file()
        assert f"session{suffix}" in err
    assert "2. Executive summary" in out and "UNCLASSIFIED // EXERCISE" in out
    data = json.loads((journal.parent / "session.json").read_text(encoding="utf-8"))
    assert data["overview"]["scenario_id"] == "demo"


def test_format_and_out(journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "reports"
    assert main(["debrief", str(journal), "--format", "json,html", "--out", str(out_dir)]) == 0
    out, _err = capsys.readouterr()
    reports = sorted(p.name for p in out_dir.iterdir() if p.name != ".exercise-outputs.json")
    assert reports == ["session.html", "session.json"]
    assert "Executive summary" not in out
    assert main(["debrief", str(journal), "--format", "console"]) == 0
    assert "Executive summary" in capsys.readouterr().out
    assert not (journal.parent / "session.md").exists()


def test_bad_input_exits_2(journal: Path, tmp_path: Path, capsys) -> None:
    assert main(["debrief", str(journal), "--format", "pdf"]) == 2
    assert main(["debrief", str(tmp_path / "missing.db")]) == 2
    assert main(["debrief"]) == 2
    err = capsys.readouterr().err
    assert "--format" in err and "no such journal file" in err


def test_schema_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["debrief", "--schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"].startswith("Exercise After-Action Report")


def test_compare_two_sessions(demo_journals: dict[str, Path], tmp_path: Path, capsys) -> None:
    a, b = demo_journals["expected"], demo_journals["none"]
    assert main(["debrief", str(a), str(b), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Where the decisions diverged" in out
    md = (tmp_path / "expected-vs-none.md").read_text(encoding="utf-8")
    assert "rationing-rumour" in md and "Public statement via the NKC" in md
    assert "Deadline passed" in md
    data = json.loads((tmp_path / "expected-vs-none.json").read_text(encoding="utf-8"))
    diverged = {d["inject"] for d in data["divergences"]}
    assert {"anchor-drag-pipeline", "rationing-rumour", "vessel-assessment"} <= diverged
    assert [len(p["sessions"]) for p in data["pillars"]] == [2] * 6
    html = (tmp_path / "expected-vs-none.html").read_text(encoding="utf-8")
    assert "<script" not in html and "Per pillar" in html


def test_compare_refuses_different_scenarios(
    demo_journals: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = write_journal(tmp_path / "hand.db")
    assert main(["debrief", str(demo_journals["expected"]), str(other)]) == 2
    err = capsys.readouterr().err
    assert "only sessions of the same scenario can be compared" in err
    assert "'demo'" in err and "'hand'" in err
    assert not list(tmp_path.glob("*-vs-*"))


def test_evaluator_events_keep_the_chain_and_the_state(journal: Path) -> None:
    with Journal.open(journal, readonly=True) as j:
        scenario, before = replay_journal(j)
    items = [
        parse(RatingInput, scope="pillar", target="vital-processes", rating="S", note="ok"),
        parse(ObservationInput, pillar="vital-processes", kind="strength", text="Fast"),
        parse(
            ImprovementInput,
            pillar="vital-processes",
            issue="No storage picture",
            action="Daily storage report",
            element="planning",
            organisation="KGG",
            due="2027-06-30",
        ),
        parse(JudgementInput, inject="mccb-briefing", index=0, status="late"),
        parse(FinalInput, by="A. Jansen"),
    ]
    with Journal.open(journal) as j:
        last = j.last()
        written = append(j, scenario, items, "A. Jansen")
    assert all(e.t == last.t for e in written)  # at the session's last scenario time
    assert verify(journal).ok
    assert main(["verify", str(journal)]) == 0
    with Journal.open(journal, readonly=True) as j:
        _scenario, after = replay_journal(j)
        report = build_report(j)
    assert after.indicators == before.indicators and after.decisions == before.decisions
    assert report.overview.status == "final" and report.overview.final_by == "A. Jansen"
    assert report.pillar("vital-processes").rating.rating == "S"
    assert report.improvement_plan[0].issue == "No storage picture"
    judged = [x for s in report.pillars for x in s.expected if x.inject == "mccb-briefing"]
    assert judged[0].status == "late" and judged[0].judged_by == "A. Jansen"


def test_evaluator_input_is_checked_against_the_scenario(journal: Path) -> None:
    with Journal.open(journal, readonly=True) as j:
        scenario, _state = replay_journal(j)
        count = j.count()
    bad = [
        parse(RatingInput, scope="objective", target="obj-nope", rating="P"),
        parse(JudgementInput, inject="rationing-rumour", index=0, status="met"),  # an option
        parse(
            ImprovementInput,
            pillar="vital-processes",
            issue="x",
            action="y",
            element="training",
            organisation="z",
            start="2027-05-01",
            due="2027-04-01",
        ),
    ]
    for item in bad:
        with pytest.raises(InputError), Journal.open(journal) as j:
            append(j, scenario, [item], "e")
    with pytest.raises(InputError):
        parse(RatingInput, scope="pillar", target="vital-processes", rating="X")
    with Journal.open(journal, readonly=True) as j:
        assert j.count() == count


def test_hand_scenario_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_journal(tmp_path / "hand.db")
    assert main(["debrief", str(path), "--format", "md"]) == 0
    capsys.readouterr()
    assert HAND_SCENARIO["title"] in (tmp_path / "hand.md").read_text(encoding="utf-8")


def _withdraw(path: Path, ref: str, reason: str = "entered by mistake") -> None:
    item = parse(WithdrawalInput, ref=ref, reason=reason)
    with Journal.open(path) as j:
        append(j, Scenario.model_validate(HAND_SCENARIO), [item], "A. Jansen")


def test_withdrawal_refusals_journal_nothing(tmp_path: Path) -> None:
    path = write_journal(tmp_path / "hand.db")  # it holds OBS-1, from the facilitator
    item = parse(
        ImprovementInput,
        pillar="vital-processes",
        issue="Wrong pillar",
        action="y",
        element="training",
        organisation="z",
    )
    with Journal.open(path) as j:
        append(j, Scenario.model_validate(HAND_SCENARIO), [item], "A. Jansen")
    _withdraw(path, "ip-1 ")  # written as the report shows it: IP-1
    with Journal.open(path, readonly=True) as j:
        count = j.count()
        [event] = [e for e in j.events() if e.kind == Kind.WITHDRAWN]
    assert event.payload == {"ref": "IP-1", "reason": "entered by mistake"}
    assert event.actor == "A. Jansen"
    refused = {
        "IP-1": "IP-1 is already withdrawn",
        "IP-2": "there is no IP-2 in this session",
        "OBS-2": "there is no OBS-2 in this session",
        "IP-01": "'IP-01' is not a reference to withdraw",
        "D-1": "'D-1' is not a reference to withdraw",
    }
    for ref, message in refused.items():
        with pytest.raises(InputError, match=message):
            _withdraw(path, ref)
    with pytest.raises(InputError, match="reason"):
        parse(WithdrawalInput, ref="OBS-1", reason="  ")
    twice = [parse(WithdrawalInput, ref="OBS-1", reason="x")] * 2
    with pytest.raises(InputError, match="OBS-1 is already withdrawn"), Journal.open(path) as j:
        append(j, Scenario.model_validate(HAND_SCENARIO), twice, "e")  # not even the first
    with Journal.open(path, readonly=True) as j:
        assert j.count() == count
        assert [r.ref for r in build_report(j).improvement_plan] == []
    assert verify(path).ok


def test_a_withdrawal_makes_a_final_report_a_draft(tmp_path: Path) -> None:
    path = write_journal(tmp_path / "hand.db")
    with Journal.open(path) as j:
        append(j, Scenario.model_validate(HAND_SCENARIO), [parse(FinalInput, by="A")], "A")
        assert build_report(j).overview.status == "final"
    _withdraw(path, "OBS-1")  # the facilitator's observation during play
    with Journal.open(path, readonly=True) as j:
        report = build_report(j)
        last = j.last()
    assert report.overview.status == "draft" and report.overview.final_by == ""
    assert report.summary.totals.observations == 0
    assert last is not None and last.kind == Kind.WITHDRAWN and last.t == 3600  # last t
    assert verify(path).ok
    assert main(["verify", str(path)]) == 0


def _built(path: Path):
    with Journal.open(path, readonly=True) as journal:
        return build_report(journal)


def test_a_comparison_names_phases_by_title_and_says_when_lengths_differ(
    demo_journals: dict[str, Path],
) -> None:
    a, b = (_built(demo_journals[policy]) for policy in ("expected", "none"))
    same = render_comparison(compare([a, b]), "md")
    assert "Phase-recognition lag: Heightened readiness" in same
    assert "Phase-recognition lag: readiness" not in same
    assert "per hour of play" not in same and "different lengths" not in same

    half = dataclasses.replace(b, overview=dataclasses.replace(b.overview, played=450.0))
    comparison = compare([a, half])
    assert any("different lengths of scenario time (A 15m, B 7m30s)" in n for n in comparison.notes)
    text = render_comparison(comparison, "md")
    delivered = next(line for line in text.splitlines() if "Injects delivered per hour" in line)
    cells = [cell.strip() for cell in delivered.strip("|").split("|")]
    assert cells[1] == f"{a.summary.totals.injects_delivered * 3600 / 900:g}"
    assert cells[2] == f"{b.summary.totals.injects_delivered * 3600 / 450:g}"
