"""Headless play of a generated 10,000-inject scenario with decisions, journal included,
against a baseline measured in the same run: as many bare SimPy timeouts as the engine
fired timers, and as many rows inserted into SQLite in the same transactions.

Target (issue: simulation core): at most 3x the baseline. Exits 1 when missed.

With `--narratives N`, the same scenario with N narratives of the media environment (each
started by an early inject, stepping every minute to the end, moving an indicator) is
played too, best of the same number of runs, and its time is printed beside the plain
run's: what narratives cost, not a target.

    python tests/bench/bench_play.py [--injects N] [--narratives N]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import simpy

sys.path.insert(0, str(Path(__file__).parent))
from scenario_gen import generate

from exercise.model import Scenario
from exercise.sim.headless import run_headless
from exercise.sim.players import AutoPlayer
from exercise.sim.session import Session


def play(scenario: Scenario, path: Path) -> tuple[float, float]:
    """Our run, timed: (whole: session start with the journal created and the scenario
    frozen into it, then play; the play loop alone)."""
    start = time.perf_counter()
    session = Session.start(scenario, path, seed=1, durable=False)
    loop = time.perf_counter()
    run_headless(session, AutoPlayer("expected"))
    session.close()
    end = time.perf_counter()
    return end - start, end - loop


def shape_of_run(scenario: Scenario, path: Path) -> tuple[int, list[int]]:
    """An instrumented, untimed run: how many timers fired, and the transaction sizes."""
    batches: list[int] = []
    session = Session.start(scenario, path, seed=1, durable=False)
    original_append = session.journal.append

    def counting_append(events, wall=None):
        batches.append(len(events))
        return original_append(events, wall)

    session.journal.append = counting_append  # type: ignore[method-assign]
    env = session.engine.env
    steps = 0
    original_step = env.step

    def counting_step() -> None:
        nonlocal steps
        steps += 1
        original_step()

    env.step = counting_step  # type: ignore[method-assign]
    run_headless(session, AutoPlayer("expected"))
    session.close()
    return steps, batches


def baseline(timers: int, batches: list[int], path: Path) -> float:
    start = time.perf_counter()
    env = simpy.Environment()
    fired = 0

    def tick(_event: simpy.Event) -> None:
        nonlocal fired
        fired += 1

    for n in range(timers):
        env.timeout(n * 0.5).callbacks.append(tick)
    env.run()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(
        "CREATE TABLE events (seq INTEGER PRIMARY KEY, t REAL, wall REAL, kind TEXT, "
        "actor TEXT, payload TEXT, prev_hash TEXT, hash TEXT)"
    )
    payload = json.dumps({"inject": "inject-1", "to": ["nctv", "ezk"], "cause": "timeline"})
    seq = 0
    for size in batches:
        conn.execute("BEGIN IMMEDIATE")
        rows = []
        for _ in range(size):
            seq += 1
            rows.append(
                (seq, seq * 0.5, time.time(), "inject-delivered", None, payload, "0" * 64, "0" * 64)
            )
        conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
    conn.close()
    assert fired == timers
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--injects", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--narratives", type=int, default=0)
    args = parser.parse_args()
    scenario = Scenario.model_validate(generate(args.injects))
    ours = loop = base = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        timers, batches = shape_of_run(scenario, Path(tmp) / "shape.db")
        for n in range(args.repeat):  # best of N for both, interleaved, to damp noise
            whole, in_loop = play(scenario, Path(tmp) / f"play-{n}.db")
            ours, loop = min(ours, whole), min(loop, in_loop)
            base = min(base, baseline(timers, batches, Path(tmp) / f"base-{n}.db"))
    rows = sum(batches)
    ratio = ours / base
    print(
        f"scenario: {args.injects} injects; {timers} timers, {rows} events "
        f"in {len(batches)} transactions"
    )
    print(f"baseline (bare SimPy timeouts + SQLite inserts): {base * 1000:.0f} ms")
    print(f"headless play with journal:                      {ours * 1000:.0f} ms")
    print(
        f"  of which the play loop (after session start):  {loop * 1000:.0f} ms "
        f"({loop / base:.2f}x)"
    )
    print(f"ratio {ratio:.2f}x (target <= 3x): {'PASS' if ratio <= 3 else 'FAIL'}")
    if args.narratives:
        _with_narratives(args.injects, args.narratives, args.repeat, ours)
    return 0 if ratio <= 3 else 1


def _with_narratives(injects: int, count: int, repeat: int, plain: float) -> None:
    data = generate(injects)
    data["narratives"] = [
        {
            "id": f"narrative-{n}",
            "claim": f"Claim {n}",
            "from": [f"inject-{n}"],
            "start": 1,
            "growth": 1,  # never reaches its ceiling: a step every minute to the end
            "every": "1m",
            "answered_by": ["threat-info"],
            "effects": {data["indicators"][0]["id"]: -0.001},
        }
        for n in range(count)
    ]
    scenario = Scenario.model_validate(data)
    best = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(repeat):
            best = min(best, play(scenario, Path(tmp) / f"narratives-{n}.db")[0])
        timers, batches = shape_of_run(scenario, Path(tmp) / "shape.db")
    print(
        f"with {count} narratives stepping every minute: {best * 1000:.0f} ms "
        f"({best / plain:.2f}x the plain run; {timers} timers, {sum(batches)} events)"
    )


if __name__ == "__main__":
    sys.exit(main())
