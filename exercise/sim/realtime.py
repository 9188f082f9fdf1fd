"""The realtime driver: runs a session against the virtual clock on an asyncio loop.

It sleeps until the next timer is due (no fixed-rate polling), wakes early when a command
arrives, and fires at most `max_per_wake` timers before yielding, so a UI sharing the
loop stays responsive. Commands are acknowledged (their future resolved) only after the
transaction holding their events has committed. `stop` first applies and commits the
commands already submitted; a command that cannot be recorded (the driver has stopped, or
the journal failed) is answered "not recorded", never dropped without a word.

With `pause_on_phase`, the driver pauses the clock when a new phase begins (a journaled
`paused` event by the actor "system", in its own transaction right after the phase's),
as the facilitator's guide recommends doing by hand at the move boundaries. The engine
knows nothing of this: a pause only means something to a clock that people are
watching, so headless play never pauses.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model.events import Event, Kind, NewEvent
from ..model.reasons import reason
from . import commands as c
from .authority import SYSTEM
from .clock import VirtualClock
from .engine import Outcome
from .headless import next_due, step_tick
from .players import Player
from .session import Session

Listener = Callable[[list[Event]], None]
__all__ = ["SYSTEM", "Listener", "RealtimeDriver"]


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
        pause_on_phase: bool = False,
    ) -> None:
        self.session = session
        engine = session.engine
        self.clock = clock or VirtualClock(
            start=engine.now, speed=engine.state.speed, paused=engine.state.paused
        )
        self.player = player
        self.listeners: list[Listener] = [listener] if listener else []
        self.max_per_wake = max_per_wake
        self.pause_on_phase = pause_on_phase
        self._inbox: list[_Request] = []
        self._wake = asyncio.Event()
        self._stopped = False
        self._finished = False  # run() has returned: nothing more is recorded

    # -- for the UI --

    def record_after_play(self, events: Sequence[NewEvent]) -> list[Event]:
        """Input after the end (the participants' feedback), through the session, the
        journal's one writer; every listener hears it as it hears a commit. Raises
        ValueError before the end, JournalError when the journal cannot take it."""
        committed = self.session.record_after_play(events)
        for listener in self.listeners:
            listener(committed)
        return committed

    def now(self) -> float:
        """Scenario time now, never behind the last event the engine produced."""
        return max(self.clock.now(), self.session.engine.now)

    def submit(self, command: c.Command) -> asyncio.Future[Outcome]:
        """Queue a command stamped with the current scenario time; the future resolves
        with its outcome once its events are committed (or with "not recorded")."""
        future: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        request = _Request(self.now(), command, future)
        if self._finished:
            future.set_result(self._not_recorded(request))
            return future
        self._inbox.append(request)
        self._wake.set()
        return future

    def wake(self) -> None:
        """Look at the clock now instead of when the next tick is due (for a clock whose
        time moved in another way than by waiting, such as a test's fake time)."""
        self._wake.set()

    def stop(self) -> None:
        """Stop driving (the session is left as committed, ready to resume)."""
        self._stopped = True
        self._wake.set()

    # -- the loop --

    async def run(self) -> None:
        engine = self.session.engine
        if self.player is not None:
            self.player.start(engine.state, resumed=engine.resumed)
        try:
            while not engine.ended and not self._stopped:
                self._wake.clear()
                self._take_requests()
                if not self._catch_up(self.clock.now()):
                    await asyncio.sleep(0)  # more is due: let the UI breathe first
                    continue
                await self._sleep_until_next()
            if not engine.ended:
                self._take_requests()  # what was submitted before stop() still counts
        finally:
            self._finished = True
            for request in self._inbox:
                if not request.future.done():
                    request.future.set_result(self._not_recorded(request))
            self._inbox.clear()

    def _not_recorded(self, request: _Request) -> Outcome:
        failure = self.session.failure
        if failure is not None:
            why = reason("not-recorded", error=failure.message)
        elif self.session.engine.ended:
            why = reason("not-recorded-ended")
        else:
            why = reason("not-recorded-stopped")
        return Outcome(False, why.english, (), request.t, why)

    def _catch_up(self, now: float) -> bool:
        """Step through everything due up to `now`; False if the per-wake cap stopped it."""
        for _ in range(self.max_per_wake):
            if next_due(self.session, self.player) > now:
                self.session.engine.advance_to(now)
                return True
            self._after_commit(step_tick(self.session, self.player))
            now = min(now, self.clock.now())  # paused at a new phase: stop there
        return False

    async def _sleep_until_next(self) -> None:
        if self.session.engine.ended:
            return  # nothing will wake us: the loop must see the end now
        next_t = next_due(self.session, self.player)
        delay = self.clock.wall_delay(next_t) if math.isfinite(next_t) else math.inf
        if self._inbox or delay <= 0:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), None if math.isinf(delay) else delay)

    def _take_requests(self) -> None:
        """Apply every command queued since the last wake-up and commit them in one
        transaction (one fsync for thirty seats deciding at once, not thirty); each is
        answered once the transaction holding its events has committed. A timer due
        between two commands is stepped in between, committing what came before it."""
        requests, self._inbox = self._inbox, []
        if not requests:
            return
        engine = self.session.engine
        answers: list[tuple[_Request, Outcome]] = []
        settled = 0  # how many of the answers have their events committed
        try:
            for request in requests:
                while next_due(self.session, self.player) <= request.t:
                    committed = step_tick(self.session, self.player)
                    settled = len(answers)
                    self._after_commit(committed)
                outcome = engine.submit(request.command, request.t)
                if self.player is not None and outcome.events:
                    self.player.observe(outcome.events, engine.state)
                answers.append((request, outcome))
            committed = self.session.commit()
        except BaseException:
            # Not recorded: run() answers the requests not yet committed so.
            self._answer(answers[:settled])
            self._inbox = requests[settled:] + self._inbox
            raise
        self._after_commit(committed)
        self._answer(answers)

    @staticmethod
    def _answer(answers: list[tuple[_Request, Outcome]]) -> None:
        for request, outcome in answers:
            if not request.future.done():
                request.future.set_result(outcome)

    def _after_commit(self, committed: list[Event]) -> None:
        """Let the clock follow the facilitator's commands, and tell the listeners."""
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
        for listener in self.listeners:
            listener(committed)
        if self.pause_on_phase and any(
            event.kind == Kind.PHASE_ENTERED and event.payload.get("cause") != "start"
            for event in committed
        ):
            self._pause_for_phase()

    def _pause_for_phase(self) -> None:
        """A new phase began: pause the clock where it is (journaled like any pause)."""
        engine = self.session.engine
        if engine.ended or engine.state.paused:
            return
        _outcome, committed = self.session.submit(c.Pause(actor=SYSTEM), engine.now)
        self._after_commit(committed)
