"""Reading an MSEL spreadsheet (.xlsx or .csv) safely: values only, with limits.

Workbooks travel by e-mail like scenarios, so nothing in one is trusted:

- the file is at most `MAX_FILE_BYTES`; an .xlsx is a zip archive, whose members are
  checked before openpyxl reads it: at most `MAX_MEMBERS`, at most `MAX_UNCOMPRESSED` bytes
  unpacked in all, and no member that unpacks to more than `MAX_RATIO` times its packed
  size (a zip bomb). Python's zip reader never unpacks past the size a member declares;
- openpyxl reads it in read-only mode with `data_only`: a formula is never evaluated. A
  formula cell is read as the value the spreadsheet program saved with it, with a warning;
  one saved without a value is refused at its cell;
- macros (`vbaProject.bin`) and links to other workbooks are never loaded or followed: a
  warning says they were ignored;
- at most `MAX_SHEETS` sheets, `MAX_ROWS` rows and `MAX_COLUMNS` columns are read; a value
  past them is refused, and so is a cell longer than `MAX_CELL` characters;
- a CSV file is UTF-8 (a byte-order mark is allowed), else read as Windows-1252 (what
  Excel writes for "CSV" on a Dutch or English Windows) with a warning; its delimiter is a
  comma, semicolon or tab, found from its first line.

Every problem is a `SheetProblem`: `FILE:SHEET!CELL: what is wrong`.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl.utils.cell import get_column_letter

from ..language import Phrase, phrase
from ..model.types import MAX_TEXT
from ..safetext import clean

MAX_FILE_BYTES = 16 << 20  # as a scenario file
MAX_UNCOMPRESSED = 128 << 20  # all members of an .xlsx unpacked
MAX_RATIO = 100  # unpacked / packed size of one member of more than RATIO_FLOOR bytes
RATIO_FLOOR = 1 << 20
MAX_MEMBERS = 2_000
MAX_SHEETS = 100
MAX_ROWS = 20_000  # injects in a scenario (one row each, a header above them)
MAX_COLUMNS = 60
MAX_CELL = MAX_TEXT  # characters in a cell: the longest text a scenario takes

Value = str | int | float | datetime | date | time | timedelta | None

_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
_XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class SheetProblem(Exception):
    """Problems with a spreadsheet, one line each (`FILE:SHEET!CELL: what is wrong`)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Place:
    """Where a cell is, for messages: FILE:SHEET!B4 (FILE:B4 in a CSV file)."""

    file: str
    sheet: str | None

    def cell(self, row: int, column: int) -> str:
        """row and column are 1-based"""
        ref = f"{get_column_letter(column)}{row}" if column else f"{row}:{row}"
        sheet = f"{_sheet_ref(self.sheet)}!" if self.sheet is not None else ""
        return f"{self.file}:{sheet}{ref}"

    def whole(self) -> str:
        return f"{self.file}:{_sheet_ref(self.sheet)}" if self.sheet is not None else self.file

    def at(self, row: int, column: int, message: str) -> Phrase:
        """`FILE:SHEET!CELL: message`, a phrase said where it is printed (a message that
        is no phrase, made from a cell or a library's words, is cleaned here)."""
        return _located(self.cell(row, column), message)

    def problem(self, row: int, column: int, message: str) -> SheetProblem:
        return SheetProblem([self.at(row, column, message)])

    def whole_at(self, message: str) -> Phrase:
        """About the sheet as a whole: `FILE:SHEET: message`."""
        return _located(self.whole(), message)

    def whole_problem(self, message: str) -> SheetProblem:
        return SheetProblem([self.whole_at(message)])


def _located(where: str, message: str) -> Phrase:
    said = message if isinstance(message, Phrase) else clean(message, layout=False)
    return phrase("{where}: {message}", where=clean(where, layout=False), message=said)


def _sheet_ref(name: str | None) -> str:
    name = name or ""
    return f"'{name}'" if re.search(r"[^A-Za-z0-9_]", name) else name


