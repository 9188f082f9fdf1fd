"""A session: the engine, and the journal that every one of its events goes into.

Events reach the journal in one transaction per tick; a command counts as applied
(and is shown as such) only once the transaction holding its events has committed.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..gcpause import paused_gc
from ..journal import Journal
from ..model import InjectTemplate, Scenario, localize
from ..model.events import Event
from . import commands as c
from .engine import Engine, Outcome
from .replay import replay_journal


def frozen_scenario(scenario: Scenario) -> str:
    """The resolved scenario (templates merged) as JSON: what the journal keeps."""
    return scenario.model_dump_json(by_alias=True)


class Session:
    def __init__(self, engine: Engine, journal: Journal) -> None:
        self.engine = engine
        self.journal = journal
        self.scenario = engine.scenario

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
    ) -> Session:
        journal = Journal.open(journal_path, durable=durable)
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
        """Write what the engine emitted since the last commit, in one transaction."""
        pending = self.engine.take_pending()
        return self.journal.append(pending) if pending else []

    def submit(self, command: c.Command, t: float | None = None) -> tuple[Outcome, list[Event]]:
        """Apply a command and commit; the caller may acknowledge it once this returns."""
        outcome = self.engine.submit(command, t)
        return outcome, self.commit()

    def close(self) -> None:
        self.journal.close()
