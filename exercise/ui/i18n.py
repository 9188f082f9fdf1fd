"""The words of the user interface, in English and Dutch.

UI strings live in one table, looked up with `tr(key, lang, **values)`. Scenario text is
never in this table: it is localised with `exercise.model.localize` (the chosen language
when the scenario carries it, else as written). Doctrine names come from the enums'
own labels, or the short forms below where a screen has no room for the full name.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .. import keys
from ..language import default_language
from ..model import Method, Scenario, localize

# key: (English, Dutch). Values use str.format fields.
STRINGS: dict[str, tuple[str, str]] = {
    # tabs, panels
    "tab.console": ("Facilitator", "Facilitator"),
    "panel.msel": ("MSEL", "MSEL"),
    "panel.decisions": ("Decisions", "Besluiten"),
    "panel.indicators": ("Indicators", "Indicatoren"),
    "panel.feed": ("Live feed", "Logboek"),
    "role.inbox": ("Inbox", "Inbox"),
    "role.initiative": ("Own initiative", "Eigen initiatief"),
    "role.measures": ("Measures", "Maatregelen"),
    "role.history": ("History", "Historie"),
    "role.no_injects": ("Nothing received yet.", "Nog niets ontvangen."),
    "role.heading": ("Role: {title}", "Rol: {title}"),
    "role.level": ("escalation level {level}", "escalatieniveau {level}"),
    # header
    "status.running": ("RUNNING", "LOOPT"),
    "status.paused": ("PAUSED", "GEPAUZEERD"),
    "status.ended": ("ENDED", "BEËINDIGD"),
    "status.stopped": ("STOPPED", "GESTOPT"),
    "status.speed": ("x{speed}", "x{speed}"),
    # bindings and commands
    "key.quit": ("Quit", "Stop"),
    "key.pause": ("Pause", "Pauze"),
    "key.faster": ("Speed", "Tempo"),
    "key.slower": ("Slower", "Trager"),
    "key.next": ("Next", "Volgende"),
    "key.fire": ("Fire", "Afvuren"),
    "key.hold": ("Hold", "Vast"),
    "key.adhoc": ("Ad hoc", "Ad hoc"),
    "key.observe": ("Observe", "Noteer"),
    "key.end": ("End", "Einde"),
    "key.console": ("Console", "Console"),
    "key.next_tab": ("Next tab", "Volgende tab"),
    "key.prev_tab": ("Previous tab", "Vorige tab"),
    "key.cancel": ("Cancel", "Annuleren"),
    "key.yes": ("Yes", "Ja"),
    "key.no": ("No", "Nee"),
    "key.palette": ("commands", "opdrachten"),
    "key.decide": ("Decide", "Besluiten"),
    "cmd.pause": ("Pause or run the clock", "Klok pauzeren of laten lopen"),
    "cmd.faster": ("Faster clock", "Klok sneller"),
    "cmd.slower": ("Slower clock", "Klok trager"),
    "cmd.next": ("Jump to the next inject", "Naar de volgende inject"),
    "cmd.fire": ("Fire the selected inject now", "Gekozen inject nu afvuren"),
    "cmd.hold": ("Hold or release the selected inject", "Gekozen inject vasthouden of vrijgeven"),
    "cmd.adhoc": ("Ad-hoc inject", "Ad-hoc inject"),
    "cmd.observe": ("Observation", "Observatie"),
    "cmd.end": ("End the session", "De sessie beëindigen"),
    "cmd.console": ("Show the facilitator console", "Toon de facilitatorconsole"),
    "cmd.quit": ("Quit (the session can be resumed)", "Stoppen (de sessie kan worden hervat)"),
    "cmd.pause.help": (
        "Stop or restart the scenario clock",
        "De scenarioklok stilzetten of weer starten",
    ),
    "cmd.faster.help": ("Raise the clock speed", "De klok sneller laten lopen"),
    "cmd.slower.help": ("Lower the clock speed", "De klok langzamer laten lopen"),
    "cmd.next.help": (
        "Move the clock to the next inject that is due",
        "De klok naar de volgende inject zetten",
    ),
    "cmd.fire.help": (
        "Deliver the inject selected in the MSEL now",
        "De in de MSEL gekozen inject nu afleveren",
    ),
    "cmd.hold.help": (
        "Hold the selected inject, or release it",
        "De gekozen inject vasthouden, of weer vrijgeven",
    ),
    "cmd.adhoc.help": ("Write and send an ad-hoc inject", "Een ad-hoc inject schrijven en sturen"),
    "cmd.observe.help": (
        "Record an observation for the debrief",
        "Een observatie vastleggen voor de nabespreking",
    ),
    "cmd.end.help": (
        "End the session (asks for confirmation)",
        "De sessie beëindigen (vraagt om bevestiging)",
    ),
    "cmd.quit.help": (
        "Leave now; the session can be resumed from its journal",
        "Nu afsluiten; de sessie kan vanuit het journaal worden hervat",
    ),
    "cmd.role": ("Show role: {title}", "Toon rol: {title}"),
    "cmd.role.help": ("The role player panel of {title}", "Het spelerspaneel van {title}"),
    "cmd.console.help": ("The facilitator console", "De facilitatorconsole"),
    # help
    "key.help": ("Help", "Hulp"),
    "key.close": ("Close", "Sluiten"),
    "cmd.help": ("Keys of this screen (help)", "Toetsen van dit scherm (hulp)"),
    "cmd.help.help": (
        "Every key of the screen in front, and what it does",
        "Elke toets van het scherm dat voor staat, en wat hij doet",
    ),
    "help.console": ("Keys: the facilitator console", "Toetsen: de facilitatorconsole"),
    "help.role": ("Keys: the panel of {title}", "Toetsen: het paneel van {title}"),
    "help.dialog": ("Keys: this dialog", "Toetsen: dit venster"),
    "help.screen.ConfirmScreen": ("Keys: a question", "Toetsen: een vraag"),
    "help.screen.AdhocScreen": ("Keys: the ad-hoc inject", "Toetsen: de ad-hoc inject"),
    "help.screen.ObservationScreen": ("Keys: the observation", "Toetsen: de observatie"),
    "help.screen.RolePicker": ("Keys: the role list", "Toetsen: de rollenlijst"),
    "help.col.key": ("Key", "Toets"),
    "help.col.does": ("Does", "Doet"),
    "help.none": ("No keys of its own.", "Geen eigen toetsen."),
    "help.general": (
        "Everywhere: tab and shift+tab move between fields, arrows move in a list or "
        "table, space or enter chooses; the mouse works too. ctrl+p lists every command. "
        "Commands that change the session are ctrl-chords only, never a letter; those "
        "that cannot be undone ask first, and only ctrl+y (or a click on the button) "
        "confirms.",
        "Overal: tab en shift+tab gaan naar het volgende en vorige veld, de pijltjes "
        "bewegen in een lijst of tabel, spatie of enter kiest; de muis werkt ook. ctrl+p "
        "toont elke opdracht. Opdrachten die de sessie veranderen zijn alleen "
        "ctrl-combinaties, nooit een letter; wat niet terug kan vraagt eerst, en alleen "
        "ctrl+y (of een klik op de knop) bevestigt.",
    ),
    "help.close": ("escape closes", "escape sluit"),
    # MSEL
    "msel.col.n": ("#", "#"),
    "msel.col.time": ("Time", "Tijd"),
    "msel.col.inject": ("Inject", "Inject"),
    "msel.col.to": ("To", "Aan"),
    "msel.col.status": ("Status", "Status"),
    "msel.delivered": ("delivered", "afgeleverd"),
    "msel.upcoming": ("upcoming", "gepland"),
    "msel.held": ("HELD", "VASTGEHOUDEN"),
    "msel.scheduled": ("scheduled", "ingepland"),
    "msel.conditional": ("conditional", "voorwaardelijk"),
    "msel.waiting": ("on release", "na vrijgave"),
    "msel.adhoc": ("ad hoc", "ad hoc"),
    "msel.holds": ("holds", "geldt"),
    "msel.not_holds": ("does not hold", "geldt niet"),
    "msel.when": (
        "when {condition} ({holds}), after {after}",
        "als {condition} ({holds}), na {after}",
    ),
    "msel.released_by": ("released by {sources}", "vrijgegeven door {sources}"),
    "msel.expected": ("expected", "verwacht"),
    "msel.notes": ("notes", "notities"),
    "msel.from": ("from", "van"),
    "msel.contingency": ("contingency", "terugvaloptie"),
    "msel.none_selected": ("No inject selected.", "Geen inject gekozen."),
    "msel.within": ("within {within}", "binnen {within}"),
    # decisions
    "dec.col.role": ("Role", "Rol"),
    "dec.col.inject": ("Inject", "Inject"),
    "dec.col.left": ("Left", "Resterend"),
    "dec.col.status": ("Status", "Status"),
    "dec.open": ("open", "open"),
    "dec.missed": ("MISSED", "GEMIST"),
    "dec.taken": ("✓ taken", "✓ genomen"),
    "dec.col.choice": ("Choice", "Keuze"),
    "dec.default": ("default {option}", "standaard {option}"),
    # decision form
    "form.decision": ("Decision", "Besluit"),
    "form.deadline_left": ("Deadline in {left}", "Deadline over {left}"),
    "form.deadline_passed": ("The deadline has passed", "De deadline is verstreken"),
    "form.no_deadline": ("No deadline", "Geen deadline"),
    "form.rationale": ("Rationale (optional)", "Onderbouwing (optioneel)"),
    "form.submit": ("Submit decision", "Besluit versturen"),
    "form.pick_option": ("Choose an option first.", "Kies eerst een optie."),
    "form.submitting": ("Submitting…", "Bezig met versturen…"),
    "form.taken": ("Decided at {time}: {option}", "Besloten om {time}: {option}"),
    "form.missed": (
        "The deadline passed at {time}; the default applied: {option}",
        "De deadline verstreek om {time}; de standaardkeuze gold: {option}",
    ),
    "form.missed_no_default": (
        "The deadline passed at {time}; no decision was recorded",
        "De deadline verstreek om {time}; er is geen besluit vastgelegd",
    ),
    "form.confirm": (
        "Submit this decision on “{title}”?\n\n{option}",
        "Dit besluit over “{title}” versturen?\n\n{option}",
    ),
    "form.decided_by": ("{role} decides on this inject.", "{role} besluit over deze inject."),
    "form.rejected": ("Not accepted: {reason}", "Niet geaccepteerd: {reason}"),
    "inbox.received": ("received {time}", "ontvangen {time}"),
    # own initiative
    "init.text": ("What do you decide?", "Wat besluit u?"),
    "init.pillars": ("Pillars", "Pijlers"),
    "init.comms": ("Communication", "Communicatie"),
    "init.submit": ("Record decision", "Besluit vastleggen"),
    "init.confirm": ("Record this decision?\n\n{text}", "Dit besluit vastleggen?\n\n{text}"),
    "init.empty": ("Write the decision first.", "Schrijf eerst het besluit."),
    # measures
    "meas.col.measure": ("Measure", "Maatregel"),
    "meas.col.from": ("From", "Vanaf"),
    "meas.col.status": ("Status", "Status"),
    "meas.available": ("available", "beschikbaar"),
    "meas.locked": ("from {level}", "vanaf {level}"),
    "meas.taken": ("taken {time}", "genomen {time}"),
    "meas.in_force": ("in force since {time}", "van kracht sinds {time}"),
    "meas.lifted": ("lifted {time}", "ingetrokken {time}"),
    "meas.none": ("No measures for this role.", "Geen maatregelen voor deze rol."),
    "meas.not_available": (
        "Not available at the current escalation level.",
        "Niet beschikbaar op het huidige escalatieniveau.",
    ),
    "meas.hint": (
        "Enter takes the selected measure, or lifts one in force.",
        "Enter neemt de gekozen maatregel, of trekt een maatregel in die van kracht is.",
    ),
    # history
    "hist.col.time": ("Time", "Tijd"),
    "hist.col.what": ("What", "Wat"),
    "hist.decided": ("decided “{title}”: {option}", "besloot “{title}”: {option}"),
    "hist.missed": ("missed “{title}”", "miste “{title}”"),
    "hist.missed_default": (
        "missed “{title}”; default: {option}",
        "miste “{title}”; standaard: {option}",
    ),
    "hist.self": ("own initiative: {text}", "eigen initiatief: {text}"),
    "hist.measure": ("measure: {title}", "maatregel: {title}"),
    # ad-hoc composer
    "adhoc.heading": ("Ad-hoc inject", "Ad-hoc inject"),
    "adhoc.title": ("Title", "Titel"),
    "adhoc.text": ("Text", "Tekst"),
    "adhoc.to": ("Recipients", "Ontvangers"),
    "adhoc.pillars": ("Pillars", "Pijlers"),
    "adhoc.sender": ("From (optional)", "Afzender (optioneel)"),
    "adhoc.send": ("Send", "Versturen"),
    "adhoc.need_title": ("Give the inject a title.", "Geef de inject een titel."),
    "adhoc.need_text": ("Write the inject's text.", "Schrijf de tekst van de inject."),
    "adhoc.need_to": ("Choose at least one recipient.", "Kies minstens één ontvanger."),
    # observation
    "obs.heading": ("Observation", "Observatie"),
    "obs.pillar": ("Pillar", "Pijler"),
    "obs.objective": ("Objective (optional)", "Doelstelling (optioneel)"),
    "obs.kind": ("Kind", "Soort"),
    "obs.strength": ("Strength", "Sterk punt"),
    "obs.improvement": ("Area for improvement", "Verbeterpunt"),
    "obs.note": ("Note", "Notitie"),
    "obs.text": ("Observation", "Observatie"),
    "obs.save": ("Save", "Opslaan"),
    "obs.need_pillar": ("Choose a pillar.", "Kies een pijler."),
    "obs.need_text": ("Write the observation.", "Schrijf de observatie."),
    # forms: saving, and problems next to their field
    "key.save": ("Save", "Opslaan"),
    "form.required": ("Required: fill this in.", "Verplicht: vul dit in."),
    "form.too_long": ("Too long: at most {max} characters.", "Te lang: hoogstens {max} tekens."),
    "form.choose": ("Choose one of the options.", "Kies een van de mogelijkheden."),
    "form.not_accepted": (
        "This value is not accepted here.",
        "Deze waarde wordt hier niet geaccepteerd.",
    ),
    # ad-hoc injects from a template, with a decision
    "adhoc.template": (
        "Start from a catalogue template (optional)",
        "Beginnen met een sjabloon uit de catalogus (optioneel)",
    ),
    "adhoc.template_filter": (
        "Filter: part of an id, title or pillar; enter takes the first",
        "Filter: deel van id, titel of pijler; enter neemt de eerste",
    ),
    "adhoc.no_templates": (
        "This session has no catalogue templates: write the inject below.",
        "Deze sessie heeft geen sjablonen uit de catalogus: schrijf de inject hieronder.",
    ),
    "adhoc.template_none_match": ("No template matches.", "Geen sjabloon komt overeen."),
    "adhoc.template_used": (
        "Filled from template {id}; every field can still be changed.",
        "Ingevuld uit sjabloon {id}; elk veld is nog te wijzigen.",
    ),
    "adhoc.decide": ("Ask a decision of one recipient", "Een besluit vragen van één ontvanger"),
    "adhoc.decider": ("Who decides", "Wie besluit"),
    "adhoc.prompt": ("Question (optional)", "Vraag (optioneel)"),
    "adhoc.options": (
        "Options, one per line (at least two)",
        "Opties, één per regel (minstens twee)",
    ),
    "adhoc.deadline": ("Deadline after delivery", "Termijn na ontvangst"),
    "adhoc.default": ("Default at the deadline", "Standaard bij de termijn"),
    "adhoc.no_default": ("(no default)", "(geen standaard)"),
    "adhoc.need_decider": ("Choose who decides.", "Kies wie besluit."),
    "adhoc.decider_not_to": (
        "Who decides must be one of the recipients.",
        "Wie besluit moet een van de ontvangers zijn.",
    ),
    "adhoc.need_options": (
        "Give at least two options, one per line.",
        "Geef minstens twee opties, één per regel.",
    ),
    "adhoc.same_options": (
        "Two options have the same text.",
        "Twee opties hebben dezelfde tekst.",
    ),
    "adhoc.bad_deadline": (
        "Not a duration: write for example 10m, 1h30m or T+00:10 (empty: no deadline).",
        "Geen tijdsduur: schrijf bijvoorbeeld 10m, 1h30m of T+00:10 (leeg: geen termijn).",
    ),
    "adhoc.default_needs_deadline": (
        "A default applies when the deadline passes: give a deadline too.",
        "Een standaard geldt als de termijn verstrijkt: geef ook een termijn.",
    ),
    # observations: the seat observed and the root cause
    "obs.objective_first": ("Choose a pillar first", "Kies eerst een pijler"),
    "obs.seat": ("Seat observed (optional)", "Waargenomen rol (optioneel)"),
    "obs.root_cause": ("Root cause (optional)", "Oorzaak (optioneel)"),
    "obs.need_kind": (
        "Choose strength, area for improvement or note.",
        "Kies sterk punt, verbeterpunt of notitie.",
    ),
    # taking a measure: what it is and why now
    "meas.heading": ("Take a measure", "Een maatregel nemen"),
    "meas.take": ("Take measure", "Maatregel nemen"),
    "meas.rationale": (
        "Rationale: why this measure, why now (optional)",
        "Onderbouwing: waarom deze maatregel, waarom nu (optioneel)",
    ),
    "lift.heading": ("Lift a measure", "Een maatregel intrekken"),
    "lift.take": ("Lift measure", "Maatregel intrekken"),
    "lift.rationale": (
        "Rationale: why it can end now (optional)",
        "Onderbouwing: waarom die nu kan eindigen (optioneel)",
    ),
    "lift.informed": (
        "Accounted for to parliament or the council",
        "Verantwoord aan het parlement of de gemeenteraad",
    ),
    "meas.no_description": (
        "The scenario gives no description of this measure.",
        "Het scenario geeft geen beschrijving van deze maatregel.",
    ),
    # confirmations and notices
    "confirm.end": (
        "End the session for everyone?\n\nThe clock stops for good; open decisions stay "
        "open and expected actions that were not done count as missed.",
        "De sessie voor iedereen beëindigen?\n\nDe klok stopt definitief; open besluiten "
        "blijven open en verwachte acties die niet zijn gedaan tellen als gemist.",
    ),
    "confirm.fire": ("Deliver “{title}” now?", "“{title}” nu afleveren?"),
    "confirm.next": (
        "Move the clock to the next inject, at {time}?",
        "De klok naar de volgende inject zetten, om {time}?",
    ),
    "confirm.next.missed": (
        "These decisions are still open and will be missed (their defaults apply):",
        "Deze besluiten staan nog open en worden gemist (hun standaardkeuze geldt):",
    ),
    "confirm.next.decision": (
        "  {role} “{title}”: {left} left",
        "  {role} “{title}”: nog {left}",
    ),
    "notice.phase_pause": (
        "A new phase began: the clock is paused (ctrl+t runs it).",
        "Een nieuwe fase is begonnen: de klok staat stil (ctrl+t laat hem lopen).",
    ),
    "notice.rejected": ("Not done: {reason}", "Niet gedaan: {reason}"),
    "notice.recorded": ("Recorded in the journal.", "Vastgelegd in het journaal."),
    "notice.ended": (
        "The session has ended. Journal: {path}",
        "De sessie is beëindigd. Journaal: {path}",
    ),
    "stopped.title": (
        "NOT RECORDED: the session has stopped",
        "NIET VASTGELEGD: de sessie is gestopt",
    ),
    "stopped.text": (
        "The journal could not record what happened last:\n{error}\n\n"
        "The screen behind this one shows the session as the journal holds it, up to "
        "{time}; decisions and commands after that were not recorded and count for nothing. "
        "Fix the cause (make room on the disk), then continue with:\n\n"
        "    exercise resume {path}\n\nctrl+q leaves.",
        "Het journaal kon het laatste niet vastleggen:\n{error}\n\n"
        "Het scherm hierachter toont de sessie zoals het journaal die bevat, tot {time}; "
        "besluiten en opdrachten daarna zijn niet vastgelegd en tellen niet mee. "
        "Verhelp de oorzaak (maak ruimte op de schijf) en ga verder met:\n\n"
        "    exercise resume {path}\n\nctrl+q sluit af.",
    ),
    "exit.not_recorded": (
        "not recorded ({count}): {commands}",
        "niet vastgelegd ({count}): {commands}",
    ),
    "notice.no_selection": (
        "Select an inject in the MSEL first.",
        "Kies eerst een inject in de MSEL.",
    ),
    "notice.not_scenario_inject": (
        "Only scenario injects can be fired or held.",
        "Alleen scenario-injects kunnen worden afgevuurd of vastgehouden.",
    ),
    "notice.speed_max": ("The clock runs at its fastest.", "De klok loopt al op zijn snelst."),
    "notice.speed_min": ("The clock runs at its slowest.", "De klok loopt al op zijn langzaamst."),
    "cmd.done.pause": ("clock paused", "klok gepauzeerd"),
    "cmd.done.resume": ("clock running", "klok loopt"),
    "cmd.done.set-speed": ("speed x{speed}", "snelheid x{speed}"),
    "cmd.done.jump-next": ("clock moved to the next inject", "klok naar de volgende inject"),
    "cmd.done.fire": ("inject delivered", "inject afgeleverd"),
    "cmd.done.hold": ("inject held", "inject vastgehouden"),
    "cmd.done.release": ("inject released", "inject vrijgegeven"),
    "cmd.done.adhoc": ("ad-hoc inject sent", "ad-hoc inject verstuurd"),
    "cmd.done.observe": ("observation saved", "observatie opgeslagen"),
    "cmd.done.end": ("session ended", "sessie beëindigd"),
    "cmd.done.decide": ("decision recorded", "besluit vastgelegd"),
    "cmd.done.self-decision": ("decision recorded", "besluit vastgelegd"),
    "cmd.done.take-measure": ("measure taken", "maatregel genomen"),
    # countdowns in scenario time and in real time
    "time.both": ("{left} ({real} real at x{speed})", "{left} ({real} echt bij x{speed})"),
    "time.both_paused": ("{left} (clock paused)", "{left} (klok gepauzeerd)"),
    "dec.col.real": ("Real", "Echt"),
    "dec.paused": ("paused", "pauze"),
    # navigation
    "key.roles": ("Roles", "Rollen"),
    "key.tab_inbox": ("Inbox", "Inbox"),
    "key.tab_initiative": ("Initiative", "Initiatief"),
    "key.tab_measures": ("Measures", "Maatregelen"),
    "key.tab_history": ("History", "Historie"),
    "cmd.roles": ("Pick a role", "Kies een rol"),
    "cmd.roles.help": (
        "A list of every role, to filter by typing",
        "Een lijst van alle rollen, te filteren door te typen",
    ),
    "cmd.next_tab": ("Next tab", "Volgende tab"),
    "cmd.next_tab.help": (
        "The next role's panel (after the last, the console)",
        "Het paneel van de volgende rol (na de laatste de console)",
    ),
    "cmd.prev_tab": ("Previous tab", "Vorige tab"),
    "cmd.prev_tab.help": (
        "The previous role's panel (before the first, the console)",
        "Het paneel van de vorige rol (voor de eerste de console)",
    ),
    "picker.title": ("Go to a role", "Naar een rol"),
    "picker.filter": ("Type to filter", "Typ om te filteren"),
    "picker.hint": (
        "enter shows the panel, escape closes",
        "enter toont het paneel, escape sluit",
    ),
    "picker.none": ("No role matches.", "Geen rol komt overeen."),
    "picker.open": ("{count} open", "{count} open"),
    "picker.unread": ("{count} unread", "{count} ongelezen"),
    "role.no_open": ("No open decision for this role.", "Geen open besluit voor deze rol."),
    "msel.to": ("to", "aan"),
    "msel.all_players": ("all players", "alle spelers"),
}

_PILLAR_SHORT = {
    "vital-processes": ("Vital processes", "Vitale processen"),
    "resilient-society": ("Resilient society", "Weerbare samenleving"),
    "democracy-rule-of-law": ("Democracy & rule of law", "Democratie en rechtsstaat"),
    "resilient-economy": ("Resilient economy", "Weerbare economie"),
    "territorial-defence": ("Territorial defence", "Verdediging grondgebied"),
    "civil-military-support": ("Civil support to the military", "Civiele steun krijgsmacht"),
}
_COMMS_SHORT = {
    "threat-info": ("Threat information", "Dreigingsinformatie"),
    "preparation-info": ("How we prepare", "Hoe we ons voorbereiden"),
    "action-perspective": ("Action perspective", "Handelingsperspectief"),
}
_WEEKDAYS = (
    ("Mon", "ma"),
    ("Tue", "di"),
    ("Wed", "wo"),
    ("Thu", "do"),
    ("Fri", "vr"),
    ("Sat", "za"),
    ("Sun", "zo"),
)
_MONTHS = (
    ("Jan", "jan"),
    ("Feb", "feb"),
    ("Mar", "mrt"),
    ("Apr", "apr"),
    ("May", "mei"),
    ("Jun", "jun"),
    ("Jul", "jul"),
    ("Aug", "aug"),
    ("Sep", "sep"),
    ("Oct", "okt"),
    ("Nov", "nov"),
    ("Dec", "dec"),
)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "nl" else pair[0]


def tr(key: str, lang: str, /, **values: object) -> str:
    """The UI string `key` in `lang`, with `values` filled in."""
    text = _pick(STRINGS[key], lang)
    return text.format(**values) if values else text


def pillar_name(pillar: str, lang: str) -> str:
    return _pick(_PILLAR_SHORT[pillar], lang) if pillar in _PILLAR_SHORT else pillar


def comms_name(element: str, lang: str) -> str:
    return _pick(_COMMS_SHORT[element], lang) if element in _COMMS_SHORT else element


def method_name(method: str, lang: str) -> str:
    try:
        return Method(method).label(lang)
    except ValueError:
        return method


def role_title(scenario: Scenario, role: str, lang: str) -> str:
    spec = scenario.role_map.get(role)
    return localize(spec.title, lang) if spec else role


def role_short(role: str) -> str:
    """A role's tab label: its id in capitals (NCTV, KGG): short enough for 80 columns."""
    return role.upper()


