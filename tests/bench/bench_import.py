"""Importing a generated 1,000-row MSEL workbook, against openpyxl reading the same
workbook read-only (every value of every row) in the same run.

Target (issue 16): at most 3x the bare read. The import does everything `exercise import`
does: the archive checks, the read, header and columns, times, broadcasts merged, roles,
the YAML written and checked as a scenario. Prints the figures; exits 1 when the target
is missed.

    python tests/bench/bench_import.py [--rows N] [--repeat R]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook, load_workbook

from exercise.msel.importer import Settings, import_file

TARGET = 3.0
PLAYERS = ["NCTV", "NKC", "KGG", "Defensie", "JenV", "BZK", "IenW", "VWS"]


def generate(path: Path, rows: int) -> None:
    """An MSEL as planners write one: clock times, a player per row (broadcasts as rows
    for each player), a few polls, expected actions and notes."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "MSEL"
    ws.append(["#", "Time", "From", "Player", "Method", "Subject", "Script",
               "Expected action", "Notes", "Poll"])  # fmt: skip
    for n in range(1, rows + 1):
        minute = n // 3  # three rows a minute: broadcasts share a time and a text
        text = f"Situation report {minute}: " + "the operator reports further damage. " * 6
        ws.append([
            n,
            f"{8 + minute // 60:02d}:{minute % 60:02d}",
            "Gasunie control room (SimCell)",
            PLAYERS[n % len(PLAYERS)],
            "phone" if n % 2 else "e-mail",
            f"Event {minute}",
            text,
            "Convenes the ICCb within the hour" if n % 5 == 0 else None,
            "Controller: only if asked" if n % 7 == 0 else None,
            "Act now | Wait for the analysis" if n % 25 == 0 else None,
        ])  # fmt: skip
    book.save(path)


def best_of_each(repeat: int, *funcs: Callable[[], object]) -> list[float]:
    """The best time of each function, run in turns: a machine that gets busier or
    quieter during the run weighs on both alike."""
    best = [float("inf")] * len(funcs)
    for _ in range(repeat):
        for n, func in enumerate(funcs):
            start = time.perf_counter()
            func()
            best[n] = min(best[n], time.perf_counter() - start)
    return best


def bare_read(path: Path) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(path, read_only=True, data_only=True)
    count = 0
    for row in book.active.iter_rows(values_only=True):  # type: ignore[union-attr]
        count += sum(1 for v in row if v is not None)
    book.close()
    return count


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "msel.xlsx"
        generate(path, args.rows)
        settings = Settings(level="L1", pillars=["vital-processes"])
        text, imported = import_file(path, settings, None)  # also warms up both paths
        bare_read(path)
        bare, full = best_of_each(
            args.repeat, lambda: bare_read(path), lambda: import_file(path, settings, None)
        )
    ratio = full / bare
    print(
        f"workbook: {args.rows:,} rows, {path.name}; scenario: "
        f"{len(imported.scenario['injects']):,} injects, {len(text):,} characters of YAML"
    )
    print(f"openpyxl read-only read : {bare * 1000:8.1f} ms")
    print(f"exercise import         : {full * 1000:8.1f} ms  ({ratio:.2f}x, target <= {TARGET}x)")
    if ratio > TARGET:
        print("target missed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
