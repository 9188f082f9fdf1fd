"""Communication products: issued as a role's own, answering what that role was told;
coordinated where the scenario says (submitted, approved or returned); settling the expected
actions that ask for one; played by the simulated players; and rebuilt from the journal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import position, scenario_text

from exercise.content.decisions import load_decisions
from exercise.content.problems import ContentError
from exercise.model import Scenario
from exercise.model.events import Kind, NewEvent
from exercise.sim import commands as c
from exercise.sim.engine import Engine
from exercise.sim.headless import run_headless
from exercise.sim.players import AutoPlayer, FilePlayer, Player
from exercise.sim.replay import replay_state
from exercise.sim.session import Session

Load = Callable[[str], Scenario]
M = 60.0

ROLES = """\
- {id: nctv, title: NCTV chair, kind: player}
- {id: nkc, title: NKC, kind: player}
- {id: ezk, title: Energy ministry, kind: player}
- {id: excon, title: Exercise control, kind: facilitator}
"""

# cut (severe) asks for a product with an action perspective within 30m from anyone who
# received it; leak reaches ezk only.
INJECTS = """\
- id: cut
  at: 10m
  to: [nctv, nkc, ezk]
  title: Power cut
  text: The grid operator reports a regional power cut.
  pillars: [vital-processes]
  severity: 4
  expected:
    - product: {elements: [action-perspective]}
      within: 30m
- {id: leak, at: 20m, to: [ezk], title: Leak, text: A leak., pillars: [vital-processes]}
"""

COMMUNICATION = """\
communication:
  approval:
    - {by: nkc, kinds: [press-release, nl-alert]}
