"""An MSEL sheet to a scenario: columns found, rows read, broadcasts merged, YAML written.

Nothing is guessed: the threat level of its phase, which a sheet does not say, the user
gives (`--level` or the mapping file); pillars may be given for every inject (`--pillar`),
else they are left out for `lint` to point at; and what the scenario format can
do without (NATO requirements, domains, sources, deadlines, expected actions) stays out
for `exercise lint` to point at. Every problem names its cell (`FILE:SHEET!CELL`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.problems import ContentError
from ..language import Phrase, phrase, text
from ..model.condition import ConditionSyntaxError, parse_condition
from ..model.doctrine import (
    Attribution,
    HybridDomain,
    Level,
    MediaKind,
    Method,
    NatoRequirement,
    Pillar,
)
from ..model.timing import format_duration, parse_duration
from ..model.types import MAX_ID, MAX_MAGNITUDE, MAX_TEXT, MAX_TITLE, SLUG_PATTERN
from ..safetext import clean
from . import yamlout
from .mapping import Mapping, column_index
from .timecells import IndexedError, TimeValue, parse_day_cell, parse_time_cell, scenario_times
from .words import HEADERS, METHOD_WORDS, header_key, word
from .workbook import Place, SheetProblem, Table, Value

HEADER_SEARCH = 30  # rows looked at for the header
MULTI = {"text", "notes", "expected", "objective", "ignore", "story_time"}  # may span columns
DEFAULT_TAIL = 15 * 60  # the scenario ends this long after the last inject (or deadline)
_SLUG = re.compile(SLUG_PATTERN)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_OPTION = re.compile(r"([a-z0-9][a-z0-9_.-]*)\s*:\s+(.+)", re.S)
_EXPECTED_ROLE = _OPTION  # `role: what` as the export writes an expected action
_TRUE = {"yes", "ja", "true", "waar", "x", "1", "y", "j"}
_FALSE = {"no", "nee", "false", "onwaar", "0", "n", ""}


@dataclass
class Settings:
    """What the user gives on the command line or in the mapping file."""

    sheet: str | None = None
    start: str | None = None
    level: str | None = None
    pillars: list[str] = field(default_factory=list)
    scenario_id: str | None = None
    title: str | None = None
    language: str | None = None
    duration: str | None = None


@dataclass
class Row:
    """One MSEL row, read: the inject it becomes and where its cells are."""

    number: int  # the sheet's row number
    inject: dict[str, Any]
    cells: dict[str, int]  # field -> column, for messages
    time: TimeValue | None = None
    names: list[str] = field(default_factory=list)  # players as named in the sheet
    rows: list[int] = field(default_factory=list)  # the rows merged into this one


@dataclass
class Imported:
    scenario: dict[str, Any]
    rows: list[Row]
    warnings: list[str]
    header_row: int | None
    zero: float | None  # T+0 on the sheet's time scale
    notes: list[str]  # lines for the comment at the top of the YAML


def slugify(text: str, fallback: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = _NOT_SLUG.sub("-", plain).strip("-")[: MAX_ID - 8].strip("-")
    return slug or fallback


# -- columns -----------------------------------------------------------------------------


def find_columns(
    table: Table, mapping: Mapping | None
) -> tuple[int | None, dict[int, str], list[str], str]:
    """(header row, column -> field, warnings, language of the headers)."""
    extra = {header_key(k): (v, "") for k, v in (mapping.headers if mapping else {}).items()}
    known = {**HEADERS, **extra}
    place = table.place
    header_row = mapping.header_row if mapping else None
    if header_row is None:
        header_row = _detect_header(table.rows, known)
    elif header_row > len(table.rows):
        raise place.problem(
            header_row, 1, phrase("the header row given in the mapping is past the last row")
        )
    columns: dict[int, str] = {}
    warnings: list[str] = []
    name: str
    en = nl = 0
    header: list[Value] = table.rows[header_row - 1] if header_row else []
    unknown = []
    for col, value in enumerate(header, start=1):
        if value is None:
            continue
        found = known.get(header_key(str(value)))
        if found is None:
            unknown.append(f"{clean(str(value), single_line=True)} ({_letter(col)}{header_row})")
            continue
        field_name, lang = found
        en += lang == "en"
        nl += lang == "nl"
        columns[col] = field_name
    if mapping:
        for name, refs in mapping.columns.items():
            for ref in refs if isinstance(refs, list) else [refs]:
                found_col = column_index(ref) or _header_column(header, ref)
                if found_col is None:
                    raise place.whole_problem(
                        phrase(
                            "the mapping names the column {column} for {name}: no such column "
                            "letter or header",
                            column=repr(ref),
                            name=name,
                        )
                    )
                columns[found_col] = name
                unknown = [
                    u for u in unknown if not u.endswith(f"({_letter(found_col)}{header_row})")
                ]
    if not columns and not header_row:
        raise place.problem(
            1,
            1,
            phrase(
                "no header row found in the first {count} rows (looked for columns such as "
                "Time, To, Subject, Text, or Tijd, Aan, Onderwerp, Tekst): name the columns "
                "in a mapping file (--map)",
                count=HEADER_SEARCH,
            ),
        )
    seen: dict[str, int] = {}
    for col, name in sorted(columns.items()):
        if name in seen and name not in MULTI:
            raise place.problem(
                header_row or 1,
                col,
                phrase(
                    "a second {name} column (the first is column {column})",
                    name=repr(name),
                    column=_letter(seen[name]),
                ),
            )
        seen.setdefault(name, col)
    if "title" not in seen and "text" not in seen:
        raise place.problem(
            header_row or 1,
            1,
            phrase(
                "no subject or text column: nothing to import "
                "(name the columns in a mapping file, --map)"
            ),
        )
    if unknown:
        warnings.append(
            place.whole_at(phrase("columns not imported: {columns}", columns=", ".join(unknown)))
        )
    return header_row or None, columns, warnings, "nl" if nl > en else "en"


def _why(err: Exception) -> str:
    """What an error says: its phrase, to be said in the reader's language, else its text."""
    said = err.args[0] if len(err.args) == 1 else None
    return said if isinstance(said, Phrase) else str(err)


