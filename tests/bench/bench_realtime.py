"""Delivery lateness of the realtime driver at speed x60 over 60 s of wall time.

Hundreds of injects are delivered by the driver (durable journal included); each one's
lateness is the wall time at which its delivery was committed minus the wall time the
clock scheduled it for. The baseline, in the same run, is a bare asyncio loop sleeping
until the same scheduled times: the lateness this machine's event loop gives anyway.

Targets (issue: simulation core): p99 lateness at most 5 ms, and no drift that grows
with time (the mean lateness of the last tenth is no worse than the first tenth + 2 ms).

    python tests/bench/bench_realtime.py [--seconds 60] [--injects 600]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from scenario_gen import generate

from exercise.model import Scenario
from exercise.model.events import Event, Kind
from exercise.sim.clock import VirtualClock
from exercise.sim.realtime import RealtimeDriver
from exercise.sim.session import Session

SPEED = 60.0


def scenario_for(seconds: float, injects: int) -> Scenario:
    data = generate(injects)
    duration = seconds * SPEED
    data["duration"] = f"{duration:.0f}s"
    data["phases"] = data["phases"][:1]
    for n, inject in enumerate(data["injects"]):  # all on the timeline, spread evenly
        inject.pop("when", None)
        inject.pop("after", None)
        inject["at"] = f"{(n + 1) * duration / (injects + 1):.3f}s"
    return Scenario.model_validate(data)


async def drive(scenario: Scenario, path: Path, durable: bool) -> list[tuple[float, float]]:
    """(scenario time, lateness in seconds) of every delivery."""
    session = Session.start(scenario, path, durable=durable)
    clock = VirtualClock(speed=SPEED)
    samples: list[tuple[float, float]] = []

    def on_events(events: list[Event]) -> None:
        now = time.monotonic()
        for event in events:
            if event.kind == Kind.INJECT_DELIVERED:
                samples.append((event.t, now - clock.wall_at(event.t)))

    driver = RealtimeDriver(session, clock=clock, listener=on_events)
    await driver.run()
    session.close()
    return samples


async def bare_loop(times: list[float]) -> list[tuple[float, float]]:
    clock = VirtualClock(speed=SPEED)
    samples = []
    for t in times:
        await asyncio.sleep(clock.wall_delay(t))
        samples.append((t, time.monotonic() - clock.wall_at(t)))
    return samples


def report(name: str, samples: list[tuple[float, float]]) -> tuple[float, float]:
    lateness = sorted(late * 1000 for _t, late in samples)
    p50 = statistics.median(lateness)
    p99 = lateness[min(len(lateness) - 1, int(len(lateness) * 0.99))]
    tenth = max(1, len(samples) // 10)
    first = statistics.mean(late * 1000 for _t, late in samples[:tenth])
    last = statistics.mean(late * 1000 for _t, late in samples[-tenth:])
    print(
        f"{name:<34} n={len(samples)}  p50 {p50:.2f} ms  p99 {p99:.2f} ms  "
        f"max {lateness[-1]:.2f} ms  mean first/last tenth {first:.2f}/{last:.2f} ms"
    )
    return p99, last - first


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--injects", type=int, default=600)
    parser.add_argument(
        "--no-sync", action="store_true", help="journal without fsync per commit (headless mode)"
    )
    args = parser.parse_args()
    scenario = scenario_for(args.seconds, args.injects)
    times = [inject.at or 0.0 for inject in scenario.injects]
    with tempfile.TemporaryDirectory() as tmp:
        base = asyncio.run(bare_loop(times))
        ours = asyncio.run(drive(scenario, Path(tmp) / "realtime.db", not args.no_sync))
    report("baseline (bare asyncio sleeps)", base)
    p99, drift = report("realtime driver + durable journal", ours)
    ok = p99 <= 5.0 and drift <= 2.0
    print(f"p99 {p99:.2f} ms (target <= 5 ms), drift {drift:+.2f} ms: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
