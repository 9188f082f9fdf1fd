"""`exercise run` and `exercise resume` of a live session: the command line around the UI."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exercise.cli import main
from exercise.cli.setup import is_live
from exercise.journal import Journal
from exercise.model.events import Kind
from exercise.sim.session import Session

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = [sys.executable, "-m", "exercise"]


def _live_journal(tmp_path: Path) -> Path:
    from exercise.content.loader import load_scenario
    from exercise.content.resources import find_scenario
    from exercise.ui.app import start_session

    path = tmp_path / "live.db"
    session = start_session(load_scenario(find_scenario("demo")), path, source="demo", speed=60)
    session.close()
    return path


def test_run_needs_a_terminal_and_writes_no_journal(tmp_path: Path, capsys) -> None:
    journal = tmp_path / "x.db"
    assert main(["run", "demo", "--journal", str(journal)]) == 2
    assert "needs a terminal" in capsys.readouterr().err
    assert not journal.exists()


def test_run_refuses_a_bad_speed(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["run", "demo", "--speed", "0"])
    assert info.value.code == 2
    assert "the speed is above 0 and at most 3600" in capsys.readouterr().err


def test_a_live_session_is_recorded_as_such(tmp_path: Path) -> None:
    path = _live_journal(tmp_path)
    with Journal.open(path, readonly=True) as journal:
        meta = dict(journal.session.meta)
        assert meta.pop("lang") in ("en", "nl")  # the language it was started in
        assert meta == {"mode": "live", "source": "demo"}
        assert [e.kind for e in journal.events()][-1] == Kind.SPEED_SET
    assert is_live({"mode": "live"}) and is_live({})
    assert not is_live({"mode": "play", "auto": "expected"})


def test_resume_of_a_live_session_opens_the_ui(tmp_path: Path, capsys) -> None:
    path = _live_journal(tmp_path)
    assert main(["resume", str(path)]) == 2  # the UI, which needs a terminal here
    assert "needs a terminal" in capsys.readouterr().err
    Session.resume(path).close()  # and the journal was closed again


def test_resume_of_a_live_session_headless_with_simulated_players(tmp_path: Path) -> None:
    path = _live_journal(tmp_path)
    assert main(["resume", str(path), "--auto", "none"]) == 0
    with Journal.open(path, readonly=True) as journal:
        assert [e.kind for e in journal.events()][-1] == Kind.SESSION_ENDED


def test_building_the_parser_does_not_import_textual() -> None:
    script = "import sys; from exercise.cli import build_parser; build_parser(); " + (
        "print('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_make_run_opens_the_ui_on_the_demo() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(BIN)/exercise run $(SCENARIO)" in makefile


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_run_in_a_terminal_then_ctrl_q_leaves_a_resumable_journal(tmp_path: Path) -> None:
    import pty
    import select

    journal = tmp_path / "tty.db"
    master, slave = pty.openpty()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
    child = subprocess.Popen(
        [*EXERCISE, "run", "demo", "--journal", str(journal), "--lang", "en"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=tmp_path,
        close_fds=True,
    )
    os.close(slave)
    seen = b""

    def read_until(needle: bytes, timeout: float) -> bool:
        nonlocal seen
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    return needle in seen
            if needle in seen:
                return True
        return False

    try:
        assert read_until(b"Silent Current", 20), seen[-2000:]
        os.write(master, b"\x11")  # ctrl+q
        assert read_until(b"continue with: exercise resume", 20), seen[-2000:]
        assert child.wait(timeout=20) == 0
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    resumed = Session.resume(journal)
    try:
        assert resumed.engine.state.started and not resumed.engine.ended
    finally:
        resumed.close()


def test_the_parser_offers_the_players_policies() -> None:
    """The parser names the policies without importing the simulation; they must agree."""
    from exercise.cli.options import POLICIES as OFFERED
    from exercise.sim.players import POLICIES

    assert OFFERED == POLICIES


def test_every_command_names_a_function_that_exists() -> None:
    import importlib

    from exercise.cli import build_parser

    commands = build_parser().commands
    assert {"validate", "play", "run", "resume", "debrief", "review", "export"} <= set(commands)
    for name, run in commands.items():
        module, function = run.split(":")
        assert callable(getattr(importlib.import_module(f"exercise.cli.{module}"), function)), name


def test_speed_is_checked_alike_by_every_command(tmp_path: Path, capsys) -> None:
    for command in (
        ["play", "demo", "--auto", "expected", "--realtime", "--speed", "-5"],
        ["run", "demo", "--speed", "0"],
        ["resume", str(tmp_path / "x.db"), "--speed", "nan"],
    ):
        with pytest.raises(SystemExit) as exit:
            main(
                [*command, "--journal", str(tmp_path / "j.db")]
                if command[0] != "resume"
                else command
            )
        assert exit.value.code == 2
        assert "the speed is above 0" in capsys.readouterr().err
    assert not (tmp_path / "j.db").exists()  # refused before any journal was written
