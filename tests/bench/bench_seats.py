"""Seats on loopback: event-to-seat latency, command acknowledgement, joining, host memory.

The host (this process) runs the bundled North Sea scenario with a durable journal; exercise
control sends ad-hoc injects to the roles in turn at 20 a second (each one changes the view
of that role's seats). The seats run in a child process: every seat reads its views, sends
an own-initiative decision every 2 s and times its acknowledgement. Latency is the wall
time a view frame arrived minus the wall time its journal sequence number was committed
(both clocks are this machine's). Host memory a seat is measured twice: its resident
memory with the seats connected minus before (freed heap pages handed back to the system
first, and the threads that check join codes made with their scrypt memory before the
seats join: that is the host's, not a seat's), and, in a join-only pass of its own, the
Python heap the seats' connections hold (tracemalloc), which does not depend on what the
allocator happens to keep. Each run is compared with the 1-seat run in the same invocation.

Targets (issue 13): 30 seats p99 <= 25 ms, ack p99 <= 50 ms, <= 100 KB a seat, no gaps;
100 seats p99 <= 75 ms, ack <= 150 ms; 250 seats p99 <= 150 ms, ack <= 250 ms; 30 seats
joining at once each see their view within 2 s; one seat flooding commands leaves the
others' ack p99 within 2x the run without it.

    python tests/bench/bench_seats.py [--seats 1,30,100] [--seconds 10] [--flood]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from exercise.content.loader import load_scenario
from exercise.content.resources import find_scenario
from exercise.model import RoleKind
from exercise.seats import protocol as p
from exercise.seats.codes import JoinCodes
from exercise.seats.host import Limits, SeatHost
from exercise.sim import commands as c
from exercise.sim.clock import VirtualClock
from exercise.sim.realtime import RealtimeDriver
from exercise.sim.session import Session

RATE = 20.0  # events a second
TARGETS = {30: (25.0, 50.0), 100: (75.0, 150.0), 250: (150.0, 250.0)}


def rss_kb() -> int:
    """This process's resident memory, after handing freed heap pages back to the system
    (glibc keeps them otherwise: memory freed by one seat's work would hide the next)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    with open(f"/proc/{os.getpid()}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else float("nan")


# -- the seats (child process) -------------------------------------------------------------


async def seats_main(url: str, codes: list[str], seconds: float, flood: bool) -> None:
    from websockets.asyncio.client import connect

    results: list[dict[str, Any]] = []
    ready = asyncio.Event()
    joined = 0
    start = asyncio.Event()

    async def seat(n: int, code: str) -> None:
        nonlocal joined
        began = time.time()
        ws = await connect(url, max_size=None, compression=None)
        await ws.send(p.dumps({"type": "hello", "version": 1, "client": f"b{n}", "code": code}))
        views: list[tuple[int, float]] = []
        acks: list[float] = []
        sent: dict[str, float] = {}
        result = {"join": 0.0, "views": views, "acks": acks, "inbox": 0, "flood": flood and n == 0}
        results.append(result)

        async def reader() -> None:
            async for frame in ws:
                now = time.time()
                data = p.loads(frame)
                if data["type"] == "view":
                    if not result["join"]:
                        result["join"] = now - began
                    views.append((data["seq"], now))
                    result["inbox"] = len(data["view"]["inbox"])
                elif data["type"] == "ack" and data["cid"] in sent:
                    acks.append(now - sent.pop(data["cid"]))

        reading = asyncio.create_task(reader())
        while not result["join"]:
            await asyncio.sleep(0.01)
        joined += 1
        if joined == len(codes):
            ready.set()
        await start.wait()
        end = time.time() + seconds
        k = 0
        while time.time() < end:
            k += 1
            cid = f"s{n}x{k}"
            sent[cid] = time.time()
            command = {"type": "self-decision", "text": f"step {k}"}
            await ws.send(p.dumps({"type": "cmd", "cid": cid, "command": command}))
            await asyncio.sleep(0.001 if result["flood"] else 2.0)
        await asyncio.sleep(1.0)
        reading.cancel()
        await ws.close()

    tasks = [asyncio.create_task(seat(n, code)) for n, code in enumerate(codes)]
    await asyncio.wait_for(ready.wait(), 60)
    print("ready", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    start.set()
    await asyncio.gather(*tasks)
    print(json.dumps(results), flush=True)


# -- the host (this process) ---------------------------------------------------------------


CODE_CHECKERS = 2  # the host's threads that check join codes (SeatHost)


async def _wrong_code(port: int) -> None:
    from websockets.asyncio.client import connect

    async with connect(f"ws://127.0.0.1:{port}/") as probe:
        await probe.send(
            p.dumps({"type": "hello", "version": 1, "client": "p", "code": "x-0000-0000"})
        )
        with contextlib.suppress(Exception):
            await probe.recv()


async def host_run(
    n: int, seconds: float, tmp: Path, flood: bool, trace: bool = False
) -> dict[str, Any]:
    path = find_scenario("noordzee-schaduw")
    assert path is not None
    scenario = load_scenario(path)
    roles = [r.id for r in scenario.roles if r.kind == RoleKind.PLAYER]
    journal = tmp / f"seats-{n}-{int(flood)}-{int(trace)}.db"
    session = Session.start(scenario, journal, durable=True)
    driver = RealtimeDriver(session, clock=VirtualClock(paused=True))
    committed: dict[int, float] = {}
    driver.listeners.append(lambda events: committed.update((e.seq, time.time()) for e in events))
    codes, fresh = JoinCodes.for_session(journal, dict.fromkeys(roles, c.SeatKind.PLAYER))
    limits = Limits(seats_per_role=1000, max_queue=5000)
    host = SeatHost(driver, codes, limits=limits)
    await host.start("127.0.0.1", 0)
    running = asyncio.create_task(driver.run())
    # wrong codes first, as many at once as codes are checked at once: every thread that
    # checks codes is made, with its scrypt memory, before the seats are (that memory is
    # the host's, whatever the number of seats, not a seat's)
    await asyncio.gather(*(_wrong_code(host.port) for _ in range(CODE_CHECKERS)))
    before = rss_kb()
    if trace:
        tracemalloc.start()
    seat_roles = [roles[k % len(roles)] for k in range(n)]
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        __file__,
        "--child",
        f"ws://127.0.0.1:{host.port}/",
        json.dumps([fresh[role] for role in seat_roles]),
        str(seconds),
        "1" if flood else "0",
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        limit=1 << 28,  # the seats' samples come back as one line of JSON
    )
    assert child.stdout is not None and child.stdin is not None
    assert (await child.stdout.readline()).strip() == b"ready"
    memory = (rss_kb() - before) / n
    heap = tracemalloc.get_traced_memory()[0] / 1024 / n if trace else float("nan")
    tracemalloc.stop()
    child.stdin.write(b"go\n")
    await child.stdin.drain()
    sent_to: dict[str, int] = dict.fromkeys(roles, 0)
    end = time.monotonic() + seconds
    k = 0
    while time.monotonic() < end:
        role = roles[k % len(roles)]
        k += 1
        command = c.AdhocInject(title=f"Update {k}", text="Situation report.", to=(role,))
        tick = time.monotonic()
        await driver.submit(command)
        sent_to[role] += 1
        await asyncio.sleep(max(0.0, 1 / RATE - (time.monotonic() - tick)))
    results = json.loads(await child.stdout.readline())
    await child.wait()
    await host.close()
    driver.stop()
    await running
    session.close()

    latency = [
        (t - committed[seq]) * 1000
        for r in results
        if not r["flood"]
        for seq, t in r["views"]
        if seq in committed
    ]
    acks = [a * 1000 for r in results if not r["flood"] for a in r["acks"]]
    gaps = sum(r["inbox"] != sent_to[seat_roles[k]] for k, r in enumerate(results))
    return {
        "seats": n,
        "p50": statistics.median(latency) if latency else float("nan"),
        "p99": pct(latency, 0.99),
        "ack50": statistics.median(acks) if acks else float("nan"),
        "ack99": pct(acks, 0.99),
        "join_max": max(r["join"] for r in results) * 1000,
        "memory_kb": memory,
        "heap_kb": heap,
        "gaps": gaps,
        "events": k,
    }


def show(run: dict[str, Any], base: dict[str, Any]) -> bool:
    n = run["seats"]
    target, ack_target = TARGETS.get(n, (float("inf"), float("inf")))
    ok = run["p99"] <= target and run["ack99"] <= ack_target and run["gaps"] == 0
    if n in (30, 250):
        ok = ok and max(run["memory_kb"], run["heap_kb"]) <= 100
    if n == 30:
        ok = ok and run["join_max"] <= 2000
    print(
        f"{n:>4} seats  view p50 {run['p50']:6.2f} ms  p99 {run['p99']:6.2f} ms "
        f"(x{run['p99'] / max(base['p99'], 0.01):.1f} of 1 seat)  "
        f"ack p50 {run['ack50']:6.2f} p99 {run['ack99']:6.2f} ms  "
        f"join max {run['join_max']:5.0f} ms  host {run['memory_kb']:5.1f} KB/seat "
        f"(heap {run['heap_kb']:4.1f})  "
        f"gaps {run['gaps']}  {'PASS' if ok else 'FAIL'}"
        + (f" (targets p99 <= {target:g}, ack <= {ack_target:g})" if n in TARGETS else "")
    )
    return ok


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        url, codes, seconds, flood = sys.argv[2:6]
        asyncio.run(seats_main(url, json.loads(codes), float(seconds), flood == "1"))
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("--seats", default="1,30,100")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--flood", action="store_true", help="also 30 seats, one flooding")
    args = parser.parse_args()
    counts = sorted({1, *(int(n) for n in args.seats.split(","))})
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        runs = [asyncio.run(host_run(n, args.seconds, Path(tmp), False)) for n in counts]
        for run in runs:  # the heap, in a pass of its own: tracing slows the host down
            traced = asyncio.run(host_run(run["seats"], 0.2, Path(tmp), False, trace=True))
            run["heap_kb"] = traced["heap_kb"]
        base = runs[0]
        for run in runs:
            ok = show(run, base) and ok
        if args.flood:
            calm = next((r for r in runs if r["seats"] == 30), None)
            if calm is None:
                calm = asyncio.run(host_run(30, args.seconds, Path(tmp), False))
            flooded = asyncio.run(host_run(30, args.seconds, Path(tmp), True))
            ratio = flooded["ack99"] / max(calm["ack99"], 0.01)
            flood_ok = ratio <= 2.0
            print(
                f"  30 seats, one flooding: others' ack p99 {flooded['ack99']:.2f} ms against "
                f"{calm['ack99']:.2f} ms without (x{ratio:.1f}, target <= 2x): "
                f"{'PASS' if flood_ok else 'FAIL'}"
            )
            ok = ok and flood_ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
