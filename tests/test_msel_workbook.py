"""Hostile workbooks: zip bombs, formulas, macros, huge sheets, files that are no
workbook. Each is refused (FILE: or FILE:SHEET!CELL:, exit 2, no traceback) or read as
values with a warning."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from msel_books import t3sf_book, workbook

from exercise.cli import main
from exercise.msel import workbook as reader
from exercise.msel.workbook import SheetProblem, read_table

ARGS = ["--level", "L1", "--pillar", "vital-processes"]
HEADER = ["Time", "To", "Subject", "Text"]


def import_err(capsys: pytest.CaptureFixture[str], book: Path, *args: str) -> tuple[int, str]:
    status = main(["import", str(book), *ARGS, *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.err


def rewrite(book: Path, replace: dict[str, bytes | None], add: dict[str, bytes]) -> None:
    """Copy the archive with some members changed (None: left out) or added."""
    with zipfile.ZipFile(book) as old:
        members = [(i, old.read(i.filename)) for i in old.infolist()]
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in members:
            if info.filename in replace:
                changed = replace[info.filename]
                if changed is None:
                    continue
                data = changed
            new.writestr(info.filename, data)
        for name, data in add.items():
            new.writestr(name, data)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = t3sf_book(tmp_path)
    rewrite(book, {}, {"xl/media/bomb.xml": b"\0" * (50 << 20)})  # 50 MiB of zeros
    assert book.stat().st_size < 1 << 20
    status, err = import_err(capsys, book)
    assert status == 2
    assert "xl/media/bomb.xml unpacks to 52,428,800 bytes" in err
    assert "zip bomb" in err


def test_too_much_unpacked_in_all_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_UNCOMPRESSED", 10_000)
    status, err = import_err(capsys, t3sf_book(tmp_path))
    assert status == 2
    assert "at most 10,000 are read" in err


def test_a_formula_is_never_evaluated_and_one_without_a_saved_value_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = workbook(
        tmp_path / "f.xlsx",
        [HEADER, ["T+00:05", "nctv", "One", "First."], ["T+00:06", "nctv", "=WEBSERVICE(A1)", "x"]],
    )
    status, err = import_err(capsys, book)
    assert status == 2
    assert f"{book}:main!C3: a formula saved without its value" in err


def test_a_formula_with_its_saved_value_is_read_as_that_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = workbook(tmp_path / "f.xlsx", [HEADER, ["T+00:05", "nctv", 12345, "First."]])
    with zipfile.ZipFile(book) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    formula = b'<c r="C2" t="str"><f>CONCAT("Sub","ject")</f><v>Subject</v></c>'
    sheet = sheet.replace(b'<c r="C2" t="n"><v>12345</v></c>', formula)
    assert formula in sheet
    rewrite(book, {"xl/worksheets/sheet1.xml": sheet}, {})
    table = read_table(book)
    assert table.rows[1][2] == "Subject"
    assert any("1 formula cell(s) read as the values saved with them" in w for w in table.warnings)


def test_macros_and_external_links_are_ignored_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = t3sf_book(tmp_path)
    rewrite(
        book,
        {},
        {
            "xl/vbaProject.bin": b'Attribute VB_Name = "Evil"',
            "xl/externalLinks/externalLink1.xml": b"<externalLink/>",
        },
    )
    out = tmp_path / "out.yaml"
    status, err = import_err(capsys, book, "-o", str(out))
    assert status == 0
    assert "holds macros: ignored, never run" in err
    assert "links to other workbooks: ignored, never followed" in err


def test_rows_past_the_limit_are_refused_at_the_first_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_ROWS", 10)
    rows = [HEADER, *[[f"T+00:{n:02d}", "nctv", f"S{n}", "t"] for n in range(12)]]
    book = workbook(tmp_path / "big.xlsx", rows)
    status, err = import_err(capsys, book)
    assert status == 2
    assert f"{book}:main!11:11: more than 10 rows" in err


def test_a_far_away_cell_does_not_make_a_huge_sheet(tmp_path: Path) -> None:
    book = workbook(tmp_path / "far.xlsx", [HEADER, ["T+00:05", "nctv", "One", "First."]])
    from openpyxl import load_workbook

    wb = load_workbook(book)
    wb.active["XFD1048576"] = "far"  # type: ignore[index]
    wb.save(book)
    table = read_table(book)  # the far cell is never read: rows stop at the limit
    assert len(table.rows) == 2
    assert any("reaches row 1,048,576, column 16,384" in w for w in table.warnings)


def test_a_value_past_the_last_column_is_refused(tmp_path: Path) -> None:
    row = ["T+00:05", "nctv", "One", "First."] + [None] * 56 + ["too far"]
    book = workbook(tmp_path / "wide.xlsx", [HEADER, row])
    with pytest.raises(SheetProblem, match=r"main!BI2: more than 60 columns"):
        read_table(book)


def test_a_cell_longer_than_a_scenario_text_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_CELL", 100)
    book = workbook(tmp_path / "long.xlsx", [HEADER, ["T+00:05", "nctv", "One", "x" * 101]])
    with pytest.raises(SheetProblem, match=r"main!D2: 101 characters; a cell holds at most 100"):
        read_table(book)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("fake.xlsx", b"just text, no archive", "not an .xlsx workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "is not read: save it as .xlsx"),
        ("data.bin", b"PK\x03\x04broken", "not an .xlsx workbook"),
        ("bin.csv", b"a,b\x00c", "a binary file, not CSV text"),
    ],
)
def test_files_that_are_no_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    status, err = import_err(capsys, path)
    assert status == 2
    assert message in err


def test_a_file_larger_than_the_limit_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.csv"
    path.write_text("Time,To,Subject,Text\n" * 10, encoding="utf-8")
    with pytest.raises(SheetProblem, match="larger than the 100 bytes"):
        read_table(path)


def test_a_missing_sheet_names_the_sheets_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = import_err(capsys, t3sf_book(tmp_path), "--sheet", "MSEL")
    assert status == 2
    assert "no sheet 'MSEL' (sheets: main)" in err


def test_a_device_is_not_read(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = import_err(capsys, Path("/dev/zero"))
    assert status == 2
    assert "not a regular file" in err
