"""The role picker: every tab (the console and each role) in one list, filtered by typing.

Whatever the number of roles, any panel is one key (and a few letters) away. The picker
returns the tab's index (0 for the console) or None when it is closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...safetext import clean
from .. import i18n


@dataclass(frozen=True, slots=True)
class PickerEntry:
    index: int  # the tab's index: 0 the console, 1 the first role
    key: str  # its F-key, or ""
    short: str  # the tab label (NCTV)
    title: str  # the role's title
    open: int = 0  # open decisions
    unread: int = 0  # injects not yet read in the panel

    def matches(self, words: list[str]) -> bool:
        haystack = f"{self.short} {self.title}".casefold()
        return all(word in haystack for word in words)


class RolePicker(i18n.TranslatedBindings, ModalScreen[int | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key.cancel"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pagedown", "move(8)", show=False),
        Binding("pageup", "move(-8)", show=False),
    ]

    def __init__(self, entries: list[PickerEntry], current: int, lang: str) -> None:
        super().__init__(classes="dialog-screen")
        self.entries = entries
        self.current = current
        self.lang = lang
        self.shown: list[PickerEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Static(
                Text(i18n.tr("picker.title", self.lang), style="bold"), classes="dialog-title"
            )
            yield Input(placeholder=i18n.tr("picker.filter", self.lang), id="picker-filter")
            yield OptionList(id="picker-list")
            yield Static(
                Text(i18n.tr("picker.hint", self.lang), style="dim"), classes="picker-hint"
            )

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#picker-filter", Input).focus()

    def _prompt(self, entry: PickerEntry) -> Text:
        """`F5  NKC       ● 1 open  • 2 unread  NKC crisis communication`: the key, the tab's
        name and the counts line up; the title comes last and wraps if it must."""
        width = max((len(e.short) for e in self.entries), default=4)
        text = Text(f"{entry.key:>4} ", style="dim")
        text.append(clean(entry.short, single_line=True).ljust(width), style="bold")
        if entry.open:
            text.append(
                "  ● " + i18n.tr("picker.open", self.lang, count=entry.open), style="bold yellow"
            )
        if entry.unread:
            text.append(
                "  • " + i18n.tr("picker.unread", self.lang, count=entry.unread), style="cyan"
            )
        if entry.title and entry.title != entry.short:
            text.append("  " + clean(entry.title, single_line=True))
        return text

    def _fill(self, query: str) -> None:
        words = query.casefold().split()
        self.shown = [e for e in self.entries if e.matches(words)]
        listing = self.query_one("#picker-list", OptionList)
        listing.clear_options()
        if not self.shown:
            listing.add_option(
                Option(Text(i18n.tr("picker.none", self.lang), style="dim"), disabled=True)
            )
            return
        listing.add_options(Option(self._prompt(e)) for e in self.shown)
        indexes = [e.index for e in self.shown]
        listing.highlighted = indexes.index(self.current) if self.current in indexes else 0

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one("#picker-list", OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, position: int | None) -> None:
        if position is None or not 0 <= position < len(self.shown):
            return
        self.dismiss(self.shown[position].index)

    def action_move(self, step: int) -> None:
        listing = self.query_one("#picker-list", OptionList)
        if not self.shown:
            return
        now = listing.highlighted if listing.highlighted is not None else 0
        listing.highlighted = max(0, min(len(self.shown) - 1, now + step))

    def action_close(self) -> None:
        self.dismiss(None)
