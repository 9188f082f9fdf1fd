"""The session journal: round trips, the hash chain, refusing foreign files, the inbox and
surviving a killed process."""

from __future__ import annotations

import hashlib
import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from exercise.journal import Journal, JournalError, SessionInfo, verify
from exercise.journal import store as store_module
from exercise.model.events import Event, Kind, NewEvent

ROOT = Path(__file__).resolve().parents[1]
SCENARIO_TEXT = "format: 1\nid: test-scenario\ntitle: Test scenario  # é ✓\nduration: 2h\n"


def new_journal(path: Path, **overrides: object) -> Journal:
    options: dict[str, object] = {
        "scenario_id": "test-scenario",
        "scenario_title": "Test scenario",
        "scenario_text": SCENARIO_TEXT,
        "seed": 42,
        "speed": 10.0,
        "durable": False,
    }
    options.update(overrides)
    return Journal.create(path, **options)  # type: ignore[arg-type]


def batch(start: int, size: int) -> list[NewEvent]:
    return [
        NewEvent(
            t=(start + i) * 1.5,
            kind=Kind.INDICATOR_CHANGED,
            actor="nctv" if i % 2 else None,
            payload={"indicator": "energy", "value": start + i, "delta": -1.25},
        )
        for i in range(size)
    ]


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def expected_hash(prev_hash: str, event: Event) -> str:
    """The chain rule, written out independently of the journal code."""
    record = canonical([event.seq, event.t, event.wall, event.kind, event.actor, event.payload])
    return hashlib.sha256((prev_hash + record).encode("utf-8")).hexdigest()


def expected_session_hash(session: SessionInfo) -> str:
    fields = {
        "scenario_id": session.scenario_id,
        "scenario_hash": session.scenario_hash,
        "seed": session.seed,
        "started_wall": session.started_wall,
        "format": 1,
    }
    return hashlib.sha256(canonical(fields).encode("utf-8")).hexdigest()


# -- round trip and chain ---------------------------------------------------------------------


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "debriefs" / "deep" / "session.db"  # folders are created
    with new_journal(path, meta={"facilitator": "Anne", "seats": 3}) as journal:
        assert journal.path == path
        assert journal.count() == 0
        assert journal.last() is None
        committed = journal.append(batch(0, 3), wall=1_800_000_000.25)
        committed += journal.append(batch(3, 4))
        assert [e.seq for e in committed] == list(range(1, 8))
        assert list(journal.events()) == committed
        assert journal.last() == committed[-1]
        assert journal.count() == 7

    with Journal.open(path, readonly=True) as again:
        assert list(again.events()) == committed
        assert list(again.events(since_seq=5)) == committed[5:]
        assert list(again.events(since_seq=7)) == []
        session = again.session
    assert session.scenario_id == "test-scenario"
    assert session.scenario_title == "Test scenario"
    assert session.scenario_text == SCENARIO_TEXT
    assert session.scenario_hash == hashlib.sha256(SCENARIO_TEXT.encode()).hexdigest()
    assert (session.seed, session.speed, session.format) == (42, 10.0, 1)
    assert session.meta == {"facilitator": "Anne", "seats": 3}
    assert committed[0].wall == 1_800_000_000.25
    assert committed[0].kind == "indicator-changed" and type(committed[0].kind) is str


def test_committed_events_read_back_equal(tmp_path: Path) -> None:
    with new_journal(tmp_path / "j.db") as journal:
        before = time.time()
        (event,) = journal.append(
            [NewEvent(t=12.34567, kind="observation", payload={"to": ["a", "b"], "n": 1})]
        )
        after = time.time()
        assert event.t == 12.346  # milliseconds
        assert event.payload == {"to": ["a", "b"], "n": 1}
        assert before <= event.wall <= after
        (integer_time,) = journal.append([NewEvent(t=5, kind="paused")])
        assert integer_time.t == 5.0 and type(integer_time.t) is float
        assert list(journal.events()) == [event, integer_time]
        assert verify(journal.path).ok


