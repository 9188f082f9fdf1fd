"""Command-line entry points for trainers: debrief (the AAR/IP, or a comparison) and review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .cli import UsageError, damaged_option
from .language import default_language

DEFAULT_FILES = ("md", "html", "json")
_ELSEWHERE = "write the reports elsewhere with --out DIR"


def _formats(text: str | None) -> tuple[list[str], bool]:
    """(file formats to write, whether to print the console version)."""
    from .debrief import FORMATS

    if text is None:
        return list(DEFAULT_FILES), True
    wanted = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [part for part in wanted if part not in FORMATS]
    if unknown or not wanted:
        raise UsageError(f"--format {text!r}: choose from {', '.join(FORMATS)} (comma-separated)")
    return [f for f in FORMATS if f in wanted and f != "console"], "console" in wanted


def _print_console(item: Any, comparison: bool) -> None:
    from rich.console import Console

    from .debrief.render_console import print_comparison, print_report

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 100)
    if comparison:
        print_comparison(item, console)
    else:
        print_report(item, console)


def _write(
    folder: Path, stem: str, files: dict[str, str], journals: list[Path], force: bool
) -> None:
    """Write every report file, or none: never over a journal read (or its SQLite
    companions), never through a link, over an existing file only if it is our unchanged
    earlier output or with --force (`exercise.outputs`)."""
    from .debrief import FILE_SUFFIXES
    from .outputs import OutputRefused, journal_files, write_texts
    from .safetext import clean

    if not files:
        return
    targets = {folder / f"{stem}{FILE_SUFFIXES[fmt]}": text for fmt, text in files.items()}
    inputs = [name for journal in journals for name in journal_files(journal)]
    try:
        write_texts(targets, inputs, force=force, hint=_ELSEWHERE, make_folders=True)
    except OutputRefused as err:
        raise UsageError(str(err)) from None
    for path in targets:
        print(f"wrote {clean(str(path), layout=False)}", file=sys.stderr)


def cmd_debrief(args: argparse.Namespace) -> int:
    from .debrief.render_json import schema_text

    if args.schema:
        sys.stdout.write(schema_text())
        return 0
    if not args.journals:
        raise UsageError("debrief: name a journal (or several of one scenario to compare them)")
    files, console = _formats(args.format)
    if len(args.journals) == 1:
        return _debrief_one(Path(args.journals[0]), files, console, args)
    return _debrief_many([Path(name) for name in args.journals], files, console, args)


def _debrief_one(path: Path, files: list[str], console: bool, args: argparse.Namespace) -> int:
    from .cli import open_for_reading
    from .debrief import build_report, render

    journal, damage = open_for_reading(path, args.damaged)
    with journal:
        report = build_report(journal, lang=args.lang, damage=damage)
    folder = Path(args.out) if args.out else path.parent
    _write(folder, path.stem, {fmt: render(report, fmt) for fmt in files}, [path], args.force)
    if console:
        _print_console(report, comparison=False)
    return 0


def _debrief_many(
    paths: list[Path], files: list[str], console: bool, args: argparse.Namespace
) -> int:
    from .cli import open_for_reading
    from .debrief import NotComparable, build_report, compare, render_comparison

    if len({p.resolve() for p in paths}) != len(paths):
        raise UsageError("debrief: a journal is named twice")
    reports, hashes, scenarios = [], [], []
    for path in paths:
        journal, damage = open_for_reading(path, args.damaged)
        with journal:
            scenarios.append(journal.session.scenario_id)
            hashes.append(journal.session.scenario_hash)
            if scenarios[0] != scenarios[-1]:  # refuse before reading every event
                raise UsageError(
                    f"{paths[0]} played scenario {scenarios[0]!r} but {path} played "
                    f"{scenarios[-1]!r}: only sessions of the same scenario can be compared"
                )
            reports.append(build_report(journal, lang=args.lang, damage=damage))
    try:
        comparison = compare(reports, hashes)
    except NotComparable as err:
        raise UsageError(str(err)) from None
    stems = [p.stem for p in paths]
    stem = "-vs-".join(stems) if len(stems) <= 3 else f"{stems[0]}-compared-{len(stems)}"
    folder = Path(args.out) if args.out else paths[0].parent
    _write(
        folder, stem, {fmt: render_comparison(comparison, fmt) for fmt in files}, paths, args.force
    )
    if console:
        _print_console(comparison, comparison=True)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from .review.app import ReviewApp

    path = Path(args.journal)
    # Opens the journal as its one writer, checked: a clear refusal before the screen opens.
    app = ReviewApp(path, lang=args.lang or default_language(), evaluator=args.by or "")
    try:
        app.run()
    finally:
        app.close_journal()
    return 0


def add_parsers(sub: Any) -> None:
    """Register debrief and review on the main parser's subcommands."""
    debrief = sub.add_parser(
        "debrief",
        help="After-Action Report / Improvement Plan from a journal (or compare several)",
        description="Write the AAR/IP of a session journal as Markdown, HTML and JSON beside "
        "it and print it on the console; with several journals of one scenario, compare them.",
    )
    debrief.add_argument("journals", nargs="*", metavar="JOURNAL", help="journal file(s) (.db)")
    debrief.add_argument(
        "--format",
        metavar="LIST",
        help="comma-separated: console,md,html,json (default: md,html,json written and the "
        "console version printed)",
    )
    debrief.add_argument(
        "--out", metavar="DIR", help="folder for the files (default: beside the journal)"
    )
    debrief.add_argument(
        "--lang",
        choices=("en", "nl"),
        help="language of the report and its scenario texts (default: the scenario's)",
    )
    debrief.add_argument(
        "--schema", action="store_true", help="print the JSON Schema of the JSON report"
    )
    debrief.add_argument(
        "--force",
        action="store_true",
        help="replace report files even when they are not this program's unchanged earlier "
        "output (a report edited by hand); a journal is never overwritten",
    )
    damaged_option(debrief)
    debrief.set_defaults(func=cmd_debrief)

    review = sub.add_parser(
        "review",
        help="the trainers' screen: observations, ratings, improvement plan, final mark",
        description="Browse a session's timeline and decisions per pillar, add observations, "
        "rate pillars and objectives P/S/M/U, add improvement-plan items (and withdraw one "
        "entered by mistake) and mark the report final. Everything is appended to the journal.",
    )
    review.add_argument("journal", metavar="JOURNAL", help="journal file (.db)")
    review.add_argument("--lang", choices=("en", "nl"), help="screen language (default: $LANG)")
    review.add_argument("--by", metavar="NAME", help="evaluator name recorded with each entry")
    review.set_defaults(func=cmd_review)
