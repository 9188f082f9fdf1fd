"""Small MSEL workbooks the tests make themselves, in the shapes of the real samples
(T3SF: a header row, one row per player for a broadcast, polls; OpenBAS: no header)."""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Any

from openpyxl import Workbook

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "msel-samples"
if not SAMPLES.is_dir():  # a worktree beside the main checkout, or the shared folder itself
    SAMPLES = Path("/work/shared/msel-samples")
SAMPLES_REASON = f"the real MSEL samples are not on this machine ({SAMPLES})"

T3SF_HEADER = ["#", "Real Time", "Player", "Date", "Subject", "From", "Script", "Photo", "Poll"]
T3SF_ROWS: list[list[Any]] = [
    [1, time(19, 29), "Information Security", "Monday 9:30 AM", "Anomalous files", "AWS",
     "We detected anomalous files.", "https://example.org/a.png", None],
    [2, time(19, 31), "Legal", "Monday 10:00 AM", "MIT vs GPL", "Joaquin",
     "Which licence?", None, "MIT | GPL"],
    [3, time(19, 32), "PR/Comm", "Monday 11:00 AM", "Files encrypted", "h4x0r",
     "I encrypted your files.", None, None],
    [4, time(19, 32), "Legal", "Monday 11:00 AM", "Files encrypted", "h4x0r",
     "I encrypted your files.", None, None],
    [5, time(19, 32), "SRE", "Monday 11:00 AM", "Files encrypted", "h4x0r",
     "I encrypted your files.", None, None],
    [6, time(19, 35), "PR/Comm", "Monday 11:15 AM", "Data breach", "New York Times",
     "Can you confirm?", None, None],
]  # fmt: skip

OPENBAS_ROWS: list[list[Any]] = [
    [None, "Send a mail", "J-1", "team2", "subject", "message2", None, "expectation", "done", 100],
    [None, "Send an SMS", "J", "team1", None, "message1", "description", "expectation", "done",
     100],
    [None, "Send a mail", "J+1 H+2 M-5", "team2", "subject", "message2", None, "exp", "done", 100],
    [None, "???", "J+2"],
    [None, "Send another mail", "J+3", None, "subject", "message3", None, "exp", "done", 100],
]  # fmt: skip

OPENBAS_MAPPING = """\
format: 1
sheet: CHECKLIST
header_row: 0
columns: {method: B, time: C, to: D, title: E, text: F, notes: G, expected: [H, I], ignore: J}
level: L1
pillars: [vital-processes]
to: [team1, team2]
"""


def workbook(path: Path, rows: list[list[Any]], title: str = "main") -> Path:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def t3sf_book(folder: Path) -> Path:
    return workbook(folder / "t3sf.xlsx", [T3SF_HEADER, *T3SF_ROWS])


def openbas_book(folder: Path) -> tuple[Path, Path]:
    book = workbook(folder / "openbas.xlsx", OPENBAS_ROWS, title="CHECKLIST")
    mapping = folder / "openbas-map.yaml"
    mapping.write_text(OPENBAS_MAPPING, encoding="utf-8")
    return book, mapping
