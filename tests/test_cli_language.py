"""The command line in the user's language: argparse's own words and our help, chosen by
`--lang` before the parser is built, else by the environment as gettext reads it."""

from __future__ import annotations

import argparse
import ast
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from exercise.cli import main
from exercise.cli.options import command_line_language
from exercise.cli.words import ARGPARSE, ARGPARSE_PLURAL, placeholders
from exercise.language import LOCALE_DIR, PATH_VARIABLE, default_language, text

ROOT = Path(__file__).resolve().parent.parent
NO_LOCALE = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}


def _argparse_messages() -> set[object]:
    """Every message the running argparse gives to gettext."""
    found: set[object] = set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if node.func.id == "_" and args:
                found.add(args[0])
            elif node.func.id == "ngettext" and len(args) >= 2:
                found.add((args[0], args[1]))
    return found


def test_our_argparse_messages_are_those_of_the_argparse_that_runs() -> None:
    """A Python whose argparse says other words would leave them in English: noticed here."""
    assert set(ARGPARSE) | set(ARGPARSE_PLURAL) <= _argparse_messages()


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, **NO_LOCALE, **env, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "exercise", *args],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["validate", "--help", "--lang", "nl"], {}),
        (["validate", "--lang=nl", "--help"], {}),
        (["validate", "--help"], {"LANGUAGE": "de:nl"}),
        (["validate", "--help"], {"LC_ALL": "nl_NL.UTF-8"}),
        (["validate", "--help"], {"LANG": "nl_BE.UTF-8"}),
    ],
    ids=["--lang", "--lang=", "LANGUAGE", "LC_ALL", "LANG"],
)
def test_help_is_dutch_when_asked(args: list[str], env: dict[str, str]) -> None:
    done = _run(*args, **env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("gebruik: exercise validate")
    for dutch in ("positionele argumenten", "opties:", "toon deze hulptekst en stop"):
        assert dutch in done.stdout
    assert "controleer scenario- en catalogusbestanden" in done.stdout  # our own help
    assert "usage" not in done.stdout and "options:" not in done.stdout


def test_lang_on_the_command_line_wins_over_the_environment() -> None:
    done = _run("list", "--help", "--lang", "en", LANGUAGE="nl")
    assert done.stdout.startswith("usage: exercise list")


def test_a_usage_error_is_dutch_and_still_exit_2() -> None:
    done = _run("play", "demo", "--auto", "first", "--speed", "fast", "--lang", "nl")
    assert done.returncode == 2
    assert done.stderr.startswith("gebruik: exercise play")
    assert "exercise play: fout: argument --speed: 'fast' is geen getal" in done.stderr
    missing = _run("verify", LANGUAGE="nl")
    assert missing.returncode == 2
    assert "fout: de volgende argumenten zijn verplicht: JOURNAL" in missing.stderr


def test_the_environment_is_read_as_gettext_reads_it() -> None:
    assert default_language({"LANGUAGE": "fr:nl:en", "LANG": "en_GB.UTF-8"}) == "nl"
    assert default_language({"LANGUAGE": "", "LC_ALL": "nl_NL.UTF-8", "LANG": "en_US"}) == "nl"
    assert default_language({"LC_MESSAGES": "nl_NL", "LANG": "en_US"}) == "nl"
    assert default_language({"LANG": "fr_FR.UTF-8"}) == "en"  # no French: English
    assert default_language({"LANG": "C.UTF-8"}) == "en"


def test_lang_is_found_before_the_parser_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in NO_LOCALE.items():
        monkeypatch.setenv(name, value)
    assert command_line_language(["debrief", "x.db", "--lang", "nl"]) == "nl"
    assert command_line_language(["debrief", "--lang=nl"]) == "nl"
    assert command_line_language(["debrief", "--lang", "klingon"]) == "en"  # argparse says so
    assert command_line_language(["debrief", "--", "--lang", "nl"]) == "en"  # a file name


def test_argparse_keeps_its_own_words_after_a_dutch_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A program that imports exercise (or a test run) is not left speaking Dutch."""
    with pytest.raises(SystemExit):
        main(["list", "--help", "--lang", "nl"])
    assert capsys.readouterr().out.startswith("gebruik:")
    assert argparse.ArgumentParser(prog="x").format_usage().startswith("usage: x")


def test_argparse_words_are_translated_in_dutch() -> None:
    for msgid in ARGPARSE:
        assert text("nl", msgid) != msgid or msgid.startswith("argument %"), msgid


CATALOGUES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/exercise.po"))


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_argparse_words_keep_their_percent_placeholders(po: Path) -> None:
    """argparse fills its words with `%`: a translation with other placeholders is a bug."""
    with po.open("rb") as source:
        catalog = read_po(source, locale=po.parent.parent.name)
    wrong = []
    for msgid in [*ARGPARSE, *ARGPARSE_PLURAL]:
        message = catalog.get(msgid)
        assert message is not None, msgid
        ids = (msgid,) if isinstance(msgid, str) else msgid
        strings = (message.string,) if isinstance(message.string, str) else message.string
        if any(placeholders(s) != placeholders(ids[min(i, len(ids) - 1)])
               for i, s in enumerate(strings)):  # fmt: skip
            wrong.append(msgid)
    assert wrong == []


def test_a_translation_that_would_break_argparse_is_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = Catalog(locale="nl", domain="exercise", fuzzy=False)
    catalog.add("%(prog)s: error: %(message)s\n", "%(programma)s: fout: %(melding)s\n")
    catalog.add("usage: ", "gebruik: ")
    out = tmp_path / "nl" / "LC_MESSAGES"
    out.mkdir(parents=True)
    with (out / "exercise.po").open("wb") as target:
        write_po(target, catalog)
    monkeypatch.setenv(PATH_VARIABLE, str(tmp_path))
    with pytest.raises(SystemExit) as done:
        main(["verify", "--lang", "nl"])
    assert done.value.code == 2
    said = capsys.readouterr().err
    assert said.startswith("gebruik: exercise verify")
    assert "exercise verify: error: " in said  # the English, not a crash
