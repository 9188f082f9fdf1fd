"""Media injects and narratives in the MSEL: exported in every format through the
spreadsheet guard, read back by `exercise import`, refused at their cell when wrong."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import scenario_text
from msel_books import workbook
from openpyxl import load_workbook

from exercise.cli import main
from exercise.content.loader import load_scenario
from exercise.model import localize
from exercise.msel.importer import Settings, build_scenario
from exercise.msel.words import COLUMNS
from exercise.msel.workbook import read_table

HOSTILE_OUTLET = '=HYPERLINK("http://evil.example","click") <script>alert(1)</script> \x1b]0;t\x07'
MEDIA_INJECTS = (
    "- {id: post, at: 1m, to: [nctv], title: A post, text: It spreads.,"
    " pillars: [vital-processes], source: scenario-derived,"
    f" media: {{kind: post, outlet: {json.dumps(HOSTILE_OUTLET)}, reach: 4, people: 250000}}}}\n"
    "- {id: plain, at: 2m, to: [nctv], title: Plain, text: No media.,"
    " pillars: [vital-processes], source: scenario-derived}\n"
)
NARRATIVES = """\
narratives:
  - id: cover-up
    claim: "=HYPERLINK(1) <b>They hide it</b>"
    from: [post]
    start: 8
    growth: 18
    ceiling: 40
    every: 10m
    answered_by: [threat-info, action-perspective]
    notes: NARRATIVE-NOTES for exercise control
