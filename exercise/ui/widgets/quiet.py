"""Scrolling widgets that grow without a new layout of the whole screen.

A widget's virtual (scrollable) size is a layout property in Textual: every line written to
the feed and every row added to a table would lay out the whole screen again, which on a
large MSEL costs tens of milliseconds each time. These widgets sit in fixed grid cells, so
their virtual size only moves their own scrollbars: that is all a change does here (a
scrollbar that appears or disappears still asks for a layout, through its own property).
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget

QUIET_VIRTUAL_SIZE: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=True)


def scrollbars_follow(widget: Widget, size: Size) -> None:
    """Bring the widget's scrollbars in line with a new virtual size (a repaint, no layout)."""
    if widget.is_mounted and widget.container_size:
        widget._scroll_update(size)
