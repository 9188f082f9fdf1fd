"""Debrief metrics on journals with known answers: the hand-built one (events written by
hand, answers worked out in tests/debrief_journals.py) and headless play of the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from debrief_journals import HAND_EVENTS, HAND_SCENARIO, write_journal

from exercise.debrief import build_report, render
from exercise.debrief.metrics import collect, is_contingency, suggest
from exercise.debrief.report import Counts, Report
from exercise.journal import Journal
from exercise.model import Scenario
from exercise.model.events import Kind, NewEvent


def _report(path: Path) -> Report:
    with Journal.open(path, readonly=True) as journal:
        return build_report(journal)


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return _report(write_journal(tmp_path_factory.mktemp("hand") / "hand.db"))


def test_decision_latencies_from_delivery(hand: Report) -> None:
    decisions = {
        d.inject: d for s in hand.pillars for d in s.decisions if d.kind in ("decision", "missed")
    }
    assert decisions["i-cyber"].latency == 120
    assert decisions["i-rumour"].latency == 400
    assert decisions["i-war"].latency == 60
    assert decisions["i-drone"].kind == "missed"
    assert decisions["i-drone"].latency == 300  # delivered 15m, deadline passed at 20m
    assert hand.summary.totals.latency_median == 120
    vital = hand.pillar("vital-processes").metrics
    assert (vital.latency_median, vital.latency_mean, vital.latency_max) == (120, 120, 120)


def test_expected_actions_met_late_missed_pending(hand: Report) -> None:
    rows = {(x.inject, x.index): x for s in hand.pillars for x in s.expected}
    assert rows[("i-cyber", 0)].status == "met"
    assert rows[("i-cyber", 0)].delay == 120
    assert rows[("i-rumour", 0)].status == "late"
    assert rows[("i-rumour", 0)].due == 900  # delivered 10m, within 5m
    assert rows[("i-rumour", 0)].delay == 400
    assert rows[("i-drone", 0)].status == "missed"
    assert rows[("i-drone", 0)].reason == "the deadline passed"
    assert rows[("i-drone", 1)].status == "pending"  # free text: the evaluator's to judge
    assert hand.summary.totals.expected == Counts(met=1, late=1, missed=1, pending=1)
    assert hand.pillar("territorial-defence").expected_counts == Counts(0, 0, 1, 1)


def test_objectives_count_their_expected_actions(hand: Report) -> None:
    readiness = next(o for s in hand.pillars for o in s.objectives if o.id == "obj-readiness")
    assert readiness.expected == Counts(met=1, late=0, missed=1, pending=1)
    assert readiness.rating is None
    assert readiness.suggested is not None and readiness.suggested.computed


def test_contingency_injects(hand: Report) -> None:
    assert hand.summary.totals.contingencies == 1
    democracy = hand.pillar("democracy-rule-of-law")
    assert [i.id for i in democracy.contingencies] == ["i-escalate"]
    scenario = Scenario.model_validate(HAND_SCENARIO)
    assert is_contingency(scenario, "i-escalate")
    assert not is_contingency(scenario, "i-drone")


def test_phase_recognition_lag(hand: Report) -> None:
    phases = {p.phase: p for p in hand.escalation.phases}
    assert phases["calm"].lag is None and phases["calm"].cause == "start"
    assert phases["tense"].lag == 300  # L2 at 30m, the L2 measure at 35m
    assert phases["tense"].action is not None
    assert phases["tense"].action.ref == "activate-lcp-md"
    assert phases["war"].lag == 0  # entered by the team's own decision
    assert phases["war"].action is not None and phases["war"].action.role == "nctv"
    [measure] = hand.escalation.measures
    assert (measure.available, measure.delay) == (1800, 300)


def test_phase_not_recognised_and_not_measurable(tmp_path: Path) -> None:
    events = [e for e in HAND_EVENTS if e.kind != Kind.MEASURE_TAKEN]
    report = _report(write_journal(tmp_path / "a.db", events))
    tense = next(p for p in report.escalation.phases if p.phase == "tense")
    assert tense.lag is None and tense.note.startswith("not recognised")
    scenario = dict(HAND_SCENARIO, measures=[])
    report = _report(write_journal(tmp_path / "b.db", events, scenario))
    tense = next(p for p in report.escalation.phases if p.phase == "tense")
    assert tense.lag is None and tense.note.startswith("not measurable")


def test_time_to_first_action_perspective(hand: Report) -> None:
    c = hand.communication
    assert (c.reference, c.reference_inject) == (600, "i-rumour")  # first severity >= 4
    assert c.first_action_perspective is not None
    # the NL-Alert approved at 16m40s, not the option tagged action-perspective then
    assert (c.first_action_perspective.kind, c.first_action_perspective.ref) == ("product", "P2")
    assert c.lag == 400
    # the option, measure and own-initiative tags: decisions with a communication side
    counts = {e.element: e.count for e in c.elements}
    assert counts == {"threat-info": 2, "preparation-info": 0, "action-perspective": 1}


def test_communication_per_disruption(hand: Report) -> None:
    rumour, war = hand.communication.disruptions  # the injects with severity >= 4
    assert (rumour.inject, rumour.products, rumour.first_product, rumour.lag) == (
        "i-rumour",
        ["P1", "P2"],
        "P1",
        120,
    )
    covered = {x.element: (x.roles, x.first) for x in rumour.elements}
    assert covered == {
        "threat-info": (["nkc"], 720),
        "preparation-info": ([], None),
        "action-perspective": (["nkc"], 1000),
    }
    assert rumour.coordinated == 1  # P2 was approved by the NCTV, P1 needed no approval
    assert (war.inject, war.products, war.lag, war.coordinated) == ("i-war", [], None, 0)


def test_the_products_annex_keeps_every_product_and_its_state(hand: Report) -> None:
    rows = {r.id: r for r in hand.communication.products}
    assert list(rows) == ["P1", "P2", "P3"]
    assert (rows["P1"].status, rows["P1"].t, rows["P1"].approved_by) == ("issued", 720, "")
    assert (rows["P2"].status, rows["P2"].submitted, rows["P2"].t) == ("issued", 900, 1000)
    assert rows["P2"].approved_by == "nctv"
    assert (rows["P3"].status, rows["P3"].t, rows["P3"].note) == (
        "returned",
        None,
        "Wait for the MCCb",
    )


def test_option_tags_alone_are_no_message(tmp_path: Path) -> None:
    """Without products, a team whose options carry every element has sent no message."""
    events = [e for e in HAND_EVENTS if not e.kind.startswith("product-")]
    report = _report(write_journal(tmp_path / "tags.db", events))
    c = report.communication
    assert c.first_action_perspective is None and c.lag is None
    assert [d.products for d in c.disruptions] == [[], []]
    assert {e.element: e.count for e in c.elements}["action-perspective"] == 1


def test_action_perspective_clock_starts_at_t0_without_a_severe_inject(tmp_path: Path) -> None:
    scenario = dict(HAND_SCENARIO)
    scenario["injects"] = [dict(i, severity=3) for i in HAND_SCENARIO["injects"]]
    report = _report(write_journal(tmp_path / "a.db", scenario=scenario))
    assert report.communication.reference == 0
    assert report.communication.reference_inject == ""
    assert report.communication.lag == 1000


def test_pillars_not_exercised_and_counts(hand: Report) -> None:
    exercised = {s.pillar: s.exercised for s in hand.pillars}
    assert exercised == {
        "vital-processes": True,
        "resilient-society": True,
        "democracy-rule-of-law": True,
        "resilient-economy": False,
        "territorial-defence": True,
        "civil-military-support": False,
    }
    society = hand.pillar("resilient-society").metrics
    assert (society.decisions_taken, society.self_decisions) == (1, 1)
    defence = hand.pillar("territorial-defence").metrics
    assert (defence.decisions_taken, defence.decisions_missed, defence.measures) == (1, 1, 1)


def test_indicator_series(hand: Report) -> None:
    [trust] = hand.pillar("resilient-society").indicators
    assert trust.points == [(0.0, 70), (420.0, 80.0), (1000.0, 90.0), (1200.0, 75.0)]
    assert (trust.start, trust.lowest, trust.highest, trust.end) == (70, 70, 90, 75)


def test_participants_and_roles(hand: Report) -> None:
    roles = {r.id: r for r in hand.participants.roles}
    assert (roles["nctv"].decisions, roles["nctv"].missed, roles["nctv"].measures) == (2, 1, 1)
    assert roles["nkc"].self_decisions == 1
    assert roles["nctv"].latency_median == 90  # 120 and 60


def test_suggested_rating_thresholds() -> None:
    assert suggest(Counts()) is None
    assert suggest(Counts(met=3)).rating == "P"
    assert suggest(Counts(met=3, late=1)).rating == "S"  # 3.5 / 4
    assert suggest(Counts(met=1, late=1)).rating == "S"  # 1.5 / 2 = 0.75
    assert suggest(Counts(late=1)).rating == "M"  # 0.5
    assert suggest(Counts(met=1, missed=2)).rating == "U"  # 0.33
    assert suggest(Counts(met=1, pending=5)).rating == "P"  # pending ones do not count
    assert suggest(Counts(met=1)).computed


def test_nato_coverage(hand: Report) -> None:
    rows = {n.requirement: n for n in hand.nato}
    assert rows["energy"].injects == 1 and rows["energy"].exercised
    gov = rows["government-continuity"]
    assert (gov.injects, gov.decisions, gov.measures) == (1, 1, 1)
    assert gov.indicators[0].end == 75
    assert not rows["food-water"].exercised


def test_timeline_lists_what_happened_in_order(hand: Report) -> None:
    kinds = [row.kind for row in hand.timeline]
    assert kinds[0] == Kind.SESSION_STARTED and kinds[-1] == Kind.SESSION_ENDED
    assert Kind.INDICATOR_CHANGED not in kinds  # those are charted per pillar
    times = [row.t for row in hand.timeline]
    assert times == sorted(times)


def test_an_unknown_event_kind_is_ignored(tmp_path: Path) -> None:
    events = [*HAND_EVENTS[:-1], NewEvent(3600, "from-the-future", None, {"x": 1}), HAND_EVENTS[-1]]
    report = _report(write_journal(tmp_path / "a.db", events))
    assert report.overview.events == len(HAND_EVENTS) + 1
    assert report.summary.totals.decisions_taken == 3


def _item(issue: str) -> NewEvent:
    payload = {"pillar": "vital-processes", "issue": issue, "action": "Fix it"}
    return NewEvent(3600, Kind.IP_ROW, "eval", {**payload, "element": "planning"})


def _note(text: str, pillar: str) -> NewEvent:
    return NewEvent(
        3600, Kind.OBSERVATION, "eval", {"pillar": pillar, "kind": "note", "text": text}
    )


def _withdrawn(ref: str) -> NewEvent:
    return NewEvent(3600, Kind.WITHDRAWN, "eval", {"ref": ref, "reason": "entered by mistake"})


def test_a_withdrawn_item_leaves_the_report_and_the_others_keep_their_refs(
    tmp_path: Path,
) -> None:
    events = [
        *HAND_EVENTS,
        _item("Storage picture"),
        _item("Typo in the issue"),
        _item("Fuel priorities"),
        _withdrawn("IP-2"),
        _item("Added after the withdrawal"),
    ]
    report = _report(write_journal(tmp_path / "a.db", events))
    plan = {row.ref: row.issue for row in report.improvement_plan}
    assert plan == {
        "IP-1": "Storage picture",
        "IP-3": "Fuel priorities",  # not renumbered
        "IP-4": "Added after the withdrawal",  # the withdrawn number is not reused
    }
    assert report.summary.totals.improvement_items == 3
    assert report.summary.points[-1].endswith("3 items in the improvement plan.")
    assert not any("Typo in the issue" in row.text for row in report.timeline)
    assert Kind.WITHDRAWN not in {row.kind for row in report.timeline}
    for fmt in ("md", "html", "json"):
        text = render(report, fmt)
        assert "Fuel priorities" in text and "Typo in the issue" not in text, fmt


def test_withdrawn_observations_live_or_in_review(tmp_path: Path) -> None:
    # OBS-1 is the facilitator's, during play; OBS-2 went to the wrong pillar in review
    events = [
        *HAND_EVENTS,
        _note("Meant for another pillar", "resilient-economy"),
        _note("Mayors briefed early", "resilient-society"),
        _withdrawn("OBS-1"),
        _withdrawn("OBS-2"),
    ]
    report = _report(write_journal(tmp_path / "a.db", events))
    [kept] = [o for s in report.pillars for o in s.observations]
    assert (kept.ref, kept.text) == ("OBS-3", "Mayors briefed early")
    assert report.summary.totals.observations == 1
    assert not report.pillar("resilient-economy").exercised  # only the withdrawn one was there
    texts = " ".join(row.text for row in report.timeline)
    assert "Clear public line" not in texts and "Meant for another pillar" not in texts
    assert "Mayors briefed early" in texts


def test_a_withdrawal_names_only_what_came_before_it(tmp_path: Path) -> None:
    # hand-made journals only (`append` refuses these): they change nothing
    events = [*HAND_EVENTS, _withdrawn("IP-1"), _withdrawn("OBS-7"), _item("Still here")]
    report = _report(write_journal(tmp_path / "a.db", events))
    assert [row.ref for row in report.improvement_plan] == ["IP-1"]
    assert report.summary.totals.observations == 1


def test_collect_reads_each_event_once(tmp_path: Path) -> None:
    scenario = Scenario.model_validate(HAND_SCENARIO)
    seen = []

    def events():
        with Journal.open(write_journal(tmp_path / "a.db"), readonly=True) as journal:
            for event in journal.events():
                seen.append(event.seq)
                yield event

    facts = collect(scenario, events())
    assert facts.events == len(HAND_EVENTS) == len(seen) == len(set(seen))


def test_headless_demo_known_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from exercise.cli import main

    expected = tmp_path / "expected.db"
    assert main(["play", "demo", "--auto", "expected", "--journal", str(expected)]) == 0
    none = tmp_path / "none.db"
    assert main(["play", "demo", "--auto", "none", "--journal", str(none)]) == 0
    capsys.readouterr()
    good = _report(expected)
    # the expected policy decides half-way into `within` (3m): 90 s after delivery
    assert {d.latency for s in good.pillars for d in s.decisions if d.kind == "decision"} == {90}
    readiness = next(p for p in good.escalation.phases if p.level == "L2")
    assert readiness.lag == 150  # L2 at 9m, LCP-MD at 11m30s
    # anchor-drag (severity 4) at 1m; the expected press release submitted 75 s later (a
    # quarter of its 5m), approved by the NKC a minute after that
    assert good.communication.lag == 135
    assert good.communication.first_action_perspective is not None
    assert good.communication.first_action_perspective.kind == "product"
    assert good.summary.totals.expected.missed == 0
    idle = _report(none)
    assert idle.summary.totals.decisions_taken == 0
    assert idle.summary.totals.decisions_missed == 4
    assert idle.communication.first_action_perspective is None
    assert [i.id for s in idle.pillars for i in s.contingencies][:1] == ["rumour-escalation"]
    readiness = next(p for p in idle.escalation.phases if p.level == "L2")
    assert readiness.lag is None and readiness.note.startswith("not recognised")


def test_a_comparison_puts_the_communication_figures_side_by_side(tmp_path: Path) -> None:
    from exercise.debrief.comparison import blocks, compare

    with_products = _report(write_journal(tmp_path / "a.db"))
    events = [e for e in HAND_EVENTS if not e.kind.startswith("product-")]
    tags_only = _report(write_journal(tmp_path / "b.db", events))
    comparison = compare([with_products, tags_only])
    a, b = comparison.metrics
    assert (a.disruptions, a.answered, a.all_elements, a.product_lag_median) == (2, 1, 0, 120)
    assert (b.disruptions, b.answered, b.all_elements, b.product_lag_median) == (2, 0, 0, None)
    assert (a.first_action_perspective, b.first_action_perspective) == (400, None)
    rows = {row[0]: row[1:] for block in blocks(comparison) for row in block.rows}
    assert rows["Severe disruptions answered by a product"] == ["1 of 2", "0 of 2"]
    assert rows["Median time to the first product on a disruption"] == ["2m", "—"]
