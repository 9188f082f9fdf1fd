"""Journals on read-only media (an archive, a write-protected USB stick) can be verified,
replayed, exported and debriefed: nothing is written beside them, and a journal whose last
events sit in a WAL file that cannot be read there says so.

Read-only media are made with a tmpfs remounted read-only in a user and mount namespace
of the test's own (`unshare`), since permission bits do not stop the root user."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from exercise.cli import main
from exercise.journal import Journal
from exercise.model.events import Kind, NewEvent

UNSHARE = shutil.which("unshare")


def namespaces_work() -> bool:
    if UNSHARE is None:
        return False
    probe = subprocess.run([UNSHARE, "-rm", "true"], capture_output=True, timeout=30, check=False)
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(
    not namespaces_work(), reason="needs unshare with user namespaces to mount read-only media"
)

SCRIPT = textwrap.dedent(
    """
    set -u
    mount -t tmpfs none "$MEDIA" || exit 99
    cp "$SOURCE"* "$MEDIA"/
    mount -o remount,ro "$MEDIA" || exit 99
    cd "$MEDIA"
    for command in "verify journal.db" "replay journal.db" "export journal.db --format jsonl" \\
                   "debrief journal.db --format json,console --out $OUT"; do
        "$PYTHON" -m exercise $command > "$OUT/stdout" 2> "$OUT/stderr"
        echo "$? $command"
        cat "$OUT/stderr" >&2
    done
    ls -a "$MEDIA" >&2
    """
)


def on_readonly_media(source: Path, tmp_path: Path) -> tuple[list[str], str]:
    media, out = tmp_path / "media", tmp_path / "out"
    media.mkdir()
    out.mkdir()
    env = {
        "MEDIA": str(media),
        "SOURCE": str(source),
        "OUT": str(out),
        "PYTHON": sys.executable,
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    done = subprocess.run(
        [UNSHARE, "-rm", "sh", "-c", SCRIPT],  # type: ignore[list-item]
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode != 99, done.stderr
    return done.stdout.splitlines(), done.stderr


def test_a_journal_on_readonly_media_can_be_read_by_every_read_command(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    assert main(["play", "demo", "--auto", "expected", "--journal", str(journal)]) == 0
    assert not Path(f"{journal}-wal").exists()
    results, stderr = on_readonly_media(journal, tmp_path)
    assert [line.split(" ", 1)[0] for line in results] == ["0", "0", "0", "0"], stderr
    assert "unable to open" not in stderr
    assert (tmp_path / "out" / "journal.json").exists()
    listing = stderr.split()
    assert "journal.db-shm" not in listing and "journal.db-wal" not in listing


def test_a_journal_with_events_left_in_its_wal_says_to_copy_it_elsewhere(tmp_path: Path) -> None:
    live = tmp_path / "live"
    live.mkdir()
    journal = live / "journal.db"
    assert main(["play", "demo", "--auto", "expected", "--journal", str(journal)]) == 0
    with Journal.open(journal) as writer:  # a copy taken while a session was writing
        writer.append([NewEvent(t=900.0, kind=Kind.PAUSED)])
        copy = tmp_path / "copy"
        copy.mkdir()
        for name in ("journal.db", "journal.db-wal"):
            shutil.copy(live / name, copy / name)
    results, stderr = on_readonly_media(copy / "journal.db", tmp_path)
    assert [line.split(" ", 1)[0] for line in results] == ["2", "2", "2", "2"], stderr
    assert "journal.db-wal and the folder is read-only" in stderr
    assert "Traceback" not in stderr
