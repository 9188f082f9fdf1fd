"""The debrief whatever a journal holds: charts and reports bounded in size, arithmetic
that cannot give NaN, events with odd payloads left out and counted (never an internal
error), and the marking of a report made from a damaged journal in every format.

The journals are written with the real Journal API, so their hash chains are sound and
only the contents are odd."""

from __future__ import annotations

import copy
import json
import math
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from debrief_journals import HAND_EVENTS, HAND_SCENARIO, STARTED_WALL, write_journal

from exercise.debrief import FORMATS, build_report, compare, render, render_comparison
from exercise.debrief.charts import MAX_TICKS, escalation_strip, time_ticks
from exercise.debrief.errors import UnreadableJournal
from exercise.debrief.metrics import MAX_UNREADABLE_LISTED
from exercise.debrief.render_json import report_data
from exercise.debrief.report import PhaseChange, Report
from exercise.debrief.text import (
    MAX_SHOWN_TEXT,
    MAX_TIME,
    MAX_TIMELINE_ROWS,
    TRUNCATED,
    fraction,
    span,
)
from exercise.debrief.words import Words
from exercise.journal import Journal, JournalError
from exercise.model.events import Kind, NewEvent

DAMAGE = "the hash chain breaks at event 7 (its hash does not match)"
NUMBER = re.compile(r'(?<![\w-])(?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"')


def _report(path: Path, **kwargs: Any) -> Report:
    with Journal.open(path, readonly=True) as journal:
        return build_report(journal, **kwargs)


def _with(events: list[NewEvent], scenario: dict | None = None, *, at: int = -1) -> list:
    """The hand-built session's events with `events` inserted before the end (or at `at`)."""
    out = list(HAND_EVENTS)
    out[at:at] = events
    return out


def _svgs(html: str) -> list[str]:
    return re.findall(r"<svg.*?</svg>", html, re.S)


def _assert_finite_svg(html: str) -> None:
    for svg in _svgs(html):
        assert "nan" not in svg.lower() and "inf" not in svg.lower()
        for value in NUMBER.findall(svg):
            if not value.endswith("%"):
                assert math.isfinite(float(value)), value
        for path in re.findall(r' d="([^"]*)"', svg):
            for number in re.findall(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?", path):
                assert math.isfinite(float(number))


# -- arithmetic that cannot give NaN ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [
        (1e308, -1e308, 1e308),
        (-1e308, -1e308, 1e308),
        (0.0, -1e308, 1e308),
        (1.7e308, -1.7e308, 1.7e308),
        (5.0, 5.0, 5.0),
        (5.0, 10.0, 0.0),
        (math.nan, 0.0, 100.0),
        (math.inf, 0.0, 100.0),
        (-math.inf, -1e308, 1e308),
    ],
)
def test_fraction_is_always_between_0_and_1(value: float, low: float, high: float) -> None:
    share = fraction(value, low, high)
    assert 0.0 <= share <= 1.0


def test_time_ticks_are_few_for_any_end() -> None:
    assert time_ticks(3600) == [0, 600, 1200, 1800, 2400, 3000, 3600]  # as before
    for end in (0.0, -5.0, 8.64e12, 3.6e11, 1e15, 1e200, 1.7e308, math.inf, math.nan):
        ticks = time_ticks(end)
        assert 1 <= len(ticks) <= MAX_TICKS
        assert all(math.isfinite(t) and 0 <= t <= MAX_TIME for t in ticks)
        assert ticks == sorted(set(ticks))


def test_spans_and_clocks_of_non_finite_times_are_a_dash() -> None:
    assert span(math.inf) == "—" and span(math.nan) == "—"


def test_escalation_strip_has_one_band_per_pixel_column_at_most() -> None:
    phases = [
        PhaseChange(float(t), f"p{t}", "Phase", "L2", "L2", "time", None, None, "")
        for t in range(20_000)
    ]
    svg = escalation_strip(phases, [float(t) for t in range(20_000)], [], 20_000.0, Words("en"))
    assert svg.count("<rect") <= 640
    assert len(svg) < 100_000


# -- extreme but valid scenarios and sessions -------------------------------------------------


HUGE = 1e9  # the largest indicator bound a scenario may have (exercise.model.types)


