"""The words of the event describer: every template, and `render` in a language.

Each line the describer makes is an English template with named placeholders (what a
gettext msgid looks like) plus its parameters. Every template lives here, so that they
can move into a message catalogue as they are. A parameter that is itself one of our
words (an expected action's status, a phase change's cause, an observation's kind, a
pillar's short name) is a `Word`, translated when the line is rendered; every other
parameter (scenario and player text, ids, times) is put in as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from ..language import N_, text


class Word(str):
    """A parameter that is one of our words: translated, unlike scenario or player text."""

    __slots__ = ()


class Line(NamedTuple):
    """One described event: an English template and the values for its placeholders."""

    template: str
    params: Mapping[str, object]


# -- templates, by kind ----------------------------------------------------------------------

SESSION_STARTED = N_("Session started: {title}")
SESSION_RESUMED = N_("Session resumed from the journal")
SESSION_ENDED = N_("Session ended: {reason}")
PHASE_ENTERED = N_("Phase {title} ({level}) entered ({cause})")
INJECT_DELIVERED = N_("“{title}” delivered to {to}")
INJECT_SCHEDULED = N_("“{title}” due at {due}")
INJECT_HELD = N_("“{title}” held")
INJECT_UNHELD = N_("“{title}” released from hold")
DECISION_OPENED = N_("Decision on “{title}” open for {role}")
DECISION_OPENED_DEADLINE = N_("Decision on “{title}” open for {role}, deadline {time}")
DECISION_TAKEN = N_("{role} decided “{title}”: {option}")
DECISION_MISSED = N_("{role} missed the deadline of “{title}”")
DECISION_MISSED_DEFAULT = N_("{role} missed the deadline of “{title}”; default applied: {option}")
INDICATOR_CHANGED = N_("{title} {delta} to {value}")
EXPECTED_SETTLED = N_("Expected action {index} of “{title}”: {status}")
MEASURE_TAKEN = N_("{role} took measure “{title}”")
MEASURE_LIFTED = N_("{role} lifted measure “{title}”")
MEASURE_LIFTED_INFORMED = N_("{role} lifted measure “{title}” and accounted for it")
SELF_DECISION = N_("{role} decided on own initiative: {text}")
OBSERVATION = N_("Observation ({pillar}, {kind}): {text}")
PAUSED = N_("Clock paused")
RESUMED = N_("Clock running again")
SPEED_SET = N_("Speed set to x{speed}")
JUMPED = N_("Clock moved to {time}")
COMMAND_REJECTED = N_("{actor}: {command} rejected: {reason}")
PRODUCT_SUBMITTED = N_("{role} submitted {kind} {product} to {approver} for approval: {text}")
PRODUCT_APPROVED = N_("{by} approved {product}")
PRODUCT_RETURNED = N_("{by} returned {product}: {note}")
PRODUCT_ISSUED = N_("{role} issued {kind} {product} for {audience}: {text}")
PRODUCT_ISSUED_APPROVED = N_(
    "{role} issued {kind} {product} for {audience}, approved by {by}: {text}"
)
RATING = N_("Rated {scope} {target}: {rating}")
IP_ROW = N_("Improvement item added: {issue}")
EXPECTED_JUDGED = N_("Expected action {index} of “{title}” judged {status}")
PARTICIPANT = N_("Participant for {role}: {name}")
REPORT_FINAL = N_("Report marked final by {by}")
WITHDRAWN = N_("{ref} withdrawn: {reason}")
IP_UPDATE = N_("{ref} followed up ({status}): {note}")
FINDING_JUDGED = N_("Computed finding {verdict}: {key}")
FEEDBACK = N_("Feedback from {role}")
NARRATIVE_STARTED = N_("Narrative “{claim}” started by “{title}”: reach {reach}%")
NARRATIVE_REACH = N_("Narrative “{claim}” reach {reach}% ({delta})")
NARRATIVE_ANSWERED = N_("{role} answered the narrative “{claim}” with product {product}")
UNKNOWN = "{kind}"  # a kind this version does not know (a journal from a newer one)

# Our own words a line takes as parameters (`Word`, translated when it is rendered), marked
# here for the catalogue: a status, a phase change's cause, an observation's kind, what a
# rating is of. (The pillars' short names are marked in PILLAR_SHORT.)
WORD_PARAMS: tuple[str, ...] = (
    N_("met"),
    N_("late"),
    N_("missed"),
    N_("start"),
    N_("time"),
    N_("strength"),
    N_("improvement"),
    N_("note"),
    N_("pillar"),
    N_("objective"),
    N_("open"),
    N_("in progress"),
    N_("done"),
    N_("cancelled"),
    N_("unchanged"),
    N_("accepted"),
    N_("edited"),
    N_("dropped"),
)


# A communication product's kind as a line names it, mid-sentence (`Word`): lower case
# where the language writes it so ("issued press release P1"), unlike the kind's label,
# which heads a form or a table column.
PRODUCT_KIND_IN_LINE: Mapping[str, str] = {
    "press-release": N_("press release"),
    "nl-alert": N_("NL-Alert"),
    "social-post": N_("social media post"),
    "press-line": N_("press conference line"),
    "core-message": N_("core message"),
    "parliament-letter": N_("letter to parliament"),
    "sector-message": N_("message to a sector"),
}


# Pillars by their short names, as a line names them (`Word`: translated when rendered).
PILLAR_SHORT: Mapping[str, str] = {
    "vital-processes": N_("Vital processes"),
    "resilient-society": N_("Resilient society"),
    "democracy-rule-of-law": N_("Democracy & rule of law"),
    "resilient-economy": N_("Resilient economy"),
    "territorial-defence": N_("Territorial defence"),
    "civil-military-support": N_("Civil support to the military"),
}


def render(line: Line, lang: str) -> str:
    """The line in `lang` (through the language layer); a `Word` parameter is translated
    too, every other one is put in as it is: a `{` in a parameter stays a `{`."""
    if not line.params:
        return text(lang, line.template)
    values = {
        key: text(lang, value) if type(value) is Word else value
        for key, value in line.params.items()
    }
    return text(lang, line.template, **values)
