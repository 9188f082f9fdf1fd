"""The improvement plan after the exercise: each item's follow-up (status, owner, due date,
dated notes), the plan as rows for a stand-alone export, and which items of an earlier
session a later session of the same scenario exercised again.

The follow-ups are `improvement-update` events (`exercise plan JOURNAL --item IP-n ...`);
the latest status, owner and due date given are the ones in force. An item is exercised
again by a later session when that session's play touched its objective (expected actions
tied to it), or, for an item without an objective, its pillar.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..language import N_
from .report import Counts, ExpectedRow, ImprovementRow, PlanNote, RatingMark, Report
from .text import counts_text, rating_text
from .words import Words

STATUS_WORDS = {
    "open": N_("open"),
    "in-progress": N_("in progress"),
    "done": N_("done"),
    "cancelled": N_("cancelled"),
}  # an item's status as the report says it (English msgids, through Words)


def follow_up(row: ImprovementRow, updates: Iterable[tuple[float, str, Mapping[str, Any]]]) -> None:
    """Apply an item's follow-ups, oldest first: the notes, and the status, owner and due
    date in force."""
    for _wall, by, p in updates:
        status = _text(p.get("status"))
        status = status if status in STATUS_WORDS else ""
        owner, due = _text(p.get("owner")), _text(p.get("due"))
        row.notes.append(PlanNote(_text(p.get("on")), by, status, _text(p.get("note")), owner, due))
        row.status = status or row.status
        row.owner = owner or row.owner
        row.due = due or row.due


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def status_text(status: str, w: Words) -> str:
    return w(STATUS_WORDS.get(status, "open"))


def state_text(row: ImprovementRow, w: Words) -> str:
    """`in progress`, and who owns it when a follow-up named someone else than the point
    of contact."""
    status = status_text(row.status, w)
    if row.owner and row.owner != row.contact:
        return w("{status}, owner {owner}", status=status, owner=row.owner)
    return status


def note_text(note: PlanNote, w: Words) -> str:
    """`2027-02-01, J. de Vries: done; owner ...; due ...: the note`."""
    changes = []
    if note.status:
        changes.append(status_text(note.status, w))
    if note.owner:
        changes.append(w("owner {owner}", owner=note.owner))
    if note.due:
        changes.append(w("due {due}", due=note.due))
    head = ", ".join(part for part in (note.on, note.by) if part)
    what = "; ".join(changes)
    if what and note.text:
        return f"{head}: {what}: {note.text}"
    return f"{head}: {what or note.text}"


# -- the plan on its own: a console listing, CSV and XLSX -------------------------------------

COLUMNS = (
    ("ref", N_("Ref")),
    ("status", N_("Status")),
    ("pillar", N_("Pillar")),
    ("objective", N_("Objective")),
    ("issue", N_("Issue")),
    ("action", N_("Corrective action")),
    ("element", N_("Element")),
    ("organisation", N_("Responsible organisation")),
    ("owner", N_("Owner")),
    ("start", N_("Start")),
    ("due", N_("Due")),
    ("notes", N_("Notes")),
)


def plan_header(w: Words) -> list[str]:
    return [w(label) for _key, label in COLUMNS]


def plan_rows(report: Report, w: Words) -> list[list[str]]:
    """One row per item in force (withdrawn ones are left out), every column as text."""
    return [
        [
            row.ref,
            status_text(row.status, w),
            row.pillar,
            row.objective,
            row.issue,
            row.action,
            row.element,
            row.organisation,
            row.owner or "",
            row.start,
            row.due,
            "\n".join(note_text(n, w) for n in row.notes),
        ]
        for row in report.improvement_plan
    ]


# -- items of an earlier session that a later one exercised again ----------------------------


@dataclass(slots=True)
class Revisit:
    """An improvement item of an earlier session, exercised again by a later one."""

    session: int  # the earlier session (its index in the comparison)
    ref: str
    issue: str
    status: str  # the item's status in force
    later: int  # the later session
    on: str  # what tied them: the objective's id, or the pillar's slug (no objective)
    expected: Counts  # the later session's expected actions on it
    rating: RatingMark | None  # the later session's rating in force (or the suggestion)
    # The same expected actions in both sessions: (inject title, earlier, later outcome)
    again: list[tuple[str, str, str]] = field(default_factory=list)


MAX_AGAIN = 3  # expected actions compared per item in the table; the JSON has them all


def revisits(reports: list[Report]) -> list[Revisit]:
    """For every pair of sessions, earlier (by session date) and later, the earlier's items
    whose objective (or, without one, pillar) the later one exercised."""
    order = sorted(range(len(reports)), key=lambda n: reports[n].overview.session_date)
    out = []
    for place, n in enumerate(order):
        for later in order[place + 1 :]:
            if reports[later].overview.session_date == reports[n].overview.session_date:
                continue  # started in the same minute: neither comes after the other
            for item in reports[n].improvement_plan:
                found = _exercised(reports[later], item)
                if found is not None:
                    on, counts, rating = found
                    again = _again(reports[n], reports[later], item)
                    out.append(
                        Revisit(
                            n, item.ref, item.issue, item.status, later, on, counts, rating, again
                        )
                    )
    return out


def _rows_on(report: Report, item: ImprovementRow) -> dict[tuple[str, int], ExpectedRow]:
    """The expected actions on an item's objective (or, without one, its pillar)."""
    if item.objective:
        return {
            (x.inject, x.index): x
            for s in report.pillars
            for x in s.expected
            if x.objective == item.objective
        }
    return {
        (x.inject, x.index): x
        for s in report.pillars
        if s.pillar == item.pillar
        for x in s.expected
    }


