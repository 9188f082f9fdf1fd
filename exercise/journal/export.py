"""Write a journal's events as JSON Lines or CSV, for spreadsheets and other tools."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from typing import Literal, TextIO

from exercise.model import format_clock

from ..safetext import clean, json_safe
from .store import Journal

Format = Literal["jsonl", "csv"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv")
CSV_COLUMNS = ("seq", "t", "t_clock", "wall", "kind", "actor", "payload")

# A spreadsheet treats a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_compact = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


def safe_cell(text: str) -> str:
    """Text a spreadsheet shows as text: a leading quote defuses formula injection."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def iso_utc(wall: float) -> str:
    """Epoch seconds as ISO 8601 UTC with milliseconds: 2027-03-01T05:00:00.000Z."""
    moment = datetime.fromtimestamp(wall, tz=UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def export_events(journal: Journal, fmt: Format, out: TextIO) -> int:
    """Write every event of `journal` to `out` in `fmt`; returns the number written.

    jsonl: one JSON object a line (seq, t, wall, kind, actor, payload, hash).
    csv: a header and one row an event (seq, t, t_clock, wall, kind, actor, payload); open
    files for CSV with newline="".
    """
    if fmt == "jsonl":
        return _jsonl(journal, out)
    if fmt == "csv":
        return _csv(journal, out)
    raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


def _jsonl(journal: Journal, out: TextIO) -> int:
    count = 0
    dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
    for event in journal.events():
        record = {
            "seq": event.seq,
            "t": event.t,
            "wall": event.wall,
            "kind": event.kind,
            "actor": event.actor,
            "payload": event.payload,
            "hash": event.hash,
        }
        out.write(json_safe(dumps(record)) + "\n")
        count += 1
    return count


def _csv(journal: Journal, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for event in journal.events():
        writer.writerow(
            (
                event.seq,
                repr(event.t),
                format_clock(event.t),
                iso_utc(event.wall),
                safe_cell(clean(event.kind)),
                "" if event.actor is None else safe_cell(clean(event.actor)),
                safe_cell(clean(_compact(event.payload))),
            )
        )
        count += 1
    return count
