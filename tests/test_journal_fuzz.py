"""Flipped bytes and crafted rows in a real journal: every read command answers with exit
0, 1 or 2 (intact, damaged, not a journal), never an internal error (70)."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise.cli import main

COMMANDS = (
    ["verify"],
    ["replay"],
    ["replay", "--damaged"],
    ["export", "--format", "csv"],
    ["debrief", "--format", "json,console"],
    ["debrief", "--format", "md", "--damaged"],
)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure can be reproduced
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def rehearsal(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("fuzz") / "demo.db"
    assert main(["play", "demo", "--auto", "expected", "--journal", str(path)]) == 0
    return path.read_bytes()


def run_every_read_command(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in COMMANDS:
        args = [command[0], str(path), *command[1:]]
        if command[0] == "debrief":
            args += ["--out", str(path.parent / "out"), "--force"]
        code = main(args)
        err = capsys.readouterr().err
        assert code in (0, 1, 2), (args, err)
        assert "internal error" not in err, (args, err)


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, 10**9), st.integers(1, 255)), max_size=8))
def test_flipped_bytes(
    rehearsal: bytes, flips: list[tuple[int, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(rehearsal)
    for offset, mask in flips:
        data[offset % len(data)] ^= mask
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "flipped.db"
        path.write_bytes(bytes(data))
        run_every_read_command(path, capsys)


VALUES = st.one_of(
    st.none(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.binary(max_size=12),
    st.sampled_from(['{"inject": 1}', "[]", "{}", '{"option": null}', "1e999", '{"a":']),
)
COLUMNS = ("seq", "t", "wall", "kind", "actor", "payload", "prev_hash", "hash")
ROW_EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("set"), st.integers(1, 40), st.sampled_from(COLUMNS), VALUES),
        st.tuples(st.just("delete"), st.integers(1, 40)),
        st.tuples(st.just("swap"), st.integers(1, 40), st.integers(1, 40)),
    ),
    min_size=1,
    max_size=4,
)


@FUZZ
@given(edits=ROW_EDITS)
def test_crafted_rows(
    rehearsal: bytes, edits: list[tuple], capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "crafted.db"
        path.write_bytes(rehearsal)
        conn = sqlite3.connect(path)
        for edit in edits:
            try:
                if edit[0] == "set":
                    _, seq, column, value = edit
                    conn.execute(f"UPDATE events SET {column} = ? WHERE seq = ?", (value, seq))
                elif edit[0] == "delete":
                    conn.execute("DELETE FROM events WHERE seq = ?", (edit[1],))
                else:
                    _, a, b = edit
                    conn.execute("UPDATE events SET seq = -1 WHERE seq = ?", (a,))
                    conn.execute("UPDATE events SET seq = ? WHERE seq = ?", (a, b))
                    conn.execute("UPDATE events SET seq = ? WHERE seq = -1", (b,))
            except sqlite3.Error:
                pass  # an edit SQLite itself refuses (a duplicate seq): the next one
        conn.commit()
        conn.close()
        run_every_read_command(path, capsys)