"""


@pytest.fixture
def scenario(load: Load) -> Scenario:
    return load(scenario_text(roles=ROLES, injects=INJECTS) + COMMUNICATION)


def product(actor: str = "nctv", kind: str = "core-message", **fields: object) -> c.IssueProduct:
    values: dict[str, object] = {
        "actor": actor,
        "kind": kind,
        "audience": "Residents",
        "channel": "rijksoverheid.nl",
        "text": "Stay indoors; charge your phone.",
        "answers": ("cut",),
        **fields,
    }
    return c.IssueProduct.model_validate(values)


def of(engine: Engine, kind: str) -> list[NewEvent]:
    return [e for e in engine.pending if e.kind == kind]


# -- issuing -------------------------------------------------------------------------------


def test_a_product_needing_no_approval_is_issued_at_once_and_folded(scenario: Scenario) -> None:
    engine = Engine(scenario)
    outcome = engine.submit(product(elements=("threat-info", "action-perspective")), 12 * M)
    assert outcome.accepted
    issued = of(engine, Kind.PRODUCT_ISSUED)
    assert [e.payload["product"] for e in issued] == ["P1"]
    assert issued[0].payload["role"] == "nctv"
    assert issued[0].payload["elements"] == ["threat-info", "action-perspective"]
    assert "approved_by" not in issued[0].payload
    [record] = engine.state.products
    assert (record.product, record.t, record.role, record.kind) == (
        "P1",
        12 * M,
        "nctv",
        "core-message",
    )
    assert record.answers == ("cut",)


def test_product_ids_are_unique_in_the_session(scenario: Scenario) -> None:
    engine = Engine(scenario)
    engine.submit(product(), 12 * M)
    engine.submit(product(actor="ezk", kind="press-release"), 13 * M)  # submitted: P2
    engine.submit(product(actor="ezk"), 14 * M)
    assert [p.product for p in engine.state.products] == ["P1", "P3"]
    assert list(engine.state.submissions) == ["P2"]


@pytest.mark.parametrize(
    "command, words",
    [
        (product(answers=("leak",)), ("'leak' was not delivered to nctv",)),
        (product(answers=("nothing",)), ("'nothing' has not been delivered",)),
        (product(actor="excon"), ("not a player role",)),
    ],
)
def test_a_product_answers_only_what_its_role_was_told(
    scenario: Scenario, command: c.IssueProduct, words: tuple[str, ...]
) -> None:
    engine = Engine(scenario)
    outcome = engine.submit(command, 25 * M)
    assert not outcome.accepted
    for word in words:
        assert word in outcome.reason
    assert engine.state.products == []


def test_an_observer_seat_cannot_issue_a_product(scenario: Scenario) -> None:
    engine = Engine(scenario)
    command = product().model_copy(update={"seat_kind": c.SeatKind.OBSERVER})
    assert not engine.submit(command, 12 * M).accepted


@pytest.mark.parametrize(
    "fields",
    [
        {"text": ""},
        {"text": "x" * (c.MAX_TEXT + 1)},
        {"audience": ""},
        {"answers": tuple(f"i{n}" for n in range(c.MAX_ANSWERS + 1))},
        {"answers": ("cut", "cut")},
        {"elements": ("threat-info", "threat-info")},
        {"kind": "leaflet"},
    ],
)
def test_a_product_command_out_of_bounds_is_refused_by_its_model(fields: dict[str, object]):
    with pytest.raises(ValueError):
        product(**fields)


# -- coordination ------------------------------------------------------------------------------


def test_a_product_needing_approval_waits_and_is_issued_when_approved(scenario: Scenario):
    engine = Engine(scenario)
    assert engine.submit(product(actor="ezk", kind="press-release"), 12 * M).accepted
    [submitted] = of(engine, Kind.PRODUCT_SUBMITTED)
    assert submitted.payload["approver"] == "nkc"
    assert engine.state.products == []  # not out yet
    refused = engine.submit(c.ApproveProduct(actor="nctv", product="P1"), 13 * M)
    assert not refused.accepted and "only nkc approves 'P1'" in refused.reason
    assert engine.submit(c.ApproveProduct(actor="nkc", product="P1"), 15 * M).accepted
    [issued] = of(engine, Kind.PRODUCT_ISSUED)
    assert issued.t == 15 * M
    assert issued.payload["approved_by"] == "nkc"
    assert issued.payload["role"] == "ezk"
    assert engine.state.products[0].approved_by == "nkc"
    assert engine.state.submissions["P1"].status == "approved"
    again = engine.submit(c.ApproveProduct(actor="nkc", product="P1"), 16 * M)
    assert not again.accepted and "not waiting for approval" in again.reason


def test_a_returned_product_is_not_issued_and_keeps_the_note(scenario: Scenario) -> None:
    engine = Engine(scenario)
    engine.submit(product(actor="ezk", kind="nl-alert"), 12 * M)
    assert engine.submit(c.ReturnProduct(actor="nkc", product="P1", note="Too vague"), 13 * M)
    submission = engine.state.submissions["P1"]
    assert (submission.status, submission.note) == ("returned", "Too vague")
    assert not engine.submit(c.ApproveProduct(actor="nkc", product="P1"), 14 * M).accepted
    assert of(engine, Kind.PRODUCT_ISSUED) == []


def test_the_approvers_own_products_and_other_kinds_go_out_directly(scenario: Scenario) -> None:
    engine = Engine(scenario)
    engine.submit(product(actor="nkc", kind="press-release"), 12 * M)
    engine.submit(product(actor="ezk", kind="social-post"), 12 * M)
    assert [p.role for p in engine.state.products] == ["nkc", "ezk"]
    assert of(engine, Kind.PRODUCT_SUBMITTED) == []


def test_an_unknown_product_cannot_be_approved(scenario: Scenario) -> None:
    engine = Engine(scenario)
    outcome = engine.submit(c.ApproveProduct(actor="nkc", product="P9"), 12 * M)
    assert not outcome.accepted and "'P9' is not a communication product" in outcome.reason


# -- expected products -----------------------------------------------------------------------


def test_an_expected_product_is_met_only_with_the_elements_it_asks_for(scenario: Scenario):
    engine = Engine(scenario)
    engine.submit(product(elements=("threat-info",)), 12 * M)
    assert engine.state.expected[("cut", 0)].status == "pending"
    engine.submit(product(elements=("threat-info", "action-perspective")), 14 * M)
    assert engine.state.expected[("cut", 0)].status == "met"
    assert engine.state.expected[("cut", 0)].at == 14 * M


def test_an_expected_product_counts_when_issued_not_when_submitted(scenario: Scenario) -> None:
    engine = Engine(scenario)
    command = product(actor="ezk", kind="press-release", elements=("action-perspective",))
    engine.submit(command, 12 * M)
    assert engine.state.expected[("cut", 0)].status == "pending"
    engine.submit(c.ApproveProduct(actor="nkc", product="P1"), 45 * M)  # past the 30m
    assert engine.state.expected[("cut", 0)].status == "late"


def test_an_expected_product_never_issued_is_missed_at_the_end(scenario: Scenario) -> None:
    engine = Engine(scenario)
    engine.advance_to(scenario.duration)
    [missed] = of(engine, Kind.EXPECTED_MISSED)
    assert (missed.payload["inject"], missed.payload["code"]) == ("cut", "end-of-session")


def test_an_expected_product_of_a_named_kind_and_role(load: Load) -> None:
    injects = INJECTS.replace(
        "- product: {elements: [action-perspective]}",
        "- product: {kind: nl-alert, role: nctv, elements: [action-perspective]}",
    )
    engine = Engine(load(scenario_text(roles=ROLES, injects=injects)))
    wanted = ("action-perspective",)
    engine.submit(product(actor="ezk", kind="nl-alert", elements=wanted), 12 * M)  # wrong role
    engine.submit(product(actor="nctv", elements=wanted), 13 * M)  # wrong kind
    assert engine.state.expected[("cut", 0)].status == "pending"
    engine.submit(product(actor="nctv", kind="nl-alert", elements=wanted), 14 * M)
    assert engine.state.expected[("cut", 0)].status == "met"


# -- the scenario and the decisions file ---------------------------------------------------


def test_approval_by_an_unknown_role_is_refused_with_its_place(
    problems: Callable[[str], list[object]],
) -> None:
    text = scenario_text(roles=ROLES, injects=INJECTS) + COMMUNICATION.replace("nkc", "nkk")
    found = problems(text)
    line, column = position(text, "nkk")
    assert any(
        (p.line, p.column) == (line, column) and "'nkk' is not a role" in p.message  # type: ignore[attr-defined]
        for p in found
    )


def test_an_expected_product_from_a_role_that_is_not_told_is_refused(
    problems: Callable[[str], list[object]],
) -> None:
    injects = INJECTS.replace(
        "- {id: leak, at: 20m, to: [ezk],",
        "- {id: leak, at: 20m, to: [ezk], expected: [{product: {role: nctv}}],",
    )
    text = scenario_text(roles=ROLES, injects=injects)
    found = problems(text)
    assert any("'nctv' does not receive leak" in p.message for p in found)  # type: ignore[attr-defined]


DECISIONS = """\
format: 1
products:
  - at: 15m
    role: ezk
    kind: press-release
    audience: Residents
    elements: [threat-info, action-perspective]
    text: Stay indoors.
    answers: [cut]
    approve_after: 4m
  - {at: 25m, role: ezk, kind: social-post, audience: All, text: Leak fixed., answers: [leak]}
