"""Nothing from a file name, a journal or the command line reaches the terminal as a control
character: escape sequences, BEL and bidirectional overrides are shown by their code
(`\\x1b`, `\\u202e`). The commands run in a subprocess and their output is checked as bytes;
the HTML report is checked for raw control characters too."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Static

from exercise.cli import main
from exercise.debrief.evaluation import FinalInput, ObservationInput, append, parse
from exercise.journal import Journal
from exercise.sim.replay import load_frozen

TITLE = "\x1b]0;pwned\x07"  # OSC 0: set the terminal's title, ended by BEL
RLO = "\u202e"  # right-to-left override
# C0 but tab and newline, DEL, C1, and the bidirectional controls
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
RAW_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "exercise", *args], cwd=cwd, capture_output=True, env=env
    )


def assert_nothing_raw(result: subprocess.CompletedProcess[bytes]) -> None:
    for stream in (result.stdout, result.stderr):
        assert RAW_BYTES.search(stream) is None, stream[:2000]


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("played") / "demo.db"
    assert main(["play", "demo", "--auto", "expected", "--journal", str(path)]) == 0
    return path


def _hostile_final(journal: Path) -> None:
    """An evaluator's observation and final mark carrying escapes and an override."""
    with Journal.open(journal) as j:
        scenario = load_frozen(j)
        items = [
            parse(
                ObservationInput,
                pillar="vital-processes",
                kind="strength",
                text=f"Quick{TITLE} call \x1b[2J{RLO}gnp.exe\x9b31m\x00",
            ),
            parse(FinalInput, by=f"Eve{TITLE}{RLO}nesnaJ"),
        ]
        append(j, scenario, items, f"Eve{TITLE}")


def test_validate_and_lint_of_a_file_named_with_an_escape(tmp_path: Path) -> None:
    bad = tmp_path / f"evil{TITLE}{RLO}lmay.yaml"
    bad.write_text("format: 1\nid: x\n", encoding="utf-8")  # problems name the file
    for args in (("validate", str(bad)), ("validate", str(tmp_path)), ("lint", str(bad))):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2
        assert_nothing_raw(result)
        assert rb"evil\x1b]0;pwned\x07\u202elmay.yaml:" in result.stderr


def test_a_problem_line_stays_one_line() -> None:
    from exercise.content.problems import Problem

    text = str(Problem("a\nb.yaml", 1, 2, "id", "bad\tvalue"))
    assert text == r"a\x0ab.yaml:1:2: id: bad\x09value"


def test_usage_errors_show_the_name_by_code(tmp_path: Path) -> None:
    missing = f"missing{TITLE}.yaml"
    result = run("play", missing, "--auto", "expected", cwd=tmp_path)
    assert result.returncode == 2
    assert_nothing_raw(result)
    assert rb"missing\x1b]0;pwned\x07.yaml" in result.stderr
    result = run("validate", missing, cwd=tmp_path)
    assert result.returncode == 2
    assert_nothing_raw(result)


def test_journal_errors_show_the_path_by_code(tmp_path: Path) -> None:
    garbage = tmp_path / f"notes{TITLE}.db"
    garbage.write_bytes(b"not a journal at all" * 100)
    for args in (("debrief", str(garbage)), ("export", str(garbage), "--format", "csv")):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2
        assert_nothing_raw(result)
        assert rb"notes\x1b]0;pwned\x07.db" in result.stderr
    result = run("replay", str(tmp_path / f"gone{TITLE}.db"), cwd=tmp_path)
    assert result.returncode == 2
    assert_nothing_raw(result)


def test_argument_errors_show_values_by_code(tmp_path: Path) -> None:
    result = run("list", f"extra{TITLE}", cwd=tmp_path)
    assert result.returncode == 2
    assert_nothing_raw(result)
    assert rb"extra\x1b]0;pwned\x07" in result.stderr


def test_output_refusals_show_the_name_by_code(played: Path, tmp_path: Path) -> None:
    journal = tmp_path / "session.db"
    shutil.copy(played, journal)
    link = tmp_path / f"out{TITLE}.csv"
    os.link(journal, link)
    result = run("export", str(journal), "--format", "csv", "-o", str(link), cwd=tmp_path)
    assert result.returncode == 2
    assert_nothing_raw(result)
    assert rb"out\x1b]0;pwned\x07.csv" in result.stderr


def test_debrief_console_shows_the_final_by_and_texts_by_code(played: Path, tmp_path: Path) -> None:
    journal = tmp_path / f"session{TITLE}.db"
    shutil.copy(played, journal)
    _hostile_final(journal)
    result = run("debrief", str(journal), "--format", "console,md,html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert_nothing_raw(result)
    out = result.stdout.decode("utf-8")
    assert r"Eve\x1b]0;pwned\x07\u202enesnaJ" in out  # the final mark's `by`
    assert r"\x1b[2J\u202egnp.exe\x9b31m\x00" in out  # the observation
    assert rb"wrote " in result.stderr and rb"session\x1b]0;pwned\x07.md" in result.stderr


def test_html_report_has_no_raw_control_characters(played: Path, tmp_path: Path) -> None:
    journal = tmp_path / "session.db"
    shutil.copy(played, journal)
    _hostile_final(journal)
    assert main(["debrief", str(journal), "--format", "html,md"]) == 0
    html = (tmp_path / "session.html").read_text(encoding="utf-8")
    assert RAW.search(html) is None
    assert r"Eve\x1b]0;pwned\x07\u202enesnaJ" in html
    assert r"\u202egnp.exe\x9b31m\x00" in html
    md = (tmp_path / "session.md").read_text(encoding="utf-8")
    assert RAW.search(md) is None


def test_review_banner_shows_the_final_by_by_code(played: Path, tmp_path: Path) -> None:
    import asyncio

    from exercise.review.app import ReviewApp

    journal = tmp_path / "review.db"
    shutil.copy(played, journal)
    _hostile_final(journal)

    async def check() -> None:
        app = ReviewApp(journal, lang="en", evaluator=f"Mallory{TITLE}")
        async with app.run_test(size=(140, 44)) as pilot:
            await pilot.pause()
            banner = str(app.query_one("#banner", Static).render())
            assert RAW.search(banner) is None
            assert r"Eve\x1b]0;pwned\x07\u202enesnaJ" in banner

    asyncio.run(check())


def test_json_and_csv_outputs_escape_controls_and_keep_the_values(
    played: Path, tmp_path: Path
) -> None:
    """JSON escapes C0 itself; DEL, C1 and the bidirectional controls are written as \\u
    escapes too, so the value is the same and a terminal acts on none of it."""
    import json

    journal = tmp_path / "hostile.db"
    shutil.copy(played, journal)
    _hostile_final(journal)
    for args in (
        ("export", str(journal), "--format", "jsonl"),
        ("export", str(journal), "--format", "csv"),
        ("replay", str(journal), "--format", "json"),
        ("debrief", str(journal), "--format", "json", "--out", str(tmp_path / "out")),
    ):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        result.stdout = result.stdout.replace(b"\r\n", b"\n")  # CSV's own line ends
        assert_nothing_raw(result)
    lines = run("export", str(journal), "--format", "jsonl", cwd=tmp_path).stdout.splitlines()
    texts = [json.loads(line)["payload"].get("text", "") for line in lines]
    assert any(f"{RLO}gnp.exe\x9b31m" in text for text in texts)  # the value, intact
    report = (tmp_path / "out" / "hostile.json").read_text(encoding="utf-8")
    assert RAW.search(report) is None
    assert "\\u202egnp.exe" in report
