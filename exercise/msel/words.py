"""The fixed words of MSEL spreadsheets and handouts, in English and Dutch, in one table.

`COLUMNS` names each MSEL column as the export writes it; `HEADERS` holds the header
names the import recognises for each field (the export's own words among them), `HEADINGS`
the words of the printed handouts. Dutch follows the terminology of DOMAIN.md (inject,
oefenleiding, responscel, uiterste tijd, besluit, ...).
"""

from __future__ import annotations

import re

from ..language import N_, text

# field -> (English, Dutch): the export's column headers, in the export's order
COLUMNS: dict[str, tuple[str, str]] = {
    "number": ("#", "#"),
    "id": ("ID", "ID"),
    "time": ("Time", "Tijd"),
    "when": ("Condition", "Voorwaarde"),
    "after": ("Delay", "Vertraging"),
    "released": ("Released by", "Vrijgegeven door"),
    "phase": ("Phase", "Fase"),
    "from": ("From", "Van"),
    "to": ("To", "Aan"),
    "method": ("Method", "Middel"),
    "title": ("Subject", "Onderwerp"),
    "text": ("Text", "Tekst"),
    "media_kind": ("Media kind", "Soort media-item"),
    "outlet": ("Outlet", "Titel of kanaal"),
    "reach": ("Reach", "Bereik"),
    "people": ("People reached", "Bereikte personen"),
    "prompt": ("Decision", "Besluit"),
    "decider": ("Decided by", "Besluit door"),
    "options": ("Options", "Opties"),
    "deadline": ("Deadline", "Uiterste tijd"),
    "expected": ("Expected action", "Verwachte actie"),
    "pillars": ("Pillars", "Pijlers"),
    "nato": ("NATO requirements", "NAVO-basisvereisten"),
    "domains": ("Hybrid domains", "Hybride domeinen"),
    "attribution": ("Attribution", "Toeschrijving"),
    "severity": ("Severity", "Ernst"),
    "source": ("Source", "Bron"),
    "contingency": ("Contingency", "Reserve-inject"),
    "notes": ("Controller notes", "Notities oefenleiding"),
}

# Other header names seen in MSELs, per field (compared after `header_key`)
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": (
        "no",
        "nr",
        "number",
        "inject",
        "inject no",
        "inject number",
        "serial",
        "nummer",
        "volgnummer",
        "injectnummer",
        "msel",
        "msel no",
    ),
    "time": (
        "real time",
        "scenario time",
        "time (scenario)",
        "timing",
        "h",
        "tijdstip",
        "moment",
        "send time",
        "planned time",
        "geplande tijd",
        "tijd (scenario)",
        "start",
        "starttijd",
        "datetime",
    ),
    "day": ("day", "dag"),
    "from": (
        "sender",
        "afzender",
        "simulated sender",
        "gesimuleerde afzender",
        "source (from)",
        "originator",
    ),
    "to": (
        "player",
        "players",
        "recipient",
        "recipients",
        "team",
        "teams",
        "audience",
        "ontvanger",
        "ontvangers",
        "speler",
        "spelers",
        "aan (speler)",
        "doelgroep",
        "player(s)",
    ),
    "method": (
        "means",
        "delivery",
        "method of delivery",
        "channel",
        "type",
        "inject type",
        "methode",
        "kanaal",
        "medium",
        "wijze",
        "soort",
    ),
    "title": ("title", "synopsis", "event", "titel", "gebeurtenis", "inject title", "samenvatting"),
    "text": (
        "script",
        "message",
        "inject text",
        "content",
        "tekst",
        "bericht",
        "inhoud",
        "berichttekst",
        "injecttekst",
        "details",
    ),
    "story_time": (
        "date",
        "datum",
        "story time",
        "in-story time",
        "scenario date",
        "scenariodatum",
        "tijd in het scenario",
    ),
    "expected": (
        "expected actions",
        "expected player action",
        "expected player actions",
        "expected response",
        "expectation",
        "verwachte acties",
        "verwachte handeling",
        "verwachte reactie",
        "verwachting",
    ),
    "objective": (
        "objective",
        "objectives",
        "capability",
        "doel",
        "doelen",
        "oefendoel",
        "oefendoelen",
    ),
    "notes": (
        "notes",
        "remarks",
        "comments",
        "controller notes",
        "evaluator notes",
        "opmerkingen",
        "notities",
        "toelichting",
        "aantekeningen",
        "description",
    ),
    "options": ("poll", "choices", "keuzes", "keuzemogelijkheden"),
    "pillars": ("pillar", "pijler"),
    "media_kind": ("media type", "media item", "soort media", "mediatype"),
    "outlet": ("media outlet", "news outlet", "mediatitel"),
    "reach": ("reach (1-5)", "media reach", "bereik (1-5)"),
    "people": ("people", "number of people", "personen", "aantal personen", "bereikte mensen"),
}

