"""Checking a 100,004-event journal's hash chain, against reading its events.

Every command that trusts a journal (replay, debrief, export, resume, review) walks its
chain first, so the walk must stay cheap. The journal is the one bench_replay.py builds
(100,000 events from 10,000 decisions, plus the session's own events); the baseline, in the
same run, is reading every event from it (`Journal.events()`, payloads decoded), with the
cyclic garbage collector held as the check holds it: left running, the collector makes the
baseline vary by half from run to run.

Target (issue: the journal is the truth): `verify`, and the chain check on open, each at
most 1.5x the baseline.

    python tests/bench/bench_verify.py [--events 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_replay import best_of, build_journal

from exercise.gcpause import paused_gc
from exercise.journal import Journal, verify
from exercise.journal.chain import open_verified

TARGET = 1.5


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.db"
        count = build_journal(path, args.events)

        def read_events() -> None:
            with paused_gc(), Journal.open(path, readonly=True) as journal:
                for _event in journal.events():
                    pass

        def verify_file() -> None:
            assert verify(path).ok

        def check_on_open() -> None:
            journal, result = open_verified(path)
            journal.close()
            assert result.ok

        read = best_of(args.repeat, read_events)
        verified = best_of(args.repeat, verify_file)
        opened = best_of(args.repeat, check_on_open)
    ok = verified <= TARGET * read and opened <= TARGET * read
    print(f"journal: {count:,} events")
    print(f"baseline, reading the events:   {read * 1000:.0f} ms")
    print(f"verify:                         {verified * 1000:.0f} ms ({verified / read:.2f}x)")
    print(f"chain check on open:            {opened * 1000:.0f} ms ({opened / read:.2f}x)")
    print(f"target: each at most {TARGET}x the baseline: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
