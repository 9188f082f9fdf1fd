"""Replaying a 100,000-event journal to its final state, and resuming it.

The journal comes from headless play of a generated scenario whose every inject carries a
decision moving six indicators: ten events an inject (delivery, decision opened and taken,
six indicator changes, expected action met), so 100,000 events from 10,000 injects.
The baseline, in the same run, is reading the same events from the journal.

Targets (issue: simulation core): replay to the final state under 1 s; `resume` (journal
opened, scenario thawed, state rebuilt, timers set) ready under 1 s. Both include the check
of the journal's chain that every reader does first (issue: the journal is the truth).

    python tests/bench/bench_replay.py [--events 100000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from scenario_gen import generate

from exercise.journal import Journal, open_verified
from exercise.model import Scenario
from exercise.sim.headless import run_headless
from exercise.sim.players import AutoPlayer
from exercise.sim.replay import replay_journal
from exercise.sim.session import Session

EVENTS_PER_INJECT = 10
INDICATORS = [f"ind-{n}" for n in range(6)]


def build_journal(path: Path, events: int) -> int:
    injects = events // EVENTS_PER_INJECT
    data = generate(injects)
    data["indicators"] = [
        {
            "id": name,
            "title": name,
            "pillar": "vital-processes",
            "start": 50,
            "min": -1e9,
            "max": 1e9,
        }
        for name in INDICATORS
    ]
    for inject in data["injects"]:  # every inject on the timeline, every one a decision
        inject.pop("when", None)
        inject.pop("after", None)
        inject.setdefault("at", "60s")
        inject["decision"] = {
            "role": inject["to"][0],
            "prompt": "How do you respond?",
            "deadline": "20m",
            "options": [{"id": "act", "label": "Act", "effects": dict.fromkeys(INDICATORS, 1)}],
        }
        inject["expected"] = [{"option": "act", "within": "10m", "objective": "obj-1"}]
    scenario = Scenario.model_validate(data)
    session = Session.start(scenario, path, durable=False)
    run_headless(session, AutoPlayer("expected"))
    count = session.journal.count()
    session.close()
    return count


def best_of(repeat: int, func) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.db"
        count = build_journal(path, args.events)

        def read_only() -> None:
            with Journal.open(path, readonly=True) as journal:
                for _event in journal.events():
                    pass

        def replay() -> None:
            journal, _checked = open_verified(path)  # as `exercise replay`: checked first
            with journal:
                replay_journal(journal)

        def resume() -> None:
            session = Session.resume(path, durable=False)
            session.close()

        read = best_of(args.repeat, read_only)
        replayed = best_of(args.repeat, replay)
        resumed = best_of(args.repeat, resume)
    ok = replayed < 1.0 and resumed < 1.0
    print(f"journal: {count:,} events")
    print(f"baseline, reading the events:       {read * 1000:.0f} ms")
    print(f"replay to the final state:          {replayed * 1000:.0f} ms ({replayed / read:.1f}x)")
    print(f"resume ready (state and timers):    {resumed * 1000:.0f} ms ({resumed / read:.1f}x)")
    print(f"targets: replay < 1 s, resume < 1 s: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
