"""The report's templates escape by construction: a value holding HTML, template syntax,
control characters and Markdown punctuation is written literally in HTML and Markdown,
wherever it appears; and the templates are package files the environment finds."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from debrief_journals import write_journal

from exercise.debrief import build_report, render, render_comparison
from exercise.debrief.comparison import compare
from exercise.debrief.report import Report
from exercise.debrief.templating import html_environment
from exercise.journal import Journal

# HTML, Jinja2's own syntax, a terminal escape, a bidirectional override, Markdown
HOSTILE = (
    '<script>alert("x")</script> {{ 7 * 191 }} {% if true %}IF{% endif %} {# c #} '
    "\x1b[31mred\x1b[0m \u202eevil **bold** _em_ | pipe | [a](http://evil.test) `code`"
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Report:
    path = write_journal(tmp_path_factory.mktemp("hand") / "hand.db")
    with Journal.open(path, readonly=True) as journal:
        report = build_report(journal)
    timeline = [dataclasses.replace(row, text=f"{row.text} {HOSTILE}") for row in report.timeline]
    overview = dataclasses.replace(
        report.overview, scenario_title=f"Title {HOSTILE}", description=HOSTILE
    )
    return dataclasses.replace(report, overview=overview, timeline=timeline)


def test_html_writes_hostile_values_literally(hostile: Report) -> None:
    html = render(hostile, "html")
    assert "<script" not in html
    assert "{{ 7 * 191 }}" in html and "1337" not in html.split("</style>")[1]
    assert "{% if true %}IF{% endif %}" in html and "{# c #}" in html
    assert "\x1b" not in html and "\u202e" not in html
    assert r"\x1b[31mred\x1b[0m" in html and r"\u202eevil" in html
    shown = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"
    assert html.count(shown) >= len(hostile.timeline) + 2  # every row, the title, the scope
    assert "**bold** _em_ | pipe | [a](http://evil.test) `code`" in html


def test_html_comparison_writes_hostile_values_literally(hostile: Report) -> None:
    html = render_comparison(compare([hostile, hostile]), "html")
    assert "<script" not in html and "{{ 7 * 191 }}" in html and "\x1b" not in html


def test_the_templates_load_through_the_package() -> None:
    env = html_environment()
    assert env.autoescape is True
    for name in ("html/report.j2", "html/comparison.j2", "html/macros.j2", "report.css"):
        assert env.get_template(name) is env.get_template(name)  # compiled once, kept
    folder = Path(__file__).resolve().parent.parent / "exercise" / "debrief" / "templates"
    assert (folder / "report.css").is_file()


def test_markdown_writes_hostile_values_literally(hostile: Report) -> None:
    md = render(hostile, "md")
    assert "<script" not in md and "\x1b" not in md and "\u202e" not in md
    assert "{{ 7 \\* 191 }}" in md and "1337" not in md
    assert "{% if true %}IF{% endif %} {# c #}" in md
    assert r"\\x1b\[31mred" in md and r"\\u202eevil" in md
    literal = r"\*\*bold\*\* \_em\_ \| pipe \| \[a\](http://evil.test) \`code\`"
    assert md.count(literal) >= len(hostile.timeline) + 2  # every row, the title, the scope
    assert md.count('&lt;script&gt;alert("x")&lt;/script&gt;') >= len(hostile.timeline) + 2
    # the tables keep their shape: every timeline row has its four cells
    rows = [line for line in md.splitlines() if line.startswith("| T+") and "1337" not in line]
    assert rows and all(line.count(" | ") == 3 for line in rows if "{{ 7" in line)


def test_markdown_comparison_writes_hostile_values_literally(hostile: Report) -> None:
    md = render_comparison(compare([hostile, hostile]), "md")
    assert "<script" not in md and "{{ 7 \\* 191 }}" in md and "\x1b" not in md


def test_markdown_templates_escape_by_construction() -> None:
    from exercise.debrief.templating import MarkdownText, markdown_environment

    env = markdown_environment()
    page = env.from_string("{{ value }}|{{ fragment }}")
    out = page.render(value="**x** <b>", fragment=MarkdownText("**x**"))
    assert out == r"\*\*x\*\* &lt;b&gt;|**x**"
