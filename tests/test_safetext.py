"""Text from scenarios, catalogues and players is shown literally on the terminal."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from exercise.safetext import clean, literal


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
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b[2J\x1b[Hcleared", "cleared"),
        ("\x1b]0;title\x07after", "after"),  # OSC: set the window title
        ("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "link"),  # OSC 8 hyperlink
        ("bell\x07", "bell"),
        ("back\x08space", "backspace"),
        ("carriage\rreturn", "carriagereturn"),
        ("null\x00byte", "nullbyte"),
        ("del\x7fete", "delete"),
        ("c1\x9bcontrol", "c1control"),
        ("tab\tkept", "tab\tkept"),
        ("Crisis – überall ✓", "Crisis – überall ✓"),
    ],
)
def test_escape_sequences_and_controls_removed(raw: str, shown: str) -> None:
    assert clean(raw) == shown
    assert literal(raw).plain == shown


@pytest.mark.parametrize("raw", ["\x1bcreset", "\x1b7saved\x1b8", "\x1b=keypad", "\x1b\x1b[31m"])
def test_no_escape_character_survives(raw: str) -> None:
    assert "\x1b" not in clean(raw)


def test_rendered_output_carries_no_escape_from_the_text() -> None:
    console = Console(record=True, width=100, force_terminal=True, color_system="truecolor")
    console.print(literal("\x1b]0;pwned\x07\x1b[31mhello"))
    assert "pwned" not in console.export_text()
    assert "\x1b]0;" not in console.export_text(styles=True)


def test_newlines_kept_unless_single_line() -> None:
    assert clean("first line\nsecond line") == "first line\nsecond line"
    assert clean("first line\n  second\tline\n", single_line=True) == "first line second line"
    assert literal("a\nb", single_line=True).plain == "a b"
    assert literal("a\nb").plain == "a\nb"