@dataclass
class Table:
    """The rows of one sheet, as values; `rows[i]` is row `i + 1` of the sheet."""

    place: Place
    rows: list[list[Value]]
    sheets: list[str]  # every sheet of the workbook, for messages
    warnings: list[str] = field(default_factory=list)


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The values of one sheet of an .xlsx file (the first, or `sheet`), or of a CSV file."""
    name = str(path)
    raw_size = _checked_size(path, name)
    if path.suffix.lower() == ".csv":
        if sheet is not None:
            raise SheetProblem([clean(f"{name}: a CSV file has no sheets (--sheet)", layout=False)])
        return _read_csv(path, name, raw_size)
    if path.suffix.lower() == ".xls":
        raise SheetProblem(
            [
                clean(
                    f"{name}: an .xls workbook (Excel 97-2003) is not read: save it as .xlsx",
                    layout=False,
                )
            ]
        )
    return _read_xlsx(path, name, sheet)


def _checked_size(path: Path, name: str) -> int:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise SheetProblem([clean(f"{name}: no such file", layout=False)]) from None
    if not stat.S_ISREG(st.st_mode):
        raise SheetProblem([clean(f"{name}: not a regular file", layout=False)])
    if st.st_size > MAX_FILE_BYTES:
        raise SheetProblem(
            [
                clean(
                    f"{name}: {st.st_size:,} bytes is larger than the {MAX_FILE_BYTES:,} bytes "
                    "an MSEL file may have",
                    layout=False,
                )
            ]
        )
    return st.st_size


# -- xlsx -------------------------------------------------------------------------------


def _read_xlsx(path: Path, name: str, sheet: str | None) -> Table:
    notes: list[str] = []
    formula_parts = _inspect_archive(path, name, notes)
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it cannot read
            book = openpyxl.load_workbook(
                path, read_only=True, data_only=True, keep_vba=False, keep_links=False
            )
    except Exception as err:  # a damaged archive or XML: openpyxl has many exception types
        raise SheetProblem(
            [
                clean(
                    f"{name}: not a readable .xlsx workbook ({type(err).__name__}: {err})",
                    layout=False,
                )
            ]
        ) from None
    try:
        names = list(book.sheetnames)
        if len(names) > MAX_SHEETS:
            raise SheetProblem(
                [
                    clean(
                        f"{name}: {len(names):,} sheets; an MSEL workbook may have at most "
                        f"{MAX_SHEETS}",
                        layout=False,
                    )
                ]
            )
        chosen = names[0] if sheet is None else sheet
        if chosen not in names:
            raise SheetProblem(
                [clean(f"{name}: no sheet {sheet!r} (sheets: {', '.join(names)})", layout=False)]
            )
        place = Place(name, chosen)
        ws = book[chosen]
        rows = _sheet_rows(ws, place)
        claimed_rows, claimed_columns = ws.max_row or 0, ws.max_column or 0  # its own word
        if claimed_rows > MAX_ROWS or claimed_columns > MAX_COLUMNS + 1:
            notes.append(
                clean(
                    f"{place.whole()}: the sheet says it reaches row {claimed_rows:,}, column "
                    f"{claimed_columns:,}: only the first {MAX_ROWS:,} rows and {MAX_COLUMNS} "
                    "columns are read",
                    layout=False,
                )
            )
        if formula_parts:  # some sheet has formulas: look for them in this one
            _check_formulas(path, chosen, place, rows, notes)
        return Table(place, rows, names, notes)
    finally:
        book.close()


def _inspect_archive(path: Path, name: str, notes: list[str]) -> set[str]:
    """Check the zip archive before openpyxl opens it; return the worksheet parts that
    hold formulas."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        hint = (
            " (an encrypted workbook, or not a workbook?)"
            if path.suffix.lower() in (_XLSX_SUFFIXES)
            else " (expected .xlsx or .csv)"
        )
        raise SheetProblem([clean(f"{name}: not an .xlsx workbook{hint}", layout=False)]) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise SheetProblem(
                [
                    clean(
                        f"{name}: {len(members):,} parts in the archive; at "
                        f"most {MAX_MEMBERS:,} are read",
                        layout=False,
                    )
                ]
            )
        total = 0
        for info in members:
            total += info.file_size
            packed = max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR and info.file_size / packed > MAX_RATIO:
                raise SheetProblem(
                    [
                        clean(
                            f"{name}: part {info.filename} unpacks to {info.file_size:,} bytes "
                            "from "
                            f"{info.compress_size:,} (more than {MAX_RATIO} times): refused as a "
                            "zip bomb",
                            layout=False,
                        )
                    ]
                )
        if total > MAX_UNCOMPRESSED:
            raise SheetProblem(
                [
                    clean(
                        f"{name}: unpacks to {total:,} bytes; at most {MAX_UNCOMPRESSED:,} "
                        "are read",
                        layout=False,
                    )
                ]
            )
        names = {info.filename for info in members}
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            notes.append(clean(f"{name}: holds macros: ignored, never run", layout=False))
        if any(n.startswith("xl/externalLinks/") for n in names):
            notes.append(
                clean(
                    f"{name}: links to other workbooks: ignored, never followed (cells read as "
                    "their saved values)",
                    layout=False,
                )
            )
        with_formulas = set()
        for info in members:
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with archive.open(info) as part:
                    if _FORMULA.search(part.read()):
                        with_formulas.add(info.filename)
        return with_formulas


