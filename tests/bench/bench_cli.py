"""How long `exercise --help` takes, against starting Python itself in the same run.

The command line imports only the parser to show its help; each command imports what it
needs when it runs. Target (issue: engineering hygiene): `exercise --help` under 150 ms,
in English and in Dutch (which reads the compiled catalogue, never Babel).

    python tests/bench/bench_cli.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

TARGET = 0.150


def timed(command: list[str], repeat: int, lang: str = "") -> float:
    """The median wall time of `command` over `repeat` runs (in `lang`: LANGUAGE)."""
    env = {**os.environ, "LANGUAGE": lang}
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    python = timed([sys.executable, "-c", "pass"], args.repeat)
    help_ = timed([sys.executable, "-m", "exercise", "--help"], args.repeat)
    dutch = timed([sys.executable, "-m", "exercise", "--help"], args.repeat, lang="nl")
    version = timed([sys.executable, "-m", "exercise", "--version"], args.repeat)
    ok = max(help_, dutch) < TARGET
    print(f"baseline, python -c pass:   {python * 1000:.0f} ms")
    print(f"exercise --help:            {help_ * 1000:.0f} ms (+{(help_ - python) * 1000:.0f} ms)")
    print(f"exercise --help, Dutch:     {dutch * 1000:.0f} ms (+{(dutch - python) * 1000:.0f} ms)")
    print(f"exercise --version:         {version * 1000:.0f} ms")
    print(f"target: --help < {TARGET * 1000:.0f} ms: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
