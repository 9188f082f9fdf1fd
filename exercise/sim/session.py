"""A session: the engine, and the journal that every one of its events goes into.

Events reach the journal in one transaction per tick; a command counts as applied
(and is shown as such) only once the transaction holding its events has committed.
When a commit fails (a full disk, a failing disk), the session stops: its state is rolled
back to what the journal holds, so nothing is shown that was not recorded, and
`exercise resume` continues from the last committed event.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..gcpause import paused_gc
from ..journal import Journal, JournalError
from ..journal.chain import open_verified
from ..language import phrase
from ..model import InjectTemplate, Scenario, localize
from ..model.events import Event, NewEvent
from . import commands as c
from .engine import Engine, Outcome
from .replay import replay_journal
from .state import SessionState


def frozen_scenario(scenario: Scenario) -> str:
    """The resolved scenario (templates merged) as JSON: what the journal keeps."""
    return scenario.model_dump_json(by_alias=True)


class Session:
    def __init__(self, engine: Engine, journal: Journal) -> None:
        self.engine = engine
        self.journal = journal
        self.scenario = engine.scenario
        self.failure: JournalError | None = None  # why the journal stopped recording

    @classmethod
    def start(
        cls,
        scenario: Scenario,
        journal_path: Path,
        *,
        seed: int = 0,
        durable: bool = True,
        meta: Mapping[str, Any] | None = None,
        templates: Mapping[str, InjectTemplate] | None = None,
    ) -> Session:
        gc.freeze()  # see replay.load_frozen: the scenario is here to stay
        with paused_gc():  # thousands of timers and a large text: nothing cyclic
            journal = Journal.create(
                journal_path,
                scenario_id=scenario.id,
                scenario_title=localize(scenario.title, scenario.language),
                scenario_text=frozen_scenario(scenario),
                seed=seed,
                speed=scenario.speed,
                durable=durable,
                meta=dict(meta or {}),
            )
            session = cls(Engine(scenario, seed=seed, templates=templates), journal)
            session.commit()
        return session

    @classmethod
    def resume(
        cls,
        journal_path: Path,
        *,
        durable: bool = True,
        templates: Mapping[str, InjectTemplate] | None = None,
        max_bytes: int | None = None,
    ) -> Session:
        """Continue a session from its journal, checked first (a damaged one is refused);
        `max_bytes` caps the journal's size (see Journal.open)."""
        journal, _checked = open_verified(
            journal_path, readonly=False, durable=durable, max_bytes=max_bytes
        )
        try:
            scenario, state = replay_journal(journal)
            with paused_gc():
                session = cls(Engine(scenario, state=state, templates=templates), journal)
                session.commit()
        except BaseException:
            journal.close()
            raise
        return session

    @property
    def meta(self) -> dict[str, Any]:
        return dict(self.journal.session.meta or {})

    def commit(self) -> list[Event]:
        """Write what the engine emitted since the last commit, in one transaction.

        Raises JournalError when that fails; the session has then stopped for good (see
        `failure`) and its state is again the one the journal holds."""
        if self.failure is not None:
            raise self.failure
        pending = self.engine.take_pending()
        if not pending:
            return []
        try:
            return self.journal.append(pending)
        except JournalError as err:
            self._stop_unrecorded(err)
            raise
        except OSError as err:
            failure = JournalError(
                self.journal.path,
                phrase("the journal cannot be written ({error})", error=str(err)),
                "io",
            )
            self._stop_unrecorded(failure)
            raise failure from None

    def _stop_unrecorded(self, err: JournalError) -> None:
        """Stop for good, and roll the state back to the journal's: what the engine
        applied in memory but the journal did not record must not be shown."""
        self.failure = err
        try:
            _scenario, state = replay_journal(self.journal)
        except Exception:  # the journal cannot even be read: show nothing rather than guess
            state = SessionState.initial(self.scenario, self.engine.state.seed)
        self.engine.state = state

    def submit(self, command: c.Command, t: float | None = None) -> tuple[Outcome, list[Event]]:
        """Apply a command and commit; the caller may acknowledge it once this returns."""
        outcome = self.engine.submit(command, t)
        return outcome, self.commit()

    def record_after_play(self, events: Sequence[NewEvent]) -> list[Event]:
        """Append input given after play (the participants' feedback, a review's
        entries) through this session, the journal's one writer: only once the session has
        ended (the engine emits nothing more), at its last scenario time, in one
        transaction, applied to the state as a replay would apply it."""
        if self.failure is not None:
            raise self.failure
        if not self.engine.ended:
            raise ValueError("the session has not ended")
        self.commit()  # nothing should be pending; if it is, it goes first
        state = self.engine.state
        t = state.t
        committed = self.journal.append([NewEvent(t, e.kind, e.actor, e.payload) for e in events])
        for event in committed:  # as a replay would read them (a command id, an observation)
            state.apply(event.t, event.kind, event.actor, event.payload)
        return committed

    def close(self) -> None:
        self.journal.close()