def _sheet_rows(ws: object, place: Place) -> list[list[Value]]:
    rows: list[list[Value]] = []
    iter_rows = ws.iter_rows  # type: ignore[attr-defined]
    for number, values in enumerate(
        iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS + 1, values_only=True), start=1
    ):
        if number > MAX_ROWS:
            if any(v is not None for v in values):
                raise place.problem(
                    number,
                    0,
                    phrase(
                        "more than {most} rows: an MSEL sheet has at most {most}", most=MAX_ROWS
                    ),
                )
            continue
        width = len(values)
        while width and values[width - 1] is None:  # padded to the widest row: trim
            width -= 1
        row = list(values[:width])
        if len(row) > MAX_COLUMNS:
            if row[MAX_COLUMNS] is not None:
                raise place.problem(
                    number,
                    MAX_COLUMNS + 1,
                    phrase(
                        "more than {most} columns: an MSEL sheet has at most {most}",
                        most=MAX_COLUMNS,
                    ),
                )
            del row[MAX_COLUMNS:]
        for column, value in enumerate(row, start=1):
            row[column - 1] = _value(value, place, number, column)
        rows.append(row)
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def _value(value: object, place: Place, row: int, column: int) -> Value:
    if value is None or isinstance(value, (int, float, datetime, date, time, timedelta)):
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        return value
    text = str(value)
    if len(text) > MAX_CELL:
        raise place.problem(
            row,
            column,
            phrase(
                "{count} characters; a cell holds at most {most}", count=len(text), most=MAX_CELL
            ),
        )
    if text.startswith("#") and text in _ERRORS:
        raise place.problem(
            row,
            column,
            phrase("the cell holds the error {error}: correct it in the spreadsheet", error=text),
        )
    return text


_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}


def _check_formulas(
    path: Path, sheet: str, place: Place, rows: list[list[Value]], notes: list[str]
) -> None:
    """A second, formula-preserving pass over a sheet that has formulas: a formula cell
    saved without its value is refused (its value would be a guess)."""
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        ws = book[sheet]
        found = 0
        for number, values in enumerate(
            ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True), start=1
        ):
            for column, value in enumerate(values, start=1):
                if isinstance(value, str) and value.startswith("="):
                    found += 1
                    saved = rows[number - 1][column - 1] if number <= len(rows) else None
                    if saved is None:
                        raise place.problem(
                            number,
                            column,
                            "a formula saved without its value: open the "
                            "workbook in a spreadsheet program and save it, or type the value",
                        )
        if found:
            notes.append(
                clean(
                    f"{place.whole()}: {found:,} formula cell(s) read as the values "
                    "saved with them; no formula is evaluated",
                    layout=False,
                )
            )
    finally:
        book.close()


# -- csv --------------------------------------------------------------------------------


def _read_csv(path: Path, name: str, size: int) -> Table:
    with open(path, "rb") as file:
        raw = file.read(MAX_FILE_BYTES + 1)
    place = Place(name, None)
    notes: list[str] = []
    if b"\x00" in raw[:4096]:
        raise SheetProblem([clean(f"{name}: a binary file, not CSV text", layout=False)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        notes.append(
            clean(
                f"{name}: not UTF-8: read as Windows-1252 (save as 'CSV UTF-8' to be sure)",
                layout=False,
            )
        )
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows: list[list[Value]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, record in enumerate(_bounded(reader, place), start=1):
            if len(record) > MAX_COLUMNS:
                if any(record[MAX_COLUMNS:]):
                    raise place.problem(
                        number,
                        MAX_COLUMNS + 1,
                        phrase(
                            "more than {most} columns: an MSEL sheet has at most {most}",
                            most=MAX_COLUMNS,
                        ),
                    )
                del record[MAX_COLUMNS:]
            row: list[Value] = []
            for column, cell in enumerate(record, start=1):
                if cell[:1] == "'" and cell[1:2] in _FORMULA_START:
                    cell = cell[1:]  # made inert by the export (or by hand): the text itself
                row.append(_value(cell, place, number, column) if cell.strip() else None)
            rows.append(row)
    except csv.Error as err:
        # (the csv module's own words say what exactly; ours say what it is)
        raise place.problem(
            reader.line_num, 0, phrase("not valid CSV: {error}", error=str(err))
        ) from None
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return Table(place, rows, [], notes)


def _bounded(reader: Iterator[list[str]], place: Place) -> Iterator[list[str]]:
    for number, record in enumerate(reader, start=1):
        if number > MAX_ROWS:
            raise place.problem(
                number,
                0,
                phrase("more than {most} rows: an MSEL sheet has at most {most}", most=MAX_ROWS),
            )
        yield record
