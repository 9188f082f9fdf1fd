"""The format registry: one module per format, the one source of names and suffixes, and
a format added from outside written by `exercise debrief` like the built-in ones."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from exercise.cli import main
from exercise.debrief import (
    FILE_SUFFIXES,
    FORMATS,
    build_report,
    formats,
    render,
    render_bytes,
)
from exercise.debrief.comparison import Comparison
from exercise.debrief.report import Report
from exercise.journal import Journal
from exercise.safetext import json_safe, json_safe_bytes


def _tiny_report(report: Report) -> bytes:
    return f"title: {report.overview.scenario_title}\n".encode()


def _tiny_comparison(comparison: Comparison) -> bytes:
    return f"compared: {len(comparison.sessions)}\n".encode()


@pytest.fixture
def tiny() -> Iterator[formats.Format]:
    fmt = formats.Format("tiny", ".tiny.txt", _tiny_report, _tiny_comparison)
    formats.register(fmt)
    yield fmt
    formats.unregister("tiny")


@pytest.fixture(scope="module")
def demo_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("journal") / "demo.db"
    main(["play", "demo", "--auto", "expected", "--journal", str(path)])
    return path


def test_the_built_in_formats_come_from_their_modules() -> None:
    assert FORMATS == ("console", "md", "html", "json")
    assert FILE_SUFFIXES == {"md": ".md", "html": ".html", "json": ".json"}
    for name in formats.MODULES:
        assert (Path(formats.__file__).parent / f"{name}.py").is_file()
    with pytest.raises(ValueError, match="formats: console, md, html, json"):
        formats.get("pdf")


def test_every_format_renders_bytes_that_are_its_text(demo_journal: Path) -> None:
    with Journal.open(demo_journal, readonly=True) as journal:
        report = build_report(journal)
    for name in formats.names():
        data = render_bytes(report, name)
        assert isinstance(data, bytes) and data
        assert render(report, name) == data.decode("utf-8")


def test_a_registered_format_is_offered_and_written(
    tiny: formats.Format, demo_journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from exercise import debrief

    assert "tiny" in debrief.FORMATS and debrief.FILE_SUFFIXES["tiny"] == ".tiny.txt"
    journal = tmp_path / "session.db"
    shutil.copy(demo_journal, journal)
    assert main(["debrief", str(journal), "--format", "tiny,md"]) == 0
    written = journal.parent / "session.tiny.txt"
    assert written.read_bytes().startswith(b"title: ")
    assert (journal.parent / "session.md").is_file()
    assert not (journal.parent / "session.html").exists()
    # written through the same guard as the others: an edited file is not replaced
    written.write_bytes(b"edited by hand\n")
    capsys.readouterr()
    assert main(["debrief", str(journal), "--format", "tiny"]) == 2
    assert "--force" in capsys.readouterr().err
    assert written.read_bytes() == b"edited by hand\n"
    second = tmp_path / "second.db"
    shutil.copy(demo_journal, second)
    assert main(["debrief", str(journal), str(second), "--format", "tiny", "--force"]) == 0
    assert (tmp_path / "session-vs-second.tiny.txt").read_bytes() == b"compared: 2\n"


def test_the_help_names_the_registered_formats(
    tiny: formats.Format, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["debrief", "--help"])
    assert "console,md,html,json,tiny" in " ".join(capsys.readouterr().out.split())


def test_an_unknown_format_names_the_registered_ones(
    demo_journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["debrief", str(demo_journal), "--format", "pdf"]) == 2
    assert "console, md, html, json" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text",
    ["plain", "del \x7f c1 \x85 \x9f bidi \u202e \u2066 \u200e \u061c", "é ü ∑ 😀 \u2028 \u00a0"],
)
def test_json_safe_of_bytes_is_json_safe_of_text(text: str) -> None:
    import json

    encoded = json.dumps({"t": text}, ensure_ascii=False)
    assert json_safe_bytes(encoded.encode()) == json_safe(encoded).encode()
