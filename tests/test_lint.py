"""`exercise lint`: coverage counts, warnings and the reachability of conditional injects."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import HEADER, position, scenario_text

from exercise.cli import main
from exercise.content.lint import CONDITIONAL, LintReport, lint, reachable_injects, render_text
from exercise.model import HybridDomain, NatoRequirement, Pillar, Scenario

Load = Callable[[str], Scenario]


def inject(
    inject_id: str,
    trigger: str,
    *,
    to: str = "nctv",
    pillars: str = "[resilient-society]",
    extra: str = "",
    source: bool = True,
) -> str:
    """One inject as YAML list item text (unindented)."""
    text = (
        f"- id: {inject_id}\n"
        f"  {trigger}\n"
        f"  to: {to}\n"
        f"  title: Inject {inject_id}\n"
        f"  text: Something about {inject_id}.\n"
        f"  pillars: {pillars}\n"
    )
    if source:
        text += "  source: scenario-derived\n"
    return text + "".join(f"  {line}\n" for line in extra.splitlines() if line)


def codes(report: LintReport) -> list[tuple[str, str]]:
    return [(w.code, w.where) for w in report.warnings]


# --- coverage ----------------------------------------------------------------------------


def test_base_scenario_has_no_warnings(load: Load) -> None:
    assert lint(load(scenario_text())).warnings == []


def test_matrix_counts_per_pillar_and_phase(load: Load) -> None:
    scenario = load(
        scenario_text(
            extra_injects=inject("a", "at: 20m", pillars="[vital-processes, resilient-society]")
            + inject("b", "at: 1h", pillars="territorial-defence")
            + inject("c", "at: 90m", pillars="[territorial-defence, resilient-economy]")
            + inject("d", "when: delivered(a)", pillars="resilient-society")
            + inject("e", "after: 5m", pillars="[vital-processes]")
        ).replace("effects: {energy: -10}", "effects: {energy: -10}, release: e")
    )
    report = lint(scenario)
    assert report.columns == ["calm", "tense", CONDITIONAL]
    assert report.matrix["vital-processes"] == {"calm": 2, "tense": 0, CONDITIONAL: 1}
    assert report.matrix["resilient-society"] == {"calm": 1, "tense": 0, CONDITIONAL: 1}
    assert report.matrix["territorial-defence"] == {"calm": 0, "tense": 2, CONDITIONAL: 0}
    assert report.matrix["resilient-economy"] == {"calm": 0, "tense": 1, CONDITIONAL: 0}
    assert report.matrix["democracy-rule-of-law"] == {"calm": 0, "tense": 0, CONDITIONAL: 0}
    assert set(report.matrix) == {p.value for p in Pillar}
    assert report.totals["injects"] == 6
    assert report.totals["timeline"] == 4
    assert report.totals["conditional"] == 2
    assert report.totals["decisions"] == 1


def test_phase_entered_by_an_option_has_a_column(load: Load) -> None:
    scenario = load(
        scenario_text(
            phases="""\
            - {id: calm, title: Calm, level: L1, at: 0}
            - {id: talks, title: Talks, level: L4}
            """
        ).replace("comms: action-perspective}", "comms: action-perspective, phase: talks}")
    )
    report = lint(scenario)
    assert report.columns == ["calm", "talks", CONDITIONAL]
    assert report.matrix["vital-processes"] == {"calm": 1, "talks": 0, CONDITIONAL: 0}


def test_nato_and_domain_counts(load: Load) -> None:
    scenario = load(
        scenario_text(
            extra_injects=inject(
                "a", "at: 20m", extra="nato: [energy, transport]\ndomains: [cyber, infrastructure]"
            )
            + inject("b", "at: 30m", extra="nato: food-water\ndomains: information")
        )
    )
    report = lint(scenario)
    assert set(report.nato) == {r.value for r in NatoRequirement}
    assert set(report.domains) == {d.value for d in HybridDomain}
    assert report.nato["energy"] == 2  # the base inject and a
    assert report.nato["transport"] == 1
    assert report.nato["food-water"] == 1
    assert report.nato["mass-casualties"] == 0
    assert report.domains["infrastructure"] == 2
    assert report.domains["cyber"] == 1
    assert report.domains["information"] == 1
    assert report.domains["space"] == 0


# --- warnings ----------------------------------------------------------------------------


def test_unreachable_inject_without_trigger(load: Load) -> None:
    report = lint(load(scenario_text(extra_injects=inject("orphan", "after: 5m"))))
    assert ("unreachable", "injects.orphan") in codes(report)
    warning = next(w for w in report.warnings if w.code == "unreachable")
    assert "facilitator fires it" in warning.english


def test_no_source(load: Load) -> None:
    report = lint(load(scenario_text(extra_injects=inject("a", "at: 20m", source=False))))
    assert codes(report) == [("no-source", "injects.a")]


def test_idle_role(load: Load) -> None:
    roles = """\
    - {id: nctv, title: NCTV chair, kind: player}
    - {id: ezk, title: Energy, kind: player}
    - {id: excon, title: Exercise control, kind: facilitator}
    - {id: watcher, title: Observer, kind: observer}
    """
    report = lint(load(scenario_text(roles=roles)))
    assert codes(report) == [("idle-role", "roles.ezk")]


def test_unevaluated_objective(load: Load) -> None:
    objectives = """\
    - {id: obj-comms, pillar: resilient-society, text: Public message}
    - {id: obj-energy, pillar: vital-processes, text: Keep the lights on}
    """
    report = lint(load(scenario_text(objectives=objectives)))
    assert codes(report) == [("unevaluated-objective", "objectives.obj-energy")]


def test_no_expected_action(load: Load) -> None:
    text = scenario_text(objectives=None).replace(
        "    expected:\n      - {option: rebut, objective: obj-comms}\n", ""
    )
    assert "expected" not in text
    assert codes(lint(load(text))) == [("no-expected-action", "injects.first")]


def test_non_player_decides(load: Load) -> None:
    text = (
        scenario_text()
        .replace("to: [nctv]", "to: [nctv, excon]")
        .replace("prompt:", "role: excon\n      prompt:")
        .replace("{option: rebut,", "{role: excon, option: rebut,")
    )
    report = lint(load(text))
    assert codes(report) == [("non-player-decides", "injects.first")]
    assert "facilitator" in report.warnings[0].english


def test_deadline_after_end(load: Load) -> None:
    text = scenario_text().replace("at: 10m", "at: 1h45m")
    report = lint(load(text))
    assert codes(report) == [("deadline-after-end", "injects.first")]
    assert "2h15m" in report.warnings[0].english


def test_deadline_exactly_at_end_is_fine(load: Load) -> None:
    text = scenario_text().replace("at: 10m", "at: 1h30m")
    assert lint(load(text)).warnings == []


def test_inert_option(load: Load) -> None:
    text = scenario_text().replace(
        "{id: rebut, label: Inform the public, comms: action-perspective}",
        "{id: rebut, label: Inform the public}",
    )
    assert codes(lint(load(text))) == [("inert-option", "injects.first.options.rebut")]


@pytest.mark.parametrize(
    "option",
    [
        "{id: rebut, label: Rebut, effects: {energy: 1}}",
        "{id: rebut, label: Rebut, phase: tense}",
        "{id: rebut, label: Rebut, comms: threat-info}",
        "{id: rebut, label: Rebut, release: later}",
    ],
)
def test_an_option_that_does_something_is_not_inert(load: Load, option: str) -> None:
    text = scenario_text(extra_injects=inject("later", "after: 1m")).replace(
        "{id: rebut, label: Inform the public, comms: action-perspective}", option
    )
    found = codes(lint(load(text)))
    assert ("inert-option", "injects.first.options.rebut") not in found


# --- reachability ------------------------------------------------------------------------


def test_released_by_an_option_of_a_reachable_inject(load: Load) -> None:
    text = scenario_text(extra_injects=inject("follow-up", "after: 5m")).replace(
        "{energy: -10}}", "{energy: -10}, release: follow-up}"
    )
    assert "follow-up" in reachable_injects(load(text))


def test_released_only_by_an_unreachable_inject(load: Load) -> None:
    decision = (
        "decision:\n  prompt: Go?\n  options:\n    - {id: go, label: Go, release: grandchild}\n"
    )
    text = scenario_text(
        extra_injects=inject("child", "after: 5m", extra=decision)
        + inject("grandchild", "after: 1m")
    )
    scenario = load(text)
    assert reachable_injects(scenario) == {"first"}
    warning = next(w for w in lint(scenario).warnings if w.where == "injects.grandchild")
    assert warning.code == "unreachable" and "child" in warning.english


def test_chain_of_releases_and_conditions(load: Load) -> None:
    decision = (
        "decision:\n  prompt: Go?\n  options:\n"
        "    - {id: go, label: Go, release: c, comms: threat-info}\n"
    )
    text = scenario_text(
        # listed in reverse so a single pass over the injects would not find them all
        extra_injects=inject("d", "when: delivered(c) and chosen(b, go)")
        + inject("c", "after: 1m")
        + inject("b", "when: delivered(a)", extra=decision)
        + inject("a", "when: chosen(first, rebut)")
    )
    assert reachable_injects(load(text)) == {"first", "a", "b", "c", "d"}


def test_condition_on_an_unreachable_inject_is_unreachable(load: Load) -> None:
    text = scenario_text(extra_injects=inject("a", "after: 1m") + inject("b", "when: delivered(a)"))
    reachable = reachable_injects(load(text))
    assert "a" not in reachable and "b" not in reachable


def test_or_needs_one_side_and_needs_both(load: Load) -> None:
    text = scenario_text(
        extra_injects=inject("dead", "after: 1m")
        + inject("either", "when: delivered(dead) or delivered(first)")
        + inject("both", "when: delivered(dead) and delivered(first)")
    )
    reachable = reachable_injects(load(text))
    assert "either" in reachable
    assert "both" not in reachable


@pytest.mark.parametrize(
    ("condition", "reachable"),
    [
        ("indicator(energy) < -5", False),  # min 0
        ("indicator(energy) > 100", False),  # max 100
        ("indicator(energy) < 40", True),  # an option lowers it
        ("indicator(energy) <= 0", True),
        ("indicator(energy) >= 100", True),
        ("indicator(energy) == 50", True),
        ("indicator(energy) == 150", False),
    ],
)
def test_indicator_conditions_within_the_range(load: Load, condition: str, reachable: bool) -> None:
    text = scenario_text(extra_injects=inject("blackout", f'when: "{condition}"'))
    assert ("blackout" in reachable_injects(load(text))) is reachable


@pytest.mark.parametrize(
    ("condition", "reachable"),
    [
        ("indicator(trust) < 40", False),
        ("indicator(trust) > 60", True),
        ("indicator(trust) == 70", True),
        ("indicator(trust) != 70", False),
    ],
)
def test_an_indicator_nothing_moves_stays_at_its_start(
    load: Load, condition: str, reachable: bool
) -> None:
    indicators = """\
    - {id: energy, title: Energy, pillar: vital-processes, start: 100}
    - {id: trust, title: Trust, pillar: resilient-society, start: 70}
    """
    text = scenario_text(
        indicators=indicators, extra_injects=inject("protest", f'when: "{condition}"')
    )
    assert ("protest" in reachable_injects(load(text))) is reachable


def test_an_indicator_a_measure_moves_can_reach_its_range(load: Load) -> None:
    indicators = """\
    - {id: energy, title: Energy, pillar: vital-processes, start: 100}
    - {id: trust, title: Trust, pillar: resilient-society, start: 70}
    """
    text = scenario_text(
        indicators=indicators,
        measures="- {id: curfew, title: Curfew, role: nctv, effects: {trust: -20}}",
        extra_injects=inject("protest", 'when: "indicator(trust) < 40"'),
    )
    assert "protest" in reachable_injects(load(text))


def test_missed_needs_a_deadline(load: Load) -> None:
    decision = "decision:\n  prompt: Go?\n  options: [{id: go, label: Go, comms: threat-info}]\n"
    text = scenario_text(
        extra_injects=inject("open", "at: 20m", extra=decision)
        + inject("never", "when: missed(open)")
        + inject("sometimes", "when: missed(first)")
    )
    reachable = reachable_injects(load(text))
    assert "never" not in reachable
    assert "sometimes" in reachable


def test_phase_condition(load: Load) -> None:
    phases = """\
    - {id: calm, title: Calm, level: L1, at: 0}
    - {id: talks, title: Talks, level: L4}
    - {id: war, title: War, level: L3}
    """
    text = scenario_text(
        phases=phases,
        extra_injects=inject("peace", "when: phase(talks)") + inject("battle", "when: phase(war)"),
    ).replace("comms: action-perspective}", "comms: action-perspective, phase: talks}")
    reachable = reachable_injects(load(text))
    assert "peace" in reachable
    assert "battle" not in reachable


def test_measure_condition_needs_its_level(load: Load) -> None:
    measures = """\
    - {id: early, title: Early, role: nctv, from_level: L1}
    - {id: middle, title: Middle, role: nctv, from_level: L2}
    - {id: late, title: Late, role: nctv, from_level: L3}
    """
    text = scenario_text(
        measures=measures,
        extra_injects=inject("a", "when: measure(early)")
        + inject("b", "when: measure(middle)")
        + inject("c", "when: measure(late)"),
    )
    reachable = reachable_injects(load(text))
    assert {"a", "b"} <= reachable
    assert "c" not in reachable


# --- playbooks per threat level ---------------------------------------------------------


def test_every_measure_at_l0_leaves_the_levels_reached_without_a_playbook(load: Load) -> None:
    measures = """\
    - {id: early, title: Early, role: nctv, from_level: L0}
    - {id: also-early, title: Also early, role: nctv, from_level: L0}
    """
    report = lint(load(scenario_text(measures=measures)))
    assert ("level-without-measures", "phases.calm") in codes(report)
    assert ("level-without-measures", "phases.tense") in codes(report)


def test_a_measure_per_level_reached_is_a_playbook_per_level(load: Load) -> None:
    measures = """\
    - {id: early, title: Early, role: nctv, from_level: L1}
    - {id: middle, title: Middle, role: nctv, from_level: L2}
    """
    assert lint(load(scenario_text(measures=measures))).warnings == []


def test_measure_for_a_level_no_phase_reaches(load: Load) -> None:
    measures = """\
    - {id: early, title: Early, role: nctv, from_level: L1}
    - {id: middle, title: Middle, role: nctv, from_level: L2}
    - {id: war, title: War, role: nctv, from_level: L3}
    """
    report = lint(load(scenario_text(measures=measures)))
    assert codes(report) == [("measure-never-available", "measures.war")]


def test_warnings_point_at_file_line_and_column(
    write_scenario: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    measures = """\
    - {id: early, title: Early, role: nctv, from_level: L1}
    - {id: middle, title: Middle, role: nctv, from_level: L2}
    - {id: war, title: War, role: nctv, from_level: L3}
    """
    path = write_scenario(
        scenario_text(measures=measures, extra_injects=inject("a", "at: 20m", source=False))
    )
    assert main(["lint", str(path), "--strict"]) == 1
    out = capsys.readouterr().out
    lines = path.read_text(encoding="utf-8").splitlines()
    for code, needle in (("no-source", "- id: a"), ("measure-never-available", "from_level: L3")):
        shown = next(line for line in out.splitlines() if f"[{code}]" in line)
        file, line, column = shown.split(": ", 1)[0].rsplit(":", 2)
        assert file == str(path)
        assert needle in lines[int(line) - 1], (code, lines[int(line) - 1])
        assert int(column) >= 1


def test_negation_is_optimistic(load: Load) -> None:
    text = scenario_text(extra_injects=inject("quiet", "when: not delivered(first)"))
    assert "quiet" in reachable_injects(load(text))


# --- command line ------------------------------------------------------------------------


def test_strict_exits_1_on_warnings_and_0_without(
    write_scenario: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    clean = write_scenario(scenario_text(), "clean.yaml")
    warned = write_scenario(
        scenario_text(extra_injects=inject("a", "at: 20m", source=False)), "warned.yaml"
    )
    assert main(["lint", str(clean), "--strict"]) == 0
    assert main(["lint", str(warned)]) == 0
    assert main(["lint", str(warned), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "[no-source] injects.a" in out


def test_json_format(
    write_scenario: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_scenario(scenario_text(extra_injects=inject("orphan", "after: 5m")))
    assert main(["lint", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scenario"] == "test-scenario"
    assert data["totals"]["injects"] == 2
    assert data["pillar_phase_matrix"]["columns"] == ["calm", "tense", CONDITIONAL]
    assert data["pillar_phase_matrix"]["rows"]["vital-processes"]["calm"] == 1
    assert data["pillar_phase_matrix"]["rows"]["resilient-society"][CONDITIONAL] == 1
    assert data["nato"]["energy"] == 1
    assert {"code": "unreachable", "where": "injects.orphan"}.items() <= data["warnings"][0].items()


def test_lint_of_an_invalid_scenario_exits_2(
    write_scenario: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_scenario(scenario_text().replace("to: [nctv]", "to: [nctvv]"))
    assert main(["lint", str(path)]) == 2
    assert "did you mean 'nctv'?" in capsys.readouterr().err


def test_text_report(load: Load) -> None:
    scenario = load(scenario_text(extra_injects=inject("a", "at: 20m", source=False)))
    out = io.StringIO()
    render_text(lint(scenario), out)
    text = out.getvalue()
    assert "test-scenario: 2 injects (2 on the timeline, 0 conditional)" in text
    assert "1 warning:" in text
    assert "warning [no-source] injects.a" in text
    clean = io.StringIO()
    render_text(lint(load(scenario_text())), clean)
    assert "no warnings" in clean.getvalue()


def test_a_dutch_scenario_warns_where_a_visible_text_has_no_dutch(load) -> None:
    """A Dutch session would show these in English: the sender too; controller notes
    (MSEL only) may stay in one language, and plain text in a Dutch scenario is Dutch."""
    scenario = load(
        scenario_text(
            header=HEADER + "language: nl\n",
            injects="""\
