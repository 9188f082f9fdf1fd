"""The words of the review screen, in English and Dutch (`tr(key, lang, **values)`).

Scenario text is never in this table: it is shown as the journal's scenario has it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import keys

STRINGS: dict[str, tuple[str, str]] = {
    "title": ("Review", "Evaluatie"),
    "status.draft": ("DRAFT", "CONCEPT"),
    "status.final": ("FINAL · {by} · {at}", "DEFINITIEF · {by} · {at}"),
    "pillars": ("Pillars", "Pijlers"),
    "not_exercised": ("not exercised", "niet beoefend"),
    "not_rated": ("not rated", "niet beoordeeld"),
    "computed": ("computed", "berekend"),
    "tab.decisions": ("Decisions", "Besluiten"),
    "tab.expected": ("Expected actions", "Verwachte acties"),
    "tab.objectives": ("Objectives", "Doelstellingen"),
    "tab.observations": ("Observations", "Waarnemingen"),
    "tab.timeline": ("Timeline", "Tijdlijn"),
    "tab.plan": ("Improvement plan", "Verbeterplan"),
    "col.time": ("Time", "Tijd"),
    "col.kind": ("Kind", "Soort"),
    "col.role": ("Role", "Rol"),
    "col.inject": ("Inject", "Inject"),
    "col.choice": ("Option or text", "Optie of tekst"),
    "col.rationale": ("Rationale", "Motivering"),
    "col.latency": ("Latency", "Reactietijd"),
    "col.expected": ("Expected", "Verwacht"),
    "col.due": ("Due", "Uiterlijk"),
    "col.outcome": ("Outcome", "Uitkomst"),
    "col.id": ("Id", "Id"),
    "col.objective": ("Objective", "Doelstelling"),
    "col.rating": ("Rating", "Oordeel"),
    "col.suggestion": ("Suggestion", "Suggestie"),
    "col.ref": ("Ref", "Ref"),
    "col.text": ("Text", "Tekst"),
    "col.event": ("Event", "Gebeurtenis"),
    "col.pillar": ("Pillar", "Pijler"),
    "col.issue": ("Issue", "Knelpunt"),
    "col.action": ("Corrective action", "Verbeteractie"),
    "col.element": ("Element", "Element"),
    "col.organisation": ("Organisation", "Organisatie"),
    "col.due_date": ("Due", "Gereed"),
    "key.observe": ("Observation", "Waarneming"),
    "key.rate_pillar": ("Rate pillar", "Pijler beoordelen"),
    "key.rate_objective": ("Rate objective", "Doel beoordelen"),
    "key.improve": ("Improvement item", "Verbeterpunt"),
    "key.withdraw": ("Withdraw", "Intrekken"),
    "key.judge": ("Judge action", "Actie beoordelen"),
    "key.participant": ("Participant", "Deelnemer"),
    "key.final": ("Mark final", "Definitief maken"),
    "key.all": ("All / pillar", "Alles / pijler"),
    "key.quit": ("Quit", "Afsluiten"),
    "key.save": ("Save", "Opslaan"),
    "key.cancel": ("Cancel", "Annuleren"),
    "form.observation": ("Observation: {pillar}", "Waarneming: {pillar}"),
    "form.kind": ("Kind", "Soort"),
    "kind.strength": ("Strength", "Sterk punt"),
    "kind.improvement": ("Area for improvement", "Verbeterpunt"),
    "kind.note": ("Note", "Notitie"),
    "form.objective": ("Objective (optional)", "Doelstelling (optioneel)"),
    "form.text": ("What was observed", "Wat is waargenomen"),
    "form.root_cause": ("Root cause (optional)", "Oorzaak (optioneel)"),
    "form.rate": ("Rating: {target}", "Oordeel: {target}"),
    "form.note": ("Note (optional)", "Toelichting (optioneel)"),
    "form.improvement": ("Improvement item: {pillar}", "Verbeterpunt: {pillar}"),
    "form.issue": ("Issue", "Knelpunt"),
    "form.action": ("Corrective action", "Verbeteractie"),
    "form.capability": ("Capability (optional)", "Capaciteit (optioneel)"),
    "form.element": ("Capability element", "Capaciteitselement"),
    "form.organisation": ("Responsible organisation", "Verantwoordelijke organisatie"),
    "form.contact": ("Point of contact", "Contactpersoon"),
    "form.start": ("Start (YYYY-MM-DD)", "Start (JJJJ-MM-DD)"),
    "form.due": ("Due (YYYY-MM-DD)", "Gereed (JJJJ-MM-DD)"),
    "form.judge": ("Expected action: {what}", "Verwachte actie: {what}"),
    "form.participant": ("Participant", "Deelnemer"),
    "form.name": ("Name", "Naam"),
    "form.final": ("Mark the report final", "Rapport definitief maken"),
    "form.final_help": (
        "The report stops being a draft. Anything added later makes it a draft again.",
        "Het rapport is dan geen concept meer. Wat later wordt toegevoegd, maakt het weer "
        "een concept.",
    ),
    "form.by": ("Evaluator", "Evaluator"),
    "form.withdraw": ("Withdraw {ref}: {what}", "{ref} intrekken: {what}"),
    "form.withdraw_help": (
        "{ref} is left out of the report; the journal keeps it, and this withdrawal with its "
        "reason. The other items keep their numbers.",
        "{ref} komt niet meer in het rapport; het logboek bewaart het, en deze intrekking met "
        "de reden. De andere punten houden hun nummer.",
    ),
    "form.reason": ("Reason", "Reden"),
    "form.seat": ("Seat observed (optional)", "Waargenomen rol (optioneel)"),
    "form.at": ("Observed at (T+HH:MM:SS)", "Waargenomen om (T+UU:MM:SS)"),
    "form.current_rating": (
        "Rating in force: {rating}. Choose the rating to record.",
        "Geldend oordeel: {rating}. Kies het oordeel dat wordt vastgelegd.",
    ),
    "form.unjudged": ("Still unjudged: {n}", "Nog niet beoordeeld: {n}"),
    "form.all_judged": (
        "Every objective, exercised pillar and expected action has been judged.",
        "Elke doelstelling, beoefende pijler en verwachte actie is beoordeeld.",
    ),
    "form.final_anyway": (
        "Mark the report final with these still unjudged",
        "Het rapport definitief maken terwijl deze nog niet beoordeeld zijn",
    ),
    "unj.pillar": ("Pillar {pillar}: not rated", "Pijler {pillar}: niet beoordeeld"),
    "unj.objective": (
        "Objective {id}: not rated ({text})",
        "Doelstelling {id}: niet beoordeeld ({text})",
    ),
    "unj.expected": (
        "Expected action pending: {inject}: {what}",
        "Verwachte actie open: {inject}: {what}",
    ),
    # problems with a field, in the user's words
    "err.required": ("Required: fill this in.", "Verplicht: vul dit in."),
    "err.too_long": ("Too long: at most {max} characters.", "Te lang: hoogstens {max} tekens."),
    "err.date": (
        "Not a date: write it as YYYY-MM-DD, for example 2027-06-30.",
        "Geen datum: schrijf JJJJ-MM-DD, bijvoorbeeld 2027-06-30.",
    ),
    "err.due_before_start": (
        "The due date is before the start date.",
        "De datum gereed ligt vóór de startdatum.",
    ),
    "err.rating": (
        "Choose a rating: P, S, M or U.",
        "Kies een oordeel: P, S, M of U.",
    ),
    "err.status": (
        "Choose met, late or missed.",
        "Kies gehaald, te laat of gemist.",
    ),
    "err.choose": ("Choose one of the options.", "Kies een van de mogelijkheden."),
    "err.time": (
        "Not a time of this session: write T+HH:MM:SS, from T+00:00:00 to {end}.",
        "Geen tijd van deze sessie: schrijf T+UU:MM:SS, van T+00:00:00 tot {end}.",
    ),
    "err.confirm_final": (
        "Tick this to mark the report final with items still unjudged, or cancel (esc).",
        "Vink dit aan om het rapport definitief te maken met onderdelen die nog niet "
        "beoordeeld zijn, of annuleer (esc).",
    ),
    "err.invalid": (
        "This value is not accepted here.",
        "Deze waarde wordt hier niet geaccepteerd.",
    ),
    "element.planning": ("Planning", "Planvorming"),
    "element.organisation": ("Organisation", "Organisatie"),
    "element.equipment": ("Equipment", "Middelen"),
    "element.training": ("Training", "Opleiding"),
    "element.exercise": ("Exercise", "Oefening"),
    "status.met": ("met", "gehaald"),
    "status.late": ("late", "te laat"),
    "status.missed": ("missed", "gemist"),
    "status.pending": ("pending", "open"),
    "msg.saved": ("Added to the journal.", "Toegevoegd aan het logboek."),
    "msg.no_objective": (
        "This pillar has no objective: pick one on the Objectives tab of another pillar.",
        "Deze pijler heeft geen doelstelling.",
    ),
    "msg.pick_expected": (
        "Pick a pending free-text action on the Expected actions tab first.",
        "Kies eerst een open verwachte actie (vrije tekst) op het tabblad Verwachte acties.",
    ),
    "msg.not_pending": (
        "The session itself settled this action; only free-text actions are judged here.",
        "De sessie heeft deze actie zelf afgerond; hier worden alleen acties in vrije tekst "
        "beoordeeld.",
    ),
    "msg.already_final": ("The report is already final.", "Het rapport is al definitief."),
    "msg.pick_withdraw": (
        "Pick a row on the Observations or Improvement plan tab first.",
        "Kies eerst een regel op het tabblad Waarnemingen of Verbeterplan.",
    ),
    "dk.decision": ("decision", "besluit"),
    "dk.missed": ("deadline missed", "termijn verstreken"),
    "dk.measure": ("measure", "maatregel"),
    "dk.self-decision": ("own initiative", "eigen initiatief"),
    "sum.line": (
        "injects {injects} · decisions {decisions} (median {median}) · missed {missed} · "
        "expected met/late/missed/pending {met}/{late}/{missed_x}/{pending}",
        "injects {injects} · besluiten {decisions} (mediaan {median}) · gemist {missed} · "
        "verwacht gehaald/te laat/gemist/open {met}/{late}/{missed_x}/{pending}",
    ),
}


def tr(key: str, lang: str = "en", **values: object) -> str:
    en, nl = STRINGS[key]
    text = nl if lang == "nl" else en
    return text.format(**values) if values else text


class TranslatedBindings(keys.TranslatedBindings):
    """Bindings described by this table's key words, in the instance's `lang` (see
    `exercise.keys`)."""

    WORDS = keys.KeyWords(STRINGS, tr, lambda: "en")


_CHOICE_FIELDS = {"rating": "err.rating", "status": "err.status"}


def problem(error: Mapping[str, Any], lang: str = "en") -> str:
    """One of pydantic's errors as a phrase for people, in `lang` (never pydantic's text)."""
    kind = str(error.get("type", ""))
    field = str(error["loc"][0]) if error.get("loc") else ""
    ctx = error.get("ctx") or {}
    if kind in ("missing", "string_too_short", "too_short"):
        return tr("err.required", lang)
    if kind in ("string_too_long", "too_long"):
        return tr("err.too_long", lang, max=ctx.get("max_length", "?"))
    if kind.startswith("date_"):
        return tr("err.date", lang)
    if kind in ("literal_error", "enum"):
        return tr(_CHOICE_FIELDS.get(field, "err.choose"), lang)
    return tr("err.invalid", lang)