def speed_text(speed: float) -> str:
    return f"{speed:g}"


def calendar(scenario: Scenario, t: float, lang: str) -> str:
    """The calendar time at scenario time `t` (empty when the scenario has no start)."""
    if scenario.start is None:
        return ""
    when: datetime = scenario.start + timedelta(seconds=int(t))
    day = _pick(_WEEKDAYS[when.weekday()], lang)
    month = _pick(_MONTHS[when.month - 1], lang)
    return f"{day} {when.day} {month} {when.year} {when:%H:%M:%S}"


def countdown(seconds: float) -> str:
    """MM:SS (or H:MM:SS) left; never negative."""
    whole = max(0, int(seconds + 0.999))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def countdown_both(seconds: float, speed: float, paused: bool, lang: str) -> str:
    """Scenario time left and the real time it takes at the current speed:
    `15:00 (0:45 real at x20)`, or `15:00 (clock paused)`."""
    left = countdown(seconds)
    if paused:
        return tr("time.both_paused", lang, left=left)
    real = max(0.0, seconds) / speed if speed > 0 else 0.0
    return tr("time.both", lang, left=left, real=real_time(real), speed=speed_text(speed))


def real_time(seconds: float) -> str:
    """Wall time as M:SS (or H:MM:SS), rounded up: `0:45`, `7:30`, `1:30:00`."""
    whole = max(0, int(seconds + 0.999))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class TranslatedBindings(keys.TranslatedBindings):
    """Bindings described by this table's key words, in the instance's `lang` (see
    `exercise.keys`)."""

    WORDS = keys.KeyWords(STRINGS, tr, default_language)