def _again(earlier: Report, later: Report, item: ImprovementRow) -> list[tuple[str, str, str]]:
    """The expected actions on the item that both sessions met with: how each went then and
    how it went now."""
    now = _rows_on(later, item)
    return [
        (x.inject_title, x.status, now[key].status)
        for key, x in _rows_on(earlier, item).items()
        if key in now
    ]


def _exercised(
    report: Report, item: ImprovementRow
) -> tuple[str, Counts, RatingMark | None] | None:
    if item.objective:
        rows = _rows_on(report, item)
        if not rows:
            return None
        counts = Counts()
        for x in rows.values():
            counts.add(x.status)
        objectives = [o for s in report.pillars for o in s.objectives if o.id == item.objective]
        rating = (objectives[0].rating or objectives[0].suggested) if objectives else None
        return item.objective, counts, rating
    section = next((s for s in report.pillars if s.pillar == item.pillar), None)
    if section is None or not section.exercised:
        return None
    return item.pillar, section.expected_counts, section.rating or section.suggested


def revisit_rows(found: list[Revisit], letters: list[str], w: Words) -> list[list[str]]:
    return [
        [
            f"{letters[r.session]} {r.ref}",
            r.issue,
            status_text(r.status, w),
            letters[r.later],
            r.on,
            counts_text(r.expected, w),
            rating_text(r.rating, w),
            _again_text(r.again, w),
        ]
        for r in found
    ]


def _again_text(again: list[tuple[str, str, str]], w: Words) -> str:
    lines = [
        w("{inject}: {earlier} → {later}", inject=title, earlier=w(then), later=w(now))
        for title, then, now in again[:MAX_AGAIN]
    ]
    if len(again) > MAX_AGAIN:
        lines.append(w("… {n} more", n=len(again) - MAX_AGAIN))
    return "; ".join(lines) or "—"


# -- writing the plan: the MSEL export's spreadsheet-injection guard, reused -----------------


def plan_csv(report: Report, w: Words) -> str:
    """The plan as CSV (UTF-8 with a byte-order mark, for Excel); a cell that a spreadsheet
    would run as a formula starts with an apostrophe."""
    import csv
    import io

    from ..msel.export import inert

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(plan_header(w))
    for row in plan_rows(report, w):
        writer.writerow([inert(cell) for cell in row])
    return "\ufeff" + out.getvalue()


WIDTHS = (8, 12, 22, 12, 40, 40, 14, 24, 20, 11, 11, 60)  # characters, per column


def plan_xlsx(report: Report, w: Words) -> bytes:
    """The plan as a workbook: every cell text, never a formula; the handling marking on
    every printed page."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils.cell import get_column_letter

    from ..msel.export import put

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = w("Improvement plan")[:31]  # a sheet name holds at most 31 characters
    header = plan_header(w)
    for c, label in enumerate(header, start=1):
        put(ws.cell(row=1, column=c), label)
        ws.cell(row=1, column=c).font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(plan_rows(report, w), start=2):
        for c, value in enumerate(row, start=1):
            if value:
                cell = ws.cell(row=r, column=c)
                put(cell, value)
                cell.alignment = wrap
    for c, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(ws.max_row, 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    for band in (ws.oddHeader, ws.oddFooter):
        if band is not None:
            band.center.text = report.overview.classification.replace("&", "&&")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
