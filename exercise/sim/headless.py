"""Stepping a session, and the headless driver that steps it as fast as possible.

Both drivers step the same way, a tick at a time: every timer and planned player command
due at one scenario time; at equal times the timers go first, so a command stamped at T
is applied after every event at or before T.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ..gcpause import paused_gc
from ..model.events import Event
from .players import Player
from .session import Session

Progress = Callable[[float], None]


def next_due(session: Session, player: Player | None) -> float:
    """Scenario time of the next timer or planned command (inf when none)."""
    if session.engine.ended:
        return math.inf
    return min(session.engine.peek(), player.peek() if player is not None else math.inf)


def step_tick(session: Session, player: Player | None) -> list[Event]:
    """Do everything due at the next scenario time T (timers first, then planned commands,
    then whatever those caused at T) and commit it as one transaction; return the events.

    Because a tick is committed whole, a resumed session knows that everything at or
    before its last event's time has been done.
    """
    engine = session.engine
    tick = next_due(session, player)
    seen = len(engine.pending)
    while True:
        next_timer = engine.peek()
        next_command = player.peek() if player is not None else math.inf
        if min(next_timer, next_command) > tick:
            break
        if next_timer <= next_command:
            engine.advance_to(tick)
        else:
            assert player is not None
            t, command = player.pop()
            engine.submit(command, t)
        if player is not None:
            player.observe(engine.pending[seen:], engine.state)
        seen = len(engine.pending)
    return session.commit()


def run_headless(
    session: Session,
    player: Player | None = None,
    progress: Progress | None = None,
    until: float | None = None,
) -> None:
    """Play to the end (or to scenario time `until`), one transaction per step."""
    engine = session.engine
    if player is not None:
        player.start(engine.state, resumed=engine.resumed)
    # A run makes many short-lived objects and no garbage cycles that matter before its
    # end; the cyclic collector would only slow it down (see exercise.gcpause).
    with paused_gc():
        while not engine.ended:
            if until is not None and next_due(session, player) > until:
                engine.advance_to(until)
                session.commit()
                break
            step_tick(session, player)
            if progress is not None:
                progress(engine.now)
