"""Commands that play a session without the session UI: play, and resume (which hands a
live session to the UI)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..language import phrase
from .content import scenario_path
from .errors import EXIT_INTERRUPTED, EXIT_OK, UsageError
from .setup import is_live, make_player, prepare_session

if TYPE_CHECKING:
    from ..model.events import Event
    from ..sim.players import Player
    from ..sim.session import Session


def play(args: argparse.Namespace) -> int:
    from ..language import session_language
    from ..sim.session import Session

    source = scenario_path(args.scenario)
    scenario, templates, path = prepare_session(args, source)
    lang = session_language(args.lang)
    meta: dict[str, Any] = {"source": str(source), "seed": args.seed, "mode": "play", "lang": lang}
    if args.decisions:
        meta["decisions"] = str(Path(args.decisions).resolve())
    else:
        meta["auto"] = args.auto
    player = make_player(args, scenario, meta)  # checked before any journal is written
    session = Session.start(
        scenario, path, seed=args.seed, durable=args.realtime, meta=meta, templates=templates
    )
    return drive(session, player, args.realtime, args.speed, lang)


def resume(args: argparse.Namespace) -> int:
    from ..journal import Journal
    from ..journal.lock import refuse_if_held
    from ..language import session_language, text
    from ..safetext import clean
    from ..sim.replay import load_frozen
    from ..sim.session import Session
    from .screen import check_terminal, run_ui

    path = Path(args.journal)
    # A first look, for how it was played; Session.resume checks the journal as a whole.
    with Journal.open(path, readonly=True, tolerate_damage=True) as journal:
        meta = dict(journal.session.meta or {})
        live = is_live(meta) and not (args.auto or args.decisions)
        # The players are settled before the journal is written to: a refusal writes nothing.
        player = None if live else make_player(args, load_frozen(journal), meta)
    if not live and (args.paused or args.pause_on_phase is not None):
        raise UsageError(
            phrase("--paused and --pause-on-phase are for a live session (the session UI)")
        )
    if live:
        refuse_if_held(path)
        check_terminal()
    session = Session.resume(path, durable=args.realtime or live)
    lang = session_language(args.lang, meta)
    if session.engine.ended:
        session.close()
        said = text(lang, "the session has already ended; nothing to resume")
        print(f"{clean(str(path))}: {said}", file=sys.stderr)
        return EXIT_OK
    if live:
        return run_ui(
            session,
            lang=lang,
            speed=args.speed,
            paused=args.paused,
            pause_on_phase=args.pause_on_phase,
        )
    return drive(session, player, args.realtime, args.speed, lang)


def drive(
    session: Session, player: Player | None, realtime: bool, speed: float | None, lang: str
) -> int:
    """Play a session to its end (or ctrl+c), then print where its journal is and a summary
    in `lang`."""
    from ..language import text
    from ..safetext import clean
    from ..sim.summary import summarize

    path = clean(str(session.journal.path), layout=False)
    try:
        if realtime:
            _run_realtime(session, player, speed)
        else:
            _run_fast(session, player)
    except KeyboardInterrupt:
        said = text(
            lang,
            "interrupted; every committed event is in {path}\ncontinue with: {command}",
            path=path,
            command=f"exercise resume {path}",
        )
        print("\n" + said, file=sys.stderr)
        session.close()
        return EXIT_INTERRUPTED
    print(text(lang, "journal: {path}", path=path))
    for line in summarize(session.engine.state).lines(lang):
        print(clean(line))
    session.close()
    return EXIT_OK


def _run_fast(session: Session, player: Player | None) -> None:
    from ..sim.headless import run_headless

    if not sys.stdout.isatty():
        run_headless(session, player)
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    duration = session.scenario.duration
    columns = (
        TextColumn("playing"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True) as bar:
        # rich types add_task's `completed` as int; its Task keeps a float, as update takes
        task = bar.add_task(
            "play",
            total=duration,
            completed=session.engine.now,  # type: ignore[arg-type]
        )
        run_headless(session, player, progress=lambda t: bar.update(task, completed=t))


def _run_realtime(session: Session, player: Player | None, speed: float | None) -> None:
    """Play at the pace of the clock, printing each event as it happens."""
    from ..model import format_clock
    from ..safetext import clean
    from ..sim.clock import VirtualClock
    from ..sim.describe import Describer
    from ..sim.realtime import RealtimeDriver

    engine = session.engine
    clock = VirtualClock(
        start=engine.now, speed=speed or engine.state.speed, paused=engine.state.paused
    )

    describer = Describer(session.scenario, "en")  # the UI feed's lines, in English
    for inject, adhoc in engine.state.adhoc.items():  # a resumed session's, by their titles
        describer.adhoc_seen(inject, adhoc.get("title"))
    describe = describer.text

    def show(events: list[Event]) -> None:
        for event in events:
            text = describe(event.kind, event.actor, event.payload)
            if text is not None:
                line = f"{format_clock(event.t)} {text}"
                print(clean(line, single_line=True), flush=True)

    driver = RealtimeDriver(session, clock=clock, player=player, listener=show)
    asyncio.run(driver.run())
