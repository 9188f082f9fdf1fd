"""Scrolling widgets that grow without a new layout of the whole screen.

A widget's virtual (scrollable) size is a layout property in Textual: every line written to
the feed and every row added to a table would lay out the whole screen again, which on a
large MSEL costs tens of milliseconds each time. These widgets sit in fixed grid cells, so
their virtual size only moves their own scrollbars: that is all a change does here. A
scrollbar that appears or disappears still asks for a layout (its own property does), and
Textual then fits the scrollbars itself.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget

QUIET_VIRTUAL_SIZE: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=True)


def _needs_bar(overflow: str, virtual: int, room: int) -> bool:
    return overflow == "scroll" or (overflow == "auto" and virtual > room)


def scrollbars_follow(widget: Widget, size: Size) -> None:
    """Bring the widget's scrollbars in line with a new virtual size (a repaint, no layout
    unless a scrollbar appears or disappears)."""
    if not widget.is_mounted or not widget.container_size:
        return
    styles = widget.styles
    width, height = widget.container_size
    vertical = _needs_bar(styles.overflow_y, size.height, height)
    horizontal = _needs_bar(styles.overflow_x, size.width, width)
    if (vertical, horizontal) != (widget.show_vertical_scrollbar, widget.show_horizontal_scrollbar):
        widget.show_vertical_scrollbar = vertical
        widget.show_horizontal_scrollbar = horizontal
        return
    if vertical and styles.scrollbar_size_vertical:
        bar = widget.vertical_scrollbar
        bar.window_virtual_size = size.height
        bar.window_size = height - widget.scrollbar_size_horizontal
        bar.refresh()
    if horizontal and styles.scrollbar_size_horizontal:
        bar = widget.horizontal_scrollbar
        bar.window_virtual_size = size.width
        bar.window_size = width - widget.scrollbar_size_vertical
        bar.refresh()
    widget.scroll_x = widget.validate_scroll_x(widget.scroll_x)  # within the new size
    widget.scroll_y = widget.validate_scroll_y(widget.scroll_y)
