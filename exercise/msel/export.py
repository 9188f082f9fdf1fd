"""A scenario as the controllers' MSEL: one row per inject, every MSEL column.

The rows are plain text per column (`msel_rows`); the writers make an .xlsx (frozen
header, filters, widths, wrapped text), a CSV file (UTF-8 with a byte-order mark, which
Excel needs to read it as UTF-8) or a printable HTML page. A spreadsheet program runs a
cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a
formula: in the .xlsx such a cell is stored as text with Excel's quote prefix, in the CSV
it starts with an apostrophe, which `exercise import` removes again. Control characters
are written by their code in both (`guarded`). The narratives, exercise control's too, are
a second sheet of the .xlsx and a section of the HTML page; the CSV file holds the injects.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..model import Scenario, format_clock, format_duration, localize
from ..model.scenario import Inject
from ..safetext import clean
from .htmlpage import esc, page
from .words import COLUMNS, column, word

Cell = str | int | float
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WIDTHS = {  # characters, in the .xlsx
    "number": 5, "id": 18, "time": 12, "when": 24, "after": 9, "released": 18, "phase": 16,
    "from": 22, "to": 18, "method": 10, "title": 32, "text": 60,
    "media_kind": 10, "outlet": 24, "reach": 7, "people": 11, "prompt": 30,
    "decider": 12, "options": 30, "deadline": 10, "expected": 40, "pillars": 20, "nato": 18,
    "domains": 18,
    "attribution": 11, "severity": 8, "source": 30, "contingency": 11, "notes": 40,
}  # fmt: skip
WRAPPED = {
    "title", "text", "outlet", "prompt", "options", "expected", "notes", "when", "source", "to",
}  # fmt: skip


def msel_rows(scenario: Scenario, lang: str) -> list[dict[str, str | int]]:
    """One dict per inject, in scenario order, with a value for every MSEL column."""
    released = scenario.released_by
    rows: list[dict[str, str | int]] = []
    for n, inject in enumerate(scenario.injects, start=1):
        rows.append(_row(scenario, inject, n, lang, released.get(inject.id, [])))
    return rows


NARRATIVE_FIELDS = (
    "id", "narrative.claim", "narrative.from", "narrative.start", "narrative.growth",
    "narrative.ceiling", "narrative.decline", "narrative.floor", "narrative.every",
    "narrative.answered_by", "narrative.effects", "notes",
)  # fmt: skip
NARRATIVE_WIDTHS = (18, 40, 24, 9, 9, 9, 9, 9, 9, 24, 24, 40)
NARRATIVE_WRAPPED = {"narrative.claim", "narrative.from", "narrative.answered_by", "notes"}


def narrative_header(lang: str) -> list[str]:
    """The narratives' column headers: the second sheet is read by people, not by the
    import, so its words all come from the catalogue."""
    return [column("id", lang) if f == "id" else word(f, lang) for f in NARRATIVE_FIELDS]


def narrative_rows(scenario: Scenario, lang: str) -> list[dict[str, Cell]]:
    """One dict per narrative: what exercise control needs to follow it (how it starts,
    grows and is answered), keyed by NARRATIVE_FIELDS."""
    rows = []
    for n in scenario.narratives:
        rows.append(
            {
                "id": n.id,
                "narrative.claim": localize(n.claim, lang),
                "narrative.from": ", ".join(n.starts_from),
                "narrative.start": _percent(n.start),
                "narrative.growth": _percent(n.growth),
                "narrative.ceiling": _percent(n.ceiling),
                "narrative.decline": _percent(n.falls),
                "narrative.floor": _percent(n.floor),
                "narrative.every": format_duration(n.every),
                "narrative.answered_by": ", ".join(e.value for e in n.answered_by),
                "narrative.effects": ", ".join(f"{k}: {v:+g}" for k, v in n.effects.items()),
                "notes": localize(n.notes, lang),
            }
        )
    return rows


def _percent(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _row(
    scenario: Scenario, inject: Inject, n: int, lang: str, released: list[tuple[str, str]]
) -> dict[str, str | int]:
    decision = inject.decision
    media = inject.media
    phase = scenario.phase_at(inject.at) if inject.at is not None else None
    row: dict[str, str | int] = {
        "number": n,
        "id": inject.id,
        "time": format_clock(inject.at) if inject.at is not None else "",
        "when": inject.when.text if inject.when is not None else "",
        "after": format_duration(inject.after) if inject.after is not None else "",
        "released": "\n".join(f"{i}: {o}" for i, o in released),
        "phase": localize(phase.title, lang) if phase else "",
        "from": localize(inject.sender, lang) if inject.sender else "",
        "to": ", ".join(inject.to),
        "method": inject.method.value,
        "title": localize(inject.title, lang),
        "text": localize(inject.text, lang),
        "media_kind": media.kind.value if media else "",
        "outlet": localize(media.outlet, lang) if media else "",
        "reach": media.reach if media and media.reach is not None else "",
        "people": media.people if media and media.people is not None else "",
        "prompt": localize(decision.prompt, lang) if decision else "",
        "decider": (inject.decider or "") if decision else "",
        "options": " | ".join(f"{o.id}: {localize(o.label, lang)}" for o in decision.options)
        if decision
        else "",
        "deadline": format_duration(decision.deadline)
        if decision and decision.deadline is not None
        else "",
        "expected": "\n".join(expected_line(inject, e, lang) for e in inject.expected),
        "pillars": ", ".join(p.value for p in inject.pillars),
        "nato": ", ".join(p.value for p in inject.nato),
        "domains": ", ".join(p.value for p in inject.domains),
        "attribution": inject.attribution.value if inject.attribution else "",
        "severity": inject.severity if inject.severity is not None else "",
        "source": inject.source or "",
        "contingency": word("yes", lang) if inject.contingency else "",
        "notes": localize(inject.notes, lang),
    }
    return row


def expected_line(inject: Inject, expected: Any, lang: str) -> str:
    """`role: option x; within 3m; objective y` (or `measure x`, or `product KIND
    [ELEMENTS]`), which `exercise import` reads back."""
    role = expected.role or inject.decider or ""
    if expected.option:
        what = f"option {expected.option}"
    elif expected.measure:
        what = f"measure {expected.measure}"
    elif expected.product is not None:
        product = expected.product
        role = product.role or expected.role or ""  # none: any role that received it
        what = "product"
        if product.kind is not None:
            what += f" {product.kind.value}"
        if product.elements:
            what += f" [{', '.join(e.value for e in product.elements)}]"
    else:
        what = " ".join(localize(expected.action, lang).split())
    parts = [f"{role}: {what}" if role else what]
    if expected.within is not None:
        parts.append(f"within {format_duration(expected.within)}")
    if expected.objective:
        parts.append(f"objective {expected.objective}")
    return "; ".join(parts)


def guarded(value: Cell) -> Cell:
    """A cell's text with control characters and bidirectional controls by their code
    (`\\x1b`): a workbook cannot hold most of them, and a CSV file shown on a terminal
    must not act on them. Tab and newline are kept."""
    return clean(value) if isinstance(value, str) else value


def inert(value: Cell) -> Cell:
    """A CSV cell a spreadsheet program will not run as a formula (through `guarded`)."""
    value = guarded(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def put(cell: Any, value: Cell) -> None:
    """Put a value in a workbook cell as data, never as a formula (the guard every
    spreadsheet cell this product writes goes through)."""
    value = guarded(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True  # and it stays text when edited in Excel


def to_csv(scenario: Scenario, lang: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column(f, lang) for f in COLUMNS])
    for row in msel_rows(scenario, lang):
        writer.writerow([inert(row[f]) for f in COLUMNS])
    return "\ufeff" + out.getvalue()


def to_xlsx(scenario: Scenario, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils.cell import get_column_letter

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = word("msel.sheet", lang)
    fields = list(COLUMNS)
    ws.append([column(f, lang) for f in fields])
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for r, row in enumerate(msel_rows(scenario, lang), start=2):
        for c, field in enumerate(fields, start=1):
            value = row[field]
            if value == "":
                continue
            cell = ws.cell(row=r, column=c)
            put(cell, value)
            cell.alignment = wrap if field in WRAPPED else top
    for c, field in enumerate(fields, start=1):
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS[field]
    ws.freeze_panes = "C2"  # the header and the number and id stay in view
    ws.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{max(ws.max_row, 1)}"
    _print_setup(ws, scenario)
    if scenario.narratives:
        _narrative_sheet(book.create_sheet(word("narratives", lang)[:31]), scenario, lang)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _print_setup(ws: Any, scenario: Scenario) -> None:
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    for band in (ws.oddHeader, ws.oddFooter):  # the handling marking on every printed page
        if band is not None:
            band.center.text = scenario.classification.replace("&", "&&")


def _narrative_sheet(ws: Any, scenario: Scenario, lang: str) -> None:
    """The second sheet: the narratives, for exercise control (MSEL only: their growth
    and what answers them are not the players')."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils.cell import get_column_letter

    for c, label in enumerate(narrative_header(lang), start=1):
        put(ws.cell(row=1, column=c), label)
        ws.cell(row=1, column=c).font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for r, row in enumerate(narrative_rows(scenario, lang), start=2):
        for c, field in enumerate(NARRATIVE_FIELDS, start=1):
            if row[field] != "":
                cell = ws.cell(row=r, column=c)
                put(cell, row[field])
                cell.alignment = wrap if field in NARRATIVE_WRAPPED else top
    for c, width in enumerate(NARRATIVE_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(NARRATIVE_FIELDS))}{max(ws.max_row, 1)}"
    _print_setup(ws, scenario)


