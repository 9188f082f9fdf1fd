"""The virtual clock: maps wall time to scenario time.

Anchored on `time.monotonic()` (never the calendar clock, which can jump) and rebased on
every pause, resume, speed change and jump, so rounding never accumulates into drift.
Tests pass their own `monotonic` to drive it by hand.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable


class VirtualClock:
    def __init__(
        self,
        start: float = 0.0,
        speed: float = 1.0,
        paused: bool = False,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self._monotonic = monotonic
        self._anchor_t = start
        self._anchor_wall = monotonic()
        self.speed = speed
        self.paused = paused

    def now(self) -> float:
        """Current scenario time in seconds."""
        if self.paused:
            return self._anchor_t
        return self._anchor_t + (self._monotonic() - self._anchor_wall) * self.speed

    def _rebase(self, t: float | None = None) -> None:
        self._anchor_t = self.now() if t is None else t
        self._anchor_wall = self._monotonic()

    def pause(self, at: float | None = None) -> None:
        if not self.paused:
            self._rebase(at)
            self.paused = True

    def resume(self) -> None:
        if self.paused:
            self._anchor_wall = self._monotonic()
            self.paused = False

    def set_speed(self, speed: float) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self._rebase()
        self.speed = speed

    def jump_to(self, t: float) -> None:
        if t > self.now():
            self._rebase(t)

    def wall_at(self, t: float) -> float:
        """The monotonic wall time at which scenario time `t` falls (inf while paused)."""
        if self.paused:
            return math.inf
        return self._anchor_wall + (t - self._anchor_t) / self.speed

    def wall_delay(self, t: float) -> float:
        """Wall seconds from now until scenario time `t` (0 if past, inf while paused)."""
        return max(0.0, self.wall_at(t) - self._monotonic())
