"""Cross-reference and range checks, through the real loader, located at FILE:LINE:COL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import position, scenario_text

from exercise.cli import main
from exercise.content.loader import load_catalogue, load_scenario
from exercise.content.problems import ContentError, Problem

Problems = Callable[[str], list[Problem]]


def find(found: list[Problem], path: str) -> Problem:
    matching = [p for p in found if p.path == path]
    assert matching, f"no problem at {path}; got:\n" + "\n".join(map(str, found))
    return matching[0]


def assert_at(
    found: list[Problem],
    text: str,
    path: str,
    needle: str,
    *words: str,
    occurrence: int = 1,
) -> Problem:
    """The problem at `path` points at `needle` in `text` and says `words`."""
    problem = find(found, path)
    assert (problem.line, problem.column) == position(text, needle, occurrence), str(problem)
    for word in words:
        assert word in problem.message, str(problem)
    return problem


def test_the_base_scenario_is_valid(load: Callable[[str], object]) -> None:
    load(scenario_text())


def test_problem_reads_file_line_column_path_message(
    problems: Problems, write_scenario: Callable[..., Path]
) -> None:
    text = scenario_text().replace("to: [nctv]", "to: [nctvv]")
    found = problems(text)
    path = write_scenario(text)
    line, column = position(text, "nctvv")
    assert [str(p) for p in found] == [
        f"{path}:{line}:{column}: injects[0].to[0]: 'nctvv' is not a role of this scenario "
        "(did you mean 'nctv'?)"
    ]


# --- roles -------------------------------------------------------------------------------


def test_unknown_role_in_to(problems: Problems) -> None:
    text = scenario_text().replace("to: [nctv]", "to: [nctv, exconn]")
    assert_at(problems(text), text, "injects[0].to[1]", "exconn", "did you mean 'excon'?")


def test_unknown_role_without_a_close_match_lists_the_roles(problems: Problems) -> None:
    text = scenario_text().replace("to: [nctv]", "to: [defensie]")
    problem = assert_at(problems(text), text, "injects[0].to[0]", "defensie")
    assert "roles: nctv, excon" in problem.message


def test_unknown_role_in_decision(problems: Problems) -> None:
    text = scenario_text().replace("prompt:", "role: nctw\n      prompt:")
    assert_at(problems(text), text, "injects[0].decision.role", "nctw", "did you mean 'nctv'?")


def test_decider_must_receive_the_inject(problems: Problems) -> None:
    text = scenario_text().replace("prompt:", "role: excon\n      prompt:")
    assert_at(
        problems(text),
        text,
        "injects[0].decision.role",
        "excon\n",
        "'excon' decides but does not receive this inject",
    )


def test_unknown_role_of_a_measure(problems: Problems) -> None:
    text = scenario_text(measures="- {id: lcp, title: LCP, role: nctvv}")
    assert_at(problems(text), text, "measures[0].role", "nctvv", "did you mean 'nctv'?")


# --- options -----------------------------------------------------------------------------


def test_unknown_default_option(problems: Problems) -> None:
    text = scenario_text().replace("default: monitor", "default: monitr")
    assert_at(
        problems(text),
        text,
        "injects[0].decision.default",
        "monitr",
        "'monitr' is not an option of first",
        "did you mean 'monitor'?",
    )


def test_unknown_default_option_lists_options(problems: Problems) -> None:
    text = scenario_text().replace("default: monitor", "default: escalate")
    assert_at(
        problems(text), text, "injects[0].decision.default", "escalate", "(options: rebut, monitor)"
    )


def test_unknown_expected_option(problems: Problems) -> None:
    text = scenario_text().replace("{option: rebut,", "{option: rebutt,")
    assert_at(
        problems(text), text, "injects[0].expected[0].option", "rebutt", "did you mean 'rebut'?"
    )


def test_expected_option_of_an_inject_without_decision(problems: Problems) -> None:
    text = scenario_text(
        extra_injects="""\
        - id: plain
          at: 20m
          to: nctv
          title: Plain
          text: No decision here.
          pillars: resilient-society
          expected: [{role: nctv, option: rebut}]
        """
    )
    assert_at(problems(text), text, "injects[1].expected[0].option", "rebut}", "has no decision")


def test_expected_role_that_does_not_decide(problems: Problems) -> None:
    text = (
        scenario_text()
        .replace("to: [nctv]", "to: [nctv, excon]")
        .replace("{option: rebut,", "{role: excon, option: rebut,")
    )
    assert_at(
        problems(text), text, "injects[0].expected[0].role", "excon, option", "only 'nctv' decides"
    )


def test_duplicate_option_ids(problems: Problems) -> None:
    text = scenario_text().replace("{id: monitor,", "{id: rebut,")
    found = problems(text)
    assert_at(found, text, "injects[0].decision.options[1].id", "rebut", occurrence=3)


# --- indicators --------------------------------------------------------------------------


def test_unknown_indicator_in_option_effects_points_at_the_key(problems: Problems) -> None:
    text = scenario_text().replace("effects: {energy: -10}", "effects: {enrgy: -10}")
    assert_at(
        problems(text),
        text,
        "injects[0].decision.options[1].effects.enrgy",
        "enrgy",
        "'enrgy' is not an indicator of this scenario",
        "did you mean 'energy'?",
    )


def test_unknown_indicator_in_measure_effects(problems: Problems) -> None:
    text = scenario_text(measures="- {id: lcp, title: LCP, role: nctv, effects: {energie: 5}}")
    assert_at(problems(text), text, "measures[0].effects.energie", "energie", "did you mean")


def test_unknown_indicator_in_condition(problems: Problems) -> None:
    text = scenario_text(
        extra_injects="""\
        - id: blackout
          when: indicator(enrgy) < 40
          to: nctv
          title: Blackout
          text: The lights go out.
          pillars: vital-processes
        """
    )
    assert_at(
        problems(text),
        text,
        "injects[1].when",
        "indicator(enrgy)",
        "condition 'indicator(enrgy) < 40'",
        "'enrgy' is not an indicator",
        "did you mean 'energy'?",
    )


def test_indicator_start_outside_range(problems: Problems) -> None:
    text = scenario_text(
        indicators="- {id: energy, title: Energy, pillar: vital-processes, start: 120, max: 100}"
    )
    assert_at(problems(text), text, "indicators[0].start", "120", "outside min 0 .. max 100")


def test_indicator_max_not_above_min(problems: Problems) -> None:
    text = scenario_text(
        indicators="- {id: energy, title: Energy, pillar: vital-processes, start: 5, "
        "min: 10, max: 10}"
    )
    assert_at(problems(text), text, "indicators[0].max", "10}", "not above min")


# --- injects -----------------------------------------------------------------------------

FOLLOW_UP = """\
- id: follow-up
  after: 5m
  to: nctv
  title: Follow-up
  text: Journalists call.
  pillars: resilient-society
