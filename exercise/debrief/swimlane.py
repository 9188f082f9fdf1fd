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

from markupsafe import Markup

from .charts import _LEVEL_COLOURS, FONT, MAX_TICKS, _end, _tick_label, tick_step
from .report import Report
from .templating import html as escape
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


def swimlane_svg(report: Report, w: Words, width: int = 960) -> Markup:
    """The lanes as an inline SVG chart (empty text when no role did or received anything)."""
    shown = lanes(report)
    if not shown:
        return Markup()
    hidden = max(len(shown) - MAX_LANES, 0)
    shown = shown[:MAX_LANES]
    end = _end(report.overview.played)
    plot_w = width - _LABEL_W - 12
    height = _TOP + _LANE_H * len(shown) + 40

    def x(t: float) -> float:
        return _LABEL_W + plot_w * (min(max(t, 0.0), end) / end)

    out = [
        Markup(
            '<svg class="chart swimlane" viewBox="0 0 {} {}" width="100%" role="img" '
            'aria-label="{}" {} font-size="11">'
        ).format(width, height, escape(w("Who did what when")), FONT),
        Markup("<title>{}</title>").format(escape(w("Who did what when"))),
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
            Markup(
                '<rect x="{:.1f}" y="{}" width="{:.1f}" height="{}" fill="{}" fill-opacity="0.45"/>'
            ).format(x0, _TOP, x1 - x0, bottom - _TOP, colour)
        )
        if x1 - x0 > 24:
            out.append(
                Markup('<text x="{:.1f}" y="{}" fill="#333">{}</text>').format(
                    x0 + 3, _TOP - 6, escape(change.level)
                )
            )
    for row, lane in enumerate(shown):
        mid = _TOP + _LANE_H * row + _LANE_H / 2
        out.append(
            Markup('<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="#fff"/>').format(
                _LABEL_W, mid + _LANE_H / 2, width - 12, mid + _LANE_H / 2
            )
        )
        out.append(
            Markup('<text x="{}" y="{:.1f}" text-anchor="end" fill="#222">{}</text>').format(
                _LABEL_W - 6, mid + 4, escape(_short(lane.title, 36))
            )
        )
        out += _marks(lane, mid, x)
    out += _axis(end, bottom, x)
    out += _legend(bottom + 30, w)
    if hidden:
        out.append(
            Markup('<text x="{}" y="{}" fill="#555">{}</text>').format(
                _LABEL_W, height - 2, escape(w("and {n} more roles", n=hidden))
            )
        )
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def _marks(lane: Lane, mid: float, x: Scale) -> list[Markup]:
    out = []
    received = sorted({round(x(t)) for t in lane.received})
    if received:
        d = "".join(f"M{px},{mid - 8:.1f}v4" for px in received)
        out.append(
            Markup('<path d="{}" stroke="{}" stroke-width="1"/>').format(d, _COLOURS["inject"])
        )
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
            out.append(
                Markup('<path d="{}" stroke="{}" stroke-opacity="0.5"/>').format(
                    lines, _COLOURS["decision"]
                )
            )
        dots = "".join(f"M{px - 3},{mid:.1f}a3,3 0 1,0 6,0a3,3 0 1,0 -6,0" for px in sorted(waits))
        out.append(Markup('<path d="{}" fill="{}"/>').format(dots, _COLOURS["decision"]))
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
        paint = Markup('stroke="{}" stroke-width="2"') if kind == "missed" else Markup('fill="{}"')
        out.append(Markup('<path d="{}" {}/>').format(d, paint.format(colour)))
    return out


def _back(px: int, latency: float, x: Scale) -> float:
    """Where a decision's line starts: at the delivery, `latency` before the decision."""
    zero = x(0.0)
    return max(px - latency * (x(1.0) - zero), zero)


def _axis(end: float, bottom: float, x: Scale) -> list[Markup]:
    step = tick_step(end, MAX_TICKS - 1)
    out = []
    t = 0.0
    while t <= end + 1e-9:
        px = x(t)
        anchor = "end" if t + step > end + 1e-9 and t > 0 else "middle"  # the last stays inside
        out.append(
            Markup(
                '<path d="M{:.1f},{:.0f}v4" stroke="#555"/>'
                '<text x="{:.1f}" y="{:.0f}" text-anchor="{}" fill="#555">'
                "{}</text>"
            ).format(px, bottom, px, bottom + 15, anchor, escape(_tick_label(t, step)))
        )
        t += step
    return out


def _legend(y: float, w: Words) -> list[Markup]:
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
            Markup(
                '<rect x="{}" y="{:.0f}" width="8" height="8" fill="{}"/>'
                '<text x="{}" y="{:.0f}" fill="#333">{}</text>'
            ).format(px, y - 8, _COLOURS[kind], px + 12, y, escape(label))
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
