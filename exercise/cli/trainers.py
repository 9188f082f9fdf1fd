"""Commands for trainers: debrief (the AAR/IP, or a comparison) and review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..language import N_, phrase
from .errors import EXIT_OK, UsageError
from .journals import open_for_reading

DEFAULT = ("md", "html", "json", "console")  # files written, and the terminal's
ELSEWHERE = N_("write the reports elsewhere with --out DIR")


def _formats(text: str | None) -> tuple[list[str], list[str]]:
    """(formats written to files, formats shown on the terminal), as the registry orders
    them (`exercise.debrief.formats`)."""
    from ..debrief import formats

    known = formats.names()
    if text is None:
        wanted = list(DEFAULT)
    else:
        wanted = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [part for part in wanted if part not in known]
    if unknown or not wanted:
        raise UsageError(
            phrase(
                "--format {value}: choose from {choices} (comma-separated)",
                value=repr(text),
                choices=", ".join(known),
            )
        )
    chosen = [formats.get(name) for name in known if name in wanted]
    return [f.name for f in chosen if f.suffix is not None], [
        f.name for f in chosen if f.suffix is None
    ]


def _show(shown: list[str], item: Any, comparison: bool) -> None:
    from ..debrief import formats

    for name in shown:
        fmt = formats.get(name)
        show = fmt.show_comparison if comparison else fmt.show
        if show is not None:
            show(item)
        else:  # a terminal format without its own way of showing: its text
            data = fmt.comparison(item) if comparison else fmt.report(item)
            sys.stdout.write(data.decode("utf-8"))


def _write(
    folder: Path,
    stem: str,
    files: dict[str, bytes],
    journals: list[Path],
    force: bool,
    lang: str = "en",
) -> None:
    """Write every report file, or none: never over a journal read (or its SQLite
    companions), never through a link, over an existing file only if it is our unchanged
    earlier output or with --force (`exercise.outputs`)."""
    from ..debrief import formats
    from ..language import say, text
    from ..outputs import OutputRefused, journal_files, write_texts
    from ..safetext import clean

    if not files:
        return
    suffixes = formats.file_suffixes()
    targets = {folder / f"{stem}{suffixes[fmt]}": data for fmt, data in files.items()}
    inputs = [name for journal in journals for name in journal_files(journal)]
    try:
        write_texts(targets, inputs, force=force, hint=ELSEWHERE, make_folders=True)
    except OutputRefused as err:  # in the report's language, like what was written
        raise UsageError(*(say(lang, problem) for problem in err.problems)) from None
    for path in targets:
        print(text(lang, "wrote {path}", path=clean(str(path), layout=False)), file=sys.stderr)


def debrief(args: argparse.Namespace) -> int:
    from ..debrief.render_json import schema_text

    if args.schema:
        sys.stdout.write(schema_text())
        return EXIT_OK
    if not args.journals:
        raise UsageError(
            phrase("debrief: name a journal (or several of one scenario to compare them)")
        )
    files, shown = _formats(args.format)
    if len(args.journals) == 1:
        return _debrief_one(Path(args.journals[0]), files, shown, args)
    return _debrief_many([Path(name) for name in args.journals], files, shown, args)


def _debrief_one(path: Path, files: list[str], shown: list[str], args: argparse.Namespace) -> int:
    from ..debrief import build_report, render_bytes

    journal, damage = open_for_reading(path, args.damaged, args.lang)
    with journal:
        report = build_report(journal, lang=args.lang, damage=damage, pauses=args.pauses)
    folder = Path(args.out) if args.out else path.parent
    rendered = {fmt: render_bytes(report, fmt) for fmt in files}
    _write(folder, path.stem, rendered, [path], args.force, report.overview.language)
    _show(shown, report, comparison=False)
    return EXIT_OK


def _debrief_many(
    paths: list[Path], files: list[str], shown: list[str], args: argparse.Namespace
) -> int:
    from ..debrief import NotComparable, build_report, compare, render_comparison_bytes

    if len({p.resolve() for p in paths}) != len(paths):
        raise UsageError(phrase("debrief: a journal is named twice"))
    reports, hashes, scenarios = [], [], []
    for path in paths:
        journal, damage = open_for_reading(path, args.damaged, args.lang)
        with journal:
            scenarios.append(journal.session.scenario_id)
            hashes.append(journal.session.scenario_hash)
            if scenarios[0] != scenarios[-1]:  # refuse before reading every event
                raise UsageError(
                    phrase(
                        "{first} played scenario {scenario} but {other} played {other_scenario}:"
                        " only sessions of the same scenario can be compared",
                        first=str(paths[0]),
                        scenario=repr(scenarios[0]),
                        other=str(path),
                        other_scenario=repr(scenarios[-1]),
                    )
                )
            reports.append(build_report(journal, lang=args.lang, damage=damage, pauses=args.pauses))
    try:
        comparison = compare(reports, hashes)
    except NotComparable as err:
        raise UsageError(*err.args) from None
    stems = [p.stem for p in paths]
    stem = "-vs-".join(stems) if len(stems) <= 3 else f"{stems[0]}-compared-{len(stems)}"
    folder = Path(args.out) if args.out else paths[0].parent
    rendered = {fmt: render_comparison_bytes(comparison, fmt) for fmt in files}
    _write(folder, stem, rendered, paths, args.force, reports[0].overview.language)
    _show(shown, comparison, comparison=True)
    return EXIT_OK


def review(args: argparse.Namespace) -> int:
    from ..review.app import ReviewApp

    path = Path(args.journal)
    remote = _hosted_review_seat(path, args)
    # Opens the journal as its one writer, checked: a clear refusal before the screen opens.
    # A hosted one is read, and written through the host's evaluator seat.
    app = ReviewApp(path, lang=args.lang, evaluator=args.by or "", remote=remote)
    try:
        app.run()
    finally:
        app.close_journal()
    return EXIT_OK


def _hosted_review_seat(path: Path, args: argparse.Namespace) -> Any:
    """An evaluator seat of the host that writes `path`, when one does (None otherwise)."""
    import getpass

    from ..journal.lock import is_held
    from ..language import phrase, session_language, text
    from ..seats import address
    from ..seats.client import SeatClient
    from ..seats.codes import FIXED, parse_code
    from ..sim.commands import SeatKind

    url = address.read(path) if path.is_file() and is_held(path) else None
    if url is None:
        return None  # not hosted: the review is the journal's writer (or hears who is)
    lang = session_language(args.lang)
    print(
        text(
            lang,
            "the session is hosted at {url}: the review goes through its evaluator seat",
            url=url,
        )
    )
    code = args.code or getpass.getpass(text(lang, "evaluator's join code (EVAL-...): "))
    parsed = parse_code(code)
    if parsed is None or FIXED.get(parsed[0]) != SeatKind.EVALUATOR:
        raise UsageError(phrase("that is not the evaluator's join code (like EVAL-7F3K-9QX2)"))
    return SeatClient(url, code, lang=args.lang, name=(args.by or "")[:80])
