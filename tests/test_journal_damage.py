"""Damaged and crafted journals are never trusted.

Every file in tests/corpus/journals is SQL that damages a real journal (a rehearsal of the
demo) the way a hand edit, a bad disk or a crafted file would. The table below is the
contract: what `verify` says of each, and then that replay, export, debrief and resume
refuse a damaged one (exit 1, saying where), write nothing, and that `--damaged` reads it
anyway with the damage said. A file added to the corpus without an entry fails the test.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from exercise.cli import main
from exercise.journal import Journal, verify
from exercise.journal.store import chain_hash, record_text

CORPUS = Path(__file__).resolve().parent / "corpus" / "journals"

# file -> (what verify finds: None for intact, else (where, part of the reason))
EXPECTED: dict[str, tuple[str, str] | None] = {
    "edited-payload.sql": ("event", "does not match its hash"),
    "deleted-row.sql": ("event 6", "missing"),
    "swapped-rows.sql": ("event 4", "does not follow event 3"),
    "inserted-row.sql": ("event 9", "does not follow event 8"),
    "renumbered-last.sql": ("event", "missing"),
    "hash-emptied.sql": ("event 7", "does not match its hash"),
    "not-utf8.sql": ("event 3", "(text that is not UTF-8: the file is damaged)"),
    "blob-kind.sql": ("event 2", "wrong type"),
    "text-time.sql": ("event 2", "wrong type"),
    "edited-scenario.sql": ("the session row", "scenario text does not match"),
    "edited-seed.sql": ("event 1", "does not follow from the session row"),
    "session-row-wrong-types.sql": ("the session row", "values of the wrong type"),
    "trigger-eats-new-events.sql": ("the file", "trigger 'eat' that exercise did not make (added)"),
    "view.sql": ("the file", "view 'latest' that exercise did not make (added)"),
    "extra-table.sql": ("the file", "table 'notes' that exercise did not make (added)"),
    "extra-index.sql": ("the file", "index 'by_kind' that exercise did not make (added)"),
    "changed-table.sql": ("the file", "table 'events' that exercise did not make (changed)"),
    # intact as far as the chain can tell:
    "decisions-path.sql": None,  # meta is not chained; resume must still never read the path
    "truncated-tail.sql": None,  # only a last hash noted down shows a cut tail
}


def test_every_corpus_file_has_an_entry() -> None:
    assert sorted(p.name for p in CORPUS.glob("*.sql")) == sorted(EXPECTED)


@pytest.fixture(scope="module")
def rehearsal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rehearsal") / "demo.db"
    assert main(["play", "demo", "--auto", "expected", "--journal", str(path)]) == 0
    return path


def damaged(rehearsal: Path, tmp_path: Path, name: str) -> Path:
    path = tmp_path / "journal.db"
    shutil.copy(rehearsal, path)
    conn = sqlite3.connect(path)
    conn.executescript((CORPUS / name).read_text(encoding="utf-8"))
    conn.commit()
    conn.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_verify_reports_the_damage_and_where(
    rehearsal: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged(rehearsal, tmp_path, name)
    expected = EXPECTED[name]
    code = main(["verify", str(path)])
    out = capsys.readouterr().out
    if expected is None:
        assert code == 0 and out.startswith("ok:")
        return
    where, reason = expected
    assert code == 1
    assert f"FAILED at {where}" in out
    assert reason in out
    assert not verify(path).ok


DAMAGED = sorted(name for name, expected in EXPECTED.items() if expected is not None)


@pytest.mark.parametrize("name", DAMAGED)
def test_read_commands_refuse_a_damaged_journal_and_write_nothing(
    rehearsal: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged(rehearsal, tmp_path, name)
    before = digest(path)
    where = EXPECTED[name][0]  # type: ignore[index]
    out = tmp_path / "reports"
    commands = [
        ["replay", str(path)],
        ["export", str(path), "--format", "jsonl"],
        ["debrief", str(path), "--out", str(out)],
        ["resume", str(path)],
    ]
    for command in commands:
        code = main(command)
        err = capsys.readouterr().err
        assert code == 1, (command, err)
        assert "damaged at" in err and where in err, (command, err)
        # a way to read it anyway is offered where one exists
        unreadable = "cannot be read at all" in err
        assert ("--damaged" in err) == (command[0] != "resume" and not unreadable)
    assert not out.exists()  # no report of a damaged journal unless asked for
    assert digest(path) == before  # resume appended nothing onto the broken chain


@pytest.mark.parametrize("name", ["edited-payload.sql", "deleted-row.sql", "view.sql"])
def test_a_damaged_journal_is_debriefed_on_request_and_says_so(
    rehearsal: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged(rehearsal, tmp_path, name)
    out = tmp_path / "reports"
    code = main(["debrief", str(path), "--out", str(out), "--format", "md,html,json", "--damaged"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "warning: the journal is damaged at" in err
    where = EXPECTED[name][0]  # type: ignore[index]
    reports = [out / f"journal.{suffix}" for suffix in ("md", "html", "json")]
    for report in reports:
        text = report.read_text(encoding="utf-8")
        assert where in text and "damaged" in text.lower(), report.name
    assert main(["replay", str(path), "--damaged"]) == 0


def test_resume_never_reads_a_file_the_journal_names(
    rehearsal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged(rehearsal, tmp_path, "decisions-path.sql")
    before = digest(path)
    code = main(["resume", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "give it again with --decisions FILE" in err
    assert "root:" not in err
    assert digest(path) == before


def test_a_trigger_cannot_make_resumed_events_vanish(rehearsal: Path, tmp_path: Path) -> None:
    path = damaged(rehearsal, tmp_path, "trigger-eats-new-events.sql")
    for readonly in (True, False):
        with pytest.raises(Exception, match="trigger 'eat'"):
            Journal.open(path, readonly=readonly)


def forge(path: Path, seq: int, payload: dict | None = None, text: str | None = None) -> None:
    """Replace an event's payload (a dict, or any stored `text`) and recompute every hash
    from it on: a chain a forger made whole again, which the check cannot catch, so what
    reads it must still cope."""
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT seq, t, wall, kind, actor, payload, prev_hash FROM events ORDER BY seq"
    ).fetchall()
    prev = rows[seq - 1][6]
    for number, t, wall, kind, actor, stored_text, _prev in rows[seq - 1 :]:
        stored = stored_text
        if number == seq:
            stored = text if text is not None else json.dumps(payload, **CANONICAL)
        digest = chain_hash(prev, record_text(number, t, wall, kind, actor, stored))
        conn.execute(
            "UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            (stored, prev, digest, number),
        )
        prev = digest
    conn.commit()
    conn.close()


CANONICAL: dict[str, Any] = {"sort_keys": True, "separators": (",", ":")}


@pytest.mark.parametrize("text", ["[1, 2]", "{not json", '"text"'])
def test_a_forged_payload_that_is_no_json_object_refuses_the_journal_before_any_output(
    rehearsal: Path, tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The chain is whole, so opening passes; the first read decodes every payload before
    it serves one, and refuses the journal naming the event: no line exported, no report,
    nothing appended."""
    path = tmp_path / "forged.db"
    shutil.copy(rehearsal, path)
    forge(path, 3, text=text)
    found = verify(path)
    assert not found.ok and found.first_bad_seq == 3 and "payload is not" in found.reason
    before = digest(path)
    out = tmp_path / "reports"
    for command in (
        ["export", str(path), "--format", "jsonl"],
        ["replay", str(path)],
        ["debrief", str(path), "--out", str(out)],
        ["resume", str(path)],
    ):
        assert main(command) == 1, command
        said = capsys.readouterr()
        assert said.out == "", command
        assert "damaged at event 3: its payload is not" in said.err, (command, said.err)
    assert not out.exists()
    assert digest(path) == before


def test_a_forged_chain_with_a_payload_that_does_not_fit_is_refused_on_replay(
    rehearsal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "forged.db"
    shutil.copy(rehearsal, path)
    with Journal.open(path, readonly=True) as journal:
        phase = next(e.seq for e in journal.events() if e.kind == "phase-entered")
    forge(path, phase, {"phase": ["not", "a", "phase"]})
    assert verify(path).ok  # the chain was made whole again
    before = digest(path)
    assert main(["replay", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"damaged at event {phase}" in err or f"event {phase} (phase-entered)" in err
    assert main(["resume", str(path)]) == 1
    assert "cannot be replayed" in capsys.readouterr().err
    assert digest(path) == before
    assert main(["replay", str(path), "--damaged"]) in (0, 1)
    assert main(["debrief", str(path), "--format", "json", "--out", str(tmp_path / "o")]) in (0, 2)
    assert "internal error" not in capsys.readouterr().err
