"""The four renderings: every section present, everything from players and scenarios
escaped, golden files for Markdown and JSON, the JSON Schema, a self-contained HTML file.

Regenerate the golden files with EXERCISE_UPDATE_GOLDEN=1 (then read the diff)."""

from __future__ import annotations

import copy
import json
import os
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from debrief_journals import HAND_EVENTS, HAND_SCENARIO, write_journal

from exercise.debrief import build_report, render
from exercise.debrief.render_json import report_data, schema_text
from exercise.debrief.report import report_schema
from exercise.debrief.text import NOT_EXERCISED, PILLAR_PARTS, SECTIONS, pillar_number
from exercise.journal import Journal
from exercise.model import Pillar
from exercise.model.events import Kind, NewEvent

GOLDEN = Path(__file__).parent / "golden"
DOCS = Path(__file__).parent.parent / "docs"
NASTY = '<script>alert("x")</script> **bold** _em_ [red]red[/red] | pipe | [a](http://evil.test)'


def _report(path: Path):
    with Journal.open(path, readonly=True) as journal:
        return build_report(journal)


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory):
    return _report(write_journal(tmp_path_factory.mktemp("hand") / "hand.db"))


@pytest.fixture(scope="module")
def nasty(tmp_path_factory: pytest.TempPathFactory):
    """The hand-built session with markup, HTML and escape sequences in every text."""
    scenario = copy.deepcopy(HAND_SCENARIO)
    scenario["title"] = f"Title {NASTY}"
    scenario["classification"] = 'SECRET" </style><script>x()</script> \\"'
    scenario["injects"][1]["title"] = f"Inject {NASTY}"
    scenario["injects"][1]["decision"]["options"][0]["label"] = f"Option {NASTY}"
    scenario["objectives"][0]["text"] = f"# Objective {NASTY}"
    scenario["roles"][1]["title"] = f"Role {NASTY}"
    events = []
    for event in HAND_EVENTS:
        payload = dict(event.payload)
        if event.kind == Kind.DECISION_TAKEN:
            payload["rationale"] = f"Rationale {NASTY} \x1b[31mred\x1b[0m </td></tr>"
        if event.kind == Kind.SELF_DECISION:
            payload["text"] = f"- Self {NASTY}"
        if event.kind == Kind.OBSERVATION:
            payload["text"] = f"1. Observation {NASTY}"
            payload["root_cause"] = "`code` <img src=x onerror=alert(1)>"
        if event.kind in (Kind.PRODUCT_ISSUED, Kind.PRODUCT_SUBMITTED):
            payload["text"] = f"Product {NASTY} \x1b]0;title\x07"
            payload["audience"] = f"Audience {NASTY}"
            payload["channel"] = "| pipe | <b>"
        if event.kind == Kind.PRODUCT_RETURNED:
            payload["note"] = f"Note {NASTY}"
        events.append(NewEvent(event.t, event.kind, event.actor, payload))
    ip = {
        "pillar": "resilient-society",
        "objective": None,
        "capability": "",
        "issue": f"Issue {NASTY}",
        "action": "Action ~~strike~~ $x$ <b>b</b>",
        "element": "training",
        "organisation": "Org & Co",
        "contact": "",
        "start": None,
        "due": "2027-06-30",
    }
    events.insert(-1, NewEvent(3600, Kind.IP_ROW, f"Evaluator {NASTY}", ip))
    path = write_journal(tmp_path_factory.mktemp("nasty") / "nasty.db", events, scenario)
    return _report(path)


# -- every section -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "console"])
def test_every_section_is_present(hand, fmt: str) -> None:
    text = render(hand, fmt)
    positions = [text.find(heading) for _anchor, heading in SECTIONS]
    missing = [heading for (_a, heading), p in zip(SECTIONS, positions, strict=True) if p < 0]
    assert not missing
    assert positions == sorted(positions)
    for pillar in Pillar:
        assert pillar.label() in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_pillar_has_every_part(hand, fmt: str) -> None:
    text = render(hand, fmt)
    section = text.rindex(SECTIONS[2][1])  # the heading, after the contents and the summary
    starts = [text.index(f"{pillar_number(p.value)} {p.label()}", section) for p in Pillar]
    ends = [*starts[1:], text.index(SECTIONS[3][1], starts[-1])]
    for start, end in zip(starts, ends, strict=True):
        chunk = text[start:end]
        marks = {"md": "#### {}\n", "html": "<h4>{}</h4>"}
        positions = [chunk.find(marks[fmt].format(part)) for part in PILLAR_PARTS]
        assert -1 not in positions and positions == sorted(positions)
    for slug in ("resilient-economy", "civil-military-support"):
        start = text.index(f"{pillar_number(slug)} {Pillar(slug).label()}", section)
        assert NOT_EXERCISED in text[start : start + 2000]


def test_json_has_every_section_and_all_six_pillars(hand) -> None:
    data = json.loads(render(hand, "json"))
    for key in ("overview", "summary", "pillars", "nato", "communication", "escalation"):
        assert key in data
    assert {"improvement_plan", "timeline", "participants"} <= data.keys()
    assert [p["pillar"] for p in data["pillars"]] == [p.value for p in Pillar]
    assert data["overview"]["status"] == "draft"


def test_unrated_pillars_say_so_and_suggestions_are_labelled(hand) -> None:
    md = render(hand, "md")
    assert "not rated" in md
    assert "computed suggestion" in md.lower()
    html = render(hand, "html")
    assert "computed suggestion" in html
    data = json.loads(render(hand, "json"))
    society = next(p for p in data["pillars"] if p["pillar"] == "resilient-society")
    assert society["rating"] is None
    assert society["suggested"]["computed"] is True


