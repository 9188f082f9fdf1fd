"""Command-line entry points that run sessions: play, resume, replay."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

from .cli import UsageError, damaged_option
from .content.loader import CatalogueIndex, load_catalogue, load_scenario
from .content.resources import default_catalogue_dirs
from .model import InjectTemplate, Scenario, parse_duration
from .model.events import Event
from .safetext import clean, json_safe
from .sim.players import POLICIES, AutoPlayer, FilePlayer, Player
from .sim.session import Session
from .sim.summary import summarize

DEFAULT_FOLDER = Path("debriefs")


def default_journal_path(scenario_id: str, folder: Path = DEFAULT_FOLDER) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{scenario_id}-{stamp}.db"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{scenario_id}-{stamp}-{n}.db"
    return path


def templates_of(catalogue: CatalogueIndex | None) -> dict[str, InjectTemplate]:
    return {k: e.template for k, e in catalogue.entries.items()} if catalogue else {}


def make_player(
    args: argparse.Namespace, scenario: Scenario, meta: dict[str, Any]
) -> Player | None:
    """The simulated players the arguments ask for, else those the session was started with."""
    from .content.decisions import load_decisions

    decisions = getattr(args, "decisions", None)
    auto = getattr(args, "auto", None)
    if not (decisions or auto):
        # The journal says how the session was played. It names a decisions file, but a
        # path read from a journal is never opened (the journal may come from anyone): the
        # user names the file again.
        if meta.get("decisions"):
            raise UsageError(
                "this session was played with a decisions file "
                f"({clean(str(meta['decisions']), single_line=True)[:200]}); "
                "give it again with --decisions FILE"
            )
        auto = meta.get("auto")
    seed = meta.get("seed", 0)
    if decisions:
        return FilePlayer(load_decisions(Path(decisions), scenario))
    if auto in POLICIES:
        return AutoPlayer(auto, seed=seed if type(seed) is int else 0)
    if auto:
        raise UsageError(f"the journal names an unknown policy {clean(str(auto))[:80]!r}")
    return None


def prepare_session(
    args: argparse.Namespace, scenario_path: Path
) -> tuple[Scenario, dict[str, InjectTemplate], Path]:
    """The scenario, its catalogue's templates, and a journal path that is still free."""
    catalogue = load_catalogue(args.catalogue or default_catalogue_dirs(scenario_path))
    scenario = load_scenario(scenario_path, catalogue)
    path = Path(args.journal) if args.journal else default_journal_path(scenario.id)
    if path.exists():
        raise UsageError(f"{path}: a journal already exists there; choose another --journal")
    return scenario, templates_of(catalogue), path


def cmd_play(args: argparse.Namespace, scenario_path: Path) -> int:
    scenario, templates, path = prepare_session(args, scenario_path)
    meta: dict[str, Any] = {"source": str(scenario_path), "seed": args.seed, "mode": "play"}
    if args.decisions:
        meta["decisions"] = str(Path(args.decisions).resolve())
    else:
        meta["auto"] = args.auto
    player = make_player(args, scenario, meta)  # checked before any journal is written
    session = Session.start(
        scenario, path, seed=args.seed, durable=args.realtime, meta=meta, templates=templates
    )
    return _drive(session, player, args)


def is_live(meta: dict[str, Any]) -> bool:
    """A session started with `exercise run` (people decide, not simulated players)."""
    return meta.get("mode") == "live" or not (meta.get("auto") or meta.get("decisions"))


def cmd_resume(args: argparse.Namespace) -> int:
    from .journal import Journal
    from .sim.replay import load_frozen

    path = Path(args.journal)
    # A first look, for how it was played; Session.resume checks the journal as a whole.
    with Journal.open(path, readonly=True, tolerate_damage=True) as journal:
        meta = dict(journal.session.meta or {})
        live = is_live(meta) and not (args.auto or args.decisions)
        # The players are settled before the journal is written to: a refusal writes nothing.
        player = None if live else make_player(args, load_frozen(journal), meta)
    if not live and (args.paused or args.pause_on_phase is not None):
        raise UsageError("--paused and --pause-on-phase are for a live session (the session UI)")
    if live:
        from .cli_ui import check_terminal
        from .journal.lock import refuse_if_held

        refuse_if_held(path)
        check_terminal()
    session = Session.resume(path, durable=args.realtime or live)
    if session.engine.ended:
        session.close()
        print(
            f"{clean(str(path))}: the session has already ended; nothing to resume", file=sys.stderr
        )
        return 0
    if live:
        from .cli_ui import run_ui

        return run_ui(
            session,
            lang=args.lang,
            speed=args.speed,
            paused=args.paused,
            pause_on_phase=args.pause_on_phase,
        )
    return _drive(session, player, args)


