"""What the HTML and the Markdown templates are both given, besides the report and its
words: the report's own phrases and the helpers that say one fact for every format.
Each renderer adds what only its format needs (charts, escaping helpers)."""

from __future__ import annotations

from typing import Any

from ..model import CommsElement
from . import text as words_of
from .findings import finding_label
from .hotwash import NO_FEEDBACK, feedback_view
from .media import item_reach, share
from .plan import note_text, state_text
from .words import Words

# names from `text` every page uses
_FROM_TEXT = (
    "DECISIONS_NOTE",
    "DISRUPTIONS_NOTE",
    "DRAFT_NOTE",
    "HEADING",
    "MAX_TIMELINE_ROWS",
    "NARRATIVE_COLUMNS",
    "NO_RECOMMENDATIONS",
    "NOT_EXERCISED",
    "OBSERVATION_LABELS",
    "PRODUCT_COLUMNS",
    "REPORT_TITLE",
    "SECTIONS",
    "coordinated_text",
    "counts_text",
    "element_label",
    "in_force_text",
    "pauses_text",
    "pillar_label",
    "pillar_titles",
    "product_state",
    "timeline_more",
    "unreadable_text",
)


def product_elements(row: Any, w: Words) -> str:
    """The elements a communication product carries, by their short names."""
    return ", ".join(w(words_of.ELEMENT_SHORT.get(e, e)) for e in row.elements)


def shared(*more_from_text: str) -> dict[str, Any]:
    """The globals both formats' templates get, with `more_from_text` names of `text`."""
    found: dict[str, Any] = {name: getattr(words_of, name) for name in _FROM_TEXT}
    found.update({name: getattr(words_of, name) for name in more_from_text})
    found.update(
        ELEMENT_COLUMNS=[words_of.ELEMENT_SHORT[e.value] for e in CommsElement],
        NO_FEEDBACK=NO_FEEDBACK,
        feedback_view=feedback_view,
        finding_label=finding_label,
        item_reach=item_reach,
        note_text=note_text,
        product_elements=product_elements,
        share=share,
        state_text=state_text,
    )
    return found


def page_words(w: Any) -> dict[str, Any]:
    """The report's labels by code, in its language (`w`: the format's words)."""
    return {
        "kinds": {kind: w(label) for kind, label in words_of.KIND_LABELS.items()},
        "statuses": {status: w(label) for status, label in words_of.STATUS_LABELS.items()},
        "finding_kinds": {"strength": w("Strength"), "improvement": w("Area for improvement")},
    }
