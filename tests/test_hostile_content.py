"""Hostile scenario, catalogue and decisions files are refused cleanly, at their line.

Scenario files travel by e-mail and USB stick. Every file in tests/corpus/hostile is one
attack (a huge number or duration, NaN, foreign digits, a duplicate, a hidden character, a
bomb); the table below states for each the line, the column and a part of the message.
Line 0 means the whole file (printed as FILE:1:1). Big inputs (megabyte strings, tens of
thousands of keys, devices, pipes) are made by the tests themselves, not committed.

Files named `catalogue-*` are read as catalogues, `decisions-*` as decisions files for
tests/corpus/valid/scenario.yaml, and the others as scenarios.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from exercise.content import yamlsource
from exercise.content.decisions import load_decisions
from exercise.content.loader import load_catalogue, load_scenario, validate_paths
from exercise.content.messages import suggest, suggestions_per_file
from exercise.content.problems import MAX_PROBLEMS, ContentError, Problem, capped
from exercise.model import Scenario
from exercise.model.decisions import MAX_RATIONALE
from exercise.model.timing import MAX_DAYS
from exercise.model.types import MAX_INJECTS, MAX_ROLES, MAX_TEXT
from exercise.sim import commands

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
HOSTILE = CORPUS / "hostile"
CATALOGUE = CORPUS / "injects"
VALID = CORPUS / "valid" / "scenario.yaml"
PREFIX = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): ")
TOO_LONG = f"is more than {MAX_DAYS} days"
NOT_A_NUMBER = "is not a usable number: write an ordinary number (not .nan or .inf)"
INVISIBLE = "holds an invisible character"

# file -> (line, column, part of the message)
EXPECTED: dict[str, tuple[int, int, str]] = {
    # numbers: finite, and within a billion either way
    "indicator-bounds-1e308.yaml": (20, 103, "1e+308 is out of range: it must be at most 1,000,"),
    "indicator-start-nan.yaml": (20, 79, "indicators[1].start: nan " + NOT_A_NUMBER),
    "indicator-max-inf.yaml": (20, 88, "indicators[1].max: inf " + NOT_A_NUMBER),
    "indicator-max-1e309.yaml": (20, 88, "indicators[1].max: inf " + NOT_A_NUMBER),
    "indicator-start-long-integer.yaml": (20, 79, "a number of 2,000 digits is too long"),
    "effect-1e300.yaml": (42, 35, "effects.public-trust: 1e+300 is out of range"),
    "effect-minus-inf.yaml": (46, 35, "effects.public-trust: -inf " + NOT_A_NUMBER),
    "speed-nan.yaml": (8, 8, "speed: nan " + NOT_A_NUMBER),
    "condition-number-400-digits.yaml": (
        48,
        11,
        "indicator(energy) is compared with a number beyond 1,000,000,000",
    ),
    "condition-arabic-indic-digit.yaml": (48, 11, "column 21: unexpected character '٣' (U+0663)"),
    "start-year-9999.yaml": (7, 8, "the year 9999 is out of range: T+0 must lie between 1900"),
    # durations: at most 90 days, digits 0 to 9 only
    "duration-99999999D.yaml": (7, 11, f"duration: '99999999D' {TOO_LONG}"),
    "duration-msel-huge.yaml": (7, 11, f"duration: 'D+99999999' {TOO_LONG}"),
    "duration-26-digit-days.yaml": (7, 11, f"'12345678901234567890123456d' {TOO_LONG}"),
    "deadline-huge.yaml": (36, 17, f"decision.deadline: '1000000h' {TOO_LONG}"),
    "clock-offset-huge.yaml": (23, 9, f"injects[0].at: 'T+99999999:00' {TOO_LONG}"),
    "after-91-days.yaml": (49, 12, f"injects[1].after: 'D+91' {TOO_LONG}"),
    "within-huge.yaml": (34, 34, f"expected[0].within: '36500d' {TOO_LONG}"),
    "duration-arabic-indic-digit.yaml": (36, 17, "holds the digit '٣' (U+0663): write durations"),
    "duration-fullwidth-digits.yaml": (23, 9, "holds the digit '１' (U+FF11)"),
    "duration-very-long-text.yaml": (7, 11, "(299 characters) is too long to be a duration"),
    # lists: bounded, no duplicates
    "duplicate-recipient.yaml": (
        25,
        21,
        "to[2]: 'ezk' is given twice in this list (first as item 1)",
    ),
    "duplicate-pillar.yaml": (29, 32, "pillars[1]: 'vital-processes' is given twice in this list"),
    "duplicate-release.yaml": (43, 38, "release[1]: 'press-questions' is given twice"),
    "too-many-options.yaml": (39, 9, "decision.options: 52 items: at most 50 are allowed here"),
    "duplicate-role-id.yaml": (17, 10, "duplicate id 'ezk' (first used at roles[1])"),
    # text: bounded, and text where text belongs
    "title-600-characters.yaml": (4, 8, "title: the text is 599 characters long; the limit is 500"),
    "sender-too-long.yaml": (24, 11, "injects[0].from: the text is 599 characters long; the limit"),
    "binary-tag-text.yaml": (52, 11, "injects[1].text: expected text"),
    # keys: text, visible, no merge keys
    "key-with-bom.yaml": (8, 4, "the key 'spe?ed' holds an invisible character, U+FEFF (a byte-"),
    "key-with-zero-width-space.yaml": (7, 9, f"'duration?' {INVISIBLE}, U+200B (zero width space)"),
    "key-with-no-break-space.yaml": (32, 13, f"{INVISIBLE}, U+00A0 (a no-break space)"),
    "key-integer.yaml": (9, 1, "the key '1' is read as a number, not as text"),
    "key-true.yaml": (9, 1, "the key 'true' is read as true or false, not as text"),
    "key-null.yaml": (9, 1, "the key '~' is read as nothing (null), not as text"),
    "key-list.yaml": (9, 3, "a key must be plain text, not a list or a mapping"),
    "merge-key.yaml": (17, 5, "merge keys (<<) are not supported: write the keys out in full"),
    "many-unknown-keys.yaml": (0, 0, "... and 50 more problems in this file (only the first 200"),
    # ids
    "id-bidi-override.yaml": (
        15,
        10,
        f"roles[0].id: 'nctv\\u202e' is not a valid id: it {INVISIBLE}",
    ),
    "recipient-zero-width.yaml": (
        25,
        15,
        f"to[1]: 'nc\\u200btv' is not a valid id: it {INVISIBLE}",
    ),
    # the YAML itself
    "deep-block-sequences.yaml": (7, 201, "lists and mappings are nested more than 100 deep"),
    "deep-flow-mappings.yaml": (6, 4000, "exceeded maximum nesting depth"),
    "alias-text-bomb.yaml": (0, 0, "aliases expand this file to 22,101,036 characters of text"),
    # catalogues
    "catalogue-duplicate-pillar.yaml": (
        9,
        32,
        "templates[0].pillars[1]: 'vital-processes' is given",
    ),
    "catalogue-title-too-long.yaml": (6, 12, "the text is 601 characters long; the limit is 500"),
    "catalogue-key-with-bom.yaml": (8, 5, "the key '?method' holds an invisible character, U+FEFF"),
    "catalogue-deadline-huge.yaml": (11, 17, f"decision.deadline: 'D+99999999' {TOO_LONG}"),
    "catalogue-effect-nan.yaml": (11, 57, "effects.energy: nan " + NOT_A_NUMBER),
    # decisions files
    "decisions-after-huge.yaml": (4, 54, f"decisions[0].after: '99999999D' {TOO_LONG}"),
    "decisions-after-negative.yaml": (4, 54, "the delay after delivery is negative"),
    "decisions-duplicate-inject.yaml": (
        5,
        14,
        "'substation-fire' is already decided at decisions[0]",
    ),
    "decisions-at-after-end.yaml": (4, 10, "3h is after the end of harbour-blackout (duration 2h)"),
    "decisions-arabic-indic-digit.yaml": (4, 10, "holds the digit '٥' (U+0665)"),
    "decisions-duplicate-pillar.yaml": (4, 68, "pillars[1]: 'vital-processes' is given twice"),
    "decisions-key-integer.yaml": (4, 47, "the key '5' is read as a number, not as text"),
    "decisions-unknown-key.yaml": (4, 47, "unknown key 'delay' (keys here: inject, option, role,"),
    "decisions-python-tag.yaml": (3, 12, "the tag !!python/object/apply:os.system is not allowed"),
    "decisions-role-bidi.yaml": (4, 20, f"'\\u202enctv' is not a valid id: it {INVISIBLE}"),
    "decisions-unknown-option.yaml": (4, 39, "'infrom' is not an option of substation-fire"),
}


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(VALID, load_catalogue([CATALOGUE]))


def problems_of(path: Path, scenario: Scenario) -> list[Problem]:
    """The problems reported for one corpus file (none if it loads)."""
    if path.name.startswith("catalogue-"):
        return load_catalogue([path]).problems
    try:
        if path.name.startswith("decisions-"):
            load_decisions(path, scenario)
        else:
            load_scenario(path, load_catalogue([CATALOGUE]))
    except ContentError as err:
        return err.problems
    return []


def run_cli(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exercise", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def assert_clean_refusal(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr


def test_table_and_corpus_match() -> None:
    on_disk = {p.name for p in HOSTILE.iterdir() if p.is_file()}
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 40


def test_corpus_files_stay_small() -> None:
    assert all(p.stat().st_size < 8_000 for p in HOSTILE.iterdir())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_is_refused_at_its_line(name: str, scenario: Scenario) -> None:
    path = HOSTILE / name
    line, column, message = EXPECTED[name]
    problems = problems_of(path, scenario)
    assert problems, f"{name} loaded without a problem"
    assert all(p.file == str(path) for p in problems)
    found = [(p.line, p.column) for p in problems if message in str(p)]
    assert found, f"no problem says {message!r}: {[str(p) for p in problems]}"
    assert (line, column) in found, [str(p) for p in problems]
    assert len(problems) <= MAX_PROBLEMS + 1
    for problem in problems:
        text = str(problem)
        assert PREFIX.match(text), text
        assert "\n" not in text and "Traceback" not in text
        assert len(text) < 400, text


@pytest.mark.parametrize(
    "name",
    [
        "duration-99999999D.yaml",
        "indicator-bounds-1e308.yaml",
        "duplicate-recipient.yaml",
        "key-with-bom.yaml",
        "merge-key.yaml",
        "alias-text-bomb.yaml",
        "catalogue-effect-nan.yaml",
    ],
)
def test_cli_validate_refuses_with_exit_2(name: str) -> None:
    path = HOSTILE / name
    line, column, message = EXPECTED[name]
    result = run_cli("validate", "--catalogue", CATALOGUE, path)
    assert_clean_refusal(result)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert all(PREFIX.match(text) for text in lines[:-1]), lines
    saying = [text for text in lines if message in text]
    assert saying and saying[0].startswith(f"{path}:{line or 1}:{column or 1}: "), lines
    assert re.fullmatch(r"\d+ problems? in 1 of 1 file", lines[-1]), lines


@pytest.mark.parametrize(
    "name",
    ["decisions-after-huge.yaml", "decisions-duplicate-inject.yaml", "decisions-role-bidi.yaml"],
)
def test_cli_play_refuses_a_hostile_decisions_file_before_any_journal(
    name: str, tmp_path: Path
) -> None:
    path = HOSTILE / name
    line, column, message = EXPECTED[name]
    journal = tmp_path / "rehearsal.db"
    result = run_cli(
        "play", VALID, "--catalogue", CATALOGUE, "--decisions", path, "--journal", journal
    )
    assert_clean_refusal(result)
    assert result.stderr.startswith(f"{path}:{line}:{column}: "), result.stderr
    assert message in result.stderr.splitlines()[0]
    assert not journal.exists()
    assert list(tmp_path.iterdir()) == []


# --- generated: too big to commit


def test_a_20000_character_rationale_is_refused_before_the_journal(tmp_path: Path) -> None:
    plan = tmp_path / "decisions.yaml"
    plan.write_text(
        "format: 1\ndecisions:\n"
        f"  - {{inject: substation-fire, option: inform, rationale: {'x' * 20_000}}}\n",
        encoding="utf-8",
    )
    journal = tmp_path / "rehearsal.db"
    result = run_cli(
        "play", VALID, "--catalogue", CATALOGUE, "--decisions", plan, "--journal", journal
    )
    assert_clean_refusal(result)
    assert result.stderr.splitlines() == [
        f"{plan}:3:58: decisions[0].rationale: 20,000 characters: at most 10,000 are allowed here"
    ]
    assert not journal.exists()


def test_decisions_file_limits_are_the_engines() -> None:
    """What a decisions file may hold, the engine's commands take: a file that loads does
    not fail half-way through a rehearsal."""
    assert MAX_RATIONALE == commands.MAX_TEXT
    longest = "x" * MAX_RATIONALE
    commands.Decide(actor="nctv", inject="i", option="o", rationale=longest)
    commands.TakeMeasure(actor="nctv", measure="m", rationale=longest)
    commands.SelfDecision(actor="nctv", text=longest)


@pytest.mark.parametrize(
    ("key", "value"),
    [("rationale", "x" * (MAX_RATIONALE + 1)), ("after", "91d")],
)
def test_a_decisions_file_at_the_limit_loads_and_past_it_does_not(
    tmp_path: Path, scenario: Scenario, key: str, value: str
) -> None:
    path = tmp_path / "decisions.yaml"
    fine = {"rationale": "x" * MAX_RATIONALE, "after": "90d"}[key]
    for text, ok in ((fine, True), (value, False)):
        path.write_text(
            f"format: 1\ndecisions:\n  - inject: substation-fire\n    option: inform\n"
            f"    {key}: {text}\n",
            encoding="utf-8",
        )
        if ok:
            load_decisions(path, scenario)
            continue
        with pytest.raises(ContentError) as caught:
            load_decisions(path, scenario)
        [problem] = caught.value.problems
        assert (problem.line, problem.column, problem.path) == (
            5,
            5 + len(key) + 2,
            f"decisions[0].{key}",
        )


def test_one_megabyte_text_reused_300_times_is_refused(tmp_path: Path) -> None:
    """Few nodes, but 300 MB of text once the aliases are expanded: refused as a bomb."""
    path = tmp_path / "reused.yaml"
    base = VALID.read_text(encoding="utf-8")
    injects = "".join(
        f"  - {{id: copy-{n}, at: 1m, to: [nctv], title: Copy, text: *big, "
        "pillars: [vital-processes]}\n"
        for n in range(300)
    )
    big = "description: &big " + "x" * 1_000_000 + "\n"
    path.write_text(base.replace("injects:\n", big + "injects:\n" + injects, 1), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_scenario(path, load_catalogue([CATALOGUE]))
    [problem] = caught.value.problems
    assert problem.line == 0
    assert "aliases expand this file to 301,0" in problem.message
    assert "characters of text; the limit is 16,777,216" in problem.message
    result = run_cli("validate", "--catalogue", CATALOGUE, path)
    assert_clean_refusal(result)
    assert result.stderr.startswith(f"{path}:1:1: aliases expand this file")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_without_reading_it(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    result = run_cli("validate", device)
    assert_clean_refusal(result)
    assert result.stderr.startswith(
        f"{device}:1:1: is a device, not a regular file: only files can be read"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "scenario.yaml"
    os.mkfifo(pipe)
    result = run_cli("validate", pipe)
    assert_clean_refusal(result)
    assert result.stderr.startswith(f"{pipe}:1:1: is a pipe (FIFO), not a regular file")
    journal = tmp_path / "rehearsal.db"
    decisions = run_cli(
        "play", VALID, "--catalogue", CATALOGUE, "--decisions", pipe, "--journal", journal
    )
    assert_clean_refusal(decisions)
    assert not journal.exists()
    assert decisions.stderr.startswith(f"{pipe}:1:1: is a pipe (FIFO)")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc here")
def test_the_read_stops_at_the_limit_whatever_the_size_said(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """/proc files are regular files that say their size is 0: the read is bounded anyway."""
    monkeypatch.setattr(yamlsource, "MAX_FILE_BYTES", 16)
    with pytest.raises(ContentError) as caught:
        yamlsource.read_source("/proc/self/status")
    [problem] = caught.value.problems
    assert problem.message == "file is larger than the limit of 16 bytes"


def test_20000_unknown_keys_are_reported_with_a_cap(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    base = VALID.read_text(encoding="utf-8")
    path.write_text(base + "".join(f"unknown-{n}: {n}\n" for n in range(20_000)), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_scenario(path, load_catalogue([CATALOGUE]))
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    first_line = base.count("\n") + 1
    assert [p.line for p in problems[:MAX_PROBLEMS]] == list(
        range(first_line, first_line + MAX_PROBLEMS)
    )
    assert problems[-1].message == (
        "... and 19,800 more problems in this file (only the first 200 are shown)"
    )
    result = run_cli("validate", "--catalogue", CATALOGUE, path)
    assert_clean_refusal(result)
    lines = result.stderr.splitlines()
    assert len(lines) == MAX_PROBLEMS + 2
    assert lines[-1] == "20000 problems in 1 of 1 file"


def test_many_wrong_references_finish_and_are_capped(tmp_path: Path) -> None:
    """Thousands of unknown ids, each once compared for a suggestion with thousands of ids."""
    path = tmp_path / "refs.yaml"
    injects = "".join(
        f"  - {{id: inject-{n}, to: [nobody-{n}], title: T, text: T, "
        f"pillars: [vital-processes], when: 'delivered(missing-{n})'}}\n"
        for n in range(3_000)
    )
    base = VALID.read_text(encoding="utf-8")
    path.write_text(base.replace("injects:\n", "injects:\n" + injects, 1), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_scenario(path, load_catalogue([CATALOGUE]))
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].omitted > 3_000


def test_many_duplicate_recipients_are_refused(tmp_path: Path) -> None:
    """A million were accepted once; 200,000 show the same and spare the test's memory."""
    path = tmp_path / "recipients.yaml"
    base = VALID.read_text(encoding="utf-8")
    path.write_text(
        base.replace("    to: [ezk, nctv]", "    to: [" + "nctv, " * 200_000 + "ezk]", 1),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_scenario(path, load_catalogue([CATALOGUE]))
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.path) == (25, 9, "injects[0].to")
    assert problem.message == f"200,001 items: at most {MAX_ROLES} are allowed here"


