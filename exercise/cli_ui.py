"""`exercise run`: the terminal UI on a new live session (and on a resumed one)."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import Any

from .cli import UsageError
from .safetext import clean
from .sim.session import Session


def check_terminal() -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the session UI needs a terminal; to play without one use: exercise play")


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("the speed is between 0 and 3600")
    return value


def cmd_run(args: argparse.Namespace, scenario_path: Path) -> int:
    # Starting builds a great many objects and no garbage cycles: the collector is held
    # until the first screen is painted (the app turns it back on; see exercise.gcpause).
    gc.disable()
    from .cli_session import prepare_session

    try:
        check_terminal()
    except UsageError:
        gc.enable()
        raise
    scenario, templates, path = prepare_session(args, scenario_path)
    from .ui.app import start_session

    session = start_session(
        scenario,
        path,
        source=str(scenario_path),
        speed=args.speed,
        paused=args.paused,
        templates=templates,
        pause_on_phase=args.pause_on_phase,
    )
    return run_ui(session, lang=args.lang, pause_on_phase=args.pause_on_phase)


def run_ui(
    session: Session,
    *,
    lang: str | None = None,
    speed: float | None = None,
    paused: bool = False,
    pause_on_phase: bool | None = None,
) -> int:
    """Open the UI on a session; afterwards say where the journal is and how to go on."""
    try:
        check_terminal()
        gc.disable()  # turned on again after the first paint
        from .ui.app import create_app

        app = create_app(
            session, lang=lang, speed=speed, paused=paused, pause_on_phase=pause_on_phase
        )
    except BaseException:
        gc.enable()
        session.close()
        raise
    try:
        app.run()
    finally:
        gc.enable()
    path = session.journal.path
    if app.not_recorded:
        from .ui import i18n

        line = i18n.tr(
            "exit.not_recorded",
            app.lang,
            count=len(app.not_recorded),
            commands=", ".join(app.not_recorded),
        )
        print(line, file=sys.stderr)
    if session.failure is not None:
        print(f"exercise: {clean(session.failure.message)}", file=sys.stderr)
        print(f"journal: {path}\ncontinue with: exercise resume {path}")
        return 1
    if session.engine.ended:
        print(f"journal: {path}\nthe session has ended")
    else:
        print(f"journal: {path}\ncontinue with: exercise resume {path}")
    return 0


def pause_on_phase_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--pause-on-phase",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="pause the clock each time a new phase begins (default: as the session was "
        "started, else the scenario's pause_on_phase)",
    )


def add_parsers(sub: Any, scenario_path: Any) -> None:
    """Register `run` on the main parser's subcommands."""
    run = sub.add_parser(
        "run",
        help="open the session UI on a new live session of a scenario",
        description="Open the terminal UI (facilitator console and role panels) on a new "
        "live session. ctrl+q leaves at once; `exercise resume JOURNAL` continues.",
    )
    run.add_argument("scenario", metavar="SCENARIO", help="scenario file or bundled id")
    run.add_argument(
        "--speed", type=_speed, help="scenario seconds per wall second (default: the scenario's)"
    )
    run.add_argument("--lang", choices=("en", "nl"), help="language of the UI (default: from LANG)")
    run.add_argument(
        "--journal", metavar="PATH", help="journal file (default: debriefs/<id>-<time>.db)"
    )
    run.add_argument(
        "--paused", action="store_true", help="start with the clock paused (ctrl+t starts it)"
    )
    pause_on_phase_option(run)
    run.add_argument("--catalogue", action="append", type=Path, metavar="DIR")
    run.set_defaults(func=lambda args: cmd_run(args, scenario_path(args.scenario)))