_SPACES = re.compile(r"[\s_]+")


def header_key(text: str) -> str:
    """A header cell as compared: lowercase, single spaces, no trailing colon or dot."""
    return _SPACES.sub(" ", text).strip().strip(":.").strip().casefold()


def _headers() -> dict[str, tuple[str, str]]:
    """header -> (field, language of the word: en, nl or '' for both)"""
    out: dict[str, tuple[str, str]] = {}
    for field, (en, nl) in COLUMNS.items():
        out[header_key(en)] = (field, "en" if en != nl else "")
        out.setdefault(header_key(nl), (field, "nl" if en != nl else ""))
    dutch = {
        "nummer",
        "volgnummer",
        "injectnummer",
        "tijdstip",
        "geplande tijd",
        "dag",
        "afzender",
        "ontvanger",
        "ontvangers",
        "speler",
        "spelers",
        "doelgroep",
        "methode",
        "kanaal",
        "wijze",
        "soort",
        "titel",
        "gebeurtenis",
        "samenvatting",
        "tekst",
        "bericht",
        "inhoud",
        "berichttekst",
        "injecttekst",
        "datum",
        "scenariodatum",
        "verwachte acties",
        "verwachte handeling",
        "verwachte reactie",
        "verwachting",
        "doel",
        "doelen",
        "oefendoel",
        "oefendoelen",
        "opmerkingen",
        "notities",
        "toelichting",
        "aantekeningen",
        "keuzes",
        "keuzemogelijkheden",
        "pijler",
        "starttijd",
        "tijd (scenario)",
        "gesimuleerde afzender",
        "aan (speler)",
        "tijd in het scenario",
        "soort media",
        "mediatitel",
        "bereik (1-5)",
        "personen",
        "aantal personen",
        "bereikte mensen",
    }
    for field, names in _SYNONYMS.items():
        for name in names:
            key = header_key(name)
            out.setdefault(key, (field, "nl" if key in dutch else ""))
    return out


HEADERS: dict[str, tuple[str, str]] = _headers()

# Words in a method cell -> the scenario's method (first match wins; compared casefolded)
METHOD_WORDS: tuple[tuple[str, str], ...] = (
    ("nl-alert", "nl-alert"),
    ("sitrep", "sitrep"),
    ("situatierapport", "sitrep"),
    ("email", "email"),
    ("mail", "email"),
    ("sms", "phone"),
    ("phone", "phone"),
    ("telephone", "phone"),
    ("call", "phone"),
    ("telefoon", "phone"),
    ("bel", "phone"),
    ("news", "news"),
    ("nieuws", "news"),
    ("press", "news"),
    ("pers", "news"),
    ("social", "social"),
    ("sociale media", "social"),
    ("twitter", "social"),
    ("tweet", "social"),
    ("briefing", "briefing"),
    ("brief", "briefing"),
)

