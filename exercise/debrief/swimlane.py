"""Who did what when: one lane per role over scenario time, as inline SVG and in words.

Each lane shows the injects the role received, its decisions (with a line back to the
delivery, so a long wait shows as a long line), the deadlines it missed, the measures it
took and its decisions on its own initiative, over the phase bands of the session.

Bounded whatever the journal holds: per lane and kind of mark at most one mark per pixel
column (one path each), at most MAX_LANES lanes, and the time ticks of `charts`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..safetext import html_escape as escape
from .charts import _LEVEL_COLOURS, FONT, MAX_TICKS, _end, _tick_label, tick_step
from .report import Report
from .text import span
from .words import Words

MAX_LANES = 40  # roles drawn; the rest are counted under the chart
Scale = Callable[[float], float]  # scenario time to x
_LANE_H = 24
_TOP = 22  # room for the phase labels
_LABEL_W = 230  # room for the role titles
_COLOURS = {
    "inject": "#8a8a8a",
    "decision": "#154273",
    "missed": "#d52b1e",
    "measure": "#39870c",
    "self-decision": "#7a3e9d",
}


@dataclass
class Lane:
    """One role's marks over scenario time."""

    role: str
    title: str
    received: list[float] = field(default_factory=list)
    decided: list[tuple[float, float]] = field(default_factory=list)  # (t, latency)
    missed: list[float] = field(default_factory=list)
    measures: list[float] = field(default_factory=list)
    own: list[float] = field(default_factory=list)  # decisions on own initiative

    @property
    def empty(self) -> bool:
        return not (self.received or self.decided or self.missed or self.measures or self.own)


def lanes(report: Report) -> list[Lane]:
    """A lane per player role with anything to show, in the scenario's order of roles."""
    by_role = {
        role.id: Lane(role.id, role.title)
        for role in report.overview.roles
        if role.kind == "player"
    }
    for inject in report.each_delivery():
        for role in inject.to:
            if role in by_role:
                by_role[role].received.append(inject.t)
    for row in report.each_decision():
        lane = by_role.get(row.role)
        if lane is None:
            continue
        if row.kind == "decision":
            lane.decided.append((row.t, row.latency or 0.0))
        elif row.kind == "missed":
            lane.missed.append(row.t)
        elif row.kind == "measure":
            lane.measures.append(row.t)
        else:
            lane.own.append(row.t)
    return [lane for lane in by_role.values() if not lane.empty]