HTML_FIELDS = (
    "number", "id", "time", "when", "from", "to", "method", "title", "text", "media_kind",
    "outlet", "reach", "people", "prompt",
    "decider", "options", "deadline", "expected", "pillars", "contingency", "notes",
)  # fmt: skip


def to_html(scenario: Scenario, lang: str) -> str:
    title = f"{word('msel.title', lang)}: {localize(scenario.title, lang)}"
    head = "".join(f"<th>{esc(column(f, lang))}</th>" for f in HTML_FIELDS)
    body_rows = []
    for row in msel_rows(scenario, lang):
        cells = "".join(f'<td class="text">{esc(row[f])}</td>' for f in HTML_FIELDS)
        body_rows.append(f"<tr>{cells}</tr>")
    body = (
        f"<h1>{esc(title)}</h1>\n"
        f'<table class="msel"><thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(body_rows)
        + "\n</tbody></table>\n"
        + _narratives_html(scenario, lang)
    )
    return page(title, scenario.classification, body, lang, wide=True)


def _narratives_html(scenario: Scenario, lang: str) -> str:
    if not scenario.narratives:
        return ""
    head = "".join(f"<th>{esc(h)}</th>" for h in narrative_header(lang))
    rows = "\n".join(
        "<tr>" + "".join(f'<td class="text">{esc(row[f])}</td>' for f in NARRATIVE_FIELDS) + "</tr>"
        for row in narrative_rows(scenario, lang)
    )
    return (
        f"<h2>{esc(word('narratives', lang))}</h2>\n"
        f'<table class="msel"><thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>'
    )
