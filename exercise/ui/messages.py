"""Every Textual message the UI sends, in one place."""

from __future__ import annotations

from textual.message import Message

from ..model.events import Event
from ..sim import commands as c
from ..sim.engine import Outcome


class EventsCommitted(Message):
    """Events the journal has committed (posted by the realtime driver's listener)."""

    def __init__(self, events: list[Event]) -> None:
        super().__init__()
        self.events = events


class DriverStopped(Message):
    """The realtime driver's loop has returned: the session ended, was stopped, or failed."""

    def __init__(self, error: BaseException | None = None) -> None:
        super().__init__()
        self.error = error


class CommandDone(Message):
    """The outcome of a command a widget sent: accepted, or rejected with the core's reason."""

    def __init__(self, command: c.Command, outcome: Outcome, tag: str = "") -> None:
        super().__init__()
        self.command = command
        self.outcome = outcome
        self.tag = tag
