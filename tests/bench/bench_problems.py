"""Reporting problems takes time linear in their number: a file with 20,000 problems against
the same kind of file with 2,000, measured in the same run.

Target (issue: bounded resources, hostile files): at most 15x for ten times the problems
(linear is 10x; the quadratic lookup this replaces was about 100x, 36 s for 20,000 unknown
keys). Three kinds: unknown keys (locating each key), decisions without options (pydantic
errors of one kind), unknown references (the cross-checks and their suggestions). Prints
the figures; exits 1 when a target is missed.

    python tests/bench/bench_problems.py [--small N] [--repeat R]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from exercise.content.loader import load_scenario
from exercise.content.problems import ContentError

HEAD = """format: 1
id: problems
title: Problems
duration: 2h
phases: [{id: hybrid, title: Hybrid campaign, level: L1, at: 0}]
roles: [{id: nctv, title: Crisis chair}]
"""


def unknown_keys(n: int) -> str:
    return HEAD + "".join(f"unknown-{i}: {i}\n" for i in range(n))


def empty_options(n: int) -> str:
    return (
        HEAD
        + "injects:\n"
        + "".join(
            f"  - {{id: i{i}, at: 1m, to: nctv, title: T, text: T, pillars: vital-processes, "
            "decision: {prompt: P, options: []}}\n"
            for i in range(n)
        )
    )


def unknown_references(n: int) -> str:
    return (
        HEAD
        + "injects:\n"
        + "".join(
            f"  - {{id: i{i}, to: [nobody-{i}], title: T, text: T, pillars: vital-processes, "
            f"when: 'delivered(missing-{i})'}}\n"
            for i in range(n // 2)
        )
    )


def best_of(repeat: int, func: Callable[[], int]) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = func()
        times.append(time.perf_counter() - start)
    return min(times), found


def problems_in(path: Path) -> Callable[[], int]:
    def load() -> int:
        try:
            load_scenario(path)
        except ContentError as err:
            return sum(p.omitted or 1 for p in err.problems)
        return 0

    return load


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for make in (unknown_keys, empty_options, unknown_references):
            figures = []
            for n in (args.small, args.small * 10):
                path = Path(tmp) / f"{make.__name__}-{n}.yaml"
                path.write_text(make(n), encoding="utf-8")
                figures.append(best_of(args.repeat, problems_in(path)))
            (small, found_small), (large, found_large) = figures
            ratio = large / small
            passed = ratio <= 15 and found_large >= 10 * found_small * 0.9
            ok = ok and passed
            print(
                f"{make.__name__:20} {found_small:>6,} problems {small * 1000:7.0f} ms   "
                f"{found_large:>7,} problems {large * 1000:7.0f} ms   "
                f"ratio {ratio:5.1f}x (target <= 15x): {'PASS' if passed else 'FAIL'}"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