def _drive(session: Session, player: Player | None, args: argparse.Namespace) -> int:
    from .sim.headless import run_headless

    try:
        if args.realtime:
            _run_realtime(session, player, args.speed)
        else:
            _run_fast(session, player, run_headless)
    except KeyboardInterrupt:
        print(
            f"\ninterrupted; every committed event is in {session.journal.path}\n"
            f"continue with: exercise resume {session.journal.path}",
            file=sys.stderr,
        )
        session.close()
        return 130
    print(f"journal: {session.journal.path}")
    for line in summarize(session.engine.state).lines():
        print(clean(line))
    session.close()
    return 0


def _run_fast(session: Session, player: Player | None, run_headless: Any) -> None:
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
    from .sim.clock import VirtualClock
    from .sim.feed import describe
    from .sim.realtime import RealtimeDriver

    engine = session.engine
    clock = VirtualClock(
        start=engine.now, speed=speed or engine.state.speed, paused=engine.state.paused
    )

    def show(events: list[Event]) -> None:
        for event in events:
            print(clean(describe(event, session.scenario), single_line=True), flush=True)

    driver = RealtimeDriver(session, clock=clock, player=player, listener=show)
    asyncio.run(driver.run())


def cmd_replay(args: argparse.Namespace) -> int:
    from .cli import open_for_reading
    from .sim.replay import replay_journal

    until = parse_duration(args.at) if args.at else None
    journal, damage = open_for_reading(args.journal, args.damaged)
    with journal:
        _scenario, state = replay_journal(journal, until=until, skip_unreadable=bool(damage))
    summary = summarize(state)
    if args.format == "json":
        data = summary.__dict__ | {
            "delivered_injects": sorted(state.delivered_at, key=state.delivered_at.__getitem__),
        }
        print(json_safe(json.dumps(data, indent=2, ensure_ascii=False)))
    else:
        for line in summary.lines():
            print(clean(line))
        if summary.decisions_open:
            print("open decisions: " + clean(", ".join(summary.decisions_open)))
    return 0


def add_parsers(sub: Any, scenario_path: Any) -> None:
    """Register play, resume and replay on the main parser's subcommands."""

    def player_options(command: argparse.ArgumentParser, required: bool) -> None:
        group = command.add_mutually_exclusive_group(required=required)
        group.add_argument("--decisions", metavar="FILE", help="what the players decide, and when")
        group.add_argument(
            "--auto", choices=POLICIES, help="decide every decision point by a policy"
        )
        command.add_argument(
            "--realtime",
            action="store_true",
            help="play at the pace of the clock, printing events as they happen",
        )
        command.add_argument(
            "--speed", type=float, help="with --realtime: scenario seconds per wall second"
        )

    play = sub.add_parser("play", help="play a scenario headless, as fast as possible")
    play.add_argument("scenario", metavar="SCENARIO")
    player_options(play, required=True)
    play.add_argument("--seed", type=int, default=0, help="seed for the random policy")
    play.add_argument(
        "--journal", metavar="PATH", help="journal file (default: debriefs/<id>-<time>.db)"
    )
    play.add_argument("--catalogue", action="append", type=Path, metavar="DIR")
    play.set_defaults(func=lambda args: cmd_play(args, scenario_path(args.scenario)))

    resume = sub.add_parser(
        "resume",
        help="continue an interrupted session from its journal (a live one in the session UI)",
    )
    resume.add_argument("journal", metavar="JOURNAL")
    player_options(resume, required=False)
    resume.add_argument(
        "--lang", choices=("en", "nl"), help="language of the session UI (default: from LANG)"
    )
    resume.add_argument(
        "--paused",
        action="store_true",
        help="in the session UI: continue with the clock paused (ctrl+t starts it)",
    )
    from .cli_ui import pause_on_phase_option

    pause_on_phase_option(resume)
    resume.set_defaults(func=cmd_resume)

    replay = sub.add_parser("replay", help="the state of a session at a scenario time")
    replay.add_argument("journal", metavar="JOURNAL")
    replay.add_argument("--at", metavar="TIME", help="scenario time, e.g. 1h15m (default: the end)")
    replay.add_argument("--format", choices=("text", "json"), default="text")
    damaged_option(replay)
    replay.set_defaults(func=cmd_replay)
