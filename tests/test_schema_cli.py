"""`exercise schema` for editors, and the command line's exit statuses and messages."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import scenario_text

from exercise import __version__
from exercise.cli import main
from exercise.content.listing import list_scenarios
from exercise.content.loader import validate_paths, yaml_files
from exercise.content.resources import bundled_scenarios_dir
from exercise.content.yamlsource import parse_source
from exercise.model import localize

ROOT = Path(__file__).resolve().parent.parent


def schema_from_cli(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["schema", *args]) == 0
    return json.loads(capsys.readouterr().out)


def yaml_data(text: str) -> Any:
    """The data as the loader reads it (YAML 1.2 scalars)."""
    return parse_source(text.encode(), "test.yaml").data


def errors(schema: dict[str, Any], data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [error.message for error in validator.iter_errors(data)]


@pytest.fixture
def scenario_schema(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    return schema_from_cli(capsys)


USING = """\
- use: cable-sabotage
  at: 12m
  to: nctv
- id: single-values
  at: 20m
  to: nctv
  title: {en: Single values, nl: Enkele waarden}
  text: Every list field given as one value.
  pillars: vital-processes
  nato: energy
  domains: cyber
  decision:
    prompt: Go?
    options:
      - {id: go, label: Go, comms: threat-info, release: later, effects: {energy: +5}}
- id: later
  when: "delivered(single-values) and indicator(energy) > 10"
  after: 5m
  to: [nctv, excon]
  title: Later
  text: Later.
  pillars: [resilient-society]
"""


MEASURE = "- {id: lcp, title: LCP, role: nctv, from_level: L2, pillars: territorial-defence}"


def test_schema_is_draft_2020_12(scenario_schema: dict[str, Any]) -> None:
    assert scenario_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(scenario_schema)


def test_a_full_scenario_validates(scenario_schema: dict[str, Any]) -> None:
    assert errors(scenario_schema, yaml_data(scenario_text())) == []


def test_use_and_single_value_lists_validate(scenario_schema: dict[str, Any]) -> None:
    text = scenario_text(extra_injects=USING, measures=MEASURE)
    assert errors(scenario_schema, yaml_data(text)) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("duration: 2h", "duration: 2h\nspeeed: 10"),  # unknown top-level key
        ("prompt:", "promt:"),  # unknown nested key
        ("pillars: [vital-processes]", "pillars: [vital-procesess]"),
        ("level: L2", "level: L7"),
        ("format: 1", "format: 2"),
        ("    text: The grid operator reports a regional power cut.\n", ""),  # neither use nor text
        ("to: [nctv]", "to: []"),
    ],
)
def test_mistakes_fail_the_schema(scenario_schema: dict[str, Any], old: str, new: str) -> None:
    text = scenario_text()
    assert old in text
    assert errors(scenario_schema, yaml_data(text.replace(old, new)))


def test_catalogue_schema(capsys: pytest.CaptureFixture[str]) -> None:
    schema = schema_from_cli(capsys, "--catalogue")
    jsonschema.Draft202012Validator.check_schema(schema)
    catalogue = """\
    format: 1
    templates:
      - id: cable-sabotage
        title: Cable damaged
        text: A cable is damaged.
        pillars: vital-processes
        from: Grid operator
    """
    data = yaml_data(textwrap.dedent(catalogue))
    assert errors(schema, data) == []
    data["templates"][0]["at"] = "5m"  # templates carry no timing
    assert errors(schema, data)
    # and the scenario schema is not the catalogue schema
    assert errors(schema, yaml_data(scenario_text()))


def test_schema_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "scenario.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written == schema_from_cli(capsys)


# --- command line ------------------------------------------------------------------------


def test_validate_a_good_file(
    write_scenario: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_scenario(scenario_text())
    assert main(["validate", str(path)]) == 0
    assert "ok: 1 file checked" in capsys.readouterr().out


def test_validate_a_folder(
    write_scenario: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_scenario(scenario_text(), "a.yaml")
    write_scenario(scenario_text().replace("to: [nctv]", "to: [nctvv]"), "b.yaml")
    assert main(["validate", str(path.parent)]) == 2
    err = capsys.readouterr().err
    assert "b.yaml" in err and "a.yaml" not in err
    assert "1 problem in 1 of 2 files" in err


def test_validate_missing_path_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.yaml"
    assert main(["validate", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert str(missing) in lines[0] and "no such file" in lines[0]


def test_lint_missing_scenario_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "no-such-scenario-anywhere"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "no such file" in err


def test_validate_not_yaml_exits_2(
    write_scenario: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_scenario("format: 1\nid: [unclosed\n")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:" in err and "YAML" in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [["frobnicate"], [], ["validate"], ["lint", "x", "--format=xml"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "usage: exercise" in capsys.readouterr().err


def test_version_with_python_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "exercise", "--version"],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"exercise {__version__}"


def test_python_m_exit_status_passes_through(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "exercise", "validate", str(tmp_path / "missing.yaml")],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


# --- bundled content (skipped while there is none) ---------------------------------------

BUNDLED = yaml_files([bundled_scenarios_dir()]) if bundled_scenarios_dir().is_dir() else []


@pytest.mark.skipif(not BUNDLED, reason="no bundled scenarios yet")
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scenario_validates(path: Path) -> None:
    count, problems = validate_paths([path])
    assert count == 1
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.skipif(not BUNDLED, reason="no bundled scenarios yet")
def test_list_shows_each_bundled_title(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    listed = list_scenarios()
    assert len(listed) == len(BUNDLED)
    for item in listed:
        assert item.scenario is not None, item.problem
        for word in localize(item.scenario.title, "en").split():
            assert word in out, f"{word!r} of {item.path.name} not listed"
