"""What is wrong with a damaged journal, in the reader's language: `verify`, the refusal
and the warning of a command that reads one, and the report made from one anyway."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from exercise.cli import main

CORPUS = Path(__file__).resolve().parent / "corpus" / "journals"


@pytest.fixture(scope="module")
def rehearsal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rehearsal") / "demo.db"
    assert main(["play", "demo", "--auto", "expected", "--journal", str(path)]) == 0
    return path


def _damaged(rehearsal: Path, folder: Path, name: str) -> Path:
    path = folder / "journal.db"
    shutil.copy(rehearsal, path)
    conn = sqlite3.connect(path)
    conn.executescript((CORPUS / name).read_text(encoding="utf-8"))
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("name", "english", "dutch"),
    [
        ("hash-emptied.sql", "FAILED at event 7: its content does not match its hash",
         "MISLUKT bij gebeurtenis 7: de inhoud past niet bij de hash"),
        ("deleted-row.sql", "FAILED at event 6: the event is missing (the next one is 7)",
         "MISLUKT bij gebeurtenis 6: de gebeurtenis ontbreekt (de volgende is 7)"),
        ("edited-scenario.sql", "FAILED at the session row: the session row's scenario text",
         "MISLUKT bij de sessieregel: de scenariotekst in de sessieregel"),
        ("view.sql", "FAILED at the file: the journal's database holds a view 'latest'",
         "MISLUKT bij het bestand: de database van het logboek bevat een view 'latest'"),
    ],
)  # fmt: skip
def test_verify_says_the_damage_in_the_readers_language(
    rehearsal: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    english: str,
    dutch: str,
) -> None:
    path = _damaged(rehearsal, tmp_path, name)
    assert main(["verify", str(path), "--lang", "en"]) == 1
    assert english in capsys.readouterr().out
    assert main(["verify", str(path), "--lang", "nl"]) == 1
    said = capsys.readouterr().out
    assert said.startswith(f"{path}: MISLUKT bij ") and dutch in said


def test_a_dutch_report_of_a_damaged_journal_says_the_damage_in_dutch(
    rehearsal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _damaged(rehearsal, tmp_path, "hash-emptied.sql")
    out = tmp_path / "out"
    # refused, in Dutch, unless asked for
    assert main(["replay", str(path), "--lang", "nl"]) == 1
    refusal = capsys.readouterr().err
    assert "het logboek is beschadigd bij gebeurtenis 7: de inhoud past niet bij de hash" in refusal
    assert "voeg --damaged toe" in refusal
    code = main(
        ["debrief", str(path), "--damaged", "--lang", "nl", "--format", "md,html,json",
         "--out", str(out)]
    )  # fmt: skip
    assert code == 0
    warning = capsys.readouterr().err
    assert "waarschuwing: het logboek is beschadigd bij gebeurtenis 7" in warning
    for suffix in ("md", "html", "json"):
        report = (out / f"journal.{suffix}").read_text(encoding="utf-8")
        assert "beschadigd bij gebeurtenis 7: de inhoud past niet bij de hash" in report, suffix
        assert "does not match its hash" not in report and "damaged at" not in report, suffix