- id: first
  at: 1m
  to: [nctv]
  from: {en: Press office (SimCell)}
  title: {en: One, nl: Een}
  text: {en: Only English here}
  notes: controller notes, never shown to players
  pillars: [vital-processes]
""",
        )
    )
    found = {(w.code, w.where) for w in lint(scenario).warnings if w.code == "no-dutch"}
    assert found == {("no-dutch", "injects.first.from"), ("no-dutch", "injects.first.text")}


def test_a_severe_disruption_without_an_expected_product_is_flagged_at_its_place(
    write_scenario: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = scenario_text(
        extra_injects=inject("blackout", "at: 20m", extra="severity: 4")
        + inject(
            "answered",
            "at: 25m",
            extra="severity: 5\nexpected:\n  - product: {elements: [action-perspective]}",
        )
        + inject("minor", "at: 30m", extra="severity: 3")
    )
    path = write_scenario(text)
    assert main(["lint", str(path), "--format", "json"]) == 0
    warnings = json.loads(capsys.readouterr().out)["warnings"]
    flagged = [w for w in warnings if w["code"] == "no-expected-product"]
    assert [w["where"] for w in flagged] == ["injects.blackout"]
    line, column = position(text, "id: blackout")
    assert flagged[0]["position"] == f"{path}:{line}:{column}"
    assert "severity 4" in flagged[0]["message"]


# --- narratives --------------------------------------------------------------------------

POST = "media: {kind: post, outlet: '@truth', reach: 3}"


def narrative(starts: str = "[post]", answered_by: str = "[threat-info]") -> str:
    return (
        "- id: hiding\n"
        "  claim: The government hides the cause\n"
        f"  from: {starts}\n"
        f"  answered_by: {answered_by}\n"
    )


def test_a_narrative_an_option_can_answer_gives_no_warning(load: Load) -> None:
    text = scenario_text(
        extra_injects=inject("post", "at: 20m", extra=POST),
        narratives=narrative(answered_by="[threat-info, action-perspective]"),
    )  # the base scenario's option `rebut` carries an action perspective
    assert lint(load(text)).warnings == []


def test_a_narrative_nothing_carries_an_answer_for_is_never_answered(load: Load) -> None:
    text = scenario_text(
        extra_injects=inject("post", "at: 20m", extra=POST), narratives=narrative()
    )
    assert codes(lint(load(text))) == [("narrative-never-answered", "narratives.hiding")]


def test_a_narrative_whose_injects_never_come_is_never_answered(load: Load) -> None:
    text = scenario_text(
        extra_injects=inject("post", "when: indicator(energy) > 100", extra=POST),
        narratives=narrative(answered_by="[action-perspective]"),
    )
    report = lint(load(text))
    assert ("narrative-never-answered", "narratives.hiding") in codes(report)
    found = next(w for w in report.warnings if w.code == "narrative-never-answered")
    assert "never starts" in found.english


def test_a_narrative_started_by_an_inject_outside_the_media_is_named(load: Load) -> None:
    text = scenario_text(narratives=narrative("[first]", "[action-perspective]"))
    assert codes(lint(load(text))) == [("narrative-not-media", "narratives.hiding")]


def test_a_narrative_an_expected_product_answers_gives_no_warning(load: Load) -> None:
    expected = "expected:\n  - {role: nctv, product: {elements: [threat-info]}}"
    text = scenario_text(
        extra_injects=inject("post", "at: 20m", extra=POST + "\n" + expected),
        narratives=narrative(answered_by="[threat-info]"),
    )
    assert lint(load(text)).warnings == []
