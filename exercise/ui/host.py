"""What the session's widgets ask of the app they run in: the scenario clock, the time
now, and a way to send a command. `ExerciseApp` is one; the widgets find it with `host`."""

from __future__ import annotations

import asyncio
from typing import Protocol, runtime_checkable

from textual.widget import Widget

from ..sim import commands as c
from ..sim.clock import VirtualClock
from ..sim.engine import Outcome


@runtime_checkable
class SessionHost(Protocol):
    clock: VirtualClock

    def now(self) -> float:
        """Scenario time now."""
        ...

    def send_command(
        self, command: c.Command, reply_to: Widget | None = None, tag: str = ""
    ) -> asyncio.Future[Outcome]:
        """Submit a command; `reply_to` hears the outcome (`CommandDone`) after the commit."""
        ...


def host(widget: Widget) -> SessionHost:
    """The app `widget` runs in, which holds the session."""
    app = widget.app
    if not isinstance(app, SessionHost):
        raise TypeError(f"{type(widget).__name__} runs only in the session's app")
    return app
