"""`exercise plan`: improvement items followed up after the exercise (journaled, chained, as
the journal's one writer), every input checked, the state in every report format, the
stand-alone plan export with the spreadsheet guard, and the items a later session of the
same scenario exercised again."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from debrief_journals import HAND_EVENTS, STARTED_WALL, write_journal
from openpyxl import load_workbook

from exercise.cli import main
from exercise.debrief import build_report, compare, render, render_comparison
from exercise.debrief.evaluation import ImprovementInput, WithdrawalInput, append, parse
from exercise.journal import Journal, verify
from exercise.model.events import Kind, NewEvent
from exercise.sim.replay import load_frozen

FORMULA = '=HYPERLINK("http://evil.example","click")'
TODAY = datetime.now(UTC).date().isoformat()


def _items(path: Path, *items: ImprovementInput | WithdrawalInput) -> None:
    with Journal.open(path) as j:
        append(j, load_frozen(j), list(items), "J. de Vries")


def _item(issue: str, objective: str | None = None, pillar: str = "territorial-defence") -> Any:
    return parse(
        ImprovementInput,
        pillar=pillar,
        objective=objective,
        issue=issue,
        action="Drill the LCP-MD activation",
        element="training",
        organisation="NCTV",
        contact="A. Jansen",
        start="2027-01-20",
        due="2027-03-01",
    )


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = write_journal(tmp_path / "hand.db")
    _items(
        path,
        _item("Defence picture asked late", "obj-readiness"),
        _item(FORMULA, pillar="civil-military-support"),
        _item("Entered twice"),
        parse(WithdrawalInput, ref="IP-3", reason="typo"),
    )
    return path


def _report(path: Path) -> Any:
    with Journal.open(path, readonly=True) as j:
        return build_report(j)


def _plan(*args: str) -> int:
    return main(["plan", *args])


def test_a_follow_up_is_journaled_chained_and_in_force(journal: Path, capsys) -> None:
    note = "[red]Drilled[/red] <b>in March</b> | with the MCCb"
    assert _plan(str(journal), "--item", "ip-1", "--status", "in-progress", "--owner",
                 "B. de Boer", "--note", "Owner briefed", "--by", "K. Smit") == 0  # fmt: skip
    assert _plan(str(journal), "--item", "IP-1", "--status", "done", "--due", "2027-04-01",
                 "--note", note) == 0  # fmt: skip
    assert verify(journal).ok
    with Journal.open(journal, readonly=True) as j:
        events = [e for e in j.events() if e.kind == Kind.IP_UPDATE]
    assert [e.actor for e in events] == ["K. Smit", "evaluator"]
    assert events[0].payload == {
        "ref": "IP-1",
        "status": "in-progress",
        "owner": "B. de Boer",
        "note": "Owner briefed",
        "on": TODAY,
    }
    row = _report(journal).improvement_plan[0]
    assert (row.status, row.owner, row.due, row.contact) == (
        "done", "B. de Boer", "2027-04-01", "A. Jansen"
    )  # fmt: skip
    assert [(n.on, n.by, n.status, n.text) for n in row.notes] == [
        (TODAY, "K. Smit", "in-progress", "Owner briefed"),
        (TODAY, "evaluator", "done", note),
    ]
    assert _report(journal).overview.status == "draft"  # a follow-up is evaluator input
    assert _plan(str(journal), "--item", "IP-2", "--status", "cancelled", "--note", "merged") == 0
    recommended = _report(journal).summary.recommendations
    assert len(recommended) == 1 and recommended[0].startswith("IP-1: ")  # not IP-2 any more


def test_every_report_format_shows_the_state_and_notes(journal: Path) -> None:
    note = "[red]Drilled[/red] <b>in March</b> | with the MCCb"
    assert _plan(str(journal), "--item", "IP-1", "--status", "done", "--note", note) == 0
    report = _report(journal)
    md = render(report, "md")
    plan = md.split("## 7. Improvement plan")[1].split("## Annex A")[0]
    assert "| done |" in plan and "| open |" in plan
    assert "IP-1: " in plan and "\\[red\\]Drilled\\[/red\\] &lt;b&gt;in March&lt;/b&gt; \\|" in plan
    html = render(report, "html")
    assert "&lt;b&gt;in March&lt;/b&gt;" in html and "<b>in March" not in html
    data = json.loads(render(report, "json"))
    [first, second] = data["improvement_plan"]
    assert (first["status"], first["notes"][0]["text"]) == ("done", note)
    assert (second["ref"], second["status"], second["notes"]) == ("IP-2", "open", [])
    nl = build_report(Journal.open(journal, readonly=True), lang="nl")
    assert "| afgerond |" in render(nl, "md")


def test_the_listing_is_escaped(journal: Path, capsys) -> None:
    bad = "\x1b]0;owned\x07[bold]x[/bold]"
    assert _plan(str(journal), "--item", "IP-2", "--note", bad) == 0
    capsys.readouterr()
    assert _plan(str(journal)) == 0
    out = capsys.readouterr().out
    assert "IP-1" in out and "IP-2" in out and "IP-3" not in out  # withdrawn: left out
    assert "\x1b" not in out and "\\x1b]0;owned\\x07[bold]x[/bold]" in out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--item", "IP-9", "--status", "done"], "there is no IP-9 in this session"),
        (["--item", "IP-3", "--status", "done"], "IP-3 is withdrawn"),
        (["--item", "OBS-1", "--note", "x"], "is not an improvement item"),
        (["--item", "IP-1", "--status", "finished"], "choose from open, in-progress, done"),
        (["--item", "IP-1", "--due", "2027-02-30"], "is not a date: write it as YYYY-MM-DD"),
        (["--item", "IP-1", "--due", "1.3.2027"], "is not a date"),
        (["--item", "IP-1", "--due", "2027-01-01"], "before IP-1's start date 2027-01-20"),
        (["--item", "IP-1"], "say what changed"),
        (["--status", "done"], "name the item to follow up with --item IP-n"),
        (["--item", "IP-1", "--note", "x", "--export", "p.csv"], "one at a time"),
        (["--item", "IP-1", "--note", "x" * 10_001], "note"),
        (["--export", "plan.txt"], "must end in .xlsx or .csv"),
    ],
)
def test_bad_input_is_one_line_and_exit_2_and_writes_nothing(
    journal: Path, capsys, args: list[str], says: str
) -> None:
    before = verify(journal).count
    assert _plan(str(journal), *args) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err
    assert verify(journal).count == before


def test_refused_while_another_writer_holds_the_journal(journal: Path, capsys) -> None:
    with Journal.open(journal):  # a session (or a review) writing into it
        assert _plan(str(journal), "--item", "IP-1", "--status", "done") == 2
    err = capsys.readouterr().err
    assert "this journal is in use by" in err and err.count("\n") == 1
    assert _report(journal).improvement_plan[0].status == "open"


def test_export_csv_and_xlsx_keep_formulas_inert(journal: Path, tmp_path: Path) -> None:
    assert _plan(str(journal), "--item", "IP-1", "--status", "done", "--note", "@SUM(A1)") == 0
    out = tmp_path / "out"
    out.mkdir()
    assert _plan(str(journal), "--export", str(out / "plan.csv")) == 0
    text = (out / "plan.csv").read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0][:3] == ["Ref", "Status", "Pillar"]
    assert [r[0] for r in rows[1:]] == ["IP-1", "IP-2"]
    assert rows[2][4] == "'" + FORMULA  # a spreadsheet shows it, never runs it
    assert rows[1][1] == "done" and "@SUM(A1)" in rows[1][11]
    assert _plan(str(journal), "--export", str(out / "plan.xlsx"), "--lang", "nl") == 0
    ws = load_workbook(out / "plan.xlsx").active
    assert ws["A1"].value == "Ref" and ws["B2"].value == "afgerond"
    issue = ws["E3"]
    assert issue.value == FORMULA and issue.data_type == "s" and issue.quotePrefix
    assert ws.oddHeader.center.text == "UNCLASSIFIED // EXERCISE"  # the handling marking


def test_export_never_over_the_journal_nor_a_file_it_did_not_write(
    journal: Path, tmp_path: Path, capsys
) -> None:
    assert _plan(str(journal), "--export", str(journal.with_suffix(".csv"))) == 0
    mine = tmp_path / "mine.csv"
    mine.write_text("kept", encoding="utf-8")
    assert _plan(str(journal), "--export", str(mine)) == 2
    assert mine.read_text(encoding="utf-8") == "kept"
    link = tmp_path / "journal-link.xlsx"
    link.symlink_to(journal)
    assert _plan(str(journal), "--export", str(link)) == 2
    assert verify(journal).ok
    assert _plan(str(journal), "--export", str(journal.with_suffix(".csv"))) == 0  # ours: again


def test_a_later_session_names_the_earlier_items_it_exercised_again(tmp_path: Path) -> None:
    earlier = write_journal(tmp_path / "january.db")
    _items(
        earlier,
        _item("Defence picture asked late", "obj-readiness"),
        _item("No civil transport plan", pillar="civil-military-support"),
        _item("Readiness in general"),
    )
    assert _plan(str(earlier), "--item", "IP-1", "--status", "in-progress", "--note", "x") == 0
    later = write_journal(tmp_path / "march.db", started_wall=STARTED_WALL + 60 * 86400)
    with Journal.open(later, readonly=True) as b, Journal.open(earlier, readonly=True) as a:
        reports = [build_report(b), build_report(a)]  # named in any order
    found = compare(reports).revisited
    assert [(r.session, r.ref, r.later, r.on, r.status) for r in found] == [
        (1, "IP-1", 0, "obj-readiness", "in-progress"),
        (1, "IP-3", 0, "territorial-defence", "open"),
    ]  # IP-2's pillar was not exercised in March; nothing of March's is earlier
    counts = found[0].expected
    assert (counts.met, counts.missed, counts.pending) == (1, 1, 1)
    md = render_comparison(compare(reports), "md")
    assert "Improvement items exercised again" in md
    assert "B IP-1 | Defence picture asked late | in progress | A |" in md
    assert found[0].again == [
        ("Ransomware at a grid operator", "met", "met"),
        ("Drones over an air base", "missed", "missed"),
        ("Drones over an air base", "pending", "pending"),
    ]  # the same session played twice: as it went then, so it went now
    assert (
        "Ransomware at a grid operator: met → met; Drones over an air base: missed → missed" in md
    )
    together = write_journal(tmp_path / "same.db")  # started in the same minute as January
    with Journal.open(together, readonly=True) as c, Journal.open(earlier, readonly=True) as a:
        assert compare([build_report(a), build_report(c)]).revisited == []


def test_help_describes_the_command(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["plan", "--help"])
    out = capsys.readouterr().out
    for option in ("--item", "--status", "--note", "--owner", "--due", "--export", "--by"):
        assert option in out


def test_hand_made_follow_ups_and_judgements_that_do_not_fit_are_left_out(tmp_path: Path) -> None:
    end = HAND_EVENTS[-1].t
    item = _item("Defence picture asked late", "obj-readiness").payload()
    events = [
        *HAND_EVENTS,
        NewEvent(end, Kind.IP_ROW, "ev", item),
        NewEvent(
            end,
            Kind.IP_UPDATE,
            "ev",
            {"ref": "IP-1", "status": "finished", "note": "", "on": "2027-02-01"},
        ),
        NewEvent(
            end,
            Kind.IP_UPDATE,
            "ev",
            {"ref": "IP-7", "status": "done", "note": "", "on": "2027-02-01"},
        ),
        NewEvent(end, Kind.FINDING_JUDGED, "ev", {"key": "deadlines-missed", "verdict": "maybe"}),
        NewEvent(
            end,
            Kind.IP_UPDATE,
            "ev",
            {"ref": "IP-1", "status": "done", "note": "ok", "on": "2027-02-02"},
        ),
    ]
    report = _report(write_journal(tmp_path / "crafted.db", events))
    assert report.overview.unreadable_events == 2  # a status and a verdict of no known kind
    [row] = report.improvement_plan
    assert row.status == "done" and [n.text for n in row.notes] == ["ok"]  # IP-7 names nothing
    assert "deadlines-missed" in [f.key for f in report.summary.findings]
    assert all(f.computed for f in report.summary.findings)
