"""`exercise run`: the session UI on a new live session, and on a resumed one."""

from __future__ import annotations

import argparse
import gc
import sys
from typing import TYPE_CHECKING

from ..language import phrase
from .errors import EXIT_FINDINGS, EXIT_OK, UsageError

if TYPE_CHECKING:
    from ..sim.session import Session


def check_terminal() -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            phrase("the session UI needs a terminal; to play without one use: exercise play")
        )


def run(args: argparse.Namespace) -> int:
    # Starting builds a great many objects and no garbage cycles: the collector is held
    # until the first screen is painted (the app turns it back on; see exercise.gcpause).
    gc.disable()
    try:
        check_terminal()
        from .content import scenario_path
        from .setup import prepare_session

        source = scenario_path(args.scenario)
        scenario, templates, path = prepare_session(args, source)
        from ..ui.app import start_session
    except BaseException:
        gc.enable()
        raise
    session = start_session(
        scenario,
        path,
        source=str(source),
        speed=args.speed,
        paused=args.paused,
        templates=templates,
        pause_on_phase=args.pause_on_phase,
        lang=args.lang,
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
    from ..safetext import clean

    try:
        check_terminal()
        gc.disable()  # turned on again after the first paint
        from ..ui.app import create_app

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
    path = clean(str(session.journal.path), layout=False)
    if app.not_recorded:
        from ..ui import i18n

        line = i18n.tr(
            "exit.not_recorded",
            app.lang,
            count=len(app.not_recorded),
            commands=", ".join(app.not_recorded),
        )
        print(line, file=sys.stderr)
    from ..language import say, text

    journal = text(app.lang, "journal: {path}", path=path)
    resume = text(app.lang, "continue with: {command}", command=f"exercise resume {path}")
    if session.failure is not None:
        print(f"exercise: {clean(say(app.lang, session.failure.message))}", file=sys.stderr)
        print(f"{journal}\n{resume}")
        return EXIT_FINDINGS
    if session.engine.ended:
        print(f"{journal}\n{text(app.lang, 'the session has ended')}")
    else:
        print(f"{journal}\n{resume}")
    return EXIT_OK
