"""`exercise import`: MSEL spreadsheets to scenarios that validate and play to the end.

The real samples (T3SF, OpenBAS) are read from the shared folder when it is there; the
same shapes are also made here with openpyxl, so a clean clone tests the behaviour too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from msel_books import (
    OPENBAS_MAPPING,
    SAMPLES,
    SAMPLES_REASON,
    openbas_book,
    t3sf_book,
    workbook,
)

from exercise.cli import main
from exercise.content.lint import lint
from exercise.content.loader import load_scenario
from exercise.model import Scenario, localize

T3SF_ARGS = ["--level", "L1", "--pillar", "vital-processes"]


def run_import(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(["import", *args])
    return status, capsys.readouterr().err


def imported(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> Scenario:
    out = tmp_path / "out.yaml"
    status, err = run_import(capsys, *args, "-o", str(out))
    assert status == 0, err
    return load_scenario(out)


def plays_to_the_end(capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path) -> None:
    journal = tmp_path / "play.db"
    assert main(["play", str(scenario), "--auto", "first", "--journal", str(journal)]) == 0
    assert "ended" in capsys.readouterr().out


# -- the T3SF shape: header row, clock times, one row per player, polls --------------------


def test_t3sf_shape_broadcast_rows_merge_into_one_inject(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = t3sf_book(tmp_path)
    scenario = imported(capsys, tmp_path, str(book), *T3SF_ARGS)
    assert [i.id for i in scenario.injects] == ["inject-1", "inject-2", "inject-3", "inject-6"]
    broadcast = scenario.inject_map["inject-3"]
    assert broadcast.to == ("pr-comm", "legal", "sre")
    # T+0 is the earliest clock time (19:29); the rest are minutes after it
    assert [i.at for i in scenario.injects] == [0, 120, 180, 360]
    assert [r.id for r in scenario.roles] == ["information-security", "legal", "pr-comm", "sre"]
    assert localize(scenario.role_map["pr-comm"].title, "en") == "PR/Comm"


def test_t3sf_shape_poll_becomes_a_decision_and_story_time_heads_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = imported(capsys, tmp_path, str(t3sf_book(tmp_path)), *T3SF_ARGS)
    poll = scenario.inject_map["inject-2"]
    assert poll.decision is not None
    assert [(o.id, localize(o.label, "en")) for o in poll.decision.options] == [
        ("mit", "MIT"),
        ("gpl", "GPL"),
    ]
    assert poll.decision.deadline is None  # never guessed: lint points at it
    assert localize(poll.text, "en") == "Monday 10:00 AM\n\nWhich licence?"
    assert poll.sender == "Joaquin"


def test_t3sf_shape_says_which_columns_it_left_out_and_keeps_rows_as_comments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "t3sf.yaml"
    status, err = run_import(capsys, str(t3sf_book(tmp_path)), *T3SF_ARGS, "-o", str(out))
    assert status == 0
    assert "columns not imported: Photo (H1)" in err
    text = out.read_text(encoding="utf-8")
    assert "# rows 4, 5, 6 (one per player, merged)" in text
    assert text.index("id: inject-1") < text.index("id: inject-2") < text.index("id: inject-6")


def test_t3sf_shape_plays_to_the_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "t3sf.yaml"
    assert main(["import", str(t3sf_book(tmp_path)), *T3SF_ARGS, "-o", str(out)]) == 0
    plays_to_the_end(capsys, out, tmp_path)


# -- the OpenBAS shape: no header, a mapping file, relative days ----------------------------


def test_openbas_shape_through_a_mapping_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, mapping = openbas_book(tmp_path)
    out = tmp_path / "ob.yaml"
    status, err = run_import(capsys, str(book), "--map", str(mapping), "-o", str(out))
    assert status == 0, err
    assert "CHECKLIST!B4: row 4 has no subject and no text: left out" in err
    scenario = load_scenario(out)
    # J-1 is the earliest: T+0; J+1 H+2 M-5 is a day and 1h55m after J
    assert [i.at for i in scenario.injects] == [0, 86400, 2 * 86400 + 6900, 4 * 86400]
    sms = scenario.injects[1]
    assert sms.method.value == "phone"
    assert localize(sms.title, "en") == "message1"  # no subject: the text's first line
    assert localize(sms.notes, "en") == "description"
    assert [localize(e.action, "en") for e in sms.expected] == ["expectation: done"]
    assert scenario.injects[3].to == ("team1", "team2")  # no team: the mapping's `to`
    plays_to_the_end(capsys, out, tmp_path)


def test_a_sheet_without_header_and_without_mapping_is_refused_at_a1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, _ = openbas_book(tmp_path)
    status, err = run_import(capsys, str(book), *T3SF_ARGS)
    assert status == 2
    assert f"{book}:CHECKLIST!A1: no header row found" in err
    assert "Traceback" not in err


# -- the real samples ---------------------------------------------------------------------


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=SAMPLES_REASON)
def test_real_t3sf_sample_imports_validates_and_plays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "t3sf.yaml"
    status, err = run_import(capsys, str(SAMPLES / "t3sf-msel.xlsx"), *T3SF_ARGS, "-o", str(out))
    assert status == 0, err
    assert main(["validate", str(out)]) == 0
    scenario = load_scenario(out)
    assert len(scenario.injects) == 7  # 12 rows, one broadcast to six players
    assert len(scenario.inject_map["inject-5"].to) == 6
    assert sum(1 for i in scenario.injects if i.decision) == 2
    plays_to_the_end(capsys, out, tmp_path)


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=SAMPLES_REASON)
def test_real_openbas_sample_imports_validates_and_plays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text(OPENBAS_MAPPING, encoding="utf-8")
    out = tmp_path / "ob.yaml"
    book = SAMPLES / "openbas-checklist.xlsx"
    status, err = run_import(capsys, str(book), "--map", str(mapping), "-o", str(out))
    assert status == 0, err
    assert main(["validate", str(out)]) == 0
    assert len(load_scenario(out).injects) == 4
    plays_to_the_end(capsys, out, tmp_path)


# -- Dutch headers, notations ----------------------------------------------------------------


def test_dutch_headers_below_a_title_and_relative_days_at_clock_times(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ["Draaiboek oefening Noordzee"],
        [],
        ["Nr", "Tijd", "Van", "Aan", "Middel", "Onderwerp", "Tekst", "Verwachte actie",
         "Opmerkingen"],
        [1, "J 09h00", "Gasunie", "NCTV", "telefoon", "Drukval", "De druk valt.",
         "Belt het NCC", "Alleen oefenleiding"],
        [2, "J 09h30", "NOS", "NKC; NCTV", "nieuws", "Bericht", "Het nieuws meldt.", None, None],
        [3, "J+1 08:00", "MIVD", "NCTV", "sitrep", "Duiding", "Een schip lag erboven.", None,
         None],
    ]  # fmt: skip
    book = workbook(tmp_path / "draaiboek.xlsx", rows, title="MSEL")
    scenario = imported(capsys, tmp_path, str(book), *T3SF_ARGS)
    assert scenario.language == "nl"
    assert [i.at for i in scenario.injects] == [0, 1800, 23 * 3600]
    first = scenario.injects[0]
    assert first.method.value == "phone"
    assert [(e.role, localize(e.action, "nl")) for e in first.expected] == [
        ("nctv", "Belt het NCC")
    ]
    assert localize(first.notes, "nl") == "Alleen oefenleiding"
    assert scenario.injects[1].to == ("nkc", "nctv")
    assert localize(scenario.phases[0].title, "nl") == "Oefening"


def test_absolute_dates_from_a_start_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ["Time", "To", "Subject", "Text"],
        ["26/06/2024 09h00", "nctv", "One", "First."],
        ["26/06/2024 10h15", "nctv", "Two", "Second."],
        ["2024-06-27 08:00", "nctv", "Three", "Third."],
    ]
    book = workbook(tmp_path / "dates.xlsx", rows)
    scenario = imported(capsys, tmp_path, str(book), *T3SF_ARGS, "--start", "26/06/2024 08h00")
    assert [i.at for i in scenario.injects] == [3600, 2 * 3600 + 900, 24 * 3600]


def test_excel_time_fractions_and_ampm_clock_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ["Time", "Player", "Subject", "Script"],
        [0.5, "a", "Noon", "x"],  # an Excel time: half a day
        ["07:29 PM", "a", "Evening", "y"],
    ]
    scenario = imported(capsys, tmp_path, str(workbook(tmp_path / "f.xlsx", rows)), *T3SF_ARGS)
    assert [i.at for i in scenario.injects] == [0, 7 * 3600 + 29 * 60]


# -- refusals: FILE:SHEET!CELL, exit 2, no file -------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("B3", "tomorrow", "'tomorrow' is not a time"),
        ("B3", "25:99", "not a time"),
        ("B3", "J 09h00", "use one notation in a column"),
        ("B3", 42, "42 has no unit"),
    ],
)
def test_a_bad_time_names_its_cell_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cell: str, value: object, message: str
) -> None:
    rows = [
        ["#", "Time", "To", "Subject", "Text"],
        [1, "D+0 H+1", "nctv", "One", "First."],
        [2, value, "nctv", "Two", "Second."],
    ]
    book = workbook(tmp_path / "bad.xlsx", rows)
    out = tmp_path / "out.yaml"
    status, err = run_import(capsys, str(book), *T3SF_ARGS, "-o", str(out))
    assert status == 2
    assert err.startswith(f"{book}:main!{cell}: ")
    assert message in err
    assert not out.exists()
    assert not list(tmp_path.glob(".*part"))


def test_the_threat_level_is_asked_for_and_pillars_left_for_lint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = t3sf_book(tmp_path)
    status, err = run_import(capsys, str(book), "--pillar", "vital-processes")
    assert status == 2
    assert "--level" in err
    out = tmp_path / "no-pillars.yaml"
    status, err = run_import(capsys, str(book), "--level", "L1", "-o", str(out))
    assert status == 0, err
    assert "pillars:" not in out.read_text(encoding="utf-8")  # never guessed
    scenario = load_scenario(out)
    report = lint(scenario)
    assert {w.code for w in report.warnings} >= {"no-pillar"}
    assert all(not inject.pillars for inject in scenario.injects)


def test_a_player_named_nowhere_is_refused_at_the_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["Time", "To", "Subject", "Text"], ["T+00:05", None, "One", "First."]]
    status, err = run_import(capsys, str(workbook(tmp_path / "x.xlsx", rows)), *T3SF_ARGS)
    assert status == 2
    assert "main!B2: no player named" in err


def test_a_duplicate_number_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        ["#", "Time", "To", "Subject", "Text"],
        [7, "T+00:05", "nctv", "One", "First."],
        [7, "T+00:06", "nkc", "Two", "Second."],
    ]
    status, err = run_import(capsys, str(workbook(tmp_path / "x.xlsx", rows)), *T3SF_ARGS)
    assert status == 2
    assert "main!A3: the id 'inject-7' is already used in row 2" in err


def test_the_output_is_never_written_over_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = t3sf_book(tmp_path)
    before = book.read_bytes()
    status, _ = run_import(capsys, str(book), *T3SF_ARGS, "-o", str(book), "--force")
    assert status == 2
    assert book.read_bytes() == before


def test_a_mapping_file_with_an_unknown_key_is_reported_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, mapping = openbas_book(tmp_path)
    mapping.write_text(OPENBAS_MAPPING + "colums: {}\n", encoding="utf-8")
    status, err = run_import(capsys, str(book), "--map", str(mapping))
    assert status == 2
    assert f"{mapping}:8:1: colums: unknown key 'colums'" in err


def test_markup_and_escapes_in_cells_stay_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ["Time", "To", "Subject", "Text"],
        ["T+00:05", "nctv", "[bold red]alarm[/]", "line &amp; <b>end</b>: {a: b}\n- list"],
    ]
    scenario = imported(capsys, tmp_path, str(workbook(tmp_path / "x.xlsx", rows)), *T3SF_ARGS)
    inject = scenario.injects[0]
    assert localize(inject.title, "en") == "[bold red]alarm[/]"
    assert localize(inject.text, "en") == "line &amp; <b>end</b>: {a: b}\n- list"


def test_csv_with_semicolons_in_windows_1252(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = tmp_path / "msel.csv"
    csv_file.write_bytes(
        "Tijd;Aan;Onderwerp;Tekst\r\nT+00:10;NCTV;Café;'=2+2 is tekst\r\n".encode("cp1252")
    )
    out = tmp_path / "out.yaml"
    status, err = run_import(capsys, str(csv_file), *T3SF_ARGS, "-o", str(out))
    assert status == 0, err
    assert "read as Windows-1252" in err
    inject = load_scenario(out).injects[0]
    assert localize(inject.title, "nl") == "Café"
    assert localize(inject.text, "nl") == "=2+2 is tekst"
    assert inject.at == 600


def test_the_mapping_schema_accepts_the_documented_example_and_refuses_a_typo(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    import jsonschema
    import yaml

    assert main(["schema", "--mapping"]) == 0
    schema = json.loads(capsys.readouterr().out)
    example = yaml.safe_load(OPENBAS_MAPPING)
    jsonschema.validate(example, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**example, "colums": {}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**example, "columns": {"tiem": "B"}}, schema)
