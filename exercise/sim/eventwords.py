"""The words of the event describer: every template, the Dutch table, and `render`.

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


class Word(str):
    """A parameter that is one of our words: translated, unlike scenario or player text."""

    __slots__ = ()


class Line(NamedTuple):
    """One described event: an English template and the values for its placeholders."""

    template: str
    params: Mapping[str, object]


# -- templates, by kind ----------------------------------------------------------------------

SESSION_STARTED = "Session started: {title}"
SESSION_RESUMED = "Session resumed from the journal"
SESSION_ENDED = "Session ended: {reason}"
PHASE_ENTERED = "Phase {title} ({level}) entered ({cause})"
INJECT_DELIVERED = "“{title}” delivered to {to}"
INJECT_SCHEDULED = "“{title}” due at {due}"
INJECT_HELD = "“{title}” held"
INJECT_UNHELD = "“{title}” released from hold"
DECISION_OPENED = "Decision on “{title}” open for {role}"
DECISION_OPENED_DEADLINE = "Decision on “{title}” open for {role}, deadline {time}"
DECISION_TAKEN = "{role} decided “{title}”: {option}"
DECISION_MISSED = "{role} missed the deadline of “{title}”"
DECISION_MISSED_DEFAULT = "{role} missed the deadline of “{title}”; default applied: {option}"
INDICATOR_CHANGED = "{title} {delta} to {value}"
EXPECTED_SETTLED = "Expected action {index} of “{title}”: {status}"
MEASURE_TAKEN = "{role} took measure “{title}”"
MEASURE_LIFTED = "{role} lifted measure “{title}”"
MEASURE_LIFTED_INFORMED = "{role} lifted measure “{title}” and accounted for it"
SELF_DECISION = "{role} decided on own initiative: {text}"
OBSERVATION = "Observation ({pillar}, {kind}): {text}"
PAUSED = "Clock paused"
RESUMED = "Clock running again"
SPEED_SET = "Speed set to x{speed}"
JUMPED = "Clock moved to {time}"
COMMAND_REJECTED = "{actor}: {command} rejected: {reason}"
RATING = "Rated {scope} {target}: {rating}"
IP_ROW = "Improvement item added: {issue}"
EXPECTED_JUDGED = "Expected action {index} of “{title}” judged {status}"
PARTICIPANT = "Participant for {role}: {name}"
REPORT_FINAL = "Report marked final by {by}"
WITHDRAWN = "{ref} withdrawn: {reason}"
UNKNOWN = "{kind}"  # a kind this version does not know (a journal from a newer one)

# -- the Dutch table (the DOMAIN.md terms: logboek, besluit, uiterste tijd, waarneming) ------

NL: Mapping[str, str] = {
    SESSION_STARTED: "Sessie gestart: {title}",
    SESSION_RESUMED: "Sessie hervat vanuit het logboek",
    SESSION_ENDED: "Sessie beëindigd: {reason}",
    PHASE_ENTERED: "Fase {title} ({level}) ingegaan ({cause})",
    INJECT_DELIVERED: "“{title}” afgeleverd aan {to}",
    INJECT_SCHEDULED: "“{title}” gepland om {due}",
    INJECT_HELD: "“{title}” vastgehouden",
    INJECT_UNHELD: "“{title}” vrijgegeven",
    DECISION_OPENED: "Besluit over “{title}” open voor {role}",
    DECISION_OPENED_DEADLINE: "Besluit over “{title}” open voor {role}, uiterste tijd {time}",
    DECISION_TAKEN: "{role} besloot “{title}”: {option}",
    DECISION_MISSED: "{role} miste de uiterste tijd van “{title}”",
    DECISION_MISSED_DEFAULT: (
        "{role} miste de uiterste tijd van “{title}”; standaardkeuze toegepast: {option}"
    ),
    INDICATOR_CHANGED: "{title} {delta} naar {value}",
    EXPECTED_SETTLED: "Verwachte actie {index} van “{title}”: {status}",
    MEASURE_TAKEN: "{role} nam maatregel “{title}”",
    MEASURE_LIFTED: "{role} trok maatregel “{title}” in",
    MEASURE_LIFTED_INFORMED: (
        "{role} trok maatregel “{title}” in en legde er verantwoording over af"
    ),
    SELF_DECISION: "{role} besloot op eigen initiatief: {text}",
    OBSERVATION: "Waarneming ({pillar}, {kind}): {text}",
    PAUSED: "Klok gepauzeerd",
    RESUMED: "Klok loopt weer",
    SPEED_SET: "Tempo op x{speed} gezet",
    JUMPED: "Klok verzet naar {time}",
    COMMAND_REJECTED: "{actor}: {command} geweigerd: {reason}",
    RATING: "Beoordeeld: {scope} {target}: {rating}",
    IP_ROW: "Verbeterpunt toegevoegd: {issue}",
    EXPECTED_JUDGED: "Verwachte actie {index} van “{title}” beoordeeld als {status}",
    PARTICIPANT: "Deelnemer voor {role}: {name}",
    REPORT_FINAL: "Rapport definitief gemaakt door {by}",
    WITHDRAWN: "{ref} ingetrokken: {reason}",
    UNKNOWN: "{kind}",
    # words used as parameters
    "met": "gehaald",
    "late": "te laat",
    "missed": "gemist",
    "start": "start",
    "time": "tijd",
    "scenario time is up": "de scenariotijd is om",
    "ended by the facilitator": "beëindigd door de oefenleider",
    "strength": "sterk punt",
    "improvement": "verbeterpunt",
    "note": "notitie",
    "pillar": "pijler",
    "objective": "doelstelling",
    "Vital processes": "Vitale processen",
    "Resilient society": "Weerbare samenleving",
    "Democracy & rule of law": "Democratie en rechtsstaat",
    "Resilient economy": "Weerbare economie",
    "Territorial defence": "Verdediging grondgebied",
    "Civil support to the military": "Civiele steun krijgsmacht",
}

# A pillar's short name, as the feed shows it (the slug is the key).
PILLAR_SHORT: Mapping[str, str] = {
    "vital-processes": "Vital processes",
    "resilient-society": "Resilient society",
    "democracy-rule-of-law": "Democracy & rule of law",
    "resilient-economy": "Resilient economy",
    "territorial-defence": "Territorial defence",
    "civil-military-support": "Civil support to the military",
}


def render(line: Line, lang: str) -> str:
    """The line in `lang`: its template looked up (English is the template itself), then
    filled in. Only the template is parsed: a `{` in a parameter stays a `{`."""
    dutch = lang == "nl"
    template = NL[line.template] if dutch else line.template
    if not line.params:
        return template
    if dutch:
        values = {
            key: NL.get(value, value) if type(value) is Word else value
            for key, value in line.params.items()
        }
        return template.format_map(values)
    return template.format_map(line.params)
