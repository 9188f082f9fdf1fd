"""Debriefing a 100,000-event journal in all four formats.

The journal comes from headless play of a generated scenario whose every inject carries a
decision and an expected action (as in bench_replay.py). The baseline, in the same run,
is reading the journal's events. The figure is the full debrief: open the journal, check
its chain, read it, build the report and render console text, Markdown, HTML and JSON.

Target (issue: debrief): under 3 s, reported as a ratio to reading the events.

    python tests/bench/bench_debrief.py [--events 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_replay import best_of, build_journal

from exercise.debrief import FORMATS, build_report, render_bytes
from exercise.journal import Journal, open_verified

TARGET = 3.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes: dict[str, int] = {}
    parts: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.db"
        count = build_journal(path, args.events)

        def read_only() -> None:
            with Journal.open(path, readonly=True) as journal:
                for _event in journal.events():
                    pass

        def debrief() -> None:
            start = time.perf_counter()
            journal, _checked = open_verified(path)  # as `exercise debrief`: checked first
            with journal:
                report = build_report(journal)
            parts["report"] = time.perf_counter() - start
            for fmt in FORMATS:
                start = time.perf_counter()
                data = render_bytes(report, fmt)
                parts[fmt] = time.perf_counter() - start
                sizes[fmt] = len(data)
                (Path(tmp) / f"big.{fmt}").write_bytes(data)

        read = best_of(args.repeat, read_only)
        full = best_of(args.repeat, debrief)
    ok = full < TARGET
    print(f"journal: {count:,} events")
    print(f"baseline, reading the events:          {read * 1000:.0f} ms")
    print(f"debrief, all four formats:             {full * 1000:.0f} ms ({full / read:.1f}x)")
    print(
        "  last run: "
        + ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in parts.items())
    )
    print("  sizes: " + ", ".join(f"{fmt} {size / 1e6:.1f} MB" for fmt, size in sizes.items()))
    print(f"target: debrief < {TARGET:g} s: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
