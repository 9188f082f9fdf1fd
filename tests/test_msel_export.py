"""`exercise msel`: the controllers' MSEL as .xlsx, CSV and HTML, and back through
`exercise import` to the same injects."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import scenario_text
from openpyxl import load_workbook

from exercise.cli import main
from exercise.content.loader import load_scenario
from exercise.content.resources import bundled_scenarios_dir
from exercise.model import Inject, localize
from exercise.msel.importer import Settings, build_scenario
from exercise.msel.words import COLUMNS
from exercise.msel.workbook import read_table

BUNDLED = sorted(bundled_scenarios_dir().glob("*.yaml"))


def msel_file(tmp_path: Path, scenario: Path | str, fmt: str, *args: str) -> Path:
    out = tmp_path / f"msel.{fmt}"
    assert main(["msel", str(scenario), "--format", fmt, "-o", str(out), *args]) == 0
    return out


def projection(inject: Inject, lang: str) -> dict[str, Any]:
    """Everything of an inject that an MSEL row holds, in one language."""

    def text(value: Any) -> str:
        return localize(value, lang)

    decision = inject.decision
    return {
        "id": inject.id,
        "at": inject.at,
        "when": inject.when.text if inject.when else None,
        "after": inject.after,
        "to": inject.to,
        "from": text(inject.sender) if inject.sender else None,
        "method": inject.method,
        "title": text(inject.title),
        "text": text(inject.text),
        "pillars": inject.pillars,
        "nato": inject.nato,
        "domains": inject.domains,
        "attribution": inject.attribution,
        "severity": inject.severity,
        "source": inject.source,
        "contingency": inject.contingency,
        "notes": text(inject.notes),
        "media": inject.media
        and (inject.media.kind, text(inject.media.outlet), inject.media.reach, inject.media.people),
        "decision": decision
        and (
            inject.decider,
            text(decision.prompt),
            decision.deadline,
            [(o.id, text(o.label)) for o in decision.options],
        ),
        "expected": [
            (
                e.product_role or e.role or inject.decider,
                e.option,
                e.measure,
                (e.product.kind, e.product.elements) if e.product else None,
                " ".join(text(e.action).split()) or None,
                e.within,
                e.objective,
            )
            for e in inject.expected
        ],
    }


def injects_back(path: Path) -> list[Inject]:
    """The injects `exercise import` makes of a file (before the whole-scenario check: an
    MSEL has no indicators or measures for the conditions to refer to)."""
    imported = build_scenario(read_table(path), path, Settings(level="L1"), None)
    return [Inject.model_validate(i) for i in imported.scenario["injects"]]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("bundled", BUNDLED, ids=lambda p: p.stem)
def test_import_of_an_exported_msel_gives_the_same_injects(
    tmp_path: Path, bundled: Path, lang: str, fmt: str
) -> None:
    scenario = load_scenario(bundled)
    back = injects_back(msel_file(tmp_path, bundled, fmt, "--lang", lang))
    assert [projection(i, lang) for i in back] == [projection(i, lang) for i in scenario.injects]


def test_the_spreadsheet_has_a_frozen_header_filters_and_widths(tmp_path: Path) -> None:
    out = msel_file(tmp_path, "demo", "xlsx")
    ws = load_workbook(out).active
    assert ws is not None
    assert ws.freeze_panes == "C2"
    injects = load_scenario(bundled_scenarios_dir() / "demo.yaml").injects
    assert ws.auto_filter.ref == f"A1:AC{len(injects) + 1}"
    assert [c.value for c in ws[1]] == [en for en, _ in COLUMNS.values()]
    assert ws.column_dimensions["L"].width == 60  # the text column
    assert ws[1][0].font.bold


def test_dutch_headers_with_lang_nl(tmp_path: Path) -> None:
    ws = load_workbook(msel_file(tmp_path, "demo", "xlsx", "--lang", "nl")).active
    assert ws is not None
    headers = [c.value for c in ws[1]]
    assert "Uiterste tijd" in headers and "Notities oefenleiding" in headers


FORMULAS = ['=HYPERLINK("http://x","y")', "+31 70 123", "-2 degrees", "@SUM(A1)", "\tx"]


def test_cells_that_look_like_formulas_stay_inert_text(tmp_path: Path, write_scenario: Any) -> None:
    injects = "".join(
        f"- {{id: i{n}, at: {n + 1}m, to: [nctv], title: {json.dumps(t)}, text: {json.dumps(t)}, "
        f"from: {json.dumps(t)}, pillars: [vital-processes], source: scenario-derived}}\n"
        for n, t in enumerate(FORMULAS)
    )
    scenario = write_scenario(scenario_text(injects=injects))
    xlsx = msel_file(tmp_path, scenario, "xlsx")
    with zipfile.ZipFile(xlsx) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet  # no formula in the file at all
    ws = load_workbook(xlsx).active
    assert ws is not None
    titles = [ws.cell(row=r, column=11) for r in range(2, 2 + len(FORMULAS))]
    assert [c.value for c in titles] == FORMULAS
    assert all(c.data_type == "s" and c.quotePrefix for c in titles)
    csv_text = msel_file(tmp_path, scenario, "csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+31 70" in csv_text and "'@SUM" in csv_text
    # and both read back as the texts themselves
    for fmt in ("xlsx", "csv"):
        back = injects_back(tmp_path / f"msel.{fmt}")
        # (a title's surrounding white space is not kept)
        assert [localize(i.title, "en") for i in back] == [t.strip() for t in FORMULAS]


def test_the_html_msel_is_escaped_and_self_contained(tmp_path: Path, write_scenario: Any) -> None:
    hostile = "<script>alert(1)</script> [bold]x[/] \x1b]0;t\x07"
    injects = (
        f"- {{id: a, at: 1m, to: [nctv], title: {json.dumps(hostile)}, text: t, "
        "pillars: [vital-processes], notes: only for excon}\n"
    )
    path = write_scenario(scenario_text(injects=injects))
    html = msel_file(tmp_path, path, "html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [bold]x[/] \\x1b]0;t\\x07" in html
    assert "only for excon" in html  # the MSEL is for exercise control: notes included
    assert "UNCLASSIFIED // EXERCISE" in html
    assert "src=" not in html and "href=" not in html and "@import" not in html


def test_xlsx_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["msel", "demo", "--format", "xlsx"]) == 2
    assert "-o FILE" in capsys.readouterr().err


def test_csv_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["msel", "demo", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("#,ID,Time,")
