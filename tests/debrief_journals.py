"""Hand-built journals for the debrief tests: every event written by hand, so the metrics
have answers worked out on paper (see the comments in `HAND_EVENTS`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exercise.journal import Journal
from exercise.model import Scenario
from exercise.model.events import Kind, NewEvent
from exercise.sim.session import frozen_scenario

STARTED_WALL = 1_800_000_000.0  # 2027-01-15 08:00 UTC

HAND_SCENARIO: dict[str, Any] = {
    "format": 1,
    "id": "hand",
    "title": "Hand-built session",
    "description": "A small scenario whose journal is written by hand.",
    "threat": "A state actor probing below the threshold of armed attack.",
    "classification": "UNCLASSIFIED // EXERCISE",
    "duration": "1h",
    "speed": 10,
    "objectives": [
        {"id": "obj-comms", "pillar": "resilient-society", "text": "Inform the public in time"},
        {
            "id": "obj-readiness",
            "pillar": "territorial-defence",
            "text": "Recognise the move to L2",
            "target": "LCP-MD activated within 10 minutes of L2",
        },
    ],
    "phases": [
        {"id": "calm", "title": "Hybrid campaign", "level": "L1", "at": 0},
        {"id": "tense", "title": "Heightened readiness", "level": "L2", "at": "30m"},
        {"id": "war", "title": "Armed conflict", "level": "L3"},
    ],
    "roles": [
        {"id": "nctv", "title": "NCTV / ICCb chair"},
        {"id": "nkc", "title": "NKC crisis communication"},
        {"id": "excon", "title": "Exercise control", "kind": "facilitator"},
    ],
    "indicators": [
        {
            "id": "trust",
            "title": "Public trust",
            "pillar": "resilient-society",
            "nato": "government-continuity",
            "start": 70,
        }
    ],
    "injects": [
        {
            "id": "i-cyber",
            "at": "5m",
            "to": ["nctv"],
            "title": "Ransomware at a grid operator",
            "text": "The operator's control room is blind.",
            "pillars": ["vital-processes"],
            "nato": ["energy"],
            "severity": 2,
            "decision": {
                "prompt": "What do you do?",
                "deadline": "10m",
                "default": "wait",
                "options": [
                    {"id": "act", "label": "Send the national CSIRT", "effects": {"trust": 10}},
                    {"id": "wait", "label": "Wait"},
                ],
            },
            "expected": [{"option": "act", "within": "5m", "objective": "obj-readiness"}],
        },
        {
            "id": "i-rumour",
            "at": "10m",
            "to": ["nkc"],
            "title": "Rumour of rationing",
            "text": "Social media claim fuel will be rationed.",
            "pillars": ["resilient-society"],
            "nato": ["government-continuity"],
            "severity": 4,
            "decision": {
                "prompt": "How do you respond?",
                "deadline": "10m",
                "options": [
                    {
                        "id": "rebut",
                        "label": "Rebut, with what people can do",
                        "comms": ["threat-info", "action-perspective"],
                        "effects": {"trust": 10},
                    },
                    {"id": "silence", "label": "Say nothing"},
                ],
            },
            "expected": [{"option": "rebut", "within": "5m", "objective": "obj-comms"}],
        },
        {
            "id": "i-drone",
            "at": "15m",
            "to": ["nctv"],
            "title": "Drones over an air base",
            "text": "Unknown drones over Volkel.",
            "pillars": ["territorial-defence"],
            "severity": 3,
            "decision": {
                "prompt": "What do you advise?",
                "deadline": "5m",
                "default": "ignore",
                "options": [
                    {"id": "respond", "label": "Ask Defence for a picture"},
                    {"id": "ignore", "label": "Leave it to the base", "effects": {"trust": -15}},
                ],
            },
            "expected": [
                {"option": "respond", "within": "5m", "objective": "obj-readiness"},
                {"action": "Informs the MCCb chair", "objective": "obj-readiness"},
            ],
        },
        {
            "id": "i-escalate",
            "when": "missed(i-drone)",
            "after": "1m",
            "contingency": True,
            "to": ["nctv"],
            "title": "Questions in parliament",
            "text": "MPs ask why nobody reacted.",
            "pillars": ["democracy-rule-of-law"],
        },
        {
            "id": "i-war",
            "at": "45m",
            "to": ["nctv"],
            "title": "Article 5",
            "text": "An ally invokes Article 5.",
            "pillars": ["territorial-defence"],
            "severity": 5,
            "decision": {
                "prompt": "Mobilise?",
                "options": [{"id": "mobilise", "label": "Mobilise", "phase": "war"}],
            },
        },
    ],
    "communication": {"approval": [{"by": "nctv", "kinds": ["nl-alert"]}]},
    "measures": [
        {
            "id": "activate-lcp-md",
            "title": "Activate the LCP-MD",
            "role": "nctv",
            "from_level": "L2",
            "pillars": ["territorial-defence"],
            "nato": ["government-continuity"],
        }
    ],
}


def _e(t: float, kind: str, actor: str | None = None, /, **payload: Any) -> NewEvent:
    return NewEvent(t, kind, actor, payload)


HAND_EVENTS: list[NewEvent] = [
    _e(0, Kind.SESSION_STARTED, scenario="hand", seed=0, speed=10.0),
    _e(0, Kind.PHASE_ENTERED, phase="calm", level="L1", cause="start"),
    # i-cyber: delivered 5m, decided 7m -> latency 2m, expected (within 5m) met
    _e(300, Kind.INJECT_DELIVERED, inject="i-cyber", to=["nctv"], cause="timeline"),
    _e(300, Kind.DECISION_OPENED, inject="i-cyber", role="nctv", deadline=900.0),
    _e(420, Kind.DECISION_TAKEN, "nctv", inject="i-cyber", role="nctv", option="act",
       rationale="Grid first", latency=120.0),
    _e(420, Kind.EXPECTED_MET, "nctv", inject="i-cyber", index=0, status="met"),
    _e(420, Kind.INDICATOR_CHANGED, indicator="trust", value=80.0, delta=10.0,
       cause="i-cyber/act"),
    # i-rumour (severity 4: the action-perspective clock starts at 10m)
    _e(600, Kind.INJECT_DELIVERED, inject="i-rumour", to=["nkc"], cause="timeline"),
    _e(600, Kind.DECISION_OPENED, inject="i-rumour", role="nkc", deadline=1200.0),
    # the first product on i-rumour at 12m (lag 2m): threat information only
    _e(720, Kind.PRODUCT_ISSUED, "nkc", product="P1", role="nkc", kind="social-post",
       audience="Drivers", channel="X", elements=["threat-info"],
       text="Fuel is not rationed.", answers=["i-rumour"]),
    # i-drone: delivered 15m, deadline 20m passes
    _e(900, Kind.INJECT_DELIVERED, inject="i-drone", to=["nctv"], cause="timeline"),
    _e(900, Kind.DECISION_OPENED, inject="i-drone", role="nctv", deadline=1200.0),
    # an NL-Alert waits for the NCTV from 15m
    _e(900, Kind.PRODUCT_SUBMITTED, "nkc", product="P2", role="nkc", kind="nl-alert",
       audience="Residents", channel="NL-Alert", elements=["threat-info", "action-perspective"],
       text="Buy no extra fuel; check on your neighbours.", answers=["i-rumour"],
       approver="nctv"),
    # rebut at 16m40s: latency 6m40s, expected (due 15m) late; the NL-Alert approved and
    # issued at 16m40s: the first action perspective, 6m40s after i-rumour
    _e(1000, Kind.DECISION_TAKEN, "nkc", inject="i-rumour", role="nkc", option="rebut",
       rationale="Facts first", latency=400.0),
    _e(1000, Kind.PRODUCT_APPROVED, "nctv", product="P2", by="nctv"),
    _e(1000, Kind.PRODUCT_ISSUED, "nkc", product="P2", role="nkc", kind="nl-alert",
       audience="Residents", channel="NL-Alert", elements=["threat-info", "action-perspective"],
       text="Buy no extra fuel; check on your neighbours.", answers=["i-rumour"],
       approved_by="nctv"),
    _e(1000, Kind.EXPECTED_MET, "nkc", inject="i-rumour", index=0, status="late"),
    _e(1000, Kind.INDICATOR_CHANGED, indicator="trust", value=90.0, delta=10.0,
       cause="i-rumour/rebut"),
    _e(1200, Kind.DECISION_MISSED, "nctv", inject="i-drone", role="nctv", default="ignore"),
    _e(1200, Kind.EXPECTED_MISSED, "nctv", inject="i-drone", index=0, status="missed",
       reason="the deadline passed"),
    _e(1200, Kind.INDICATOR_CHANGED, indicator="trust", value=75.0, delta=-15.0,
       cause="default of i-drone"),
    _e(1200, Kind.INJECT_SCHEDULED, inject="i-escalate", due=1260.0, cause="condition"),
    _e(1260, Kind.INJECT_DELIVERED, inject="i-escalate", to=["nctv"], cause="condition"),
    # L2 at 30m; the L2 measure at 35m: phase-recognition lag 5m
    _e(1800, Kind.PHASE_ENTERED, phase="tense", level="L2", cause="time"),
    _e(2100, Kind.MEASURE_TAKEN, "nctv", measure="activate-lcp-md", role="nctv",
       rationale="L2 now"),
    _e(2400, Kind.SELF_DECISION, "nkc", role="nkc", text="Brief the mayors",
       pillars=["resilient-society"], comms=["threat-info"]),
    _e(2500, Kind.OBSERVATION, "excon", pillar="resilient-society", objective="obj-comms",
       kind="strength", text="Clear public line"),
    # i-war: the team's own choice enters L3 (lag 0)
    _e(2700, Kind.INJECT_DELIVERED, inject="i-war", to=["nctv"], cause="timeline"),
    _e(2700, Kind.DECISION_OPENED, inject="i-war", role="nctv", deadline=None),
    _e(2760, Kind.DECISION_TAKEN, "nctv", inject="i-war", role="nctv", option="mobilise",
       rationale="", latency=60.0),
    _e(2760, Kind.PHASE_ENTERED, phase="war", level="L3", cause="i-war/mobilise"),
    # a second NL-Alert is returned: i-war (severity 5) has no product answering it
    _e(2900, Kind.PRODUCT_SUBMITTED, "nkc", product="P3", role="nkc", kind="nl-alert",
       audience="Everyone", channel="NL-Alert", elements=["preparation-info"],
       text="Stay tuned to the radio.", answers=[], approver="nctv"),
    _e(2950, Kind.PRODUCT_RETURNED, "nctv", product="P3", by="nctv", note="Wait for the MCCb"),
    _e(3600, Kind.SESSION_ENDED, reason="scenario time is up"),
]  # fmt: skip


def write_journal(
    path: Path,
    events: list[NewEvent] | None = None,
    scenario: dict[str, Any] | None = None,
    started_wall: float = STARTED_WALL,
) -> Path:
    """A journal of the given events (default: the hand-built session), at fixed wall times."""
    model = Scenario.model_validate(scenario or HAND_SCENARIO)
    journal = Journal.create(
        path,
        scenario_id=model.id,
        scenario_title=str(model.title),
        scenario_text=frozen_scenario(model),
        seed=0,
        speed=model.speed,
        durable=False,
        meta={"mode": "play", "auto": "hand"},
        started_wall=started_wall,
    )
    with journal:
        for n, event in enumerate(events if events is not None else HAND_EVENTS):
            journal.append([event], wall=started_wall + n)
    return path
