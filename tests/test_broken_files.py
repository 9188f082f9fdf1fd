"""Every file in tests/corpus/broken is refused with the right line and a message that helps.

The table below is the contract: for each broken file, the line and column the problem
points at and a part of its message. Line 0 means a problem with the whole file (printed
as FILE:1:1). A file added to the corpus without an entry here fails the test, and so does
an entry without its file.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from exercise.content.loader import load_catalogue, load_scenario
from exercise.content.problems import ContentError, Problem
from exercise.content.yamlsource import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
BROKEN = CORPUS / "broken"
CATALOGUE = CORPUS / "injects"

# file -> (line, column, part of the message)
EXPECTED: dict[str, tuple[int, int, str]] = {
    # the file itself: encoding, size, no document
    "empty.yaml": (0, 0, "the file is empty"),
    "only-comments.yaml": (0, 0, "no YAML document (only comments?)"),
    "binary.yaml": (0, 0, "binary file, not YAML text"),
    "latin1.yaml": (4, 11, "byte 0xe9 is not UTF-8: save the file as UTF-8"),
    "utf16.yaml": (0, 0, "saved as UTF-16: save it as UTF-8"),
    "nul-bytes.yaml": (9, 12, "a NUL byte: the file is damaged from here on"),
    "control-character.yaml": (4, 14, "U+001B is not allowed in YAML text"),
    # YAML syntax
    "tabs.yaml": (7, 1, "a tab character here: indent YAML with spaces"),
    "unclosed-quote.yaml": (4, 8, "the quote opened here is never closed"),
    "unclosed-bracket.yaml": (14, 9, "the '[' opened here is not closed"),
    "duplicate-key.yaml": (6, 1, "key 'title' is given twice in this mapping (first on line 4)"),
    "two-documents.yaml": (10, 1, "expected a single document"),
    "deep-flow.yaml": (6, 1013, "exceeded maximum nesting depth"),
    # YAML features that are refused for safety
    "python-apply.yaml": (4, 8, "the tag !!python/object/apply:os.system is not allowed"),
    "python-name.yaml": (6, 8, "the tag !!python/name:os.system is not allowed"),
    "bad-explicit-tag.yaml": (6, 8, "cannot be read as !!int"),
    "alias-bomb.yaml": (0, 0, "is it an alias bomb?"),
    "recursive-alias.yaml": (6, 9, "an alias refers to the node that contains it"),
    # the top level
    "top-level-list.yaml": (2, 1, "must be a mapping (format, id, title, ...), not a list"),
    "top-level-scalar.yaml": (2, 1, "must be a mapping (format, id, title, ...), not text"),
    "missing-format.yaml": (2, 1, "missing required key 'format' (use format: 1)"),
    "format-newer.yaml": (2, 9, "format 2 is newer than this version of exercise reads"),
    "format-abc.yaml": (2, 9, "'abc' is not a known format version (use format: 1)"),
    "unknown-top-key.yaml": (5, 1, "unknown key 'descripton' (did you mean 'description'?)"),
    # values of the wrong shape
    "duration-words.yaml": (5, 11, "'12 minutes' is not a duration such as 90s"),
    "duration-bare-number.yaml": (16, 9, "5 has no unit: write 5s or 5m"),
    "pillar-wrong-value.yaml": (20, 15, "'vital-process' is not one of the allowed values"),
    "role-kind-wrong-value.yaml": (11, 45, "'minister' is not one of the allowed values (one of:"),
    "text-unknown-language.yaml": (43, 5, "'de' is not a language of this tool (use en, nl)"),
    "at-and-when.yaml": (33, 5, "either on the timeline (at) or conditional (when)"),
    "default-without-deadline.yaml": (21, 5, "a default option needs a deadline"),
    "catalogue-missing-pillars.yaml": (9, 5, "templates[1]: missing required key 'pillars'"),
    # references between ids
    "unknown-role.yaml": (17, 21, "'defence' is not a role of this scenario (roles: nctv, ezk)"),
    "default-misspelt.yaml": (25, 16, "'wiat' is not an option of substation-fire"),
    "chosen-unknown-option.yaml": (34, 11, "'ignore' is not an option of substation-fire"),
    "condition-unknown-inject.yaml": (34, 11, "'substation_fire' is not an inject of this"),
    "condition-unbalanced.yaml": (34, 11, "column 58: expected ')', found the end of the"),
    "condition-unknown-function.yaml": (34, 11, "unknown test 'happened'"),
    "release-unknown-inject.yaml": (30, 21, "'press-question' is not an inject of this scenario"),
    "duplicate-inject-id.yaml": (40, 9, "duplicate id 'rumours' (first used at injects[1])"),
    "unknown-template.yaml": (40, 10, "'cable-cutt' is not a template in the catalogue"),
    # times and ranges
    "negative-time.yaml": (16, 9, "delivery time -10m is before the start (T+0)"),
    "time-beyond-duration.yaml": (16, 9, "2h30m is after the end of the scenario (duration 2h)"),
    "phases-out-of-order.yaml": (9, 46, "phases must be in time order: 45m is not after"),
    "indicator-start-out-of-range.yaml": (13, 79, "start 120 is outside min 0 .. max 100"),
}

PREFIX = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): ")


def problems_of(path: Path) -> list[Problem]:
    """The problems the loader reports for one corpus file (none if it loads)."""
    if path.name.startswith("catalogue-"):
        return load_catalogue([path]).problems
    try:
        load_scenario(path, load_catalogue([CATALOGUE]))
    except ContentError as err:
        return err.problems
    return []


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exercise", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_table_and_corpus_match() -> None:
    on_disk = {p.name for p in BROKEN.iterdir() if p.is_file()}
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loader_reports_line_and_message(name: str) -> None:
    path = BROKEN / name
    line, column, message = EXPECTED[name]
    problems = problems_of(path)
    assert problems, f"{name} loaded without a problem"
    assert all(p.file == str(path) for p in problems)
    found = [(p.line, p.column) for p in problems if message in str(p)]
    assert found, f"no problem says {message!r}: {[str(p) for p in problems]}"
    assert (line, column) in found, [str(p) for p in problems]
    for problem in problems:
        text = str(problem)
        assert PREFIX.match(text), text
        assert "\n" not in text, text
        assert "Traceback" not in text


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as out:
        out.write(b"format: 1\nid: huge\n")
        out.seek(MAX_FILE_BYTES)  # a sparse file: over the limit without writing 16 MB
        out.write(b"\n")
    with pytest.raises(ContentError) as caught:
        load_scenario(path)
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == (str(path), 0)
    assert f"the limit is {MAX_FILE_BYTES:,}" in problem.message
    result = run_cli("validate", path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{path}:1:1: file is {MAX_FILE_BYTES + 1:,} bytes")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "python-apply.yaml",
        "alias-bomb.yaml",
        "tabs.yaml",
        "latin1.yaml",
        "nul-bytes.yaml",
        "unclosed-quote.yaml",
        "default-misspelt.yaml",
        "unknown-template.yaml",
    ],
)
def test_cli_validate_one_file(name: str) -> None:
    path = BROKEN / name
    line, _column, message = EXPECTED[name]
    result = run_cli("validate", "--catalogue", CATALOGUE, path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:{line or 1}:"), first
    assert message in first


def test_cli_validate_reports_every_file_of_the_folder() -> None:
    result = run_cli("validate", "--catalogue", CATALOGUE, BROKEN)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[-1] == f"{len(lines) - 1} problems in {len(EXPECTED)} of {len(EXPECTED)} files"
    reported: dict[str, list[tuple[int, str]]] = {}
    for text in lines[:-1]:
        match = PREFIX.match(text)
        assert match, text
        reported.setdefault(Path(match["file"]).name, []).append((int(match["line"]), text))
    assert set(reported) == set(EXPECTED)
    for name, (line, _column, message) in EXPECTED.items():
        assert any(shown == (line or 1) and message in text for shown, text in reported[name]), (
            reported[name]
        )
