"""`exercise plan`: the improvement plan after the exercise. List the items with their
state, follow one up (status, owner, due date, a dated note: journaled like every other
evaluator entry, as the journal's one writer), or write the plan on its own as xlsx or csv.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import EXIT_OK, UsageError
from .journals import open_for_reading

if TYPE_CHECKING:
    from ..debrief.report import Report

EXPORTS = {".xlsx": "xlsx", ".csv": "csv"}
STATUSES = ("open", "in-progress", "done", "cancelled")


def plan(args: argparse.Namespace) -> int:
    from ..language import phrase

    path = Path(args.journal)
    changes = [args.status, args.note, args.owner, args.due]
    if args.item is None and any(value is not None for value in changes):
        raise UsageError(phrase("plan: name the item to follow up with --item IP-n"))
    if args.item is not None:
        if args.export:
            raise UsageError(
                phrase("plan: --export writes the plan, --item changes it: one at a time")
            )
        return _update(path, args)
    report = _report(path, args.lang)
    if args.export:
        return _export(path, Path(args.export), report, args.force)
    _print(report)
    return EXIT_OK


def _report(path: Path, lang: str | None) -> Report:
    from ..debrief import build_report

    journal, _damage = open_for_reading(path, damaged=False)
    with journal:
        return build_report(journal, lang=lang)


def _update(path: Path, args: argparse.Namespace) -> int:
    from ..debrief.evaluation import InputError, PlanUpdateInput, append, parse
    from ..journal import open_verified
    from ..language import phrase, session_language, text
    from ..safetext import clean
    from ..sim.replay import load_frozen

    if not any(value is not None for value in (args.status, args.note, args.owner, args.due)):
        raise UsageError(phrase("plan: say what changed: --status, --note, --owner or --due"))
    if args.status is not None and args.status not in STATUSES:
        raise UsageError(
            phrase(
                "plan: --status {value}: choose from {choices}",
                value=repr(args.status),
                choices=", ".join(STATUSES),
            )
        )
    due = _date(args.due) if args.due is not None else None
    try:
        item = parse(
            PlanUpdateInput,
            ref=args.item,
            status=args.status,
            owner=args.owner,
            due=due,
            note=args.note or "",
            on=datetime.now(UTC).date(),
        )
    except InputError as err:
        raise UsageError(phrase("plan: {problem}", problem=err.args[0])) from None
    # As the journal's one writer (refused while a session or a review holds it), checked.
    journal, _checked = open_verified(path, readonly=False)
    with journal:
        lang = session_language(args.lang, journal.session.meta)
        try:
            append(journal, load_frozen(journal), [item], args.by or "evaluator")
        except InputError as err:
            raise UsageError(phrase("plan: {problem}", problem=err.args[0])) from None
    said = text(lang, "{path}: {ref} followed up", path=str(path), ref=item.payload()["ref"])
    print(clean(said, single_line=True))
    return EXIT_OK


def _date(text: str) -> date:
    from ..language import phrase

    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            phrase("plan: --due {value} is not a date: write it as YYYY-MM-DD", value=repr(text))
        ) from None


def _export(journal: Path, target: Path, report: Report, force: bool) -> int:
    from ..debrief.plan import plan_csv, plan_xlsx
    from ..debrief.words import Words
    from ..language import phrase
    from ..outputs import OutputRefused, journal_files, write_texts

    kind = EXPORTS.get(target.suffix.lower())
    if kind is None:
        raise UsageError(
            phrase(
                "plan: --export {file}: the file's name must end in .xlsx or .csv", file=str(target)
            )
        )
    w = Words(report.overview.language)
    data: str | bytes = plan_xlsx(report, w) if kind == "xlsx" else plan_csv(report, w)
    try:
        write_texts({target: data}, journal_files(journal), force=force)
    except OutputRefused as err:
        raise UsageError(*err.problems) from None
    return EXIT_OK


def _print(report: Report) -> None:
    from rich.console import Console
    from rich.table import Table

    from ..debrief.plan import note_text, plan_header, plan_rows
    from ..debrief.words import Words
    from ..safetext import literal

    w = Words(report.overview.language)
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
    if not report.improvement_plan:
        console.print(literal(w("The improvement plan has no items.")))
        return
    header, rows = plan_header(w), plan_rows(report, w)
    shown = (0, 1, 2, 4, 5, 8, 10)  # ref, status, pillar, issue, action, owner, due
    table = Table(*(header[n] for n in shown))
    for row in rows:
        table.add_row(*(literal(row[n]) for n in shown))
    console.print(table)
    for row, item in zip(rows, report.improvement_plan, strict=True):
        for note in item.notes:
            console.print(literal(f"{row[0]}: {note_text(note, w)}"))