"""


def test_unknown_inject_in_release(problems: Problems) -> None:
    text = scenario_text(extra_injects=FOLLOW_UP).replace(
        "comms: action-perspective}", "comms: action-perspective, release: [folow-up]}"
    )
    assert_at(
        problems(text),
        text,
        "injects[0].decision.options[0].release[0]",
        "folow-up",
        "'folow-up' is not an inject of this scenario",
        "did you mean 'follow-up'?",
    )


def test_release_of_a_timeline_inject(problems: Problems) -> None:
    timed = FOLLOW_UP.replace("after: 5m", "at: 50m")
    text = scenario_text(extra_injects=timed).replace(
        "comms: action-perspective}", "comms: action-perspective, release: follow-up}"
    )
    assert_at(
        problems(text),
        text,
        "injects[0].decision.options[0].release[0]",
        "follow-up}",
        "on the timeline (at 50m)",
    )


def test_unknown_inject_in_condition(problems: Problems) -> None:
    text = scenario_text(
        extra_injects="""\
        - id: escalation
          when: "missed(frst) or chosen(first, monitor)"
          to: nctv
          title: Escalation
          text: It gets worse.
          pillars: resilient-society
        """
    )
    assert_at(
        problems(text),
        text,
        "injects[1].when",
        '"missed(frst)',
        "'frst' is not an inject of this scenario",
        "did you mean 'first'?",
    )


def test_unknown_option_in_condition(problems: Problems) -> None:
    text = scenario_text(
        extra_injects="""\
        - id: escalation
          when: chosen(first, monitr)
          to: nctv
          title: Escalation
          text: It gets worse.
          pillars: resilient-society
        """
    )
    assert_at(
        problems(text),
        text,
        "injects[1].when",
        "chosen(first, monitr)",
        "'monitr' is not an option of first",
        "did you mean 'monitor'?",
    )


@pytest.mark.parametrize("test", ["missed(plain)", "decided(plain)", "chosen(plain, x)"])
def test_condition_on_the_decision_of_an_inject_without_one(problems: Problems, test: str) -> None:
    text = scenario_text(
        extra_injects=f"""\
        - id: plain
          at: 20m
          to: nctv
          title: Plain
          text: No decision here.
          pillars: resilient-society
        - id: escalation
          when: {test}
          to: nctv
          title: Escalation
          text: It gets worse.
          pillars: resilient-society
        """
    )
    assert_at(problems(text), text, "injects[2].when", test, "plain has no decision")


def test_condition_on_itself(problems: Problems) -> None:
    text = scenario_text(
        extra_injects="""\
        - id: loop
          when: delivered(loop)
          to: nctv
          title: Loop
          text: Loop.
          pillars: resilient-society
        """
    )
    assert_at(problems(text), text, "injects[1].when", "delivered(loop)", "this inject itself")


def test_unknown_phase_and_measure_in_condition(problems: Problems) -> None:
    text = scenario_text(
        measures="- {id: lcp, title: LCP, role: nctv}",
        extra_injects="""\
        - id: later
          when: phase(tnse) and measure(lpc)
          to: nctv
          title: Later
          text: Later.
          pillars: resilient-society
        """,
    )
    found = [p for p in problems(text) if p.path == "injects[1].when"]
    messages = " | ".join(p.message for p in found)
    assert "'tnse' is not a phase of this scenario (did you mean 'tense'?)" in messages
    assert "'lpc' is not a measure of this scenario (did you mean 'lcp'?)" in messages


def test_condition_syntax_error_located_at_the_condition(problems: Problems) -> None:
    text = scenario_text(
        extra_injects="""\
        - id: later
          when: delivered(first) and
          to: nctv
          title: Later
          text: Later.
          pillars: resilient-society
        """
    )
    assert_at(problems(text), text, "injects[1].when", "delivered(first) and", "column 21")


def test_unknown_option_phase(problems: Problems) -> None:
    text = scenario_text().replace("comms: action-perspective}", "phase: tens}")
    assert_at(
        problems(text),
        text,
        "injects[0].decision.options[0].phase",
        "tens}",
        "did you mean 'tense'?",
    )


# --- objectives and measures -------------------------------------------------------------


def test_unknown_objective(problems: Problems) -> None:
    text = scenario_text().replace("objective: obj-comms}", "objective: obj-coms}")
    assert_at(
        problems(text),
        text,
        "injects[0].expected[0].objective",
        "obj-coms",
        "'obj-coms' is not an objective of this scenario",
        "did you mean 'obj-comms'?",
    )


def test_unknown_measure_in_expected_action(problems: Problems) -> None:
    text = scenario_text(measures="- {id: activate-lcp, title: LCP, role: nctv}").replace(
        "{option: rebut, objective: obj-comms}", "{measure: activate-lpc}"
    )
    assert_at(
        problems(text),
        text,
        "injects[0].expected[0].measure",
        "activate-lpc",
        "'activate-lpc' is not a measure of this scenario",
        "did you mean 'activate-lcp'?",
    )


# --- ids ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "replace", "by", "path"),
    [
        ("roles", "{id: excon,", "{id: nctv,", "roles[1].id"),
        ("phases", "{id: tense,", "{id: calm,", "phases[1].id"),
        ("injects", "id: second", "id: first", "injects[1].id"),
    ],
)
def test_duplicate_ids(problems: Problems, section: str, replace: str, by: str, path: str) -> None:
    second = FOLLOW_UP.replace("follow-up", "second")
    text = scenario_text(extra_injects=second).replace(replace, by)
    problem = find(problems(text), path)
    assert "duplicate id" in problem.message
    assert f"{section}[0]" in problem.message
    needle = by.split("id: ")[1].rstrip(",")
    assert (problem.line, problem.column) == position(text, needle, 2)


# --- phases and times --------------------------------------------------------------------


def test_phases_in_time_order(problems: Problems) -> None:
    text = scenario_text(
        phases="""\
        - {id: calm, title: Calm, level: L1, at: 0}
        - {id: tense, title: Tense, level: L2, at: 90m}
        - {id: war, title: War, level: L3, at: 1h}
        """
    )
    assert_at(problems(text), text, "phases[2].at", "1h}", "time order", "phases[1] at 1h30m")


def test_first_phase_opens_the_scenario(problems: Problems) -> None:
    text = scenario_text(
        phases="""\
        - {id: calm, title: Calm, level: L1, at: 5m}
        - {id: tense, title: Tense, level: L2, at: 1h}
        """
    )
    assert_at(problems(text), text, "phases[0]", "{id: calm", "give it at: 0")


def test_first_phase_entered_by_an_option_refused(problems: Problems) -> None:
    text = scenario_text(
        phases="""\
        - {id: talks, title: Talks, level: L4}
        - {id: calm, title: Calm, level: L1, at: 0}
        """
    )
    assert_at(problems(text), text, "phases[0]", "{id: talks", "at: 0")


@pytest.mark.parametrize(
    ("at", "words"),
    [("-10m", "before the start"), ("3h", "after the end"), ("T+02:00:01", "after the end")],
)
def test_times_outside_the_scenario(problems: Problems, at: str, words: str) -> None:
    text = scenario_text().replace("at: 10m", f"at: {at}")
    assert_at(problems(text), text, "injects[0].at", at, words)


def test_time_at_the_very_end_is_allowed(load: Callable[[str], object]) -> None:
    load(scenario_text().replace("at: 10m", "at: 2h").replace("deadline: 30m", "deadline: 1m"))


def test_phase_beyond_the_duration(problems: Problems) -> None:
    text = scenario_text().replace("at: 1h}", "at: 3h}")
    assert_at(problems(text), text, "phases[1].at", "3h}", "phase start 3h is after the end")


def test_zero_deadline_refused(problems: Problems) -> None:
    text = scenario_text().replace("deadline: 30m", "deadline: 0")
    assert_at(problems(text), text, "injects[0].decision.deadline", "0\n", "longer than zero")


# --- format ------------------------------------------------------------------------------


def test_newer_format_asks_for_an_upgrade(problems: Problems) -> None:
    text = scenario_text().replace("format: 1", "format: 2")
    found = problems(text)
    assert len(found) == 1
    assert_at(found, text, "format", "2", "newer", "upgrade exercise")


@pytest.mark.parametrize("version", ["banana", "true", '"1"', "0", "[1]"])
def test_nonsense_format(problems: Problems, version: str) -> None:
    text = scenario_text().replace("format: 1", f"format: {version}")
    found = problems(text)
    assert len(found) == 1
    assert_at(found, text, "format", version, "not a known format version", "format: 1")


def test_missing_format(problems: Problems) -> None:
    text = scenario_text().replace("format: 1\n", "")
    found = problems(text)
    assert "missing required key 'format'" in found[0].message


def test_unknown_key_gets_a_suggestion(problems: Problems) -> None:
    text = scenario_text().replace("prompt:", "promt:")
    assert_at(
        problems(text),
        text,
        "injects[0].decision.promt",
        "promt",
        "unknown key 'promt'",
        "did you mean 'prompt'?",
    )


# --- templates ---------------------------------------------------------------------------

CATALOGUE = """\
format: 1
theme: Energy
templates:
  - id: cable-sabotage
    title: Damage to a subsea power cable
    text: A cable between the wind farm and the coast is damaged.
    pillars: vital-processes
    nato: energy
    source: scenario-derived
    decision:
      prompt: What do you do?
      deadline: 20m
      default: wait
      options:
        - {id: repair, label: Send a repair ship, effects: {energy: 5}}
        - {id: wait, label: Wait for the report, effects: {power: -5}}