def test_empty_append_writes_nothing(tmp_path: Path) -> None:
    with new_journal(tmp_path / "j.db") as journal:
        assert journal.append([]) == []
        assert journal.count() == 0
        journal.append(batch(0, 1))
        assert journal.append(()) == []
        assert journal.count() == 1


def test_sequence_numbers_and_hash_chain(tmp_path: Path) -> None:
    with new_journal(tmp_path / "j.db") as journal:
        odd = NewEvent(
            t=0.001,
            kind='odd "kind" é\u2028\x01</script>',
            actor="röle \\ 'x' 😀",
            payload={"z": [1, 2.5, None, True], "a": {"é": "\n\t"}, "big": 10**20},
        )
        for size in (1, 2, 5, 1, 10):
            journal.append(batch(journal.count(), size))
        journal.append([odd])
        events = list(journal.events())
        session = journal.session
    assert [e.seq for e in events] == list(range(1, 21))
    assert session.session_hash == expected_session_hash(session)
    assert events[0].prev_hash == session.session_hash
    previous = session.session_hash
    for event in events:
        assert event.prev_hash == previous
        assert event.hash == expected_hash(previous, event)
        previous = event.hash
    assert len({e.hash for e in events}) == len(events)


def test_reopened_journal_continues_the_chain(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with new_journal(path) as journal:
        first = journal.append(batch(0, 3))
    with Journal.open(path) as journal:
        more = journal.append(batch(3, 2))
    assert [e.seq for e in more] == [4, 5]
    assert more[0].prev_hash == first[-1].hash
    assert verify(path).ok


def test_streaming_reads_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "_READ_CHUNK", 4)
    with new_journal(tmp_path / "j.db") as journal:
        journal.append(batch(0, 10))
        stream = journal.events()
        seen = [next(stream) for _ in range(5)]
        journal.append(batch(10, 3))  # appending while a reader streams is fine
        seen += list(stream)
        assert [e.seq for e in seen] == list(range(1, 14))
        assert [e.seq for e in journal.events(since_seq=8)] == list(range(9, 14))


def test_invalid_events_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    with new_journal(tmp_path / "j.db") as journal:
        journal.append(batch(0, 2))
        with pytest.raises(ValueError):
            journal.append([*batch(2, 1), NewEvent(t=float("nan"), kind="paused")])
        with pytest.raises(TypeError):
            journal.append([NewEvent(t=1.0, kind=7)])  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            journal.append([NewEvent(t=1.0, kind="x", payload={"when": object()})])
        with pytest.raises(ValueError):
            journal.append([NewEvent(t=1.0, kind="x", payload={"v": float("inf")})])
        assert journal.count() == 2
        assert journal.append(batch(2, 1))[0].seq == 3
        assert verify(journal.path).ok


def test_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "j.db"

    def pragma(journal: Journal, name: str) -> object:
        return journal.read_with(lambda conn: conn.execute(f"PRAGMA {name}").fetchone()[0])

    with new_journal(path, durable=True) as journal:
        assert pragma(journal, "journal_mode") == "wal"
        assert pragma(journal, "synchronous") == 2  # FULL
        assert pragma(journal, "busy_timeout") == 5000
        assert pragma(journal, "trusted_schema") == 0  # nothing a crafted schema says runs
        assert pragma(journal, "application_id") == store_module.APPLICATION_ID
        assert pragma(journal, "user_version") == 1
    with Journal.open(path, durable=False) as journal:
        assert pragma(journal, "synchronous") == 1  # NORMAL
    with Journal.open(path) as journal:  # a session's journal is durable unless asked
        assert pragma(journal, "synchronous") == 2


# -- read-only, overwriting, foreign and damaged files -----------------------------------------


