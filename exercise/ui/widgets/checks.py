"""Radio buttons and check lists that show their state by shape, not only by colour (a
projector washes colours out), and radio buttons whose label wraps instead of being cut:
a player reads the whole option before choosing it."""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.content import Content, ContentText
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.widgets import Checkbox, RadioButton, SelectionList
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import SelectionType

RADIO_ON, RADIO_OFF = "●", "○"
CHECK_ON, CHECK_OFF = "✓", " "
_GUTTER = 4  # "▐●▌ ": the button and one space


class OptionButton(RadioButton):
    """A radio button with a full label, wrapped under itself (a hanging indent)."""

    DEFAULT_CSS = """
    OptionButton {
        width: 1fr;
        height: auto;
    }
    """

    def __init__(self, label: ContentText = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(label, *args, **kwargs)
        self._option_text = Content.from_text(label).rstrip()  # every line, not the first

    @property
    def label(self) -> Content:
        """The whole label (a radio button keeps only its first line)."""
        return self._option_text

    @label.setter
    def label(self, label: ContentText) -> None:
        self._option_text = Content.from_text(label).rstrip()
        self.refresh(layout=True)

    def button(self) -> Content:
        """The button, chosen or not by its shape: ● or ○ (drawn as a toggle button's)."""
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background, background=self.background_colors[1])
        return Content.assemble(
            (self.BUTTON_LEFT, side_style),
            (RADIO_ON if self.value else RADIO_OFF, button_style),
            (self.BUTTON_RIGHT, side_style),
        )

    def _lines(self, width: int) -> list[Content]:
        label_style = self.get_visual_style("toggle--label")
        label = self._option_text.stylize_before(label_style)
        room = max(8, width - _GUTTER - 1)
        lines: list[Content] = []
        for part in label.split("\n"):
            lines += part.wrap(room) or [Content("")]
        return lines or [Content("")]

    def render(self) -> Content:
        lines = self._lines(self.content_size.width or 80)
        first = Content.assemble(self.button(), " ", lines[0], " ")
        rest = [Content.assemble(" " * _GUTTER, line) for line in lines[1:]]
        return Content("\n").join([first, *rest])

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))


class CheckList(SelectionList[SelectionType]):
    """A selection list whose ticked entries show a tick and unticked ones an empty box."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        # A selection list draws its entries' buttons as a checkbox's (the same inner mark).
        if len(segments) < 4 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        mark = CHECK_ON if selection.value in self.selected else CHECK_OFF
        segments[1] = Segment(mark, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)
