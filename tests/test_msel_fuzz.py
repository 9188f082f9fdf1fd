"""Whatever a sheet holds, the import ends in a scenario that loads, or in problems that
name their cells: never another exception, never YAML that reads back differently."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from exercise.content.loader import scenario_from_source
from exercise.content.yamlsource import parse_source
from exercise.model import localize
from exercise.msel.importer import Settings, build_scenario, to_yaml
from exercise.msel.workbook import Place, SheetProblem, Table

HEADER = ["#", "Time", "Player", "From", "Method", "Subject", "Script", "Poll", "Expected action"]

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=40
)  # any character a cell may hold, controls and bidi marks included
times = st.one_of(
    st.sampled_from(["J", "J-1", "D+1 H+2", "T+00:05", "09h00", "7:29 PM", "J 09h00", "", "x"]),
    st.builds(time, st.integers(0, 23), st.integers(0, 59)),
    st.floats(0, 1, exclude_max=True),
    st.builds(datetime, st.integers(2020, 2030), st.integers(1, 12), st.integers(1, 28)),
    text,
)
cell = st.one_of(st.none(), text, st.integers(-5, 10**6))
row = st.tuples(
    st.integers(1, 50), times, st.sampled_from(["NCTV", "NKC", "PR/Comm", "", "a, b"]),
    cell, st.sampled_from(["mail", "SMS", "??", ""]), cell, cell,
    st.one_of(st.none(), st.sampled_from(["A | B", "x | x", "|"]), text), cell,
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row, min_size=1, max_size=12))
def test_any_sheet_imports_or_names_its_cells(rows: list[tuple[object, ...]]) -> None:
    table = Table(Place("fuzz.xlsx", "main"), [list(HEADER), *[list(r) for r in rows]], ["main"])
    for values in table.rows:  # as the reader gives them: empty text is an empty cell
        values[:] = [None if v == "" else v for v in values]
    path = Path("fuzz.xlsx")
    try:
        imported = build_scenario(
            table, path, Settings(level="L1", pillars=["vital-processes"]), None
        )
    except SheetProblem as err:
        assert all(p.startswith("fuzz.xlsx:main") for p in err.problems)
        event("refused at a cell")
        return
    event("imported")
    text_out = to_yaml(imported)
    scenario = scenario_from_source(parse_source(text_out.encode("utf-8"), "fuzz.yaml"), path)
    # the YAML reads back to exactly the texts the rows gave
    for inject, made in zip(scenario.injects, imported.scenario["injects"], strict=True):
        assert localize(inject.title, "en") == made["title"]
        assert localize(inject.text, "en") == made["text"]
        assert inject.sender == made.get("from")