def test_readonly_open_reads_but_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    writer = new_journal(path)
    writer.append(batch(0, 2))
    with Journal.open(path, readonly=True) as reader:
        assert reader.readonly
        assert reader.count() == 2
        writer.append(batch(2, 1))
        assert [e.seq for e in reader.events()] == [1, 2, 3]  # sees later commits
        with pytest.raises(PermissionError):
            reader.append(batch(3, 1))
    writer.close()
    assert verify(path).count == 3


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with new_journal(path) as journal:
        journal.append(batch(0, 2))
    before = path.read_bytes()
    with pytest.raises(FileExistsError):
        new_journal(path)
    assert path.read_bytes() == before


def test_create_clears_an_orphaned_wal_of_a_deleted_journal(tmp_path: Path) -> None:
    # A reader leaves -wal/-shm beside a journal; once the journal itself is deleted they
    # belong to nothing, and a new journal of that name must not pick them up.
    other = tmp_path / "other.db"
    Path(f"{other}-wal").write_bytes(b"left over")
    Path(f"{other}-shm").write_bytes(b"left over")
    with new_journal(other) as journal:
        journal.append(batch(0, 3))
    assert verify(other).ok and verify(other).count == 3


def test_missing_file(tmp_path: Path) -> None:
    for readonly in (False, True):
        with pytest.raises(JournalError) as info:
            Journal.open(tmp_path / "nope.db", readonly=readonly)
        assert info.value.reason == "missing"
        assert str(info.value) == f"{tmp_path / 'nope.db'}: no such journal file"
    assert not (tmp_path / "nope.db").exists()


@pytest.mark.parametrize("kind", ["text", "empty", "folder", "other-sqlite", "no-tables"])
def test_not_a_journal(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "file.db"
    if kind == "text":
        path.write_text("scenario notes\n" * 100, encoding="utf-8")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "folder":
        path.mkdir()
    else:
        conn = sqlite3.connect(path)
        if kind == "other-sqlite":
            conn.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, what TEXT)")
        else:
            conn.execute(f"PRAGMA application_id = {store_module.APPLICATION_ID}")
            conn.execute("PRAGMA user_version = 1")
            conn.execute("CREATE TABLE session (id INTEGER)")
        conn.commit()
        conn.close()
    before = path.read_bytes() if path.is_file() else None
    for readonly in (True, False):
        with pytest.raises(JournalError) as info:
            Journal.open(path, readonly=readonly)
        assert info.value.reason == "not-a-journal", info.value
        assert "not an exercise journal" in info.value.message
    if before is not None:
        assert path.read_bytes() == before


