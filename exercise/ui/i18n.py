"""The words of the user interface, in the user's language.

UI strings are named in one table, looked up with `tr(key, lang, **values)`: the table gives
the English, `exercise.language` its translation. Scenario text is
never in this table: it is localised with `exercise.model.localize` (the chosen language
when the scenario carries it, else as written). Doctrine names come from the enums'
own labels, or the short forms below where a screen has no room for the full name.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .. import keys
from ..language import N_, date_time, default_language, text
from ..model import CommsElement, Method, Scenario, localize

# key: the English, which is the message id of the catalogues. Values use str.format fields.
STRINGS: dict[str, str] = {
    # tabs, panels
    "tab.console": N_("Facilitator"),
    "panel.msel": N_("MSEL"),
    "panel.decisions": N_("Decisions"),
    "panel.indicators": N_("Indicators"),
    "panel.feed": N_("Live feed"),
    "role.inbox": N_("Inbox"),
    "role.initiative": N_("Own initiative"),
    "role.measures": N_("Measures"),
    "role.history": N_("History"),
    "role.feedback": N_("Feedback"),
    # the feedback form after play (the hot wash)
    "fb.heading": N_("Feedback on the exercise"),
    "fb.intro": N_(
        "The session has ended. Tell exercise control how it went; every question is "
        "optional. The form is recorded in the journal and shown in the debrief."
    ),
    "fb.name": N_("Your name (optional)"),
    "fb.submit": N_("Send feedback"),
    "fb.confirm": N_("Record this feedback form for {role}?"),
    "fb.recorded": N_(
        "Feedback recorded, thank you. The form is empty again for the next participant."
    ),
    "fb.empty": N_("Answer at least one question."),
    "fb.failed": N_("Not recorded: {reason}"),
    "fb.closed": N_("the session is not open for feedback"),
    "role.media": N_("Media"),
    "media.none": N_("Nothing in the media yet."),
    "media.narratives": N_("Narratives"),
    "media.percent": N_("{reach}% of the public"),
    "media.answered": N_("answered {time}"),
    "media.waiting": N_("not started"),
    "media.reach": N_("reach {reach}/5"),
    "media.people": N_("{people} people"),
    "role.no_injects": N_("Nothing received yet."),
    "role.heading": N_("Role: {title}"),
    "role.level": N_("escalation level {level}"),
    # header
    "status.running": N_("RUNNING"),
    "status.paused": N_("PAUSED"),
    "status.ended": N_("ENDED"),
    "status.stopped": N_("STOPPED"),
    "status.speed": N_("x{speed}"),
    # bindings and commands
    "key.quit": N_("Quit"),
    "key.pause": N_("Pause"),
    "key.faster": N_("Speed"),
    "key.slower": N_("Slower"),
    "key.next": N_("Next"),
    "key.fire": N_("Fire"),
    "key.hold": N_("Hold"),
    "key.adhoc": N_("Ad hoc"),
    "key.observe": N_("Observe"),
    "key.end": N_("End"),
    "key.leave_field": N_("Leave field"),
    "key.console": N_("Console"),
    "key.next_tab": N_("Next tab"),
    "key.prev_tab": N_("Previous tab"),
    "key.cancel": N_("Cancel"),
    "key.yes": N_("Yes"),
    "key.no": N_("No"),
    "key.palette": N_("commands"),
    "key.decide": N_("Decide"),
    "cmd.pause": N_("Pause or run the clock"),
    "cmd.faster": N_("Faster clock"),
    "cmd.slower": N_("Slower clock"),
    "cmd.next": N_("Jump to the next inject"),
    "cmd.fire": N_("Fire the selected inject now"),
    "cmd.hold": N_("Hold or release the selected inject"),
    "cmd.adhoc": N_("Ad-hoc inject"),
    "cmd.observe": N_("Observation"),
    "cmd.end": N_("End the session"),
    "cmd.console": N_("Show the facilitator console"),
    "cmd.quit": N_("Quit (the session can be resumed)"),
    "cmd.pause.help": N_("Stop or restart the scenario clock"),
    "cmd.faster.help": N_("Raise the clock speed"),
    "cmd.slower.help": N_("Lower the clock speed"),
    "cmd.next.help": N_("Move the clock to the next inject that is due"),
    "cmd.fire.help": N_("Deliver the inject selected in the MSEL now"),
    "cmd.hold.help": N_("Hold the selected inject, or release it"),
    "cmd.adhoc.help": N_("Write and send an ad-hoc inject"),
    "cmd.observe.help": N_("Record an observation for the debrief"),
    "cmd.end.help": N_("End the session (asks for confirmation)"),
    "cmd.quit.help": N_("Leave now; the session can be resumed from its journal"),
    "cmd.role": N_("Show role: {title}"),
    "cmd.role.help": N_("The role player panel of {title}"),
    "cmd.console.help": N_("The facilitator console"),
    # help
    "key.help": N_("Help"),
    "key.close": N_("Close"),
    "cmd.help": N_("Keys of this screen (help)"),
    "cmd.help.help": N_("Every key of the screen in front, and what it does"),
    "help.console": N_("Keys: the facilitator console"),
    "help.role": N_("Keys: the panel of {title}"),
    "help.dialog": N_("Keys: this dialog"),
    "help.screen.ConfirmScreen": N_("Keys: a question"),
    "help.screen.AdhocScreen": N_("Keys: the ad-hoc inject"),
    "help.screen.ObservationScreen": N_("Keys: the observation"),
    "help.screen.RolePicker": N_("Keys: the role list"),
    "help.col.key": N_("Key"),
    "help.col.does": N_("Does"),
    "help.none": N_("No keys of its own."),
    "help.general": N_(
        "Everywhere: tab and shift+tab move between fields, arrows move in a list or "
        "table, space or enter chooses; the mouse works too. ctrl+p lists every command. "
        "Commands that change the session are ctrl-chords only, never a letter; those "
        "that cannot be undone ask first, and only ctrl+y (or a click on the button) "
        "confirms."
    ),
    "help.close": N_("escape closes"),
    # MSEL
    "msel.col.n": N_("#"),
    "msel.col.time": N_("Time"),
    "msel.col.inject": N_("Inject"),
    "msel.col.to": N_("To"),
    "msel.col.status": N_("Status"),
    "msel.delivered": N_("delivered"),
    "msel.upcoming": N_("upcoming"),
    "msel.held": N_("HELD"),
    "msel.scheduled": N_("scheduled"),
    "msel.conditional": N_("conditional"),
    "msel.waiting": N_("on release"),
    "msel.adhoc": N_("ad hoc"),
    "msel.holds": N_("holds"),
    "msel.not_holds": N_("does not hold"),
    "msel.when": N_("when {condition} ({holds}), after {after}"),
    "msel.released_by": N_("released by {sources}"),
    "msel.expected": N_("expected"),
    "msel.notes": N_("notes"),
    "msel.from": N_("from"),
    "msel.contingency": N_("contingency"),
    "msel.none_selected": N_("No inject selected."),
    "msel.within": N_("within {within}"),
    # decisions
    "dec.col.role": N_("Role"),
    "dec.col.inject": N_("Inject"),
    "dec.col.left": N_("Left"),
    "dec.col.status": N_("Status"),
    "dec.open": N_("open"),
    "dec.missed": N_("MISSED"),
    "dec.taken": N_("✓ taken"),
    "dec.col.choice": N_("Choice"),
    "dec.default": N_("default {option}"),
    # decision form
    "form.decision": N_("Decision"),
    "form.deadline_left": N_("Deadline in {left}"),
    "form.deadline_passed": N_("The deadline has passed"),
    "form.no_deadline": N_("No deadline"),
    "form.rationale": N_("Rationale (optional)"),
    "form.submit": N_("Submit decision"),
    "form.pick_option": N_("Choose an option first."),
    "form.submitting": N_("Submitting…"),
    "form.taken": N_("Decided at {time}: {option}"),
    "form.missed": N_("The deadline passed at {time}; the default applied: {option}"),
    "form.missed_no_default": N_("The deadline passed at {time}; no decision was recorded"),
    "form.confirm": N_("Submit this decision on “{title}”?\n\n{option}"),
    "form.decided_by": N_("{role} decides on this inject."),
    "form.rejected": N_("Not accepted: {reason}"),
    "inbox.received": N_("received {time}"),
    # own initiative
    "init.text": N_("What do you decide?"),
    "init.pillars": N_("Pillars"),
    "init.comms": N_("Communication"),
    "init.submit": N_("Record decision"),
    "init.confirm": N_("Record this decision?\n\n{text}"),
    "init.empty": N_("Write the decision first."),
    # measures
    "meas.col.measure": N_("Measure"),
    "meas.col.from": N_("From"),
    "meas.col.status": N_("Status"),
    "meas.available": N_("available"),
    "meas.locked": N_("from {level}"),
    "meas.taken": N_("taken {time}"),
    "meas.none": N_("No measures for this role."),
    "meas.not_available": N_("Not available at the current escalation level."),
    "meas.hint": N_("Enter takes the selected measure, or lifts one in force."),
    "meas.in_force": N_("in force since {time}"),
    "meas.lifted": N_("lifted {time}"),
    # history
    "hist.col.time": N_("Time"),
    "hist.col.what": N_("What"),
    "hist.decided": N_("decided “{title}”: {option}"),
    "hist.missed": N_("missed “{title}”"),
    "hist.missed_default": N_("missed “{title}”; default: {option}"),
    "hist.self": N_("own initiative: {text}"),
    "hist.measure": N_("measure: {title}"),
    # ad-hoc composer
    "adhoc.heading": N_("Ad-hoc inject"),
    "adhoc.title": N_("Title"),
    "adhoc.text": N_("Text"),
    "adhoc.to": N_("Recipients"),
    "adhoc.pillars": N_("Pillars"),
    "adhoc.sender": N_("From (optional)"),
    "adhoc.send": N_("Send"),
    "adhoc.need_title": N_("Give the inject a title."),
    "adhoc.need_text": N_("Write the inject's text."),
    "adhoc.need_to": N_("Choose at least one recipient."),
    # observation
    "obs.heading": N_("Observation"),
    "obs.pillar": N_("Pillar"),
    "obs.objective": N_("Objective (optional)"),
    "obs.kind": N_("Kind"),
    "obs.strength": N_("Strength"),
    "obs.improvement": N_("Area for improvement"),
    "obs.note": N_("Note"),
    "obs.text": N_("Observation"),
    "obs.save": N_("Save"),
    "obs.need_pillar": N_("Choose a pillar."),
    "obs.need_text": N_("Write the observation."),
    # forms: saving, and problems next to their field
    "key.save": N_("Save"),
    "form.required": N_("Required: fill this in."),
    "form.too_long": N_("Too long: at most {max} characters."),
    "form.choose": N_("Choose one of the options."),
    "form.not_accepted": N_("This value is not accepted here."),
    # ad-hoc injects from a template, with a decision
    "adhoc.template": N_("Start from a catalogue template (optional)"),
    "adhoc.template_filter": N_("Filter: part of an id, title or pillar; enter takes the first"),
    "adhoc.no_templates": N_("This session has no catalogue templates: write the inject below."),
    "adhoc.template_none_match": N_("No template matches."),
    "adhoc.template_used": N_("Filled from template {id}; every field can still be changed."),
    "adhoc.decide": N_("Ask a decision of one recipient"),
    "adhoc.decider": N_("Who decides"),
    "adhoc.prompt": N_("Question (optional)"),
    "adhoc.options": N_("Options, one per line (at least two)"),
    "adhoc.deadline": N_("Deadline after delivery"),
    "adhoc.default": N_("Default at the deadline"),
    "adhoc.no_default": N_("(no default)"),
    "adhoc.need_decider": N_("Choose who decides."),
    "adhoc.decider_not_to": N_("Who decides must be one of the recipients."),
    "adhoc.need_options": N_("Give at least two options, one per line."),
    "adhoc.same_options": N_("Two options have the same text."),
    "adhoc.bad_deadline": N_(
        "Not a duration: write for example 10m, 1h30m or T+00:10 (empty: no deadline)."
    ),
    "adhoc.default_needs_deadline": N_(
        "A default applies when the deadline passes: give a deadline too."
    ),
    # observations: the seat observed and the root cause
    "obs.objective_first": N_("Choose a pillar first"),
    "obs.seat": N_("Seat observed (optional)"),
    "obs.root_cause": N_("Root cause (optional)"),
    "obs.need_kind": N_("Choose strength, area for improvement or note."),
    # taking a measure: what it is and why now
    "meas.heading": N_("Take a measure"),
    "meas.take": N_("Take measure"),
    "meas.rationale": N_("Rationale: why this measure, why now (optional)"),
    "meas.no_description": N_("The scenario gives no description of this measure."),
    "lift.heading": N_("Lift a measure"),
    "lift.take": N_("Lift measure"),
    "lift.rationale": N_("Rationale: why it can end now (optional)"),
    "lift.informed": N_("Accounted for to parliament or the council"),
    # confirmations and notices
    "confirm.end": N_(
        "End the session for everyone?\n\nThe clock stops for good; open decisions stay "
        "open and expected actions that were not done count as missed."
    ),
    "confirm.fire": N_("Deliver “{title}” now?"),
    "confirm.next": N_("Move the clock to the next inject, at {time}?"),
    "confirm.next.missed": N_(
        "These decisions are still open and will be missed (their defaults apply):"
    ),
    "confirm.next.decision": N_("  {role} “{title}”: {left} left"),
    "notice.phase_pause": N_("A new phase began: the clock is paused (ctrl+t runs it)."),
    "notice.playbook": N_("Playbook {level} now available: {count} measures for {roles}"),
    "meas.playbook": N_("Playbook {level} now available: {titles}"),
    "notice.rejected": N_("Not done: {reason}"),
    "notice.recorded": N_("Recorded in the journal."),
    "notice.ended": N_("The session has ended. Journal: {path}"),
    "stopped.title": N_("NOT RECORDED: the session has stopped"),
    "stopped.text": N_(
        "The journal could not record what happened last:\n{error}\n\n"
        "The screen behind this one shows the session as the journal holds it, up to "
        "{time}; decisions and commands after that were not recorded and count for nothing. "
        "Fix the cause (make room on the disk), then continue with:\n\n"
        "    exercise resume {path}\n\nctrl+q leaves."
    ),
    "exit.not_recorded": N_("not recorded ({count}): {commands}"),
    "notice.no_selection": N_("Select an inject in the MSEL first."),
    "notice.not_scenario_inject": N_("Only scenario injects can be fired or held."),
    "notice.speed_max": N_("The clock runs at its fastest."),
    "notice.speed_min": N_("The clock runs at its slowest."),
    "cmd.done.pause": N_("clock paused"),
    "cmd.done.resume": N_("clock running"),
    "cmd.done.set-speed": N_("speed x{speed}"),
    "cmd.done.jump-next": N_("clock moved to the next inject"),
    "cmd.done.fire": N_("inject delivered"),
    "cmd.done.hold": N_("inject held"),
    "cmd.done.release": N_("inject released"),
    "cmd.done.adhoc": N_("ad-hoc inject sent"),
    "cmd.done.observe": N_("observation saved"),
    "cmd.done.end": N_("session ended"),
    "cmd.done.decide": N_("decision recorded"),
    "cmd.done.self-decision": N_("decision recorded"),
    "cmd.done.take-measure": N_("measure taken"),
    "cmd.done.lift-measure": N_("measure lifted"),
    "cmd.done.issue-product": N_("communication product recorded"),
    "cmd.done.approve-product": N_("product approved and issued"),
    "cmd.done.return-product": N_("product returned"),
    # feed
    "feed.started": N_("session started: {title}"),
    "feed.resumed": N_("session resumed from the journal"),
    "feed.ended": N_("session ended ({reason})"),
    "feed.phase": N_("phase {title} ({level}) entered"),
    "feed.delivered": N_("“{title}” delivered to {to}"),
    "feed.scheduled": N_("“{title}” due at {due}"),
    "feed.held": N_("“{title}” held"),
    "feed.unheld": N_("“{title}” released from hold"),
    "feed.adhoc": N_("ad-hoc inject “{title}” for {to}"),
    "feed.opened": N_("decision on “{title}” open for {role}{deadline}"),
    "feed.deadline": N_(", deadline {time}"),
    "feed.taken": N_("{role} decided “{title}”: {option}"),
    "feed.missed": N_("{role} missed the deadline of “{title}”"),
    "feed.missed_default": N_("{role} missed the deadline of “{title}”; default {option} applied"),
    "feed.indicator": N_("{title} {delta:+g} to {value:g}"),
    "feed.expected": N_("expected action {index} of “{title}”: {status}"),
    "feed.measure": N_("{role} took measure {title}"),
    "feed.self": N_("{role} on own initiative: {text}"),
    "feed.observation": N_("observation ({pillar}): {text}"),
    "feed.paused": N_("clock paused"),
    "feed.running": N_("clock running"),
    "feed.speed": N_("speed set to x{speed}"),
    "feed.jumped": N_("clock moved to {time}"),
    "feed.rejected": N_("{actor}: {command} rejected: {reason}"),
    # countdowns in scenario time and in real time
    "time.both": N_("{left} ({real} real at x{speed})"),
    "time.both_paused": N_("{left} (clock paused)"),
    "dec.col.real": N_("Real"),
    "dec.paused": N_("paused"),
    # navigation
    "key.roles": N_("Roles"),
    "key.tab_inbox": N_("Inbox"),
    "key.tab_initiative": N_("Initiative"),
    "key.tab_measures": N_("Measures"),
    "key.tab_history": N_("History"),
    "key.tab_feedback": N_("Feedback"),
    "key.tab_media": N_("Media"),
    "cmd.roles": N_("Pick a role"),
    "cmd.roles.help": N_("A list of every role, to filter by typing"),
    "cmd.next_tab": N_("Next tab"),
    "cmd.next_tab.help": N_("The next role's panel (after the last, the console)"),
    "cmd.prev_tab": N_("Previous tab"),
    "cmd.prev_tab.help": N_("The previous role's panel (before the first, the console)"),
    "picker.title": N_("Go to a role"),
    "picker.filter": N_("Type to filter"),
    "picker.hint": N_("enter shows the panel, escape closes"),
    "picker.none": N_("No role matches."),
    "picker.open": N_("{count} open"),
    "picker.unread": N_("{count} unread"),
    "role.no_open": N_("No open decision for this role."),
    "msel.to": N_("to"),
    "msel.all_players": N_("all players"),
    "status.met": N_("met"),
    "status.late": N_("late"),
    "status.missed": N_("missed"),
    # communication products
    "role.comms": N_("Communication"),
    "key.tab_comms": N_("Communication"),
    "key.product": N_("New product"),
    "key.return_product": N_("Return"),
    "prod.heading": N_("Draft a communication product"),
    "msel.any_product": N_("a communication product"),
    "prod.kind": N_("Kind of product"),
    "prod.audience": N_("Audience"),
    "prod.channel": N_("Channel (optional)"),
    "prod.elements": N_("Elements it carries"),
    "prod.text": N_("Text"),
    "prod.answers": N_("Injects it answers"),
    "prod.nothing_to_answer": N_("Nothing received yet to answer."),
    "prod.issue": N_("Issue product"),
    "prod.needs_approval": N_("Goes to {role} for approval before it is issued."),
    "prod.no_approval": N_("Issued at once."),
    "prod.need_kind": N_("Choose the kind of product."),
    "prod.need_audience": N_("Say who it is for."),
    "prod.need_text": N_("Write the text first."),
    "prod.col.product": N_("Nr"),
    "prod.col.time": N_("Time"),
    "prod.col.kind": N_("Kind"),
    "prod.col.status": N_("Status"),
    "prod.col.text": N_("Text"),
    "prod.issued": N_("issued"),
    "prod.issued_approved": N_("issued, approved by {role}"),
    "prod.submitted": N_("waiting for {role}"),
    "prod.returned": N_("returned: {note}"),
    "prod.to_approve": N_("from {role}: waiting for you (enter)"),
    "prod.hint": N_("p drafts a product; enter opens one waiting for your approval."),
    "appr.heading": N_("Approve a communication product"),
    "appr.from": N_("{kind} {product} from {role}"),
    "appr.audience": N_("Audience: {audience}"),
    "appr.channel": N_("Channel: {channel}"),
    "appr.elements": N_("Elements: {elements}"),
    "appr.answers": N_("Answers: {answers}"),
    "appr.note": N_("Note (needed to return it)"),
    "appr.approve": N_("Approve and issue"),
    "appr.return": N_("Return"),
    "appr.need_note": N_("Say why it goes back."),
}

_PILLAR_SHORT = {
    "vital-processes": N_("Vital processes"),
    "resilient-society": N_("Resilient society"),
    "democracy-rule-of-law": N_("Democracy & rule of law"),
    "resilient-economy": N_("Resilient economy"),
    "territorial-defence": N_("Territorial defence"),
    "civil-military-support": N_("Civil support to the military"),
}


def tr(key: str, lang: str, /, **values: object) -> str:
    """The UI string `key` in `lang`, with `values` filled in."""
    return text(lang, STRINGS[key], **values)


def pillar_name(pillar: str, lang: str) -> str:
    return text(lang, _PILLAR_SHORT[pillar]) if pillar in _PILLAR_SHORT else pillar


def comms_name(element: str, lang: str) -> str:
    try:
        return CommsElement(element).short(lang)
    except ValueError:
        return element


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
    return date_time(lang, when, "EEE d MMM y HH:mm:ss")


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