# -- escaping ------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if name in ("href", "src"):
                self.links.append(value or "")


HTML_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "main", "section", "nav", "h1",
    "h2", "h3", "h4", "p", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
    "span", "b", "i", "code", "dl", "dt", "dd", "svg", "line", "text", "rect", "path",
    "circle", "footer", "br",
}  # fmt: skip


def test_html_escapes_everything(nasty) -> None:
    html = render(nasty, "html")
    parser = _Tags()
    parser.feed(html)
    assert parser.tags <= HTML_TAGS, parser.tags - HTML_TAGS
    assert not any(name.startswith("on") for name in parser.attributes)
    assert all(link.startswith("#") for link in parser.links)
    assert "<script" not in html.lower()
    assert html.count("</style>") == 1
    assert "\x1b" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; **bold** _em_ [red]red[/red]" in html
    style = html[html.index("<style>") : html.index("</style>")]
    assert "<" not in style.replace("<style>", "")


def test_markdown_escapes_everything(nasty) -> None:
    from markdown_it import MarkdownIt

    text = render(nasty, "md")
    assert "\x1b" not in text
    rendered = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)
    parser = _Tags()
    parser.feed(rendered)
    assert parser.links == []  # no link or image came from player text
    assert "script" not in parser.tags and "img" not in parser.tags and "s" not in parser.tags
    plain = unescape(re.sub(r"<[^>]+>", "", rendered))
    assert NASTY.replace("| pipe |", "") in plain.replace("| pipe |", "")
    assert "Action ~~strike~~ $x$ <b>b</b>" in plain
    assert "`code` <img src=x onerror=alert(1)>" in plain
    assert "# Objective" in plain and "1. Observation" in plain and "- Self" in plain
    assert f"Product {NASTY}".replace("| pipe |", "") in plain.replace("| pipe |", "")
    assert f"Note {NASTY}".replace("| pipe |", "") in plain.replace("| pipe |", "")
    for row in (line for line in text.splitlines() if line.startswith("| ")):
        if "pipe" in row:
            assert "\\| pipe \\|" in row  # a cell never splits on player text


def test_console_shows_markup_literally(nasty) -> None:
    text = render(nasty, "console")
    assert "[red]red[/red]" in text
    assert "<script>" in text  # literal text on a terminal is harmless
    assert "\x1b" not in text


def test_json_keeps_text_exact(nasty) -> None:
    data = json.loads(render(nasty, "json"))
    rationales = {d["rationale"] for p in data["pillars"] for d in p["decisions"]}
    assert f"Rationale {NASTY} \x1b[31mred\x1b[0m </td></tr>" in rationales
    assert data["improvement_plan"][0]["issue"] == f"Issue {NASTY}"
    products = {p["id"]: p for p in data["communication"]["products"]}
    assert products["P2"]["text"] == f"Product {NASTY} \x1b]0;title\x07"
    assert products["P3"]["note"] == f"Note {NASTY}"


# -- golden files and the schema ------------------------------------------------------------


def _normalise(text: str, last_hash: str) -> str:
    return text.replace(last_hash, "<hash>").replace(last_hash[:16], "<hash>")


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_golden(hand, fmt: str) -> None:
    actual = _normalise(render(hand, fmt), hand.overview.last_hash)
    path = GOLDEN / f"debrief-hand.{fmt}"
    if os.environ.get("EXERCISE_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with EXERCISE_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


def test_json_matches_its_schema(hand, nasty) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(report_schema())
    for report in (hand, nasty):
        validator.validate(json.loads(render(report, "json")))
        validator.validate(report_data(report))


def test_documented_schema_is_current() -> None:
    path = DOCS / "debrief-schema.json"
    if os.environ.get("EXERCISE_UPDATE_GOLDEN"):
        path.write_text(schema_text(), encoding="utf-8")
    assert path.read_text(encoding="utf-8") == schema_text()


# -- HTML as a document ------------------------------------------------------------------------


def test_html_is_self_contained_and_printable(hand) -> None:
    html = render(hand, "html")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html
    assert "url(" not in html and "@import" not in html
    assert "Content-Security-Policy" in html
    assert "@media print" in html and "break-before: page" in html
    assert html.count('<section class="pillar') == 6
    assert html.count("<svg") >= 3  # expected-actions bars, an indicator, the escalation strip
    assert "DRAFT" in html


def test_final_report_is_not_a_draft(tmp_path: Path) -> None:
    events = [*HAND_EVENTS, NewEvent(3600, Kind.REPORT_FINAL, "lead", {"by": "A. Jansen"})]
    report = _report(write_journal(tmp_path / "final.db", events))
    assert report.overview.status == "final"
    assert report.overview.final_by == "A. Jansen"
    assert "FINAL" in render(report, "md") and "DRAFT:" not in render(report, "md")
    assert "watermark" not in render(report, "html").split("</style>")[1]


def test_session_date_is_in_the_scenario_time_zone_and_language(tmp_path: Path) -> None:
    # STARTED_WALL is 08:00 UTC; a scenario that starts in UTC+01:00 was played at 09:00 there
    scenario = copy.deepcopy(HAND_SCENARIO)
    scenario["start"] = "2027-01-15T09:00:00+01:00"
    path = write_journal(tmp_path / "zone.db", scenario=scenario)
    with Journal.open(path, readonly=True) as journal:
        dutch = build_report(journal, lang="nl").overview
        english = build_report(journal, lang="en").overview
    assert dutch.session_date == "vrijdag 15 januari 2027 09:00 (UTC+01:00)"
    assert english.session_date == "Friday 15 January 2027 09:00 (UTC+01:00)"
    assert dutch.scenario_start == dutch.session_date  # T+0 as the author wrote it
