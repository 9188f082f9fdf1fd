"""`exercise play`, `resume` and `replay` as a facilitator runs them: real subprocesses."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import position, scenario_text

from exercise.journal import Journal
from exercise.model.events import Kind
from exercise.sim.headless import run_headless
from exercise.sim.players import AutoPlayer
from exercise.sim.session import Session

# cut at 2m (nctv decides within 10m, act expected), leak at 4m, storm at 8m; 15 minutes.
INJECTS = """\
- id: cut
  at: 2m
  to: [nctv]
  title: Power cut
  text: The grid operator reports a regional power cut.
  pillars: [vital-processes]
  expected:
    - {option: act, within: 4m}
  decision:
    prompt: What now?
    deadline: 10m
    default: wait
    options:
      - {id: wait, label: Wait, effects: {energy: -20}}
      - {id: act, label: Act, effects: {energy: 10}}
- {id: leak, at: 4m, to: [nctv], title: Leak, text: A leak., pillars: [vital-processes]}
- {id: storm, at: 8m, to: [nctv], title: Storm, text: A storm., pillars: [vital-processes]}
"""

INDICATORS = """\
- {id: energy, title: Energy supply, pillar: vital-processes, start: 50, min: 0, max: 100}
"""

HEADER = """\
format: 1
id: cli-test
title: CLI test
duration: 15m
"""

PHASES = "- {id: calm, title: Calm, level: L1, at: 0}\n"


@pytest.fixture
def scenario_file(write_scenario: Callable[..., Path]) -> Path:
    text = scenario_text(header=HEADER, phases=PHASES, injects=INJECTS, indicators=INDICATORS)
    return write_scenario(text)


def exercise(cwd: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exercise", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def journal_kinds(path: Path) -> list[str]:
    with Journal.open(path, readonly=True) as journal:
        return [e.kind for e in journal.events()]


def test_play_auto_writes_the_journal_and_prints_the_summary(
    tmp_path: Path, scenario_file: Path
) -> None:
    result = exercise(tmp_path, "play", scenario_file, "--auto", "expected", "--journal", "j.db")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "journal: j.db" in out
    assert "ended" in out
    assert "injects delivered: 3" in out
    assert "decisions: 1 taken, 0 missed, 0 open" in out
    with Journal.open(tmp_path / "j.db", readonly=True) as journal:
        events = list(journal.events())
        assert journal.session.scenario_id == "cli-test"
    assert events[-1].kind == Kind.SESSION_ENDED
    assert events[-1].t == 15 * 60
    [decision] = [e for e in events if e.kind == Kind.DECISION_TAKEN]
    assert decision.payload["option"] == "act"  # what the scenario expects, not the first


def test_play_needs_a_player(tmp_path: Path, scenario_file: Path) -> None:
    result = exercise(tmp_path, "play", scenario_file, "--journal", "j.db")
    assert result.returncode == 2
    assert "--decisions" in result.stderr and "--auto" in result.stderr
    assert not (tmp_path / "j.db").exists()


def test_play_with_a_faulty_decisions_file_says_where(tmp_path: Path, scenario_file: Path) -> None:
    text = "format: 1\ndecisions:\n  - {inject: cut, option: panic}\n"
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = exercise(
        tmp_path, "play", scenario_file, "--decisions", "plan.yaml", "--journal", "j.db"
    )
    assert result.returncode == 2
    line, column = position(text, "panic")
    assert f"plan.yaml:{line}:{column}:" in result.stderr
    assert "'panic' is not an option of cut" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "j.db").exists()  # checked before any journal is written


def test_play_refuses_to_overwrite_a_journal(tmp_path: Path, scenario_file: Path) -> None:
    (tmp_path / "j.db").write_bytes(b"precious")
    result = exercise(tmp_path, "play", scenario_file, "--auto", "none", "--journal", "j.db")
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert (tmp_path / "j.db").read_bytes() == b"precious"


def test_replay_at_a_time_gives_the_state_then(tmp_path: Path, scenario_file: Path) -> None:
    # the decisions file decides cut 1m after it arrives: at 3m
    plan = "format: 1\nscenario: cli-test\ndecisions:\n  - {inject: cut, option: act, after: 1m}\n"
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    played = exercise(
        tmp_path, "play", scenario_file, "--decisions", "plan.yaml", "--journal", "j.db"
    )
    assert played.returncode == 0, played.stderr

    result = exercise(tmp_path, "replay", "j.db", "--at", "5m", "--format", "json")
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout)
    assert state["t"] == 300
    assert state["ended"] is False
    assert state["delivered_injects"] == ["cut", "leak"]  # storm comes at 8m
    assert state["decisions_taken"] == 1
    assert state["indicators"] == {"energy": 60}  # 50 + 10 for act

    early = json.loads(
        exercise(tmp_path, "replay", "j.db", "--at", "2m30s", "--format", "json").stdout
    )
    assert early["delivered_injects"] == ["cut"]
    assert early["decisions_open"] == ["cut"]
    assert early["indicators"] == {"energy": 50}

    end = json.loads(exercise(tmp_path, "replay", "j.db", "--format", "json").stdout)
    assert end["ended"] is True
    assert end["delivered_injects"] == ["cut", "leak", "storm"]


def test_resume_of_an_ended_session_says_so(tmp_path: Path, scenario_file: Path) -> None:
    played = exercise(tmp_path, "play", scenario_file, "--auto", "first", "--journal", "j.db")
    assert played.returncode == 0, played.stderr
    before = journal_kinds(tmp_path / "j.db")
    result = exercise(tmp_path, "resume", "j.db")
    assert result.returncode == 0
    assert "already ended" in result.stderr
    assert journal_kinds(tmp_path / "j.db") == before  # nothing was added


def test_resume_finishes_an_interrupted_session(
    tmp_path: Path, scenario_file: Path, load: Callable[[str], object]
) -> None:
    scenario = load(scenario_file.read_text(encoding="utf-8"))
    session = Session.start(scenario, tmp_path / "j.db", durable=False)  # type: ignore[arg-type]
    run_headless(session, AutoPlayer("none"), until=5 * 60)
    session.close()
    result = exercise(tmp_path, "resume", "j.db", "--auto", "none")
    assert result.returncode == 0, result.stderr
    assert "injects delivered: 3" in result.stdout
    kinds = journal_kinds(tmp_path / "j.db")
    assert kinds.count(Kind.SESSION_RESUMED) == 1
    assert kinds[-1] == Kind.SESSION_ENDED
    assert kinds.count(Kind.DECISION_MISSED) == 1  # cut's deadline (12m) passed after 5m


def test_play_in_real_time_prints_the_feed_the_ui_shows(
    tmp_path: Path, scenario_file: Path
) -> None:
    from exercise.model import format_clock
    from exercise.sim.describe import Describer
    from exercise.sim.replay import load_frozen

    result = exercise(
        tmp_path,
        "play",
        scenario_file,
        "--auto",
        "expected",
        "--realtime",
        "--speed",
        "3600",
        "--journal",
        "j.db",
    )
    assert result.returncode == 0, result.stderr
    printed = [line for line in result.stdout.splitlines() if line.startswith("T+")]
    with Journal.open(tmp_path / "j.db", readonly=True) as journal:
        describer = Describer(load_frozen(journal), "en")
        expected = []
        for e in journal.events():
            text = describer.text(e.kind, e.actor, e.payload)
            if text is not None:
                expected.append(f"{format_clock(e.t)} {text}")
    # the start (session and first phase) is committed before the clock runs, unprinted
    assert expected[0] == "T+00:00:00 Session started: CLI test"
    assert printed == expected[2:]
    assert any(" decided “" in line for line in printed)