def test_too_many_injects_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "injects.yaml"
    base = VALID.read_text(encoding="utf-8")
    injects = "".join(
        f"  - {{id: i{n}, at: 1m, to: nctv, title: T, text: T, pillars: vital-processes}}\n"
        for n in range(MAX_INJECTS)
    )
    path.write_text(base.replace("injects:\n", "injects:\n" + injects, 1), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_scenario(path, load_catalogue([CATALOGUE]))
    [problem] = caught.value.problems
    assert problem.path == "injects"
    assert problem.message == f"{MAX_INJECTS + 3:,} items: at most {MAX_INJECTS:,} are allowed here"


def test_the_10000_inject_benchmark_scenario_still_loads(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    try:
        from scenario_gen import generate
    finally:
        sys.path.remove(str(ROOT / "tests" / "bench"))
    path = tmp_path / "bench.yaml"
    path.write_text(json.dumps(generate(10_000), indent=1), "utf-8")  # JSON is YAML, and quick
    assert len(load_scenario(path).injects) == 10_000


def test_a_text_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "text.yaml"
    base = VALID.read_text(encoding="utf-8")
    old = "    text: Reporters want to know when power returns."
    path.write_text(base.replace(old, "    text: {nl: " + "x" * (MAX_TEXT + 1) + "}"), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_scenario(path, load_catalogue([CATALOGUE]))
    [problem] = caught.value.problems
    assert problem.path == "injects[2].text"
    assert problem.message == "the nl text is 10,001 characters long; the limit is 10,000"


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a scenario", encoding="utf-8")
    result = run_cli("validate", empty)
    assert_clean_refusal(result)
    assert f"no scenario or catalogue files in {empty}" in result.stderr
    assert "ok" not in result.stdout
    count, problems = validate_paths([empty, VALID])
    assert count == 1
    [problem] = problems
    assert (problem.file, problem.line) == (str(empty), 0)
    assert problem.message.startswith(f"no scenario or catalogue files in {empty}")


def test_capping_keeps_order_and_is_stable() -> None:
    many = [Problem("a.yaml", n, 1, "", f"problem {n}") for n in range(1, 451)]
    other = [Problem("b.yaml", 3, 1, "", "one")]
    once = capped(many + other)
    assert once[:MAX_PROBLEMS] == many[:MAX_PROBLEMS]
    assert once[MAX_PROBLEMS].omitted == 250
    assert once[-1] == other[0]
    assert capped(once) == once
    assert capped(sorted(once, key=lambda p: (p.file, p.line))) == once
    assert capped(other) == other


def test_suggestions_are_bounded_per_file() -> None:
    with suggestions_per_file():
        hints = [suggest("nctf", ["nctv", "ezk"]) for _ in range(MAX_PROBLEMS + 5)]
    assert hints[0] == " (did you mean 'nctv'?)"
    assert hints[MAX_PROBLEMS - 1] == hints[0]
    assert hints[MAX_PROBLEMS:] == [""] * 5
    assert suggest("nctf", ["nctv"]) == " (did you mean 'nctv'?)"  # outside a file: no bound
    assert suggest("inject-1", [f"inject-{n}" for n in range(2, 5_000)]) == ""


def test_templates_cannot_expand_a_scenario_past_the_file_limit(tmp_path: Path) -> None:
    """Like aliases, a long template used thousands of times would make a huge journal."""
    catalogue = tmp_path / "injects"
    catalogue.mkdir()
    (catalogue / "long.yaml").write_text(
        "format: 1\ntemplates:\n  - id: long\n    title: Long\n    pillars: vital-processes\n"
        f"    text: {'x' * 9_000}\n",
        encoding="utf-8",
    )
    base = VALID.read_text(encoding="utf-8")
    uses = [f"  - {{use: long, id: copy-{n}, at: 1m, to: nctv}}\n" for n in range(2_000)]
    path = tmp_path / "uses.yaml"
    path.write_text(base.replace("injects:\n", "injects:\n" + "".join(uses), 1), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_scenario(path, load_catalogue([catalogue]))
    [problem] = caught.value.problems
    assert problem.path.startswith("injects[18") and problem.path.endswith("].use")
    assert problem.message.startswith("the templates used so far expand this scenario past")
    fewer = tmp_path / "fewer.yaml"
    fewer.write_text(base.replace("injects:\n", "injects:\n" + "".join(uses[:1_000]), 1), "utf-8")
    assert len(load_scenario(fewer, load_catalogue([catalogue])).injects) == 1_003
