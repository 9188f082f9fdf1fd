"""Commands that read a journal: verify, export, replay."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..language import phrase
from .content import ANOTHER_FILE
from .errors import EXIT_FINDINGS, EXIT_OK, UsageError, error

if TYPE_CHECKING:
    from ..journal import Journal


def open_for_reading(
    path: str | Path, damaged: bool, lang: str | None = None
) -> tuple[Journal, str | None]:
    """A journal checked before it is read: a damaged one is refused (exit 1, saying where)
    unless `damaged` asks to read it anyway; then a warning says so, in `lang` (else the
    session's language). Returns the journal and the damage found (None when intact), a
    phrase to say in the report's language."""
    from ..journal import open_verified
    from ..language import say, session_language, text

    journal, result = open_verified(path, allow_damage=damaged)
    if result.ok:
        return journal, None
    damage = result.describe()
    lang = session_language(lang, journal.session.meta)
    warning = text(
        lang,
        "{path}: warning: the journal is {damage}; what follows may be wrong",
        path=str(path),
        damage=say(lang, damage),
    )
    error(warning)
    return journal, damage


def verify(args: argparse.Namespace) -> int:
    from ..journal import verify
    from ..language import ntext, say, session_language, text
    from ..safetext import clean

    lang = session_language(args.lang)
    result = verify(args.journal)
    if result.ok:
        print(
            ntext(lang, "ok: {n} event, chain intact", "ok: {n} events, chain intact", result.count)
        )
        if result.last_hash:  # note it down at the end of a session: a later rewrite shows
            print(text(lang, "last hash: {hash}", hash=result.last_hash))
        return EXIT_OK
    where = text(
        lang,
        "FAILED at {where}: {reason}",
        where=say(lang, result.where()),
        reason=say(lang, result.reason),
    )
    print(clean(f"{args.journal}: {where}"))
    return EXIT_FINDINGS


def export(args: argparse.Namespace) -> int:
    from ..journal import export_events
    from ..outputs import OutputRefused, journal_files, open_text

    journal, _damage = open_for_reading(args.journal, args.damaged, args.lang)
    with journal:
        if not args.output:
            export_events(journal, args.format, sys.stdout)
            return EXIT_OK
        inputs = journal_files(args.journal)
        try:
            with open_text(
                Path(args.output), inputs, force=args.force, hint=ANOTHER_FILE, newline=""
            ) as out:
                export_events(journal, args.format, out)
        except OutputRefused as err:
            raise UsageError(*err.problems) from None
        except OSError as err:
            why = str(err.strerror or err)
            raise UsageError(
                phrase("{file}: cannot write: {error}", file=str(args.output), error=why)
            ) from None
    return EXIT_OK


def replay(args: argparse.Namespace) -> int:
    from ..language import session_language, text
    from ..model import parse_duration
    from ..safetext import clean, json_safe
    from ..sim.replay import replay_journal
    from ..sim.summary import summarize

    try:
        until = parse_duration(args.at) if args.at else None
    except ValueError as err:
        raise UsageError(
            phrase("--at {value}: {error}", value=repr(args.at), error=err.args[0])
        ) from None
    journal, damage = open_for_reading(args.journal, args.damaged, args.lang)
    with journal:
        _scenario, state = replay_journal(journal, until=until, skip_unreadable=bool(damage))
        lang = session_language(args.lang, journal.session.meta)
    summary = summarize(state)
    if args.format == "json":
        data = summary.__dict__ | {
            "delivered_injects": sorted(state.delivered_at, key=state.delivered_at.__getitem__),
        }
        print(json_safe(json.dumps(data, indent=2, ensure_ascii=False)))
    else:
        for line in summary.lines(lang):
            print(clean(line))
        if summary.decisions_open:
            opened = ", ".join(summary.decisions_open)
            print(clean(text(lang, "open decisions: {injects}", injects=opened)))
    return EXIT_OK