"""


def play(scenario: Scenario, path: Path, player: Player) -> Session:
    session = Session.start(scenario, path, durable=False)
    run_headless(session, player)
    return session


def test_a_decisions_file_issues_products_and_the_approver_answers_after_its_delay(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "decisions.yaml"
    path.write_text(DECISIONS, encoding="utf-8")
    session = play(scenario, tmp_path / "j.db", FilePlayer(load_decisions(path, scenario)))
    products = session.engine.state.products
    assert [(p.product, p.t, p.approved_by) for p in products] == [
        ("P1", 19 * M, "nkc"),
        ("P2", 25 * M, None),
    ]
    assert session.engine.state.expected[("cut", 0)].status == "met"
    session.close()


def test_a_decisions_file_answering_an_inject_its_role_is_not_told_is_refused(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "decisions.yaml"
    text = DECISIONS.replace("answers: [leak]", "answers: [leak, cut]").replace(
        "role: ezk, kind: social-post", "role: nctv, kind: social-post"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_decisions(path, scenario)
    [problem] = err.value.problems
    assert (problem.line, problem.column) == position(text, "leak, cut")
    assert "'leak' is not an inject nctv receives" in problem.message


def test_the_expected_policy_issues_what_is_asked_and_rehearsal_is_exact(
    scenario: Scenario, tmp_path: Path
) -> None:
    runs = []
    for n in range(2):
        session = play(scenario, tmp_path / f"j{n}.db", AutoPlayer("expected"))
        assert session.engine.state.expected[("cut", 0)].status == "met"
        runs.append([(e.kind, e.t, e.actor, e.payload) for e in session.journal.events()])
        session.close()
    assert runs[0] == runs[1]
    assert any(kind == Kind.PRODUCT_ISSUED for kind, *_ in runs[0])


def test_the_products_fold_again_from_the_journal(scenario: Scenario, tmp_path: Path) -> None:
    session = Session.start(scenario, tmp_path / "j.db", durable=False)
    session.submit(product(actor="ezk", kind="press-release"), 12 * M)
    session.submit(c.ApproveProduct(actor="nkc", product="P1"), 13 * M)
    session.submit(product(actor="ezk", kind="nl-alert", text="Second"), 14 * M)
    session.submit(c.ReturnProduct(actor="nkc", product="P2", note="No"), 15 * M)
    live = session.engine.state
    replayed = replay_state(scenario, list(session.journal.events()))
    assert replayed.products == live.products
    assert {k: (v.status, v.note) for k, v in replayed.submissions.items()} == {
        "P1": ("approved", ""),
        "P2": ("returned", "No"),
    }
    session.close()


@pytest.mark.parametrize("kind", ["expected", "file"])
@pytest.mark.parametrize("stop", [11 * M, 12.5 * M, 15 * M, 17 * M, 22 * M])
def test_a_resumed_rehearsal_issues_and_approves_as_an_uninterrupted_one(
    load: Load, tmp_path: Path, kind: str, stop: float
) -> None:
    """Stopped while a product waits for its approval (or before it is drafted), the
    resumed session plans the same approval and ends with the same events. (The expected
    policy drafts the press release at 12m, the NKC approves it at 13m; the file's at 15m
    and 19m.)"""
    injects = INJECTS.replace(
        "- product: {elements: [action-perspective]}",
        "- product: {kind: press-release, role: ezk, elements: [action-perspective]}",
    )
    scenario = load(scenario_text(roles=ROLES, injects=injects) + COMMUNICATION)
    path = tmp_path / "decisions.yaml"
    path.write_text(DECISIONS, encoding="utf-8")

    def player() -> Player:
        if kind == "file":
            return FilePlayer(load_decisions(path, scenario))
        return AutoPlayer("expected")

    whole = play(scenario, tmp_path / "whole.db", player())
    parts = Session.start(scenario, tmp_path / "parts.db", durable=False)
    run_headless(parts, player(), until=stop)
    parts.close()
    resumed = Session.resume(tmp_path / "parts.db", durable=False)
    run_headless(resumed, player())

    def stream(session: Session) -> list[tuple[object, ...]]:
        return [
            (e.kind, e.t, e.actor, e.payload)
            for e in session.journal.events()
            if e.kind != Kind.SESSION_RESUMED
        ]

    assert stream(resumed) == stream(whole)
    assert resumed.engine.state.products == whole.engine.state.products
    assert any(p.approved_by for p in whole.engine.state.products)
    whole.close()
    resumed.close()


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "nctv issued press release P1 for residents: Stay home"),
        ("nl", "nctv heeft persbericht P1 uitgebracht voor residents: Stay home"),
    ],
)
def test_a_products_kind_is_lower_case_mid_sentence_in_the_live_feed(
    scenario: Scenario, lang: str, said: str
) -> None:
    """The kind's label heads a form ("Press release"); inside a feed line it is a noun
    mid-sentence, in lower case where the language writes it so."""
    from exercise.model import ProductKind
    from exercise.sim.describe import Describer
    from exercise.sim.eventwords import PRODUCT_KIND_IN_LINE

    assert set(PRODUCT_KIND_IN_LINE) == {kind.value for kind in ProductKind}
    payload = {"role": "nctv", "kind": "press-release", "product": "P1",
               "audience": "residents", "text": "Stay home"}  # fmt: skip
    line = Describer(scenario, lang).text(Kind.PRODUCT_ISSUED, "nctv", payload)
    assert line is not None and line.startswith(said), line
    assert "Persbericht" not in line and "Press release" not in line
