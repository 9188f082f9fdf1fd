"""The Dutch of the report's own words, keyed by their English (see `words`).

Terms follow the Dutch crisis-management usage of the HSEEP material: evaluatie,
verbeterplan, waarneming, verbeterpunt, reactietijd.
"""

from __future__ import annotations

NL: dict[str, str] = {
    # title, status, sections
    "After-Action Report / Improvement Plan": "Evaluatierapport / Verbeterplan",
    "1. Exercise overview": "1. Overzicht van de oefening",
    "2. Executive summary": "2. Samenvatting voor de leiding",
    "3. Analysis per pillar": "3. Analyse per pijler",
    "4. NATO baseline requirements": "4. NAVO-basisvereisten",
    "5. Crisis communication": "5. Crisiscommunicatie",
    "6. Escalation": "6. Escalatie",
    "7. Improvement plan": "7. Verbeterplan",
    "Annex A. Timeline": "Bijlage A. Tijdlijn",
    "Annex B. Participants": "Bijlage B. Deelnemers",
    "Objectives": "Doelstellingen",
    "Injects delivered": "Afgeleverde injects",
    "Decisions": "Besluiten",
    "Expected actions": "Verwachte acties",
    "Contingency injects released": "Vrijgegeven reserve-injects",
    "Indicators": "Indicatoren",
    "Observations": "Waarnemingen",
    "Rating": "Oordeel",
    "Not exercised: no inject, decision, measure or observation touched this pillar.": (
        "Niet beoefend: geen inject, besluit, maatregel of waarneming raakte deze pijler."
    ),
    "not rated": "niet beoordeeld",
    "DRAFT: not yet validated by an evaluator.": (
        "CONCEPT: nog niet gevalideerd door een evaluator."
    ),
    # kinds, statuses, observation kinds
    "Decision": "Besluit",
    "Deadline missed": "Termijn verstreken",
    "Measure": "Maatregel",
    "Own initiative": "Eigen initiatief",
    "met": "gehaald",
    "late": "te laat",
    "missed": "gemist",
    "pending": "open",
    "Strengths": "Sterke punten",
    "Areas for improvement": "Verbeterpunten",
    "Notes": "Notities",
    "Strength": "Sterk punt",
    "Area for improvement": "Verbeterpunt",
    "Note": "Notitie",
    # capability elements (POETE)
    "Planning": "Planning",
    "Organisation": "Organisatie",
    "Equipment": "Uitrusting",
    "Training": "Training",
    "Exercise": "Oefening",
    # ratings and counts
    "{rating} (computed suggestion: {label})": "{rating} (berekende suggestie: {label})",
    "{rating} ({label})": "{rating} ({label})",
    "{rating} ({label}, by {by})": "{rating} ({label}, door {by})",
    "{met} met, {late} late, {missed} missed, {pending} pending": (
        "{met} gehaald, {late} te laat, {missed} gemist, {pending} open"
    ),
    # -- markdown, summary, timeline and comparison --
    "FINAL": "DEFINITIEF",
    "DRAFT": "CONCEPT",
    "validated by {by} on {at}.": "gevalideerd door {by} op {at}.",
    "Contents": "Inhoud",
    "Scenario id": "Scenario-id",
    "Date": "Datum",
    "Scenario time played": "Gespeelde scenariotijd",
    "{played} of {planned}": "{played} van {planned}",
    "Calendar time of T+0": "Kalendertijd van T+0",
    "not set": "niet opgegeven",
    "Session": "Sessie",
    " (did not reach its end)": " (niet tot het einde gespeeld)",
    "Handling": "Rubricering",
    "Status": "Status",
    "Journal": "Logboek",
    "{journal}, {events} events, last hash {hash}": (
        "{journal}, {events} gebeurtenissen, laatste hash {hash}"
    ),
    "Scope.": "Reikwijdte.",
    "Threat.": "Dreiging.",
    "Roles and participants": "Rollen en deelnemers",
    "Id": "Id",
    "Pillar": "Pijler",
    "Objective": "Doelstelling",
    "Capability target": "Capaciteitsdoel",
    "Role": "Rol",
    "Title": "Titel",
    "Kind": "Soort",
    "Participants": "Deelnemers",
    "Exercised": "Beoefend",
    "Evaluator rating": "Oordeel evaluator",
    "Computed suggestion": "Berekende suggestie",
    "yes": "ja",
    "not exercised": "niet beoefend",
    "Requirement": "Basisvereiste",
    "Injects": "Injects",
    "Measures": "Maatregelen",
    "Indicators (start → end)": "Indicatoren (begin → eind)",
    "the first inject with severity 4 or more ({inject}, {time})": (
        "het eerste inject met ernst 4 of hoger ({inject}, {time})"
    ),
    "the start of the session": "het begin van de sessie",
    "Time to the first message with an action perspective: {lag}": (
        "Tijd tot het eerste bericht met handelingsperspectief: {lag}"
    ),
    "from {start}, at {time} by {role}: {text}.": "na {start}, om {time} door {role}: {text}.",
    "Time to the first message with an action perspective: none": (
        "Tijd tot het eerste bericht met handelingsperspectief: geen"
    ),
    "(no decision, measure or own initiative carried one after {start}).": (
        "(geen besluit, maatregel of eigen initiatief bevatte er een na {start})."
    ),
    "Element": "Element",
    "Messages": "Berichten",
    "First": "Eerste",
    "Time": "Tijd",
    "What": "Wat",
    "Phase": "Fase",
    "Level": "Niveau",
    "Cause": "Aanleiding",
    "Recognition lag": "Herkenningstijd",
    "First fitting action": "Eerste passende actie",
    "Measures taken": "Genomen maatregelen",
    "From level": "Vanaf niveau",
    "Available since": "Beschikbaar sinds",
    "Delay": "Vertraging",
    "Ref": "Ref",
    "Capability": "Capaciteit",
    "Issue": "Knelpunt",
    "Corrective action": "Verbeteractie",
    "Capability element": "Capaciteitselement",
    "Responsible organisation": "Verantwoordelijke organisatie",
    "Point of contact": "Contactpersoon",
    "Start": "Start",
    "Due": "Uiterlijk",
    "Pillars": "Pijlers",
    "Event": "Gebeurtenis",
    "Deadlines missed": "Verstreken termijnen",
    "Median latency": "Mediane reactietijd",
    "Name": "Naam",
    "Generated from journal {journal} ({events} events). Computed suggestions are "
    "labelled as such; ratings are the evaluators' call.": (
        "Gemaakt uit logboek {journal} ({events} gebeurtenissen). Berekende suggesties zijn "
        "als zodanig aangeduid; het oordeel is aan de evaluatoren."
    ),
    "None.": "Geen.",
    "rating": "oordeel",
    "{injects} delivered, {decisions} taken (median latency {median}, longest "
    "{longest}), {deadlines} missed, {measures}, {own}; expected actions: {counts}.": (
        "{injects} afgeleverd, {decisions} genomen (mediane reactietijd {median}, langste "
        "{longest}), {deadlines} verstreken, {measures}, {own}; verwachte acties: {counts}."
    ),
    "Suggestion": "Suggestie",
    "Inject": "Inject",
    "To": "Aan",
    "Severity": "Ernst",
    "Option or text": "Optie of tekst",
    "Rationale": "Motivering",
    "Latency": "Reactietijd",
    "Expected": "Verwacht",
    "Outcome": "Uitkomst",
    "After delivery": "Na aflevering",
    "Indicator": "Indicator",
    "Lowest": "Laagste",
    "Highest": "Hoogste",
    "End": "Eind",
    "Over time (T+0 → end)": "Verloop (T+0 → eind)",
    " Root cause: {cause}": " Oorzaak: {cause}",
    ", seat {seat}": ", rol {seat}",
    "Evaluator": "Evaluator",
    "Computed suggestion: {rating} ({basis}).": "Berekende suggestie: {rating} ({basis}).",
    "Computed suggestion: none (no expected action was settled).": (
        "Berekende suggestie: geen (geen verwachte actie afgerond)."
    ),
    "Session comparison: {title}": "Vergelijking van sessies: {title}",
    # comparison
    "The sessions played different versions of the scenario (its frozen text "
    "differs): injects or options may have changed between them.": (
        "De sessies speelden verschillende versies van het scenario (de vastgelegde tekst "
        "verschilt): injects of opties kunnen tussen hen veranderd zijn."
    ),
    "Decisions taken": "Genomen besluiten",
    "Median decision latency": "Mediane reactietijd op besluiten",
    "Self-initiated decisions": "Besluiten op eigen initiatief",
    "{text} ({role}, after {latency})": "{text} ({role}, na {latency})",
    "left open": "open gelaten",
    "not delivered": "niet afgeleverd",
    "Sessions": "Sessies",
    "Sessions of the same scenario, side by side.": "Sessies van hetzelfde scenario, naast elkaar.",
    "Played": "Gespeeld",
    " (not ended)": " (niet beëindigd)",
    "First action-perspective message": "Eerste bericht met handelingsperspectief",
    "phase not reached": "fase niet bereikt",
    "not recognised": "niet herkend",
    "Phase-recognition lag: {phase}": "Herkenningstijd fase: {phase}",
    "Whole session": "Hele sessie",
    "Metric": "Maat",
    "Per pillar": "Per pijler",
    "{n} decision points went the same way in every session.": (
        "{n} besluitpunten gingen in elke sessie dezelfde kant op."
    ),
    "Where the decisions diverged": "Waar de besluiten uiteenliepen",
    "None: {agreed}": "Geen: {agreed}",
    # overview: how the session was played
    "headless play, decisions file {name}": "automatisch gespeeld, besluitenbestand {name}",
    "headless play, automatic players ({policy})": (
        "automatisch gespeeld, automatische spelers ({policy})"
    ),
    "live session": "live sessie",
    "live": "live",
    # executive summary
    "the session ended ({reason})": "de sessie is beëindigd ({reason})",
    "the session did not reach its end": "de sessie is niet tot het einde gespeeld",
    "{injects} delivered in {played} of scenario time (planned {planned}); {state}.": (
        "{injects} afgeleverd in {played} scenariotijd (gepland {planned}); {state}."
    ),
    " (median latency {latency})": " (mediane reactietijd {latency})",
    "{taken} taken{latency}, {missed} missed, {open} left open; {measures} and {own}.": (
        "{taken} genomen{latency}, {missed} verstreken, {open} open gelaten; {measures} en {own}."
    ),
    "Expected actions: {met} met, {late} late, {missed} missed, {pending} pending the "
    "evaluator's judgement.": (
        "Verwachte acties: {met} gehaald, {late} te laat, {missed} gemist, {pending} wachten "
        "op het oordeel van de evaluator."
    ),
    "{n} had to be released ({names}).": "{n} vrijgegeven ({names}).",
    "No contingency inject had to be released.": (
        "Er hoefde geen reserve-inject te worden vrijgegeven."
    ),
    "the first severe inject ({inject}, {time})": "het eerste ernstige inject ({inject}, {time})",
    "First public message with an action perspective {lag} after {start}, by {role} ({ref}).": (
        "Eerste publieksbericht met handelingsperspectief {lag} na {start}, door {role} ({ref})."
    ),
    "No public message with an action perspective after {start}.": (
        "Geen publieksbericht met handelingsperspectief na {start}."
    ),
    "Move to {phase} ({level}) at {time}": "Overgang naar {phase} ({level}) om {time}",
    "entered by the team's own decision ({ref})": (
        "ingezet door een eigen besluit van het team ({ref})"
    ),
    "recognised after {lag} ({ref})": "herkend na {lag} ({ref})",
    "Not exercised: {pillars}.": "Niet beoefend: {pillars}.",
    "{rated} of 6 pillars rated by an evaluator; {items} in the improvement plan.": (
        "{rated} van de 6 pijlers beoordeeld door een evaluator; {items} in het verbeterplan."
    ),
    "No pillar rated by an evaluator yet; {items} in the improvement plan.": (
        "Nog geen pijler beoordeeld door een evaluator; {items} in het verbeterplan."
    ),
    # timeline
    "time": "tijd",
    "start": "start",
    "timeline": "tijdlijn",
    "condition": "voorwaarde",
    "ad hoc": "ad hoc",
    "fired by the facilitator": "door de facilitator afgevuurd",
    "scenario time is up": "de scenariotijd is om",
    "Choose: {option}": "Kies: {option}",
    "Take measure: {measure}": "Neem maatregel: {measure}",
    "Deadline passed": "Termijn verstreken",
    "; default applied: {option}": "; standaardkeuze toegepast: {option}",
    "strength": "sterk punt",
    "improvement": "verbeterpunt",
    "note": "notitie",
    "pillar": "pijler",
    "objective": "doelstelling",
    # escalation notes
    "starting phase": "beginfase",
    "entered by the team's own decision": "ingezet door een eigen besluit van het team",
    "not measurable: the scenario has no measure available from {level}": (
        "niet meetbaar: het scenario heeft geen maatregel die vanaf {level} beschikbaar is"
    ),
    "not recognised: no {level} measure taken in the {duration} that followed": (
        "niet herkend: geen {level}-maatregel genomen in de {duration} daarna"
    ),
    "{met} met, {late} late, {missed} missed of {settled} settled expected actions "
    "(score {score})": (
        "{met} gehaald, {late} te laat, {missed} gemist van {settled} afgeronde verwachte "
        "acties (score {score})"
    ),
    # -- html, console and charts --
    "Page {page} of {pages}": "Pagina {page} van {pages}",
    "validated by {by}": "gevalideerd door {by}",
    "Tabletop exercise · resilience against military and hybrid threats": (
        "Tabletopoefening · weerbaarheid tegen militaire en hybride dreigingen"
    ),
    "Date of the session": "Datum van de sessie",
    "Roles": "Rollen",
    "One section per pillar of the cabinet letter. Injects, decisions and expected "
    "actions count for every pillar their inject is tagged with, measures and "
    "self-initiated decisions for the pillars they name.": (
        "Eén paragraaf per pijler uit de Kamerbrief. Injects, besluiten en verwachte acties "
        "tellen mee voor elke pijler waarmee hun inject is gelabeld, maatregelen en besluiten "
        "op eigen initiatief voor de pijlers die ze noemen."
    ),
    "Generated by exercise from journal {journal} ({events} events, last hash {hash}; "
    "check it with {verify}). Ratings are the evaluators' call; a rating the tool suggests "
    "is marked {computed}.": (
        "Gemaakt door exercise uit logboek {journal} ({events} gebeurtenissen, laatste hash "
        "{hash}; controleer het met {verify}). Het oordeel is aan de evaluatoren; een oordeel "
        "dat het programma voorstelt, is gemarkeerd als {computed}."
    ),
    "computed suggestion": "berekende suggestie",
    "injects delivered": "afgeleverde injects",
    "decisions taken · {n} missed": "genomen besluiten · {n} gemist",
    "median decision latency": "mediane reactietijd op besluiten",
    "median latency · longest {longest}": "mediane reactietijd · langste {longest}",
    "to the first action-perspective message": "tot het eerste bericht met handelingsperspectief",
    "expected actions met": "verwachte acties gehaald",
    "contingency injects released": "vrijgegeven reserve-injects",
    "Expected actions per pillar": "Verwachte acties per pijler",
    "{indicator}: start {start}, lowest {lowest}, end {end}": (
        "{indicator}: begin {start}, laagste {lowest}, eind {end}"
    ),
    "No computed suggestion: no expected action was settled.": (
        "Geen berekende suggestie: geen verwachte actie afgerond."
    ),
    "Pillars it mostly serves": "Pijlers die het vooral dient",
    "from {start}; at {time} by {role}: {text}": "na {start}; om {time} door {role}: {text}",
    "No message with an action perspective": "Geen bericht met handelingsperspectief",
    "after {start}.": "na {start}.",
    "Element of the communication approach": "Element van de communicatieaanpak",
    "Pillar / capability": "Pijler / capaciteit",
    "People": "Personen",
    "1 person recorded.": "1 persoon geregistreerd.",
    "{n} people recorded.": "{n} personen geregistreerd.",
    "session comparison": "vergelijking van sessies",
    # console
    "played": "gespeeld",
    "Expected met/late/missed/pending": "Verwacht gehaald/te laat/gemist/open",
    "{injects} · {decisions} (median {median}) · {missed} missed · {measures} · "
    "{own} own initiative · {contingencies}": (
        "{injects} · {decisions} (mediaan {median}) · {missed} gemist · {measures} · "
        "{own} eigen initiatief · {contingencies}"
    ),
    "{n} contingency": "{n} reserve-inject",
    "{n} contingencies": "{n} reserve-injects",
    "{start} → {end} (lowest {lowest})": "{start} → {end} (laagste {lowest})",
    "none": "geen",
    "… {n} more decisions in the Markdown and HTML report": (
        "… nog {n} besluiten in het Markdown- en HTML-rapport"
    ),
    "… {n} more items in the Markdown and HTML report": (
        "… nog {n} punten in het Markdown- en HTML-rapport"
    ),
    "… {n} more events in the Markdown and HTML report": (
        "… nog {n} gebeurtenissen in het Markdown- en HTML-rapport"
    ),
    "First message with an action perspective: {lag} after {start} ({ref})": (
        "Eerste bericht met handelingsperspectief: {lag} na {start} ({ref})"
    ),
    "inject {inject}": "inject {inject}",
    "the start": "het begin",
    "No message with an action perspective.": "Geen bericht met handelingsperspectief.",
    "first {time}": "eerste {time}",
    "Missed": "Gemist",
    "Journal {journal}: {events} events, last hash {hash}": (
        "Logboek {journal}: {events} gebeurtenissen, laatste hash {hash}"
    ),
    # charts
    "{indicator}: {start} at T+0, {end} at the end": (
        "{indicator}: {start} op T+0, {end} aan het eind"
    ),
    "Expected actions per pillar: met, late, missed, pending": (
        "Verwachte acties per pijler: gehaald, te laat, gemist, open"
    ),
    "met {met}, late {late}, missed {missed}, pending {pending}": (
        "gehaald {met}, te laat {late}, gemist {missed}, open {pending}"
    ),
    "Escalation over scenario time": "Escalatie over de scenariotijd",
    "Phases over scenario time, with inject deliveries and measures": (
        "Fasen over de scenariotijd, met afgeleverde injects en maatregelen"
    ),
    "injects": "injects",
    "measures": "maatregelen",
    # a damaged journal, events that could not be read, a timeline cut short
    "DAMAGED JOURNAL": "BESCHADIGD JOURNAAL",
    "DAMAGED JOURNAL: {damage}": "BESCHADIGD JOURNAAL: {damage}",
    "This report was made from a damaged journal, on request: {damage}. What it "
    "says may not be what happened.": (
        "Dit rapport is op verzoek gemaakt van een beschadigd journaal: {damage}. Wat het "
        "zegt, hoeft niet te zijn wat er gebeurde."
    ),
    "What this report says may not be what happened.": (
        "Wat dit rapport zegt, hoeft niet te zijn wat er gebeurde."
    ),
    ", damaged journal": ", beschadigd journaal",
    "1 event could not be read and is left out of this report.": (
        "1 gebeurtenis kon niet worden gelezen en is weggelaten uit dit rapport."
    ),
    "{n} events could not be read and are left out of this report.": (
        "{n} gebeurtenissen konden niet worden gelezen en zijn weggelaten uit dit rapport."
    ),
    "event {seq} ({kind}): {problem}": "gebeurtenis {seq} ({kind}): {problem}",
    "and {n} more": "en nog {n}",
    "Session {letter} ({journal}): {note}": "Sessie {letter} ({journal}): {note}",
    "{n} more events not shown (at most {most} are listed); the JSON report has them all.": (
        "Nog {n} gebeurtenissen niet getoond (hooguit {most} staan in de lijst); het "
        "JSON-rapport bevat ze allemaal."
    ),
    "{n} more phase changes: see the escalation section.": (
        "Nog {n} faseovergangen: zie de paragraaf escalatie."
    ),
    "… {n} more phase changes in the Markdown and HTML report": (
        "… nog {n} faseovergangen in het Markdown- en HTML-rapport"
    ),
    "… {n} more observations in the Markdown and HTML report": (
        "… nog {n} waarnemingen in het Markdown- en HTML-rapport"
    ),
    # why an event could not be read ({field} is the journal's own name of a field)
    "its scenario time ({t} s) is before T+0 or after {most} s": (
        "de scenariotijd ({t} s) ligt voor T+0 of na {most} s"
    ),
    "its payload is not an object": "de inhoud is geen object",
    "cannot be read ({error})": "onleesbaar ({error})",
    "no {field}": "geen {field}",
    "{field} is not text": "{field} is geen tekst",
    "{field} is not a list of texts": "{field} is geen lijst van teksten",
    "{field} is not a finite number": "{field} is geen eindig getal",
    "{field} is not a time of at most {most} s": "{field} is geen tijd van hooguit {most} s",
    "{field} is not a whole number": "{field} is geen geheel getal",
    "{field} is not one of {allowed}": "{field} is niet een van {allowed}",
    "{field} is not an object": "{field} is geen object",
    # who did what when (swimlane)
    "Who did what when": "Wie deed wat wanneer",
    "and {n} more roles": "en nog {n} rollen",
    "inject received": "inject ontvangen",
    "decision (line: since delivery)": "besluit (lijn: sinds ontvangst)",
    "deadline missed": "uiterste tijd verstreken",
    "measure": "maatregel",
    "own initiative": "eigen initiatief",
    "{injects} received": "{injects} ontvangen",
    "{decisions}, median {wait} after delivery": "{decisions}, mediaan {wait} na ontvangst",
    "{deadlines} missed": "{deadlines} verstreken",
    "first action at {at}": "eerste actie om {at}",
    # main findings (first page)
    "Main findings": "Belangrijkste bevindingen",
    "Recommendations": "Aanbevelingen",
    "computed": "berekend",
    "The session in figures": "De sessie in cijfers",
    "No improvement plan items yet: the recommendations come from the evaluators' review.": (
        "Nog geen punten in het verbeterplan: de aanbevelingen volgen uit de beoordeling door de "
        "evaluatoren."
    ),
    "{pillar}: {missed} missed and {late} late of {total} expected actions": (
        "{pillar}: {missed} gemist en {late} te laat van {total} verwachte acties"
    ),
    "{pillar}: all {total} expected actions met in time": (
        "{pillar}: alle {total} verwachte acties op tijd uitgevoerd"
    ),
    "{deadlines} passed without a decision: {roles}": (
        "{deadlines} verstreken zonder besluit: {roles}"
    ),
    "{at}: {inject} ({role})": "{at}: {inject} ({role})",
    "{at}: {text} ({role})": "{at}: {text} ({role})",
    "The first public action perspective came {lag} after the first severe inject": (
        "Het eerste publieke handelingsperspectief kwam {lag} na de eerste ernstige inject"
    ),
    "The first public action perspective came only {lag} after the first severe inject "
    "(target {target})": (
        "Het eerste publieke handelingsperspectief kwam pas {lag} na de eerste ernstige inject "
        "(doel {target})"
    ),
    "Moves up the escalation ladder were recognised late ({n})": (
        "Stappen op de escalatieladder werden laat herkend ({n})"
    ),
    "{level} at {at}: first fitting action after {lag}": (
        "{level} om {at}: eerste passende actie na {lag}"
    ),
    "{ref}: {action} ({who}, due {due})": "{ref}: {action} ({who}, gereed {due})",
    "{inject}: {what} (missed)": "{inject}: {what} (gemist)",
    "{inject}: {what} (late, after {delay})": "{inject}: {what} (te laat, na {delay})",
    "{inject}: {what} (after {delay})": "{inject}: {what} (na {delay})",
    # comparison of sessions of different lengths
    "The sessions played different lengths of scenario time ({lengths}): the counts are "
    "totals over different lengths; the rates per hour of play are given beside them.": (
        "De sessies speelden verschillend veel scenariotijd ({lengths}): de aantallen zijn "
        "totalen over verschillende lengtes; de aantallen per uur spel staan ernaast."
    ),
    "Injects delivered per hour of play": "Injects afgeleverd per uur spel",
    "Decisions taken per hour of play": "Besluiten genomen per uur spel",
    "Deadlines missed per hour of play": "Uiterste tijden verstreken per uur spel",
    # lasting measures and their lifting
    "In force": "Van kracht",
    "still in force at the end": "aan het eind nog van kracht",
    "lifted at {time} ({level})": "ingetrokken om {time} ({level})",
    ", accounted for": ", verantwoord",
    ", not accounted for": ", niet verantwoord",
    "{n} lasting measures still in force in recovery": (
        "{n} blijvende maatregelen nog van kracht in de herstelfase"
    ),
    "{title} ({role}): taken at {time}, not lifted": (
        "{title} ({role}): genomen om {time}, niet ingetrokken"
    ),
    "Lasting measures lifted in recovery ({n})": (
        "Blijvende maatregelen ingetrokken in de herstelfase ({n})"
    ),
}

# English singular: (Dutch singular, Dutch plural)
NL_PLURALS: dict[str, tuple[str, str]] = {
    "inject": ("inject", "injects"),
    "decision": ("besluit", "besluiten"),
    "deadline": ("termijn", "termijnen"),
    "measure": ("maatregel", "maatregelen"),
    "self-initiated decision": ("besluit op eigen initiatief", "besluiten op eigen initiatief"),
    "contingency inject": ("reserve-inject", "reserve-injects"),
    "item": ("punt", "punten"),
    "event": ("gebeurtenis", "gebeurtenissen"),
}