def huge_journal(path: Path) -> Path:
    """An indicator at the largest bounds a scenario allows, whose crafted events take it
    far beyond them, to ±1e308 (events are not bounded by the scenario's model)."""
    scenario = copy.deepcopy(HAND_SCENARIO)
    scenario["indicators"][0].update(min=-HUGE, max=HUGE, start=HUGE)
    events = _with(
        [
            NewEvent(2000, Kind.INDICATOR_CHANGED, None, {"indicator": "trust", "value": 1e308}),
            NewEvent(3000, Kind.INDICATOR_CHANGED, None, {"indicator": "trust", "value": -1e308}),
        ]
    )
    return write_journal(path, events, scenario)


@pytest.fixture(scope="module")
def huge_bounds(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return _report(huge_journal(tmp_path_factory.mktemp("bounds") / "bounds.db"))


def test_indicator_values_of_1e308_give_finite_charts_in_every_format(huge_bounds) -> None:
    texts = {fmt: render(huge_bounds, fmt) for fmt in FORMATS}
    _assert_finite_svg(texts["html"])
    # from the top of its range to the bottom: full block first, blank last
    assert re.search(r"\| Public trust \|.*\| `█[^`]* ` \|", texts["md"])
    assert json.loads(texts["json"])["pillars"]


def test_indicator_values_of_1e308_on_the_command_line(huge_bounds, tmp_path: Path) -> None:
    path = huge_journal(tmp_path / "bounds.db")
    result = _cli("debrief", path, "--format", "console,md,html,json", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    _assert_no_crash(result)
    _assert_finite_svg((tmp_path / "out" / "bounds.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def endless(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, dict[str, str]]:
    """A session that ran 99999999 days (a hand-made journal: no scenario may plan that
    long), with a decision whose deadline is at that time, and 3,000 phase changes."""
    end = 99_999_999 * 86400.0
    events = list(HAND_EVENTS[:-1])
    events.append(NewEvent(3000, Kind.DECISION_OPENED, None, {"inject": "i-war", "deadline": end}))
    events += [
        NewEvent(
            3000 + n * 1e9, Kind.PHASE_ENTERED, None, {"phase": "war", "level": "L3", "cause": "x"}
        )
        for n in range(3000)
    ]
    events.append(NewEvent(end, Kind.SESSION_ENDED, None, {"reason": "scenario time is up"}))
    path = write_journal(tmp_path_factory.mktemp("endless") / "endless.db", events)
    report = _report(path)
    return report, {fmt: render(report, fmt) for fmt in FORMATS}, path


MAX_HTML = 2_000_000  # bytes: the hand-built session's report is some 40 kB


def test_a_99999999_day_session_gives_a_small_html_with_few_ticks(endless) -> None:
    report, texts, _path = endless
    assert report.overview.played == 99_999_999 * 86400.0
    html = texts["html"]
    assert len(html.encode("utf-8")) < MAX_HTML
    svgs = _svgs(html)
    assert svgs
    for svg in svgs:
        ticks = re.findall(r">T\+[^<]*</text>", svg)
        assert len(ticks) <= MAX_TICKS
        assert svg.count("<text") <= 4 * MAX_TICKS + 20
    _assert_finite_svg(html)
    assert len(texts["md"].encode("utf-8")) < MAX_HTML


def test_many_phase_changes_are_counted_in_the_summary_and_cut_on_the_console(endless) -> None:
    report, texts, path = endless
    assert len(report.summary.points) < 30
    assert "2992 more phase changes: see the escalation section." in report.summary.points
    assert "… 2991 more phase changes in the Markdown and HTML report" in texts["console"]
    assert texts["md"].count("| Armed conflict |") == 3001  # the escalation table has all
    dutch = _report(path, lang="nl")
    for fmt in FORMATS:
        render(dutch, fmt)  # every phrase has its Dutch


# -- events that cannot be read ---------------------------------------------------------------

# (what is wrong, the event): each in an otherwise sound hand-built session
CRAFTED: dict[str, NewEvent] = {
    "decision without option": NewEvent(
        1000, Kind.DECISION_TAKEN, "nkc", {"inject": "i-rumour", "role": "nkc"}
    ),
    "indicator value as text": NewEvent(
        1000, Kind.INDICATOR_CHANGED, None, {"indicator": "trust", "value": "high"}
    ),
    "indicator value true": NewEvent(
        1000, Kind.INDICATOR_CHANGED, None, {"indicator": "trust", "value": True}
    ),
    "inject id a list": NewEvent(1000, Kind.INJECT_DELIVERED, None, {"inject": ["i-war"]}),
    "recipients as text": NewEvent(
        1000, Kind.INJECT_DELIVERED, None, {"inject": "i-war", "to": "nctv"}
    ),
    "expected status unknown": NewEvent(
        1000, Kind.EXPECTED_MET, None, {"inject": "i-cyber", "index": 0, "status": "great"}
    ),
    "expected index as text": NewEvent(
        1000, Kind.EXPECTED_MET, None, {"inject": "i-cyber", "index": "0"}
    ),
    "observation without pillar": NewEvent(1000, Kind.OBSERVATION, "x", {"text": "?"}),
    "latency beyond any time": NewEvent(
        1000,
        Kind.DECISION_TAKEN,
        "nkc",
        {"inject": "i-rumour", "option": "rebut", "latency": 1e308},
    ),
    "speed as text": NewEvent(1000, Kind.SPEED_SET, None, {"speed": "fast"}),
    "command a list": NewEvent(1000, Kind.COMMAND_REJECTED, None, {"command": [1]}),
    "payload a list": NewEvent(1000, Kind.PAUSED, None, [1, 2]),  # type: ignore[arg-type]
    "judgement status unknown": NewEvent(
        3600, Kind.EXPECTED_JUDGED, "ev", {"inject": "i-drone", "index": 1, "status": "ok"}
    ),
    "rating without target": NewEvent(3600, Kind.RATING, "ev", {"scope": "pillar"}),
    "withdrawal of a number": NewEvent(3600, Kind.WITHDRAWN, "ev", {"ref": 5, "reason": "x"}),
    "participant name a number": NewEvent(
        3600, Kind.PARTICIPANT, "ev", {"role": "nctv", "name": 7}
    ),
    "improvement issue an object": NewEvent(3600, Kind.IP_ROW, "ev", {"issue": {"a": 1}}),
    "time beyond 1e15 s": NewEvent(1e300, Kind.PAUSED, None, {}),
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_an_event_that_cannot_be_read_is_left_out_and_counted(case: str, tmp_path: Path) -> None:
    events = _with([CRAFTED[case]])
    seq = len(HAND_EVENTS)  # inserted just before the last event
    report = _report(write_journal(tmp_path / "crafted.db", events))
    o = report.overview
    assert o.unreadable_events == 1
    assert [(x.seq, x.kind) for x in o.unreadable] == [(seq, CRAFTED[case].kind)]
    assert o.unreadable[0].problem
    assert o.events == len(events)
    texts = {fmt: render(report, fmt) for fmt in FORMATS}
    for fmt in ("md", "html", "console"):
        assert "1 event could not be read" in texts[fmt]
    assert json.loads(texts["json"])["overview"]["unreadable_events"] == 1
    # the rest of the report is the hand-built session's
    assert report.summary.totals.injects_delivered == 5


def test_an_event_on_an_unknown_inject_is_read(tmp_path: Path) -> None:
    events = _with(
        [
            NewEvent(1000, Kind.DECISION_TAKEN, "x", {"inject": "nope", "option": "a"}),
            NewEvent(1000, Kind.DECISION_MISSED, "x", {"inject": "nope", "default": None}),
            NewEvent(1000, Kind.EXPECTED_MET, "x", {"inject": "nope", "index": 3}),
            NewEvent(1000, Kind.MEASURE_TAKEN, "x", {"measure": "nope"}),
        ]
    )
    report = _report(write_journal(tmp_path / "unknown.db", events))
    assert report.overview.unreadable_events == 0
    for fmt in FORMATS:
        render(report, fmt)


def test_many_unreadable_events_are_counted_and_a_few_listed(tmp_path: Path) -> None:
    bad = [NewEvent(1000, Kind.INDICATOR_CHANGED, None, {"indicator": "trust"})] * 50
    report = _report(write_journal(tmp_path / "many.db", _with(bad)))
    assert report.overview.unreadable_events == 50
    assert len(report.overview.unreadable) == MAX_UNREADABLE_LISTED
    assert "no value" in report.overview.unreadable[0].problem
    md = render(report, "md")
    assert "50 events could not be read" in md and "and 30 more" in md


def test_unreadable_events_in_dutch(tmp_path: Path) -> None:
    events = _with(list(CRAFTED.values()))
    report = _report(write_journal(tmp_path / "nl.db", events), lang="nl", damage=DAMAGE)
    assert report.overview.unreadable_events == len(CRAFTED)
    texts = {fmt: render(report, fmt) for fmt in FORMATS}  # a missing phrase: KeyError
    assert "konden niet worden gelezen" in texts["md"]
    assert "geen value" not in texts["md"] or "eindig getal" in texts["md"]
    assert "BESCHADIGD LOGBOEK" in texts["md"].splitlines()[0]


def test_a_frozen_scenario_that_does_not_read_raises_unreadable_journal(tmp_path: Path) -> None:
    path = _unreadable_scenario(tmp_path / "broken.db")
    with pytest.raises(JournalError, match="frozen") as err:  # UnreadableJournal is one
        _report(path)
    assert str(path) in str(err.value)


def test_unreadable_journal_is_a_journal_error_naming_the_event() -> None:
    err = UnreadableJournal("x.db", "its payload has no option", seq=12)
    assert isinstance(err, JournalError) and err.seq == 12
    assert str(err) == "x.db: cannot be debriefed: event 12: its payload has no option"


def _unreadable_scenario(path: Path) -> Path:
    journal = Journal.create(
        path,
        scenario_id="hand",
        scenario_title="Hand",
        scenario_text=json.dumps({"format": 1, "id": "hand", "duration": "99999999D"}),
        seed=0,
        speed=1.0,
        durable=False,
        meta={"mode": "play"},
        started_wall=STARTED_WALL,
    )
    with journal:
        journal.append([NewEvent(0, Kind.SESSION_STARTED, None, {})], wall=STARTED_WALL)
    return path


# -- on the command line: exit 0 with the note, or 2 with one clear line -----------------------


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exercise", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _assert_no_crash(result: subprocess.CompletedProcess[str]) -> None:
    for text in (result.stderr, result.stdout):
        assert "internal error" not in text and "Traceback" not in text


def test_cli_debriefs_a_journal_of_odd_payloads(tmp_path: Path) -> None:
    # (a payload that is not an object at all is refused by the journal check, as damage)
    odd = [event for event in CRAFTED.values() if isinstance(event.payload, dict)]
    path = write_journal(tmp_path / "odd.db", _with(odd))
    result = _cli("debrief", path, "--format", "console,md,html,json", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    _assert_no_crash(result)
    assert f"{len(odd)} events could not be read" in result.stdout
    md = (tmp_path / "out" / "odd.md").read_text(encoding="utf-8")
    assert f"{len(odd)} events could not be read" in md


def test_cli_refuses_a_journal_whose_scenario_does_not_read(tmp_path: Path) -> None:
    path = _unreadable_scenario(tmp_path / "broken.db")
    result = _cli("debrief", path, "--format", "md", "--out", tmp_path / "out")
    assert result.returncode == 2
    _assert_no_crash(result)
    assert "frozen" in result.stderr and len(result.stderr.splitlines()) == 1


# -- long texts and long timelines ------------------------------------------------------------


def test_long_texts_are_cut_in_tables_and_whole_in_json(tmp_path: Path) -> None:
    long = "word " * 20_000  # 100,000 characters
    events = []
    for event in HAND_EVENTS:
        payload = dict(event.payload)
        if event.kind == Kind.DECISION_TAKEN:
            payload["rationale"] = long
        if event.kind == Kind.SELF_DECISION:
            payload["text"] = long
        events.append(NewEvent(event.t, event.kind, event.actor, payload))
    report = _report(write_journal(tmp_path / "long.db", events))
    assert report.long_texts is True
    texts = {fmt: render(report, fmt) for fmt in FORMATS}
    for fmt in ("md", "html", "console"):
        assert long.strip() not in texts[fmt]
        marker = TRUNCATED.strip()  # Markdown escapes its brackets
        assert (marker.replace("[", "\\[").replace("]", "\\]") if fmt == "md" else marker) in texts[
            fmt
        ]
        assert len(texts[fmt]) < 200_000
    assert long in texts["json"]
    assert any(row.rationale == long for s in report.pillars for row in s.decisions)
    cut = [line for line in texts["md"].splitlines() if "word word" in line and "|" in line[:2]]
    assert cut and all(line.count("word") <= MAX_SHOWN_TEXT // 5 + 1 for line in cut)


def test_the_timeline_annex_is_cut_at_its_maximum(tmp_path: Path) -> None:
    extra = MAX_TIMELINE_ROWS + 250 - len(HAND_EVENTS)
    speeds = [  # the clock's pauses are left out of the timeline: speed changes are not
        NewEvent(3000, Kind.SPEED_SET, "excon", {"speed": 10.0 + n % 5}) for n in range(extra)
    ]
    report = _report(write_journal(tmp_path / "busy.db", _with(speeds)))
    shown = MAX_TIMELINE_ROWS
    more = len(report.timeline) - shown
    assert more > 200
    md, html = render(report, "md"), render(report, "html")
    annex = md.split("## Annex A. Timeline")[1].split("## Annex B")[0]
    assert annex.count("\n| T+") == shown
    assert f"{more} more events not shown" in annex
    timeline = html.split('id="timeline"')[1].split("</section>")[0]
    assert timeline.count("<tr>") == shown + 1  # and the header row
    assert f"{more} more events not shown" in timeline
    assert len(json.loads(render(report, "json"))["timeline"]) == len(report.timeline)


# -- the damaged-journal marking --------------------------------------------------------------


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    path = write_journal(tmp_path_factory.mktemp("damaged") / "damaged.db")
    report = _report(path, damage=DAMAGE)
    assert report.overview.damage == DAMAGE
    return {fmt: render(report, fmt) for fmt in FORMATS}


def test_damage_is_on_the_first_and_last_line_of_the_markdown(damaged) -> None:
    lines = damaged["md"].strip().splitlines()
    for line in (lines[0], lines[-1]):
        assert "DAMAGED JOURNAL" in line and DAMAGE in line
        assert "UNCLASSIFIED // EXERCISE" in line  # the handling marking stays first


def test_damage_is_a_banner_and_on_every_printed_page_in_html(damaged) -> None:
    html = damaged["html"]
    body = html.split("<body", 1)[1]
    assert body.index('class="damaged"') < body.index("<main>")  # banner at the top
    assert DAMAGE in body.split("<main>")[0]
    assert re.search(r'<div class="damaged-print"[^>]*>[^<]*DAMAGED JOURNAL', html)
    css = html.split("<style>")[1].split("</style>")[0]
    printed = css.split("@media print")[-1]
    assert re.search(r"\.damaged-print \{ display: block; position: fixed;", printed)
    assert re.search(r"@top-left \{ content: \"DAMAGED JOURNAL\"", css)
    assert '<body class="damaged-journal">' in html


def test_damage_is_first_on_the_console_and_a_json_field(damaged) -> None:
    assert damaged["console"].splitlines()[0].startswith(f"DAMAGED JOURNAL: {DAMAGE}")
    assert report_data_damage(damaged["json"]) == DAMAGE


def report_data_damage(text: str) -> str | None:
    return json.loads(text)["overview"]["damage"]


def test_a_sound_journal_has_no_damage_marking(tmp_path: Path) -> None:
    report = _report(write_journal(tmp_path / "sound.db"))
    assert report_data(report)["overview"]["damage"] is None
    for fmt in ("md", "html", "console"):
        assert "DAMAGED" not in render(report, fmt)


def test_a_comparison_with_a_damaged_journal_says_so(tmp_path: Path) -> None:
    sound = _report(write_journal(tmp_path / "a.db"))
    broken = _report(write_journal(tmp_path / "b.db"), damage=DAMAGE)
    comparison = compare([sound, broken])
    assert comparison.damage is not None and DAMAGE in comparison.damage
    assert comparison.sessions[1].damage == DAMAGE and comparison.sessions[0].damage is None
    md = render_comparison(comparison, "md").strip().splitlines()
    assert "DAMAGED JOURNAL" in md[0] and "DAMAGED JOURNAL" in md[-1] and "b.db" in md[0]
    html = render_comparison(comparison, "html")
    assert 'class="damaged"' in html and 'class="damaged-print"' in html
    assert render_comparison(comparison, "console").startswith("DAMAGED JOURNAL")
    assert json.loads(render_comparison(comparison, "json"))["damage"] == comparison.damage
    nl = compare([_report(tmp_path / "a.db", lang="nl"), _report(tmp_path / "b.db", damage="x")])
    assert "BESCHADIGD LOGBOEK" in render_comparison(nl, "md").splitlines()[0]