"""
OUTLET_SHOWN = '=HYPERLINK("http://evil.example","click") <script>alert(1)</script> \\x1b]0;t\\x07'


@pytest.fixture
def media_scenario(write_scenario: Any) -> Path:
    path: Path = write_scenario(scenario_text(injects=MEDIA_INJECTS) + NARRATIVES)
    load_scenario(path)
    return path


def export(tmp_path: Path, scenario: Path | str, fmt: str, *args: str) -> Path:
    out = tmp_path / f"msel.{fmt}"
    assert main(["msel", str(scenario), "--format", fmt, "-o", str(out), *args]) == 0
    return out


def column_of(field: str) -> int:
    return list(COLUMNS).index(field) + 1


def test_the_xlsx_has_the_media_columns_as_inert_text(tmp_path: Path, media_scenario: Path) -> None:
    xlsx = export(tmp_path, media_scenario, "xlsx")
    with zipfile.ZipFile(xlsx) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                part = archive.read(name)
                assert b"<f>" not in part and b"<f " not in part  # no formula anywhere
    book = load_workbook(xlsx)
    ws = book.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[column_of("media_kind") - 1 : column_of("people")] == [
        "Media kind",
        "Outlet",
        "Reach",
        "People reached",
    ]
    outlet = ws.cell(row=2, column=column_of("outlet"))
    assert outlet.value == OUTLET_SHOWN  # the escape sequence by its code, not raw
    assert outlet.data_type == "s" and outlet.quotePrefix
    assert ws.cell(row=2, column=column_of("media_kind")).value == "post"
    assert ws.cell(row=2, column=column_of("reach")).value == 4
    assert ws.cell(row=2, column=column_of("people")).value == 250000
    assert ws.cell(row=3, column=column_of("outlet")).value is None  # no media: empty


def test_the_narratives_are_a_second_sheet_for_exercise_control(
    tmp_path: Path, media_scenario: Path
) -> None:
    book = load_workbook(export(tmp_path, media_scenario, "xlsx"))
    assert book.sheetnames == ["MSEL", "Narratives"]
    ws = book["Narratives"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][:3] == ["ID", "Claim", "Started by"]
    assert rows[1][0] == "cover-up"
    claim = ws.cell(row=2, column=2)
    assert claim.value == "=HYPERLINK(1) <b>They hide it</b>" and claim.quotePrefix
    assert rows[1][2] == "post"
    assert rows[1][3:9] == [8, 18, 40, 18, 0, "10m"]  # start, growth, ceiling, decline, floor
    assert rows[1][9] == "threat-info, action-perspective"
    assert rows[1][11] == "NARRATIVE-NOTES for exercise control"
    dutch = load_workbook(export(tmp_path, media_scenario, "xlsx", "--lang", "nl"))
    assert dutch.sheetnames == ["MSEL", "Narratieven"]
    assert dutch["Narratieven"]["B1"].value == "Bewering"
    assert dutch["Narratieven"]["C1"].value == "Gestart door"


def test_a_scenario_without_narratives_has_one_sheet(tmp_path: Path) -> None:
    assert load_workbook(export(tmp_path, "demo", "xlsx")).sheetnames == ["MSEL"]


def test_the_csv_has_the_media_columns_inert_and_without_raw_controls(
    tmp_path: Path, media_scenario: Path
) -> None:
    raw = export(tmp_path, media_scenario, "csv").read_text(encoding="utf-8-sig")
    assert "\x1b" not in raw and "\x07" not in raw
    rows = list(csv.reader(io.StringIO(raw)))
    media = rows[1][column_of("media_kind") - 1 : column_of("people")]
    assert media == ["post", "'" + OUTLET_SHOWN, "4", "250000"]


def test_the_csv_to_standard_output_holds_no_terminal_escape(
    media_scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["msel", str(media_scenario), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b]0;t\\x07" in out


def test_the_html_has_the_media_columns_and_narratives_escaped(
    tmp_path: Path, media_scenario: Path
) -> None:
    html = export(tmp_path, media_scenario, "html").read_text(encoding="utf-8")
    assert "<script" not in html and "\x1b" not in html and "<b>" not in html
    assert "=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;) &lt;script&gt;" in html
    for header in ("Media kind", "Outlet", "Reach", "People reached", "Narratives"):
        assert f">{header}<" in html
    assert "&lt;b&gt;They hide it&lt;/b&gt;" in html and "NARRATIVE-NOTES" in html
    dutch = export(tmp_path, media_scenario, "html", "--lang", "nl").read_text(encoding="utf-8")
    for header in ("Soort media-item", "Titel of kanaal", "Bereik", "Bereikte personen"):
        assert f">{header}<" in dutch
    assert ">Narratieven<" in dutch


def media_back(path: Path) -> list[dict[str, Any] | None]:
    imported = build_scenario(read_table(path), path, Settings(level="L1"), None)
    return [i.get("media") for i in imported.scenario["injects"]]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_media_fields_come_back_through_the_import(
    tmp_path: Path, media_scenario: Path, fmt: str
) -> None:
    back = media_back(export(tmp_path, media_scenario, fmt))
    assert back == [{"kind": "post", "outlet": OUTLET_SHOWN, "reach": 4, "people": 250000}, None]


HEADER = ["#", "Time", "To", "Subject", "Text", "Media kind", "Outlet", "Reach", "People reached"]


@pytest.mark.parametrize(
    ("cells", "where", "message"),
    [
        (["blog", "Daily Paper", 3, None], "F2", "'blog' is not one of article, post, tv, radio"),
        (["article", "Daily Paper", 9, None], "H2", "'9' is not a reach from 1 to 5"),
        (["article", "Daily Paper", "high", None], "H2", "'high' is not a reach from 1 to 5"),
        (["article", "Daily Paper", None, -5], "I2", "is not a number of people"),
        (["article", None, 2, None], "F2", "needs its outlet"),
        ([None, "Daily Paper", 2, None], "G2", "needs its kind"),
    ],
)
def test_a_bad_media_cell_is_refused_at_its_cell(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cells: list[Any],
    where: str,
    message: str,
) -> None:
    book = workbook(tmp_path / "bad.xlsx", [HEADER, [1, "D+0 H+1", "nctv", "S", "T", *cells]])
    out = tmp_path / "out.yaml"
    assert main(["import", str(book), "--level", "L1", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{book}:main!{where}: "), err
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()


def test_media_cells_in_dutch_words_and_with_thousands_separators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = ["#", "Tijd", "Aan", "Onderwerp", "Tekst", "Soort media-item", "Titel of kanaal"]
    header += ["Bereik", "Bereikte personen"]
    row = [1, "D+0 H+1", "nctv", "S", "T", "Nieuwsartikel", "De Krant", "2", "40.000"]
    book = workbook(tmp_path / "nl.xlsx", [header, row])
    out = tmp_path / "out.yaml"
    assert main(["import", str(book), "--level", "L1", "-o", str(out)]) == 0, (
        capsys.readouterr().err
    )
    media = load_scenario(out).injects[0].media
    assert media is not None
    assert (media.kind.value, localize(media.outlet, "nl"), media.reach, media.people) == (
        "article",
        "De Krant",
        2,
        40000,
    )


def test_the_import_says_the_narratives_sheet_is_not_read(
    tmp_path: Path, media_scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx = export(tmp_path, media_scenario, "xlsx")
    capsys.readouterr()
    out = tmp_path / "back.yaml"
    assert main(["import", str(xlsx), "--level", "L1", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "the sheet 'Narratives' is not imported" in err
    assert "narratives:" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("column", ["Reach", "People reached", "Severity"])
def test_a_number_of_thousands_of_digits_is_refused_at_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], column: str
) -> None:
    header = ["#", "Time", "To", "Subject", "Text", "Media kind", "Outlet", column]
    row = [1, "D+0 H+1", "nctv", "S", "T", "article", "Daily Paper", "9" * 5000]
    book = workbook(tmp_path / "long.xlsx", [header, row])
    assert main(["import", str(book), "--level", "L1", "-o", str(tmp_path / "o.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{book}:main!H2: "), err[:300]
    assert "Traceback" not in err