def test_creation_interrupted_before_commit(tmp_path: Path) -> None:
    # A journal is created in SQLite's rollback mode (see Journal.create): a process killed
    # inside that first transaction leaves a partly written file beside a hot rollback
    # journal. Reproduce that state with the creation steps and an exit before COMMIT.
    path = tmp_path / "j.db"
    code = textwrap.dedent(
        f"""
        import os, sqlite3
        from exercise.journal.store import _SCHEMA, APPLICATION_ID
        conn = sqlite3.connect({str(path)!r}, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {{APPLICATION_ID}}")
        conn.execute(
            "INSERT INTO session VALUES (1, 'x', 'x', ?, 'h', 0, 1.0, 0.0, 1, '{{}}')",
            ("s" * 5_000_000,),
        )
        os._exit(0)
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert Path(f"{path}-journal").stat().st_size > 0  # the hot rollback journal
    for readonly in (True, False):
        with pytest.raises(JournalError) as info:
            Journal.open(path, readonly=readonly)
        assert info.value.reason == "not-a-journal", info.value
        assert "creation was interrupted" in info.value.message
    result = subprocess.run(
        [sys.executable, "-m", "exercise", "verify", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 2, result.stderr
    assert "creation was interrupted" in result.stderr and "Traceback" not in result.stderr


def test_newer_format(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    new_journal(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    for readonly in (True, False):
        with pytest.raises(JournalError) as info:
            Journal.open(path, readonly=readonly)
        assert info.value.reason == "newer-format"
        assert "format 2" in info.value.message and "upgrade" in info.value.message


@pytest.mark.parametrize(
    "damage",
    ["DELETE FROM session", "UPDATE session SET meta = 'not json'", "PRAGMA user_version = 0"],
)
def test_damaged_journal(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "j.db"
    new_journal(path).close()
    conn = sqlite3.connect(path)
    conn.execute(damage)
    conn.commit()
    conn.close()
    with pytest.raises(JournalError) as info:
        Journal.open(path, readonly=True)
    assert info.value.reason == "corrupt"


def test_a_foreign_transaction_makes_an_append_fail_without_a_trace(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    journal = new_journal(path, busy_timeout_ms=100)
    journal.append(batch(0, 1))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        with pytest.raises(JournalError) as info:
            journal.append(batch(1, 1))
        assert time.monotonic() - started < 3
        assert info.value.reason == "locked"
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert journal.append(batch(1, 1))[0].seq == 2  # the failed append left no trace
    journal.close()
    assert verify(path).ok


def test_a_second_writer_in_the_same_process_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    first = new_journal(path)
    first.append(batch(0, 1))
    with pytest.raises(JournalError) as info:
        Journal.open(path)
    assert info.value.reason == "locked"
    assert f"process {os.getpid()}" in info.value.message
    with Journal.open(path, readonly=True) as reader:
        assert reader.count() == 1  # readers are never locked out
    first.append(batch(1, 1))
    first.close()
    with Journal.open(path) as again:  # closed: the lock is free
        again.append(batch(2, 1))
    result = verify(path)
    assert result.ok and result.count == 3


HOLD = textwrap.dedent(
    """
    import sys, time
    from exercise.journal import Journal
    journal = Journal.open(sys.argv[1])
    print("held", flush=True)
    time.sleep(60)
    """
)


def test_another_process_holding_the_journal_is_named_and_its_death_frees_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.db"
    new_journal(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(JournalError) as info:
            Journal.open(path)
        assert info.value.reason == "locked"
        assert f"process {holder.pid}" in info.value.message
        assert os.uname().nodename in info.value.message
        refused = subprocess.run(
            [sys.executable, "-m", "exercise", "resume", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert refused.returncode == 2
        assert f"process {holder.pid}" in refused.stderr
        assert "Traceback" not in refused.stderr
        assert verify(path).count == 0  # the refused writer wrote nothing
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    with Journal.open(path) as journal:  # kill -9 let go of the lock at once
        journal.append(batch(0, 1))
    assert verify(path).ok


# -- a killed process loses nothing it acknowledged -------------------------------------------

CHILD = textwrap.dedent(
    """
    import sys
    from exercise.journal import Journal
    from exercise.model.events import NewEvent

    path, target, durable = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
    journal = Journal.create(
        path, scenario_id="kill", scenario_title="Kill", scenario_text="id: kill\\n",
        seed=1, speed=1.0, durable=durable,
    )
    told = False
    n = 0
    while True:
        size = 1 + n % 7
        events = [
            NewEvent(t=(n + i) / 10, kind="observation", actor="excon",
                     payload={"i": n + i + 1, "text": "x" * (n % 300)})
            for i in range(size)
        ]
        n = journal.append(events)[-1].seq
        if n >= target and not told:
            print(f"committed {n}", flush=True)
            told = True
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@pytest.mark.parametrize(
    ("target", "durable"), [(1, True), (9, False), (64, True), (333, False), (1500, False)]
)
def test_killed_process_loses_no_committed_event(
    tmp_path: Path, target: int, durable: bool
) -> None:
    path = tmp_path / "killed.db"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(target), "1" if durable else "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        ready, _, _ = select.select([child.stdout], [], [], 30)
        assert ready, "the child never reported a commit"
        assert child.stdout is not None
        line = child.stdout.readline()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
        assert child.stderr is not None and child.stdout is not None
        child.stderr.close()
        child.stdout.close()
    assert line.startswith("committed "), line
    acknowledged = int(line.split()[1])
    assert acknowledged >= target

    with Journal.open(path) as journal:  # a writable open resumes the journal
        events = list(journal.events())
        assert len(events) >= acknowledged
        assert [e.payload["i"] for e in events] == list(range(1, len(events) + 1))
        journal.append([NewEvent(t=999.0, kind=Kind.SESSION_RESUMED)])
    result = verify(path)
    assert result.ok, result
    assert result.count == len(events) + 1


# -- boundaries -------------------------------------------------------------------------------


def test_journal_imports_neither_textual_nor_the_simulation() -> None:
    script = (
        "import sys, exercise.journal as j\n"
        "j.Journal, j.verify, j.export_events\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual'"
        " or m.startswith('exercise.sim') or m.startswith('exercise.ui'))\n"
        "print(bad)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_records_are_the_events_without_wall_time_and_hashes(tmp_path: Path) -> None:
    with new_journal(tmp_path / "j.db") as journal:
        journal.append(batch(0, 3))
        journal.append([NewEvent(t=9.5, kind="observation", actor="x", payload={"n": 2**70})])
        events = list(journal.events())
        records = list(journal.records())
    assert records == [(e.t, e.kind, e.actor, e.payload) for e in events]
    assert records[-1][3] == {"n": 2**70}  # integers past 64 bits survive the fast decoder


# -- reading what the chain check did not vouch for ------------------------------------------


def _crafted(path: Path, edits: list[str]) -> None:
    conn = sqlite3.connect(path)
    for edit in edits:
        conn.execute(edit)
    conn.commit()
    conn.close()


def test_records_read_from_the_file_equal_those_the_chain_check_kept(tmp_path: Path) -> None:
    from exercise.journal import open_verified

    path = tmp_path / "j.db"
    with new_journal(path) as journal:
        journal.append(batch(0, 7))
    with Journal.open(path, readonly=True) as plain:  # not checked: read from the file
        from_file = list(plain.records())
        events_from_file = list(plain.events(since_seq=2))
    checked, result = open_verified(path)
    with checked:
        assert result.ok
        assert list(checked.records()) == from_file
        assert list(checked.events(since_seq=2)) == events_from_file
    assert [seq for seq, *_ in events_from_file] == [3, 4, 5, 6, 7]
    assert from_file[0] == (0.0, Kind.INDICATOR_CHANGED, None, batch(0, 1)[0].payload)


def test_a_damaged_journal_read_on_purpose_skips_and_counts_what_is_no_event(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.db"
    with new_journal(path) as journal:
        journal.append(batch(0, 9))
    _crafted(
        path,
        [
            "UPDATE events SET t = 'soon' WHERE seq = 2",
            "UPDATE events SET kind = x'00' WHERE seq = 3",
            "UPDATE events SET actor = x'01' WHERE seq = 4",
            "UPDATE events SET payload = '{\"a\":' WHERE seq = 5",
            "UPDATE events SET payload = '[1, 2]' WHERE seq = 6",
            "UPDATE events SET wall = 'now' WHERE seq = 7",
        ],
    )
    with Journal.open(path, readonly=True, tolerate_damage=True) as journal:
        assert [event.seq for event in journal.events()] == [1, 8, 9]
        assert journal.unreadable == 6
        assert [record[0] for record in journal.records()] == [0.0, 10.5, 12.0]
    with Journal.open(path, readonly=True) as journal:  # not on purpose: refused, saying where
        with pytest.raises(JournalError) as info:
            list(journal.events())
        assert info.value.reason == "damaged"
        assert "event 2 cannot be read" in info.value.message  # the first that is no event
        with pytest.raises(JournalError, match="event 2 cannot be read"):
            list(journal.records())
