"""One line of plain text per event, for the console feed and the facilitator's log."""

from __future__ import annotations

from ..model import Scenario, format_clock, localize
from ..model.events import Event, Kind


def describe(event: Event, scenario: Scenario, lang: str = "en") -> str:
    """A readable line such as `T+00:12:00 delivered cable-cut to ezk, defensie`."""
    p = event.payload
    inject = scenario.inject_map.get(p.get("inject", ""))
    title = localize(inject.title, lang) if inject else p.get("title", p.get("inject", ""))
    match event.kind:
        case Kind.SESSION_STARTED:
            text = f"session started: {localize(scenario.title, lang)}"
        case Kind.SESSION_RESUMED:
            text = "session resumed from the journal"
        case Kind.SESSION_ENDED:
            text = f"session ended ({p.get('reason', '')})"
        case Kind.PHASE_ENTERED:
            phase = scenario.phase_map[p["phase"]]
            text = f"phase {localize(phase.title, lang)} ({p['level']}) entered ({p['cause']})"
        case Kind.INJECT_DELIVERED:
            text = f"inject {p['inject']} '{title}' delivered to {', '.join(p.get('to', []))}"
        case Kind.INJECT_SCHEDULED:
            text = f"inject {p['inject']} due at {format_clock(p['due'])} ({p['cause']})"
        case Kind.INJECT_HELD | Kind.INJECT_UNHELD:
            verb = "held" if event.kind == Kind.INJECT_HELD else "released from hold"
            text = f"inject {p['inject']} {verb}"
        case Kind.ADHOC_INJECT:
            text = f"ad-hoc inject '{p['title']}' for {', '.join(p['to'])}"
        case Kind.DECISION_OPENED:
            due = (
                f", deadline {format_clock(p['deadline'])}" if p.get("deadline") is not None else ""
            )
            text = f"decision on {p['inject']} open for {p['role']}{due}"
        case Kind.DECISION_TAKEN:
            text = f"{p['role']} decided {p['inject']}: {p['option']}"
        case Kind.DECISION_MISSED:
            default = f", default {p['default']} applied" if p.get("default") else ""
            text = f"{p['role']} missed the deadline of {p['inject']}{default}"
        case Kind.INDICATOR_CHANGED:
            text = f"indicator {p['indicator']} {p['delta']:+g} to {p['value']:g} ({p['cause']})"
        case Kind.EXPECTED_MET | Kind.EXPECTED_MISSED:
            text = f"expected action {p['index'] + 1} of {p['inject']}: {p['status']}"
        case Kind.MEASURE_TAKEN:
            text = f"{p['role']} took measure {p['measure']}"
        case Kind.SELF_DECISION:
            text = f"{p['role']} decided on own initiative: {p['text']}"
        case Kind.OBSERVATION:
            text = f"observation ({p['pillar']}, {p['kind']}): {p['text']}"
        case Kind.PAUSED | Kind.RESUMED:
            text = "clock paused" if event.kind == Kind.PAUSED else "clock running"
        case Kind.SPEED_SET:
            text = f"speed set to x{p['speed']:g}"
        case Kind.JUMPED:
            text = f"clock moved to {format_clock(p['to'])}"
        case Kind.COMMAND_REJECTED:
            text = f"command {p['command'].get('type')} by {event.actor} rejected: {p['reason']}"
        case _:
            text = str(event.kind)
    return f"{format_clock(event.t)} {text}"
