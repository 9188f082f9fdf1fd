"""Showing scenario, catalogue and player text literally.

Text from files and players may hold Rich markup (`[bold red]`), links or terminal escape
sequences. Everything shown on a terminal passes through `clean` (control characters
removed) and is wrapped in a `rich.text.Text`, which Rich never parses as markup.
"""

from __future__ import annotations

import re

from rich.text import Text

# ESC-led sequences (CSI, OSC, ...), then any other C0/C1 control character but tab and newline
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -~])?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str, single_line: bool = False) -> str:
    """Remove terminal escape sequences and control characters; optionally fold newlines."""
    text = _CONTROLS.sub("", _ESCAPES.sub("", text))
    if single_line:
        text = " ".join(text.split())
    return text


def literal(text: str, style: str = "", single_line: bool = False) -> Text:
    """A Rich Text that shows `text` exactly, markup and all, minus control characters."""
    return Text(clean(text, single_line=single_line), style=style)