"""

USES = """\
- use: cable-sabotage
  at: 15m
  to: nctv
"""


def test_template_used_and_overridden(
    write_catalogue: Callable[..., Path], load: Callable[[str], object]
) -> None:
    write_catalogue(CATALOGUE.replace("{power: -5}", "{energy: -5}"))
    scenario = load(
        scenario_text(extra_injects=USES.replace("to: nctv", "to: nctv\n  title: Local title"))
    )
    inject = scenario.inject_map["cable-sabotage"]  # type: ignore[attr-defined]
    assert inject.at == 15 * 60
    assert inject.title == "Local title"
    assert inject.text.startswith("A cable between")
    assert inject.decision.deadline == 20 * 60


def test_unknown_template(write_catalogue: Callable[..., Path], problems: Problems) -> None:
    write_catalogue(CATALOGUE)
    text = scenario_text(extra_injects=USES.replace("use: cable-sabotage", "use: cable-sabotag"))
    assert_at(
        problems(text),
        text,
        "injects[1].use",
        "cable-sabotag",
        "'cable-sabotag' is not a template in the catalogue",
        "did you mean 'cable-sabotage'?",
    )


def test_template_problem_reported_at_the_template_file(
    write_catalogue: Callable[..., Path], problems: Problems
) -> None:
    catalogue = write_catalogue(CATALOGUE)
    found = problems(scenario_text(extra_injects=USES))
    problem = find(found, "templates[0].decision.options[1].effects.power")
    assert problem.file == str(catalogue)
    assert (problem.line, problem.column) == position(CATALOGUE, "power:")
    assert "'power' is not an indicator of this scenario" in problem.message
    assert "template used by injects[1]" in problem.message


def test_template_key_overridden_by_the_scenario_is_reported_in_the_scenario(
    write_catalogue: Callable[..., Path], problems: Problems
) -> None:
    write_catalogue(CATALOGUE.replace("{power: -5}", "{energy: -5}"))
    text = scenario_text(extra_injects=USES + "  severity: 9\n")
    problem = assert_at(problems(text), text, "injects[1].severity", "9")
    assert problem.file.endswith("scenario.yaml")


def test_bad_template_file_is_located(tmp_path: Path) -> None:
    folder = tmp_path / "injects"
    folder.mkdir()
    bad = CATALOGUE.replace("pillars: vital-processes", "pillars: vital-proceses")
    (folder / "bad.yaml").write_text(bad, encoding="utf-8")
    index = load_catalogue([folder])
    assert not index.entries
    problem = find(index.problems, "templates[0].pillars")
    assert problem.file == str(folder / "bad.yaml")
    assert (problem.line, problem.column) == position(bad, "vital-proceses")
    assert "did you mean 'vital-processes'?" in problem.message


def test_a_bad_item_does_not_also_report_its_list_as_empty(tmp_path: Path) -> None:
    folder = tmp_path / "injects"
    folder.mkdir()
    bad = CATALOGUE.replace("pillars: vital-processes", "pillars: vital-proceses")
    (folder / "bad.yaml").write_text(bad, encoding="utf-8")
    assert [p.path for p in load_catalogue([folder]).problems] == ["templates[0].pillars"]


# --- every problem at once ---------------------------------------------------------------


def test_all_problems_reported_at_once(problems: Problems) -> None:
    follow_up = FOLLOW_UP.replace("to: nctv", "to: exconn")
    text = (
        scenario_text(extra_injects=follow_up)
        .replace("to: [nctv]", "to: [nctvv]")
        .replace("default: monitor", "default: monitr")
        .replace("{energy: -10}", "{enrgy: -10}")
        .replace("objective: obj-comms}", "objective: obj-coms}")
        .replace("at: 1h}", "at: 5h}")
    )
    found = problems(text)
    assert {p.path for p in found} >= {
        "injects[0].to[0]",
        "injects[0].decision.default",
        "injects[0].decision.options[1].effects.enrgy",
        "injects[0].expected[0].objective",
        "injects[1].to[0]",
        "phases[1].at",
    }
    lines = [p.line for p in found]
    assert lines == sorted(lines), "problems come in file order"


def test_all_shape_problems_reported_at_once(problems: Problems) -> None:
    text = (
        scenario_text()
        .replace("pillars: [vital-processes]", "pillars: [vital-procesess]")
        .replace("at: 10m", "at: 10")
        .replace("level: L2", "level: L9")
    )
    paths = {p.path for p in problems(text)}
    assert {"injects[0].pillars[0]", "injects[0].at", "phases[1].level"} <= paths


def test_validate_prints_every_problem_and_exits_2(
    write_scenario: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        scenario_text()
        .replace("to: [nctv]", "to: [nctvv]")
        .replace("default: monitor", "default: monitr")
    )
    path = write_scenario(text)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    line, column = position(text, "monitr")
    assert f"{path}:{line}:{column}: injects[0].decision.default:" in err
    assert "2 problems in 1 of 1 file" in err
    assert "Traceback" not in err


def test_load_scenario_of_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        load_scenario(tmp_path / "nope.yaml")
    assert "no such file" in str(info.value)


def test_template_and_scenario_problems_reported_together(
    write_catalogue: Callable[..., Path], problems: Problems
) -> None:
    write_catalogue(CATALOGUE)
    text = scenario_text(extra_injects=USES).replace("to: [nctv]", "to: [nctvv]")
    paths = {p.path for p in problems(text)}
    assert {"injects[0].to[0]", "templates[0].decision.options[1].effects.power"} <= paths


def test_unknown_template_does_not_hide_other_problems(
    write_catalogue: Callable[..., Path], problems: Problems
) -> None:
    write_catalogue(CATALOGUE)
    text = scenario_text(extra_injects=USES.replace("cable-sabotage", "cable-sabotag")).replace(
        "to: [nctv]", "to: [nctvv]"
    )
    paths = {p.path for p in problems(text)}
    assert {"injects[1].use", "injects[0].to[0]"} <= paths


def test_validate_reports_a_template_id_used_in_two_catalogue_files(tmp_path: Path) -> None:
    from exercise.content.loader import validate_paths

    folder = tmp_path / "injects"
    folder.mkdir()
    template = "format: 1\ntemplates:\n  - {id: cable-cut, title: A, text: T, pillars: [energy]}\n"
    (folder / "a.yaml").write_text(template.replace("[energy]", "[vital-processes]"))
    (folder / "b.yaml").write_text(template.replace("[energy]", "[vital-processes]"))
    count, problems = validate_paths([folder])
    assert count == 2
    assert [(Path(p.file).name, p.line, p.path) for p in problems] == [
        ("b.yaml", 3, "templates[0].id")
    ]
    assert "already used in" in problems[0].message and "a.yaml" in problems[0].message
