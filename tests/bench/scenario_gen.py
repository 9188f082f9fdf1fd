"""A large, valid scenario for benchmarks: timeline injects with decisions, and
conditional injects released by conditions and by options."""

from __future__ import annotations

import random

import yaml

PILLARS = [
    "vital-processes",
    "resilient-society",
    "democracy-rule-of-law",
    "resilient-economy",
    "territorial-defence",
    "civil-military-support",
]
ROLES = ["nctv", "defensie", "ezk", "bzk", "nkc", "vr-rotterdam"]


def generate(injects: int = 10_000, seed: int = 7) -> dict:
    rng = random.Random(seed)
    duration = 3 * 3600
    items = []
    for n in range(injects):
        roles = rng.sample(ROLES, 2)
        inject = {
            "id": f"inject-{n}",
            "to": roles,
            "from": "SimCell",
            "method": rng.choice(["email", "phone", "news", "sitrep"]),
            "title": {"en": f"Inject {n}", "nl": f"Inject {n} (nl)"},
            "text": {"en": f"Situation report number {n}.", "nl": f"Situatierapport {n}."},
            "pillars": rng.sample(PILLARS, 2),
            "nato": ["energy"],
            "domains": ["infrastructure", "cyber"],
            "attribution": "low",
            "severity": rng.randint(1, 5),
            "source": "scenario-derived",
        }
        if n % 10 == 9:
            prior = f"inject-{n - 9}"
            inject["when"] = f"missed({prior}) or chosen({prior}, monitor)"
            inject["after"] = "5m"
        else:
            inject["at"] = f"{rng.randint(0, duration - 1800)}s"
        if n % 10 == 0:
            inject["decision"] = {
                "role": roles[0],
                "prompt": {"en": "How do you respond?", "nl": "Hoe reageert u?"},
                "deadline": "20m",
                "default": "monitor",
                "options": [
                    {"id": "act", "label": "Act", "effects": {"energy": 5, "trust": 2}},
                    {"id": "monitor", "label": "Monitor", "effects": {"trust": -3}},
                ],
            }
            inject["expected"] = [{"option": "act", "within": "10m", "objective": "obj-1"}]
        items.append(inject)
    return {
        "format": 1,
        "id": "bench",
        "title": "Benchmark scenario",
        "duration": "3h",
        "speed": 60,
        "objectives": [{"id": "obj-1", "pillar": "vital-processes", "text": "Respond in time"}],
        "phases": [
            {"id": "hybrid", "title": "Hybrid campaign", "level": "L1", "at": 0},
            {"id": "pre-conflict", "title": "Heightened readiness", "level": "L2", "at": "90m"},
        ],
        "roles": [{"id": r, "title": r.upper()} for r in ROLES],
        "indicators": [
            {"id": "energy", "title": "Energy", "pillar": "vital-processes", "start": 80},
            {"id": "trust", "title": "Trust", "pillar": "resilient-society", "start": 70},
        ],
        "injects": items,
    }


def generate_text(injects: int = 10_000, seed: int = 7) -> str:
    return yaml.safe_dump(generate(injects, seed), sort_keys=False, allow_unicode=True)
