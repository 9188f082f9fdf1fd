"""The words of the review screen (`tr(key, lang, **values)`): the table names the English,
`exercise.language` gives it in the user's language.

Scenario text is never in this table: it is shown as the journal's scenario has it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import keys
from ..language import N_, default_language, text

STRINGS: dict[str, str] = {
    "title": N_("Review"),
    "status.draft": N_("DRAFT"),
    "status.final": N_("FINAL · {by} · {at}"),
    "pillars": N_("Pillars"),
    "not_exercised": N_("not exercised"),
    "not_rated": N_("not rated"),
    "computed": N_("computed"),
    "tab.decisions": N_("Decisions"),
    "tab.expected": N_("Expected actions"),
    "tab.objectives": N_("Objectives"),
    "tab.observations": N_("Observations"),
    "tab.timeline": N_("Timeline"),
    "tab.plan": N_("Improvement plan"),
    "tab.findings": N_("Main findings"),
    "col.time": N_("Time"),
    "col.kind": N_("Kind"),
    "col.role": N_("Role"),
    "col.inject": N_("Inject"),
    "col.choice": N_("Option or text"),
    "col.rationale": N_("Rationale"),
    "col.latency": N_("Latency"),
    "col.expected": N_("Expected"),
    "col.due": N_("Due"),
    "col.outcome": N_("Outcome"),
    "col.id": N_("Id"),
    "col.objective": N_("Objective"),
    "col.rating": N_("Rating"),
    "col.suggestion": N_("Suggestion"),
    "col.ref": N_("Ref"),
    "col.text": N_("Text"),
    "col.event": N_("Event"),
    "col.pillar": N_("Pillar"),
    "col.issue": N_("Issue"),
    "col.action": N_("Corrective action"),
    "col.element": N_("Element"),
    "col.organisation": N_("Organisation"),
    "col.due_date": N_("Due"),
    "col.status": N_("Status"),
    "col.finding": N_("Finding"),
    "col.judged": N_("Judged"),
    "col.pillars": N_("Pillars"),
    "ip.open": N_("open"),
    "ip.in-progress": N_("in progress"),
    "ip.done": N_("done"),
    "ip.cancelled": N_("cancelled"),
    "verdict.accept": N_("Accept"),
    "verdict.edit": N_("Edit the text"),
    "verdict.drop": N_("Drop from the report"),
    "verdict.dropped": N_("dropped"),
    "verdict.judged": N_("by {by}"),
    "form.finding": N_("Main finding: accept, edit or drop"),
    "form.finding_text": N_("Text (for an edit)"),
    "msg.pick_finding": N_("Pick a finding on the Main findings tab first."),
    "key.observe": N_("Observation"),
    "key.rate_pillar": N_("Rate pillar"),
    "key.rate_objective": N_("Rate objective"),
    "key.improve": N_("Improvement item"),
    "key.withdraw": N_("Withdraw"),
    "key.judge": N_("Judge action"),
    "key.participant": N_("Participant"),
    "key.final": N_("Mark final"),
    "key.all": N_("All / pillar"),
    "key.quit": N_("Quit"),
    "key.save": N_("Save"),
    "key.palette": N_("commands"),
    "key.cancel": N_("Cancel"),
    "form.observation": N_("Observation: {pillar}"),
    "form.kind": N_("Kind"),
    "kind.strength": N_("Strength"),
    "kind.improvement": N_("Area for improvement"),
    "kind.note": N_("Note"),
    "form.objective": N_("Objective (optional)"),
    "form.text": N_("What was observed"),
    "form.root_cause": N_("Root cause (optional)"),
    "form.rate": N_("Rating: {target}"),
    "form.note": N_("Note (optional)"),
    "form.improvement": N_("Improvement item: {pillar}"),
    "form.issue": N_("Issue"),
    "form.action": N_("Corrective action"),
    "form.capability": N_("Capability (optional)"),
    "form.element": N_("Capability element"),
    "form.organisation": N_("Responsible organisation"),
    "form.contact": N_("Point of contact"),
    "form.start": N_("Start (YYYY-MM-DD)"),
    "form.due": N_("Due (YYYY-MM-DD)"),
    "form.judge": N_("Expected action: {what}"),
    "form.participant": N_("Participant"),
    "form.name": N_("Name"),
    "form.final": N_("Mark the report final"),
    "form.final_help": N_(
        "The report stops being a draft. Anything added later makes it a draft again."
    ),
    "form.by": N_("Evaluator"),
    "form.withdraw": N_("Withdraw {ref}: {what}"),
    "form.withdraw_help": N_(
        "{ref} is left out of the report; the journal keeps it, and this withdrawal with its "
        "reason. The other items keep their numbers."
    ),
    "form.reason": N_("Reason"),
    "form.seat": N_("Seat observed (optional)"),
    "form.at": N_("Observed at (T+HH:MM:SS)"),
    "form.current_rating": N_("Rating in force: {rating}. Choose the rating to record."),
    "form.unjudged": N_("Still unjudged: {n}"),
    "form.all_judged": N_("Every objective, exercised pillar and expected action has been judged."),
    "form.final_anyway": N_("Mark the report final with these still unjudged"),
    "unj.pillar": N_("Pillar {pillar}: not rated"),
    "unj.objective": N_("Objective {id}: not rated ({text})"),
    "unj.expected": N_("Expected action pending: {inject}: {what}"),
    "unj.finding": N_("Main finding still computed: {text}"),
    # problems with a field, in the user's words
    "err.required": N_("Required: fill this in."),
    "err.too_long": N_("Too long: at most {max} characters."),
    "err.date": N_("Not a date: write it as YYYY-MM-DD, for example 2027-06-30."),
    "err.due_before_start": N_("The due date is before the start date."),
    "err.rating": N_("Choose a rating: P, S, M or U."),
    "err.status": N_("Choose met, late or missed."),
    "err.choose": N_("Choose one of the options."),
    "err.time": N_("Not a time of this session: write T+HH:MM:SS, from T+00:00:00 to {end}."),
    "err.confirm_final": N_(
        "Tick this to mark the report final with items still unjudged, or cancel (esc)."
    ),
    "err.invalid": N_("This value is not accepted here."),
    "element.planning": N_("Planning"),
    "element.organisation": N_("Organisation"),
    "element.equipment": N_("Equipment"),
    "element.training": N_("Training"),
    "element.exercise": N_("Exercise"),
    "status.met": N_("met"),
    "status.late": N_("late"),
    "status.missed": N_("missed"),
    "status.pending": N_("pending"),
    "msg.saved": N_("Added to the journal."),
    "msg.no_objective": N_(
        "This pillar has no objective: pick one on the Objectives tab of another pillar."
    ),
    "msg.pick_expected": N_("Pick a pending free-text action on the Expected actions tab first."),
    "msg.not_pending": N_(
        "The session itself settled this action; only free-text actions are judged here."
    ),
    "msg.already_final": N_("The report is already final."),
    "msg.pick_withdraw": N_("Pick a row on the Observations or Improvement plan tab first."),
    "dk.decision": N_("decision"),
    "dk.missed": N_("deadline missed"),
    "dk.measure": N_("measure"),
    "dk.self-decision": N_("own initiative"),
    "sum.line": N_(
        "injects {injects} · decisions {decisions} (median {median}) · missed {missed} · "
        "expected met/late/missed/pending {met}/{late}/{missed_x}/{pending}"
    ),
}


def tr(key: str, lang: str = "en", **values: object) -> str:
    return text(lang, STRINGS[key], **values)


class TranslatedBindings(keys.TranslatedBindings):
    """Bindings described by this table's key words, in the instance's `lang` (see
    `exercise.keys`)."""

    WORDS = keys.KeyWords(STRINGS, tr, default_language)


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
