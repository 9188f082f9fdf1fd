"""Rebuilding a session's state from its events."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import Any

from ..gcpause import paused_gc
from ..journal import Journal
from ..model import Scenario
from ..model.events import Event
from .state import SessionState

Record = tuple[float, str, str | None, Any]  # t, kind, actor, payload


def replay_state(
    scenario: Scenario, events: Iterable[Event], until: float | None = None
) -> SessionState:
    """The state after every event up to scenario time `until` (all events when None)."""
    records = ((event.t, event.kind, event.actor, event.payload) for event in events)
    return replay_records(scenario, records, until)


def replay_records(
    scenario: Scenario, records: Iterable[Record], until: float | None = None
) -> SessionState:
    """As replay_state, from (t, kind, actor, payload) records (see Journal.records)."""
    state = SessionState.initial(scenario)
    apply = state.apply
    for t, kind, actor, payload in records:
        if until is not None and t > until:
            break
        apply(t, kind, actor, payload)
    if until is not None:
        state.t = max(state.t, until)
    return state


def load_frozen(journal: Journal) -> Scenario:
    """The scenario a journal was played with, exactly as it was then."""
    with paused_gc():
        scenario = Scenario.model_validate_json(journal.session.scenario_text)
    # The scenario lives as long as the session and forms no garbage cycles: move it out
    # of the cyclic collector's way, which would otherwise rescan it again and again.
    gc.freeze()
    return scenario


def replay_journal(journal: Journal, until: float | None = None) -> tuple[Scenario, SessionState]:
    """The scenario of a journal and the state its events lead to (up to `until`)."""
    scenario = load_frozen(journal)
    with paused_gc():
        state = replay_records(scenario, journal.records(), until=until)
    state.seed = journal.session.seed
    return scenario, state
