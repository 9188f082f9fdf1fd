"""The review screen (Pilot): every entry lands in the journal as an event, and the debrief
made afterwards shows it. The journal comes from headless play of the demo scenario."""

from __future__ import annotations

import asyncio
import functools
import shutil
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import (
    Checkbox,
    DataTable,
    Input,
    RadioButton,
    RadioSet,
    Select,
    Static,
    TabbedContent,
)

from exercise.cli import main
from exercise.debrief import build_report, render
from exercise.debrief.evaluation import ImprovementInput, ObservationInput, append, parse
from exercise.journal import Journal, verify
from exercise.model.events import Kind
from exercise.review.app import ReviewApp
from exercise.sim.replay import load_frozen

SIZE = (140, 44)


def run(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test on a fresh event loop (no pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("played") / "demo.db"
    assert main(["play", "demo", "--auto", "expected", "--journal", str(path)]) == 0
    return path


@pytest.fixture
def journal(played: Path, tmp_path: Path) -> Path:
    path = tmp_path / "review.db"
    shutil.copy(played, path)
    return path


def _events(path: Path, kind: str) -> list:
    with Journal.open(path, readonly=True) as j:
        return [e for e in j.events() if e.kind == kind]


def _report(path: Path):
    with Journal.open(path, readonly=True) as j:
        return build_report(j)


@run
async def test_observation_is_journaled_and_shown(journal: Path) -> None:
    app = ReviewApp(journal, evaluator="J. de Vries")
    text = "[bold]queues[/bold] at **petrol** stations <script>"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")  # 3.2 A prepared and resilient society
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#text", Input).value = text
        app.screen.query_one("#root_cause", Input).value = "No pre-agreed core message"
        await pilot.press("ctrl+s")
        await pilot.pause()
        table = app.query_one("#observations", DataTable)
        assert table.row_count == 1
        assert table.get_row_at(0)[-1].plain == text  # shown literally
    [event] = _events(journal, Kind.OBSERVATION)
    assert event.actor == "J. de Vries"
    assert event.payload["pillar"] == "resilient-society"
    assert event.payload["kind"] == "improvement"
    assert event.payload["text"] == text
    section = _report(journal).pillar("resilient-society")
    assert section.observations[0].text == text
    assert section.observations[0].root_cause == "No pre-agreed core message"
    assert "\\[bold\\]queues\\[/bold\\] at \\*\\*petrol\\*\\*" in render(_report(journal), "md")
    assert verify(journal).ok


@run
async def test_pillar_and_objective_ratings(journal: Path) -> None:
    app = ReviewApp(journal, evaluator="eval")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#rating-S", RadioButton).value = True
        app.screen.query_one("#note", Input).value = "Slow storage picture"
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.query_one("#tabs", TabbedContent).active = "tab-objectives"
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#rating-M", RadioButton).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        objectives = app.query_one("#objectives", DataTable)
        assert objectives.get_row_at(0)[2].plain == "M"
    ratings = [e.payload for e in _events(journal, Kind.RATING)]
    note = "Slow storage picture"
    assert ratings == [
        {"scope": "pillar", "target": "vital-processes", "rating": "S", "note": note},
        {"scope": "objective", "target": "obj-supply", "rating": "M", "note": ""},
    ]
    report = _report(journal)
    mark = report.pillar("vital-processes").rating
    assert (mark.rating, mark.computed, mark.by) == ("S", False, "eval")
    md = render(report, "md")
    assert "S (Performed with some challenges, by eval)" in md
    assert "M (Performed with major challenges, by eval)" in md


@run
async def test_improvement_item_and_a_refused_one(journal: Path) -> None:
    app = ReviewApp(journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        form = app.screen
        form.query_one("#issue", Input).value = "No joint storage picture"
        form.query_one("#action", Input).value = "Daily storage sitrep from the operators"
        form.query_one("#element", Select).value = "organisation"
        form.query_one("#organisation", Input).value = "Ministry of KGG"
        form.query_one("#contact", Input).value = "Director Energy Markets"
        form.query_one("#start", Input).value = "2027-07-01"
        form.query_one("#due", Input).value = "2027-03-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # the due date is before the start: the form stays open
        assert "before the start" in str(form.query_one("#due-error", Static).render())
        form.query_one("#due", Input).value = "2027-12-31"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        assert app.query_one("#plan", DataTable).row_count == 1
    [event] = _events(journal, Kind.IP_ROW)
    assert event.payload["element"] == "organisation"
    assert event.payload["due"] == "2027-12-31"
    row = _report(journal).improvement_plan[0]
    assert (row.ref, row.pillar, row.organisation) == ("IP-1", "vital-processes", "Ministry of KGG")
    assert "Daily storage sitrep from the operators" in render(_report(journal), "html")


@run
async def test_judging_a_free_text_expected_action(journal: Path) -> None:
    app = ReviewApp(journal)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(2):
            await pilot.press("down")  # 3.3 democracy: journalist-questions, mccb-briefing
        app.query_one("#tabs", TabbedContent).active = "tab-expected"
        await pilot.pause()
        table = app.query_one("#expected", DataTable)
        keys = [row.key.value for row in table.ordered_rows]
        table.move_cursor(row=keys.index("mccb-briefing|0"))
        await pilot.press("j")
        await pilot.pause()
        app.screen.query_one("#status-missed", RadioButton).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
    [event] = _events(journal, Kind.EXPECTED_JUDGED)
    assert event.payload == {"inject": "mccb-briefing", "index": 0, "status": "missed", "note": ""}
    rows = [x for s in _report(journal).pillars for x in s.expected if x.inject == "mccb-briefing"]
    assert {x.status for x in rows} == {"missed"}


@run
async def test_participant_and_final_mark(journal: Path) -> None:
    app = ReviewApp(journal, evaluator="A. Jansen")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one("#role", Select).value = "nkc"
        app.screen.query_one("#name", Input).value = "M. Bakker"
        app.screen.query_one("#organisation", Input).value = "NKC"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.query_one("#by", Input).value == "A. Jansen"
        app.screen.query_one("#confirm", Checkbox).value = True  # final with items unjudged
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "FINAL" in str(app.query_one("#banner", Static).render())
    assert _events(journal, Kind.REPORT_FINAL)[0].payload == {"by": "A. Jansen"}
    report = _report(journal)
    assert report.overview.status == "final"
    assert report.participants.people[0].name == "M. Bakker"
    assert "M. Bakker" in render(report, "md")
    # anything added after the final mark makes the report a draft again
    app = ReviewApp(journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#text", Input).value = "Late note"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "DRAFT" in str(app.query_one("#banner", Static).render())
    assert _report(journal).overview.status == "draft"
    assert verify(journal).ok


@run
async def test_cancel_writes_nothing_and_dutch_labels(journal: Path) -> None:
    with Journal.open(journal, readonly=True) as j:
        before = j.count()
    app = ReviewApp(journal, lang="nl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#text", Input).value = "not saved"
        await pilot.press("escape")
        await pilot.pause()
        assert "CONCEPT" in str(app.query_one("#banner", Static).render())
        tabs = app.query_one("#tabs", TabbedContent)
        assert tabs.get_tab("tab-decisions").label.plain == "Besluiten"
        await pilot.press("a")  # the whole timeline
        await pilot.pause()
        assert app.query_one("#timeline", DataTable).row_count == len(_report(journal).timeline)
    with Journal.open(journal, readonly=True) as j:
        assert j.count() == before


def _add(path: Path, *items: Any) -> None:
    """Evaluator input entered before the screen opens (as an earlier review would)."""
    with Journal.open(path) as j:
        append(j, load_frozen(j), list(items), "earlier evaluator")


def _issue(issue: str) -> Any:
    return parse(
        ImprovementInput,
        pillar="vital-processes",
        issue=issue,
        action="Daily storage sitrep",
        element="planning",
        organisation="Ministry of KGG",
    )


@run
async def test_withdrawing_an_improvement_item(journal: Path) -> None:
    typo = "[bold]Storgae[/bold] picture"
    _add(journal, _issue(typo), _issue("No joint storage picture"))
    app = ReviewApp(journal, evaluator="J. de Vries")
    async with app.run_test(size=SIZE) as pilot:
        app.query_one("#tabs", TabbedContent).active = "tab-plan"
        await pilot.pause()
        plan = app.query_one("#plan", DataTable)
        assert [row.key.value for row in plan.ordered_rows] == ["IP-1", "IP-2"]
        plan.move_cursor(row=0)
        await pilot.press("w")
        await pilot.pause()
        form = app.screen
        title = str(form.query_one(".form-title", Static).render())
        assert title == f"Withdraw IP-1: {typo}"  # the journal's text, literally
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # a reason is required, said next to it
        assert "Required" in str(form.query_one("#reason-error", Static).render())
        form.query_one("#reason", Input).value = "Typo: entered again as IP-2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        assert [row.key.value for row in plan.ordered_rows] == ["IP-2"]  # IP-2 keeps its ref
    [event] = _events(journal, Kind.WITHDRAWN)
    assert event.actor == "J. de Vries"
    assert event.payload == {"ref": "IP-1", "reason": "Typo: entered again as IP-2"}
    report = _report(journal)
    assert [row.ref for row in report.improvement_plan] == ["IP-2"]
    assert report.summary.totals.improvement_items == 1
    assert "Storgae" not in render(report, "md")
    assert verify(journal).ok


@run
async def test_withdrawing_an_observation_only_from_its_tab(journal: Path) -> None:
    note = parse(ObservationInput, pillar="vital-processes", text="Meant for pillar 3.2")
    _add(journal, note)
    app = ReviewApp(journal, lang="nl")
    async with app.run_test(size=SIZE) as pilot:
        main_screen = app.screen
        assert "w" not in main_screen.active_bindings  # not offered on the Decisions tab
        await pilot.press("w")
        await pilot.pause()
        assert app.screen is main_screen  # no form
        app.query_one("#tabs", TabbedContent).active = "tab-observations"
        await pilot.pause()
        assert app.screen.active_bindings["w"].binding.description == "Intrekken"
        table = app.query_one("#observations", DataTable)
        assert [row.key.value for row in table.ordered_rows] == ["OBS-1"]
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#reason", Input).value = "not saved"
        await pilot.press("escape")  # cancelled: still there
        await pilot.pause()
        assert table.row_count == 1 and not _events(journal, Kind.WITHDRAWN)
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#reason", Input).value = "Verkeerde pijler"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert table.row_count == 0
    assert _events(journal, Kind.WITHDRAWN)[0].payload["ref"] == "OBS-1"
    assert not _report(journal).pillar("vital-processes").observations


@run
async def test_the_rating_form_preselects_nothing_and_saves_nothing_without_a_choice(
    journal: Path,
) -> None:
    app = ReviewApp(journal, lang="nl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        form = app.screen
        assert app.focused is form.query_one("#rating", RadioSet)  # the first field
        assert form.query_one("#rating", RadioSet).pressed_button is None
        assert str(form.query_one("#save").label) == "Opslaan (ctrl+s)"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert str(form.query_one("#rating-error", Static).render()) == (
            "Kies een oordeel: P, S, M of U."
        )
        await pilot.press("escape")
        await pilot.pause()
    assert not _events(journal, Kind.RATING)


@run
async def test_validation_errors_are_next_to_their_field_in_dutch(journal: Path) -> None:
    app = ReviewApp(journal, lang="nl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        form = app.screen
        form.query_one("#issue", Input).value = "Geen gezamenlijk beeld"
        form.query_one("#start", Input).value = "1 juli"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form

        def said(field: str) -> str:
            return str(form.query_one(f"#{field}-error", Static).render())

        assert said("action") == "Verplicht: vul dit in."
        assert said("organisation") == "Verplicht: vul dit in."
        assert said("start").startswith("Geen datum: schrijf JJJJ-MM-DD")
        assert said("issue") == "" and said("due") == ""
        everything = " ".join(str(s.render()) for s in form.query(Static))
        assert "String should" not in everything and "Input should" not in everything
        await pilot.press("escape")
        await pilot.pause()
    assert not _events(journal, Kind.IP_ROW)


@run
async def test_final_lists_what_is_unjudged_and_records_nothing_when_cancelled(
    journal: Path,
) -> None:
    app = ReviewApp(journal, evaluator="A. Jansen")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        listed = str(form.query_one("#unjudged", Static).render())
        assert "Objective obj-supply: not rated" in listed
        assert "Objective obj-comms: not rated" in listed
        assert "Pillar 3.1" in listed  # vital processes, exercised and not rated
        assert "Expected action pending: mccb-briefing" in listed
        assert listed.count("mccb-briefing") == 1  # once, though it counts for 3 pillars
        assert "Main finding still computed: The first public action perspective came" in listed
        # saving without confirming is refused, next to the confirmation
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "Tick this" in str(form.query_one("#confirm-error", Static).render())
        form.query_one("#confirm", Checkbox).value = True
        await pilot.press("escape")  # changed one's mind: nothing recorded
        await pilot.pause()
        assert app.screen is not form
        assert "DRAFT" in str(app.query_one("#banner", Static).render())
    assert not _events(journal, Kind.REPORT_FINAL)


@run
async def test_an_observation_is_dated_at_the_selected_timeline_moment(journal: Path) -> None:
    app = ReviewApp(journal, evaluator="J. de Vries")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")  # nothing selected yet: the session's end
        await pilot.pause()
        assert app.screen.query_one("#at", Input).value == "T+00:15:00"
        await pilot.press("escape")
        await pilot.pause()
        app.query_one("#tabs", TabbedContent).active = "tab-timeline"
        await pilot.pause()
        timeline = app.query_one("#timeline", DataTable)
        timeline.focus()
        await pilot.pause()
        times = [timeline.get_row_at(n)[0] for n in range(timeline.row_count)]
        assert app.moment is not None  # the row the cursor is on counts once focused
        row = next(n for n, t in enumerate(times) if n and t not in (times[0], "T+00:15:00"))
        timeline.move_cursor(row=row)
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#at", Input).value == times[row]
        form.query_one("#seat", Select).value = "kgg"
        form.query_one("#text", Input).value = "Storage picture asked for late"
        form.query_one("#at", Input).value = "T+99:00:00"  # after the end: refused
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "T+00:15:00" in str(form.query_one("#at-error", Static).render())
        form.query_one("#at", Input).value = times[row]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    [event] = _events(journal, Kind.OBSERVATION)
    h, m, sec = (int(x) for x in times[row].removeprefix("T+").split(":"))
    assert event.payload["at"] == h * 3600 + m * 60 + sec
    assert event.payload["seat"] == "kgg"
    [obs] = _report(journal).pillar("vital-processes").observations
    assert (clock_text(obs.t), obs.seat) == (times[row], "kgg")
    assert f"({times[row]}, seat kgg)" in render(_report(journal), "md")


def clock_text(seconds: float) -> str:
    from exercise.model import format_clock

    return format_clock(seconds)


def test_review_refuses_a_missing_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", str(tmp_path / "missing.db")]) == 2
    assert "no such journal file" in capsys.readouterr().err


# -- the computed main findings: accept, edit, drop ------------------------------------------


async def _judge_finding(app: ReviewApp, pilot: Any, row: int, verdict: str, text: str = "") -> Any:
    """Open the form for the finding on `row` of the Main findings tab and fill it in."""
    table = app.query_one("#findings", DataTable)
    table.move_cursor(row=row)
    await pilot.press("j")
    await pilot.pause()
    form = app.screen
    form.query_one(f"#verdict-{verdict}", RadioButton).value = True
    if text:
        form.query_one("#text", Input).value = text
    await pilot.press("ctrl+s")
    await pilot.pause()
    return form


@run
async def test_computed_findings_are_accepted_edited_and_dropped(journal: Path) -> None:
    before = _report(journal).summary.findings
    assert [f.key for f in before] == [
        "expected-met:vital-processes",
        "expected-met:resilient-economy",
        "action-perspective-in-time",
    ]
    assert all(f.computed for f in before)
    edited = "[b]Public line[/b] out <fast> | well within the target"
    app = ReviewApp(journal, evaluator="J. de Vries")
    async with app.run_test(size=SIZE) as pilot:
        app.query_one("#tabs", TabbedContent).active = "tab-findings"
        await pilot.pause()
        table = app.query_one("#findings", DataTable)
        assert [row.key.value for row in table.ordered_rows] == [f.key for f in before]
        form = await _judge_finding(app, pilot, 2, "edit")
        assert app.screen is not form  # the text was there already: an edit of nothing new
        form = await _judge_finding(app, pilot, 2, "edit", edited)
        assert app.screen is not form
        for _dropped in range(2):  # both computed strengths: row 0 each time
            form = await _judge_finding(app, pilot, 0, "drop")
            assert app.screen is not form
        # dropped, they stay listed here (to be reconsidered), after those in the report
        assert [row.key.value for row in table.ordered_rows] == [
            "action-perspective-in-time",
            "expected-met:vital-processes",
            "expected-met:resilient-economy",
        ]
    events = _events(journal, Kind.FINDING_JUDGED)
    assert [e.payload["verdict"] for e in events] == ["edit", "edit", "drop", "drop"]
    assert events[1].payload == {
        "key": "action-perspective-in-time",
        "verdict": "edit",
        "text": edited,
    }
    assert {e.actor for e in events} == {"J. de Vries"}
    report = _report(journal)
    [finding] = report.summary.findings
    assert (finding.text, finding.computed, finding.judged_by) == (edited, False, "J. de Vries")
    md = render(report, "md")
    assert before[0].text not in md and before[1].text not in md  # dropped: in no format
    assert "\\[b\\]Public line\\[/b\\] out &lt;fast&gt; \\| well within the target" in md
    findings = md.split("### Main findings")[1].split("## 3.")[0]
    assert "(computed)" not in findings and "**Strength**" in findings
    html = render(report, "html")
    assert before[0].text not in html
    assert "&lt;fast&gt;" in html and 'class="tag computed"' not in html
    assert verify(journal).ok


@run
async def test_a_finding_judged_again_and_an_edit_needs_words(journal: Path) -> None:
    app = ReviewApp(journal)
    async with app.run_test(size=SIZE) as pilot:
        app.query_one("#tabs", TabbedContent).active = "tab-findings"
        await pilot.pause()
        await _judge_finding(app, pilot, 0, "drop")
        form = await _judge_finding(app, pilot, 2, "edit", "   ")  # the dropped one, now last
        assert app.screen is form  # an edit without words is refused, next to the field
        assert "Required" in str(form.query_one("#text-error", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        await _judge_finding(app, pilot, 2, "accept")  # reconsidered: back in the report
    assert len(_events(journal, Kind.FINDING_JUDGED)) == 2
    findings = _report(journal).summary.findings
    assert [(f.key, f.computed) for f in findings] == [
        ("expected-met:vital-processes", False),
        ("expected-met:resilient-economy", True),
        ("action-perspective-in-time", True),
    ]


def test_a_judged_finding_names_its_evaluator_in_every_format(journal: Path) -> None:
    from exercise.debrief.evaluation import FindingInput

    name = "\x1b[31m<J> [b]de Vries[/b]"
    with Journal.open(journal) as j:
        append(j, load_frozen(j), [parse(FindingInput, key="action-perspective-in-time",
                                         verdict="accept")], name)  # fmt: skip
    report = _report(journal)
    [accepted] = [f for f in report.summary.findings if f.key == "action-perspective-in-time"]
    assert (accepted.computed, accepted.judged_by) == (False, name)
    assert "(by \\\\x1b\\[31m&lt;J&gt; \\[b\\]de Vries\\[/b\\])" in render(report, "md")
    assert "(by \\x1b[31m&lt;J&gt; [b]de Vries[/b])" in render(report, "html")
    assert "(by \\x1b[31m<J> [b]de Vries[/b])" in render(report, "console")
