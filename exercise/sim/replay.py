"""Rebuilding a session's state from its events."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Scenario
from ..model.events import Event
from .state import SessionState


def replay_state(
    scenario: Scenario, events: Iterable[Event], until: float | None = None
) -> SessionState:
    """The state after every event up to scenario time `until` (all events when None)."""
    state = SessionState.initial(scenario)
    apply = state.apply
    for event in events:
        if until is not None and event.t > until:
            break
        apply(event.t, event.kind, event.actor, event.payload)
    if until is not None:
        state.t = max(state.t, until)
    return state
