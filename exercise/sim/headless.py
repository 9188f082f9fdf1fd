"""The headless driver: runs a session as fast as possible, for rehearsal and tests."""

from __future__ import annotations

from collections.abc import Callable

from .players import Player
from .session import Session

Progress = Callable[[float], None]


def run_headless(
    session: Session,
    player: Player | None = None,
    progress: Progress | None = None,
    until: float | None = None,
) -> None:
    """Play to the end (or to scenario time `until`), committing one transaction per tick.

    A planned command at time T is applied after every timer at or before T.
    """
    engine = session.engine
    if player is not None:
        player.start(engine.state)
    while not engine.ended:
        next_timer = engine.peek()
        next_command = player.peek() if player is not None else float("inf")
        step_at = min(next_timer, next_command)
        if until is not None and step_at > until:
            engine.advance_to(until)
            session.commit()
            break
        if next_timer <= next_command:
            engine.advance_to(next_timer)
        else:
            assert player is not None
            t, command = player.pop()
            engine.submit(command, t)
        committed = session.commit()
        if player is not None and committed:
            player.observe(committed, engine.state)
        if progress is not None:
            progress(engine.now)
