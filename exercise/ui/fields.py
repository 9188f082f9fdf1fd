"""Text fields and the screen's chords: escape leaves a field.

In a text field the field keeps its own chords (ctrl+a and ctrl+e move the cursor, as in
every terminal), so a command on one of those keys (ctrl+e ends the session, ctrl+a
sends an ad-hoc inject) does not act there. Escape leaves the field, to the tab strip of
the tabs around it (or to `fallback`), where every chord of the screen works again; the
footer shows that key only while the focus is in a field.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widget import Widget
from textual.widgets import Input, TabbedContent, Tabs, TextArea

LEAVE_FIELD = "leave_field"  # the action, bound to escape


def in_text_field(app: App[Any]) -> bool:
    return isinstance(app.focused, (Input, TextArea))


def leave_text_field(app: App[Any], fallback: Widget | None = None) -> None:
    """Take the focus out of the text field that has it: to the nearest tab strip around
    it (the panel's own keys keep working there), else to `fallback`, else nowhere."""
    focused = app.focused
    if not isinstance(focused, (Input, TextArea)):
        return
    around = next((w for w in focused.ancestors if isinstance(w, TabbedContent)), None)
    strips = around.query(Tabs) if around is not None else None
    if strips:
        strips.first().focus()  # its own strip comes before the panes, in the DOM's order
    elif fallback is not None and fallback.focusable:
        fallback.focus()
    else:
        app.screen.set_focus(None)