def swimlane_svg(report: Report, w: Words, width: int = 960) -> str:
    """The lanes as an inline SVG chart (empty text when no role did or received anything)."""
    shown = lanes(report)
    if not shown:
        return ""
    hidden = max(len(shown) - MAX_LANES, 0)
    shown = shown[:MAX_LANES]
    end = _end(report.overview.played)
    plot_w = width - _LABEL_W - 12
    height = _TOP + _LANE_H * len(shown) + 40

    def x(t: float) -> float:
        return _LABEL_W + plot_w * (min(max(t, 0.0), end) / end)

    out = [
        f'<svg class="chart swimlane" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(w("Who did what when"))}" {FONT} font-size="11">',
        f"<title>{escape(w('Who did what when'))}</title>",
    ]
    bottom = _TOP + _LANE_H * len(shown)
    phases = report.escalation.phases
    for n, change in enumerate(phases):
        x0 = x(change.t)
        x1 = x(phases[n + 1].t) if n + 1 < len(phases) else x(end)
        if x1 - x0 < 0.5:
            continue
        colour = _LEVEL_COLOURS.get(change.level, "#eee")
        out.append(
            f'<rect x="{x0:.1f}" y="{_TOP}" width="{x1 - x0:.1f}" height="{bottom - _TOP}" '
            f'fill="{colour}" fill-opacity="0.45"/>'
        )
        if x1 - x0 > 24:
            out.append(
                f'<text x="{x0 + 3:.1f}" y="{_TOP - 6}" fill="#333">{escape(change.level)}</text>'
            )
    for row, lane in enumerate(shown):
        mid = _TOP + _LANE_H * row + _LANE_H / 2
        out.append(
            f'<line x1="{_LABEL_W}" y1="{mid + _LANE_H / 2:.1f}" x2="{width - 12}" '
            f'y2="{mid + _LANE_H / 2:.1f}" stroke="#fff"/>'
        )
        out.append(
            f'<text x="{_LABEL_W - 6}" y="{mid + 4:.1f}" text-anchor="end" fill="#222">'
            f"{escape(_short(lane.title, 36))}</text>"
        )
        out += _marks(lane, mid, x)
    out += _axis(end, bottom, x)
    out += _legend(bottom + 30, w)
    if hidden:
        out.append(
            f'<text x="{_LABEL_W}" y="{height - 2}" fill="#555">'
            f"{escape(w('and {n} more roles', n=hidden))}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _marks(lane: Lane, mid: float, x: Scale) -> list[str]:
    out = []
    received = sorted({round(x(t)) for t in lane.received})
    if received:
        d = "".join(f"M{px},{mid - 8:.1f}v4" for px in received)
        out.append(f'<path d="{d}" stroke="{_COLOURS["inject"]}" stroke-width="1"/>')
    # per pixel column the longest wait of the decisions taken there
    waits: dict[int, float] = {}
    for t, latency in lane.decided:
        px = round(x(t))
        waits[px] = max(waits.get(px, 0.0), latency)
    if waits:
        lines = "".join(
            f"M{round(x_start)},{mid:.1f}H{px}"
            for px, latency in sorted(waits.items())
            if (x_start := _back(px, latency, x)) < px
        )
        if lines:
            out.append(f'<path d="{lines}" stroke="{_COLOURS["decision"]}" stroke-opacity="0.5"/>')
        dots = "".join(f"M{px - 3},{mid:.1f}a3,3 0 1,0 6,0a3,3 0 1,0 -6,0" for px in sorted(waits))
        out.append(f'<path d="{dots}" fill="{_COLOURS["decision"]}"/>')
    for kind, times, shape in (
        ("missed", lane.missed, "M{px},{y}m-3,-3l6,6m0,-6l-6,6"),
        ("measure", lane.measures, "M{px},{y}m0,-4l4,4l-4,4l-4,-4z"),
        ("self-decision", lane.own, "M{px},{y}m0,-4l4,7h-8z"),
    ):
        columns = sorted({round(x(t)) for t in times})
        if not columns:
            continue
        d = "".join(shape.format(px=px, y=f"{mid:.1f}") for px in columns)
        colour = _COLOURS[kind]
        paint = f'stroke="{colour}" stroke-width="2"' if kind == "missed" else f'fill="{colour}"'
        out.append(f'<path d="{d}" {paint}/>')
    return out


def _back(px: int, latency: float, x: Scale) -> float:
    """Where a decision's line starts: at the delivery, `latency` before the decision."""
    zero = x(0.0)
    return max(px - latency * (x(1.0) - zero), zero)


def _axis(end: float, bottom: float, x: Scale) -> list[str]:
    step = tick_step(end, MAX_TICKS - 1)
    out = []
    t = 0.0
    while t <= end + 1e-9:
        px = x(t)
        anchor = "end" if t + step > end + 1e-9 and t > 0 else "middle"  # the last stays inside
        out.append(
            f'<path d="M{px:.1f},{bottom:.0f}v4" stroke="#555"/>'
            f'<text x="{px:.1f}" y="{bottom + 15:.0f}" text-anchor="{anchor}" fill="#555">'
            f"{escape(_tick_label(t, step))}</text>"
        )
        t += step
    return out


def _legend(y: float, w: Words) -> list[str]:
    items = (
        ("inject", w("inject received")),
        ("decision", w("decision (line: since delivery)")),
        ("missed", w("deadline missed")),
        ("measure", w("measure")),
        ("self-decision", w("own initiative")),
    )
    out = []
    px = _LABEL_W
    for kind, label in items:
        out.append(
            f'<rect x="{px}" y="{y - 8:.0f}" width="8" height="8" fill="{_COLOURS[kind]}"/>'
            f'<text x="{px + 12}" y="{y:.0f}" fill="#333">{escape(label)}</text>'
        )
        px += 28 + 7 * len(label)
    return out


def swimlane_words(report: Report, w: Words) -> list[str]:
    """The same picture in words, a line per role, for Markdown and the console."""
    lines = []
    for lane in lanes(report):
        waits = sorted(latency for _t, latency in lane.decided)
        median = waits[len(waits) // 2] if waits else None
        first = min(
            [t for t, _l in lane.decided] + lane.missed + lane.measures + lane.own, default=None
        )
        parts = [
            w(
                "{injects} received",
                injects=w.plural(len(lane.received), "{n} inject", "{n} injects"),
            )
        ]
        if lane.decided:
            parts.append(
                w(
                    "{decisions}, median {wait} after delivery",
                    decisions=w.plural(len(lane.decided), "{n} decision", "{n} decisions"),
                    wait=span(median),
                )
            )
        if lane.missed:
            parts.append(
                w(
                    "{deadlines} missed",
                    deadlines=w.plural(len(lane.missed), "{n} deadline", "{n} deadlines"),
                )
            )
        if lane.measures:
            parts.append(w.plural(len(lane.measures), "{n} measure", "{n} measures"))
        if lane.own:
            parts.append(
                w.plural(
                    len(lane.own), "{n} self-initiated decision", "{n} self-initiated decisions"
                )
            )
        if first is not None:
            parts.append(w("first action at {at}", at=_tick_label(first)))
        lines.append(f"{lane.title}: " + "; ".join(parts))
    return lines


def _short(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"
