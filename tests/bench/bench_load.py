"""Loading and validating a 10,000-inject scenario, against a bare libyaml load of the
same file measured in the same run.

Target (issue: scenario language): at most 3x the bare `yaml.load(CSafeLoader)`, and
under 2 s. Prints the figures; exits 1 when a target is missed.

    python tests/bench/bench_load.py [--injects N] [--repeat R]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from scenario_gen import generate_text

from exercise.content.loader import load_scenario


def best_of(repeat: int, func) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--injects", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scenarios" / "bench.yaml"
        path.parent.mkdir()
        path.write_text(generate_text(args.injects), encoding="utf-8")
        size = path.stat().st_size

        def bare() -> None:
            with path.open("rb") as f:
                yaml.load(f, Loader=yaml.CSafeLoader)

        def full() -> None:
            scenario = load_scenario(path)
            assert len(scenario.injects) == args.injects

        baseline = best_of(args.repeat, bare)
        ours = best_of(args.repeat, full)
    ratio = ours / baseline
    ok = ratio <= 3.0 and ours < 2.0
    print(f"scenario: {args.injects} injects, {size / 1e6:.1f} MB")
    print(f"baseline yaml.load(CSafeLoader): {baseline * 1000:.0f} ms")
    print(f"load + validate + cross-checks:  {ours * 1000:.0f} ms")
    print(
        f"ratio {ratio:.2f}x (target <= 3x), absolute {ours:.2f} s (target < 2 s): "
        f"{'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
