"""Text from scenarios, catalogues and players is shown literally on the terminal."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from exercise.safetext import clean, html_escape, literal


def rendered(renderable: object) -> str:
    console = Console(record=True, width=100, color_system="truecolor", force_terminal=True)
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize(
    "text",
    [
        "[bold red]x[/]",
        "[link=http://e]y[/link]",
        "[/]",
        "[blink]unclosed",
        ":warning: [i]emoji[/i]",
        "a [b]c[/b] d",
    ],
)
def test_markup_is_shown_literally(text: str) -> None:
    out = rendered(literal(text))
    assert text in out


def test_markup_would_otherwise_be_interpreted() -> None:
    # the same text passed as a plain string loses its brackets: what literal() prevents
    assert "[bold red]" not in rendered("[bold red]x[/]")


def test_literal_has_no_style_or_link_from_the_text() -> None:
    text = literal("[link=http://e]y[/link] [bold]z[/bold]")
    assert isinstance(text, Text)
    assert text.spans == []
    assert text.plain == "[link=http://e]y[/link] [bold]z[/bold]"


def test_literal_inside_tables_and_panels() -> None:
    table = Table()
    table.add_column("title")
    table.add_row(literal("[red]Deepfake[/red]"))
    assert "[red]Deepfake[/red]" in rendered(table)
    assert "[on blue]x[/]" in rendered(Panel(literal("[on blue]x[/]")))


def test_style_is_applied_to_the_whole_text() -> None:
    text = literal("[x]", style="bold")
    assert text.plain == "[x]"
    assert str(text.style) == "bold"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m", r"\x1b[31mred\x1b[0m"),
        ("\x1b[2J\x1b[Hcleared", r"\x1b[2J\x1b[Hcleared"),
        ("\x1b]0;title\x07after", r"\x1b]0;title\x07after"),  # OSC: set the window title
        ("\x1b]8;;http://evil\x1b\\link", r"\x1b]8;;http://evil\x1b\link"),  # OSC 8 link
        ("bell\x07", r"bell\x07"),
        ("back\x08space", r"back\x08space"),
        ("carriage\rreturn", r"carriage\x0dreturn"),
        ("null\x00byte", r"null\x00byte"),
        ("del\x7fete", r"del\x7fete"),
        ("c1\x9bcontrol", r"c1\x9bcontrol"),  # a raw 8-bit CSI
        ("next\x85line", r"next\x85line"),  # C1 NEL, which str.split() would take as a space
        ("form\x0cfeed\x0bvt", r"form\x0cfeed\x0bvt"),
        ("tab\tkept", "tab\tkept"),
        ("windows\r\nline end", "windows\nline end"),
        ("Crisis – überall ✓", "Crisis – überall ✓"),
    ],
)
def test_controls_shown_by_their_code(raw: str, shown: str) -> None:
    assert clean(raw) == shown
    assert literal(raw).plain == shown


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("admin\u202etxt.exe", r"admin\u202etxt.exe"),  # right-to-left override
        ("\u202a\u202b\u202c\u202d", r"\u202a\u202b\u202c\u202d"),
        ("\u2066a\u2067b\u2068c\u2069", r"\u2066a\u2067b\u2068c\u2069"),  # isolates
        ("\u200e\u200f\u061c", r"\u200e\u200f\u061c"),  # marks
        ("עברית and العربية", "עברית and العربية"),  # right-to-left text itself is kept
    ],
)
def test_bidirectional_controls_shown_by_their_code(raw: str, shown: str) -> None:
    assert clean(raw) == shown
    assert clean(raw, single_line=True) == shown


@pytest.mark.parametrize(
    "raw", ["\x1bcreset", "\x1b7saved\x1b8", "\x1b=keypad", "\x1b\x1b[31m", "\x9b31m", "\x07"]
)
def test_no_control_character_survives(raw: str) -> None:
    for shown in (clean(raw), clean(raw, single_line=True), clean(raw, layout=False)):
        assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in shown)


def test_nothing_is_removed() -> None:
    # every character is still there, visibly: a hostile text cannot hide part of itself
    raw = "a\x1b[8mhidden\x1b[0m"
    assert "hidden" in clean(raw)
    assert clean(raw).count("\\x1b") == 2


def test_layout_false_shows_tab_and_newline_too() -> None:
    assert clean("a\tb\nc", layout=False) == r"a\x09b\x0ac"
    assert clean("two  spaces", layout=False) == "two  spaces"


def test_rendered_output_carries_no_escape_from_the_text() -> None:
    console = Console(record=True, width=100, force_terminal=True, color_system="truecolor")
    console.print(literal("\x1b]0;pwned\x07\x1b[31mhello\u202e"))
    assert r"\x1b]0;pwned\x07" in console.export_text()
    styled = console.export_text(styles=True)
    assert "\x1b]0;" not in styled
    assert "\x07" not in styled
    assert "\u202e" not in styled


def test_html_escape_shows_controls_and_escapes_markup() -> None:
    assert html_escape("plain text") == "plain text"
    assert html_escape('<b a="1">&') == "&lt;b a=&quot;1&quot;&gt;&amp;"
    assert html_escape("\x1b]0;t\x07 \u202eabc") == r"\x1b]0;t\x07 \u202eabc"
    assert html_escape("line\nnext\ttab") == "line\nnext\ttab"


def test_newlines_kept_unless_single_line() -> None:
    assert clean("first line\nsecond line") == "first line\nsecond line"
    assert clean("first line\n  second\tline\n", single_line=True) == "first line second line"
    assert literal("a\nb", single_line=True).plain == "a b"
    assert literal("a\nb").plain == "a\nb"
