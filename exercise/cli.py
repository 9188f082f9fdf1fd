"""The `exercise` command line.

Exit status: 0 success, 1 a check found problems (lint --strict), 2 bad input or usage.
Bad input never shows a traceback: every content problem is printed as FILE:LINE:COL.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import __version__
from .content.problems import ContentError
from .journal.errors import DamagedJournal, JournalError

if TYPE_CHECKING:
    from .content.loader import CatalogueIndex
    from .journal import Journal

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
_ANOTHER_FILE = "choose another -o FILE"
FORCE_HELP = "replace FILE even when it is not this program's unchanged earlier output"


class UsageError(Exception):
    """A command used wrongly: printed as one line, exit status 2."""


def _error(text: str) -> None:
    """An error for people on stderr. File names and values in it come from the command
    line or from files: their control characters are shown by code, never interpreted."""
    from .safetext import clean

    print(f"exercise: {clean(text)}", file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    """argparse, with the values it quotes in an error (a bad choice) shown safely."""

    def error(self, message: str) -> NoReturn:
        from .safetext import clean

        super().error(clean(message))


def _scenario_path(name: str) -> Path:
    """A scenario file, or the id of a bundled scenario (`exercise lint demo`)."""
    from .content.resources import find_scenario

    path = Path(name)
    if path.exists():
        return path
    bundled = find_scenario(name)
    if bundled is not None:
        return bundled
    raise UsageError(
        f"{name}: no such file, and no bundled scenario of that name (see: exercise list)"
    )


def _catalogue(args: argparse.Namespace) -> CatalogueIndex | None:
    from .content.loader import load_catalogue

    if not args.catalogue:
        return None
    return load_catalogue(args.catalogue)


def cmd_validate(args: argparse.Namespace) -> int:
    from .content.loader import validate_paths

    for name in args.paths:
        if not Path(name).exists():
            raise UsageError(f"{name}: no such file or folder")
    count, problems = validate_paths(args.paths, args.catalogue or None)
    if not count:  # only empty folders: nothing was checked, which is no "ok"
        raise UsageError(f"no scenario or catalogue files in {', '.join(args.paths)}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        files = len({p.file for p in problems})
        found = sum(p.omitted or 1 for p in problems)  # a capped file's last line counts the rest
        print(
            f"{found} problem{'s' if found != 1 else ''} in {files} of "
            f"{count} file{'s' if count != 1 else ''}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    print(f"ok: {count} file{'s' if count != 1 else ''} checked")
    return EXIT_OK


def cmd_lint(args: argparse.Namespace) -> int:
    from .content.lint import lint, render_text
    from .content.loader import load_scenario

    scenario = load_scenario(_scenario_path(args.scenario), _catalogue(args))
    report = lint(scenario)
    if args.format == "json":
        from .safetext import json_safe

        print(json_safe(json.dumps(report.as_dict(), indent=2, ensure_ascii=False)))
    else:
        render_text(report, sys.stdout)
    return EXIT_FINDINGS if (args.strict and report.warnings) else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .content.schema import catalogue_schema, scenario_schema

    schema = catalogue_schema() if args.catalogue_schema else scenario_schema()
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if args.output:
        from .outputs import OutputRefused, write_texts

        try:
            write_texts({Path(args.output): text}, force=args.force, hint=_ANOTHER_FILE)
        except OutputRefused as err:
            raise UsageError(str(err)) from None
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from .content.listing import list_scenarios, render_listing

    render_listing(list_scenarios(), sys.stdout, lang=args.lang)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from .journal import verify
    from .safetext import clean

    result = verify(args.journal)
    if result.ok:
        print(f"ok: {result.count} event{'s' if result.count != 1 else ''}, chain intact")
        if result.last_hash:  # note it down at the end of a session: a later rewrite shows
            print(f"last hash: {result.last_hash}")
        return EXIT_OK
    print(clean(f"{args.journal}: FAILED at {result.where()}: {result.reason}"))
    return EXIT_FINDINGS


def open_for_reading(path: str | Path, damaged: bool) -> tuple[Journal, str | None]:
    """A journal checked before it is read: a damaged one is refused (exit 1, saying where)
    unless `damaged` asks to read it anyway; then a warning says so. Returns the journal
    and the damage found (None when intact)."""
    from .journal import open_verified

    journal, result = open_verified(path, allow_damage=damaged)
    if result.ok:
        return journal, None
    damage = result.describe()
    _error(f"{path}: warning: the journal is {damage}; what follows may be wrong")
    return journal, damage


def damaged_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--damaged",
        action="store_true",
        help="read a journal whose hash chain is broken anyway (refused otherwise); "
        "what comes out says it is damaged",
    )


def cmd_export(args: argparse.Namespace) -> int:
    from .journal import export_events
    from .outputs import OutputRefused, journal_files, open_text

    journal, _damage = open_for_reading(args.journal, args.damaged)
    with journal:
        if not args.output:
            export_events(journal, args.format, sys.stdout)
            return EXIT_OK
        inputs = journal_files(args.journal)
        try:
            with open_text(
                Path(args.output), inputs, force=args.force, hint=_ANOTHER_FILE, newline=""
            ) as out:
                export_events(journal, args.format, out)
        except OutputRefused as err:
            raise UsageError(str(err)) from None
        except OSError as err:
            raise UsageError(f"{args.output}: cannot write: {err.strerror or err}") from None
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="exercise",
        description="Tabletop crisis exercise simulator: resilience against military and "
        "hybrid threats.",
    )
    parser.add_argument("--version", action="version", version=f"exercise {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(
        name: str, func: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help, description=help)
        command.set_defaults(func=func)
        return command

    def catalogue_option(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--catalogue",
            action="append",
            type=Path,
            metavar="DIR",
            help="inject catalogue folder (default: injects/ beside the scenario's folder, "
            "else the bundled catalogue); may be repeated",
        )

    validate = add("validate", cmd_validate, "check scenario and catalogue files")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    catalogue_option(validate)

    lint_cmd = add("lint", cmd_lint, "coverage and consistency report for a scenario")
    lint_cmd.add_argument("scenario", metavar="SCENARIO", help="scenario file or bundled id")
    lint_cmd.add_argument("--strict", action="store_true", help="exit 1 on any warning")
    lint_cmd.add_argument("--format", choices=("text", "json"), default="text")
    catalogue_option(lint_cmd)

    schema = add("schema", cmd_schema, "print the JSON Schema of the scenario format")
    schema.add_argument(
        "--catalogue",
        dest="catalogue_schema",
        action="store_true",
        help="the schema of catalogue files instead",
    )
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    schema.add_argument("--force", action="store_true", help=FORCE_HELP)

    from .cli_debrief import add_parsers as add_trainer_parsers
    from .cli_session import add_parsers
    from .cli_ui import add_parsers as add_ui_parsers

    add_parsers(sub, _scenario_path)
    add_ui_parsers(sub, _scenario_path)
    add_trainer_parsers(sub)

    listing = add("list", cmd_list, "list the bundled scenarios")
    listing.add_argument("--lang", choices=("en", "nl"), default=None)

    verify_cmd = add("verify", cmd_verify, "check a session journal's hash chain")
    verify_cmd.add_argument("journal", metavar="JOURNAL", help="journal file (.db)")

    export = add("export", cmd_export, "write a session journal's events as JSONL or CSV")
    export.add_argument("journal", metavar="JOURNAL", help="journal file (.db)")
    export.add_argument("--format", choices=("jsonl", "csv"), required=True)
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    export.add_argument("--force", action="store_true", help=FORCE_HELP)
    damaged_option(export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        func: Callable[[argparse.Namespace], int] = args.func  # the command's (set_defaults)
        return func(args)
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)  # str(Problem) shows control characters by code
        return EXIT_BAD_INPUT
    except DamagedJournal as err:  # a check found damage: exit 1, like a failed verify
        _error(f"{err.path}: {err.message}")
        return EXIT_FINDINGS
    except JournalError as err:
        _error(f"{err.path}: {err.message}")
        return EXIT_BAD_INPUT
    except UsageError as err:
        _error(str(err))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head); nothing more to say
        return EXIT_OK
    except FileExistsError as err:
        _error(str(err))
        return EXIT_BAD_INPUT
    except OSError as err:  # a folder that cannot be written, a full disk
        where = f"{err.filename}: " if err.filename else ""
        _error(f"{where}{err.strerror or err}")
        return EXIT_BAD_INPUT
    except Exception as err:  # never a raw traceback for the people in the room
        if os.environ.get("EXERCISE_DEBUG"):
            raise
        _error(
            f"internal error: {type(err).__name__}: {err}\n"
            "Please report this with the command you ran; set EXERCISE_DEBUG=1 for details."
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
