"""`verify` finds tampering and names the first bad event; `export` writes JSONL and CSV;
both through the command line with its exit codes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from exercise.journal import Journal, export_events, verify
from exercise.model.events import Kind, NewEvent

ROOT = Path(__file__).resolve().parents[1]
OTHER_TEXT = "format: 1\nid: other\n"
OTHER_HASH = hashlib.sha256(OTHER_TEXT.encode()).hexdigest()
TRICKY = "He said \"evacuate, now\",\nthen <script>alert(1)</script>; 50% = 'panic'"


def make_journal(path: Path, count: int = 10) -> Journal:
    journal = Journal.create(
        path,
        scenario_id="noordzee",
        scenario_title="North Sea Shadow",
        scenario_text="format: 1\nid: noordzee\n",
        seed=7,
        speed=10.0,
        durable=False,
    )
    journal.append(
        [
            NewEvent(t=i * 60.0, kind=Kind.OBSERVATION, actor="excon", payload={"n": i + 1})
            for i in range(count)
        ],
        wall=1_800_000_000.5,
    )
    return journal


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    path = tmp_path / "session.db"
    make_journal(path).close()
    return path


def tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def exercise_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exercise", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


# -- verify -----------------------------------------------------------------------------------


def test_intact_journal(journal_path: Path) -> None:
    result = verify(journal_path)
    assert result.ok and result.count == 10
    assert result.first_bad_seq is None and result.reason == ""
    with Journal.open(journal_path, readonly=True) as journal:
        last = journal.last()
    assert last is not None and result.last_hash == last.hash


def test_empty_journal_is_intact(tmp_path: Path) -> None:
    make_journal(tmp_path / "j.db", count=0).close()
    result = verify(tmp_path / "j.db")
    assert result.ok and result.count == 0


def test_edited_payload(journal_path: Path) -> None:
    tamper(journal_path, """UPDATE events SET payload = '{"n":99}' WHERE seq = 4""")
    result = verify(journal_path)
    assert not result.ok
    assert result.first_bad_seq == 4
    assert "changed" in result.reason
    assert result.count == 10


@pytest.mark.parametrize("column", ["t = t + 1", "wall = wall + 1", "kind = 'paused'"])
def test_edited_field(journal_path: Path, column: str) -> None:
    tamper(journal_path, f"UPDATE events SET {column} WHERE seq = 7")
    assert verify(journal_path).first_bad_seq == 7


def test_edited_event_with_its_hash_recomputed(journal_path: Path) -> None:
    """A forger who rehashes the changed event breaks the link to the next one."""
    with Journal.open(journal_path, readonly=True) as journal:
        fifth = list(journal.events())[4]
    payload = '{"n":500}'
    record = f'[5,{fifth.t!r},{fifth.wall!r},"{fifth.kind}","{fifth.actor}",{payload}]'
    forged = hashlib.sha256((fifth.prev_hash + record).encode()).hexdigest()
    tamper(
        journal_path,
        f"UPDATE events SET payload = '{payload}', hash = '{forged}' WHERE seq = 5",
    )
    result = verify(journal_path)
    assert result.first_bad_seq == 6
    assert "does not follow event 5" in result.reason


@pytest.mark.parametrize("seq", [1, 5, 9])
def test_deleted_row(journal_path: Path, seq: int) -> None:
    tamper(journal_path, f"DELETE FROM events WHERE seq = {seq}")
    result = verify(journal_path)
    assert not result.ok
    assert result.first_bad_seq == seq
    assert "missing" in result.reason
    assert result.count == 9


def test_deleted_row_with_later_rows_renumbered(journal_path: Path) -> None:
    tamper(
        journal_path,
        "DELETE FROM events WHERE seq = 5",
        "UPDATE events SET seq = seq - 1 WHERE seq > 5",
    )
    result = verify(journal_path)
    assert result.first_bad_seq == 5
    assert "does not follow event 4" in result.reason


def _shift_from(seq: int) -> tuple[str, str]:
    """Renumber events from `seq` on one up (through negative numbers: seq is unique)."""
    return (
        f"UPDATE events SET seq = -seq WHERE seq >= {seq}",
        "UPDATE events SET seq = 1 - seq WHERE seq < 0",
    )


def test_inserted_row(journal_path: Path) -> None:
    tamper(
        journal_path,
        *_shift_from(5),
        "INSERT INTO events VALUES (5, 250.0, 1800000000.5, 'observation', 'excon', "
        "'{\"n\":0}', 'feed', 'beef')",
    )
    result = verify(journal_path)
    assert result.first_bad_seq == 5
    assert result.count == 11


def test_inserted_row_with_a_valid_hash(journal_path: Path) -> None:
    """Even a well-formed inserted event breaks the chain right after itself."""
    with Journal.open(journal_path, readonly=True) as journal:
        fourth = list(journal.events())[3]
    record = '[5,250.0,1800000000.5,"observation","excon",{"n":0}]'
    forged = hashlib.sha256((fourth.hash + record).encode()).hexdigest()
    tamper(
        journal_path,
        *_shift_from(5),
        "INSERT INTO events VALUES (5, 250.0, 1800000000.5, 'observation', 'excon', "
        f"'{{\"n\":0}}', '{fourth.hash}', '{forged}')",
    )
    result = verify(journal_path)
    assert result.first_bad_seq == 6
    assert result.count == 11


def test_appended_row(journal_path: Path) -> None:
    tamper(
        journal_path,
        "INSERT INTO events SELECT seq + 1, t, wall, kind, actor, payload, hash, hash "
        "FROM events WHERE seq = 10",
    )
    assert verify(journal_path).first_bad_seq == 11


@pytest.mark.parametrize(
    "change",
    [
        "seed = 8",
        "started_wall = started_wall + 1",
        "scenario_id = 'other'",
        f"scenario_text = '{OTHER_TEXT}', scenario_hash = '{OTHER_HASH}'",
    ],
)
def test_edited_session_row(journal_path: Path, change: str) -> None:
    tamper(journal_path, f"UPDATE session SET {change}")
    result = verify(journal_path)
    assert result.first_bad_seq == 1
    assert "session row" in result.reason


def test_scenario_text_changed_without_its_hash(journal_path: Path) -> None:
    tamper(journal_path, "UPDATE session SET scenario_text = 'format: 1\nid: evil\n'")
    result = verify(journal_path)
    assert not result.ok
    assert result.first_bad_seq is None
    assert "scenario text" in result.reason


# -- the command line -------------------------------------------------------------------------


def test_cli_verify_ok(journal_path: Path) -> None:
    done = exercise_cli("verify", str(journal_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "ok: 10 events, chain intact"
    with Journal.open(journal_path, readonly=True) as journal:
        last = journal.last()
    assert last is not None and done.stdout.splitlines()[1] == f"last hash: {last.hash}"


def test_cli_verify_tampered(journal_path: Path) -> None:
    tamper(journal_path, "DELETE FROM events WHERE seq = 3")
    done = exercise_cli("verify", str(journal_path))
    assert done.returncode == 1
    assert "event 3" in done.stdout and "missing" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize("kind", ["missing", "text", "newer"])
def test_cli_verify_bad_input(tmp_path: Path, journal_path: Path, kind: str) -> None:
    if kind == "missing":
        path = tmp_path / "nope.db"
    elif kind == "text":
        path = tmp_path / "notes.db"
        path.write_text("not a journal\n", encoding="utf-8")
    else:
        path = journal_path
        tamper(path, "PRAGMA user_version = 5")
    done = exercise_cli("verify", str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"exercise: {path}: ")
    if kind == "newer":
        assert "format 5" in lines[0] and "upgrade" in lines[0]


def test_cli_export(tmp_path: Path, journal_path: Path) -> None:
    done = exercise_cli("export", str(journal_path), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["seq"] for r in records] == list(range(1, 11))

    out = tmp_path / "out" / "events.csv"
    out.parent.mkdir()
    done = exercise_cli("export", str(journal_path), "--format", "csv", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["seq", "t", "t_clock", "wall", "kind", "actor", "payload"]
    assert len(rows) == 11

    done = exercise_cli("export", str(journal_path), "--format", "csv", "-o", str(journal_path))
    assert done.returncode == 2
    assert verify(journal_path).ok
    done = exercise_cli("export", str(tmp_path / "nope.db"), "--format", "csv")
    assert done.returncode == 2 and "Traceback" not in done.stderr


# -- export -----------------------------------------------------------------------------------


@pytest.fixture
def tricky_journal(tmp_path: Path) -> Journal:
    journal = make_journal(tmp_path / "tricky.db", count=0)
    journal.append(
        [
            NewEvent(t=0.0, kind=Kind.SESSION_STARTED, payload={"seed": 7}),
            NewEvent(t=3723.5, kind=Kind.OBSERVATION, actor="nctv", payload={"text": TRICKY}),
            NewEvent(t=4000.0, kind='=HYPERLINK("http://x")', actor="+31 6 1234", payload={}),
            NewEvent(t=4001.0, kind="-2+3", actor="@SUM(A1)", payload={"ünï": "cödé"}),
            NewEvent(t=4002.0, kind="note", actor="line one\nline, two", payload={}),
        ],
        wall=1_800_000_000.25,
    )
    return journal


def test_export_jsonl(tricky_journal: Journal) -> None:
    out = io.StringIO()
    assert export_events(tricky_journal, "jsonl", out) == 5
    lines = out.getvalue().splitlines()
    assert len(lines) == 5
    records = [json.loads(line) for line in lines]
    events = list(tricky_journal.events())
    for record, event in zip(records, events, strict=True):
        assert list(record) == ["seq", "t", "wall", "kind", "actor", "payload", "hash"]
        assert record == {
            "seq": event.seq,
            "t": event.t,
            "wall": event.wall,
            "kind": event.kind,
            "actor": event.actor,
            "payload": event.payload,
            "hash": event.hash,
        }
    assert records[1]["payload"]["text"] == TRICKY
    assert "cödé" in lines[3]  # UTF-8 as is


def test_export_csv(tricky_journal: Journal) -> None:
    out = io.StringIO(newline="")
    assert export_events(tricky_journal, "csv", out) == 5
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == ["seq", "t", "t_clock", "wall", "kind", "actor", "payload"]
    assert len(rows) == 6
    started, observed, formula, minus, multiline = rows[1:]
    assert started[:3] == ["1", "0.0", "T+00:00:00"]
    assert started[5] == ""  # no actor
    assert observed[:3] == ["2", "3723.5", "T+01:02:03"]
    assert datetime.fromisoformat(observed[3]).timestamp() == 1_800_000_000.25
    assert observed[3].endswith("Z")
    assert json.loads(observed[6]) == {"text": TRICKY}  # survives the round trip
    assert formula[4] == '\'=HYPERLINK("http://x")'
    assert formula[5] == "'+31 6 1234"
    assert minus[4] == "'-2+3" and minus[5] == "'@SUM(A1)"
    assert json.loads(minus[6]) == {"ünï": "cödé"}
    assert multiline[5] == "line one\nline, two"
    for row in rows[1:]:
        for cell in row[4:]:
            assert not cell.startswith(("=", "+", "-", "@"))


def test_export_unknown_format(tricky_journal: Journal) -> None:
    with pytest.raises(ValueError):
        export_events(tricky_journal, "xml", io.StringIO())  # type: ignore[arg-type]
