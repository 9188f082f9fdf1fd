"""The realtime driver: runs a session against the virtual clock on an asyncio loop.

It sleeps until the next timer is due (no fixed-rate polling), wakes early when a command
arrives, and fires at most `max_per_wake` timers before yielding, so a UI sharing the
loop stays responsive. Commands are acknowledged (their future resolved) only after the
transaction holding their events has committed.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections.abc import Callable
from dataclasses import dataclass

from ..model.events import Event, Kind
from . import commands as c
from .clock import VirtualClock
from .engine import Outcome
from .players import Player
from .session import Session

Listener = Callable[[list[Event]], None]


@dataclass
class _Request:
    t: float
    command: c.Command
    future: asyncio.Future[Outcome]


class RealtimeDriver:
    def __init__(
        self,
        session: Session,
        clock: VirtualClock | None = None,
        player: Player | None = None,
        listener: Listener | None = None,
        max_per_wake: int = 200,
    ) -> None:
        self.session = session
        engine = session.engine
        self.clock = clock or VirtualClock(
            start=engine.now, speed=engine.state.speed, paused=engine.state.paused
        )
        self.player = player
        self.listeners: list[Listener] = [listener] if listener else []
        self.max_per_wake = max_per_wake
        self._inbox: list[_Request] = []
        self._wake = asyncio.Event()
        self._stopped = False

    # -- for the UI --

    def now(self) -> float:
        """Scenario time now, never behind the last event the engine produced."""
        return max(self.clock.now(), self.session.engine.now)

    def submit(self, command: c.Command) -> asyncio.Future[Outcome]:
        """Queue a command stamped with the current scenario time; the future resolves
        with its outcome once its events are committed."""
        future: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        self._inbox.append(_Request(self.now(), command, future))
        self._wake.set()
        return future

    def stop(self) -> None:
        """Stop driving (the session is left as committed, ready to resume)."""
        self._stopped = True
        self._wake.set()

    # -- the loop --

    async def run(self) -> None:
        engine = self.session.engine
        if self.player is not None:
            self.player.start(engine.state)
        try:
            while not engine.ended and not self._stopped:
                self._wake.clear()
                self._take_requests()
                now = self.clock.now()
                self._run_player(now)
                finished = engine.advance_to(now, max_steps=self.max_per_wake)
                self._commit()
                if not finished:
                    await asyncio.sleep(0)  # more is due: let the UI breathe first
                    continue
                await self._sleep_until_next()
        finally:
            for request in self._inbox:
                if not request.future.done():
                    request.future.set_result(
                        Outcome(False, "the session has stopped", (), request.t)
                    )
            self._inbox.clear()

    async def _sleep_until_next(self) -> None:
        if self.session.engine.ended:
            return
        next_t = self.session.engine.peek()
        if self.player is not None:
            next_t = min(next_t, self.player.peek())
        delay = self.clock.wall_delay(next_t) if math.isfinite(next_t) else math.inf
        if self._inbox or delay <= 0:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), None if math.isinf(delay) else delay)

    def _take_requests(self) -> None:
        requests, self._inbox = self._inbox, []
        for request in requests:
            outcome = self.session.engine.submit(request.command, request.t)
            self._commit()
            if not request.future.done():
                request.future.set_result(outcome)

    def _run_player(self, now: float) -> None:
        player = self.player
        while player is not None and player.peek() <= now and not self.session.engine.ended:
            t, command = player.pop()
            self.session.engine.submit(command, t)
            self._commit()

    def _commit(self) -> None:
        committed = self.session.commit()
        if not committed:
            return
        for event in committed:  # the clock follows the facilitator's commands
            if event.kind == Kind.PAUSED:
                self.clock.pause(at=event.t)
            elif event.kind == Kind.RESUMED:
                self.clock.resume()
            elif event.kind == Kind.SPEED_SET:
                self.clock.set_speed(event.payload["speed"])
            elif event.kind == Kind.JUMPED:
                self.clock.jump_to(event.payload["to"])
        if self.player is not None:
            self.player.observe(committed, self.session.engine.state)
        for listener in self.listeners:
            listener(committed)
