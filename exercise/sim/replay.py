"""Rebuilding a session's state from its events."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from ..gcpause import paused_gc
from ..journal import DamagedJournal, Journal, JournalError
from ..language import phrase
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


class UnreadableEvent(ValueError):
    """An event whose payload does not fit its kind (a crafted journal: the hash chain
    of a damaged one is broken, and it is refused before replay)."""

    def __init__(self, number: int, kind: str, err: BaseException) -> None:
        super().__init__(f"event {number} ({kind}) cannot be replayed: {type(err).__name__}: {err}")
        self.number = number
        self.said = phrase(
            "event {seq} ({kind}) cannot be replayed: {error}",
            seq=str(number),
            kind=kind,
            error=f"{type(err).__name__}: {err}",
        )


# What applying a payload of the wrong shape raises.
_MISFITS = (KeyError, TypeError, ValueError, AttributeError, IndexError, ArithmeticError)


def replay_records(
    scenario: Scenario,
    records: Iterable[Record],
    until: float | None = None,
    skip_unreadable: bool = False,
) -> SessionState:
    """As replay_state, from (t, kind, actor, payload) records (see Journal.records).

    An event that does not fit its kind raises UnreadableEvent, or is passed over with
    `skip_unreadable` (a report of a damaged journal, which says it is damaged)."""
    state = SessionState.initial(scenario)
    apply = state.apply
    for number, (t, kind, actor, payload) in enumerate(records, 1):
        if until is not None and t > until:
            break
        try:
            apply(t, kind, actor, payload)
        except _MISFITS as err:
            if not skip_unreadable:
                raise UnreadableEvent(number, str(kind), err) from None
    if until is not None:
        state.t = max(state.t, until)
    return state


def load_frozen(journal: Journal) -> Scenario:
    """The scenario a journal was played with, exactly as it was then."""
    with paused_gc():
        try:
            scenario = Scenario.model_validate_json(journal.session.scenario_text)
        except ValidationError as err:
            first = err.errors()[0] if err.error_count() else {"msg": str(err), "loc": ()}
            where = ".".join(str(part) for part in first.get("loc", ()))
            raise JournalError(
                journal.path,
                phrase(
                    "the scenario frozen in the journal cannot be read ({where}: {error})",
                    where=where,
                    error=str(first["msg"]),
                ),
                "corrupt",
            ) from None
    # The scenario lives as long as the session and forms no garbage cycles: move it out
    # of the cyclic collector's way, which would otherwise rescan it again and again.
    gc.freeze()
    return scenario


def replay_journal(
    journal: Journal, until: float | None = None, skip_unreadable: bool = False
) -> tuple[Scenario, SessionState]:
    """The scenario of a journal and the state its events lead to (up to `until`)."""
    scenario = load_frozen(journal)
    with paused_gc():
        try:
            state = replay_records(scenario, journal.records(), until, skip_unreadable)
        except UnreadableEvent as err:
            raise DamagedJournal(journal.path, err.said, err.number) from None
    state.seed = journal.session.seed
    return scenario, state