# Fixed words written into imported scenarios and handouts: key -> (English, Dutch)
WORDS: dict[str, str] = {
    "phase.exercise": N_("Exercise"),
    "yes": N_("yes"),
    "no": N_("no"),
    "msel.title": N_("MSEL"),
    "msel.sheet": N_("MSEL"),
    "handbook.title": N_("Controller and evaluator handbook"),
    "simcell.title": N_("Simulation cell script"),
    "player.title": N_("Player handout"),
    "cards.title": N_("Inject cards"),
    "objectives": N_("Objectives"),
    "objective": N_("Objective"),
    "notes": N_("Controller notes"),
    "playbook": N_("Playbook"),
    "measure": N_("Measure"),
    "indicators": N_("Indicators"),
    "method.sheet": N_("Method in the sheet"),
    "capability": N_("Capability"),
    "target": N_("Capability target"),
    "pillar": N_("Pillar"),
    "contingencies": N_("Contingency injects"),
    "evaluation": N_("Evaluation guide"),
    "rating": N_("Rating"),
    "observations": N_("Observations"),
    "expected": N_("Expected actions"),
    "rating.P": N_("P: performed without challenges"),
    "rating.S": N_("S: performed with some challenges"),
    "rating.M": N_("M: performed with major challenges"),
    "rating.U": N_("U: unable to be performed"),
    "background": N_("Background"),
    "threat": N_("Threat"),
    "roles": N_("Roles"),
    "phases": N_("Phases"),
    "rules": N_("Rules of play"),
    "rules.text": N_(
        "Stay in your role. Act on the information you receive, as you would in a real "
        "crisis. Record each decision and the reason for it. Ask exercise control when "
        "something is unclear; never ask a simulated sender outside the exercise. The "
        "exercise ends when exercise control says so."
    ),
    "sender": N_("Simulated sender"),
    "say": N_("What to say"),
    "cue": N_("Cue"),
    "cue.time": N_("at {time}"),
    "cue.when": N_("when: {condition}"),
    "cue.after": N_("{delay} after that"),
    "cue.released": N_("when {inject} is decided: {option}"),
    "cue.fired": N_("when exercise control fires it"),
    "cue.contingency": N_("contingency: only when exercise control asks"),
    "decision": N_("Decision"),
    "deadline": N_("Deadline"),
    "options": N_("Options"),
    "to": N_("To"),
    "from": N_("From"),
    "method": N_("Method"),
    "time": N_("Time"),
    "inject": N_("Inject"),
    "page": N_("page"),
    "start": N_("Start"),
    "duration": N_("Duration"),
    "level": N_("Threat level"),
    "your_role": N_("Your role"),
    "no_simcell": N_("No inject names a simulated sender."),
    "fill": N_("to be filled in by the evaluator"),
    "contents": N_("Contents"),
    "none": N_("none"),
    "media": N_("Media"),
    "media.reach": N_("reach {reach}/5"),
    "media.people": N_("{people} people"),
    "narratives": N_("Narratives"),
    "narrative.claim": N_("Claim"),
    "narrative.from": N_("Started by"),
    "narrative.start": N_("Reach at start (%)"),
    "narrative.growth": N_("Growth per hour (points)"),
    "narrative.ceiling": N_("Ceiling (%)"),
    "narrative.decline": N_("Decline per hour (points)"),
    "narrative.floor": N_("Floor (%)"),
    "narrative.every": N_("Step every"),
    "narrative.answered_by": N_("Answered by"),
    "narrative.effects": N_("Effects per point of reach"),
    "narrative.none": N_("The scenario has no narratives."),
    # an expected action in words, for the handbook (the MSEL keeps its notation)
    "expected.who": N_("{role}: {what}"),
    "expected.any": N_("any role that received it"),
    "expected.option": N_("chooses “{label}” ({option})"),
    "expected.measure": N_("takes the measure “{title}” ({measure})"),
    "expected.within": N_("within {duration}"),
    "expected.objective": N_("objective {objective}"),
    "product.with": N_("{product} with: {elements}"),
    "product.any": N_("a communication product"),
    "product.press-release": N_("a press release"),
    "product.nl-alert": N_("an NL-Alert"),
    "product.social-post": N_("a social media post"),
    "product.press-line": N_("a line for the press conference"),
    "product.core-message": N_("a core message"),
    "product.parliament-letter": N_("a letter to parliament"),
    "product.sector-message": N_("a message to a sector"),
}


def word(key: str, lang: str) -> str:
    return text(lang, WORDS[key])


def column(field: str, lang: str) -> str:
    """A column's header in `lang`. English and Dutch are COLUMNS' own, which the import
    recognises (an exported sheet must import again); another language's come from its
    catalogue."""
    en, nl = COLUMNS[field]
    if lang in ("en", "nl"):
        return nl if lang == "nl" else en
    return text(lang, en)


# The column headers as messages of the catalogue.
_COLUMN_MESSAGES = (
    N_("#"),
    N_("ID"),
    N_("Time"),
    N_("Condition"),
    N_("Delay"),
    N_("Released by"),
    N_("Phase"),
    N_("From"),
    N_("To"),
    N_("Method"),
    N_("Subject"),
    N_("Text"),
    N_("Media kind"),
    N_("Outlet"),
    N_("Reach"),
    N_("People reached"),
    N_("Decision"),
    N_("Decided by"),
    N_("Options"),
    N_("Deadline"),
    N_("Expected action"),
    N_("Pillars"),
    N_("NATO requirements"),
    N_("Hybrid domains"),
    N_("Attribution"),
    N_("Severity"),
    N_("Source"),
    N_("Contingency"),
    N_("Controller notes"),
)
