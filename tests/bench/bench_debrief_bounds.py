"""Debriefing an extreme journal, against debriefing the demo's rehearsal in the same run.

The extreme journal is the hand-built session of the debrief tests with an indicator
bounded by ±1e308 that swings from one bound to the other, 3,000 phase changes, a
100,000-character rationale, 200 events that cannot be read, and an end 99,999,999 days
after T+0. Before the charts and renderers were bounded it took minutes and gigabytes;
the figure is how it compares with an ordinary journal, and the sizes of its files.

    python tests/bench/bench_debrief_bounds.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))
from debrief_journals import HAND_EVENTS, HAND_SCENARIO, write_journal

from exercise.cli import main as cli
from exercise.debrief import FORMATS, build_report, render
from exercise.journal import Journal
from exercise.model.events import Kind, NewEvent


def extreme_journal(path: Path) -> Path:
    scenario = copy.deepcopy(HAND_SCENARIO)
    scenario["indicators"][0].update(min=-1e308, max=1e308, start=1e308)
    end = 99_999_999 * 86400.0
    events = []
    for event in HAND_EVENTS[:-1]:
        payload = dict(event.payload)
        if event.kind == Kind.DECISION_TAKEN:
            payload["rationale"] = "why " * 25_000
        events.append(NewEvent(event.t, event.kind, event.actor, payload))
    events.append(
        NewEvent(3000, Kind.INDICATOR_CHANGED, None, {"indicator": "trust", "value": -1e308})
    )
    events += [
        NewEvent(3000 + n * 1e9, Kind.PHASE_ENTERED, None, {"phase": "war", "level": "L3"})
        for n in range(3000)
    ]
    events += [NewEvent(3000, Kind.INDICATOR_CHANGED, None, {"indicator": "trust"})] * 200
    events.append(NewEvent(end, Kind.SESSION_ENDED, None, {"reason": "scenario time is up"}))
    return write_journal(path, events, scenario)


def debrief(path: Path, sizes: dict[str, int]) -> float:
    start = time.perf_counter()
    with Journal.open(path, readonly=True) as journal:
        report = build_report(journal, damage="measured as if damaged")
    for fmt in FORMATS:
        sizes[fmt] = len(render(report, fmt).encode("utf-8"))
    return time.perf_counter() - start


def best(repeat: int, path: Path, sizes: dict[str, int]) -> float:
    return min(debrief(path, sizes) for _ in range(repeat))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo.db"
        cli(["play", "demo", "--auto", "expected", "--journal", str(demo)])
        extreme = extreme_journal(Path(tmp) / "extreme.db")
        demo_sizes: dict[str, int] = {}
        extreme_sizes: dict[str, int] = {}
        normal = best(args.repeat, demo, demo_sizes)
        hostile = best(args.repeat, extreme, extreme_sizes)
    print(f"demo rehearsal, all four formats:  {normal * 1000:.0f} ms")
    print(f"extreme journal, all four formats: {hostile * 1000:.0f} ms ({hostile / normal:.1f}x)")
    for name, sizes in (("demo", demo_sizes), ("extreme", extreme_sizes)):
        print(f"  {name} sizes: " + ", ".join(f"{f} {n / 1e3:.0f} kB" for f, n in sizes.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
