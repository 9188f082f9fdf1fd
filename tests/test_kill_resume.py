"""A session killed with SIGKILL at any moment loses no acknowledged event, and resuming
it gives the same session as one that was never interrupted.

Each round plays the bundled demo in real time (fast) in a child process, kills it at a
random moment, then checks the journal and resumes it to the end.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exercise.journal import Journal, JournalError, verify
from exercise.model.events import Kind
from exercise.sim.replay import load_frozen, replay_state
from exercise.sim.session import Session

ROUNDS = 20
EXERCISE = [sys.executable, "-m", "exercise"]
PLAY_SECONDS = 900 / 2000  # the demo's 15 minutes at speed 2000
START_TIMEOUT = 60.0  # seconds a loaded machine may take to start a session

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")


def _stream(path: Path) -> list[tuple]:
    """The events of a journal as (t, kind, actor, payload), without resume markers."""
    with Journal.open(path, readonly=True) as journal:
        return [
            (e.t, e.kind, e.actor, e.payload)
            for e in journal.events()
            if e.kind != Kind.SESSION_RESUMED
        ]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> list[tuple]:
    path = tmp_path_factory.mktemp("ref") / "ref.db"
    subprocess.run(
        [*EXERCISE, "play", "demo", "--auto", "expected", "--journal", str(path)],
        check=True,
        capture_output=True,
    )
    return _stream(path)


def _wait_for_play(out: Path, child: subprocess.Popen[bytes]) -> None:
    """Until the child shows its first event as played (its clock runs), or ends."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and child.poll() is None:
        if b"T+" in out.read_bytes():
            return
        time.sleep(0.005)


def test_killed_sessions_resume_to_the_uninterrupted_result(
    tmp_path: Path, reference: list[tuple]
) -> None:
    rng = random.Random(20261128)
    checked = 0
    for attempt in range(ROUNDS * 3):
        if checked == ROUNDS:
            break
        path = tmp_path / f"kill-{attempt}.db"
        out = tmp_path / f"kill-{attempt}.out"
        with out.open("wb") as sink:
            child = subprocess.Popen(
                [
                    *EXERCISE,
                    "play",
                    "demo",
                    "--auto",
                    "expected",
                    "--realtime",
                    "--speed",
                    "2000",
                    "--journal",
                    str(path),
                ],
                stdout=sink,
                stderr=subprocess.DEVNULL,
            )
            if attempt % 4 == 3:  # now and then early, while the journal is being made
                time.sleep(rng.uniform(0.0, 0.5))
            else:  # else during play, however long a busy machine takes to start it
                _wait_for_play(out, child)
                time.sleep(rng.uniform(0.0, PLAY_SECONDS))
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
        acknowledged = out.read_text(encoding="utf-8").splitlines()
        acknowledged = [line for line in acknowledged if line.startswith("T+")]
        if not path.exists():
            assert not acknowledged
            continue
        try:
            result = verify(path)
        except JournalError:
            assert not acknowledged, "events were shown but the journal cannot be opened"
            continue
        if result.count == 0 and not acknowledged:
            continue  # killed while the journal was being created
        assert result.ok, f"round {attempt}: {result.reason}"
        # Every event the child showed as it committed is in the journal, in order.
        assert result.count >= len(acknowledged)

        with Journal.open(path, readonly=True) as journal:
            scenario = load_frozen(journal)
            replayed = replay_state(scenario, journal.events())
        session = Session.resume(path, durable=False)
        resumed = session.engine.state
        assert (resumed.t, resumed.phase, resumed.indicators, resumed.delivered_at) == (
            replayed.t,
            replayed.phase,
            replayed.indicators,
            replayed.delivered_at,
        )
        session.close()

        finished = subprocess.run([*EXERCISE, "resume", str(path)], capture_output=True)
        assert finished.returncode == 0, finished.stderr.decode()
        assert _stream(path) == reference, f"round {attempt} diverged after resume"
        checked += 1
    assert checked == ROUNDS, f"only {checked} kills landed during a session"
