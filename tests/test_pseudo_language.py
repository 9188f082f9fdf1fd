"""The full scenario in the tests' pseudo-language (every message wrapped ⟦…⟧, made from the
catalogue template): played, replayed, listed, linted and debriefed in all four formats.
Any word of our own outside the wrapping is a string that missed the language layer.
And the Dutch debrief of the full scenario holds none of the engine's English reasons."""

from __future__ import annotations

import calendar
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pseudo_language import PSEUDO, data_words, json_texts, unwrapped_words, write_pseudo_catalogue

from exercise import language
from exercise.cli import main
from exercise.content.problems import ContentError, Problem
from exercise.debrief import build_report, render
from exercise.journal import Journal
from exercise.model import Pillar
from exercise.model.reasons import REASONS
from exercise.sim.replay import load_frozen

ROOT = Path(__file__).resolve().parent.parent
DECISIONS = ROOT / "docs" / "examples" / "noordzee-schaduw-decisions.yaml"
# Not missed strings: the time zone's name, and each pillar's official (Dutch) name,
# which every report shows under its own heading as the cabinet letter has it.
ALLOWED = (
    {"UTC"}
    | {w for p in Pillar for w in re.findall(r"\w{3,}", p.label("nl"))}
    # day and month names are Babel's (CLDR); a made-up language has none, so English shows
    | set(calendar.day_name)
    | set(calendar.month_name[1:])
)


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = write_pseudo_catalogue(tmp_path_factory.mktemp("locale"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(language.PATH_VARIABLE, str(folder))
        yield folder


@pytest.fixture(scope="module")
def played(pseudo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    journal = tmp_path_factory.mktemp("played") / "noordzee.db"
    code = main(
        ["play", "noordzee-schaduw", "--decisions", str(DECISIONS), "--journal", str(journal),
         "--lang", PSEUDO]
    )  # fmt: skip
    assert code == 0
    return journal


@pytest.fixture(scope="module")
def data(played: Path) -> set[str]:
    """The words of the scenarios (the demo is listed too) and of every event: what is not
    ours to translate."""
    from exercise.content.loader import load_scenario
    from exercise.content.resources import find_scenario

    with Journal.open(played, readonly=True) as journal:
        scenario = load_frozen(journal)
        payloads = [e.payload for e in journal.events()]
    others = [  # every bundled scenario: `list` shows them all
        load_scenario(find_scenario(name))  # type: ignore[arg-type]
        for name in ("demo", "havenstad-doortocht")
    ]
    dumps = [s.model_dump(mode="json", by_alias=True) for s in (scenario, *others)]
    return data_words(dumps, payloads, [str(played)])


def _visible_html(page: str) -> str:
    body = page.split("</style>", 1)[1]
    labels = " ".join(re.findall(r'(?:aria-label|title)="([^"]*)"', body))
    return html.unescape(re.sub(r"<[^>]+>", " ", body) + " " + labels)  # as a reader sees it


def _missed(text: str, data: set[str]) -> set[str]:
    return unwrapped_words(text, data) - ALLOWED


@pytest.mark.parametrize("fmt", ["console", "md", "html"])
def test_the_debrief_has_no_word_of_ours_outside_the_language_layer(
    played: Path, data: set[str], fmt: str
) -> None:
    with Journal.open(played, readonly=True) as journal:
        report = build_report(journal)  # in the language the session was played in
    assert report.overview.language == PSEUDO
    shown = render(report, fmt)
    assert _missed(_visible_html(shown) if fmt == "html" else shown, data) == set()


def test_the_json_debrief_keeps_english_keys_and_translates_its_texts(
    played: Path, data: set[str]
) -> None:
    with Journal.open(played, readonly=True) as journal:
        document = json.loads(render(build_report(journal), "json"))
    assert "overview" in document and "pillars" in document  # keys stay English
    texts = json_texts(document, skip=frozenset({"title", "title_nl"}))
    assert texts and _missed("\n".join(texts), data) == set()


@pytest.mark.parametrize(
    "command",
    [["replay", "{journal}"], ["verify", "{journal}"], ["list"], ["lint", "noordzee-schaduw"]],
    ids=lambda c: c[0],
)
def test_the_command_line_has_no_word_of_ours_outside_the_language_layer(
    played: Path, data: set[str], command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    args = [a.replace("{journal}", str(played)) for a in command]
    assert main([*args, "--lang", PSEUDO]) == 0
    out = capsys.readouterr().out
    assert out.strip() and _missed(out, data | _table_words()) == set()


def _table_words() -> set[str]:
    """Slugs the lint and replay tables list as they are (ids, not words)."""
    from exercise.model import HybridDomain, NatoRequirement

    slugs = [m.value for enum in (Pillar, NatoRequirement, HybridDomain) for m in enum]
    return {part for slug in slugs for part in slug.split("-")} | set(slugs)


def _fixed_parts(template: str) -> list[str]:
    """The literal runs of an English reason longer than a word or two."""
    parts = re.split(r"'?\{\w+\}'?", template)
    return [p.strip(" ;:,.") for p in parts if len(p.strip(" ;:,.")) >= 12]


def test_the_dutch_debrief_holds_none_of_the_engines_english_reasons(played: Path) -> None:
    with Journal.open(played, readonly=True) as journal:
        report = build_report(journal, lang="nl")
    english = [part for template in REASONS.values() for part in _fixed_parts(template)]
    assert "not done before the end of the session" in english
    for fmt in ("console", "md", "html", "json"):
        shown = render(report, fmt)
        assert [part for part in english if part in shown] == [], fmt


BROKEN = ROOT / "tests" / "corpus" / "broken"


HOSTILE = ROOT / "tests" / "corpus" / "hostile"
CORPUS_FILES = [*sorted(BROKEN.glob("*.yaml")), *sorted(HOSTILE.glob("*.yaml"))]


def _problems_of(path: Path) -> list[Problem]:
    """What `validate` (or `play --decisions`, for a decisions file) finds in `path`."""
    from exercise.content.decisions import load_decisions
    from exercise.content.loader import load_catalogue, load_scenario, validate_paths

    catalogue = ROOT / "tests" / "corpus" / "injects"
    if not path.name.startswith("decisions-"):
        return validate_paths([path], [catalogue])[1]
    scenario = load_scenario(ROOT / "tests" / "corpus" / "valid" / "scenario.yaml",
                             load_catalogue([catalogue]))  # fmt: skip
    try:
        load_decisions(path, scenario)
    except ContentError as err:
        return err.problems
    return []


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_problem_of_a_broken_file_is_said_through_the_language_layer(
    pseudo: Path, path: Path
) -> None:
    """`validate` says each problem in the reader's language: the FILE:LINE:COL and the
    data path as they are, the message wholly through the catalogue (the file's own text
    quoted in it is data)."""
    problems = _problems_of(path)
    if path.parent == BROKEN:
        assert problems, path.name
    raw = path.read_bytes().decode("utf-8", "replace")
    data = data_words(raw, str(path))
    for problem in problems:
        shown = problem.shown(PSEUDO)
        english = str(problem)
        where = english.split(": ", 1)[0]
        assert shown.startswith(where + ": ")  # FILE:LINE:COL unchanged
        message = shown.removeprefix(where + ": ").removeprefix(f"{problem.path}: ")
        assert message.startswith("⟦"), shown
        assert _missed(message, data) == set(), shown


# What help shows as it is: option names, metavars (in capitals), {choices}, command names.
_AS_IS = re.compile(r"--?[\w-]+|\{[^}]*\}|\b[A-Z][A-Z0-9_|]+\b|\bexercise( \w+)?")
COMMANDS = ["validate", "lint", "schema", "list", "import", "msel", "handouts", "play", "run",
            "resume", "host", "join", "replay", "verify", "export", "debrief",
            "review", "plan", "feedback"]  # fmt: skip


def _help_text(shown: str) -> str:
    return _AS_IS.sub(" ", shown)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_the_help_of_every_command_is_said_through_the_language_layer(
    pseudo: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from exercise.cli import build_parser

    assert sorted(build_parser().commands) == sorted(COMMANDS)
    with pytest.raises(SystemExit) as done:
        main([*filter(None, [command]), "--help", "--lang", PSEUDO])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    assert shown.startswith("⟦usage: ⟧")
    allowed = {"docs", "seats", "md", "ws", "db", "xlsx", "csv"}  # in file names
    assert _missed(_help_text(shown), allowed | _table_words() | set(COMMANDS)) == set()


def test_a_usage_error_is_said_through_the_language_layer(
    pseudo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["play", "demo", "--auto", "first", "--speed", "0", "--lang", PSEUDO])
    assert done.value.code == 2
    shown = capsys.readouterr().err
    assert "%(prog)s" not in shown  # filled in, not shown as an id
    assert _missed(_help_text(shown), set(COMMANDS)) == set()


JOURNALS = ROOT / "tests" / "corpus" / "journals"
DAMAGES = [
    "hash-emptied.sql",
    "deleted-row.sql",
    "swapped-rows.sql",
    "not-utf8.sql",
    "edited-scenario.sql",
    "session-row-wrong-types.sql",
    "view.sql",
    "changed-table.sql",
]


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_journal_is_said_through_the_language_layer(
    played: Path,
    data: set[str],
    damage: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`verify`, the refusal to read it, and the banner of the report made anyway."""
    import shutil
    import sqlite3

    path = tmp_path / "damaged.db"
    shutil.copy(played, path)
    sql = (JOURNALS / damage).read_text(encoding="utf-8")
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.commit()
    conn.close()
    ours = data | data_words(sql)  # names and SQL words the file itself holds
    capsys.readouterr()
    assert main(["verify", str(path), "--lang", PSEUDO]) == 1
    said = capsys.readouterr().out.removeprefix(f"{path}: ")
    assert said.startswith("⟦") and _missed(said, ours) == set()
    assert main(["replay", str(path), "--lang", PSEUDO]) == 1
    refusal = capsys.readouterr().err.removeprefix(f"exercise: {path}: ")
    assert refusal.startswith("⟦") and _missed(refusal, ours) == set()
    if damage == "session-row-wrong-types.sql":
        return  # beyond reading at all: no report
    out = tmp_path / "out"
    code = main(["debrief", str(path), "--damaged", "--format", "md", "--out", str(out),
                 "--lang", PSEUDO])  # fmt: skip
    for line in capsys.readouterr().err.splitlines():  # said in the session's language
        said = line.removeprefix("exercise: ").replace(str(path), "").removeprefix(": ")
        assert said.startswith("⟦") and _missed(said, ours) == set()
    if code == 0:  # (a journal that is no longer UTF-8 from some event on cannot be read)
        report = (out / "damaged.md").read_text(encoding="utf-8")
        banner = report.splitlines()[0]
        assert "⟦damaged at ⟦" in banner and _missed(banner, ours) == set()


def test_a_journal_the_command_cannot_use_is_said_through_the_language_layer(
    played: Path, data: set[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The refusal while another program writes (naming it), a missing file, a folder."""
    import shutil
    import socket

    path = tmp_path / "held.db"
    shutil.copy(played, path)
    ours = data | data_words(socket.gethostname(), str(tmp_path), "pytest exercise")
    capsys.readouterr()
    with Journal.open(path):  # a session writing into it holds the journal
        assert main(["plan", str(path), "--item", "IP-1", "--note", "x", "--lang", PSEUDO]) == 2
    refusal = capsys.readouterr().err.removeprefix(f"exercise: {path}: ")
    assert refusal.startswith("⟦") and _missed(refusal, ours) == set()
    for target in (tmp_path / "missing.db", tmp_path):
        assert main(["replay", str(target), "--lang", PSEUDO]) == 2
        said = capsys.readouterr().err.removeprefix(f"exercise: {target}: ")
        assert said.startswith("⟦") and _missed(said, ours) == set()


def test_the_hosts_console_lines_are_said_through_the_language_layer(
    pseudo: Path, tmp_path: Path
) -> None:
    """`exercise host`: the journal, where to join, how it is secured, the seats' codes."""
    import subprocess
    import sys

    journal = tmp_path / "hosted.db"
    child = subprocess.Popen(
        [sys.executable, "-m", "exercise", "host", "demo", "--journal", str(journal),
         "--listen", "127.0.0.1:0", "--paused", "--headless", "--lang", PSEUDO],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        printed = []
        for line in child.stdout:
            printed.append(line)
            if "seats may join now" in line:  # (wrapped or not: the test must not hang)
                break
    finally:
        child.kill()
        child.wait()
    assert printed and printed[-1].strip() == "⟦seats may join now⟧"
    assert printed[0].startswith("⟦journal: ") and printed[1].startswith("⟦join at ws://")
    codes = [w for line in printed for w in re.findall(r"^  (\S+)\s+(\S+)\s", line)]
    assert len(codes) >= 3  # a code for each seat, and its kind said
    ours = data_words(str(tmp_path), codes) | {"ws", "http"}
    assert _missed("".join(printed), ours) == set()


def test_a_join_usage_error_is_said_through_the_language_layer(
    pseudo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["join", "ws://127.0.0.1:9/", "--fingerprint", "zz", "--lang", PSEUDO]) == 2
    said = capsys.readouterr().err.removeprefix("exercise: ")
    assert said.startswith("⟦--fingerprint: ") and _missed(said, set()) == set()


@pytest.mark.parametrize(
    "command",
    [
        ["replay", "{journal}", "--at", "ten"],
        ["plan", "{journal}", "--status", "done"],
        ["plan", "{journal}", "--item", "IP-1", "--due", "soon"],
        ["plan", "{journal}", "--export", "{folder}/plan.txt"],
        ["debrief", "{journal}", "--format", "pdf"],
        ["debrief", "{journal}", "{journal}"],
        ["msel", "demo", "--format", "html", "-o", "{folder}/no/such/msel.html"],
        ["msel", "demo", "--format", "xlsx"],
        ["play", "demo", "--auto", "first", "--journal", "{journal}"],
        ["feedback", "{journal}", "--role", "nobody"],
        ["plan", "{journal}", "--item", "IP-99", "--note", "again"],
        ["plan", "{journal}", "--item", "IP-1", "--owner", " "],
    ],
    ids=lambda c: "-".join(part for part in c if part[0] not in "{d"),
)
def test_the_usage_errors_of_the_commands_are_said_through_the_language_layer(
    played: Path,
    data: set[str],
    command: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    args = [a.replace("{journal}", str(played)).replace("{folder}", str(tmp_path)) for a in command]
    assert main([*args, "--lang", PSEUDO]) == 2
    said = capsys.readouterr().err
    assert said.startswith("exercise: ") and said.count("\n") == 1
    said = said.removeprefix("exercise: ").replace(str(played), " ").replace(str(tmp_path), " ")
    ours = data | set(command) | data_words(command) | {"xlsx", "csv", "md", "html", "json"}
    assert said.startswith("⟦") and _missed(said, ours) == set()


@pytest.mark.parametrize(
    "rows",
    [
        "Time,To,Subject,Text,Severity\n00:05,nctv,Power cut,The grid is down,9\n",
        "Time,To,Subject,Text\n",
        "Time,To,Subject,Text,Subject\n00:05,nctv,Power cut,The grid is down,Again\n",
        "Time,To,Subject,Text\nsoon,nctv,Power cut,The grid is down\n",
        "Time,To,Subject,Text\n00:05,nctv,Power cut,The grid is down\nD+1 H+2,nctv,Later,Again\n",
    ],
    ids=["severity", "no-injects", "second-column", "time", "two-notations"],
)
def test_an_import_problem_is_said_through_the_language_layer(
    pseudo: Path,
    rows: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In the environment's language (`import --lang` is the language of the scenario made)."""
    sheet = tmp_path / "msel.csv"
    sheet.write_text(rows, encoding="utf-8")
    monkeypatch.setenv("LANGUAGE", PSEUDO)
    capsys.readouterr()
    assert main(["import", str(sheet)]) == 2
    said = capsys.readouterr().err
    assert said.startswith(f"⟦{sheet}:") and said.count("\n") == 1
    message = said.split(": ", 1)[1]
    assert message.startswith("⟦") and _missed(message, data_words(rows)) == set()


def test_an_imports_warnings_and_summary_are_said_through_the_language_layer(
    pseudo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = "Time,To,Subject,Text,Colour\n00:05,nctv,Power cut,The grid is down,red\n00:06,nctv,,,\n"
    sheet = tmp_path / "msel.csv"
    sheet.write_text(rows, encoding="utf-8")
    monkeypatch.setenv("LANGUAGE", PSEUDO)
    capsys.readouterr()
    assert main(["import", str(sheet), "--level", "L1", "-o", str(tmp_path / "s.yaml")]) == 0
    lines = capsys.readouterr().err.replace(str(tmp_path), " ").splitlines()
    assert len(lines) == 3 and all(line.startswith("⟦") for line in lines)
    assert _missed("\n".join(lines), data_words(rows, "msel csv yaml")) == set()


def _import_mapped(
    mapping: Path,
    text: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    """What `import` of a small sheet with this mapping file says (it must refuse)."""
    sheet = mapping.parent / "msel.csv"
    sheet.write_text("Time,To,Subject,Text\n00:05,nctv,Power cut,The grid is down\n")
    mapping.write_text(text, encoding="utf-8")
    monkeypatch.setenv("LANGUAGE", PSEUDO)
    capsys.readouterr()
    assert main(["import", str(sheet), "--map", str(mapping)]) == 2
    return capsys.readouterr().err


def test_a_mapping_problem_is_said_through_the_language_layer(
    pseudo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mapping = tmp_path / "map.yaml"
    said = _import_mapped(mapping, 'format: 1\ncolumns:\n  title: " "\n', capsys, monkeypatch)
    assert said.startswith(f"{mapping}:3:10: columns.title: ⟦") and said.count("\n") == 1
    assert _missed(said.removeprefix(f"{mapping}:3:10: columns.title: "), set()) == set()


def test_an_output_refused_is_said_through_the_language_layer(
    played: Path,
    data: set[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every command that writes outputs: a file edited by hand, the journal read, a link
    (in the environment's language: not every command has --lang)."""
    monkeypatch.setenv("LANGUAGE", PSEUDO)
    edited = tmp_path / "edited.json"
    edited.write_text("by hand", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "elsewhere.md")
    (tmp_path / f"{played.stem}.json").write_text("by hand", encoding="utf-8")
    commands = [
        ["schema", "-o", str(edited)],
        ["export", str(played), "--format", "jsonl", "-o", str(played)],
        ["plan", str(played), "--export", str(tmp_path / "edited.csv")],
        ["msel", "demo", "--format", "html", "-o", str(tmp_path / "link.md")],
        ["debrief", str(played), "--format", "md,json", "--out", str(tmp_path)],
    ]
    (tmp_path / "edited.csv").write_text("by hand", encoding="utf-8")
    (tmp_path / f"{played.stem}.md").symlink_to(tmp_path / "elsewhere.md")
    ours = data | data_words(str(tmp_path), "md json csv")
    for command in commands:
        capsys.readouterr()
        assert main(command) == 2, command
        lines = capsys.readouterr().err.splitlines()
        assert lines, command
        for line in lines:
            said = line.removeprefix("exercise: ")
            assert said.startswith("⟦") and "--force" not in said.split("⟦")[0], line
            shown = said.replace(str(tmp_path), " ").replace(str(played), " ")
            assert _missed(shown.replace("--force", " ").replace("--out", " "), ours) == set()
        if command[0] == "debrief":
            assert len(lines) == 2  # both refusals named at once
    assert (tmp_path / "edited.json").read_text(encoding="utf-8") == "by hand"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_lang(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`--lang` on every command: each prints messages, if only a refusal."""
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "--lang" in capsys.readouterr().out


def test_lang_says_a_refused_export_or_schema_over_the_environment(
    played: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = tmp_path / "edited.json"
    edited.write_text("by hand", encoding="utf-8")
    for command in (
        ["schema", "-o", str(edited), "--lang", PSEUDO],
        ["export", str(played), "--format", "csv", "-o", str(played), "--lang", PSEUDO],
    ):
        capsys.readouterr()
        assert main(command) == 2, command
        said = capsys.readouterr().err.removeprefix("exercise: ")
        assert said.startswith("⟦"), (command, said)


def test_a_tls_or_join_codes_problem_is_said_through_the_language_layer(
    pseudo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from exercise.seats.codes import CodesError, JoinCodes
    from exercise.sim.commands import SeatKind

    missing = tmp_path / "host.pem"
    capsys.readouterr()
    assert main(["host", "demo", "--tls", str(missing), str(tmp_path / "host.key"),
                 "--lang", PSEUDO]) == 2  # fmt: skip
    said = capsys.readouterr().err.removeprefix("exercise: ")
    assert (
        said.startswith(f"⟦{missing}: ")
        and _missed(said.replace(str(tmp_path), " "), set()) == set()
    )
    assert main(["join", "wss://127.0.0.1:9/#fp=zz", "--lang", PSEUDO]) == 2
    said = capsys.readouterr().err.removeprefix("exercise: ")
    assert said.startswith("⟦'wss:") and _missed(said, {"wss", "fp"}) == set()
    journal = tmp_path / "s.db"
    (tmp_path / "s.db-seats").write_text("{}", encoding="utf-8")
    (tmp_path / "s.db-seats").chmod(0o644)
    with pytest.raises(CodesError) as refused:
        JoinCodes.for_session(journal, {"nctv": SeatKind.PLAYER})
    said = language.say(PSEUDO, refused.value.args[0])
    assert said.startswith("⟦") and _missed(said.replace(str(tmp_path), " "), set()) == set()
    (tmp_path / "s.db-seats").chmod(0o600)
    with pytest.raises(CodesError) as refused:
        JoinCodes.for_session(journal, {"nctv": SeatKind.PLAYER})
    said = language.say(PSEUDO, refused.value.args[0])
    assert (
        said == f"⟦{tmp_path / 's.db-seats'}: not a join codes' file; remove it to make new codes⟧"
    )


@pytest.mark.parametrize(
    "mapping",
    [
        "format: 1\nheader_row: soon\n",
        "format: 1\nsheet: [a, b]\n",
        "format: 1\ncolumns: [title]\n",
        "format: 1\ncolumns:\n  title: A\nmethods: true\n",
        "format: 1\nto: {a: b}\n",
        "format: 1\nstart: [1]\n",
    ],
    ids=["integer", "text", "mapping", "mapping-of-methods", "list", "text-in-list"],
)
def test_a_mapping_files_type_problem_is_in_our_words(
    pseudo: Path,
    mapping: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Never pydantic's English ("Input should be a valid integer"): our phrase per error."""
    path = tmp_path / "map.yaml"
    for line in _import_mapped(path, mapping, capsys, monkeypatch).splitlines():
        assert line.startswith(f"{path}:")
        message = line.split(": ", 2)[2]
        assert message.startswith("⟦") and _missed(message, data_words(mapping)) == set(), line
        assert "should" not in message and "Input" not in message