def _letter(col: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return get_column_letter(col)


def _header_column(header: list[Value], ref: str) -> int | None:
    key = header_key(ref)
    for col, value in enumerate(header, start=1):
        if value is not None and header_key(str(value)) == key:
            return col
    return None


def _detect_header(rows: list[list[Value]], known: dict[str, tuple[str, str]]) -> int:
    """The first row of the best: most columns recognised, at least two, more than half
    of its cells, one of them the time, subject or text (a row of data that happens to
    hold the word "subject" is no header)."""
    best, best_count = 0, 1
    for number, row in enumerate(rows[:HEADER_SEARCH], start=1):
        cells = [v for v in row if v is not None]
        fields = [
            known[k][0] for v in cells if isinstance(v, str) and (k := header_key(v)) in known
        ]
        distinct = set(fields)
        if (
            len(distinct) > best_count
            and len(fields) * 2 > len(cells)
            and distinct & {"title", "text", "time"}
        ):
            best, best_count = number, len(distinct)
    return best


# -- rows ------------------------------------------------------------------------------------


def read_rows(
    table: Table,
    columns: dict[int, str],
    first_row: int,
    mapping: Mapping | None,
    warnings: list[str],
    language: str = "en",
) -> list[Row]:
    place = table.place
    methods = {header_key(k): v.value for k, v in (mapping.methods if mapping else {}).items()}
    out: list[Row] = []
    first_columns: dict[str, int] = {}
    for col, name in sorted(columns.items()):
        first_columns.setdefault(name, col)
    for number in range(first_row, len(table.rows) + 1):
        values = table.rows[number - 1]
        cells: dict[str, list[tuple[int, Value]]] = {}
        for col, name in columns.items():
            value = values[col - 1] if col - 1 < len(values) else None
            if value is not None and not (isinstance(value, str) and not value.strip()):
                cells.setdefault(name, []).append((col, value))
        if not cells or set(cells) <= {"ignore", "released", "phase"}:
            continue
        if "title" not in cells and "text" not in cells:
            first = min(c for group in cells.values() for c, _ in group)
            warnings.append(
                place.at(
                    number,
                    first,
                    phrase("row {row} has no subject and no text: left out", row=str(number)),
                )
            )
            continue
        row = _row(place, number, cells, methods, language)
        row.cells = {**first_columns, **row.cells}  # empty cells too, for messages
        out.append(row)
    return out


def _text(
    place: Place,
    number: int,
    cells: dict[str, list[tuple[int, Value]]],
    name: str,
    limit: int = MAX_TEXT,
) -> str | None:
    parts = []
    for col, value in cells.get(name, []):
        text = _as_text(value)
        if len(text) > limit:
            raise place.problem(
                number,
                col,
                phrase(
                    "{count} characters; at most {limit} fit here", count=len(text), limit=limit
                ),
            )
        parts.append(text)
    joined = "\n\n".join(p for p in parts if p)
    return joined or None


def _as_text(value: Value) -> str:
    if isinstance(value, str) and "\n" not in value and "\r" not in value:
        return value.strip()  # the common case: one line
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def _row(
    place: Place,
    number: int,
    cells: dict[str, list[tuple[int, Value]]],
    methods: dict[str, str],
    language: str,
) -> Row:
    def col(name: str) -> int:
        return cells[name][0][0]

    def one(name: str) -> Value:
        return cells[name][0][1] if name in cells else None

    def fail(name: str, message: str) -> SheetProblem:
        return place.problem(number, col(name), message)

    inject: dict[str, Any] = {}
    at: dict[str, int] = {name: group[0][0] for name, group in cells.items()}
    row = Row(number, inject, at, rows=[number])
    if "id" in cells:
        ident = _as_text(one("id"))
        if not _SLUG.fullmatch(ident) or len(ident) > MAX_ID:
            raise fail(
                "id",
                phrase(
                    "{value} is not an id (lowercase letters, digits, - _ .)", value=repr(ident)
                ),
            )
        inject["id"] = ident
    elif "number" in cells:
        inject["id"] = f"inject-{slugify(_as_text(one('number')), str(number))}"
    else:
        inject["id"] = f"row-{number}"
    try:
        row.time = parse_time_cell(one("time"))
        if "day" in cells:
            day = parse_day_cell(one("day"))
            if day is not None:
                if row.time is None:
                    row.time = TimeValue("clock", day * 86400.0)
                elif row.time.scale == "date":
                    raise ValueError(
                        phrase("a date already says the day: leave the day column empty")
                    )
                else:
                    row.time = TimeValue(row.time.scale, row.time.seconds + day * 86400)
    except ValueError as err:
        raise fail("time" if "time" in cells else "day", _why(err)) from None
    for name in ("when", "after"):
        if name in cells:
            expr = _as_text(one(name))
            try:
                if name == "when":
                    parse_condition(expr)
                else:
                    parse_duration(expr)
            except (ConditionSyntaxError, ValueError) as err:
                raise fail(name, _why(err)) from None
            inject[name] = expr
    if "to" in cells:
        raw = _as_text(one("to"))
        names = [n.strip() for n in re.split(r"[,;\n]", raw) if n.strip()]
        row.names = list(dict.fromkeys(names))
    if "from" in cells:
        sender = _text(place, number, cells, "from", MAX_TITLE)
        if sender:
            inject["from"] = " ".join(sender.split())
    notes: list[str] = []
    if "method" in cells:
        method_text = " ".join(_as_text(one("method")).split())
        method = _method(method_text, methods)
        if method != Method.OTHER.value:
            inject["method"] = method
        elif header_key(method_text) not in ("other", "anders", "overig"):
            notes.append(f"{word('method.sheet', language)}: {method_text}")
    title: str | None = _text(place, number, cells, "title", MAX_TITLE)
    text = _text(place, number, cells, "text")
    if title:
        title = " ".join(title.split())
    if not title:
        first_line = (text or "").split("\n", 1)[0].strip()
        title = first_line if len(first_line) <= 80 else first_line[:79].rstrip() + "…"
    story = _text(place, number, cells, "story_time", MAX_TITLE)
    body = text or title
    if story:
        body = f"{' '.join(story.split())}\n\n{body}"
    if len(body) > MAX_TEXT:
        raise fail(
            "text" if "text" in cells else "title",
            phrase("the text is longer than {limit} characters", limit=MAX_TEXT),
        )
    inject["title"] = title
    inject["text"] = body
    for name, vocabulary in (
        ("pillars", Pillar),
        ("nato", NatoRequirement),
        ("domains", HybridDomain),
    ):
        if name in cells:
            items = [v.strip() for v in re.split(r"[,;\n]", _as_text(one(name))) if v.strip()]
            allowed = {v.value for v in vocabulary}
            for item in items:
                if item not in allowed:
                    raise fail(
                        name,
                        phrase(
                            "{value} is not one of {choices}",
                            value=repr(item),
                            choices=", ".join(sorted(allowed)),
                        ),
                    )
            if len(set(items)) != len(items):
                raise fail(name, phrase("names the same value twice"))
            if items:
                inject[name] = items
    if "attribution" in cells:
        value = _as_text(one("attribution"))
        if value not in {a.value for a in Attribution}:
            raise fail(
                "attribution",
                phrase(
                    "{value} is not one of {choices}",
                    value=repr(value),
                    choices="none, low, medium, high",
                ),
            )
        inject["attribution"] = value
    if "severity" in cells:
        cell = one("severity")
        severity = _as_text(cell)
        digits = severity.isascii() and severity.isdigit() and len(severity) <= 3
        if not (digits and 1 <= int(severity) <= 5):  # (int() refuses thousands of digits)
            raise fail(
                "severity", phrase("{value} is not a severity from 1 to 5", value=repr(severity))
            )
        inject["severity"] = int(severity)
    if "source" in cells:
        inject["source"] = _text(place, number, cells, "source", 2000)
    media = _media(place, number, cells)
    if media:
        inject["media"] = media
    options = _options(place, number, cells)
    if options:
        prompt = _text(place, number, cells, "prompt") or title
        decision: dict[str, Any] = {"prompt": prompt}
        if "decider" in cells:
            decision["role"] = " ".join(_as_text(one("decider")).split())  # a player's name
        decision["options"] = options
        if "deadline" in cells:
            try:
                parse_duration(_as_text(one("deadline")))
            except ValueError as err:
                raise fail("deadline", _why(err)) from None
            decision["deadline"] = _as_text(one("deadline"))
        inject["decision"] = decision
    elif "prompt" in cells:
        raise fail("prompt", phrase("a decision without options (fill in the options column)"))
    expected = _expected(place, number, cells)
    if expected:
        inject["expected"] = expected
    if "contingency" in cells:
        flag = header_key(_as_text(one("contingency")))
        if flag not in _TRUE | _FALSE:
            raise fail("contingency", phrase("{value} is not yes or no", value=repr(flag)))
        if flag in _TRUE:
            inject["contingency"] = True
    objective = _text(place, number, cells, "objective")
    if objective:
        notes.insert(0, f"{word('objective', language)}: {objective}")
    sheet_notes = _text(place, number, cells, "notes")
    if sheet_notes:
        notes.insert(0, sheet_notes)
    if notes:
        joined = "\n\n".join(notes)
        if len(joined) > MAX_TEXT:
            raise fail(
                "notes", phrase("the notes are longer than {limit} characters", limit=MAX_TEXT)
            )
        inject["notes"] = joined
    return row


MEDIA_FIELDS = ("media_kind", "outlet", "reach", "people")
_THOUSANDS = re.compile(r"\d{1,3}(?:([,. ])\d{3})(?:\1\d{3})*")


def _media_kind(text: str) -> str | None:
    """`article`, `post`, `tv`, `radio`, or a kind's label in English or Dutch."""
    key = header_key(text)
    for kind in MediaKind:
        if key in (kind.value, header_key(kind.label("en")), header_key(kind.label("nl"))):
            return kind.value
    return None


def _whole(value: Value) -> int | None:
    """A whole number from a number cell or text (`40000`, `40,000`, `40.000`)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _as_text(value)
    if _THOUSANDS.fullmatch(text):
        text = re.sub(r"[,. ]", "", text)
    # (a longer run of digits is out of every range, and too long for int())
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else None


def _media(
    place: Place, number: int, cells: dict[str, list[tuple[int, Value]]]
) -> dict[str, Any] | None:
    """The media item of a row: its kind and outlet, with its reach and people when
    given; none when the row has no media cells."""
    given = [name for name in MEDIA_FIELDS if name in cells]
    if not given:
        return None

    def fail(name: str, message: str) -> SheetProblem:
        return place.problem(number, cells[name][0][0], message)

    if "media_kind" not in cells:
        raise fail(given[0], phrase("a media item needs its kind: fill in the media kind column"))
    kind_text = " ".join(_as_text(cells["media_kind"][0][1]).split())
    kind = _media_kind(kind_text)
    if kind is None:
        raise fail(
            "media_kind",
            phrase(
                "{value} is not one of {choices}",
                value=repr(kind_text),
                choices=", ".join(k.value for k in MediaKind),
            ),
        )
    outlet = _text(place, number, cells, "outlet", MAX_TITLE)
    if not outlet:
        raise fail("media_kind", phrase("a media item needs its outlet: fill in the outlet column"))
    media: dict[str, Any] = {"kind": kind, "outlet": " ".join(outlet.split())}
    if "reach" in cells:
        reach = _whole(cells["reach"][0][1])
        if reach is None or not 1 <= reach <= 5:
            raise fail(
                "reach",
                phrase(
                    "{value} is not a reach from 1 to 5",
                    value=repr(_as_text(cells["reach"][0][1])),
                ),
            )
        media["reach"] = reach
    if "people" in cells:
        people = _whole(cells["people"][0][1])
        if people is None or not 1 <= people <= MAX_MAGNITUDE:
            raise fail(
                "people",
                phrase(
                    "{value} is not a number of people from 1 to {most}",
                    value=repr(_as_text(cells["people"][0][1])),
                    most=f"{MAX_MAGNITUDE:,}",
                ),
            )
        media["people"] = people
    return media


def _method(text: str, methods: dict[str, str]) -> str:
    key = header_key(text)
    if key in methods:
        return methods[key]
    if key in {m.value for m in Method}:
        return key
    match = _METHOD_WORD.search(key)
    return _METHOD_OF[match.group(1)] if match else Method.OTHER.value


_METHOD_OF = dict(METHOD_WORDS)
_METHOD_WORD = re.compile(r"(?<![a-z])(" + "|".join(re.escape(w) for w, _ in METHOD_WORDS) + ")")


def _options(
    place: Place, number: int, cells: dict[str, list[tuple[int, Value]]]
) -> list[dict[str, str]]:
    if "options" not in cells:
        return []
    col, value = cells["options"][0]
    raw = _as_text(value)
    parts = [p.strip() for p in re.split(r"\s*\|\s*|\n", raw) if p.strip()]
    options: list[dict[str, str]] = []
    ids: set[str] = set()
    for part in parts:
        match = _OPTION.fullmatch(part)
        if match and len(match.group(1)) <= MAX_ID:
            ident, label = match.group(1), match.group(2).strip()
        else:
            ident, label = slugify(part, f"option-{len(options) + 1}"), part
        if len(label) > MAX_TITLE:
            raise place.problem(
                number,
                col,
                phrase(
                    "an option of {count} characters; at most {limit} fit",
                    count=len(label),
                    limit=MAX_TITLE,
                ),
            )
        base, n = ident, 2
        while ident in ids:
            ident, n = f"{base}-{n}", n + 1
        ids.add(ident)
        options.append({"id": ident, "label": label})
    if len(options) > 50:
        raise place.problem(
            number,
            col,
            phrase("{count} options; a decision has at most {limit}", count=len(options), limit=50),
        )
    return options


def _expected(
    place: Place, number: int, cells: dict[str, list[tuple[int, Value]]]
) -> list[dict[str, Any]]:
    """Each line of the expected-action column(s): `role: option X; within 3m; objective Y`
    as the export writes it, or free text for the evaluator."""
    out: list[dict[str, Any]] = []
    group = cells.get("expected", [])
    if not group:
        return out
    col = group[0][0]
    # several columns (a name, a description) make one action; each line of one cell is one
    text = ": ".join(t for _, v in group if (t := _as_text(v)))
    lines = [text] if len(group) > 1 else [ln.strip() for ln in text.split("\n") if ln.strip()]
    for line in lines:
        item = _expected_line(line)
        if "within" in item:
            try:
                parse_duration(item["within"])
            except ValueError as err:
                raise place.problem(number, col, _why(err)) from None
        out.append(item)
    if len(out) > 50:
        raise place.problem(
            number,
            cells["expected"][0][0],
            phrase("more than {limit} expected actions", limit=50),
        )
    return out


def _expected_line(line: str) -> dict[str, Any]:
    item: dict[str, Any] = {}
    match = _EXPECTED_ROLE.fullmatch(line)
    if match and (
        ";" in line or match.group(2).split(" ", 1)[0] in ("option", "measure", "product")
    ):
        item["role"] = match.group(1)
        line = match.group(2)
    parts = [p.strip() for p in line.split(";")]
    while len(parts) > 1 and re.fullmatch(r"(within|objective)\s+\S+", parts[-1]):
        key, value = parts.pop().split(None, 1)
        item[key] = value
    what = "; ".join(parts)
    kind = re.fullmatch(r"(option|measure)\s+([a-z0-9][a-z0-9_.-]*)", what)
    product = _PRODUCT_LINE.fullmatch(what)
    if kind:
        item[kind.group(1)] = kind.group(2)
    elif product:
        wanted: dict[str, Any] = {}
        if "role" in item:  # the product's own role, as the export writes it
            wanted["role"] = item.pop("role")
        if product.group(1):
            wanted["kind"] = product.group(1)
        if product.group(2):
            wanted["elements"] = [e.strip() for e in product.group(2).split(",") if e.strip()]
        item["product"] = wanted
    else:
        item["action"] = what
    return _expected_order(item)


# `product KIND [ELEMENT, ...]` as the export writes an expected communication product
_PRODUCT_LINE = re.compile(r"product(?:\s+([a-z][a-z-]*))?(?:\s+\[([a-z, -]*)\])?")


# -- rows to a scenario ------------------------------------------------------------------


def _narratives_left(table: Table) -> list[str]:
    """The export's narratives sheet is for exercise control to read: its effects name
    indicators an MSEL does not hold, so the narratives stay in the scenario file."""
    names = {word("narratives", lang) for lang in ("en", "nl")}
    return [
        table.place.whole_at(
            phrase(
                "the sheet {sheet} is not imported: narratives are written in the scenario file",
                sheet=repr(name),
            )
        )
        for name in table.sheets
        if name in names and name != table.place.sheet
    ]


def merge_broadcasts(rows: list[Row]) -> list[Row]:
    """Rows that differ only in their player (one row per player, as T3SF writes a
    broadcast) become one inject with several recipients, at the first row's place."""
    merged: list[Row] = []
    by_key: dict[tuple[Any, ...], Row] = {}
    for row in rows:
        content = {k: v for k, v in row.inject.items() if k != "id"}
        key = (repr(sorted(content.items())), row.time)
        first = by_key.get(key)
        if first is not None and row.names and first.names and "decision" not in content:
            first.names.extend(n for n in row.names if n not in first.names)
            first.rows.append(row.number)
            continue
        by_key[key] = row
        merged.append(row)
    return merged


def build_scenario(
    table: Table,
    path: Path,
    settings: Settings,
    mapping: Mapping | None,
) -> Imported:
    place = table.place
    header_row, columns, warnings, header_lang = find_columns(table, mapping)
    warnings = [*table.warnings, *warnings, *_narratives_left(table)]
    first_row = (mapping.first_row if mapping and mapping.first_row else None) or (
        (header_row or 0) + 1
    )
    language = settings.language or (mapping.language if mapping else None) or header_lang
    rows = read_rows(table, columns, first_row, mapping, warnings, language)
    if not rows:
        raise place.problem(first_row, 1, phrase("no injects below the header"))
    has_id = "id" in columns.values()
    if not has_id:
        rows = merge_broadcasts(rows)
    seen: dict[str, int] = {}
    for row in rows:
        ident = row.inject["id"]
        if ident in seen:
            column = row.cells.get("id", row.cells.get("number", 1))
            raise place.problem(
                row.number,
                column,
                phrase(
                    "the id {value} is already used in row {row}",
                    value=repr(ident),
                    row=str(seen[ident]),
                ),
            )
        seen[ident] = row.number
    # times
    start = settings.start or (mapping.start if mapping else None)
    start_value = None
    if start:
        try:
            start_value = parse_time_cell(start)
        except ValueError as err:
            raise place.whole_problem(phrase("--start: {error}", error=err.args[0])) from None
    try:
        zero, ats = scenario_times([r.time for r in rows], start_value)
    except IndexedError as err:
        bad = rows[err.index]
        raise place.problem(
            bad.number, bad.cells.get("time", bad.cells.get("day", 1)), _why(err)
        ) from None
    # roles, from the players named
    default_to = mapping.to if mapping else []
    role_ids: dict[str, str] = {}
    roles: list[dict[str, str]] = []

    def role_of(name: str) -> str:
        if name not in role_ids:
            base = slugify(name, "role")
            ident, n = base, 2
            while ident in {r["id"] for r in roles}:
                ident, n = f"{base}-{n}", n + 1
            role_ids[name] = ident
            roles.append({"id": ident, "title": name[:MAX_TITLE]})
        return role_ids[name]

    for row in rows:
        for name in row.names:
            role_of(name)
    # pillars and level: given, never guessed
    pillars = settings.pillars or [p.value for p in (mapping.pillars if mapping else [])]
    level = settings.level or (mapping.level.value if mapping and mapping.level else None)
    if level is None:
        raise place.whole_problem(
            phrase(
                "an MSEL does not say the threat level of the exercise: give it with "
                "--level L0..L4 (or `level:` in a mapping file)"
            )
        )
    injects: list[dict[str, Any]] = []
    last = 0.0
    for row, at in zip(rows, ats, strict=True):
        inject = row.inject
        names = row.names or list(default_to)
        if not names:
            raise place.problem(
                row.number,
                row.cells.get("to", 1),
                "no player named: fill in "
                "the player, or give `to:` in a mapping file for rows that name none",
            )
        to = [role_of(n) for n in names]
        ordered: dict[str, Any] = {"id": inject["id"]}
        if at is not None and "when" not in inject:
            ordered["at"] = format_duration(at) if at else 0
        for key in ("when", "after"):
            if key in inject:
                ordered[key] = inject[key]
        ordered["to"] = to
        for key in ("from", "method", "title", "text", "media"):
            if key in inject:
                ordered[key] = inject[key]
        if inject.get("pillars", pillars):  # else left for lint to point at (`no-pillar`)
            ordered["pillars"] = inject.get("pillars", pillars)
        for key in ("nato", "domains", "attribution", "severity", "source", "contingency"):
            if key in inject:
                ordered[key] = inject[key]
        if "decision" in inject:
            if "role" in inject["decision"]:
                inject["decision"]["role"] = role_of(inject["decision"]["role"])
            ordered["decision"] = inject["decision"]
        if "expected" in inject:
            for item in inject["expected"]:
                # (a product without a role may come from any role that received it)
                if "role" not in item and "decision" not in inject and "product" not in item:
                    item["role"] = to[0]
            ordered["expected"] = [_expected_order(i) for i in inject["expected"]]
        if "notes" in inject:
            ordered["notes"] = inject["notes"]
        injects.append(ordered)
        deadline = inject.get("decision", {}).get("deadline")
        end = (at or 0) + (parse_duration(deadline) if deadline else 0)
        last = max(last, end)
        row.inject = ordered
    duration_text = settings.duration or (mapping.duration if mapping else None)
    if duration_text:
        try:
            duration = parse_duration(duration_text)
        except ValueError as err:
            raise place.whole_problem(phrase("--duration: {error}", error=err.args[0])) from None
        if duration <= last:
            raise place.whole_problem(
                phrase(
                    "--duration {value} ends before the last inject ({time})",
                    value=duration_text,
                    time=format_duration(last),
                )
            )
    else:
        duration = last + DEFAULT_TAIL
    scenario_id = (
        settings.scenario_id or (mapping.id if mapping else None) or slugify(path.stem, "imported")
    )
    title = settings.title or (mapping.title if mapping else None) or path.stem
    scenario: dict[str, Any] = {
        "format": 1,
        "id": scenario_id,
        "title": title[:MAX_TITLE],
        "language": language,
        "duration": format_duration(duration),
        "phases": [
            {
                "id": "exercise",
                "title": word("phase.exercise", language),
                "level": Level(level).value,
                "at": 0,
            }
        ],
        "roles": roles,
        "injects": injects,
    }
    scale = start_value.scale if start_value else next((r.time.scale for r in rows if r.time), None)
    notes = _top_notes(table, header_row, zero, start, duration_text is None, scale, language)
    return Imported(scenario, rows, warnings, header_row, zero, notes)


def _expected_order(item: dict[str, Any]) -> dict[str, Any]:
    return {
        k: item[k]
        for k in ("role", "option", "measure", "product", "action", "within", "objective")
        if k in item
    }


def _top_notes(
    table: Table,
    header_row: int | None,
    zero: float | None,
    start: str | None,
    derived_duration: bool,
    scale: str | None,
    lang: str,
) -> list[str]:
    """The comments heading the scenario made, in its language (the author reads them)."""
    place = table.place
    name = Path(place.file).name
    if place.sheet is not None:
        name = text(lang, "{file}, sheet {sheet}", file=name, sheet=place.sheet)
    if header_row:
        said = text(
            lang, "Imported from {file} (header in row {row}) by `exercise import`.",
            file=name, row=str(header_row),
        )  # fmt: skip
    else:
        said = text(lang, "Imported from {file} (no header row) by `exercise import`.", file=name)
    lines = [said]
    if zero is not None:
        if start:
            lines.append(text(lang, "T+0 is {start} (given).", start=start))
        else:
            earliest = _describe(zero, scale, lang)
            lines.append(
                text(lang, "T+0 is the earliest time in the sheet: {time}.", time=earliest)
            )
    if derived_duration:
        lines.append(text(lang, "duration: the last inject (and its deadline) plus 15 minutes."))
    lines.append(
        text(
            lang,
            "Not in the sheet, so left for you (see `exercise lint`): NATO requirements, "
            "domains, sources, deadlines, option effects; the pillars and the level are "
            "the ones given.",
        )
    )
    return lines


def _describe(zero: float, scale: str | None, lang: str) -> str:
    from datetime import timedelta

    from .timecells import _EPOCH

    if scale == "relative":
        return text(lang, "{duration} from the sheet's D (J)", duration=format_duration(zero))
    if scale == "date":
        return (_EPOCH + timedelta(seconds=zero)).strftime("%Y-%m-%d %H:%M")
    day, rest = divmod(int(zero), 86400)
    clock = f"{rest // 3600:02d}:{rest % 3600 // 60:02d}"
    return clock if not day else text(lang, "day {day} {time}", day=str(day), time=clock)


# -- YAML -----------------------------------------------------------------------------------


def _comment(text: str) -> str:
    return "# " + clean(text, single_line=True, layout=False).replace("\\", "\\\\")[:300] + "\n"


def to_yaml(imported: Imported) -> str:
    """Readable YAML: the sheet's order, each inject under a comment naming its row(s)."""
    scenario = imported.scenario
    out = [_comment(line) for line in imported.notes]
    head = {k: v for k, v in scenario.items() if k not in ("phases", "roles", "injects")}
    lines = yamlout.mapping(head)
    for key in ("phases", "roles"):
        lines += [f"{key}:", *yamlout.sequence(scenario[key])]
    lines.append("injects:")
    out.append("\n".join(lines) + "\n")
    for row, inject in zip(imported.rows, scenario["injects"], strict=True):
        rows = row.rows
        where = (
            f"row {rows[0]}"
            if len(rows) == 1
            else f"rows {', '.join(map(str, rows))} (one per player, merged)"
        )
        out.append("\n  " + _comment(where))
        out.append("\n".join(yamlout.sequence([inject], 2)) + "\n")
    return "".join(out)


def problems_to_cells(err: ContentError, imported: Imported, place: Place) -> list[str]:
    """The scenario check's problems about the YAML we made, told at the cells they
    came from."""
    lines = []
    for problem in err.problems:
        match = re.match(r"injects\[(\d+)\]\.?([a-z_]+)?", problem.path)
        if match and int(match.group(1)) < len(imported.rows):
            row = imported.rows[int(match.group(1))]
            key = {"from": "from", "decision": "options", "at": "time"}.get(
                match.group(2) or "", match.group(2) or ""
            )
            column = row.cells.get(key, min(row.cells.values(), default=1))
            lines.append(
                clean(f"{place.cell(row.number, column)}: {problem.message}", layout=False)
            )
        else:
            where = f"{problem.path}: " if problem.path else ""
            lines.append(clean(f"{place.whole()}: {where}{problem.message}", layout=False))
    return lines


def import_file(path: Path, settings: Settings, mapping: Mapping | None) -> tuple[str, Imported]:
    """The scenario YAML for an MSEL file, checked like any scenario; SheetProblem with
    the cells at fault otherwise."""
    from ..content.loader import scenario_from_source
    from ..content.yamlsource import parse_source
    from ..gcpause import paused_gc
    from .workbook import read_table

    with paused_gc():  # many new objects and no cycles, as when a scenario is loaded
        table = read_table(path, settings.sheet or (mapping.sheet if mapping else None))
        imported = build_scenario(table, path, settings, mapping)
        text = to_yaml(imported)
        name = f"{path.stem}.yaml"
        try:
            scenario_from_source(parse_source(text.encode("utf-8"), name), Path(name))
        except ContentError as err:
            raise SheetProblem(problems_to_cells(err, imported, table.place)) from None
    return text, imported
