"""The fixed words of MSEL spreadsheets and handouts, in English and Dutch, in one table.

`COLUMNS` names each MSEL column as the export writes it; `HEADERS` holds the header
names the import recognises for each field (the export's own words among them), `HEADINGS`
the words of the printed handouts. Dutch follows the terminology of DOMAIN.md (inject,
oefenleiding, responscel, uiterste tijd, besluit, ...).
"""

from __future__ import annotations

import re

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
WORDS: dict[str, tuple[str, str]] = {
    "phase.exercise": ("Exercise", "Oefening"),
    "yes": ("yes", "ja"),
    "no": ("no", "nee"),
    "msel.title": ("MSEL", "MSEL (draaiboek oefenleiding)"),
    "msel.sheet": ("MSEL", "MSEL"),
    "handbook.title": ("Controller and evaluator handbook", "Handboek oefenleiding en evaluatoren"),
    "simcell.title": ("Simulation cell script", "Draaiboek responscel"),
    "player.title": ("Player handout", "Spelershandleiding"),
    "cards.title": ("Inject cards", "Injectkaarten"),
    "objectives": ("Objectives", "Oefendoelen"),
    "objective": ("Objective", "Oefendoel"),
    "notes": ("Controller notes", "Notities oefenleiding"),
    "playbook": ("Playbook", "Draaiboek"),
    "measure": ("Measure", "Maatregel"),
    "indicators": ("Indicators", "Indicatoren"),
    "method.sheet": ("Method in the sheet", "Middel in het blad"),
    "capability": ("Capability", "Capaciteit"),
    "target": ("Capability target", "Capaciteitsdoel"),
    "pillar": ("Pillar", "Pijler"),
    "contingencies": ("Contingency injects", "Reserve-injects"),
    "evaluation": ("Evaluation guide", "Evaluatiegids"),
    "rating": ("Rating", "Beoordeling"),
    "observations": ("Observations", "Waarnemingen"),
    "expected": ("Expected actions", "Verwachte acties"),
    "rating.P": ("P: performed without challenges", "P: uitgevoerd zonder knelpunten"),
    "rating.S": ("S: performed with some challenges", "S: uitgevoerd met enkele knelpunten"),
    "rating.M": ("M: performed with major challenges", "M: uitgevoerd met grote knelpunten"),
    "rating.U": ("U: unable to be performed", "U: niet uitgevoerd"),
    "background": ("Background", "Achtergrond"),
    "threat": ("Threat", "Dreiging"),
    "roles": ("Roles", "Rollen"),
    "phases": ("Phases", "Fases"),
    "rules": ("Rules of play", "Spelregels"),
    "rules.text": (
        "Stay in your role. Act on the information you receive, as you would in a real "
        "crisis. Record each decision and the reason for it. Ask exercise control when "
        "something is unclear; never ask a simulated sender outside the exercise. The "
        "exercise ends when exercise control says so.",
        "Blijf in uw rol. Handel naar de informatie die u ontvangt, zoals u in een echte "
        "crisis zou doen. Leg elk besluit en de reden ervan vast. Vraag de oefenleiding als "
        "iets onduidelijk is, nooit een gesimuleerde afzender buiten de oefening. De "
        "oefening eindigt wanneer de oefenleiding dat zegt.",
    ),
    "sender": ("Simulated sender", "Gesimuleerde afzender"),
    "say": ("What to say", "Wat u zegt"),
    "cue": ("Cue", "Aanleiding"),
    "cue.time": ("at {time}", "om {time}"),
    "cue.when": ("when: {condition}", "wanneer: {condition}"),
    "cue.after": ("{delay} after that", "{delay} daarna"),
    "cue.released": (
        "when {inject} is decided: {option}",
        "wanneer over {inject} besloten is: {option}",
    ),
    "cue.fired": ("when exercise control fires it", "wanneer de oefenleiding het afvuurt"),
    "cue.contingency": (
        "contingency: only when exercise control asks",
        "reserve: alleen op verzoek van de oefenleiding",
    ),
    "decision": ("Decision", "Besluit"),
    "deadline": ("Deadline", "Uiterste tijd"),
    "options": ("Options", "Opties"),
    "to": ("To", "Aan"),
    "from": ("From", "Van"),
    "method": ("Method", "Middel"),
    "time": ("Time", "Tijd"),
    "inject": ("Inject", "Inject"),
    "page": ("page", "pagina"),
    "start": ("Start", "Start"),
    "duration": ("Duration", "Duur"),
    "level": ("Threat level", "Dreigingsniveau"),
    "your_role": ("Your role", "Uw rol"),
    "no_simcell": (
        "No inject names a simulated sender.",
        "Geen inject noemt een gesimuleerde afzender.",
    ),
    "fill": ("to be filled in by the evaluator", "in te vullen door de evaluator"),
    "contents": ("Contents", "Inhoud"),
    "none": ("none", "geen"),
}


def word(key: str, lang: str) -> str:
    en, nl = WORDS[key]
    return nl if lang == "nl" else en


def column(field: str, lang: str) -> str:
    en, nl = COLUMNS[field]
    return nl if lang == "nl" else en
