"""Decision latency against deadlines, per role: as inline SVG and in words.

Each player role gets a bar that stands for the deadline (its full length is the time a
decision allowed, whatever that was); each decision taken is a dot at the share of its
deadline it used, and each deadline let pass is a cross at the bar's end. Decisions without
a deadline have no bar to sit on: the words count them.

Bounded like the swimlane: at most MAX_LANES roles, and per role one dot per pixel column
(one path).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from markupsafe import Markup

from .charts import FONT
from .report import Report
from .swimlane import MAX_LANES
from .templating import html as escape
from .text import span
from .words import Words

_ROW_H = 22
_TOP = 10
_LABEL_W = 230  # room for the role titles, as in the swimlane
_RIGHT_W = 110  # room for the count of misses
_SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)
_TAKEN = "#154273"
_MISSED = "#d52b1e"
_BAR = "#dfe6ee"


@dataclass
class RoleLatency:
    """One role's decisions against their deadlines."""

    role: str
    title: str
    used: list[float] = field(default_factory=list)  # share of the deadline, 0..1
    latencies: list[float] = field(default_factory=list)  # of decisions with a deadline
    missed: int = 0
    free: int = 0  # decisions taken without a deadline

    @property
    def empty(self) -> bool:
        return not (self.used or self.missed or self.free)


def role_latencies(report: Report) -> list[RoleLatency]:
    """A row per player role that decided anything, in the scenario's order of roles."""
    by_role = {
        role.id: RoleLatency(role.id, role.title)
        for role in report.overview.roles
        if role.kind == "player"
    }
    for row in report.each_decision():
        found = by_role.get(row.role)
        if found is None:
            continue
        if row.kind == "missed":
            found.missed += 1
        elif row.kind == "decision":
            deadline, latency = row.deadline, row.latency
            if deadline is None or deadline <= 0 or latency is None or not math.isfinite(latency):
                found.free += 1
            else:
                found.used.append(min(max(latency / deadline, 0.0), 1.0))
                found.latencies.append(latency)
    return [r for r in by_role.values() if not r.empty]


def latency_svg(report: Report, w: Words, width: int = 960) -> Markup:
    """The chart (empty text when no role took or missed a decision with a deadline)."""
    shown = [r for r in role_latencies(report) if r.used or r.missed]
    if not shown:
        return Markup()
    hidden = max(len(shown) - MAX_LANES, 0)
    shown = shown[:MAX_LANES]
    plot_w = width - _LABEL_W - _RIGHT_W
    bottom = _TOP + _ROW_H * len(shown)
    height = bottom + 44 + (14 if hidden else 0)
    title = escape(w("Decision latency against deadlines"))

    def x(share: float) -> float:
        return _LABEL_W + plot_w * share

    out = [
        Markup(
            '<svg class="chart latency" viewBox="0 0 {} {}" width="100%" role="img" '
            'aria-label="{}" {} font-size="11">'
        ).format(width, height, title, FONT),
        Markup("<title>{}</title>").format(title),
    ]
    for n, r in enumerate(shown):
        mid = _TOP + _ROW_H * n + _ROW_H / 2
        out.append(
            Markup(
                '<text x="{}" y="{:.1f}" text-anchor="end" fill="#222">'
                "{}</text>"
                '<rect x="{:.1f}" y="{:.1f}" width="{}" height="8" fill="{}"/>'
            ).format(
                _LABEL_W - 6, mid + 4, escape(_short(r.title, 36)), x(0), mid - 4, plot_w, _BAR
            )
        )
        columns = sorted({round(x(share)) for share in r.used})
        if columns:
            d = "".join(f"M{px - 3},{mid:.1f}a3,3 0 1,0 6,0a3,3 0 1,0 -6,0" for px in columns)
            out.append(Markup('<path d="{}" fill="{}" fill-opacity="0.8"/>').format(d, _TAKEN))
        if r.missed:
            end = x(1.0)
            out.append(
                Markup(
                    '<path d="M{:.1f},{:.1f}l8,8m0,-8l-8,8" stroke="{}" '
                    'stroke-width="2"/>'
                    '<text x="{:.1f}" y="{:.1f}" fill="{}">'
                    "{}</text>"
                ).format(
                    end - 4,
                    mid - 4,
                    _MISSED,
                    end + 10,
                    mid + 4,
                    _MISSED,
                    escape(w.plural(r.missed, "{n} missed", "{n} missed")),
                )
            )
    for share in _SHARES:
        px = x(share)
        anchor = "end" if share == 1.0 else "middle" if share else "start"
        label = w("deadline") if share == 1.0 else f"{share * 100:.0f}%"
        out.append(
            Markup(
                '<path d="M{:.1f},{}V{}" stroke="#888" stroke-dasharray="2,3"/>'
                '<text x="{:.1f}" y="{}" text-anchor="{}" fill="#555">'
                "{}</text>"
            ).format(px, _TOP, bottom + 4, px, bottom + 16, anchor, escape(label))
        )
    y = bottom + 36
    taken_label = escape(w("decision: share of its deadline used"))
    missed_label = escape(w("deadline missed"))
    out.append(
        Markup(
            '<circle cx="{}" cy="{}" r="3" fill="{}"/>'
            '<text x="{}" y="{}" fill="#333">{}</text>'
            '<path d="M{},{}l8,8m0,-8l-8,8" stroke="{}" stroke-width="2"/>'
            '<text x="{}" y="{}" fill="#333">{}</text>'
        ).format(
            _LABEL_W + 4,
            y - 4,
            _TAKEN,
            _LABEL_W + 12,
            y,
            taken_label,
            _LABEL_W + 296,
            y - 8,
            _MISSED,
            _LABEL_W + 310,
            y,
            missed_label,
        )
    )
    if hidden:
        out.append(
            Markup('<text x="{}" y="{}" fill="#555">{}</text>').format(
                _LABEL_W, height - 2, escape(w("and {n} more roles", n=hidden))
            )
        )
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def latency_words(report: Report, w: Words) -> list[str]:
    """The same in words, a line per role, for Markdown and the console."""
    lines = []
    for r in role_latencies(report):
        parts = []
        if r.used:
            parts.append(
                w(
                    "{decisions} against a deadline: median {wait} ({share} of the deadline), "
                    "at most {most}",
                    decisions=w.plural(len(r.used), "{n} decision", "{n} decisions"),
                    wait=span(statistics.median(r.latencies)),
                    share=_percent(statistics.median(r.used), w),
                    most=_percent(max(r.used), w),
                )
            )
        if r.missed:
            parts.append(
                w(
                    "{deadlines} missed",
                    deadlines=w.plural(r.missed, "{n} deadline", "{n} deadlines"),
                )
            )
        if r.free:
            parts.append(
                w.plural(
                    r.free, "{n} decision without a deadline", "{n} decisions without a deadline"
                )
            )
        lines.append(f"{r.title}: " + "; ".join(parts))
    return lines


def _percent(share: float, w: Words) -> str:
    return f"{w.number(share * 100, 0)}%"


def _short(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"
