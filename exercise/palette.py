"""Textual's command palette, speaking the user's language.

Textual 8.2.8 takes the palette's placeholder as an argument but writes "No matches found"
in a method of its own; this subclass repeats that method with the words translated
(Textual is pinned exactly, and the UI tests open the palette in each language).
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from .language import text


class Palette(CommandPalette):
    def __init__(self, lang: str) -> None:
        super().__init__(placeholder=text(lang, "Search for commands…"), id="--command-palette")
        self.no_matches = text(lang, "No matches found")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # (an empty search lists every command: nothing to say)
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(self.no_matches, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
